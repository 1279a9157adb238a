//! Golden files: the `UPDATE=1` switch and the comparison every golden test of
//! the workspace makes, so that `parcours` and `parcours-report` (and any crate
//! after them) report a difference the same way.

use std::path::Path;

/// Whether golden files are being rewritten (`UPDATE=1`).
pub fn updating() -> bool {
    std::env::var_os("UPDATE").is_some_and(|v| v == "1")
}

/// Compares `actual` with the golden file at `path`, or rewrites it with
/// `UPDATE=1`. A difference (or a file that cannot be written) is pushed onto
/// `failures`, described by its first differing line, so that one test run
/// lists every golden file that moved.
pub fn golden(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if updating() {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, actual));
        if let Err(e) = written {
            failures.push(format!("{}: cannot be written: {e}", path.display()));
        }
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{} differs from line {} (UPDATE=1 to accept):\n  expected: {:?}\n  actual:   {:?}",
                path.display(),
                line + 1,
                expected.lines().nth(line).unwrap_or(""),
                actual.lines().nth(line).unwrap_or("")
            ));
        }
        Err(_) => failures.push(format!(
            "{} is missing (UPDATE=1 to write it)",
            path.display()
        )),
    }
}

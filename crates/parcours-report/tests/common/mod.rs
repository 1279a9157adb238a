//! What the golden tests of `parcours-report` share: where the repository is, and
//! comparing a view with its golden file (or rewriting it with `UPDATE=1`).
// Each test binary uses a part of it.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether golden files are being rewritten (`UPDATE=1`).
pub fn updating() -> bool {
    std::env::var_os("UPDATE").is_some_and(|v| v == "1")
}

/// Compares `actual` with the golden file at `path` (or rewrites it with
/// `UPDATE=1`); a difference is described by its first differing line.
pub fn golden(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
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

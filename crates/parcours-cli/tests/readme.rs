//! The README's examples run as written.
//!
//! Every ` ```sh ` block of `README.md` is read; each line that calls `parcours`
//! (or `cargo run … -p parcours-cli --`, which builds the same binary) runs in
//! `bash`, where `parcours` is this build's binary, after the block's variable
//! lines (`C=…`). They run in a temporary folder holding a copy of `curricula/`,
//! so the README's relative paths resolve as from the repository's root and what
//! the examples write (`> cursus.svg`, `--out`, `--report`) lands in the
//! temporary folder, never over an input. Each must exit 0, or the code its
//! comment documents (`# exit 1`). Lines that call neither (`bash
//! tests/run-all.sh`, `cargo install`) are left out: they are not examples of
//! the command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::path::Path;
use std::process::Command;

/// One runnable line of the README: its block's variables, the line, the exit
/// code it documents.
struct Example {
    variables: Vec<String>,
    line: String,
    code: i32,
}

/// The runnable lines of the README's `sh` blocks, in order.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut variables: Vec<String> = Vec::new();
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            variables.clear();
            continue;
        }
        if !in_sh || trimmed.is_empty() {
            continue;
        }
        let is_variable = trimmed.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase())
        });
        if is_variable {
            variables.push(trimmed.to_string());
            continue;
        }
        let line = trimmed.replace("cargo run --release -p parcours-cli --", "parcours");
        if !line.starts_with("parcours ") {
            continue;
        }
        let code = line
            .rsplit_once("# exit ")
            .and_then(|(_, n)| n.trim().parse().ok())
            .unwrap_or(0);
        out.push(Example {
            variables: variables.clone(),
            line,
            code,
        });
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_readme_examples_run_as_written() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 20,
        "only {} runnable examples found in README.md",
        examples.len()
    );
    let dir = std::env::temp_dir().join(format!("parcours-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root.join("curricula"), &dir.join("curricula"));
    let binary = env!("CARGO_BIN_EXE_parcours");
    let mut failures = Vec::new();
    for example in &examples {
        let mut script = format!("parcours() {{ '{binary}' \"$@\"; }}\n");
        for v in &example.variables {
            script.push_str(v);
            script.push('\n');
        }
        script.push_str(&example.line);
        script.push('\n');
        let mut command = Command::new("bash");
        command.arg("-c").arg(&script).current_dir(&dir);
        let output = common::output_within(command, 300);
        let code = common::code(&output);
        if code != example.code {
            failures.push(format!(
                "{}\n  exit {code}, the README documents {}\n{}",
                example.line,
                example.code,
                common::text(&output.stderr)
            ));
        }
    }
    // What the examples write is in the temporary folder, beside the copy.
    for written in [
        "cursus.svg",
        "dossier.html",
        "recommandations.ndjson",
        "rapport.html",
    ] {
        assert!(dir.join(written).is_file(), "{written} was not written");
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn examples_are_read_from_sh_blocks_only_with_their_documented_codes() {
    let readme = "```sh\nC=a.json\nparcours validate $C   # exit 1\nbash x.sh\n```\n```text\nparcours no\n```\n```sh\ncargo run --release -p parcours-cli -- schema\n```\n";
    let found = examples(readme);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].variables, ["C=a.json"]);
    assert_eq!(found[0].code, 1);
    assert_eq!(found[1].line, "parcours schema");
    assert!(found[1].variables.is_empty());
}

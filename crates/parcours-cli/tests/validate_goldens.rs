//! What a designer reads: `parcours validate` in human form, byte for byte, for the
//! fixtures that show the validator at its most helpful (every problem in one pass,
//! the hints for French habits), in French and with `--lang en`.
//!
//! The goldens are `tests/golden/validate/NAME.LANG.txt`; `UPDATE=1 cargo test -p
//! parcours-cli --test validate_goldens` rewrites them. The JSON form of the same
//! diagnostics is checked against `tests/fixtures/curricula/invalid/NAME.expected.json`
//! by `cli.rs`.

// Tests fail loudly by design.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixtures whose human report is kept (under `tests/fixtures/curricula/invalid/`).
const SHOWN: &[&str] = &[
    "combo-every-problem-at-once",
    "syntax-decimal-comma",
    "syntax-unescaped-quote",
    "type-duration-text",
    "hours-minutes",
    "invalid-id-accent",
    "type-level-name",
    "unknown-value-french",
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn human_reports_match_their_goldens() {
    let update = std::env::var_os("UPDATE").is_some();
    let mut failures = Vec::new();
    for name in SHOWN {
        // A path relative to the repository, so that the report is the same on
        // every machine.
        let relative = format!("tests/fixtures/curricula/invalid/{name}.json");
        assert!(
            repo_root().join(&relative).exists(),
            "{relative} is missing"
        );
        for lang in ["fr", "en"] {
            let output = Command::new(env!("CARGO_BIN_EXE_parcours"))
                .current_dir(repo_root())
                .args(["validate", &relative, "--lang", lang])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "{stderr}");
            let report = String::from_utf8(output.stdout).unwrap();
            let golden = repo_root().join(format!("tests/golden/validate/{name}.{lang}.txt"));
            let expected = std::fs::read_to_string(&golden).unwrap_or_default();
            if report != expected {
                if update {
                    std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
                    std::fs::write(&golden, &report).unwrap();
                } else {
                    failures.push(format!(
                        "{}: differs\n--- expected\n{expected}\n--- actual\n{report}",
                        golden.display()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run `UPDATE=1 cargo test -p parcours-cli --test validate_goldens` if the change is intended)",
        failures.join("\n")
    );
}

/// The promise of the README: a structural error does not hide the rest. The
/// fixture has one of each kind, and all four come out of one run.
#[test]
fn every_problem_comes_out_in_one_run() {
    let relative = "tests/fixtures/curricula/invalid/combo-every-problem-at-once.json";
    let output = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .current_dir(repo_root())
        .args(["validate", relative, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = report[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["type", "cycle", "unknown-audience", "level-out-of-scale"]
    );
}

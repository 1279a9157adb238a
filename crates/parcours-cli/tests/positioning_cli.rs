//! `parcours validate` and `parcours schema` on positioning documents, run as a user
//! would: instruments are detected and their citations checked against
//! `--curricula`; answer files are read against `--instrument`, with what was
//! detected on standard error only and no cell anywhere in the output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the parcours binary runs")
}

fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("exited normally, not by a signal")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const INSTRUMENT: &str = "curricula/positioning/instrument.json";

#[test]
fn the_schema_command_prints_the_committed_instrument_and_answers_schemas() {
    for kind in ["instrument", "answers"] {
        let output = run(&["schema", kind]);
        assert_eq!(code(&output), 0);
        let committed =
            std::fs::read(root().join(format!("curricula/schema/{kind}.schema.json"))).unwrap();
        assert!(
            output.stdout == committed,
            "`parcours schema {kind}` differs from curricula/schema/{kind}.schema.json: regenerate and commit it"
        );
    }
}

#[test]
fn the_bundled_instrument_is_valid_against_the_bundled_curricula() {
    let output = run(&[
        "validate",
        "--deny-warnings",
        "--curricula",
        "curricula",
        INSTRUMENT,
    ]);
    assert_eq!(
        code(&output),
        0,
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

#[test]
fn a_broken_citation_is_reported_at_its_line_only_with_curricula() {
    let file = "tests/fixtures/instruments/invalid/unknown-module.json";
    let with = run(&[
        "validate",
        "--format",
        "json",
        "--curricula",
        "curricula",
        file,
    ]);
    assert_eq!(code(&with), 1);
    let report: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    let d = &report[0]["diagnostics"][0];
    assert_eq!(d["code"], "unknown-module");
    assert_eq!(d["pointer"], "/items/1/modules/0");
    assert!(d["line"].as_u64().is_some());
    // Without the curricula, the citation's form is all that can be checked.
    let without = run(&["validate", file]);
    assert_eq!(code(&without), 0, "{}", text(&without.stdout));
}

#[test]
fn answers_are_checked_against_the_instrument_and_the_detection_goes_to_stderr() {
    let output = run(&[
        "validate",
        "--instrument",
        INSTRUMENT,
        "curricula/positioning/etablissement-2026.csv",
    ]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let err = text(&output.stderr);
    assert!(
        err.contains("UTF-8 (BOM)") && err.contains("« ; »") && err.contains("CRLF"),
        "{err}"
    );
    assert!(
        err.contains("40 répondant(s)") && err.contains("2 colonne(s) ignorée(s) (A, B)"),
        "{err}"
    );
    let out = text(&output.stdout);
    assert!(
        !out.contains("UTF-8") && !out.contains("example.org"),
        "{out}"
    );
}

#[test]
fn answers_need_an_instrument() {
    let output = run(&["validate", "curricula/positioning/etablissement-2026.csv"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--instrument"));
}

#[test]
fn broken_answers_show_no_cell_and_no_source_line() {
    let output = run(&[
        "validate",
        "--lang",
        "en",
        "--instrument",
        "tests/fixtures/answers/instrument.json",
        "tests/fixtures/answers/invalid/not-on-scale.csv",
        "tests/fixtures/answers/invalid/college-value.csv",
        "tests/fixtures/answers/invalid/row-length.csv",
    ]);
    assert_eq!(code(&output), 1);
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    for cell in ["Peut-être", "Bénévole", "Jean", "Dupont", "5,5", "Oui"] {
        assert!(
            !all.contains(cell),
            "the output shows the cell {cell}:\n{all}"
        );
    }
    assert!(all.contains("row 3, column D"), "{all}");
    assert!(!all.contains(" | "), "no source line is shown:\n{all}");
}

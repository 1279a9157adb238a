//! What reading answers promises that only the crate's internals can check:
//!
//! * No diagnostic of a fixture under `tests/fixtures/answers/invalid/`, in either
//!   language, contains the content of any of its cells (answers are personal
//!   data); cells are listed by an RFC 4180 reader independent of the one under
//!   test, on the text the crate decodes, and compared after the crate's own label
//!   normalisation.
//! * Any bytes give diagnostics, never a panic, whether read as CSV (through
//!   [`crate::read_answers`]) or as JSON ([`read_json`]); a JSON file with a syntax
//!   error gives no table.
//!
//! The other properties of answer files are in `tests/answers.rs`.
#![cfg(test)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::positioning::answers::{read_json, AnswerTable, ReadOptions, ReadReport};
use crate::positioning::instrument::CheckedInstrument;
use crate::positioning::labels::normalize;
use crate::read::code::{Code, Severity};
use crate::read::decode::spreadsheet;
use crate::read::diagnostic::Diagnostic;
use crate::read::locale::Lang;
use crate::read::outcome::Outcome;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/answers")
}

fn instrument() -> CheckedInstrument {
    let outcome =
        crate::load_instrument(&std::fs::read(dir().join("instrument.json")).unwrap(), None);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// What reading gives, in one value: the table and its diagnostics.
struct AnswersOutcome {
    table: Option<AnswerTable>,
    diagnostics: Vec<Diagnostic>,
}

impl AnswersOutcome {
    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

fn both((outcome, _report): (Outcome<AnswerTable>, ReadReport)) -> AnswersOutcome {
    AnswersOutcome {
        table: outcome.value,
        diagnostics: outcome.diagnostics,
    }
}

fn read_answers(ins: &CheckedInstrument, bytes: &[u8], options: &ReadOptions) -> AnswersOutcome {
    both(crate::read_answers(ins, bytes, options))
}

fn files(folder: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with(".expected.json")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

/// A small RFC 4180 reader, independent of the one under test, to list the cells of
/// a fixture.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let Ok((text, _)) = spreadsheet(bytes) else {
        return Vec::new();
    };
    let delimiter = if text.lines().next().unwrap_or_default().contains(';') {
        ';'
    } else {
        ','
    };
    let mut rows = vec![vec![String::new()]];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => row.push(String::new()),
            '\n' if !quoted => rows.push(vec![String::new()]),
            '\r' if !quoted => {}
            c => row.last_mut().unwrap().push(c),
        }
    }
    rows
}

/// Texts of the instrument a hint may legitimately quote (labels, ids, numbers).
fn vocabulary(ins: &CheckedInstrument) -> Vec<String> {
    let doc = ins.document();
    let mut words: Vec<String> = Vec::new();
    for p in &doc.scale.points {
        words.push(p.label.fr.clone());
        words.extend(p.label.en.clone());
        words.extend(p.aliases.clone());
    }
    if let Some(dk) = &doc.scale.dont_know {
        words.push(dk.label.fr.clone());
        words.extend(dk.label.en.clone());
        words.extend(dk.aliases.clone());
    }
    for c in &doc.colleges {
        words.push(c.id.clone());
        words.push(c.label.fr.clone());
        words.extend(c.label.en.clone());
        words.extend(c.aliases.clone());
    }
    words.iter().map(|w| normalize(w)).collect()
}

/// Every diagnostic text, both languages, lower case.
fn texts(outcome: &AnswersOutcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .flat_map(|d| {
            [Lang::Fr, Lang::En]
                .into_iter()
                .flat_map(|l| [d.message(l), d.hint(l), d.pointer.clone()])
                .collect::<Vec<_>>()
        })
        .map(|t| normalize(&t))
        .collect()
}

#[test]
fn no_diagnostic_of_a_fixture_shows_a_cell() {
    let ins = instrument();
    let vocabulary = vocabulary(&ins);
    for path in files("invalid")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let bytes = std::fs::read(&path).unwrap();
        let outcome = read_answers(&ins, &bytes, &ReadOptions::default());
        let texts = texts(&outcome);
        for row in cells(&bytes).iter().skip(1) {
            for cell in row {
                let cell = normalize(cell);
                // Numbers could be row numbers; words of the instrument (or parts of
                // them, « Plutôt ») may be listed in a hint. Nothing else may appear.
                if cell.chars().count() < 3
                    || cell
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '/')
                    || vocabulary.iter().any(|w| w.contains(&cell))
                {
                    continue;
                }
                for text in &texts {
                    assert!(
                        !text.contains(&cell),
                        "{}: a diagnostic shows the cell «{cell}»: {text}",
                        path.display()
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_give_diagnostics_never_a_panic(
        body in prop::collection::vec(prop_oneof![
            Just(b';'), Just(b','), Just(b'"'), Just(b'\r'), Just(b'\n'), Just(0x92u8), Just(0xE9u8), Just(b'{'),
            any::<u8>(),
        ], 0..200),
        header in any::<bool>(),
    ) {
        let ins = instrument();
        let mut bytes = if header { b"Coll\xc3\xa8ge;coeur;repas\r\n".to_vec() } else { Vec::new() };
        bytes.extend(body);
        for skip in [false, true] {
            let outcome = read_answers(&ins, &bytes, &ReadOptions { skip_bad_rows: skip });
            if !skip {
                prop_assert_eq!(outcome.table.is_some(), !outcome.has_errors());
            }
            let json = both(read_json(&ins, &bytes, &ReadOptions { skip_bad_rows: skip }));
            prop_assert!(json.table.is_none() || !json.diagnostics.iter().any(|d| d.code == Code::Syntax));
        }
    }
}

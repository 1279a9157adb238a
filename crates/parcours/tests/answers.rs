//! Answer files, as spreadsheets and form tools export them.
//!
//! * Every file under `tests/fixtures/answers/{valid,invalid}/` is read against
//!   `tests/fixtures/answers/instrument.json`; the table, the report and the
//!   diagnostics (French and English) match `NAME.expected.json`
//!   (`UPDATE=1 cargo test -p parcours --test answers` rewrites them). Valid files
//!   give a table and no diagnostic; a broken file named after a code gives it, and
//!   every answer code has one.
//! * The Windows-1252 export reads exactly as the UTF-8 one.
//! * No diagnostic, in either language, contains the content of any cell of the file
//!   it is about (answers are personal data), in generated files. (The same for
//!   every fixture, and any bytes read as CSV or JSON giving diagnostics and never
//!   a panic, are unit tests in `src/positioning/answers/properties.rs`: they need
//!   the crate's own decoding, label normalisation and JSON reader.)
//! * Permuting the rows of a file permutes the table and changes nothing else.
//! * `skip_bad_rows` keeps the good rows, lists the others, and still reports why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use parcours::{AnswerTable, CheckedInstrument, Diagnostic, ReadOptions, ReadReport};
use parcours::{Code, DiagnosticOutput, Lang};
use proptest::prelude::*;
use serde::Serialize;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/answers")
}

fn instrument() -> CheckedInstrument {
    let outcome =
        parcours::load_instrument(&std::fs::read(dir().join("instrument.json")).unwrap(), None);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// What reading gives, in one value: the table, its diagnostics and what was
/// detected.
struct AnswersOutcome {
    table: Option<AnswerTable>,
    diagnostics: Vec<Diagnostic>,
    report: ReadReport,
}

impl AnswersOutcome {
    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == parcours::Severity::Error)
    }
}

fn both((outcome, report): (parcours::Outcome<AnswerTable>, ReadReport)) -> AnswersOutcome {
    AnswersOutcome {
        table: outcome.value,
        diagnostics: outcome.diagnostics,
        report,
    }
}

fn read_answers(ins: &CheckedInstrument, bytes: &[u8], options: &ReadOptions) -> AnswersOutcome {
    both(parcours::read_answers(ins, bytes, options))
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

fn read(ins: &CheckedInstrument, path: &Path) -> AnswersOutcome {
    read_answers(ins, &std::fs::read(path).unwrap(), &ReadOptions::default())
}

#[derive(Serialize)]
struct Golden<'a> {
    report: &'a parcours::ReadReport,
    table: &'a Option<parcours::AnswerTable>,
    diagnostics: Vec<DiagnosticOutput>,
    en: Vec<common::English>,
}

fn render(outcome: &AnswersOutcome) -> String {
    let golden = Golden {
        report: &outcome.report,
        table: &outcome.table,
        diagnostics: common::french(&outcome.diagnostics),
        en: common::english(&outcome.diagnostics),
    };
    common::pretty(&golden)
}

#[test]
fn golden_files_match() {
    let ins = instrument();
    let mut failures = Vec::new();
    for folder in ["valid", "invalid"] {
        for path in files(folder) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let golden = path.with_file_name(format!("{name}.expected.json"));
            let actual = render(&read(&ins, &path));
            if std::fs::read_to_string(&golden).ok().as_deref() == Some(actual.as_str()) {
                continue;
            }
            if common::updating() {
                std::fs::write(&golden, &actual).unwrap();
            } else {
                failures.push(format!("{folder}/{name}: differs from its golden file (UPDATE=1 to rewrite); actual:\n{actual}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn valid_files_give_a_table_and_no_diagnostic() {
    let ins = instrument();
    for path in files("valid") {
        let outcome = read(&ins, &path);
        assert!(
            outcome.diagnostics.is_empty(),
            "{}: {:?}",
            path.display(),
            outcome.diagnostics
        );
        let table = outcome.table.unwrap();
        assert!(!table.respondents.is_empty());
        assert_eq!(outcome.report.respondents, table.respondents.len());
    }
}

const ANSWER_CODES: &[Code] = &[
    Code::MissingColumn,
    Code::DuplicateColumn,
    Code::NotOnScale,
    Code::CollegeValue,
    Code::RowLength,
    Code::CsvSyntax,
    Code::NoAnswers,
    Code::DuplicateRespondent,
    Code::UnknownItem,
    Code::InstrumentMismatch,
    Code::Encoding,
    Code::Type,
];

#[test]
fn broken_files_give_their_code_and_no_table() {
    let ins = instrument();
    let mut covered = BTreeSet::new();
    for path in files("invalid") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let outcome = read(&ins, &path);
        assert!(outcome.table.is_none(), "{stem}: a table despite errors");
        assert!(outcome.has_errors(), "{stem}");
        let codes: BTreeSet<Code> = outcome.diagnostics.iter().map(|d| d.code).collect();
        if let Some(code) = ANSWER_CODES.iter().copied().find(|c| {
            stem == c.as_str()
                || stem
                    .strip_prefix(c.as_str())
                    .is_some_and(|r| r.starts_with('-'))
        }) {
            assert!(codes.contains(&code), "{stem}: {codes:?}");
            covered.insert(code);
        } else {
            assert!(stem.starts_with("combo-"), "{stem}: name it after a code");
        }
        for d in &outcome.diagnostics {
            assert!(d.private, "{stem}: diagnostics about answers are private");
            assert_eq!(d.severity(), d.code.severity());
            for lang in [Lang::Fr, Lang::En] {
                assert!(
                    !d.message(lang).contains('{') && !d.hint(lang).contains('{'),
                    "{stem}"
                );
            }
        }
    }
    let missing: Vec<&str> = ANSWER_CODES
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "answer codes without a fixture: {missing:?}"
    );
}

#[test]
fn errors_name_the_row_the_column_letter_and_the_header() {
    let ins = instrument();
    let outcome = read(&ins, &dir().join("invalid/not-on-scale.csv"));
    let d = &outcome.diagnostics[0];
    assert_eq!((d.line, d.column), (Some(3), Some(4)));
    assert_eq!(
        d.message(Lang::Fr),
        "ligne 3, colonne D (« Les personnes choisissent leurs activit… ») : réponse hors de l'échelle"
    );
    assert!(
        d.hint(Lang::En).contains("\"Somewhat agree\""),
        "{}",
        d.hint(Lang::En)
    );
    let outcome = read(&ins, &dir().join("invalid/duplicate-column.csv"));
    assert_eq!(
        outcome.diagnostics[0].message(Lang::En),
        "row 1, column D (\"repas\"): item `repas` is already in column B"
    );
}

#[test]
fn a_windows_1252_export_reads_as_the_utf8_one() {
    let ins = instrument();
    let utf8 = read(&ins, &dir().join("valid/excel-utf8-bom.csv"));
    let cp1252 = read(&ins, &dir().join("valid/excel-windows-1252.csv"));
    assert_eq!(utf8.table, cp1252.table);
    assert_eq!(
        cp1252.report.encoding,
        Some(parcours::positioning::answers::Encoding::Windows1252)
    );
    let table = utf8.table.unwrap();
    // « PLUTÔT PAS D’ACCORD », « Plutôt d'accord » with a non-breaking space, « NSP ».
    use parcours::positioning::answers::Answer::*;
    assert_eq!(table.respondents[1].answers, [Value(2), Value(1), Blank]);
    assert_eq!(table.respondents[2].answers, [DontKnow, Value(3), Value(4)]);
    assert_eq!(table.respondents[2].college, "familles");
    assert_eq!(
        table.respondents[2].team.as_deref(),
        Some("SAVS Les Coteaux")
    );
    assert_eq!(
        table.respondents[2].row, 5,
        "row 4 is empty and passed over"
    );
    assert_eq!(
        table.respondents[4].answers,
        [Value(1), Blank, Blank],
        "a short row"
    );
}

#[test]
fn skipping_bad_rows_keeps_the_good_ones_and_says_which_were_left_out() {
    let ins = instrument();
    let bytes = std::fs::read(dir().join("invalid/combo-bad-rows.csv")).unwrap();
    let outcome = read_answers(
        &ins,
        &bytes,
        &ReadOptions {
            skip_bad_rows: true,
        },
    );
    let table = outcome.table.as_ref().unwrap();
    let rows: Vec<usize> = table.respondents.iter().map(|r| r.row).collect();
    assert_eq!(rows, [2, 4, 6]);
    assert_eq!(outcome.report.skipped_rows, [3, 5]);
    assert_eq!(outcome.report.rows, 5);
    let places: Vec<(Option<usize>, Code)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.line, d.code))
        .collect();
    assert_eq!(
        places,
        [
            (Some(3), Code::CollegeValue),
            (Some(5), Code::NotOnScale),
            (Some(5), Code::NotOnScale)
        ]
    );
    // Without the option, the same file gives no table at all.
    assert!(read_answers(&ins, &bytes, &ReadOptions::default())
        .table
        .is_none());
}

/// The instrument's `answerColumns.date` column dates each respondent, read as
/// French form tools write it; a cell that is no date is a warning naming its
/// place (never the cell), and the row is kept, undated.
#[test]
fn the_date_column_dates_each_respondent_and_a_bad_date_only_warns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bundled = parcours::load_instrument(
        &std::fs::read(root.join("curricula/positioning/instrument.json")).unwrap(),
        None,
    )
    .value
    .unwrap();
    let bytes = std::fs::read(root.join("curricula/positioning/etablissement-2026.csv")).unwrap();
    let read = read_answers(&bundled, &bytes, &ReadOptions::default());
    let table = read.table.unwrap();
    assert!(read.diagnostics.is_empty());
    assert!(table
        .respondents
        .iter()
        .all(|r| r.date.is_some_and(|d| (d.year(), d.month()) == (2026, 3))));
    assert!(!read.report.ignored_columns.contains(&"A".to_string()));
    // The first row's timestamp replaced by words.
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    let second = lines[1].replacen("02/03/2026 10:30:14", "lundi matin", 1);
    assert_ne!(second, lines[1]);
    lines[1] = &second;
    let changed = lines.join("\r\n");
    let read = read_answers(&bundled, changed.as_bytes(), &ReadOptions::default());
    assert!(!read.has_errors());
    let table = read.table.unwrap();
    assert_eq!(table.respondents.len(), 40);
    assert_eq!(table.respondents[0].date, None);
    assert!(table.respondents[1..].iter().all(|r| r.date.is_some()));
    let [d] = read.diagnostics.as_slice() else {
        panic!("{:?}", read.diagnostics)
    };
    assert_eq!(
        (d.code, d.severity()),
        (Code::AnswerDate, parcours::Severity::Warning)
    );
    assert!(d.private);
    assert_eq!((d.line, d.column), (Some(2), Some(1)));
    for lang in [Lang::Fr, Lang::En] {
        assert!(!d.message(lang).contains("lundi") && !d.hint(lang).contains("lundi"));
    }
    assert!(d
        .message(Lang::Fr)
        .starts_with("ligne 2, colonne A (« Horodateur »)"));
    // JSON answers carry the date as a field.
    let json = br#"{"formatVersion": 1, "instrument": "autopositionnement-transformation-offre",
        "respondents": [{"college": "direction", "date": "2026-03-02", "answers": {"si-1": 3}},
                        {"college": "direction", "date": "lundi", "answers": {"si-1": 2}}]}"#;
    let read = read_answers(&bundled, json, &ReadOptions::default());
    let table = read.table.unwrap();
    assert_eq!(
        table.respondents[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(table.respondents[1].date, None);
    assert_eq!(read.diagnostics.len(), 1);
    assert_eq!(read.diagnostics[0].code, Code::AnswerDate);
    assert_eq!(read.diagnostics[0].pointer, "/respondents/1/date");
}

#[test]
fn json_answers_read_like_csv_answers() {
    let ins = instrument();
    let outcome = read(&ins, &dir().join("valid/program.json"));
    let table = outcome.table.unwrap();
    use parcours::positioning::answers::Answer::*;
    assert_eq!(table.respondents[0].answers, [Value(3), Value(4), DontKnow]);
    assert_eq!(table.respondents[1].answers, [Blank, Blank, Value(1)]);
    assert_eq!(table.respondents[1].college, "personnes-accompagnees");
}

// ------------------------------------------------------------------ privacy

/// A CSV line from cells.
fn line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([';', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

const HEADER: [&str; 6] = [
    "Identifiant",
    "Collège",
    "Équipe",
    "activites",
    "repas",
    "coeur",
];

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    let mut text = line(&header);
    for row in rows {
        text.push_str("\r\n");
        text.push_str(&line(row));
    }
    text.into_bytes()
}

/// A cell that is personal and wrong: it must never be shown.
fn secret() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ;\"\n]{0,12}".prop_map(|s| format!("§{s}§"))
}

fn answer_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Plutôt d’accord".to_string()),
        Just("plutôt pas d'accord".to_string()),
        Just("TOUT À FAIT D’ACCORD".to_string()),
        Just("Pas du tout d’accord".to_string()),
        Just("Ne sait pas".to_string()),
        Just("NSP".to_string()),
        Just(String::new()),
        (1..=4i32).prop_map(|v| v.to_string()),
    ]
}

fn college_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Direction".to_string()),
        Just("professionnels".to_string()),
        Just("Résident".to_string()),
        Just("Personnes accompagnées".to_string()),
        Just("Familles".to_string()),
    ]
}

fn good_row() -> impl Strategy<Value = Vec<String>> {
    (
        college_cell(),
        "[A-Za-z ]{0,8}",
        answer_cell(),
        answer_cell(),
        answer_cell(),
    )
        .prop_map(|(c, team, a, b, d)| vec![String::new(), c, team, a, b, d])
}

/// A row where each cell may be replaced by a secret.
fn any_row() -> impl Strategy<Value = Vec<String>> {
    (
        good_row(),
        prop::collection::vec(prop::option::weighted(0.3, secret()), 6),
    )
        .prop_map(|(row, secrets)| {
            row.into_iter()
                .zip(secrets)
                .map(|(cell, secret)| secret.unwrap_or(cell))
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_diagnostic_ever_shows_a_cell(rows in prop::collection::vec(any_row(), 1..12)) {
        let ins = instrument();
        // Respondent ids are secrets too, and repeat to provoke duplicates.
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { if r[0].is_empty() { r[0] = format!("§id{}§", i % 3); } r })
            .collect();
        let bytes = csv(&rows);
        for skip in [false, true] {
            let outcome = read_answers(&ins, &bytes, &ReadOptions { skip_bad_rows: skip });
            for d in &outcome.diagnostics {
                for lang in [Lang::Fr, Lang::En] {
                    for text in [d.message(lang), d.hint(lang), d.pointer.clone()] {
                        prop_assert!(!text.contains('§'), "a cell is shown: {}", text);
                    }
                }
            }
        }
    }

    #[test]
    fn permuting_rows_permutes_the_table_only(
        rows in prop::collection::vec(good_row(), 1..15),
        seed in any::<u64>(),
    ) {
        let ins = instrument();
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r[0] = format!("r-{i}"); r })
            .collect();
        // A permutation from the seed (Fisher–Yates with a small LCG).
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut state = seed;
        for i in (1..order.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let permuted: Vec<Vec<String>> = order.iter().map(|&i| rows[i].clone()).collect();
        let a = read_answers(&ins, &csv(&rows), &ReadOptions::default());
        let b = read_answers(&ins, &csv(&permuted), &ReadOptions::default());
        prop_assert!(a.diagnostics.is_empty() && b.diagnostics.is_empty());
        prop_assert_eq!(&a.report, &b.report);
        let (ta, tb) = (a.table.unwrap(), b.table.unwrap());
        prop_assert_eq!(&ta.items, &tb.items);
        for (k, &i) in order.iter().enumerate() {
            let (mut x, y) = (ta.respondents[i].clone(), tb.respondents[k].clone());
            prop_assert_eq!(x.row, i + 2);
            prop_assert_eq!(y.row, k + 2);
            x.row = y.row;
            prop_assert_eq!(x, y);
        }
    }
}

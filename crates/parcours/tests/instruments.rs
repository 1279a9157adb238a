//! Golden tests of positioning instruments, driven by `tests/fixtures/instruments/`.
//!
//! * Every `valid/NAME.json` and `invalid/NAME.json` is loaded with
//!   `parcours::load_instrument` and the bundled curricula `transformation-offre` and
//!   `innovation-sociale-design` (so citations are checked too); its diagnostics, in
//!   French and English, are compared with `NAME.expected.json` (the shape of
//!   `tests/fixtures/README.md`, `compiles` meaning "the instrument was checked").
//!   `UPDATE=1 cargo test -p parcours --test instruments` rewrites them.
//! * A fixture named after a code yields it; every instrument code has a fixture.
//! * Every diagnostic has a line and a column, and no placeholder is left unfilled.
//! * The bundled `curricula/positioning/instrument.json` loads with no diagnostic at
//!   all against the bundled curricula, and has what issue 8 asks of it.
//!
//! That citations are checked at their pointer even without a source text is a
//! unit test of `positioning::instrument`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;
use common::root;

use std::collections::BTreeSet;
use std::path::PathBuf;

use parcours::{load_instrument, Code, Compiled, DiagnosticOutput, Lang};
use serde::Serialize;

fn curricula() -> Vec<Compiled> {
    ["transformation-offre", "innovation-sociale-design"]
        .iter()
        .map(|id| {
            let path = root().join("curricula").join(id).join("curriculum.json");
            parcours::load(&std::fs::read(&path).unwrap())
                .value
                .unwrap_or_else(|| panic!("{} does not compile", path.display()))
        })
        .collect()
}

struct Fixture {
    name: String,
    path: PathBuf,
    outcome: parcours::Outcome<parcours::CheckedInstrument>,
}

fn fixtures(folder: &str) -> Vec<Fixture> {
    let compiled = curricula();
    let given: Vec<&Compiled> = compiled.iter().collect();
    let dir = root().join("tests/fixtures/instruments").join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixture in {}", dir.display());
    paths
        .into_iter()
        .map(|path| Fixture {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            outcome: load_instrument(&std::fs::read(&path).unwrap(), Some(&given)),
            path,
        })
        .collect()
}

#[derive(Serialize)]
struct Golden {
    compiles: bool,
    diagnostics: Vec<DiagnosticOutput>,
    en: Vec<common::English>,
}

fn render(outcome: &parcours::Outcome<parcours::CheckedInstrument>) -> String {
    let golden = Golden {
        compiles: outcome.value.is_some(),
        diagnostics: common::french(&outcome.diagnostics),
        en: common::english(&outcome.diagnostics),
    };
    common::pretty(&golden)
}

#[test]
fn golden_files_match() {
    let mut failures = Vec::new();
    for folder in ["valid", "invalid"] {
        for f in fixtures(folder) {
            let golden = f.path.with_file_name(format!("{}.expected.json", f.name));
            let actual = render(&f.outcome);
            let expected = std::fs::read_to_string(&golden).ok();
            if expected.as_deref() == Some(actual.as_str()) {
                continue;
            }
            if common::updating() {
                std::fs::write(&golden, &actual).unwrap();
            } else {
                failures.push(format!(
                    "{folder}/{}.json differs from its golden file (UPDATE=1 to rewrite); actual:\n{actual}",
                    f.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The codes an instrument can produce, each with a fixture named after it.
const INSTRUMENT_CODES: &[Code] = &[
    Code::Syntax,
    Code::Type,
    Code::MissingField,
    Code::UnknownField,
    Code::OutOfRange,
    Code::FormatVersion,
    Code::InvalidId,
    Code::DuplicateId,
    Code::FrenchMissing,
    Code::MissingEnglish,
    Code::UnknownModule,
    Code::UnknownCompetency,
    Code::LevelOutOfScale,
    Code::UnknownTheme,
    Code::UnknownCollege,
    Code::UnknownCurriculum,
    Code::InvalidCitation,
    Code::MergeChain,
    Code::ScaleValues,
    Code::AmbiguousLabel,
    Code::EmptySection,
    Code::EmptyTheme,
];

fn code_in_name(name: &str) -> Option<Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| {
            name == c.as_str()
                || name
                    .strip_prefix(c.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
        })
        .max_by_key(|c| c.as_str().len())
}

#[test]
fn fixtures_named_after_a_code_yield_it_and_every_code_is_covered() {
    let mut failures = Vec::new();
    let mut named = BTreeSet::new();
    for f in fixtures("invalid") {
        let codes: BTreeSet<Code> = f.outcome.diagnostics.iter().map(|d| d.code).collect();
        match code_in_name(&f.name) {
            Some(code) => {
                named.insert(code);
                if !codes.contains(&code) {
                    failures.push(format!(
                        "invalid/{}.json: no `{}` in {codes:?}",
                        f.name,
                        code.as_str()
                    ));
                }
            }
            None if f.name.starts_with("combo-") => {}
            None => failures.push(format!("invalid/{}.json: name it after a code", f.name)),
        }
        if f.outcome.diagnostics.is_empty() {
            failures.push(format!("invalid/{}.json: no diagnostic", f.name));
        }
        assert_eq!(
            f.outcome.value.is_some(),
            !f.outcome.has_errors(),
            "{}",
            f.name
        );
    }
    for code in INSTRUMENT_CODES {
        if !named.contains(code) {
            failures.push(format!("no fixture invalid/{}.json", code.as_str()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_diagnostic_is_located_and_fully_worded() {
    for folder in ["valid", "invalid"] {
        for f in fixtures(folder) {
            for d in &f.outcome.diagnostics {
                assert!(d.line.is_some() && d.column.is_some(), "{}: {d:?}", f.name);
                for lang in [Lang::Fr, Lang::En] {
                    for text in [d.message(lang), d.hint(lang)] {
                        assert!(
                            !text.contains('{') && !text.contains("`?`"),
                            "{}: {text}",
                            f.name
                        );
                        assert!(!text.trim().is_empty(), "{}: empty text", f.name);
                    }
                }
            }
        }
    }
}

#[test]
fn valid_fixtures_have_no_diagnostic() {
    for f in fixtures("valid") {
        assert!(
            f.outcome.diagnostics.is_empty(),
            "{}: {:?}",
            f.name,
            f.outcome.diagnostics
        );
        assert!(f.outcome.value.is_some());
    }
}

#[test]
fn the_bundled_instrument_is_clean_and_complete() {
    let compiled = curricula();
    let given: Vec<&Compiled> = compiled.iter().collect();
    let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
    let outcome = load_instrument(&bytes, Some(&given));
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    let instrument = outcome.value.unwrap();
    let doc = instrument.document();
    assert_eq!(doc.threshold(), 5);
    let themes: Vec<&str> = doc.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        themes,
        [
            "societe-inclusive",
            "autodetermination",
            "reponse-personnalisee",
            "logique-de-parcours",
            "co-responsabilite-territoriale",
            "ma-pratique"
        ]
    );
    // « Ma pratique » is the short section about the person answering: its items,
    // and only they, are `subject: person` (they feed individual positioning),
    // worded in the first person, each citing a competency of the curricula.
    use parcours::positioning::instrument::Subject;
    for item in &doc.items {
        let person = item.theme == "ma-pratique";
        assert_eq!(item.subject == Subject::Person, person, "{}", item.id);
        if person {
            assert!(item.text.fr.starts_with("Je "), "{}", item.id);
            assert!(!item.competencies.is_empty(), "{}", item.id);
        }
    }
    assert_eq!(doc.answer_columns.date.as_deref(), Some("Horodateur"));
    for (t, _) in doc.themes.iter().enumerate() {
        let n = (0..doc.items.len())
            .filter(|&i| instrument.theme_of(i) == t)
            .count();
        assert!((3..=5).contains(&n), "theme {t} has {n} items");
    }
    for item in &doc.items {
        assert!(
            item.objective.as_ref().is_some_and(|o| o.en.is_some()),
            "{}",
            item.id
        );
        // Items about the establishment have a plain-language wording for persons
        // supported; those about the person are for staff, in plain words already.
        assert!(
            item.subject == Subject::Person
                || item
                    .wordings
                    .iter()
                    .any(|w| w.colleges.iter().any(|c| c == "personnes-accompagnees")),
            "{}: no plain-language wording for persons supported",
            item.id
        );
        assert!(
            !item.competencies.is_empty() && !item.modules.is_empty(),
            "{}",
            item.id
        );
    }
    let familles = instrument.college_ix("familles").unwrap();
    assert_eq!(
        instrument.merge_target(familles),
        instrument.college_ix("personnes-accompagnees")
    );
    let direction = instrument.college_ix("direction").unwrap();
    assert_eq!(instrument.merge_target(direction), None);
    // Citations into both curricula.
    let cited: BTreeSet<&str> = doc
        .items
        .iter()
        .flat_map(|i| i.modules.iter().map(|m| m.split('/').next().unwrap()))
        .collect();
    assert_eq!(cited.len(), 2, "{cited:?}");
}

//! Every diagnostic says how to fix it: walks every fixture under `tests/fixtures`
//! (curricula, learner records, instruments, answers, the drawing's curriculum and
//! learner), reads each with the loader of its kind, and checks that every
//! diagnostic has a hint in French and in English that is not empty, not `?`, and
//! has no argument left unfilled (`{name}`, or the `?` a missing argument leaves).

// Tests fail loudly by design.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use parcours::{CheckedInstrument, Compiled, Diagnostic, Lang, ReadOptions};

use common::{files_under, root};

fn compiled(relative: &str) -> Compiled {
    let path = root().join(relative);
    parcours::load(&std::fs::read(&path).unwrap())
        .value
        .unwrap_or_else(|| panic!("{} does not compile", path.display()))
}

/// The instruments' fixtures cite these curricula.
fn cited_curricula() -> Vec<Compiled> {
    ["transformation-offre", "innovation-sociale-design"]
        .iter()
        .map(|id| compiled(&format!("curricula/{id}/curriculum.json")))
        .collect()
}

fn answers_instrument() -> CheckedInstrument {
    let path = root().join("tests/fixtures/answers/instrument.json");
    parcours::load_instrument(&std::fs::read(path).unwrap(), None)
        .value
        .expect("the answers' instrument loads")
}

/// What a hint must not be: its problem, if any.
fn hint_problem(hint: &str) -> Option<String> {
    if hint.trim().is_empty() {
        return Some("empty hint".into());
    }
    if hint.trim() == "?" {
        return Some("hint is `?`".into());
    }
    if let Some(hole) = common::unfilled_brace(hint) {
        return Some(format!("hint keeps {hole}"));
    }
    common::unfilled_question_mark(hint).map(|at| format!("hint misses an argument at byte {at}"))
}

#[test]
fn hint_problems_are_detected() {
    assert!(hint_problem("").is_some());
    assert!(hint_problem("  ").is_some());
    assert!(hint_problem("?").is_some());
    assert!(hint_problem("?champs possibles ici").is_some());
    assert!(hint_problem("déclarez `{id}`").is_some());
    assert!(hint_problem("vouliez-vous dire `intro` ? déclarez-le").is_none());
}

#[test]
fn every_diagnostic_of_every_fixture_has_a_hint_in_both_languages() {
    let fixtures = root().join("tests/fixtures");
    let minimal = compiled("tests/fixtures/curricula/valid/minimal.json");
    let drawn = compiled("tests/fixtures/graph/curriculum.json");
    let cited = cited_curricula();
    let given: Vec<&Compiled> = cited.iter().collect();
    let instrument = answers_instrument();
    let mut failures = Vec::new();
    let mut diagnostics_seen = 0usize;
    let mut files_read = 0usize;
    for path in files_under(&fixtures) {
        let relative = path
            .strip_prefix(&fixtures)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let is_input = (name.ends_with(".json") || name.ends_with(".csv"))
            && !name.ends_with(".expected.json");
        if !is_input {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let kind = relative.split('/').next().unwrap_or_default();
        let diagnostics: Vec<Diagnostic> = match (kind, name.as_str()) {
            ("curricula", _) | ("graph", "curriculum.json") => parcours::load(&bytes).diagnostics,
            ("graph", _) => parcours::load_learner(&drawn, &bytes).diagnostics,
            ("learners", _) => parcours::load_learner(&minimal, &bytes).diagnostics,
            ("instruments", _) | ("answers", "instrument.json") => {
                parcours::load_instrument(&bytes, Some(&given)).diagnostics
            }
            ("answers", _) => {
                parcours::read_answers(&instrument, &bytes, &ReadOptions::default())
                    .0
                    .diagnostics
            }
            // Folders of hand-written cases (`advice/`, `explain/`…): a
            // curriculum, and records read against the curriculum of their folder
            // that they name.
            (_, _) => match parcours::detect_kind(&name, &bytes) {
                parcours::DocumentKind::Curriculum => parcours::load(&bytes).diagnostics,
                parcours::DocumentKind::Learner => {
                    let wanted = parcours::learner_curriculum(&bytes).value.map(|r| r.id);
                    let Some(curriculum) = path
                        .parent()
                        .into_iter()
                        .flat_map(files_under)
                        .filter_map(|f| parcours::load(&std::fs::read(f).ok()?).value)
                        .find(|c| Some(&c.document().id) == wanted.as_ref())
                    else {
                        panic!("{relative}: no curriculum of its folder for this record")
                    };
                    parcours::load_learner(&curriculum, &bytes).diagnostics
                }
                _ => panic!("{relative}: a fixture of a kind this test does not know"),
            },
        };
        files_read += 1;
        for d in &diagnostics {
            diagnostics_seen += 1;
            for lang in [Lang::Fr, Lang::En] {
                if let Some(problem) = hint_problem(&d.hint(lang)) {
                    failures.push(format!(
                        "{relative}: [{}] {problem} ({lang:?}): {:?}",
                        d.code.as_str(),
                        d.hint(lang)
                    ));
                }
            }
        }
    }
    // Every kind of fixture was read, and they do hold diagnostics.
    assert!(files_read > 150, "only {files_read} fixtures read");
    assert!(
        diagnostics_seen > 300,
        "only {diagnostics_seen} diagnostics"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

//! Learner records, data-driven.
//!
//! - Every bundled learner profile (`curricula/<id>/learners/*.json`) loads without a
//!   diagnostic, and its `status`, `progress` (JSON), individual record (Markdown,
//!   French and English), recommendations and plan (7 h a week) match the golden files under
//!   `tests/golden/learners/<id>/`.
//! - Every broken record under `tests/fixtures/learners/invalid/` gives the
//!   diagnostics in its `.expected.json`, each located, and none of them repeats a
//!   value of the record (a record is personal data).
//!
//! `UPDATE=1 cargo test -p parcours --test learners` rewrites the golden files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;
use common::root;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use parcours::{Compiled, Lang, PlanOptions, ProgressOptions, RecommendOptions};

fn sorted_files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(suffix) && !n.ends_with(".expected.json"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn compile(path: &Path) -> Compiled {
    let outcome = parcours::load(&std::fs::read(path).unwrap());
    outcome
        .value
        .unwrap_or_else(|| panic!("{} does not compile", path.display()))
}

/// Compares `actual` with the golden file, or rewrites it under UPDATE=1.

#[test]
fn bundled_learner_profiles_match_their_golden_outputs() {
    let mut failures = Vec::new();
    let mut profiles = 0;
    let mut curricula: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("curriculum.json").is_file())
        .collect();
    curricula.sort();
    let mut produced = common::Produced::default();
    for dir in curricula {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let curriculum = compile(&dir.join("curriculum.json"));
        let learners = sorted_files(&dir.join("learners"), ".json");
        assert!(
            learners.len() >= 3,
            "{id}: at least 3 learner profiles expected"
        );
        for path in learners {
            profiles += 1;
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let outcome = parcours::load_learner(&curriculum, &std::fs::read(&path).unwrap());
            assert!(
                outcome.diagnostics.is_empty(),
                "{}: {:?}",
                path.display(),
                outcome
                    .diagnostics
                    .iter()
                    .map(|d| d.message(Lang::En))
                    .collect::<Vec<_>>()
            );
            let learner = outcome.value.unwrap();
            let out = root().join("tests/golden/learners").join(&id);
            let st = parcours::status(&curriculum, &learner).value.unwrap();
            let pr = parcours::progress(&curriculum, &learner, &ProgressOptions::default())
                .value
                .unwrap();
            let json = |v: &dyn erased::Json| v.pretty();
            produced.golden(
                &out.join(format!("{name}.status.json")),
                &json(&st),
                &mut failures,
            );
            produced.golden(
                &out.join(format!("{name}.progress.json")),
                &json(&pr),
                &mut failures,
            );
            let rec = parcours::recommend(&curriculum, &learner, &RecommendOptions::default())
                .value
                .unwrap();
            produced.golden(
                &out.join(format!("{name}.recommend.json")),
                &json(&rec),
                &mut failures,
            );
            let pl = parcours::plan(
                &curriculum,
                &learner,
                &PlanOptions {
                    hours_per_week: Some(7.0),
                    ..PlanOptions::default()
                },
            )
            .value
            .unwrap();
            produced.golden(
                &out.join(format!("{name}.plan.json")),
                &json(&pl),
                &mut failures,
            );
            produced.golden(
                &out.join(format!("{name}.progress.md")),
                &parcours_report::record::markdown(&pr, &curriculum, Lang::Fr),
                &mut failures,
            );
            produced.golden(
                &out.join(format!("{name}.progress.en.md")),
                &parcours_report::record::markdown(&pr, &curriculum, Lang::En),
                &mut failures,
            );
        }
    }
    produced.orphans(&root().join("tests/golden/learners"), &mut failures);
    assert!(profiles >= 12, "only {profiles} learner profiles");
    assert!(
        failures.is_empty(),
        "{}\n(run `UPDATE=1 cargo test -p parcours --test learners` if the change is intended)",
        failures.join("\n")
    );
}

/// Every string value of a JSON value, and its keys when `keys` is set. (Keys of a
/// record are field names, which diagnostics name on purpose; values are not.)
fn strings(value: &serde_json::Value, keys: bool, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, keys, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if keys {
                    out.insert(k.clone());
                }
                strings(v, keys, out);
            }
        }
        _ => {}
    }
}

#[test]
fn broken_records_give_located_diagnostics_that_never_repeat_a_value() {
    let curriculum_path = root().join("tests/fixtures/curricula/valid/minimal.json");
    let curriculum = compile(&curriculum_path);
    let dir = root().join("tests/fixtures/learners/invalid");
    let files = sorted_files(&dir, ".json");
    assert!(
        !files.is_empty(),
        "no broken records under {}",
        dir.display()
    );
    // Ids and words the curriculum itself knows may appear in messages.
    let mut public = BTreeSet::new();
    strings(
        &serde_json::from_slice(&std::fs::read(&curriculum_path).unwrap()).unwrap(),
        true,
        &mut public,
    );
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let outcome = parcours::load_learner(&curriculum, &bytes);
        assert!(outcome.value.is_none(), "{name}: accepted");
        let code = name.split('.').next().unwrap_or_default();
        let codes: BTreeSet<&str> = outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(
            codes.contains(code),
            "{name}: expected {code}, got {codes:?}"
        );
        covered.extend(codes.iter().map(|c| c.to_string()));
        let mut private = BTreeSet::new();
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            strings(&value, false, &mut private);
        }
        let private: Vec<String> = private
            .into_iter()
            .filter(|s| s.len() >= 3 && !public.contains(s))
            .collect();
        for d in &outcome.diagnostics {
            assert!(
                d.line.is_some() && d.column.is_some(),
                "{name}: {:?} has no place",
                d.code
            );
            for lang in [Lang::Fr, Lang::En] {
                let text = format!("{} {}", d.message(lang), d.hint(lang));
                for value in &private {
                    assert!(
                        !text.contains(value.as_str()),
                        "{name}: {:?} repeats {value:?}: {text}",
                        d.code
                    );
                }
            }
        }
        let rendered: Vec<_> = outcome
            .diagnostics
            .iter()
            .map(|d| d.to_output(Lang::Fr))
            .collect();
        let text = common::pretty(&rendered);
        common::golden(
            &dir.join(format!("{name}.expected.json")),
            &text,
            &mut failures,
        );
    }
    for code in [
        "curriculum-mismatch",
        "invalid-date",
        "future-date",
        "level-or-score",
        "reserved-source",
        "score-unmapped",
        "unknown-module",
        "unknown-competency",
        "unknown-audience",
        "level-out-of-scale",
        "type",
        "unknown-field",
        "missing-field",
        "syntax",
    ] {
        assert!(covered.contains(code), "no broken record gives `{code}`");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small helper so the golden test can pretty-print any serialisable output.
mod erased {
    pub trait Json {
        fn pretty(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            super::common::pretty(self)
        }
    }
}

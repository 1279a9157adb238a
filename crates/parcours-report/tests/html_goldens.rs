//! The HTML pages, byte for byte.
//!
//! - The committee's report for the bundled establishment (2027 against 2026, and
//!   2027 alone), in French and English, matches `tests/golden/report/`.
//! - The individual record of every bundled learner
//!   (`curricula/<id>/learners/*.json`), in French and English, matches
//!   `tests/golden/report/records/<id>/`.
//!
//! The team plan's deadlines are dated 2026-11-25 (the command line uses today).
//! `UPDATE=1 cargo test -p parcours-report --test html_goldens` rewrites the files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::path::{Path, PathBuf};

use common::{golden, root, updating};

use parcours::{
    analyse, load_instrument, load_learner, progress, read_answers, team_plan, AnalysisOptions,
    Compiled, Date, Lang, ProgressOptions, ReadOptions,
};
use parcours_report::committee::Report;

/// The folders of the bundled curricula, sorted.
fn curricula() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("curriculum.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn compile(dir: &Path) -> Compiled {
    let path = dir.join("curriculum.json");
    parcours::load(&std::fs::read(&path).unwrap())
        .value
        .unwrap_or_else(|| panic!("{} does not compile", path.display()))
}

/// The files directly in `dir` that this test did not produce: golden pages of a
/// profile or report that no longer exists (deleted with `UPDATE=1`).
fn orphans(dir: &Path, produced: &[PathBuf], failures: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_file() && !produced.contains(&path) {
            if updating() {
                std::fs::remove_file(&path).unwrap();
            } else {
                failures.push(format!(
                    "{} is produced by no test any more (UPDATE=1 deletes it)",
                    path.display()
                ));
            }
        }
    }
}

fn finish(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{}\n(run `UPDATE=1 cargo test -p parcours-report --test html_goldens` if the change is intended)",
        failures.join("\n")
    );
}

#[test]
fn the_committee_report_matches_its_golden_pages() {
    let positioning = root().join("curricula/positioning");
    let ins = load_instrument(
        &std::fs::read(positioning.join("instrument.json")).unwrap(),
        None,
    )
    .value
    .unwrap();
    let wave = |name: &str| {
        let (outcome, _) = read_answers(
            &ins,
            &std::fs::read(positioning.join(name)).unwrap(),
            &ReadOptions::default(),
        );
        assert!(outcome.diagnostics.is_empty(), "{name}");
        outcome.value.unwrap()
    };
    let (before, after) = (
        wave("etablissement-2026.csv"),
        wave("etablissement-2027.csv"),
    );
    let compiled: Vec<Compiled> = curricula().iter().map(|d| compile(d)).collect();
    let given: Vec<&Compiled> = compiled.iter().collect();
    let out = root().join("tests/golden/report");
    let mut failures = Vec::new();
    let mut produced = Vec::new();
    for (name, earlier) in [
        ("etablissement-2027-vs-2026", Some(&before)),
        ("etablissement-2027", None),
    ] {
        let analysis = analyse(&ins, &after, earlier, &AnalysisOptions::default());
        let team = team_plan(
            &ins,
            &analysis,
            &given,
            "2026-11-25".parse::<Date>().unwrap(),
        );
        let report = Report { analysis, team };
        for (lang, suffix) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
            let html = report.to_html(&ins, lang);
            let path = out.join(format!("{name}.report.{suffix}.html"));
            golden(&path, &html, &mut failures);
            produced.push(path);
        }
    }
    orphans(&out, &produced, &mut failures);
    finish(&failures);
}

#[test]
fn every_individual_record_matches_its_golden_page() {
    let mut failures = Vec::new();
    let mut produced = Vec::new();
    let mut records = 0;
    for dir in curricula() {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let curriculum = compile(&dir);
        let mut learners: Vec<PathBuf> = std::fs::read_dir(dir.join("learners"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect()
            })
            .unwrap_or_default();
        learners.sort();
        for path in learners {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let learner = load_learner(&curriculum, &std::fs::read(&path).unwrap())
                .value
                .unwrap_or_else(|| panic!("{} does not load", path.display()));
            let pr = progress(&curriculum, &learner, &ProgressOptions::default())
                .value
                .unwrap();
            let out = root().join("tests/golden/report/records").join(&id);
            for (lang, suffix) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
                records += 1;
                let page = out.join(format!("{name}.{suffix}.html"));
                golden(
                    &page,
                    &parcours_report::record::html(&pr, &curriculum, lang),
                    &mut failures,
                );
                produced.push(page);
            }
        }
    }
    assert!(records >= 24, "only {records} records");
    let records_dir = root().join("tests/golden/report/records");
    for dir in std::fs::read_dir(&records_dir).unwrap() {
        orphans(&dir.unwrap().path(), &produced, &mut failures);
    }
    finish(&failures);
}

//! The command line's text views, byte for byte, and how they read.
//!
//! - For every bundled learner (`curricula/<id>/learners/*.json`), `status`,
//!   `recommend` and `plan` (7 h a week) as people read them, in French and
//!   English, match `tests/golden/text/<id>/`.
//! - Every line of them fits in [`parcours_report::text::WIDTH`] characters
//!   (characters, not bytes: titles are French), so long titles wrap inside their
//!   column instead of breaking it.
//! - The French views write numbers with a decimal comma, agree their plurals (no
//!   « (s) »), put a space before a colon and write dates as JJ/MM/AAAA.
//!
//! `UPDATE=1 cargo test -p parcours-report --test text_goldens` rewrites the files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::path::PathBuf;

use common::{golden, root};

use parcours::{Lang, LearnerRecord, PlanOptions, RecommendOptions};
use parcours_report::text::{self, StatusOptions, WIDTH};

/// Every view of every bundled learner: (golden path, text, language).
fn views() -> Vec<(PathBuf, String, Lang)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("curriculum.json").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let c = parcours::load(&std::fs::read(dir.join("curriculum.json")).unwrap())
            .value
            .unwrap();
        let mut learners: Vec<PathBuf> = std::fs::read_dir(dir.join("learners"))
            .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        learners.retain(|p| p.extension().is_some_and(|e| e == "json"));
        learners.sort();
        for path in learners {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(&path).unwrap();
            let learner = parcours::load_learner(&c, &bytes).value.unwrap();
            let record: LearnerRecord = serde_json::from_slice(&bytes).unwrap();
            let options = StatusOptions {
                goal: record
                    .goals
                    .map(|g| g.competencies.into_iter().map(|g| g.competency).collect())
                    .unwrap_or_default(),
                all: false,
            };
            let status = parcours::status(&c, &learner).value.unwrap();
            let recs = parcours::recommend(&c, &learner, &RecommendOptions::default())
                .value
                .unwrap();
            let plan = parcours::plan(
                &c,
                &learner,
                &PlanOptions {
                    hours_per_week: Some(7.0),
                    ..Default::default()
                },
            )
            .value
            .unwrap();
            for (lang, suffix) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
                let base = root().join("tests/golden/text").join(&id);
                out.push((
                    base.join(format!("{name}.status.{suffix}.txt")),
                    text::status(&c, &status, &options, lang),
                    lang,
                ));
                out.push((
                    base.join(format!("{name}.recommend.{suffix}.txt")),
                    text::recommendations(&c, &recs, Some(&status), lang),
                    lang,
                ));
                out.push((
                    base.join(format!("{name}.plan.{suffix}.txt")),
                    text::plan(&c, &plan, lang),
                    lang,
                ));
            }
        }
    }
    out
}

#[test]
fn every_learner_view_matches_its_golden_text() {
    let mut failures = Vec::new();
    let views = views();
    assert!(views.len() >= 6 * 17, "{} views", views.len());
    for (path, text, _) in &views {
        golden(path, text, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{}\n(run `UPDATE=1 cargo test -p parcours-report --test text_goldens` if the change is intended)",
        failures.join("\n")
    );
}

#[test]
fn every_view_fits_the_terminal_width() {
    for (path, text, _) in views() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // The first line names the learner and the curriculum, as given.
        for line in text.lines().skip(1) {
            assert!(
                line.chars().count() <= WIDTH,
                "{name}: {} characters:\n{line}",
                line.chars().count()
            );
        }
    }
}

#[test]
fn french_views_write_numbers_plurals_colons_and_dates_the_french_way() {
    for (path, text, lang) in views() {
        if lang != Lang::Fr {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for line in text.lines() {
            assert!(
                !line.contains("(s)") && !line.contains("(x)"),
                "{name}: {line}"
            );
            // No digit, dot, digit: decimals take a comma (ids and titles of the
            // bundled curricula hold none, versions aside).
            if !line.contains("version") {
                let b = line.as_bytes();
                let dotted = b
                    .windows(3)
                    .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
                assert!(!dotted, "{name}: {line}");
            }
            // A colon follows a space (French typography), except in "≥ 70/100"
            // and such, which hold none.
            for (i, _) in line.match_indices(':') {
                assert!(i > 0 && line.as_bytes()[i - 1] == b' ', "{name}: {line}");
            }
            // ISO dates belong to JSON.
            let iso = line
                .as_bytes()
                .windows(10)
                .any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-');
            assert!(!iso, "{name}: {line}");
        }
        let one = text.contains("en 1 modules") || text.contains(" 1 modules ");
        assert!(!one, "{name}");
    }
}

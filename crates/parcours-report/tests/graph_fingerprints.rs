//! The drawings of many curricula, byte for byte, kept as fingerprints (length and
//! FNV-1a 64 of each drawing) in `tests/golden/graph/fingerprints.txt`.
//!
//! `graph_goldens.rs` keeps whole drawings of one small fixture; this test keeps
//! the bytes of the drawings a layout change could move: every bundled curriculum
//! for every bundled learner, the generated curricula that the WebAssembly tests
//! share, and synthetic curricula of every size from 0 to 1,000 modules (long
//! arrows across many rows, wide rows, pulled competencies), in SVG, DOT and
//! Mermaid, French and English. The fingerprints were written by the drawing code
//! before it was made fast (issue 19): a faster layout or writer must give the
//! same bytes, so this file never changes with a speed-up.
//! `UPDATE=1 cargo test -p parcours-report --test graph_fingerprints` rewrites it,
//! for an intended change of the drawings only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::root;
use parcours::{Compiled, Lang, PlanOptions};
use parcours_report::graph::{graph, learner_graph, GraphFormat, LearnerView};
use parcours_testkit::{self as synthetic, SyntheticOptions};

/// FNV-1a, 64 bits: enough to tell two drawings apart, no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn load(bytes: &[u8]) -> Compiled {
    let outcome = parcours::load(bytes);
    outcome
        .value
        .unwrap_or_else(|| panic!("{:?}", outcome.diagnostics))
}

const FORMATS: [(GraphFormat, &str); 3] = [
    (GraphFormat::Svg, "svg"),
    (GraphFormat::Dot, "dot"),
    (GraphFormat::Mermaid, "mmd"),
];

/// Adds the fingerprints of `c`'s drawings (for `record` if given) under `name`.
fn fingerprints(out: &mut String, name: &str, c: &Compiled, record: Option<&[u8]>) {
    let view = record.map(|bytes| {
        let learner = parcours::load_learner(c, bytes).value.unwrap();
        let status = parcours::status(c, &learner).value.unwrap();
        let plan = parcours::plan(c, &learner, &PlanOptions::default()).value;
        (status, plan)
    });
    for lang in [Lang::Fr, Lang::En] {
        for (format, ext) in FORMATS {
            let text = match &view {
                Some((status, plan)) => learner_graph(
                    c,
                    format,
                    lang,
                    &LearnerView {
                        status,
                        plan: plan.as_ref(),
                    },
                ),
                None => graph(c, format, lang),
            };
            let l = match lang {
                Lang::Fr => "fr",
                Lang::En => "en",
            };
            writeln!(
                out,
                "{name}.{l}.{ext} {} {:016x}",
                text.len(),
                fnv1a(text.as_bytes())
            )
            .unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn drawings_keep_their_bytes() {
    let mut out = String::new();
    // Every bundled curriculum, alone and for each of its learners.
    let dirs = parcours_testkit::bundled_curricula(&root());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let c = load(&std::fs::read(dir.join("curriculum.json")).unwrap());
        fingerprints(&mut out, &name, &c, None);
        for learner in files(&dir.join("learners")) {
            let record = std::fs::read(&learner).unwrap();
            fingerprints(
                &mut out,
                &format!("{name}.{}", stem(&learner)),
                &c,
                Some(&record),
            );
        }
    }
    // The generated curricula of the same-bytes tests, with their learners.
    let generated = root().join("tests/fixtures/generated");
    for (curriculum, learners) in [
        (
            "layered-300",
            &["layered-300.complete", "layered-300.5", "layered-300.20"][..],
        ),
        ("mixed-60", &["mixed-60.8"][..]),
    ] {
        let c = load(&std::fs::read(generated.join(format!("{curriculum}.json"))).unwrap());
        fingerprints(&mut out, curriculum, &c, None);
        for learner in learners {
            let record = std::fs::read(generated.join(format!("{learner}.json"))).unwrap();
            fingerprints(&mut out, learner, &c, Some(&record));
        }
    }
    // Synthetic curricula: every size, sparse and dense, local and far-reaching
    // prerequisites (far ones make long arrows through many rows).
    let shapes: [(&str, u32, usize); 3] = [("local", 70, 40), ("dense", 100, 8), ("far", 90, 400)];
    for modules in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 1000] {
        for (shape, requires_percent, window) in shapes {
            for seed in [1u64, 2026] {
                if modules == 1000 && seed == 1 {
                    continue;
                }
                let doc = synthetic::curriculum(&SyntheticOptions {
                    modules,
                    seed,
                    requires_percent,
                    window,
                    ..SyntheticOptions::default()
                });
                let c = load(synthetic::to_json(&doc).as_bytes());
                let name = format!("synthetic-{modules}-{shape}-{seed}");
                fingerprints(&mut out, &name, &c, None);
                if modules > 0 {
                    let record = parcours_testkit::record(&c, modules / 5);
                    fingerprints(
                        &mut out,
                        &format!("{name}.learner"),
                        &c,
                        Some(record.as_bytes()),
                    );
                }
            }
        }
    }
    let mut failures = Vec::new();
    common::golden(
        &root().join("tests/golden/graph/fingerprints.txt"),
        &out,
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

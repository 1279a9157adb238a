//! Drawing benchmark (issue 19): the self-contained SVG of a curriculum, as
//! `graphSvg` in the browser and `parcours graph --format svg` make it, on
//!
//! - the four bundled curricula, each for its first learner (name order): what the
//!   `<parcours-path>` component draws on its first render;
//! - `tests/fixtures/generated/layered-300.json`, alone and for its `complete`
//!   learner;
//! - a synthetic curriculum of 1,000 modules (`parcours-testkit`, seed 2026), alone
//!   and for a learner who completed its first 200 modules;
//! - the 1,000-module curriculum of `bench/wasm.mjs` (`bench/plan.py`'s large
//!   shape: ten layers, long arrows through many rows), alone and for its
//!   `complete` learner, when `python3` can write it (into `target/bench-graph/`).
//!
//! The learner's status and plan are computed once, outside the timing: only the
//! drawing (model, layout, SVG text) is timed. After criterion, a plain table of
//! medians and output sizes is printed to stderr.
//!
//! Run: `cargo bench -p parcours-report --bench graph`
//! (`PARCOURS_BENCH=table` for the table alone).
//!
//! Issue 19 (same machine, same load, medians; the drawing code before and after
//! it was made fast, with the same output bytes):
//!
//! | drawing (SVG, fr)                   | before     | after     |
//! |-------------------------------------|-----------:|----------:|
//! | transformation-offre + learner      | 0.417 ms   | 0.130 ms  |
//! | design-thinking-aidance + learner   | 0.280 ms   | 0.085 ms  |
//! | layered-300                         | 57.2 ms    | 9.5 ms    |
//! | synthetic-1000                      | 189 ms     | 32 ms     |
//! | large-1000 (bench/plan.py's shape)  | 1,189 ms   | 112 ms    |
//!
//! Instructions (callgrind over `parcours graph --format svg`): the learner
//! drawing of transformation-offre 5.08 M → 1.49 M (`learner_graph`), large-1000
//! 11.07 G → 1.27 G (`graph`).

// A bench fails loudly on purpose; and it reads the clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_methods
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use parcours::{Compiled, Lang, Plan, PlanOptions, Status};
use parcours_report::graph::{graph, learner_graph, GraphFormat, LearnerView};
use parcours_testkit::{self as synthetic, SyntheticOptions};

/// One drawing to time: a curriculum, and the learner's status and plan if any.
struct Case {
    name: String,
    compiled: Compiled,
    learner: Option<(Status, Option<Plan>)>,
}

impl Case {
    fn new(name: String, curriculum: &[u8], record: Option<&[u8]>) -> Case {
        let outcome = parcours::load(curriculum);
        let compiled = outcome
            .value
            .unwrap_or_else(|| panic!("{name}: {:?}", outcome.diagnostics));
        let learner = record.map(|bytes| {
            let learner = parcours::load_learner(&compiled, bytes).value.unwrap();
            let status = parcours::status(&compiled, &learner).value.unwrap();
            let plan = parcours::plan(&compiled, &learner, &PlanOptions::default()).value;
            (status, plan)
        });
        Case {
            name,
            compiled,
            learner,
        }
    }

    fn draw(&self) -> String {
        match &self.learner {
            Some((status, plan)) => learner_graph(
                &self.compiled,
                GraphFormat::Svg,
                Lang::Fr,
                &LearnerView {
                    status,
                    plan: plan.as_ref(),
                },
            ),
            None => graph(&self.compiled, GraphFormat::Svg, Lang::Fr),
        }
    }

    fn modules(&self) -> usize {
        self.compiled.modules().len()
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `bench/wasm.mjs`'s 1,000-module curriculum and its learner, written by
/// `bench/plan.py`'s generator; `None` without `python3`.
fn large_1000() -> Option<(Vec<u8>, Vec<u8>)> {
    let dir = root().join("target/bench-graph");
    std::fs::create_dir_all(&dir).ok()?;
    let script = "
import json, sys
sys.path.insert(0, 'bench')
import plan as g
n = 1000
cur = g.curriculum(g.LARGE_SEED + n, n, expression_share=0, layers=g.LARGE_LAYERS)
rec = g.learner(g.LARGE_SEED + n, cur, audience='professionnels', goal='complete', excluded_share=0, done_share=0.2)
for doc, name in ((cur, 'large-1000.json'), (rec, 'large-1000.complete.json')):
    with open('target/bench-graph/' + name, 'w') as f:
        json.dump(doc, f)
";
    let status = std::process::Command::new("python3")
        .args(["-c", script])
        .current_dir(root())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    Some((
        read(&dir.join("large-1000.json")),
        read(&dir.join("large-1000.complete.json")),
    ))
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let dirs = parcours_testkit::bundled_curricula(&root());
    for dir in dirs {
        let mut learners: Vec<PathBuf> = std::fs::read_dir(dir.join("learners"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        learners.sort();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let record = read(&learners[0]);
        cases.push(Case::new(
            format!("{name} + learner"),
            &read(&dir.join("curriculum.json")),
            Some(&record),
        ));
    }
    let generated = root().join("tests/fixtures/generated");
    let layered = read(&generated.join("layered-300.json"));
    cases.push(Case::new("layered-300".into(), &layered, None));
    cases.push(Case::new(
        "layered-300 + learner".into(),
        &layered,
        Some(&read(&generated.join("layered-300.complete.json"))),
    ));
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules: 1000,
        seed: 2026,
        ..SyntheticOptions::default()
    });
    let text = synthetic::to_json(&doc);
    let alone = Case::new("synthetic-1000".into(), text.as_bytes(), None);
    let record = parcours_testkit::record(&alone.compiled, 200);
    cases.push(alone);
    cases.push(Case::new(
        "synthetic-1000 + learner".into(),
        text.as_bytes(),
        Some(record.as_bytes()),
    ));
    match large_1000() {
        Some((curriculum, record)) => {
            cases.push(Case::new("large-1000".into(), &curriculum, None));
            cases.push(Case::new(
                "large-1000 + learner".into(),
                &curriculum,
                Some(&record),
            ));
        }
        None => eprintln!("large-1000: python3 could not write it, left out"),
    }
    cases
}

fn bench_graph(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("graph-svg");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for case in cases {
        group.bench_function(&case.name, |b| b.iter(|| black_box(case).draw()));
    }
    group.finish();
}

/// Median of one drawing over about `budget` (at least 5 runs).
fn median(case: &Case, budget: Duration) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < budget && times.len() < 1000) {
        let t = Instant::now();
        black_box(black_box(case).draw());
        times.push(t.elapsed());
    }
    times.sort_unstable();
    times[times.len() / 2]
}

fn table(cases: &[Case]) {
    eprintln!();
    eprintln!(
        "{:<36} | {:>7} | {:>12} | {:>11}",
        "drawing (SVG, fr)", "modules", "median", "SVG bytes"
    );
    eprintln!("{}", "-".repeat(76));
    for case in cases {
        let time = median(case, Duration::from_secs(2));
        eprintln!(
            "{:<36} | {:>7} | {:>9.3} ms | {:>11}",
            case.name,
            case.modules(),
            time.as_secs_f64() * 1e3,
            case.draw().len()
        );
    }
}

fn main() {
    let cases = cases();
    let measuring = std::env::args().any(|a| a == "--bench")
        && !std::env::args().any(|a| a == "--test" || a == "--list");
    if std::env::var("PARCOURS_BENCH").as_deref() == Ok("table") {
        table(&cases);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench_graph(&mut criterion, &cases);
    criterion.final_summary();
    if measuring {
        table(&cases);
    }
}

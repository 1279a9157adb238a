//! A learner's status on curricula whose prerequisites make the unlock search
//! work hard (issue 15, item 6), side by side with the clean curriculum of the
//! same size. Target: each shape within 3× the clean one.
//!
//! - `clean`: the synthetic curriculum of 42 modules.
//! - `11 of 22`: the same, its last twenty modules each requiring at least 11 of
//!   the first 22 (solved directly: the 11 cheapest).
//! - `11 of 21 + score`: the same with a score on another module among the 22
//!   leaves, and every module of one length, so that the best-first search runs
//!   into its node budget (answer greedy, `exact: false`, with a bound).
//!
//! Run: `cargo bench -p parcours --bench status`.

// A bench fails loudly on purpose; and it reads the clock, which the core never does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_methods
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use parcours::learner::record::CurriculumRef;
use parcours::{Compiled, Learner, LearnerRecord};
use parcours_testkit::{self as synthetic, SyntheticOptions};
use serde_json::{json, Value};

const MODULES: usize = 42;

fn base() -> Value {
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules: MODULES,
        seed: 2026,
        ..SyntheticOptions::default()
    });
    serde_json::from_str(&synthetic::to_json(&doc)).unwrap()
}

/// The last twenty modules each require at least 11 of `leaves`.
fn at_least(mut doc: Value, leaves: Value, same_length: bool) -> Value {
    let modules = doc["modules"].as_array_mut().unwrap();
    for module in modules.iter_mut().skip(22) {
        module["requires"] = json!({ "type": "atLeast", "k": 11, "of": leaves.clone() });
    }
    if same_length {
        // The 22 as long as the longest of them (longer only: groups stay possible).
        let longest = modules[..22]
            .iter()
            .map(|m| m["durationHours"].as_f64().unwrap())
            .fold(0.0, f64::max);
        for module in modules.iter_mut().take(22) {
            module["durationHours"] = json!(longest);
        }
    }
    doc
}

fn compile(doc: &Value) -> (Compiled, Learner) {
    let outcome = parcours::load(&serde_json::to_vec(doc).unwrap());
    let errors: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.code, &d.pointer))
        .collect();
    let compiled = outcome.value.unwrap_or_else(|| panic!("{errors:?}"));
    let record = LearnerRecord {
        format_version: 1,
        id: "apprenant-bench".into(),
        audience: doc["audiences"][0]["id"].as_str().unwrap().into(),
        curriculum: CurriculumRef {
            id: doc["id"].as_str().unwrap().into(),
            version: doc["version"].as_str().unwrap().into(),
        },
        now: "2026-11-25".into(),
        ..LearnerRecord::default()
    };
    let learner = parcours::load_learner(&compiled, &serde_json::to_vec(&record).unwrap())
        .value
        .unwrap();
    (compiled, learner)
}

/// Median time of one status call, over about a second.
fn median(compiled: &Compiled, learner: &Learner) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < Duration::from_secs(1) && times.len() < 10_000) {
        let t = Instant::now();
        let _ = black_box(parcours::status(black_box(compiled), black_box(learner)));
        times.push(t.elapsed());
    }
    times.sort_unstable();
    times[times.len() / 2]
}

fn main() {
    // `cargo test --benches` runs benches once as a smoke test: nothing to time.
    let measuring = std::env::args().any(|a| a == "--bench");
    let clean = base();
    let modules: Vec<Value> = (0..22)
        .map(|m| json!({ "type": "module", "module": synthetic::module_id(m) }))
        .collect();
    let mut with_score = modules[..21].to_vec();
    with_score.push(json!({ "type": "score", "module": synthetic::module_id(21), "min": 80 }));
    let shapes = [
        ("clean", clean.clone()),
        (
            "11 of 22",
            at_least(clean.clone(), Value::from(modules), false),
        ),
        (
            "11 of 21 + score",
            at_least(clean, Value::from(with_score), true),
        ),
    ];
    let mut reference = None;
    eprintln!();
    eprintln!(
        "{:<18} | {:>12} | {:>6} | {:>16}",
        "shape", "status", "ratio", "unlocks (exact)"
    );
    eprintln!("{}", "-".repeat(62));
    for (name, doc) in &shapes {
        let (compiled, learner) = compile(doc);
        let status = parcours::status(&compiled, &learner).value.unwrap();
        let unlocks: Vec<bool> = status
            .modules
            .iter()
            .filter_map(|m| m.unlock.as_ref().map(|u| u.exact))
            .collect();
        let exact = unlocks.iter().filter(|&&e| e).count();
        if !measuring {
            continue;
        }
        let time = median(&compiled, &learner);
        let base = *reference.get_or_insert(time);
        eprintln!(
            "{:<18} | {:>9.3} ms | {:>5.2}x | {:>16}",
            name,
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() / base.as_secs_f64(),
            format!("{} ({exact})", unlocks.len()),
        );
    }
    if measuring {
        eprintln!("target: each shape ≤ 3x clean");
    }
}

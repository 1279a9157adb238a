//! One learner's recommendations on a 1,000-module curriculum: compiled curriculum,
//! parsed record, top 5, no locked-module explanations, through `parcours::recommend`
//! (whose check that the learner belongs to the curriculum is one comparison).
//! Target: under 30 µs.
//! Prints `ONE_LEARNER_RECOMMEND_US=…` (the median of the quietest of six one-second
//! rounds) and `ONE_LEARNER_RECOMMEND_ALL_US=…` (the median of every call) for
//! bench/recommend.py.
//!
//! With `PARCOURS_CALLGRIND_CALLS=N` in the environment it only makes `N` calls
//! through [`one_call`] and stops: bench/recommend.py runs it so under
//! `valgrind --tool=callgrind --toggle-collect=*one_call*` for an instruction
//! count per call, a figure the host's other work does not move.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benches fail loudly by design
#![allow(clippy::disallowed_methods)] // a bench reads the clock: that is its job

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use parcours::learner::record::{Completion, CurriculumRef};
use parcours::{load_learner, recommend, Compiled, Learner, LearnerRecord, RecommendOptions};
use parcours_testkit::{self as synthetic, SyntheticOptions};

fn setup() -> (Compiled, Learner) {
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules: 1000,
        seed: 42,
        ..SyntheticOptions::default()
    });
    let compiled = parcours::load_str(&synthetic::to_json(&doc)).value.unwrap();
    // A learner a third of the way through: the first modules in topological order.
    let done: Vec<Completion> = compiled
        .topological_order()
        .iter()
        .take(330)
        .map(|&m| Completion {
            module: compiled.module(m).id.clone(),
            date: "2026-05-01".into(),
            score: Some(80.0),
        })
        .collect();
    let record = LearnerRecord {
        format_version: 1,
        id: "apprenant-bench".into(),
        audience: "professionnels".into(),
        curriculum: CurriculumRef {
            id: doc.id.clone(),
            version: doc.version.clone(),
        },
        now: "2026-11-25".into(),
        completed: done,
        ..LearnerRecord::default()
    };
    let learner = load_learner(&compiled, &serde_json::to_vec(&record).unwrap())
        .value
        .unwrap();
    (compiled, learner)
}

/// One recommendation, never inlined: what callgrind counts.
#[inline(never)]
fn one_call(compiled: &Compiled, learner: &Learner, options: &RecommendOptions) {
    let _ = black_box(recommend(
        black_box(compiled),
        black_box(learner),
        black_box(options),
    ));
}

fn bench(c: &mut Criterion) {
    let (compiled, learner) = setup();
    let options = RecommendOptions::default();
    c.bench_function("recommend top 5, 1,000 modules", |b| {
        b.iter(|| recommend(black_box(&compiled), black_box(&learner), &options))
    });
}

/// Medians of one-second rounds of calls. Other work on a shared host only ever
/// adds time, and it comes and goes by the minute (every figure, networkx's too,
/// rises about 1.6× at once): the quietest round's median is the code's own speed,
/// the median over every call what this run of the host gave.
fn medians_us() -> (f64, f64) {
    let (compiled, learner) = setup();
    let options = RecommendOptions::default();
    let mut all = Vec::new();
    let mut quietest = f64::INFINITY;
    for _ in 0..6 {
        let mut samples = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(1);
        while Instant::now() < deadline && samples.len() < 20_000 {
            let started = Instant::now();
            let _ = black_box(recommend(&compiled, &learner, &options));
            samples.push(started.elapsed().as_secs_f64() * 1e6);
        }
        samples.sort_by(f64::total_cmp);
        quietest = quietest.min(samples[samples.len() / 2]);
        all.extend(samples);
    }
    all.sort_by(f64::total_cmp);
    (quietest, all[all.len() / 2])
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = bench
}

fn main() {
    if let Some(calls) = std::env::var("PARCOURS_CALLGRIND_CALLS")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        let (compiled, learner) = setup();
        let options = RecommendOptions::default();
        for _ in 0..calls {
            one_call(&compiled, &learner, &options);
        }
        eprintln!("CALLS={calls}");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    let (quietest, overall) = medians_us();
    eprintln!("ONE_LEARNER_RECOMMEND_US={quietest:.1}");
    eprintln!("ONE_LEARNER_RECOMMEND_ALL_US={overall:.1}");
}

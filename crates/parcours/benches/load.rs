//! Loading benchmark: `parcours::load` (parse, validate, compile) against its peer,
//! `serde_json::from_slice::<serde_json::Value>` (parse only), on synthetic
//! curricula of 100, 1,000 and 10,000 modules.
//!
//! Criterion measures each size as one group, side by side; then a plain table of
//! medians is printed to stderr, with where parcours spends its time, measured
//! through the public API only: the typed parse (`serde_json` into
//! [`parcours::Curriculum`]), the rest of a clean load (load minus that parse:
//! checking and compiling, on the fast road), and the slow road (the same
//! curriculum with one warning, which `load` reads again with positions, checks
//! against the schema and locates). The target is parcours ≤ 3× the `Value` parse.
//!
//! A second table times hostile but legal shapes of the same sizes (issue 15:
//! each must stay within 3× the clean curriculum of its size): every module
//! requiring a misspelled module id (an error each, every one ranked against all
//! the ids until 200 are found), every competency the `parent` of the next (one
//! chain, as deep as there are competencies: 200 and 2,000), and one module object
//! with ten unknown fields per module (10,000 and 100,000 keys).
//!
//! Run: `cargo bench -p parcours --bench load`.

// A bench fails loudly on purpose; and it reads the clock, which the core never does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_methods
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use parcours::Curriculum;
use parcours_testkit::{self as synthetic, SyntheticOptions};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const SEED: u64 = 2026;

/// The generated curriculum of `modules` modules.
fn curriculum(modules: usize) -> Curriculum {
    synthetic::curriculum(&SyntheticOptions {
        modules,
        seed: SEED,
        ..SyntheticOptions::default()
    })
}

/// The same curriculum with one warning (a title without its English), checked to
/// load with that one diagnostic: `load` takes its slow road.
fn with_a_warning(modules: usize) -> Vec<u8> {
    let mut doc = curriculum(modules);
    doc.modules[0].title.en = None;
    let bytes = synthetic::to_json(&doc).into_bytes();
    let outcome = parcours::load(&bytes);
    let codes: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["missing-english"], "{modules} modules");
    assert!(outcome.value.is_some());
    bytes
}

/// The serialised curriculum of `modules` modules, checked to load clean.
fn input(modules: usize) -> Vec<u8> {
    let bytes = synthetic::to_json(&curriculum(modules)).into_bytes();
    let outcome = parcours::load(&bytes);
    assert!(
        outcome.diagnostics.is_empty(),
        "{modules} modules: {:?}",
        outcome
            .diagnostics
            .iter()
            .map(|d| (d.code, &d.pointer))
            .collect::<Vec<_>>()
    );
    assert!(outcome.value.is_some());
    bytes
}

fn bench_load(c: &mut Criterion, inputs: &[(usize, Vec<u8>)]) {
    for (modules, bytes) in inputs {
        let mut group = c.benchmark_group(format!("load/{modules}"));
        group
            .throughput(Throughput::Bytes(bytes.len() as u64))
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        group.bench_function("serde_json::Value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)).unwrap())
        });
        group.bench_function("parcours::load", |b| {
            b.iter(|| parcours::load(black_box(bytes)))
        });
        group.finish();
    }
}

/// Median time of each task, the tasks run in turn (round after round, for about
/// `budget` in all) so that a busy machine slows them alike and the ratios hold.
fn medians<const N: usize>(budget: Duration, tasks: [&dyn Fn(); N]) -> [Duration; N] {
    let time = |task: &dyn Fn()| {
        let start = Instant::now();
        task();
        start.elapsed()
    };
    let round: Duration = tasks.iter().map(|t| time(*t)).sum();
    let rounds = (budget.as_nanos() / round.as_nanos().max(1)).clamp(5, 500) as usize;
    let mut times: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(rounds));
    for _ in 0..rounds {
        for (task, times) in tasks.iter().zip(times.iter_mut()) {
            times.push(time(*task));
        }
    }
    times.map(|mut t| {
        t.sort_unstable();
        t[t.len() / 2]
    })
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// The summary table: medians per size, the ratio, and the split of parcours' time.
fn table(inputs: &[(usize, Vec<u8>)]) {
    let budget = Duration::from_secs(3);
    eprintln!();
    eprintln!(
        "{:>7} | {:>10} | {:>16} | {:>14} | {:>5} | {:>17} | {:>16} | {:>17}",
        "size",
        "bytes",
        "serde_json Value",
        "parcours load",
        "ratio",
        "parse (typed)",
        "load - typed",
        "slow road (1 warn)"
    );
    eprintln!("{}", "-".repeat(125));
    for (modules, bytes) in inputs {
        let text = std::str::from_utf8(bytes).unwrap();
        let warned = with_a_warning(*modules);
        let [value, load, typed, slow] = medians(
            budget,
            [
                &|| {
                    black_box(
                        serde_json::from_slice::<serde_json::Value>(black_box(bytes)).unwrap(),
                    );
                },
                &|| {
                    let _ = black_box(parcours::load(black_box(bytes)));
                },
                &|| {
                    black_box(serde_json::from_str::<Curriculum>(black_box(text)).unwrap());
                },
                &|| {
                    let _ = black_box(parcours::load(black_box(&warned)));
                },
            ],
        );
        eprintln!(
            "{:>7} | {:>10} | {:>16} | {:>14} | {:>4.2}x | {:>17} | {:>16} | {:>17}",
            modules,
            bytes.len(),
            ms(value),
            ms(load),
            load.as_secs_f64() / value.as_secs_f64(),
            ms(typed),
            ms(load.saturating_sub(typed)),
            ms(slow),
        );
    }
    eprintln!("target: parcours load ≤ 3x serde_json Value");
}

/// Hostile but legal shapes built on the clean curriculum of `modules` modules,
/// each named: the validator must stay near-linear on them.
fn hostile(modules: usize) -> Vec<(&'static str, Vec<u8>)> {
    let clean = synthetic::to_json(&curriculum(modules));
    let base: serde_json::Value = serde_json::from_str(&clean).unwrap();
    let shape = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut doc = base.clone();
        edit(&mut doc);
        serde_json::to_vec_pretty(&doc).unwrap()
    };
    let misspelled = shape(&|doc| {
        for (i, module) in doc["modules"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            // One letter off an id that exists: the closest kind of typo.
            let id = synthetic::module_id((i + 1) % modules);
            module["requires"] =
                serde_json::json!({ "type": "module", "module": format!("{id}x") });
        }
    });
    let deep = shape(&|doc| {
        let competencies = doc["framework"]["competencies"].as_array_mut().unwrap();
        // The same competencies, each the parent of the next: one chain as
        // deep as there are competencies.
        for (i, competency) in competencies.iter_mut().enumerate().skip(1) {
            competency["parent"] = synthetic::competency_id(i - 1).into();
        }
    });
    let wide = shape(&|doc| {
        let module = doc["modules"][0].as_object_mut().unwrap();
        for i in 0..modules * 10 {
            module.insert(format!("champ{i}"), serde_json::Value::from(i));
        }
    });
    vec![
        ("misspelled refs", misspelled),
        ("deep parents", deep),
        ("wide object", wide),
    ]
}

/// The hostile shapes' table: each shape's median load time beside the clean
/// curriculum's, and the ratio (target ≤ 3×).
fn hostile_table(inputs: &[(usize, Vec<u8>)]) {
    let budget = Duration::from_secs(3);
    eprintln!();
    eprintln!(
        "{:>7} | {:<16} | {:>10} | {:>12} | {:>14} | {:>6} | {:>11}",
        "size", "shape", "bytes", "clean load", "hostile load", "ratio", "diagnostics"
    );
    eprintln!("{}", "-".repeat(92));
    for (modules, bytes) in inputs.iter().filter(|(n, _)| *n >= 1_000) {
        for (name, shape) in hostile(*modules) {
            let start = Instant::now();
            let diagnostics = parcours::load(&shape).diagnostics.len();
            let once = start.elapsed();
            if once > Duration::from_secs(10) {
                // Far past the target already: one run says it, five would take minutes.
                eprintln!("{modules:>7} | {name:<16} | {:>10} | {:>12} | {:>14} | {:>6} | {diagnostics:>11}",
                    shape.len(), "-", ms(once), "-");
                continue;
            }
            let [clean, hostile] = medians(
                budget,
                [
                    &|| {
                        let _ = black_box(parcours::load(black_box(bytes)));
                    },
                    &|| {
                        let _ = black_box(parcours::load(black_box(&shape)));
                    },
                ],
            );
            eprintln!(
                "{:>7} | {:<16} | {:>10} | {:>12} | {:>14} | {:>5.2}x | {:>11}",
                modules,
                name,
                shape.len(),
                ms(clean),
                ms(hostile),
                hostile.as_secs_f64() / clean.as_secs_f64(),
                diagnostics,
            );
        }
    }
    eprintln!("target: each hostile shape ≤ 3x the clean curriculum of its size");
}

fn main() {
    let inputs: Vec<(usize, Vec<u8>)> = SIZES.iter().map(|&n| (n, input(n))).collect();
    // `PARCOURS_BENCH=hostile cargo bench -p parcours --bench load`: the hostile
    // shapes' table alone.
    if std::env::var("PARCOURS_BENCH").as_deref() == Ok("hostile") {
        hostile_table(&inputs);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench_load(&mut criterion, &inputs);
    criterion.final_summary();
    // Only a real run (`cargo bench` passes `--bench`) prints the table: under
    // `cargo test --benches`, criterion runs each function once as a smoke test.
    let measuring = std::env::args().any(|a| a == "--bench")
        && !std::env::args().any(|a| a == "--test" || a == "--list");
    if measuring {
        table(&inputs);
        hostile_table(&inputs);
    }
}

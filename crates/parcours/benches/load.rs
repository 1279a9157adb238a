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

fn main() {
    let inputs: Vec<(usize, Vec<u8>)> = SIZES.iter().map(|&n| (n, input(n))).collect();
    let mut criterion = Criterion::default().configure_from_args();
    bench_load(&mut criterion, &inputs);
    criterion.final_summary();
    // Only a real run (`cargo bench` passes `--bench`) prints the table: under
    // `cargo test --benches`, criterion runs each function once as a smoke test.
    let measuring = std::env::args().any(|a| a == "--bench")
        && !std::env::args().any(|a| a == "--test" || a == "--list");
    if measuring {
        table(&inputs);
    }
}

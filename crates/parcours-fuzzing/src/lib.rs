//! The bodies of parcours' fuzz targets.
//!
//! Each target is a function from bytes to nothing that must never panic: it feeds
//! the bytes to the engine's facade the way a host would (the command line, a
//! batch, an LMS page through WebAssembly) and checks only what cannot be wrong.
//! The same functions run in two places:
//!
//! - `fuzz/fuzz_targets/*.rs` (cargo-fuzz, nightly, its own workspace), one
//!   `fuzz_target!` per entry of [`TARGETS`];
//! - `tests/replay.rs` (stable `cargo test --workspace`), which runs every file of
//!   `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through them.
//!
//! A panic here is a finding: the harness asserts on purpose, and the engine must
//! never panic on input.

mod bundled;
pub mod pair;
mod targets;

pub use targets::{
    answers_csv, answers_json, curriculum_load, engine_pair, instrument_load, learner_load,
    ndjson_line,
};

/// One fuzz target: its name (the folder of its corpus and the cargo-fuzz binary)
/// and its body.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The name: `fuzz/corpus/<name>/`, `cargo fuzz run <name>`.
    pub name: &'static str,
    /// What the target does with one input: what the fuzzer runs, and how the
    /// corpus and the crash regressions are replayed.
    pub run: fn(&[u8]),
}

/// Every target, in the order `bench/fuzz.sh` runs them.
pub const TARGETS: [Target; 7] = [
    Target {
        name: "curriculum_load",
        run: curriculum_load,
    },
    Target {
        name: "learner_load",
        run: learner_load,
    },
    Target {
        name: "instrument_load",
        run: instrument_load,
    },
    Target {
        name: "answers_csv",
        run: answers_csv,
    },
    Target {
        name: "answers_json",
        run: answers_json,
    },
    Target {
        name: "ndjson_line",
        run: ndjson_line,
    },
    Target {
        name: "engine_pair",
        run: engine_pair,
    },
];

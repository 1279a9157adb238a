//! The fuzz corpora and crash regressions, replayed under stable `cargo test`.
//!
//! Every file of `fuzz/corpus/<target>/` (the seeds made from the fixtures and what
//! the fuzzer kept) goes through the body `cargo fuzz run <target>` runs
//! ([`parcours_fuzzing::TARGETS`]), and every file of `fuzz/regressions/<target>/`
//! (each finding, named after what breaks) through the same body; so a change that
//! makes any of them panic fails CI without nightly.
//!
//! A finding whose fix is not in yet is listed in [`PENDING`] and replayed by its
//! own `#[ignore]`d test (`cargo test -p parcours-fuzzing -- --ignored` shows them
//! still failing). Once the engine is fixed: remove the entry, the test's
//! `#[ignore]` (or the test). (While a finding waits for its fix, the fuzzer itself
//! keeps finding it again: steer `src/pair.rs` clear of it for that time, as was
//! done for the first four.)
//!
//! An `engine_pair` file means what `Pair` reads from it: a change to the shapes in
//! `src/pair.rs` reads every such file differently. The corpus stays good seed
//! material, but check that each pending regression still fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use parcours_fuzzing::{Target, TARGETS};

/// Crash regressions (`<target>/<file>`) whose fix is not in the engine yet, each
/// replayed by its own `#[ignore]`d test below.
const PENDING: &[&str] = &[];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The inputs in `dir`, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

/// Runs `body` on each file; the files that panicked, with the panic's message.
fn replay(body: fn(&[u8]), files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let outcome = catch_unwind(AssertUnwindSafe(|| body(&bytes)));
            outcome.err().map(|payload| {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                format!("{}: {message}", path.display())
            })
        })
        .collect()
}

fn target(name: &str) -> &'static Target {
    TARGETS
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no fuzz target named {name}"))
}

#[test]
fn corpora_replay_without_panic() {
    let mut failed = Vec::new();
    for target in &TARGETS {
        let files = inputs(&fuzz_dir().join("corpus").join(target.name));
        assert!(
            !files.is_empty(),
            "fuzz/corpus/{} is empty: seed it with fuzz/seed.py",
            target.name
        );
        failed.extend(replay(target.run, &files));
    }
    assert!(
        failed.is_empty(),
        "corpus inputs panic:\n{}",
        failed.join("\n")
    );
}

#[test]
fn crash_regressions_replay_without_panic() {
    let mut failed = Vec::new();
    for target in &TARGETS {
        let files: Vec<PathBuf> = inputs(&fuzz_dir().join("regressions").join(target.name))
            .into_iter()
            .filter(|p| {
                let name = format!(
                    "{}/{}",
                    target.name,
                    p.file_name().unwrap().to_string_lossy()
                );
                !PENDING.contains(&name.as_str())
            })
            .collect();
        failed.extend(replay(target.run, &files));
    }
    assert!(
        failed.is_empty(),
        "crash regressions panic again:\n{}",
        failed.join("\n")
    );
}

/// Every folder of inputs belongs to a target, every target has its cargo-fuzz
/// binary, and every pending crash is still there.
#[test]
fn folders_match_the_targets() {
    for kind in ["corpus", "regressions"] {
        for dir in std::fs::read_dir(fuzz_dir().join(kind))
            .into_iter()
            .flatten()
        {
            let name = dir.unwrap().file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                let _ = target(&name);
            }
        }
    }
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for t in &TARGETS {
        assert!(
            fuzz_dir()
                .join(format!("fuzz_targets/{}.rs", t.name))
                .is_file(),
            "fuzz/fuzz_targets/{}.rs is missing",
            t.name
        );
        assert!(
            manifest.contains(&format!("name = \"{}\"", t.name)),
            "fuzz/Cargo.toml has no [[bin]] {}",
            t.name
        );
    }
    for pending in PENDING {
        assert!(
            fuzz_dir().join("regressions").join(pending).is_file(),
            "{pending}"
        );
    }
}

/// Replays one crash regression; panics as long as the crash is there.
fn replay_one(pending: &str) {
    let (name, _) = pending.split_once('/').unwrap();
    let path = fuzz_dir().join("regressions").join(pending);
    let failed = replay(target(name).run, &[path]);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// `recommend` with `top: 0` (`parcours recommend --top 0`): `top - 1` overflows in
/// `Scoring::ranking` (engine/recommend.rs), a panic wherever overflow checks are on
/// (debug builds, tests, the fuzzer); release builds wrap and go on.
#[test]
fn recommend_top_0() {
    replay_one("engine_pair/recommend-top-0");
}

/// `plan` with `hoursPerWeek` spreads the plan week by week, one `Week` (with a
/// copy of the module's id) per week: a module of 71,582,788 h (the most a
/// duration counts, `u32::MAX` minutes; the curriculum is valid) at 12 h a week is
/// 6 million weeks, 1.3 GB and 6 s in a release build (`spread`,
/// engine/plan/output.rs); fewer hours a week run out of memory.
#[test]
fn plan_weeks_12h_a_week() {
    replay_one("engine_pair/plan-weeks-12h-a-week");
}

/// A module valid for `u32::MAX` months (`validityMonths: 4294967295`, which the
/// schema allows): `Date::add_months` (read/date.rs) computes `year * 12 + month -
/// 1 + months` in a `u32`, reached from `Facts::valid_until` (learner/state.rs)
/// by `status`, `recommend`, `plan`...; release builds wrap, so the completion
/// expires in the wrong year instead of never.
#[test]
fn add_months_overflow() {
    replay_one("engine_pair/add-months-overflow");
}

/// A module of 324,733,724 h (counted as `u32::MAX` minutes) beside others: the
/// cost of an unlock (`cost` in learner/unlock.rs) sums module minutes in a
/// `u32`, reached from `status` (`module_status` → `unlock`); release builds wrap,
/// so the cheapest unlock is chosen on a wrong cost.
#[test]
fn unlock_cost_overflow() {
    replay_one("engine_pair/unlock-cost-overflow");
}

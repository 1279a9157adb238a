//! Shows what an `engine_pair` input stands for: the curriculum and the learner
//! record it writes (JSON), their diagnostics and the options of the calls, then
//! runs it as the fuzzer and the replay test do (`engine_pair`), to triage
//! a finding (`RUST_BACKTRACE=1` for the stack).
//!
//! `cargo run -p parcours-fuzzing --example pair -- fuzz/regressions/engine_pair/FILE`
#![allow(clippy::print_stderr)] // a tool for people: it prints

use arbitrary::{Arbitrary, Unstructured};
use parcours_fuzzing::pair::Pair;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pair FILE")?;
    let bytes = std::fs::read(path)?;
    let pair = Pair::arbitrary_take_rest(Unstructured::new(&bytes))?;
    let (curriculum, record) = pair.documents();
    let pretty = |text: &str| -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(text)?)
    };
    println!("curriculum:\n{}", pretty(&curriculum)?);
    println!("record:\n{}", pretty(&record)?);
    let loaded = parcours::load(curriculum.as_bytes());
    let codes = |d: &[parcours::Diagnostic]| -> Vec<&'static str> {
        d.iter().map(|d| d.code.as_str()).collect()
    };
    println!("curriculum diagnostics: {:?}", codes(&loaded.diagnostics));
    let Some(c) = loaded.value else {
        println!("the curriculum does not load: no engine call");
        return Ok(());
    };
    let learner = parcours::load_learner(&c, record.as_bytes());
    println!("record diagnostics: {:?}", codes(&learner.diagnostics));
    let Some(learner) = learner.value else {
        println!("the record does not load: no engine call");
        return Ok(());
    };
    let calls = pair.calls(&c);
    println!("calls:\n{calls:#?}");
    if calls.plan.hours_per_week.is_none() {
        if let Some(plan) = parcours::plan(&c, &learner, &calls.plan).value {
            let s = &plan.search;
            println!(
                "plan: {:?}, {} h (bound {} h), {} of {} nodes, search bound {:?}, relaxation bound {:?}",
                plan.status,
                plan.total_hours,
                plan.lower_bound_hours,
                s.nodes,
                s.budget,
                s.search_bound_hours,
                s.relaxation_bound_hours
            );
        }
    }
    parcours_fuzzing::engine_pair(&bytes);
    println!("no panic");
    Ok(())
}

//! The targets' bodies. Each goes through the crate root of `parcours` only, and
//! asserts nothing about results but what holds by construction (documented
//! invariants such as "a topological order is a permutation" or "an optimal plan's
//! hours equal its lower bound").

use arbitrary::{Arbitrary, Unstructured};
use parcours::{
    AnalysisOptions, CheckedInstrument, Compiled, Date, Diagnostic, Lang, Learner, Outcome,
    PlanOptions, PlanStatus, ProgressOptions, ReadOptions, RecommendOptions,
};
use serde::Serialize;

use crate::bundled;
use crate::pair::{Calls, Pair};

/// The date `team_plan` is given (the caller's clock): 2026-12-02.
const TODAY_UNIX_DAYS: i64 = 20_789;

/// What a host does with any diagnostic: render it in both languages, as text
/// and as the JSON the command line prints.
fn show(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let _ = d.message(Lang::Fr);
        let _ = d.hint(Lang::En);
        let _ = d.severity();
        serialise(&d.to_output(Lang::Fr));
    }
}

/// What a host does with a result: JSON it (non-finite numbers become `null`).
fn serialise<T: Serialize>(value: &T) {
    let _ = serde_json::to_string(value);
}

/// The diagnostics shown, the value given back.
fn shown<T>(outcome: Outcome<T>) -> Option<T> {
    show(&outcome.diagnostics);
    outcome.value
}

/// Bytes → [`parcours::load`]; a compiled curriculum gets the drawing-free checks a
/// tool makes (its topological order, its ids), and [`parcours::detect_kind`] sees
/// the bytes too.
pub fn curriculum_load(bytes: &[u8]) {
    let _ = parcours::detect_kind("fuzz.json", bytes);
    if let Some(curriculum) = shown(parcours::load(bytes)) {
        check_compiled(&curriculum);
    }
}

/// What holds of any compiled curriculum: its topological order lists every module
/// once, prerequisites first, and every module is found again by its id.
fn check_compiled(c: &Compiled) {
    let n = c.modules().len();
    let order = c.topological_order();
    assert_eq!(order.len(), n, "the topological order lists every module");
    let mut position = vec![usize::MAX; n];
    for (at, &m) in order.iter().enumerate() {
        let slot = &mut position[m.index()];
        assert_eq!(*slot, usize::MAX, "a module twice in the topological order");
        *slot = at;
    }
    for (m, info) in c.module_ixs() {
        assert_eq!(c.module_ix(&info.id), Some(m), "a module found by its id");
        for p in c.prerequisites_of(m) {
            assert!(
                position[p.index()] < position[m.index()],
                "a prerequisite after its module in the topological order"
            );
        }
        let _ = c.dependents_of(m).count();
    }
    let _ = c.id_and_version();
    let _ = c.key();
}

/// The bundled curriculum a record names (as a host picks the curriculum with
/// [`parcours::learner_curriculum`]), else the first bundled one, so that seeds
/// for every bundled curriculum reach the engine.
fn curriculum_for(bytes: &[u8]) -> &'static Compiled {
    let bundled = bundled::get();
    shown(parcours::learner_curriculum(bytes))
        .and_then(|r| bundled.curriculum(&r.id))
        .unwrap_or(&bundled.curricula[0])
}

/// Bytes → [`parcours::load_learner`] against the bundled curriculum the record
/// names; a learner gets [`parcours::status`] and [`parcours::progress`].
pub fn learner_load(bytes: &[u8]) {
    let curriculum = curriculum_for(bytes);
    if let Some(learner) = shown(parcours::load_learner(curriculum, bytes)) {
        check_status(curriculum, &learner);
        check_progress(curriculum, &learner, &ProgressOptions::default());
    }
}

/// Bytes → [`parcours::load_instrument`], alone and against the bundled curricula; an
/// instrument that loads reads the bundled answers and analyses them.
pub fn instrument_load(bytes: &[u8]) {
    let _ = parcours::detect_kind("fuzz.json", bytes);
    let _ = shown(parcours::load_instrument(bytes, None));
    let given = bundled::get().curricula();
    if let Some(instrument) = shown(parcours::load_instrument(bytes, Some(&given))) {
        let _ = instrument.items().len();
        answers(&instrument, bundled::ANSWERS, false);
    }
}

/// Bytes (CSV as spreadsheets and form tools write it) → [`parcours::read_answers`]
/// against both bundled instruments, rejecting or skipping bad rows; a table is
/// analysed, planned for and positioned.
pub fn answers_csv(bytes: &[u8]) {
    answers_against_bundled(bytes);
}

/// Bytes (JSON answers) → [`parcours::read_answers`], as [`answers_csv`]. The reader
/// takes JSON when the first byte that is not white space is `{`, so this target
/// differs from the CSV one by its seeds and its dictionary.
pub fn answers_json(bytes: &[u8]) {
    answers_against_bundled(bytes);
}

fn answers_against_bundled(bytes: &[u8]) {
    let instruments = &bundled::get().instruments;
    for (i, instrument) in instruments.iter().enumerate() {
        answers(instrument, bytes, i == 0);
    }
}

/// Reads `bytes` against `instrument` both ways (reject the file, skip bad rows);
/// a table gets the committee's analysis (alone and against itself as the wave
/// before), and when `downstream`, the analysis against the bundled wave, the team
/// plan and one respondent's positioning (for the whole file only).
fn answers(instrument: &CheckedInstrument, bytes: &[u8], downstream: bool) {
    for skip_bad_rows in [false, true] {
        let (outcome, report) =
            parcours::read_answers(instrument, bytes, &ReadOptions { skip_bad_rows });
        serialise(&report);
        let Some(table) = shown(outcome) else {
            continue;
        };
        assert_eq!(
            table.items.len(),
            instrument.items().len(),
            "one column per item of the instrument"
        );
        let analysis = parcours::analyse(instrument, &table, None, &AnalysisOptions::default());
        serialise(&analysis);
        let again = parcours::analyse(
            instrument,
            &table,
            Some(&table),
            &AnalysisOptions::default(),
        );
        serialise(&again);
        // The team plan runs a plan per college and curriculum: once per input.
        if !downstream || skip_bad_rows {
            continue;
        }
        let bundled = bundled::get();
        let before = parcours::analyse(
            instrument,
            &table,
            Some(&bundled.answers),
            &AnalysisOptions::default(),
        );
        serialise(&before);
        if let Some(today) = Date::from_unix_days(TODAY_UNIX_DAYS) {
            let team = parcours::team_plan(instrument, &analysis, &bundled.curricula(), today);
            serialise(&team);
        }
        let first = table.respondents.iter().find_map(|r| r.id.as_deref());
        if let (Some(respondent), Some(curriculum)) =
            (first, bundled.curriculum("transformation-offre"))
        {
            if let Some(positioned) = shown(parcours::position(
                instrument,
                &table,
                respondent,
                bundled::RECORD,
                curriculum,
                &parcours::PositionOptions::default(),
            )) {
                serialise(&positioned.summary);
            }
        }
    }
}

/// One line of an NDJSON batch, as `parcours recommend|ready --learners` reads it:
/// the bytes up to the first line feed (included), stripped of `\n` then `\r`, read
/// against the bundled curriculum the record names, then the recommendations and
/// the ready set, each JSONed as the batch writes it; a refusal becomes the batch's
/// error line.
pub fn ndjson_line(bytes: &[u8]) {
    let line = match bytes.iter().position(|&b| b == b'\n') {
        Some(at) => &bytes[..=at],
        None => bytes,
    };
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let curriculum = curriculum_for(line);
    let outcome = parcours::load_learner(curriculum, line);
    let Some(learner) = outcome.value else {
        for d in &outcome.diagnostics {
            serialise(&d.to_output(Lang::Fr));
        }
        return;
    };
    let options = RecommendOptions::default();
    if let Some(r) = shown(parcours::recommend(curriculum, &learner, &options)) {
        assert!(r.recommendations.len() <= options.top, "at most `top`");
        serialise(&r);
    }
    if let Some(ready) = shown(parcours::ready(curriculum, &learner)) {
        check_ready(curriculum, &ready);
        let ids: Vec<&str> = ready
            .iter()
            .map(|&m| curriculum.module(m).id.as_str())
            .collect();
        serialise(&(learner.id(), ids));
    }
}

/// A structured (curriculum, record, options) triple made by [`Pair`] from the
/// bytes (as `fuzz_target!(|pair: Pair| ...)` would, with `arbitrary_take_rest`),
/// written as JSON documents and read through the facade; when both load, every
/// engine call runs on them, the plan with a small node budget so that the LP
/// relaxation runs too. Every input runs as it is: the four findings of the first
/// runs are fixed.
pub fn engine_pair(bytes: &[u8]) {
    let Ok(pair) = Pair::arbitrary_take_rest(Unstructured::new(bytes)) else {
        return;
    };
    let (curriculum, record) = pair.documents();
    let Some(curriculum) = shown(parcours::load(curriculum.as_bytes())) else {
        return;
    };
    check_compiled(&curriculum);
    let Some(learner) = shown(parcours::load_learner(&curriculum, record.as_bytes())) else {
        return;
    };
    engine(&curriculum, &learner, &pair.calls(&curriculum));
}

/// The engine's calls with the options a [`Pair`] chose.
fn engine(c: &Compiled, learner: &Learner, calls: &Calls) {
    check_status(c, learner);
    check_progress(c, learner, &calls.progress);
    if let Some(r) = shown(parcours::recommend(c, learner, &calls.recommend)) {
        assert!(
            r.recommendations.len() <= calls.recommend.top,
            "at most `top` recommendations"
        );
        serialise(&r);
    }
    if let Some(why) = shown(parcours::why_not(
        c,
        learner,
        &calls.why_not,
        &calls.recommend,
    )) {
        serialise(&why);
    }
    if let Some(ready) = shown(parcours::ready(c, learner)) {
        check_ready(c, &ready);
    }
    if let Some(plan) = shown(parcours::plan(c, learner, &calls.plan)) {
        check_plan(&plan, &calls.plan);
        serialise(&plan);
    }
}

fn check_status(c: &Compiled, learner: &Learner) {
    if let Some(status) = shown(parcours::status(c, learner)) {
        assert_eq!(
            status.modules.len(),
            c.modules().len(),
            "a state per module"
        );
        serialise(&status);
    }
}

fn check_progress(c: &Compiled, learner: &Learner, options: &ProgressOptions) {
    if let Some(progress) = shown(parcours::progress(c, learner, options)) {
        let p = progress.completion.percentage;
        assert!((0.0..=100.0).contains(&p), "a percentage: {p}");
        serialise(&progress);
    }
}

/// The ready set: modules of the curriculum, each once, in document order.
fn check_ready(c: &Compiled, ready: &[parcours::ModuleIx]) {
    assert!(
        ready.windows(2).all(|w| w[0].index() < w[1].index()),
        "the ready set in document order, each module once"
    );
    assert!(
        ready.iter().all(|m| m.index() < c.modules().len()),
        "the ready set within the curriculum"
    );
}

/// A plan never costs less than its proven lower bound, and an optimal one costs
/// exactly that.
fn check_plan(plan: &parcours::Plan, options: &PlanOptions) {
    assert!(
        plan.total_hours >= plan.lower_bound_hours,
        "plan of {} h under its lower bound {} h (budget {:?})",
        plan.total_hours,
        plan.lower_bound_hours,
        options.node_budget
    );
    if plan.status == PlanStatus::Optimal {
        assert_eq!(
            plan.total_hours, plan.lower_bound_hours,
            "an optimal plan's hours are its lower bound"
        );
    }
}

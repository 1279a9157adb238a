//! Properties of recommendations on generated curricula and learners: every
//! recommended action can be taken now (a new module available, an expired one to
//! renew, a completed one to retake below a gate's minimum; never excluded, for
//! another audience, or with prerequisites that do not hold); completing the top recommendation never makes a goal module
//! unreachable; ranking is sorted (determinism across processes: crates/parcours-cli/tests/determinism.rs); each recommendation unlocks
//! exactly the modules it lists.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use parcours::curriculum::prerequisite::Expr;
use parcours::engine::recommend::Action;
use parcours::learner::record::{
    Completion, Constraints, CurriculumRef, Goals, Learner, LearnerRecord,
};
use parcours::learner::state::{ModuleState, Status};
use parcours::{load_learner, Compiled, RecommendOptions};
use parcours_testkit::AUDIENCES;
use proptest::prelude::*;

mod common;
use common::compiled;

fn learner(
    c: &Compiled,
    audience: &str,
    done: &[bool],
    excluded: &[bool],
) -> (LearnerRecord, Learner) {
    learner_with(c, audience, done, &[], excluded)
}

/// Completion dates and scores by `variant` (cycled): recent or old enough for a
/// 24-month validity to have lapsed; a score below, between or above the gates.
const VARIANTS: [(&str, f64); 6] = [
    ("2026-06-01", 75.0),
    ("2023-06-01", 75.0),
    ("2026-06-01", 45.0),
    ("2026-06-01", 95.0),
    ("2023-06-01", 45.0),
    ("2026-06-01", 60.0),
];

fn learner_with(
    c: &Compiled,
    audience: &str,
    done: &[bool],
    variant: &[u8],
    excluded: &[bool],
) -> (LearnerRecord, Learner) {
    let doc = c.document();
    let record = LearnerRecord {
        format_version: 1,
        id: "apprenant-prop".into(),
        audience: audience.into(),
        curriculum: CurriculumRef {
            id: doc.id.clone(),
            version: doc.version.clone(),
        },
        now: "2026-11-25".into(),
        completed: c
            .modules()
            .iter()
            .zip(done)
            .enumerate()
            .filter(|(_, (_, d))| **d)
            .map(|(i, (m, _))| {
                let (date, score) = VARIANTS[usize::from(variant.get(i).copied().unwrap_or(0)) % 6];
                Completion {
                    module: m.id.clone(),
                    date: date.into(),
                    score: Some(score),
                }
            })
            .collect(),
        goals: Some(Goals {
            complete: true,
            competencies: Vec::new(),
        }),
        constraints: Some(Constraints {
            hours_available: None,
            excluded_modules: c
                .modules()
                .iter()
                .zip(excluded)
                .filter(|(_, e)| **e)
                .map(|(m, _)| m.id.clone())
                .collect(),
        }),
        ..LearnerRecord::default()
    };
    let outcome = load_learner(c, &serde_json::to_vec(&record).unwrap());
    let learner = outcome.value.expect("valid record");
    (record, learner)
}

/// Modules the learner could eventually take, completing available ones in turn.
fn reachable(c: &Compiled, record: &LearnerRecord) -> Vec<String> {
    let mut record = record.clone();
    loop {
        let learner = load_learner(c, &serde_json::to_vec(&record).unwrap())
            .value
            .unwrap();
        let st = parcours::status(c, &learner).value.unwrap();
        let next: Vec<String> = st
            .modules
            .iter()
            .filter(|m| m.state.is_available() && !m.excluded)
            .map(|m| m.module.clone())
            .collect();
        if next.is_empty() {
            return st
                .modules
                .iter()
                .filter(|m| m.state.counts_as_done())
                .map(|m| m.module.clone())
                .collect();
        }
        record
            .completed
            .extend(next.into_iter().map(|module| Completion {
                module,
                date: "2026-11-01".into(),
                score: Some(100.0),
            }));
    }
}

/// Whether `expr` holds for the learner, read from the outside: modules by their
/// state in `status`, competencies by their level there, scores from the record's
/// valid completions (its best score when the module is completed and valid).
fn holds(expr: &Expr, status: &Status) -> bool {
    let module = |id: &str| status.modules.iter().find(|m| m.module == id).unwrap();
    match expr {
        Expr::AllOf { of, .. } => of.iter().all(|e| holds(e, status)),
        Expr::AnyOf { of, .. } => of.iter().any(|e| holds(e, status)),
        Expr::AtLeast { k, of, .. } => {
            of.iter().filter(|e| holds(e, status)).count() >= *k as usize
        }
        Expr::Module { module: id, .. } => module(id).state.counts_as_done(),
        Expr::Score {
            module: id, min, ..
        } => {
            let m = module(id);
            m.state == ModuleState::Completed && m.score.is_some_and(|s| s >= *min)
        }
        Expr::Competency {
            competency, level, ..
        } => status
            .competencies
            .iter()
            .any(|k| &k.competency == competency && k.level.is_some_and(|l| l >= *level)),
    }
}

/// Whether `json` (a prerequisite or completion rule) holds a score gate on
/// `module` asking `min`.
fn gate(json: &serde_json::Value, module: &str, min: f64) -> bool {
    match json {
        serde_json::Value::Object(o) => {
            (o.get("type").and_then(|t| t.as_str()) == Some("score")
                && o.get("module").and_then(|m| m.as_str()) == Some(module)
                && o.get("min").and_then(|m| m.as_f64()) == Some(min))
                || o.values().any(|v| gate(v, module, min))
        }
        serde_json::Value::Array(a) => a.iter().any(|v| gate(v, module, min)),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn recommendations_are_takeable_and_ranked(
        modules in 1usize..60, seed in any::<u64>(), audience in 0usize..4,
        done in proptest::collection::vec(proptest::bool::weighted(0.3), 60),
        variant in proptest::collection::vec(0u8..6, 60),
        excluded in proptest::collection::vec(proptest::bool::weighted(0.1), 60),
    ) {
        let c = compiled(modules, seed);
        let (_, l) = learner_with(&c, AUDIENCES[audience], &done, &variant, &excluded);
        let st = parcours::status(&c, &l).value.unwrap();
        let options = RecommendOptions { top: 8, ..RecommendOptions::default() };
        let rec = parcours::recommend(&c, &l, &options).value.unwrap();
        prop_assert!(rec.recommendations.len() <= 8);
        for r in &rec.recommendations {
            let m = st.modules.iter().find(|m| m.module == r.module).unwrap();
            let doc = c.document().modules.iter().find(|d| d.id == r.module).unwrap();
            match r.action {
                Action::Take { .. } => prop_assert!(
                    // No positioning evidence here: nothing is dispensed.
                    matches!(m.state, ModuleState::Available | ModuleState::AvailableWithWarnings),
                    "{} to take in state {:?}", r.module, m.state
                ),
                Action::Renew { expired_on } => {
                    prop_assert_eq!(m.state, ModuleState::Expired, "{} to renew", &r.module);
                    prop_assert_eq!(expired_on, m.expired_on);
                }
                Action::Retake { best_score, required_score } => {
                    prop_assert_eq!(m.state, ModuleState::Completed, "{} to retake", &r.module);
                    prop_assert!(best_score.is_none_or(|b| b < required_score));
                    // The gate is on this module, in a prerequisite of a locked
                    // module the learner may take, or in the completion rule.
                    let completion = serde_json::to_value(&c.document().completion).unwrap();
                    let gated = st.modules.iter().any(|d| d.state == ModuleState::Locked && !d.excluded
                        && c.document().modules.iter().find(|x| x.id == d.module)
                            .and_then(|x| x.requires.as_ref())
                            .is_some_and(|e| gate(&serde_json::to_value(e).unwrap(), &r.module, required_score)))
                        || gate(&completion, &r.module, required_score);
                    prop_assert!(gated, "{} retaken for no gate in the way", r.module);
                }
                _ => prop_assert!(false, "an action this test does not know"),
            }
            prop_assert!(!m.excluded, "{} is excluded", r.module);
            prop_assert!(doc.audiences.is_empty() || doc.audiences.contains(&AUDIENCES[audience].to_string()),
                "{} is for another audience", r.module);
            prop_assert!(doc.requires.as_ref().is_none_or(|e| holds(e, &st)),
                "{} recommended while its prerequisites do not hold", r.module);
        }
        for pair in rec.recommendations.windows(2) {
            prop_assert!(
                pair[0].score > pair[1].score || (pair[0].score == pair[1].score && pair[0].module < pair[1].module),
                "not ranked: {:?} then {:?}", pair[0].module, pair[1].module
            );
        }
    }

    #[test]
    fn completing_the_top_recommendation_never_makes_a_goal_module_unreachable(
        modules in 1usize..40, seed in any::<u64>(), audience in 0usize..4,
        done in proptest::collection::vec(proptest::bool::weighted(0.3), 40),
    ) {
        let c = compiled(modules, seed);
        let (record, l) = learner(&c, AUDIENCES[audience], &done, &[]);
        let before = reachable(&c, &record);
        let rec = parcours::recommend(&c, &l, &RecommendOptions::default()).value.unwrap();
        if let Some(top) = rec.recommendations.first() {
            let mut after_record = record.clone();
            // Completing it well: a low score may rightly block a score prerequisite.
            after_record.completed.push(Completion { module: top.module.clone(), date: "2026-11-20".into(), score: Some(100.0) });
            let after = reachable(&c, &after_record);
            for m in &before {
                prop_assert!(after.contains(m), "{} became unreachable after completing {}", m, top.module);
            }
        }
    }

    #[test]
    fn each_recommendation_unlocks_exactly_the_modules_it_lists(
        modules in 1usize..60, seed in any::<u64>(), audience in 0usize..4,
        done in proptest::collection::vec(proptest::bool::weighted(0.35), 60),
        variant in proptest::collection::vec(0u8..6, 60),
        excluded in proptest::collection::vec(proptest::bool::weighted(0.1), 60),
    ) {
        let c = compiled(modules, seed);
        let (record, l) = learner_with(&c, AUDIENCES[audience], &done, &variant, &excluded);
        let before = parcours::status(&c, &l).value.unwrap();
        let rec = parcours::recommend(&c, &l, &RecommendOptions { top: usize::MAX, ..RecommendOptions::default() }).value.unwrap();
        for r in &rec.recommendations {
            let mut after_record = record.clone();
            after_record.completed.push(Completion { module: r.module.clone(), date: "2026-11-20".into(), score: Some(100.0) });
            let after_learner = load_learner(&c, &serde_json::to_vec(&after_record).unwrap()).value.unwrap();
            let after = parcours::status(&c, &after_learner).value.unwrap();
            let opened: Vec<String> = before.modules.iter().zip(&after.modules)
                .filter(|(b, a)| b.state == ModuleState::Locked && !b.excluded && a.state.is_available())
                .map(|(b, _)| b.module.clone())
                .collect();
            let mut listed = r.unlocks.clone();
            listed.sort();
            let mut opened = opened;
            opened.sort();
            prop_assert_eq!(listed, opened, "completing {}", r.module);
        }
    }
}

//! Properties of recommendations on generated curricula and learners: every
//! recommended module can be taken now (none locked, mastered, excluded or for
//! another audience); completing the top recommendation never makes a goal module
//! unreachable; ranking is sorted (determinism across processes: crates/parcours-cli/tests/determinism.rs); each recommendation unlocks
//! exactly the modules it lists.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use parcours::learner::record::{
    Completion, Constraints, CurriculumRef, Goals, Learner, LearnerRecord,
};
use parcours::learner::state::ModuleState;
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
            .filter(|(_, d)| **d)
            .map(|(m, _)| Completion {
                module: m.id.clone(),
                date: "2026-06-01".into(),
                score: Some(75.0),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn recommendations_are_takeable_and_ranked(
        modules in 1usize..60, seed in any::<u64>(), audience in 0usize..4,
        done in proptest::collection::vec(proptest::bool::weighted(0.3), 60),
        excluded in proptest::collection::vec(proptest::bool::weighted(0.1), 60),
    ) {
        let c = compiled(modules, seed);
        let (_, l) = learner(&c, AUDIENCES[audience], &done, &excluded);
        let st = parcours::status(&c, &l).value.unwrap();
        let options = RecommendOptions { top: 8, ..RecommendOptions::default() };
        let rec = parcours::recommend(&c, &l, &options).value.unwrap();
        prop_assert!(rec.recommendations.len() <= 8);
        for r in &rec.recommendations {
            let m = st.modules.iter().find(|m| m.module == r.module).unwrap();
            prop_assert!(
                matches!(m.state, ModuleState::Available | ModuleState::AvailableWithWarnings),
                "{} recommended in state {:?}", r.module, m.state
            );
            prop_assert!(!m.excluded, "{} is excluded", r.module);
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
        excluded in proptest::collection::vec(proptest::bool::weighted(0.1), 60),
    ) {
        let c = compiled(modules, seed);
        let (record, l) = learner(&c, AUDIENCES[audience], &done, &excluded);
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

//! Properties of the learner state that need its internals, on generated
//! curricula and records (the others are in `tests/learner_properties.rs`):
//! module states, which come from counting completed modules or evaluating flat
//! programs, agree with the expression tree itself; confidence in a level never
//! falls when a piece that agrees with it is added, and never rises when a piece
//! that contradicts it is.
#![cfg(test)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use parcours_testkit::{self as synthetic, SyntheticOptions};
use proptest::prelude::*;

use crate::curriculum::competency::{Method, Source};
use crate::curriculum::compiled::{AssessmentRule, Compiled, DEFAULT_SOURCE_WEIGHTS};
use crate::learner::evidence::{self, Origin, Piece};
use crate::learner::record::{Completion, CurriculumRef, Learner, LearnerRecord};
use crate::learner::state::{status, Facts, ModuleState};

/// A generated curriculum of `modules` modules (seeded), compiled. The testkit
/// belongs to the library build, so it hands its curriculum over as JSON.
fn compiled(modules: usize, seed: u64) -> Compiled {
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules,
        seed,
        ..SyntheticOptions::default()
    });
    crate::load_str(&synthetic::to_json(&doc))
        .value
        .expect("generated curricula are valid")
}

fn record(c: &Compiled, audience: &str) -> LearnerRecord {
    let doc = c.document();
    LearnerRecord {
        format_version: 1,
        id: "apprenant-test".into(),
        audience: audience.into(),
        curriculum: CurriculumRef {
            id: doc.id.clone(),
            version: doc.version.clone(),
        },
        now: "2026-11-25".into(),
        ..LearnerRecord::default()
    }
}

fn load(c: &Compiled, record: &LearnerRecord) -> Learner {
    let bytes = serde_json::to_vec(record).unwrap();
    let outcome = crate::load_learner(c, &bytes);
    assert!(
        outcome.diagnostics.is_empty(),
        "{:?}",
        outcome
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    );
    outcome.value.unwrap()
}

const SOURCES: [Source; 6] = [
    Source::SelfAssessment,
    Source::TrainerAssessment,
    Source::Quiz,
    Source::Observation,
    Source::Peer,
    Source::Completion,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_module_is_both_available_and_failing_its_requirements(
        modules in 1usize..80, seed in any::<u64>(), done in proptest::collection::vec(any::<bool>(), 80),
    ) {
        let c = compiled(modules, seed);
        let mut r = record(&c, "professionnels");
        r.completed = c
            .modules()
            .iter()
            .zip(&done)
            .filter(|(_, d)| **d)
            .map(|(m, _)| Completion { module: m.id.clone(), date: "2026-10-01".into(), score: Some(80.0) })
            .collect();
        let learner = load(&c, &r);
        let st = status(&c, &learner);
        // States come from counting completed modules or evaluating flat programs:
        // they must agree with the expression tree itself.
        let facts = Facts::new(&c, &learner);
        for (info, m) in c.modules().iter().zip(&st.modules) {
            let holds = info.requires.as_ref().is_none_or(|r| facts.holds(r));
            match m.state {
                ModuleState::Locked => prop_assert!(!holds, "{} locked yet its requires hold", m.module),
                s if s.is_available() => prop_assert!(holds, "{} available yet its requires fail", m.module),
                _ => {}
            }
        }
        for m in &st.modules {
            match m.state {
                ModuleState::Locked => {
                    prop_assert!(!m.why.is_empty(), "{} locked without a reason", m.module);
                    let unlock = m.unlock.as_ref().expect("a locked module says what unlocks it");
                    prop_assert!(!unlock.items.is_empty());
                }
                _ => prop_assert!(m.why.is_empty() && m.unlock.is_none()),
            }
        }
    }

    #[test]
    fn agreement_raises_confidence_and_contradiction_never_does(
        seed in any::<u64>(),
        method in 0usize..5,
        default_ranks in any::<bool>(),
        pieces in proptest::collection::vec((0u32..4, 0usize..6, 1u32..28, 1u32..12), 1..8),
        added in (0u32..4, 0usize..6, 1u32..28, 1u32..12),
    ) {
        let c = compiled(20, seed);
        let k = c.competency_ix(&c.competencies()[0].id).unwrap();
        // The generated rule (its weights, validity, n, m), under every method, and
        // with the default ranks half the time.
        let generated = &c.competencies()[0].assessment;
        let rule = AssessmentRule {
            method: Method::ALL[method],
            source_weights: if default_ranks { DEFAULT_SOURCE_WEIGHTS } else { generated.source_weights },
            ..generated.clone()
        };
        let now = "2026-11-25".parse().unwrap();
        let piece = |(level, source, day, month): (u32, usize, u32, u32), i: usize| Piece {
            competency: k,
            level,
            source: SOURCES[source],
            date: format!("2026-{month:02}-{day:02}").parse().unwrap(),
            weight: 1.0,
            origin: if SOURCES[source] == Source::Completion { Origin::Completion(i) } else { Origin::Evidence(i) },
            score: None,
            valid_until: None,
        };
        let existing: Vec<Piece> = pieces.iter().enumerate().map(|(i, p)| piece(*p, i)).collect();
        let new = piece(added, existing.len());
        let before: Vec<&Piece> = existing.iter().collect();
        let mut after = before.clone();
        after.push(&new);
        let (level, _) = evidence::combine(&rule, &before);
        prop_assume!(level.is_some());
        let held = level.unwrap();
        let (level_after, _) = evidence::combine(&rule, &after);
        let was = evidence::confidence(&rule, &before, level, now);
        // Confidence in the level held before the piece came.
        let in_held = evidence::confidence(&rule, &after, level, now);
        // What status reports after: confidence in the level found then.
        let reported = evidence::confidence(&rule, &after, level_after, now);
        if evidence::agrees(rule.method, &new, held) {
            prop_assert!(in_held >= was, "an agreeing piece lowered {was} to {in_held}");
            if level_after == level {
                prop_assert!(reported >= was);
            }
        } else {
            prop_assert!(in_held <= was, "a contradicting piece raised {was} to {in_held}");
            if level_after == level {
                prop_assert!(reported <= was, "a contradicting piece raised {was} to {reported}");
            }
        }
    }
}

//! Properties of the learner state on generated curricula and records, through
//! the crate root: completing everything is 100% with nothing locked; a record kept
//! against an older version is carried through `replaces` and nothing is dropped
//! silently; an expired module is to renew yet still opens what it requires. (The
//! properties that need the engine's internals — states agree with the expression
//! tree, evidence from a higher-ranked source never lowers confidence — are unit
//! tests in `src/learner/properties.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use parcours::curriculum::competency::Source;
use parcours::learner::record::{Completion, CurriculumRef, Evidence, LearnerRecord};
use parcours::learner::state::{ModuleState, Status};
use parcours::{load_learner, Compiled, Learner, Progress, ProgressOptions};
use parcours_testkit::{self as synthetic, SyntheticOptions, AUDIENCES};
use proptest::prelude::*;

mod common;
use common::compiled;

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
    let outcome = load_learner(c, &bytes);
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

fn status(c: &Compiled, learner: &Learner) -> Status {
    parcours::status(c, learner).value.unwrap()
}

fn progress(c: &Compiled, learner: &Learner, options: ProgressOptions) -> Progress {
    parcours::progress(c, learner, &options).value.unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn completing_everything_is_complete_with_nothing_locked(
        modules in 1usize..80, seed in any::<u64>(), audience in 0usize..4,
    ) {
        let c = compiled(modules, seed);
        let mut r = record(&c, AUDIENCES[audience]);
        r.completed = c
            .modules()
            .iter()
            .map(|m| Completion { module: m.id.clone(), date: "2026-11-20".into(), score: Some(100.0) })
            .collect();
        let learner = load(&c, &r);
        let st = status(&c, &learner);
        prop_assert!(st.modules.iter().all(|m| m.state == ModuleState::Completed));
        let pr = progress(&c, &learner, ProgressOptions::default());
        prop_assert!(pr.completion.met, "{:?}", pr.completion);
        prop_assert_eq!(pr.completion.percentage, 100.0);
        prop_assert!(pr.remaining.is_empty());
    }
}

#[test]
fn a_record_kept_against_an_older_version_is_carried_and_nothing_is_dropped() {
    // Version 2 renames module `m000` to `m000-v2` (replaces) and drops nothing else.
    let mut doc = synthetic::curriculum(&SyntheticOptions {
        modules: 12,
        seed: 3,
        ..SyntheticOptions::default()
    });
    let old = doc.clone();
    let first = doc.modules[0].id.clone();
    let renamed = format!("{first}-v2");
    for m in &mut doc.modules {
        if m.id == first {
            m.id = renamed.clone();
            m.replaces = vec![first.clone()];
        }
        if let Some(r) = &mut m.requires {
            rename(r, &first, &renamed);
        }
        if let Some(r) = &mut m.recommends {
            rename(r, &first, &renamed);
        }
    }
    for g in &mut doc.groups {
        for m in &mut g.modules {
            if *m == first {
                *m = renamed.clone();
            }
        }
    }
    doc.version = "2".into();
    let outcome = parcours::load_str(&synthetic::to_json(&doc));
    assert!(
        outcome.diagnostics.is_empty(),
        "{:?}",
        outcome
            .diagnostics
            .iter()
            .map(|d| d.message(parcours::Lang::En))
            .collect::<Vec<_>>()
    );
    let c = outcome.value.unwrap();
    let old_c = parcours::load_str(&synthetic::to_json(&old)).value.unwrap();
    let mut r = record(&old_c, "professionnels");
    r.completed = vec![
        Completion {
            module: first.clone(),
            date: "2026-01-10".into(),
            score: None,
        },
        Completion {
            module: "module-disparu".into(),
            date: "2026-01-11".into(),
            score: None,
        },
    ];
    r.evidence = vec![Evidence {
        competency: "competence-disparue".into(),
        level: Some(1),
        score: None,
        source: Source::TrainerAssessment,
        date: "2026-01-12".into(),
        weight: None,
    }];
    let bytes = serde_json::to_vec(&r).unwrap();
    let outcome = load_learner(&c, &bytes);
    assert!(
        outcome.diagnostics.is_empty(),
        "another version's unknown ids are listed, not errors"
    );
    let learner = outcome.value.unwrap();
    let st = status(&c, &learner);
    assert_eq!(st.history.record_version, old.version);
    assert_eq!(st.history.carried.len(), 1);
    assert_eq!(
        (
            st.history.carried[0].from.as_str(),
            st.history.carried[0].to.as_str()
        ),
        (first.as_str(), renamed.as_str())
    );
    let unknown: Vec<&str> = st
        .history
        .unknown
        .iter()
        .map(|u| u.pointer.as_str())
        .collect();
    assert_eq!(unknown, ["/completed/1/module", "/evidence/0/competency"]);
    let state = st
        .modules
        .iter()
        .find(|m| m.module == renamed)
        .unwrap()
        .state;
    assert_eq!(state, ModuleState::Completed);

    // The same unknown ids against the record's own version are errors.
    r.curriculum.version = doc.version.clone();
    let outcome = load_learner(&c, &serde_json::to_vec(&r).unwrap());
    let codes: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["unknown-module", "unknown-competency"]);
}

fn rename(expr: &mut parcours::curriculum::prerequisite::Expr, from: &str, to: &str) {
    use parcours::curriculum::prerequisite::Expr;
    match expr {
        Expr::AllOf { of, .. } | Expr::AnyOf { of, .. } | Expr::AtLeast { of, .. } => {
            of.iter_mut().for_each(|e| rename(e, from, to))
        }
        Expr::Module { module, .. } | Expr::Score { module, .. } => {
            if module == from {
                *module = to.to_string();
            }
        }
        Expr::Competency { .. } => {}
    }
}

#[test]
fn an_expired_module_is_to_renew_and_no_longer_opens_what_it_requires() {
    // Find a generated curriculum with a module that has a validity and a
    // dependent open to the learner that requires exactly that module.
    let (c, expiring, dependent) = (0..400u64)
        .find_map(|seed| {
            let c = compiled(30, seed);
            let found = c.modules().iter().enumerate().find_map(|(i, m)| {
                let ix = c.module_ix(&m.id)?;
                m.validity_months?;
                c.dependents_of(ix)
                    .find(|&d| {
                        let info = c.module(d);
                        info.audiences.is_empty()
                            && info.requires.as_ref().is_some_and(
                                |r| matches!(r.op, parcours::curriculum::compiled::Op::Module(x) if x == ix),
                            )
                    })
                    .map(|d| (i, d.index()))
            });
            found.map(|(i, d)| (c, i, d))
        })
        .expect("a generated curriculum with a module to renew");
    let months = c.modules()[expiring].validity_months.unwrap();
    let mut r = record(&c, "professionnels");
    // Everything but the dependent, completed long ago (past any validity).
    r.completed = c
        .modules()
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != dependent)
        .map(|(_, m)| Completion {
            module: m.id.clone(),
            date: "2020-01-15".into(),
            score: Some(100.0),
        })
        .collect();
    let learner = load(&c, &r);
    let st = status(&c, &learner);
    let expired = &st.modules[expiring];
    assert_eq!(
        expired.state,
        ModuleState::Expired,
        "{months} months of validity"
    );
    let until = expired.valid_until.unwrap();
    assert!(until < learner.now());
    assert_eq!(expired.expired_on, Some(until.next_day()));
    let next = &st.modules[dependent];
    assert_eq!(
        next.state,
        ModuleState::Locked,
        "a lapsed training no longer satisfies `module completed`"
    );
    let unlock = next.unlock.as_ref().unwrap();
    assert!(
        unlock.items.iter().any(|item| matches!(item, parcours::learner::Item::Module { module } if *module == expired.module)),
        "renewing it unlocks the next: {:?}",
        unlock.items
    );
    let pr = progress(&c, &learner, ProgressOptions::default());
    let followed = pr
        .followed
        .iter()
        .find(|f| f.module == expired.module)
        .unwrap();
    assert!(followed.expired, "the record marks it to renew");
    assert_eq!(followed.expired_on, Some(until.next_day()));
}

//! Advice a training designer would sign (issue 16): small curricula and records
//! written by hand, each with the answer the designer expects. The curriculum is
//! `tests/fixtures/advice/curriculum.json`: three core modules of a nursing home's
//! safety training, two of which expire (hygiène after 12 months, gestes
//! d'urgence after 48), assessed by `highest` with no `sourceWeights`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::PathBuf;

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn curriculum() -> parcours::Compiled {
    let bytes = std::fs::read(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let outcome = parcours::load(&bytes);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// A record of a member of staff on 2026-11-25, with the given completions and
/// evidence (and any other field in `extra`).
fn learner(
    c: &parcours::Compiled,
    completed: Value,
    evidence: Value,
    extra: Value,
) -> parcours::Learner {
    let mut record = json!({
        "formatVersion": 1,
        "id": "aide-soignante",
        "audience": "professionnels",
        "curriculum": {"id": "securite-ehpad", "version": "2026.1"},
        "now": "2026-11-25",
        "completed": completed,
        "evidence": evidence,
    });
    if let (Some(r), Some(e)) = (record.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    let outcome = parcours::load_learner(c, &serde_json::to_vec(&record).unwrap());
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

fn competency<'s>(
    status: &'s parcours::Status,
    id: &str,
) -> &'s parcours::learner::CompetencyLevel {
    status
        .competencies
        .iter()
        .find(|k| k.competency == id)
        .unwrap()
}

// --- Item 4: a learner's own word does not outrank a trainer's by default ---

#[test]
fn a_trainer_level_one_beats_a_self_assessed_level_three_and_the_conflict_costs_confidence() {
    let c = curriculum();
    let alone = |source: &str, level: u32| {
        let l = learner(
            &c,
            json!([]),
            json!([{"competency": "bientraitance", "level": level, "source": source, "date": "2026-10-01"}]),
            json!({}),
        );
        let status = parcours::status(&c, &l).into_result().unwrap().0;
        competency(&status, "bientraitance").confidence
    };
    let (trainer_alone, own_alone) = (alone("trainerAssessment", 1), alone("selfAssessment", 3));
    assert_eq!(
        (trainer_alone, own_alone),
        (0.6, 0.3),
        "a declared source ranks half an assessed one"
    );
    let l = learner(
        &c,
        json!([]),
        json!([
            {"competency": "bientraitance", "level": 3, "source": "selfAssessment", "date": "2026-10-01"},
            {"competency": "bientraitance", "level": 1, "source": "trainerAssessment", "date": "2026-10-01"}
        ]),
        json!({}),
    );
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    let k = competency(&status, "bientraitance");
    assert_eq!(
        k.level,
        Some(1),
        "highest, without weights: the trainer's word"
    );
    assert!(
        k.confidence < trainer_alone,
        "{} ≥ {trainer_alone}",
        k.confidence
    );
    assert_eq!(k.confidence, 0.42);
    // A peer who agrees with the trainer raises it; one who agrees with the learner
    // lowers it further.
    let with_peer = |level: u32| {
        let l = learner(
            &c,
            json!([]),
            json!([
                {"competency": "bientraitance", "level": 3, "source": "selfAssessment", "date": "2026-10-01"},
                {"competency": "bientraitance", "level": 1, "source": "trainerAssessment", "date": "2026-10-01"},
                {"competency": "bientraitance", "level": level, "source": "peer", "date": "2026-10-02"}
            ]),
            json!({}),
        );
        let status = parcours::status(&c, &l).into_result().unwrap().0;
        let k = competency(&status, "bientraitance");
        (k.level, k.confidence)
    };
    let (level, agreeing) = with_peer(1);
    assert_eq!(level, Some(1));
    assert!(agreeing > 0.42, "{agreeing}");
    let (level, contradicting) = with_peer(3);
    assert_eq!(level, Some(1), "a peer does not outrank a trainer either");
    assert!(contradicting < 0.42, "{contradicting}");
}

#[test]
fn a_designer_who_sets_weights_still_decides() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let text = text.replace(
        r#""assessment": {"method": "highest"}"#,
        r#""assessment": {"method": "highest", "sourceWeights": {"selfAssessment": 1}}"#,
    );
    let c = parcours::load(text.as_bytes()).value.unwrap();
    let l = learner(
        &c,
        json!([]),
        json!([
            {"competency": "bientraitance", "level": 3, "source": "selfAssessment", "date": "2026-10-01"},
            {"competency": "bientraitance", "level": 1, "source": "trainerAssessment", "date": "2026-10-01"}
        ]),
        json!({}),
    );
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    assert_eq!(
        competency(&status, "bientraitance").level,
        Some(3),
        "with the learner ranked as high as a trainer, `highest` takes the highest"
    );
}

// --- Item 1: an expired training no longer proves anything ---

fn module<'s>(
    status: &'s parcours::Status,
    id: &str,
) -> &'s parcours::learner::state::ModuleStatus {
    status.modules.iter().find(|m| m.module == id).unwrap()
}

fn plan_steps(
    c: &parcours::Compiled,
    l: &parcours::Learner,
) -> Vec<(String, parcours::engine::plan::StepKind)> {
    let plan = parcours::plan(c, l, &parcours::PlanOptions::default())
        .value
        .unwrap();
    assert_eq!(plan.status, parcours::PlanStatus::Optimal);
    plan.steps
        .iter()
        .map(|s| (s.module.clone(), s.action))
        .collect()
}

/// Every core module followed; hygiène on `hygiene_on`, with `evidence`.
fn staff(c: &parcours::Compiled, hygiene_on: &str, evidence: Value) -> parcours::Learner {
    learner(
        c,
        json!([
            {"module": "hygiene-precautions", "date": hygiene_on, "score": 80},
            {"module": "gestes-urgence", "date": "2024-01-10"},
            {"module": "bientraitance", "date": "2026-02-01"}
        ]),
        evidence,
        json!({}),
    )
}

#[test]
fn a_valid_mandatory_training_counts() {
    use parcours::learner::state::ModuleState;
    let c = curriculum();
    // Hygiène on 2026-03-01, valid twelve months: still valid on 2026-11-25.
    let l = staff(&c, "2026-03-01", json!([]));
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    assert_eq!(
        module(&status, "hygiene-precautions").state,
        ModuleState::Completed
    );
    assert_eq!(module(&status, "hygiene-precautions").expired_on, None);
    assert_eq!(competency(&status, "hygiene").level, Some(2));
    assert!(module(&status, "referent-hygiene").state.is_available());
    assert!(plan_steps(&c, &l).is_empty(), "the curriculum is complete");
    let progress = parcours::progress(&c, &l, &parcours::ProgressOptions::default())
        .value
        .unwrap();
    assert!(progress.completion.met);
}

#[test]
fn an_expired_mandatory_training_proves_nothing_and_the_plan_renews_it() {
    use parcours::engine::plan::StepKind;
    use parcours::learner::state::ModuleState;
    let c = curriculum();
    // Hygiène on 2025-06-01: valid until 2026-06-01, lapsed from 2026-06-02.
    let l = staff(&c, "2025-06-01", json!([]));
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    let hygiene = module(&status, "hygiene-precautions");
    assert_eq!(hygiene.state, ModuleState::Expired);
    assert_eq!(hygiene.expired_on, Some("2026-06-02".parse().unwrap()));
    let level = competency(&status, "hygiene");
    assert_eq!(level.level, None, "nothing else shows hygiene");
    assert_eq!(
        level.expired.len(),
        1,
        "the lapsed completion is shown as expired"
    );
    assert_eq!(
        level.expired[0].origin,
        parcours::learner::Origin::Completion(0)
    );
    // Gestes d'urgence (2024-01-10, 48 months) still counts.
    assert_eq!(
        module(&status, "gestes-urgence").state,
        ModuleState::Completed
    );
    assert_eq!(competency(&status, "urgence").level, Some(2));
    // What required hygiène is locked again, and renewing it is what unlocks it.
    let next = module(&status, "referent-hygiene");
    assert_eq!(next.state, ModuleState::Locked);
    assert!(next.unlock.as_ref().unwrap().items.iter().any(
        |i| matches!(i, parcours::learner::Item::Module { module } if module == "hygiene-precautions")
    ));
    assert_eq!(
        plan_steps(&c, &l),
        vec![("hygiene-precautions".to_string(), StepKind::Renew)]
    );
    let progress = parcours::progress(&c, &l, &parcours::ProgressOptions::default())
        .value
        .unwrap();
    assert!(!progress.completion.met);
    assert!(progress
        .remaining
        .iter()
        .any(|r| r.module == "hygiene-precautions"));
    let followed = progress
        .followed
        .iter()
        .find(|f| f.module == "hygiene-precautions")
        .unwrap();
    assert!(followed.expired);
    assert_eq!(followed.expired_on, Some("2026-06-02".parse().unwrap()));
    // A score gate on the lapsed module does not hold either.
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let gated = text.replace(
        r#""requires": {"type": "module", "module": "hygiene-precautions"}"#,
        r#""requires": {"type": "score", "module": "hygiene-precautions", "min": 70}"#,
    );
    let g = parcours::load(gated.as_bytes()).value.unwrap();
    let l = staff(&g, "2025-06-01", json!([]));
    let status = parcours::status(&g, &l).into_result().unwrap().0;
    assert_eq!(
        module(&status, "referent-hygiene").state,
        ModuleState::Locked
    );
    let l = staff(&g, "2026-03-01", json!([]));
    let status = parcours::status(&g, &l).into_result().unwrap().0;
    assert!(module(&status, "referent-hygiene").state.is_available());
}

#[test]
fn an_expired_training_falls_back_to_what_assessment_still_shows() {
    use parcours::engine::plan::StepKind;
    use parcours::learner::state::ModuleState;
    let c = curriculum();
    // Lapsed, but observed at level 1 since: the level is 1, the module still to renew.
    let l = staff(
        &c,
        "2025-06-01",
        json!([{"competency": "hygiene", "level": 1, "source": "observation", "date": "2026-09-01"}]),
    );
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    assert_eq!(competency(&status, "hygiene").level, Some(1));
    assert_eq!(
        module(&status, "hygiene-precautions").state,
        ModuleState::Expired
    );
    assert_eq!(
        plan_steps(&c, &l),
        vec![("hygiene-precautions".to_string(), StepKind::Renew)]
    );
    // Lapsed, but a trainer and an observation show level 2 since: what the
    // module teaches is held by assessment, so it may be dispensed, not renewed.
    let l = staff(
        &c,
        "2025-06-01",
        json!([
            {"competency": "hygiene", "level": 2, "source": "observation", "date": "2026-09-01"},
            {"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-09-15"}
        ]),
    );
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    assert_eq!(competency(&status, "hygiene").level, Some(2));
    let hygiene = module(&status, "hygiene-precautions");
    assert_eq!(hygiene.state, ModuleState::MasteredByPositioning);
    assert_eq!(
        hygiene.expired_on,
        Some("2026-06-02".parse().unwrap()),
        "the lapse is still shown"
    );
    assert!(plan_steps(&c, &l).is_empty());
    let progress = parcours::progress(&c, &l, &parcours::ProgressOptions::default())
        .value
        .unwrap();
    assert!(progress
        .followed
        .iter()
        .any(|f| f.module == "hygiene-precautions" && f.expired));
}

#[test]
fn a_completion_expression_does_not_count_a_lapsed_training_either() {
    use parcours::engine::plan::StepKind;
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let text = text.replace(
        r#""completion": {"rule": "coreAndOptional"}"#,
        r#""completion": {"rule": "expression", "expression": {"type": "allOf", "of": [
            {"type": "module", "module": "hygiene-precautions"},
            {"type": "module", "module": "gestes-urgence"}]}}"#,
    );
    let c = parcours::load(text.as_bytes()).value.unwrap();
    let l = staff(&c, "2025-06-01", json!([]));
    let progress = parcours::progress(&c, &l, &parcours::ProgressOptions::default())
        .value
        .unwrap();
    assert_eq!(progress.completion.expression, Some(false));
    assert!(!progress.completion.met);
    assert_eq!(
        plan_steps(&c, &l),
        vec![("hygiene-precautions".to_string(), StepKind::Renew)]
    );
    let l = staff(&c, "2026-03-01", json!([]));
    assert!(
        parcours::progress(&c, &l, &parcours::ProgressOptions::default())
            .value
            .unwrap()
            .completion
            .met
    );
}

// --- Item 7: the entry positioning is the entry ---

fn level_change<'p>(
    p: &'p parcours::Progress,
    id: &str,
) -> &'p parcours::learner::progress::LevelChange {
    p.levels.iter().find(|l| l.competency == id).unwrap()
}

fn progress(c: &parcours::Compiled, l: &parcours::Learner) -> parcours::Progress {
    parcours::progress(c, l, &parcours::ProgressOptions::default())
        .value
        .unwrap()
}

#[test]
fn the_entry_is_what_was_known_on_the_day_of_enrolment() {
    let c = curriculum();
    let l = learner(
        &c,
        json!([
            {"module": "gestes-urgence", "date": "2024-01-10"},
            {"module": "bientraitance", "date": "2026-02-01"}
        ]),
        json!([
            {"competency": "hygiene", "level": 1, "source": "observation", "date": "2025-05-10"},
            {"competency": "bientraitance", "level": 0, "source": "trainerAssessment", "date": "2025-05-15"},
            {"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2025-09-01"}
        ]),
        json!({"enrolledOn": "2025-05-15"}),
    );
    let p = progress(&c, &l);
    assert_eq!(p.since, Some("2025-05-15".parse().unwrap()));
    let entry: Vec<(&str, String)> = p
        .entry_positioning
        .iter()
        .map(|e| (e.piece.competency.as_str(), e.piece.date.to_string()))
        .collect();
    assert_eq!(
        entry,
        vec![
            ("hygiene", "2025-05-10".to_string()),
            ("bientraitance", "2025-05-15".to_string())
        ],
        "on or before the enrolment, not the trainer's assessment of September"
    );
    // Gestes d'urgence, followed before the enrolment, is part of the entry.
    let urgence = level_change(&p, "urgence");
    assert_eq!((urgence.before, urgence.after), (Some(2), Some(2)));
    assert!(!urgence.acquired && !urgence.in_progress);
    // Bientraitance rose to the level its module teaches: acquired.
    let b = level_change(&p, "bientraitance");
    assert_eq!((b.before, b.after, b.target), (Some(0), Some(1), Some(1)));
    assert!(b.acquired && !b.in_progress);
    // Hygiene rose to 2, but the curriculum takes it to 3 (référent): in progress.
    let h = level_change(&p, "hygiene");
    assert_eq!((h.before, h.after, h.target), (Some(1), Some(2), Some(3)));
    assert!(!h.acquired && h.in_progress);
}

#[test]
fn without_an_enrolment_the_entry_is_the_first_completion() {
    let c = curriculum();
    // The earliest assessed evidence comes after the first completion: it is not
    // the entry (it used to be).
    let l = learner(
        &c,
        json!([
            {"module": "bientraitance", "date": "2025-03-01"},
            {"module": "gestes-urgence", "date": "2025-06-10"}
        ]),
        json!([
            {"competency": "hygiene", "level": 1, "source": "observation", "date": "2025-04-01"}
        ]),
        json!({}),
    );
    let p = progress(&c, &l);
    assert_eq!(p.since, Some("2025-03-01".parse().unwrap()));
    assert!(p.entry_positioning.is_empty());
    // The first completion is part of the training, not of the entry.
    let b = level_change(&p, "bientraitance");
    assert_eq!((b.before, b.after), (None, Some(1)));
    assert!(b.acquired);
    let h = level_change(&p, "hygiene");
    assert_eq!((h.before, h.after), (None, Some(1)));
    assert!(h.in_progress, "1 of the 3 the curriculum targets");
    // With no completion at all, everything so far is the entry.
    let l = learner(
        &c,
        json!([]),
        json!([{"competency": "hygiene", "level": 1, "source": "observation", "date": "2025-04-01"}]),
        json!({}),
    );
    let p = progress(&c, &l);
    assert_eq!(p.since, Some(l.now()));
    assert_eq!(p.entry_positioning.len(), 1);
    let h = level_change(&p, "hygiene");
    assert_eq!((h.before, h.after), (Some(1), Some(1)));
    assert!(!h.acquired && !h.in_progress);
}

#[test]
fn evidence_expired_since_the_entry_is_shown_as_expired() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let text = text.replace(
        r#""assessment": {"method": "highest"}"#,
        r#""assessment": {"method": "highest", "validityMonths": 12}"#,
    );
    let c = parcours::load(text.as_bytes()).value.unwrap();
    let l = learner(
        &c,
        json!([{"module": "bientraitance", "date": "2026-02-01"}]),
        json!([{"competency": "hygiene", "level": 1, "source": "observation", "date": "2025-05-10"}]),
        json!({"enrolledOn": "2025-05-15"}),
    );
    let p = progress(&c, &l);
    assert_eq!(p.entry_positioning.len(), 1);
    assert!(
        p.entry_positioning[0].expired,
        "valid at the entry, expired by now"
    );
    let h = level_change(&p, "hygiene");
    assert_eq!((h.before, h.after), (Some(1), None));
    assert!(h.expired, "the row stays, saying why the level is gone");
    assert!(!h.acquired && !h.in_progress);
    // And so does the JSON a host reads.
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["entryPositioning"][0]["expired"], json!(true));
    assert_eq!(
        json["levels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["competency"] == "hygiene")
            .unwrap()["expired"],
        json!(true)
    );
}

// --- Item 3: a dispensation is consistent everywhere ---

/// The fixture with `referent-hygiene` behind `gate` (a prerequisite on
/// hygiène) and the framework's assessment block `assessment`.
fn dispensing(gate: &str, assessment: &str) -> parcours::Compiled {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let text = text
        .replace(
            r#""requires": {"type": "module", "module": "hygiene-precautions"}"#,
            gate,
        )
        .replace(r#""assessment": {"method": "highest"}"#, assessment);
    let outcome = parcours::load(text.as_bytes());
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

const SCORE_70: &str =
    r#""requires": {"type": "score", "module": "hygiene-precautions", "min": 70}"#;
const SCORE_80: &str =
    r#""requires": {"type": "score", "module": "hygiene-precautions", "min": 80}"#;
const MODULE: &str = r#""requires": {"type": "module", "module": "hygiene-precautions"}"#;
const DEFAULT_POLICY: &str = r#""assessment": {"method": "highest"}"#;

/// A new member of staff, positioned on hygiene by `evidence`, who aims at the
/// level the référent module teaches.
fn positioned(c: &parcours::Compiled, evidence: Value) -> parcours::Learner {
    learner(
        c,
        json!([]),
        evidence,
        json!({"goals": {"competencies": [{"competency": "hygiene", "level": 3}]}}),
    )
}

/// Status, progress, recommend and plan, side by side: whether hygiène is
/// dispensed (status, and progress's skipped list), the référent module's state,
/// the first recommendation, and the plan's steps.
fn four_views(
    c: &parcours::Compiled,
    l: &parcours::Learner,
) -> (
    bool,
    bool,
    parcours::learner::state::ModuleState,
    Vec<String>,
    Vec<(String, parcours::engine::plan::StepKind)>,
) {
    use parcours::learner::state::ModuleState;
    let status = parcours::status(c, l).into_result().unwrap().0;
    let dispensed =
        module(&status, "hygiene-precautions").state == ModuleState::MasteredByPositioning;
    let skipped = progress(c, l)
        .skipped
        .iter()
        .any(|s| s.module == "hygiene-precautions");
    let recs = parcours::recommend(c, l, &parcours::RecommendOptions::default())
        .value
        .unwrap();
    let recommended = recs
        .recommendations
        .iter()
        .map(|r| r.module.clone())
        .collect();
    (
        dispensed,
        skipped,
        module(&status, "referent-hygiene").state,
        recommended,
        plan_steps(c, l),
    )
}

#[test]
fn a_dispensation_by_a_score_meets_the_score_gates_it_reaches() {
    use parcours::engine::plan::StepKind;
    use parcours::learner::state::ModuleState;
    let quiz =
        json!([{"competency": "hygiene", "score": 78, "source": "quiz", "date": "2026-10-01"}]);
    // 78 at a quiz: Maîtrise (75), what hygiène teaches; the gate asks 70.
    let c = dispensing(SCORE_70, DEFAULT_POLICY);
    let (dispensed, skipped, next, recommended, steps) =
        four_views(&c, &positioned(&c, quiz.clone()));
    assert!(dispensed && skipped);
    assert!(
        next.is_available(),
        "{next:?}: the dispensing score meets the gate"
    );
    assert!(recommended.contains(&"referent-hygiene".to_string()));
    assert!(!recommended.contains(&"hygiene-precautions".to_string()));
    assert_eq!(
        steps,
        vec![("referent-hygiene".to_string(), StepKind::Take)]
    );
    // The gate asks 80: the dispensation stands, the gate does not hold, and the
    // plan takes hygiène for the score, as status says.
    let c = dispensing(SCORE_80, DEFAULT_POLICY);
    let (dispensed, skipped, next, _, steps) = four_views(&c, &positioned(&c, quiz));
    assert!(dispensed && skipped);
    assert_eq!(next, ModuleState::Locked);
    assert_eq!(
        steps,
        vec![
            ("hygiene-precautions".to_string(), StepKind::ForScore),
            ("referent-hygiene".to_string(), StepKind::Take)
        ]
    );
    // A level without a score dispenses and opens a module gate, not a score gate.
    let trainer = json!([{"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-10-01"}]);
    let c = dispensing(MODULE, DEFAULT_POLICY);
    let (dispensed, _, next, _, steps) = four_views(&c, &positioned(&c, trainer.clone()));
    assert!(dispensed && next.is_available());
    assert_eq!(
        steps,
        vec![("referent-hygiene".to_string(), StepKind::Take)]
    );
    let c = dispensing(SCORE_70, DEFAULT_POLICY);
    let (dispensed, _, next, _, _) = four_views(&c, &positioned(&c, trainer));
    assert!(dispensed);
    assert_eq!(next, ModuleState::Locked);
}

#[test]
fn the_exemption_policy_is_the_curriculum_s() {
    use parcours::engine::plan::StepKind;
    use parcours::learner::state::ModuleState;
    let trainer = json!([{"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-10-01"}]);
    // A dispensation that does not stand for the module in prerequisites: the
    // référent module stays locked, and the plan takes hygiène as a module to take.
    let c = dispensing(
        MODULE,
        r#""assessment": {"method": "highest", "exemption": {"satisfiesPrerequisites": false}}"#,
    );
    let (dispensed, skipped, next, _, steps) = four_views(&c, &positioned(&c, trainer.clone()));
    assert!(
        dispensed && skipped,
        "still dispensed from the module itself"
    );
    assert_eq!(next, ModuleState::Locked);
    assert_eq!(
        steps,
        vec![
            ("hygiene-precautions".to_string(), StepKind::Take),
            ("referent-hygiene".to_string(), StepKind::Take)
        ]
    );
    // Only trainers dispense, with a confidence of 0.7: one trainer (0.6) is not
    // enough, two who agree (0.84) are; a quiz never is.
    let strict = r#""assessment": {"method": "highest", "exemption": {"sources": ["trainerAssessment"], "minConfidence": 0.7}}"#;
    let c = dispensing(MODULE, strict);
    let (dispensed, skipped, next, _, _) = four_views(&c, &positioned(&c, trainer));
    assert!(!dispensed && !skipped);
    assert_eq!(next, ModuleState::Locked);
    let two = json!([
        {"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-10-01"},
        {"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-10-08"}
    ]);
    let (dispensed, skipped, next, _, _) = four_views(&c, &positioned(&c, two));
    assert!(dispensed && skipped && next.is_available());
    let quizzes = json!([
        {"competency": "hygiene", "score": 95, "source": "quiz", "date": "2026-10-01"},
        {"competency": "hygiene", "score": 95, "source": "quiz", "date": "2026-10-08"}
    ]);
    let (dispensed, ..) = four_views(&c, &positioned(&c, quizzes));
    assert!(!dispensed);
    // A least confidence outside [0, 1] is refused, at its place.
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/advice/curriculum.json")).unwrap();
    let text = text.replace(
        r#""assessment": {"method": "highest"}"#,
        r#""assessment": {"method": "highest", "exemption": {"minConfidence": 1.5}}"#,
    );
    let outcome = parcours::load(text.as_bytes());
    assert!(outcome.value.is_none());
    assert!(outcome
        .diagnostics
        .iter()
        .any(|d| d.pointer == "/framework/assessment/exemption/minConfidence"));
}

// --- Item 2: recommendations cover every action that serves the goal ---
//
// `tests/fixtures/advice/actions.json`: four core modules (hygiène expires after
// 12 months, gestes d'urgence after 24; « Le dossier de soins au quotidien » asks
// 70 at « Les transmissions ciblées ») and an optional référent module behind
// hygiène. The records beside it are the designer's cases.

fn actions() -> parcours::Compiled {
    let bytes = std::fs::read(root().join("tests/fixtures/advice/actions.json")).unwrap();
    let outcome = parcours::load(&bytes);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

fn record(c: &parcours::Compiled, name: &str) -> parcours::Learner {
    let bytes = std::fs::read(root().join(format!("tests/fixtures/advice/{name}.json"))).unwrap();
    let outcome = parcours::load_learner(c, &bytes);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// The recommendations as (module, action), best first.
fn actions_of(
    c: &parcours::Compiled,
    l: &parcours::Learner,
) -> Vec<(String, parcours::engine::recommend::Action)> {
    parcours::recommend(c, l, &parcours::RecommendOptions::default())
        .value
        .unwrap()
        .recommendations
        .into_iter()
        .map(|r| (r.module, r.action))
        .collect()
}

fn day(text: &str) -> Option<parcours::Date> {
    Some(text.parse().unwrap())
}

#[test]
fn an_expired_training_left_alone_is_recommended_for_renewal_as_the_plan_renews_it() {
    use parcours::engine::plan::StepKind;
    use parcours::engine::recommend::Action;
    let c = actions();
    let l = record(&c, "expire-seul");
    // Hygiène, completed on 1 September 2025, lapsed on 2 September 2026: the
    // only thing left. The designer expects « à renouveler », not « rien à
    // recommander ».
    assert_eq!(
        actions_of(&c, &l),
        vec![(
            "hygiene".to_string(),
            Action::Renew {
                expired_on: day("2026-09-02")
            }
        )]
    );
    assert_eq!(
        plan_steps(&c, &l),
        vec![("hygiene".to_string(), StepKind::Renew)]
    );
    let json = serde_json::to_value(
        parcours::recommend(&c, &l, &parcours::RecommendOptions::default())
            .value
            .unwrap(),
    )
    .unwrap();
    let first = &json["recommendations"][0];
    assert_eq!(first["action"], "renew");
    assert_eq!(first["state"], "expired");
    assert_eq!(first["expiredOn"], "2026-09-02");
    // It counts for completion (a core module no longer done) and opens the
    // référent module again.
    assert_eq!(first["unlocks"], json!(["referent-hygiene"]));
    let why = parcours::why_not(&c, &l, "hygiene", &parcours::RecommendOptions::default())
        .value
        .unwrap();
    assert_eq!(why.rank, Some(1));
    assert_eq!(
        why.action,
        Some(Action::Renew {
            expired_on: day("2026-09-02")
        })
    );
}

#[test]
fn a_score_below_a_gate_in_the_way_is_recommended_for_a_retake() {
    use parcours::engine::plan::StepKind;
    use parcours::engine::recommend::Action;
    let c = actions();
    let l = record(&c, "score-sous-seuil");
    // 55 at « Les transmissions ciblées » where the dossier de soins asks 70: the
    // retake comes first (it opens a core module), then the optional référent
    // module, which opens nothing.
    assert_eq!(
        actions_of(&c, &l),
        vec![
            (
                "transmissions".to_string(),
                Action::Retake {
                    best_score: Some(55.0),
                    required_score: 70.0
                }
            ),
            (
                "referent-hygiene".to_string(),
                Action::Take {
                    required_score: None
                }
            ),
        ]
    );
    assert_eq!(
        plan_steps(&c, &l),
        vec![
            ("transmissions".to_string(), StepKind::Retake),
            ("transmissions-ecrites".to_string(), StepKind::Take)
        ]
    );
    let recs = parcours::recommend(&c, &l, &parcours::RecommendOptions::default())
        .value
        .unwrap();
    assert_eq!(
        recs.recommendations[0].unlocks,
        vec!["transmissions-ecrites"]
    );
    // With 70 or more, nothing is to retake.
    let text = std::fs::read_to_string(root().join("tests/fixtures/advice/score-sous-seuil.json"))
        .unwrap()
        .replace("\"score\": 55", "\"score\": 70");
    let passed = parcours::load_learner(&c, text.as_bytes()).value.unwrap();
    let passed = actions_of(&c, &passed);
    assert!(passed
        .iter()
        .all(|(_, a)| !matches!(a, Action::Retake { .. })));
    assert_eq!(passed[0].0, "transmissions-ecrites");
}

#[test]
fn renewals_retakes_and_new_modules_rank_on_the_same_terms() {
    use parcours::engine::plan::StepKind;
    use parcours::engine::recommend::{Action, TermKind};
    let c = actions();
    let l = record(&c, "mixte");
    let recs = parcours::recommend(&c, &l, &parcours::RecommendOptions::default())
        .value
        .unwrap();
    // Hygiène to renew counts for completion and opens the référent module
    // (5 + 3 + 4 + 2 − 3.5); the transmissions to retake (61, the better of two
    // attempts) opens the dossier de soins (3 + 4 + 2 − 1.75).
    let found: Vec<(&str, f64, Action)> = recs
        .recommendations
        .iter()
        .map(|r| (r.module.as_str(), r.score, r.action))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "hygiene",
                10.5,
                Action::Renew {
                    expired_on: day("2026-06-03")
                }
            ),
            (
                "transmissions",
                7.25,
                Action::Retake {
                    best_score: Some(61.0),
                    required_score: 70.0
                }
            ),
        ]
    );
    let kinds = |i: usize| -> Vec<TermKind> {
        recs.recommendations[i]
            .reasons
            .iter()
            .map(|t| t.kind)
            .collect()
    };
    assert_eq!(
        kinds(0),
        vec![
            TermKind::Completion,
            TermKind::Unlocks,
            TermKind::Core,
            TermKind::Stage,
            TermKind::Hours
        ]
    );
    assert_eq!(
        kinds(1),
        vec![
            TermKind::Unlocks,
            TermKind::Core,
            TermKind::Stage,
            TermKind::Hours
        ]
    );
    assert_eq!(
        plan_steps(&c, &l),
        vec![
            ("hygiene".to_string(), StepKind::Renew),
            ("transmissions".to_string(), StepKind::Retake),
            ("transmissions-ecrites".to_string(), StepKind::Take)
        ]
    );
    // --why agrees with the ranking, action included.
    let why = parcours::why_not(
        &c,
        &l,
        "transmissions",
        &parcours::RecommendOptions::default(),
    )
    .value
    .unwrap();
    assert_eq!(why.rank, Some(2));
    assert_eq!(why.score, 7.25);
    assert_eq!(why.top.as_deref(), Some("hygiene"));
    assert_eq!(why.action, Some(found[1].2));
}

#[test]
fn ties_between_actions_break_on_module_ids() {
    use parcours::engine::recommend::Action;
    // Two expired trainings of the same length in the same stage, neither
    // opening anything: the same score, ranked by id.
    let text = std::fs::read_to_string(root().join("tests/fixtures/advice/actions.json"))
        .unwrap()
        .replace("\"durationHours\": 14,", "\"durationHours\": 7,");
    let c = parcours::load(text.as_bytes()).value.unwrap();
    let l = learner_of(
        &c,
        json!([
            {"module": "hygiene", "date": "2025-06-02"},
            {"module": "gestes-urgence", "date": "2024-06-02"},
            {"module": "transmissions", "date": "2026-02-02", "score": 82},
            {"module": "transmissions-ecrites", "date": "2026-03-02"},
            {"module": "referent-hygiene", "date": "2025-07-01"}
        ]),
    );
    let recs = parcours::recommend(&c, &l, &parcours::RecommendOptions::default())
        .value
        .unwrap();
    let ranked: Vec<(&str, f64)> = recs
        .recommendations
        .iter()
        .map(|r| (r.module.as_str(), r.score))
        .collect();
    assert_eq!(ranked, vec![("gestes-urgence", 7.5), ("hygiene", 7.5)]);
    assert!(recs
        .recommendations
        .iter()
        .all(|r| matches!(r.action, Action::Renew { .. })));
}

/// A record of the actions curriculum with the given completions.
fn learner_of(c: &parcours::Compiled, completed: Value) -> parcours::Learner {
    let record = json!({
        "formatVersion": 1,
        "id": "aide-soignante",
        "audience": "professionnels",
        "curriculum": {"id": "actions-ehpad", "version": "2026.1"},
        "now": "2026-11-25",
        "completed": completed,
    });
    let outcome = parcours::load_learner(c, &serde_json::to_vec(&record).unwrap());
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

#[test]
fn an_expired_training_behind_another_lapsed_one_waits_for_it() {
    use parcours::engine::recommend::Action;
    use parcours::learner::state::ModuleState;
    // Given a validity of its own, the référent module lapsed as well; renewing
    // it needs hygiène, which lapsed first: only hygiène is recommended, and
    // --why on the référent module says what keeps it from being renewed.
    let text = std::fs::read_to_string(root().join("tests/fixtures/advice/actions.json"))
        .unwrap()
        .replace(
            "\"requires\": {\"type\": \"module\", \"module\": \"hygiene\"}",
            "\"requires\": {\"type\": \"module\", \"module\": \"hygiene\"}, \"validityMonths\": 12",
        );
    let c = parcours::load(text.as_bytes()).value.unwrap();
    let l = learner_of(
        &c,
        json!([
            {"module": "hygiene", "date": "2025-06-02"},
            {"module": "gestes-urgence", "date": "2026-01-12"},
            {"module": "transmissions", "date": "2026-02-02", "score": 82},
            {"module": "transmissions-ecrites", "date": "2026-03-02"},
            {"module": "referent-hygiene", "date": "2025-07-01"}
        ]),
    );
    let found = actions_of(&c, &l);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0], (ref m, Action::Renew { .. }) if m == "hygiene"));
    let why = parcours::why_not(
        &c,
        &l,
        "referent-hygiene",
        &parcours::RecommendOptions::default(),
    )
    .value
    .unwrap();
    assert_eq!(why.state, ModuleState::Expired);
    assert_eq!(why.action, None);
    assert_eq!(why.why.len(), 1, "what keeps it from being renewed");
}

#[test]
fn a_dispensed_module_a_gate_still_needs_is_recommended_to_take() {
    use parcours::engine::recommend::Action;
    let quiz =
        json!([{"competency": "hygiene", "score": 78, "source": "quiz", "date": "2026-10-01"}]);
    // Dispensed by a quiz at 78 where the référent module asks 80: the plan takes
    // hygiène for the score, and so does the first recommendation.
    let c = dispensing(SCORE_80, DEFAULT_POLICY);
    let l = positioned(&c, quiz);
    let found = actions_of(&c, &l);
    assert_eq!(
        found.first(),
        Some(&(
            "hygiene-precautions".to_string(),
            Action::Take {
                required_score: Some(80.0)
            }
        ))
    );
    // A dispensation that does not stand for the module in prerequisites: the
    // module is to take to go further.
    let trainer = json!([{"competency": "hygiene", "level": 2, "source": "trainerAssessment", "date": "2026-10-01"}]);
    let c = dispensing(
        MODULE,
        r#""assessment": {"method": "highest", "exemption": {"satisfiesPrerequisites": false}}"#,
    );
    let l = positioned(&c, trainer.clone());
    assert_eq!(
        actions_of(&c, &l).first(),
        Some(&(
            "hygiene-precautions".to_string(),
            Action::Take {
                required_score: None
            }
        ))
    );
    // A dispensation that stands for everything asked is never recommended.
    let c = dispensing(MODULE, DEFAULT_POLICY);
    let l = positioned(&c, trainer);
    assert!(actions_of(&c, &l)
        .iter()
        .all(|(m, _)| m != "hygiene-precautions"));
}

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

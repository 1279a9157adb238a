//! The front door: every entry point through the crate root, on the bundled
//! curricula and records, and every way a caller can misuse it answered with a
//! diagnostic instead of a panic. (That the entry points give what the layer
//! functions give, the team plan's date included, is a unit test of `facade.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::PathBuf;

use parcours::{
    Code, DocumentKind, Lang, Outcome, PlanOptions, PositionOptions, ProgressOptions,
    RecommendOptions,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

fn curriculum(id: &str) -> parcours::Compiled {
    let outcome = parcours::load(&read(&format!("curricula/{id}/curriculum.json")));
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

fn learner(c: &parcours::Compiled, id: &str, name: &str) -> parcours::Learner {
    let outcome = parcours::load_learner(c, &read(&format!("curricula/{id}/learners/{name}.json")));
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// The one diagnostic of a refused call.
fn refusal<T>(outcome: Outcome<T>) -> parcours::Diagnostic {
    assert!(outcome.value.is_none(), "the call should have been refused");
    assert_eq!(outcome.diagnostics.len(), 1, "{:?}", outcome.diagnostics);
    outcome.diagnostics.into_iter().next().unwrap()
}

#[test]
fn the_whole_flow_runs_through_the_crate_root() {
    let c = curriculum("design-thinking-aidance");
    let l = learner(&c, "design-thinking-aidance", "cheffe-de-service-ehpad");
    let status = parcours::status(&c, &l).into_result().unwrap().0;
    assert_eq!(status.modules.len(), c.modules().len());
    let progress = parcours::progress(&c, &l, &ProgressOptions::default());
    assert!(progress.value.is_some() && progress.diagnostics.is_empty());
    let options = RecommendOptions::default();
    let recs = parcours::recommend(&c, &l, &options).value.unwrap();
    assert!(!recs.recommendations.is_empty());
    let first = &recs.recommendations[0].module;
    let why = parcours::why_not(&c, &l, first, &options);
    assert!(why.value.is_some(), "{:?}", why.diagnostics);
    let plan = parcours::plan(&c, &l, &PlanOptions::default())
        .value
        .unwrap();
    assert!(plan.total_hours > 0.0);
    let ready = parcours::ready(&c, &l).value.unwrap();
    assert!(!ready.is_empty());
}

#[test]
fn a_learner_of_another_curriculum_is_refused_by_every_call() {
    let big = curriculum("innovation-sociale-design");
    let small = curriculum("design-thinking-aidance");
    // Read against the larger curriculum: its indices point past the smaller one's
    // arrays, which used to be an index panic.
    let l = learner(
        &big,
        "innovation-sociale-design",
        "educateur-specialise-confirme",
    );
    let options = RecommendOptions::default();
    let refusals = [
        refusal(parcours::status(&small, &l)),
        refusal(parcours::progress(&small, &l, &ProgressOptions::default())),
        refusal(parcours::recommend(&small, &l, &options)),
        refusal(parcours::why_not(&small, &l, "anything", &options)),
        refusal(parcours::plan(&small, &l, &PlanOptions::default())),
        refusal(parcours::ready(&small, &l)),
    ];
    for d in refusals {
        assert_eq!(d.code, Code::WrongCurriculum);
        let message = d.message(Lang::Fr);
        assert!(message.contains("innovation-sociale-design"), "{message}");
        assert!(message.contains("design-thinking-aidance"), "{message}");
        assert!(!d.hint(Lang::En).is_empty());
    }
    // The same curriculum read twice is the same curriculum.
    let again = curriculum("innovation-sociale-design");
    assert_eq!(again.key(), big.key());
    assert!(parcours::status(&again, &l).value.is_some());
    assert_ne!(small.key(), big.key());
}

#[test]
fn a_new_version_with_other_modules_has_another_key() {
    let text =
        String::from_utf8(read("curricula/design-thinking-aidance/curriculum.json")).unwrap();
    let original = parcours::load_str(&text).value.unwrap();
    let version = text.replacen(
        &format!("\"version\": \"{}\"", original.document().version),
        "\"version\": \"autre\"",
        1,
    );
    assert_ne!(version, text, "the version field was not found");
    let other = parcours::load_str(&version).value.unwrap();
    assert_ne!(other.key(), original.key());
    let l = learner(
        &original,
        "design-thinking-aidance",
        "aide-soignante-debutante",
    );
    let d = refusal(parcours::status(&other, &l));
    assert_eq!(d.code, Code::WrongCurriculum);
}

#[test]
fn why_not_an_unknown_module_is_a_diagnostic() {
    let c = curriculum("design-thinking-aidance");
    let l = learner(&c, "design-thinking-aidance", "aide-soignante-debutante");
    let d = refusal(parcours::why_not(
        &c,
        &l,
        "terain",
        &RecommendOptions::default(),
    ));
    assert_eq!(d.code, Code::NotInCurriculum);
    assert!(d.message(Lang::Fr).contains("`terain`"));
    assert!(d.message(Lang::En).contains("design-thinking-aidance"));
}

#[test]
fn outcomes_chain_and_convert() {
    let c = curriculum("design-thinking-aidance");
    let bytes = read("curricula/design-thinking-aidance/learners/aide-soignante-debutante.json");
    let chained = parcours::load_learner(&c, &bytes).and_then(|l| parcours::ready(&c, &l));
    assert!(chained.value.is_some());
    let broken = parcours::load_learner(&c, b"{").and_then(|l| parcours::ready(&c, &l));
    assert!(broken.value.is_none() && broken.has_errors());
    let err = broken.into_result().unwrap_err();
    assert!(err.to_string().contains("[syntax]"), "{err}");
    assert_eq!(err.diagnostics.len(), 1);
    let of = parcours::learner_curriculum(&bytes).value.unwrap();
    assert_eq!(of.id, "design-thinking-aidance");
    let bad = parcours::learner_curriculum(b"[1, 2]");
    assert!(bad.value.is_none() && bad.has_errors());
    assert!(bad.diagnostics.iter().all(|d| d.private));
}

#[test]
fn document_kinds_are_detected_from_name_and_shape() {
    let cases: [(&str, &[u8], DocumentKind); 6] = [
        ("reponses.csv", b"whatever", DocumentKind::Answers),
        ("REPONSES.TSV", b"", DocumentKind::Answers),
        ("a.json", br#"{"respondents": []}"#, DocumentKind::Answers),
        (
            "i.json",
            b"\xEF\xBB\xBF{\"items\": []}",
            DocumentKind::Instrument,
        ),
        ("c.json", br#"{"modules": []}"#, DocumentKind::Curriculum),
        ("x", b"\xFF\xFE not json", DocumentKind::Curriculum),
    ];
    for (name, bytes, kind) in cases {
        assert_eq!(parcours::detect_kind(name, bytes), kind, "{name}");
    }
}

#[test]
fn individual_positioning_through_the_facade() {
    let instrument =
        parcours::load_instrument(&read("curricula/positioning/instrument.json"), None)
            .value
            .unwrap();
    let (answers, detected) = parcours::read_answers(
        &instrument,
        &read("curricula/positioning/etablissement-2026.csv"),
        &parcours::ReadOptions::default(),
    );
    assert!(detected.encoding.is_some());
    let answers = answers.value.unwrap();
    let c = curriculum("transformation-offre");
    let record = read("curricula/transformation-offre/learners/agent-accueil-nouveau.json");
    let respondent = answers
        .respondents
        .iter()
        .find(|r| r.college == "professionnels")
        .and_then(|r| r.id.clone())
        .unwrap();
    let none = PositionOptions::default();
    let done = parcours::position(&instrument, &answers, &respondent, &record, &c, &none);
    let positioned = done.value.unwrap();
    assert!(positioned.summary.evidence_added > 0);
    // Dated the day of the answers (the 2026 wave was answered in March), from
    // the instrument's date column; an explicit date wins.
    let answered = answers
        .respondents
        .iter()
        .find(|r| r.id.as_deref() == Some(respondent.as_str()))
        .and_then(|r| r.date)
        .unwrap();
    assert_eq!((answered.year(), answered.month()), (2026, 3));
    assert_eq!(positioned.summary.date, answered);
    assert_eq!(
        positioned.summary.date_source,
        parcours::positioning::DateSource::Answers
    );
    let added = &positioned.record.evidence
        [positioned.record.evidence.len() - positioned.summary.evidence_added as usize..];
    assert!(added.iter().all(|e| e.date == answered.to_string()));
    let given = PositionOptions {
        date: Some("2026-04-01".parse().unwrap()),
    };
    let dated = parcours::position(&instrument, &answers, &respondent, &record, &c, &given)
        .value
        .unwrap();
    assert_eq!(dated.summary.date.to_string(), "2026-04-01");
    assert_eq!(
        dated.summary.date_source,
        parcours::positioning::DateSource::Given
    );
    // Only the items about the person: the establishment's are passed over.
    let person = instrument
        .items()
        .iter()
        .filter(|i| i.subject == parcours::positioning::instrument::Subject::Person)
        .count() as u32;
    assert_eq!(
        positioned.summary.establishment_items as usize,
        instrument.items().len() - person as usize
    );
    assert!(positioned.summary.answered <= person);

    // A negative statement about the person (`reversed`): its self-assessment
    // scores mirror (agreeing scores low).
    let mut doc: serde_json::Value =
        serde_json::from_slice(&read("curricula/positioning/instrument.json")).unwrap();
    for item in doc["items"].as_array_mut().unwrap() {
        if item["subject"] == "person" {
            item["reversed"] = true.into();
        }
    }
    let negative = parcours::load_instrument(&serde_json::to_vec(&doc).unwrap(), None)
        .value
        .unwrap();
    let (mirrored, _) = parcours::read_answers(
        &negative,
        &read("curricula/positioning/etablissement-2026.csv"),
        &parcours::ReadOptions::default(),
    );
    let turned = parcours::position(
        &negative,
        &mirrored.value.unwrap(),
        &respondent,
        &record,
        &c,
        &none,
    )
    .value
    .unwrap();
    let scores = |p: &parcours::Positioned| -> Vec<f64> {
        let n = p.summary.evidence_added as usize;
        p.record.evidence[p.record.evidence.len() - n..]
            .iter()
            .map(|e| e.score.unwrap())
            .collect()
    };
    let (straight, reversed) = (scores(&positioned), scores(&turned));
    assert_eq!(straight.len(), reversed.len());
    for (s, r) in straight.iter().zip(&reversed) {
        assert!((s + r - 100.0).abs() < 1e-3, "{s} {r}");
    }

    // Without a date column and without an explicit date: refused, naming no
    // answer; with an explicit date, accepted.
    let mut undated = answers.clone();
    for r in &mut undated.respondents {
        r.date = None;
    }
    let d = refusal(parcours::position(
        &instrument,
        &undated,
        &respondent,
        &record,
        &c,
        &none,
    ));
    assert_eq!(d.code, Code::NoAnswerDate);
    assert!(d.hint(Lang::Fr).contains("answerColumns.date"));
    assert!(
        parcours::position(&instrument, &undated, &respondent, &record, &c, &given)
            .value
            .is_some()
    );

    // An instrument whose items are all about the establishment: refused.
    let mut doc: serde_json::Value =
        serde_json::from_slice(&read("curricula/positioning/instrument.json")).unwrap();
    for item in doc["items"].as_array_mut().unwrap() {
        item.as_object_mut().unwrap().remove("subject");
    }
    let establishment_only = parcours::load_instrument(&serde_json::to_vec(&doc).unwrap(), None)
        .value
        .unwrap();
    let d = refusal(parcours::position(
        &establishment_only,
        &answers,
        &respondent,
        &record,
        &c,
        &given,
    ));
    assert_eq!(d.code, Code::NoPersonItems);
    assert!(d.message(Lang::Fr).contains("aucun item sur la personne"));
    assert!(d.hint(Lang::En).contains("\"subject\": \"person\""));
    assert!(positioned.text.ends_with('\n'));
    assert!(parcours::load_learner(&c, positioned.text.as_bytes())
        .value
        .is_some());

    // An unknown respondent: refused, and the message names no id of the answers.
    let d = refusal(parcours::position(
        &instrument,
        &answers,
        "P999",
        &record,
        &c,
        &none,
    ));
    assert_eq!(d.code, Code::RespondentNotFound);
    assert!(!d.message(Lang::Fr).contains("P999"));

    // A record of another curriculum than the one given: the record's own
    // diagnostic, at its place.
    let other = curriculum("design-thinking-aidance");
    let wrong = parcours::position(&instrument, &answers, &respondent, &record, &other, &none);
    assert!(wrong.value.is_none());
    assert!(wrong
        .diagnostics
        .iter()
        .any(|d| d.code == Code::CurriculumMismatch && d.pointer == "/curriculum/id"));
}

/// Every text a diagnostic shows: pointer, message and hint in both languages.
fn shown(d: &parcours::Diagnostic) -> String {
    format!(
        "{} | {} | {} | {} | {}",
        d.pointer,
        d.message(Lang::Fr),
        d.hint(Lang::Fr),
        d.message(Lang::En),
        d.hint(Lang::En)
    )
}

/// A record's own text, as one would write it by mistake: a name as a field,
/// a field written twice, ids misspelled. Nothing of it is shown (issue 15, item
/// 10), and the hints on unknown ids say what to do instead of a bare `?`.
#[test]
fn a_record_s_keys_and_ids_are_never_shown() {
    let c = curriculum("innovation-sociale-design");
    let original = String::from_utf8(read(
        "curricula/innovation-sociale-design/learners/moniteur-esat-debutant.json",
    ))
    .unwrap();
    let with_name = original.replacen('{', "{\n  \"Jeanne Dupont\": 1,", 1);
    let twice = original.replacen(
        "\"now\":",
        "\"Jeanne Dupont\": 1, \"Jeanne Dupont\": 2, \"now\":",
        1,
    );
    for text in [&with_name, &twice] {
        let outcome = parcours::load_learner(&c, text.as_bytes());
        assert!(!outcome.diagnostics.is_empty());
        for d in &outcome.diagnostics {
            let all = shown(d);
            assert!(!all.contains("Jeanne") && !all.contains("Dupont"), "{all}");
            assert_eq!(d.pointer, "/…", "{all}");
            assert!(d.line.is_some(), "still located by line and column");
        }
    }
    let ids = original.replacen(
        "\"now\":",
        "\"completed\": [{\"module\": \"atelier-brainstormingg\", \"date\": \"2026-01-10\"}], \"now\":",
        1,
    );
    let outcome = parcours::load_learner(&c, ids.as_bytes());
    let d = &outcome.diagnostics[0];
    assert_eq!(d.code, Code::UnknownModule);
    let all = shown(d);
    assert!(!all.contains("brainstormingg"), "{all}");
    assert!(
        d.hint(Lang::Fr)
            .contains("vouliez-vous dire `atelier-brainstorming`"),
        "{all}"
    );
    assert!(
        d.hint(Lang::En).len() > 10 && d.hint(Lang::En).trim() != "?",
        "{all}"
    );
}

/// `Positions::WhenRefused` changes nothing but places: a refused curriculum gets
/// exactly what `load` gives; a usable one the same value (by its key) and the same
/// diagnostics without offset, line or column. Every curriculum fixture, valid and
/// invalid (warnings alone among them), and every bundled curriculum.
#[test]
fn positions_when_refused_leave_out_places_only() {
    let when_refused = parcours::LoadOptions {
        positions: parcours::Positions::WhenRefused,
    };
    let mut paths = Vec::new();
    for dir in [
        "tests/fixtures/curricula/valid",
        "tests/fixtures/curricula/invalid",
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            if name.ends_with(".json") && !name.ends_with(".expected.json") {
                paths.push(path);
            }
        }
    }
    for entry in std::fs::read_dir(root().join("curricula")).unwrap() {
        let path = entry.unwrap().path().join("curriculum.json");
        if path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let unplaced = |mut list: Vec<parcours::Diagnostic>| {
        for d in &mut list {
            (d.offset, d.line, d.column) = (None, None, None);
        }
        list.sort_by(|a, b| (a.code, &a.pointer).cmp(&(b.code, &b.pointer)));
        list
    };
    let (mut refused, mut warned) = (0, 0);
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let always = parcours::load(&bytes);
        let lazy = parcours::load_with(&bytes, &when_refused);
        if always.value.is_none() {
            refused += 1;
            assert!(lazy.value.is_none(), "{}", path.display());
            assert_eq!(lazy.diagnostics, always.diagnostics, "{}", path.display());
            continue;
        }
        warned += usize::from(!always.diagnostics.is_empty());
        let key = |o: &Outcome<parcours::Compiled>| o.value.as_ref().map(|c| c.key());
        assert_eq!(key(&lazy), key(&always), "{}", path.display());
        assert!(lazy.diagnostics.iter().all(|d| d.line.is_none()));
        if always.diagnostics.last().map(|d| d.code) == Some(Code::TooManyWarnings) {
            // Past the cap, which warnings are kept follows the order, and the
            // order without places is by code and pointer: the same count and the
            // same closing diagnostic.
            assert_eq!(lazy.diagnostics.len(), always.diagnostics.len());
            assert_eq!(
                lazy.diagnostics.last().map(|d| d.code),
                Some(Code::TooManyWarnings)
            );
            continue;
        }
        assert_eq!(
            unplaced(lazy.diagnostics),
            unplaced(always.diagnostics),
            "{}",
            path.display()
        );
    }
    // Enough of each case for the comparison to mean something.
    assert!(
        refused >= 20 && warned >= 3,
        "{refused} refused, {warned} with warnings"
    );
}

//! The binding's translation, natively: options, languages, refusals, and that a
//! result is the engine's own JSON. (The same bytes in Node and Chromium are
//! checked by `bindings/js/test`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn bundled() -> (Compiled, String) {
    let loaded = load(&read("curricula/design-thinking-aidance/curriculum.json"));
    let record = read("curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json");
    (loaded.curriculum.unwrap(), record)
}

fn misuse(r: Result<String, Refusal>) -> String {
    match r {
        Err(Refusal::Misuse(m)) => m,
        other => panic!("expected a misuse, got {other:?}"),
    }
}

#[test]
fn results_are_the_engines_json_as_the_command_line_prints_it() {
    let (c, record) = bundled();
    let l = learner(&c, &record, Lang::Fr).unwrap();
    let status = status(&c, &record, Lang::Fr).unwrap();
    assert_eq!(status, json_text(&parcours::status(&c, &l).value.unwrap()));
    assert!(status.ends_with("}\n"));
    let plan = plan(&c, &record, r#"{"hoursPerWeek": 7}"#, Lang::Fr).unwrap();
    let options = PlanOptions {
        hours_per_week: Some(7.0),
        ..PlanOptions::default()
    };
    assert_eq!(
        plan,
        json_text(&parcours::plan(&c, &l, &options).value.unwrap())
    );
    let next = recommend(&c, &record, r#"{"top": 2}"#, Lang::Fr).unwrap();
    let parsed: Value = serde_json::from_str(&next).unwrap();
    assert!(parsed["recommendations"].as_array().unwrap().len() <= 2);
    assert!(progress(&c, &record, "", Lang::En)
        .unwrap()
        .contains("\"completion\""));
    let page = record_html(&c, &record, "{}", Lang::Fr).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    let svg = graph_svg(&c, Some(&record), Lang::Fr).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert_ne!(svg, graph_svg(&c, None, Lang::Fr).unwrap());
}

#[test]
fn a_bad_curriculum_is_a_value_with_its_located_diagnostics() {
    let loaded = load(r#"{"formatVersion": 1, "id": "demo", "modules": [}"#);
    assert!(loaded.curriculum.is_none());
    let list: Value =
        serde_json::from_str(&diagnostics_json(&loaded.diagnostics, Lang::Fr)).unwrap();
    assert_eq!(list[0]["code"], "syntax");
    assert_eq!(list[0]["line"], 1);
    assert!(!list[0]["hint"].as_str().unwrap().is_empty());
}

#[test]
fn a_record_of_another_curriculum_or_unreadable_is_refused_without_its_values() {
    let (c, _) = bundled();
    let other = read("curricula/transformation-offre/learners/chef-de-service-ime.json");
    match status(&c, &other, Lang::Fr) {
        Err(Refusal::Refused {
            message,
            diagnostics,
        }) => {
            assert!(
                message.starts_with("dossier de l'apprenant refusé"),
                "{message}"
            );
            assert!(diagnostics.contains("curriculum-mismatch"), "{diagnostics}");
        }
        other => panic!("{other:?}"),
    }
    // A value of the record never reaches the message: a name, for instance.
    let secret = r#"{"formatVersion": 1, "curriculum": {"id": "design-thinking-aidance"}, "learner": {"id": "Jeanne Secrète"}, "nom": "Jeanne Secrète"}"#;
    match status(&c, secret, Lang::En) {
        Err(Refusal::Refused {
            message,
            diagnostics,
        }) => {
            assert!(message.starts_with("learner record refused"), "{message}");
            assert!(!message.contains("Secrète") && !diagnostics.contains("Secrète"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn misuse_is_told_in_the_callers_language_and_never_panics() {
    let (c, record) = bundled();
    assert!(lang("de").is_err());
    let m = misuse(plan(&c, &record, r#"{"hoursPerWeek": -1}"#, Lang::Fr));
    assert!(
        m.contains("« hoursPerWeek » doit être un nombre plus grand que 0"),
        "{m}"
    );
    let m = misuse(plan(&c, &record, r#"{"hoursPerWeek": "7"}"#, Lang::En));
    assert!(
        m.contains("\"hoursPerWeek\" must be a number greater than 0"),
        "{m}"
    );
    let m = misuse(plan(&c, &record, r#"{"nodeBudget": 0.5}"#, Lang::Fr));
    assert!(m.contains("nombre entier"), "{m}");
    let m = misuse(recommend(&c, &record, r#"{"tpo": 3}"#, Lang::Fr));
    assert!(
        m.contains("« tpo » n'existe pas ; options possibles : top"),
        "{m}"
    );
    let m = misuse(recommend(&c, &record, "[1, 2]", Lang::Fr));
    assert!(m.contains("un objet est attendu"), "{m}");
    let m = misuse(progress(&c, &record, r#"{"since": "hier"}"#, Lang::Fr));
    assert!(m.contains("date AAAA-MM-JJ"), "{m}");
    match why_not(&c, &record, "nulle-part", "", Lang::Fr) {
        Err(Refusal::Refused {
            message,
            diagnostics,
        }) => {
            assert!(message.starts_with("demande refusée"), "{message}");
            assert!(diagnostics.contains("not-in-curriculum"), "{diagnostics}");
        }
        other => panic!("{other:?}"),
    }
    let huge = format!("{{\"top\": {}}}", "9".repeat(MAX_OPTIONS));
    assert!(misuse(recommend(&c, &record, &huge, Lang::Fr)).contains("octets"));
    // Hostile documents: refused with diagnostics, never a panic.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        status(&c, &deep, Lang::Fr),
        Err(Refusal::Refused { .. })
    ));
    assert!(load(&deep).curriculum.is_none());
    assert!(matches!(
        status(&c, "", Lang::Fr),
        Err(Refusal::Refused { .. })
    ));
    assert!(matches!(
        status(&c, "NaN", Lang::Fr),
        Err(Refusal::Refused { .. })
    ));
    // A plan whose node budget runs out is a result, with its bound.
    let tight = plan(&c, &record, r#"{"nodeBudget": 1}"#, Lang::Fr).unwrap();
    let tight: Value = serde_json::from_str(&tight).unwrap();
    assert!(tight["lowerBoundHours"].as_f64().unwrap() <= tight["totalHours"].as_f64().unwrap());
}

#[test]
fn positioning_writes_a_new_record_from_the_answers() {
    let c = load(&read("curricula/transformation-offre/curriculum.json"))
        .curriculum
        .unwrap();
    let instrument = read("curricula/positioning/instrument.json");
    let answers =
        std::fs::read(root().join("curricula/positioning/etablissement-2026.csv")).unwrap();
    let record = read("curricula/transformation-offre/learners/chef-de-service-ime.json");
    let out = position(&c, &instrument, &answers, "P020", &record, "", Lang::Fr).unwrap();
    let out: Value = serde_json::from_str(&out).unwrap();
    let text = out["recordText"].as_str().unwrap();
    assert!(learner(&c, text, Lang::Fr).is_ok());
    assert!(out["summary"]["evidenceAdded"].as_u64().unwrap() > 0);
    match position(&c, &instrument, &answers, "P999", &record, "", Lang::Fr) {
        Err(Refusal::Refused { diagnostics, .. }) => {
            assert!(
                diagnostics.contains("respondent-not-found"),
                "{diagnostics}"
            );
            assert!(!diagnostics.contains("P999"));
        }
        other => panic!("{other:?}"),
    }
}

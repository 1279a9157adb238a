//! The calls' work on text, natively (the ABI itself, with its pointers, is
//! wasm32's: `bindings/openedx/tests` calls it through wasmtime and compares
//! its bytes with the command line's).

use super::*;

const CURRICULUM: &str = include_str!("../../../curricula/design-thinking-aidance/curriculum.json");
const RECORD: &str = include_str!(
    "../../../curricula/design-thinking-aidance/learners/aide-soignante-debutante.json"
);

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(&bytes[1..]).unwrap()
}

#[test]
fn results_are_the_api_bytes_tagged_result() {
    let compiled = api::load(CURRICULUM).curriculum.unwrap();
    let expected = api::progress(&compiled, RECORD, "", parcours::Lang::Fr).unwrap();
    let bytes = reply(progress(CURRICULUM, RECORD, "", "fr"));
    assert_eq!(bytes[0], RESULT);
    assert_eq!(text(&bytes), expected);
    let expected = api::status(&compiled, RECORD, parcours::Lang::En).unwrap();
    let bytes = reply(status(CURRICULUM, RECORD, "en"));
    assert_eq!(text(&bytes), expected);
    let bytes = reply(recommend(CURRICULUM, RECORD, "{\"top\": 2}", "fr"));
    assert_eq!(bytes[0], RESULT);
    let v: serde_json::Value = serde_json::from_str(text(&bytes)).unwrap();
    assert!(v.to_string().contains("module"), "{v}");
}

#[test]
fn a_curriculum_with_errors_is_a_result_with_placed_diagnostics() {
    let bad = CURRICULUM.replacen(
        "\"durationHours\": ",
        "\"durationHours\": \"7h30\", \"x\": ",
        1,
    );
    let bytes = reply(check(&bad, "fr"));
    assert_eq!(bytes[0], RESULT);
    let v: serde_json::Value = serde_json::from_str(text(&bytes)).unwrap();
    assert_eq!(v["ok"], false);
    let first = &v["diagnostics"][0];
    assert!(
        first["pointer"].as_str().unwrap().starts_with("/modules/"),
        "{first}"
    );
    assert!(first["line"].as_u64().unwrap() > 1, "{first}");
    assert!(first["column"].as_u64().is_some(), "{first}");
    let ok = reply(check(CURRICULUM, "fr"));
    let v: serde_json::Value = serde_json::from_str(text(&ok)).unwrap();
    assert_eq!(v["ok"], true);
}

#[test]
fn refusals_carry_their_diagnostics_and_misuses_their_words() {
    // A curriculum that does not load refuses the call, with its diagnostics.
    let bytes = reply(status("{", RECORD, "fr"));
    assert_eq!(bytes[0], REFUSED);
    let v: serde_json::Value = serde_json::from_str(text(&bytes)).unwrap();
    assert!(
        v["message"].as_str().unwrap().starts_with("cursus refusé"),
        "{v}"
    );
    assert!(!v["diagnostics"].as_array().unwrap().is_empty());
    // A record of another shape: refused, no value of it shown.
    let bytes = reply(progress(
        CURRICULUM,
        "{\"formatVersion\": 1, \"secret\": \"Mme X\"}",
        "",
        "fr",
    ));
    assert_eq!(bytes[0], REFUSED);
    assert!(!text(&bytes).contains("Mme X"));
    // An unknown language is the caller's mistake.
    let bytes = reply(status(CURRICULUM, RECORD, "de"));
    assert_eq!(bytes[0], MISUSE);
    assert!(text(&bytes).starts_with("langue inconnue"));
}

#[test]
fn an_empty_block_is_no_block() {
    assert_eq!(parcours_alloc(0), 0);
}

//! The exported API inside headless Chromium (`wasm-bindgen-test`), over the
//! shared fixtures: every bundled curriculum and learner profile gives, in the
//! browser, the very bytes of the golden files the native tests check
//! (`tests/golden/learners`, `tests/golden/report/records`, `tests/golden/graph`);
//! so do the generated curricula whose plan runs out of its node budget and goes
//! through the linear-programming relaxation (`tests/golden/generated`); misuse
//! becomes a JavaScript error, never a panic, and the module keeps working.
//!
//! The inputs and expected outputs are compiled in (`tests/web/fixtures.rs`, a
//! list generated and kept current by the native `web_fixtures` test): a page
//! reads no file.
//!
//! Run (what `tests/run-all.sh` does):
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=target/tools/bin/wasm-bindgen-test-runner \
//! cargo test -p parcours-wasm --target wasm32-unknown-unknown --test web
//! ```
//! `webdriver.json` beside `Cargo.toml` points chromedriver at Debian's
//! `/usr/bin/chromium` with the flags a container needs.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use parcours_wasm::{load_curriculum, Curriculum};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A bundled curriculum and its profiles.
pub struct Bundled {
    id: &'static str,
    curriculum: &'static str,
    profiles: &'static [Profile],
}

/// A learner profile and its golden outputs.
pub struct Profile {
    name: &'static str,
    record: &'static str,
    status: &'static str,
    progress: &'static str,
    recommend: &'static str,
    plan: &'static str,
    html_fr: &'static str,
    html_en: &'static str,
}

#[rustfmt::skip]
#[path = "web/fixtures.rs"]
mod fixtures;

fn curriculum(text: &str) -> Curriculum {
    let mut loaded = load_curriculum(text);
    assert!(loaded.ok(), "{}", loaded.diagnostics_json("en").unwrap());
    loaded.take_curriculum().unwrap()
}

/// The first line where two texts differ, for a readable failure.
fn same(what: &str, actual: &str, expected: &str) {
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "{what}: differs from its golden file at line {}:\n  wasm:   {:?}\n  golden: {:?}",
            line + 1,
            actual.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

#[wasm_bindgen_test]
fn every_bundled_profile_gives_the_golden_bytes_in_the_browser() {
    let mut profiles = 0;
    for bundled in fixtures::BUNDLED {
        let mut loaded = load_curriculum(bundled.curriculum);
        assert!(loaded.ok(), "{}", bundled.id);
        assert_eq!(
            loaded.diagnostics_json("fr").unwrap(),
            "[]",
            "{}",
            bundled.id
        );
        let c = loaded.take_curriculum().unwrap();
        assert_eq!(c.id(), bundled.id);
        for p in bundled.profiles {
            profiles += 1;
            let at = format!("{}/{}", bundled.id, p.name);
            let r = p.record;
            same(
                &format!("{at} status"),
                &c.status_json(r, "fr").unwrap(),
                p.status,
            );
            same(
                &format!("{at} progress"),
                &c.progress_json(r, "{}", "fr").unwrap(),
                p.progress,
            );
            same(
                &format!("{at} recommend"),
                &c.recommend_json(r, "{}", "fr").unwrap(),
                p.recommend,
            );
            same(
                &format!("{at} plan"),
                &c.plan_json(r, r#"{"hoursPerWeek": 7}"#, "fr").unwrap(),
                p.plan,
            );
            same(
                &format!("{at} record fr"),
                &c.record_html(r, "{}", "fr").unwrap(),
                p.html_fr,
            );
            same(
                &format!("{at} record en"),
                &c.record_html(r, "{}", "en").unwrap(),
                p.html_en,
            );
        }
    }
    assert!(profiles >= 12, "only {profiles} profiles");
}

#[wasm_bindgen_test]
fn the_drawing_fixture_gives_the_golden_svgs_in_the_browser() {
    let [text, record, fr, en, learner_fr, learner_en] = fixtures::DRAWING;
    let c = curriculum(text);
    same("drawing fr", &c.graph_svg(None, "fr").unwrap(), fr);
    same("drawing en", &c.graph_svg(None, "en").unwrap(), en);
    let record = Some(record.to_string());
    same(
        "learner drawing fr",
        &c.graph_svg(record.clone(), "fr").unwrap(),
        learner_fr,
    );
    same(
        "learner drawing en",
        &c.graph_svg(record, "en").unwrap(),
        learner_en,
    );
}

/// The error a call threw: its JavaScript class name, its `name` and message.
fn thrown(result: Result<String, JsValue>) -> (bool, String, String) {
    let error = result.expect_err("an error was expected");
    let is_type_error = error.is_instance_of::<js_sys::TypeError>();
    let e: js_sys::Error = error.dyn_into().expect("a JavaScript Error");
    (
        is_type_error,
        String::from(e.name()),
        String::from(e.message()),
    )
}

#[wasm_bindgen_test]
fn misuse_throws_a_javascript_error_and_the_module_keeps_working() {
    let bundled = &fixtures::BUNDLED[0];
    let c = curriculum(bundled.curriculum);
    let record = bundled.profiles[0].record;
    let expected = c.status_json(record, "fr").unwrap();
    let other = fixtures::BUNDLED[1].profiles[0].record;

    // Programming errors: a TypeError that says what to write instead.
    let (type_error, _, message) = thrown(c.status_json(record, "de"));
    assert!(
        type_error && message.contains("\"fr\" ou \"en\""),
        "{message}"
    );
    let (type_error, _, message) = thrown(c.plan_json(record, r#"{"hoursPerWeek": -1}"#, "fr"));
    assert!(
        type_error && message.contains("« hoursPerWeek » doit être un nombre plus grand que 0"),
        "{message}"
    );
    let (type_error, _, message) = thrown(c.recommend_json(record, r#"{"tpo": 3}"#, "en"));
    assert!(type_error && message.contains("tpo"), "{message}");
    let (type_error, _, message) = thrown(c.why_not_json(record, "nulle-part", "{}", "fr"));
    assert!(!type_error || message.contains("nulle-part"), "{message}");

    // Refused documents: a ParcoursError with its diagnostics.
    for (what, result) in [
        ("another curriculum's record", c.status_json(other, "fr")),
        (
            "an unreadable record",
            c.status_json("{\"formatVersion\": ", "fr"),
        ),
        (
            "100,000-deep nesting",
            c.status_json(&("[".repeat(100_000) + &"]".repeat(100_000)), "fr"),
        ),
    ] {
        let error = result.expect_err(what);
        let e: &js_sys::Error = error.dyn_ref().expect(what);
        assert_eq!(String::from(e.name()), "ParcoursError", "{what}");
        let diagnostics = js_sys::Reflect::get(&error, &JsValue::from_str("diagnostics")).unwrap();
        let list: &js_sys::Array = diagnostics.dyn_ref().expect(what);
        assert!(list.length() > 0, "{what}: no diagnostic");
        assert!(!String::from(e.message()).contains("panicked"), "{what}");
        // The module still answers, with the same bytes.
        assert_eq!(
            c.status_json(record, "fr").unwrap(),
            expected,
            "after {what}"
        );
    }

    // A curriculum with mistakes is a value, not an error.
    let mut bad = load_curriculum(r#"{"formatVersion": 1, "id": "demo", "modules": [}"#);
    assert!(!bad.ok());
    assert!(bad
        .diagnostics_json("fr")
        .unwrap()
        .contains("\"code\":\"syntax\""));
    assert!(bad.take_curriculum().is_none());

    // A node budget that runs out is a result with its bound.
    let tight = c.plan_json(record, r#"{"nodeBudget": 1}"#, "fr").unwrap();
    assert!(tight.contains("\"lowerBoundHours\""), "{tight}");
    assert_eq!(c.status_json(record, "fr").unwrap(), expected);
}

#[wasm_bindgen_test]
fn generated_curricula_whose_budget_runs_out_give_the_golden_plans_in_the_browser() {
    assert!(!fixtures::GENERATED.is_empty());
    for (text, record, options, golden) in fixtures::GENERATED {
        let c = curriculum(text);
        let plan = c.plan_json(record, options, "fr").unwrap();
        assert!(
            plan.contains("\"relaxationBoundHours\""),
            "the relaxation was not used"
        );
        same(&format!("generated plan {options}"), &plan, golden);
    }
}

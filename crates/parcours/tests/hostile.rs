//! Hostile but legal shapes (issue 15, item 5): each gets the right diagnostics.
//! How long they take is measured in `benches/load.rs` (its second table), not
//! here; but before the fixes these tests ran for minutes (a parent chain walked
//! again from every competency, every key of an object compared with every other,
//! every misspelled id ranked against every id), so they also stand guard.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use parcours_testkit::{self as synthetic, SyntheticOptions};
use serde_json::{json, Value};

fn base(modules: usize) -> Value {
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules,
        seed: 15,
        ..SyntheticOptions::default()
    });
    serde_json::from_str(&synthetic::to_json(&doc)).unwrap()
}

fn codes(doc: &Value) -> Vec<(String, String)> {
    let bytes = serde_json::to_vec_pretty(doc).unwrap();
    parcours::load(&bytes)
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.pointer.clone()))
        .collect()
}

/// 5,000 competencies, each the parent of the next, the last three in a cycle:
/// one `parent-cycle`, written from its first competency.
#[test]
fn a_deep_parent_chain_ending_in_a_cycle_is_reported_once() {
    let mut doc = base(50);
    let competencies = doc["framework"]["competencies"].as_array_mut().unwrap();
    let template = competencies[0].clone();
    competencies.clear();
    let n = 5_000;
    for i in 0..n {
        let mut c = template.clone();
        c["id"] = synthetic::competency_id(i).into();
        c.as_object_mut().unwrap().remove("parent");
        // competency i's parent is i + 1; the last points back two places.
        let parent = if i + 1 < n { i + 1 } else { n - 3 };
        c["parent"] = synthetic::competency_id(parent).into();
        competencies.push(c);
    }
    let found = codes(&doc);
    let cycles: Vec<_> = found.iter().filter(|(c, _)| c == "parent-cycle").collect();
    assert_eq!(
        cycles,
        [&(
            "parent-cycle".to_string(),
            format!("/framework/competencies/{}/parent", n - 3)
        )],
        "{found:?}"
    );
}

/// A module with 100,000 unknown fields and one repeated: refused, with the list
/// capped and the repeated key pointed at its second occurrence.
#[test]
fn an_object_of_a_hundred_thousand_keys_is_capped() {
    let mut doc = base(20);
    let mut text = serde_json::to_string(&doc).unwrap();
    let module = doc["modules"][0].as_object_mut().unwrap();
    for i in 0..100_000 {
        module.insert(format!("champ{i}"), json!(i));
    }
    let found = codes(&doc);
    assert_eq!(found.len(), 201, "200 shown and the cap");
    assert_eq!(found[200].0, "too-many");
    assert!(found[..200].iter().all(|(c, _)| c == "unknown-field"));
    // A repeated key in a small object is still found (a map, not a scan).
    text = text.replacen("\"id\":", "\"id\":\"x\",\"id\":", 1);
    let outcome = parcours::load(text.as_bytes());
    assert_eq!(outcome.diagnostics[0].code.as_str(), "duplicate-key");
}

/// 3,000 modules each requiring a misspelled id: 200 errors shown (the first with
/// its suggestion), the cap, and no verdict changed.
#[test]
fn thousands_of_misspelled_references_are_capped_and_suggested() {
    let n = 3_000;
    let mut doc = base(n);
    for (i, module) in doc["modules"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let id = synthetic::module_id((i + 1) % n);
        module["requires"] = json!({ "type": "module", "module": format!("{id}x") });
    }
    let bytes = serde_json::to_vec_pretty(&doc).unwrap();
    let outcome = parcours::load(&bytes);
    assert!(outcome.value.is_none());
    assert_eq!(outcome.diagnostics.len(), 201);
    let first = &outcome.diagnostics[0];
    assert_eq!(first.code.as_str(), "unknown-module");
    let message = first.hint(parcours::Lang::En);
    assert!(
        message.contains(&format!("did you mean `{}`", synthetic::module_id(1))),
        "{message}"
    );
    assert_eq!(outcome.diagnostics[200].code.as_str(), "too-many");
}

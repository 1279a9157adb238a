//! The same curriculum and record give the same bytes in two separate processes.
//!
//! Each process has its own hash seeds, allocator addresses and thread timings, so
//! anything that leaks hash order, an address or a race into the output shows here
//! (calling one pure function twice in one process could not show it). Every
//! bundled curriculum and learner profile, through every command that answers
//! about a learner, in JSON and in words (and its drawing, in every format), with a generated curriculum whose plan
//! runs out of its node budget (the LP relaxation's path) besides.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::path::PathBuf;

use common::{code, root, run, text};

/// Every (curriculum, learner) pair bundled under `curricula/`.
fn profiles() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for dir in parcours_testkit::bundled_curricula(&root()) {
        let Ok(entries) = std::fs::read_dir(dir.join("learners")) else {
            continue;
        };
        let mut learners: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        learners.sort();
        for learner in learners {
            let relative = |p: &std::path::Path| {
                p.strip_prefix(root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            };
            pairs.push((relative(&dir.join("curriculum.json")), relative(&learner)));
        }
    }
    pairs
}

/// Runs the same command in two processes and compares standard output, byte for
/// byte.
fn twice(args: &[&str]) {
    let first = run(args);
    let second = run(args);
    assert_eq!(code(&first), 0, "{args:?}: {}", text(&first.stderr));
    assert!(!first.stdout.is_empty(), "{args:?}: no output");
    assert!(
        first.stdout == second.stdout,
        "{args:?}: two processes gave different bytes"
    );
}

#[test]
fn every_bundled_profile_gives_the_same_bytes_in_two_processes() {
    let pairs = profiles();
    assert!(pairs.len() >= 12, "only {} profiles", pairs.len());
    for (curriculum, learner) in &pairs {
        let with = |command: &str, extra: &[&str]| {
            let mut args = vec![command, "--curriculum", curriculum, "--learner", learner];
            args.extend_from_slice(extra);
            twice(&args);
        };
        for format in ["json", "human"] {
            with("status", &["--format", format]);
            with("recommend", &["--format", format]);
            with("plan", &["--format", format, "--hours-per-week", "7"]);
        }
        for format in ["json", "md", "html"] {
            with("progress", &["--format", format]);
        }
        // The drawing for the learner: states, the plan's steps, and the SVG's
        // layout (float arithmetic, orders with ties) in every format.
        for format in ["dot", "mermaid", "svg"] {
            twice(&[
                "graph",
                curriculum,
                "--learner",
                learner,
                "--format",
                format,
            ]);
        }
    }
}

#[test]
fn a_plan_past_its_node_budget_gives_the_same_bytes_in_two_processes() {
    // 60 optional modules teaching 20 competencies at three levels, each (past the
    // fourth) requiring 2 of 4 earlier ones, and a learner aiming at 12 of those
    // competencies: a node budget of 5 ends the search early, so the plan and its
    // bound come from the LP relaxation's roundings and dives.
    let n = 60;
    let mut modules = Vec::new();
    let mut best = std::collections::BTreeMap::new();
    for i in 0..n {
        let (competency, level) = (format!("c{:02}", (i * 7 + 3) % 20), (i * 5) % 3);
        let top = best.entry(competency.clone()).or_insert(level);
        *top = (*top).max(level);
        let mut module = serde_json::json!({
            "id": format!("m{i:03}"),
            "title": {"fr": format!("Module {i}"), "en": format!("Module {i}")},
            "kind": "optional",
            "durationHours": 1 + (i * 7) % 13,
            "format": "workshop",
            "teaches": [{"competency": competency, "level": level}],
        });
        if i >= 4 {
            let mut earlier: Vec<usize> = vec![i - 1, i - 2 - i % 2, i - 3 - i % 3, i - 4];
            earlier.sort_unstable();
            earlier.dedup();
            let of: Vec<_> = earlier
                .iter()
                .map(|p| serde_json::json!({"type": "module", "module": format!("m{p:03}")}))
                .collect();
            module["requires"] = serde_json::json!({"type": "atLeast", "k": 2, "of": of});
        }
        modules.push(module);
    }
    let levels: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|l| serde_json::json!({"id": l, "label": {"fr": l, "en": l}}))
        .collect();
    let competencies: Vec<_> = best
        .keys()
        .map(|c| serde_json::json!({"id": c, "title": {"fr": c, "en": c}}))
        .collect();
    let curriculum = serde_json::json!({
        "formatVersion": 1, "id": "budget", "version": "1",
        "title": {"fr": "Budget", "en": "Budget"}, "languages": ["fr", "en"],
        "audiences": [{"id": "equipes", "label": {"fr": "Équipes", "en": "Teams"}}],
        "framework": {"scales": [{"id": "s", "levels": levels}], "competencies": competencies},
        "modules": modules,
        "completion": {"rule": "coreAndOptional", "minOptionalModules": 1}
    });
    let goals: Vec<_> = best
        .iter()
        .take(12)
        .map(|(c, l)| serde_json::json!({"competency": c, "level": l}))
        .collect();
    let learner = serde_json::json!({
        "formatVersion": 1, "id": "x", "audience": "equipes",
        "curriculum": {"id": "budget", "version": "1"}, "now": "2026-12-01",
        "goals": {"competencies": goals}
    });
    let dir = std::env::temp_dir().join(format!("parcours-determinism-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (c, l) = (dir.join("c.json"), dir.join("l.json"));
    std::fs::write(&c, curriculum.to_string()).unwrap();
    std::fs::write(&l, learner.to_string()).unwrap();
    let (c, l) = (c.to_str().unwrap(), l.to_str().unwrap());
    let plan = run(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--format",
        "json",
        "--node-budget",
        "5",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    assert_ne!(value["status"], "optimal", "the budget did not run out");
    assert!(
        value["search"]["relaxationBoundHours"].is_number(),
        "{value}"
    );
    // The text states the guarantee relative to the bound, rounded up: the plan is
    // at most (total − bound) / bound above the optimum (issue 21).
    let text = run(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--node-budget",
        "5",
    ]);
    let text = String::from_utf8(text.stdout).unwrap();
    let (total, bound) = (
        value["totalHours"].as_f64().unwrap(),
        value["lowerBoundHours"].as_f64().unwrap(),
    );
    let above = (total - bound) / bound * 100.0;
    let shown: f64 = text
        .split("au plus ")
        .nth(1)
        .and_then(|rest| rest.split(" %").next())
        .unwrap_or_else(|| panic!("{text}"))
        .replace(',', ".")
        .parse()
        .unwrap();
    assert!(
        shown >= above - 1e-9 && shown <= above + 0.01,
        "shown {shown} %, (total − bound) / bound = {above} %"
    );
    twice(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--format",
        "json",
        "--node-budget",
        "5",
    ]);
    twice(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--node-budget",
        "5",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
}

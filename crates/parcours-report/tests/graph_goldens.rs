//! The drawings of a curriculum, byte for byte, and what they must say.
//!
//! `tests/fixtures/graph/curriculum.json` holds one of each kind of rule: an
//! any-of (with a label), an at-least-k, a score gate, a competency requirement
//! and a recommended prerequisite, plus a title with `« » & < > "` and one long
//! enough to wrap. Its DOT, Mermaid and SVG drawings, in French and English, and
//! for `learner.json` (states and plan steps), match `tests/golden/graph/`.
//! `UPDATE=1 cargo test -p parcours-report --test graph_goldens` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::path::PathBuf;

use common::root;

use parcours::{Compiled, Lang, PlanOptions};
use parcours_report::graph::{graph, learner_graph, GraphFormat, LearnerView};

/// Compares `actual` with the golden drawing `name` (or rewrites it with `UPDATE=1`).
fn golden(name: &str, actual: &str, failures: &mut Vec<String>) {
    common::golden(
        &root().join("tests/golden/graph").join(name),
        actual,
        failures,
    );
}

fn fixture() -> Compiled {
    let bytes = std::fs::read(root().join("tests/fixtures/graph/curriculum.json")).unwrap();
    let outcome = parcours::load(&bytes);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

const FORMATS: [(GraphFormat, &str); 3] = [
    (GraphFormat::Dot, "dot"),
    (GraphFormat::Mermaid, "mmd"),
    (GraphFormat::Svg, "svg"),
];

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// Every drawing of the fixture, with its golden file name.
fn drawings() -> Vec<(String, String)> {
    let c = fixture();
    let record = std::fs::read(root().join("tests/fixtures/graph/learner.json")).unwrap();
    let learner = parcours::load_learner(&c, &record).value.unwrap();
    let status = parcours::status(&c, &learner).value.unwrap();
    let plan = parcours::plan(&c, &learner, &PlanOptions::default())
        .value
        .unwrap();
    let view = LearnerView {
        status: &status,
        plan: Some(&plan),
    };
    let mut out = Vec::new();
    for lang in [Lang::Fr, Lang::En] {
        for (format, ext) in FORMATS {
            let l = lang_name(lang);
            out.push((format!("dessin.{l}.{ext}"), graph(&c, format, lang)));
            out.push((
                format!("dessin.learner.{l}.{ext}"),
                learner_graph(&c, format, lang, &view),
            ));
        }
    }
    out
}

#[test]
fn drawings_match_their_goldens() {
    let mut failures = Vec::new();
    for (name, text) in drawings() {
        golden(&name, &text, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_is_drawn_as_it_reads() {
    let c = fixture();
    for lang in [Lang::Fr, Lang::En] {
        let (one_of_two, two_of_three, level, legend) = match lang {
            Lang::Fr => ("1 parmi 2", "2 parmi 3", "niveau ≥ Pratique", "Légende"),
            Lang::En => ("1 of 2", "2 of 3", "level ≥ Practice", "Legend"),
        };
        for (format, _) in FORMATS {
            let text = graph(&c, format, lang);
            let name = format!("{format:?} {lang:?}");
            for expected in [one_of_two, two_of_three, "score ≥ 70", level, legend] {
                assert!(text.contains(expected), "{name}: no {expected:?}");
            }
            // The competencies asked for are nodes, by title.
            let (observer, animer) = match lang {
                Lang::Fr => ("Observer les usages", "Animer un atelier"),
                Lang::En => ("Observing how people work", "Running a workshop"),
            };
            assert!(text.contains(observer) && text.contains(animer), "{name}");
        }
        // DOT: the recommended prerequisite is dashed, the required ones are not,
        // and the any-of's modules point at its junction, not at the module.
        let dot = graph(&c, GraphFormat::Dot, lang);
        assert!(dot.contains("\"atelier-a\" -> \"atelier-b\" [style=dashed"));
        assert!(dot.contains("\"enquete\" -> \"atelier-b\";"));
        assert!(dot.contains("\"atelier-a\" -> \"junction:1\";"));
        assert!(!dot.contains("\"atelier-a\" -> \"synthese\""));
        assert!(dot.contains("\"junction:1\" -> \"synthese\";"));
        // Mermaid: the same, with its arrows.
        let mermaid = graph(&c, GraphFormat::Mermaid, lang);
        assert!(mermaid.contains("  n2 -.-> n3\n"), "{mermaid}");
        assert!(mermaid.contains("-->|\"score ≥ 70\"|"), "{mermaid}");
        // Mermaid reads labels as HTML: markup in a title is written as entities.
        assert!(mermaid.contains("#lt;") && mermaid.contains("#amp;"));
        assert!(!mermaid.contains("<citations>") && !mermaid.contains("<quotes>"));
    }
}

#[test]
fn the_svg_shows_labels_never_ids_and_escapes_its_text() {
    let c = fixture();
    for lang in [Lang::Fr, Lang::En] {
        let svg = graph(&c, GraphFormat::Svg, lang);
        // A module's id is in its node's `data-module` attribute (so that a page
        // can make it clickable) and nowhere else: each once, for modules only.
        for id in ["atelier-a", "atelier-b", "enquete", "synthese", "projet"] {
            let attribute = format!("data-module=\"{id}\"");
            assert_eq!(svg.matches(&attribute).count(), 1, "{lang:?}: {attribute}");
        }
        let without_ids: String = svg
            .split("data-module=\"")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('"').map_or(part, |(_, rest)| rest)
                }
            })
            .collect();
        assert!(
            !svg.contains("data-module=\"\""),
            "{lang:?}: a legend sample has no id"
        );
        // Ids that no title contains: none is in the picture, even hidden.
        for id in [
            "atelier-a",
            "atelier-b",
            "enquete",
            "synthese",
            "observer",
            "approfondir",
            "junction:",
            "competency:",
        ] {
            assert!(!without_ids.contains(id), "{lang:?}: {id} in the SVG");
        }
        assert!(svg.contains("&lt;"), "{lang:?}: < escaped");
        assert!(!svg.contains("<citations>") && !svg.contains("<quotes>"));
        assert!(svg.contains("&amp;"), "{lang:?}: & escaped");
        // Self-contained: the SVG namespace is its only address.
        assert_eq!(svg.matches("http").count(), 1);
        for banned in [
            "<image",
            "<script",
            "<style",
            "href=",
            "@import",
            "<foreignObject",
        ] {
            assert!(!svg.contains(banned), "{banned}");
        }
        // The long title wraps: its first line of text ends early; the node's
        // tooltip (`<title>`) keeps it whole.
        let (first_line, whole) = match lang {
            Lang::Fr => (
                ">Introduction au design des</text>",
                "Introduction au design des politiques publiques et des services aux usagers",
            ),
            Lang::En => (
                ">Introduction to the design</text>",
                "Introduction to the design of public policies and of services to their users",
            ),
        };
        assert!(svg.contains(first_line), "{lang:?}: the title wraps");
        assert!(
            svg.contains(&format!("<title>{whole}")),
            "{lang:?}: tooltip"
        );
    }
}

#[test]
fn the_learner_drawing_colours_states_and_numbers_steps() {
    let fr = drawings()
        .into_iter()
        .find(|(name, _)| name == "dessin.learner.fr.svg")
        .unwrap()
        .1;
    // `intro` is completed; `enquete` is available; the plan numbers its steps.
    assert!(fr.contains("data-state=\"completed\""), "completed");
    assert!(fr.contains("data-state=\"available\""), "available");
    assert!(fr.contains("data-state=\"locked\""), "locked");
    // The legend explains each colour in words.
    for words in ["suivi", "accessible", "verrouillé"] {
        assert!(fr.contains(&format!(">{words}</text>")), "{words}");
    }
    assert!(fr.contains("class=\"step\""));
    assert!(fr.contains("n° de l'étape dans le plan de l'apprenant"));
    let steps = fr.matches("class=\"step\"").count();
    assert!(steps >= 3, "{steps} steps numbered");
}

#[test]
fn every_bundled_curriculum_draws_in_every_format() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("curriculum.json").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4);
    for dir in dirs {
        let c = parcours::load(&std::fs::read(dir.join("curriculum.json")).unwrap())
            .value
            .unwrap();
        for (format, _) in FORMATS {
            let text = graph(&c, format, Lang::Fr);
            // Every module is drawn, by its title.
            for m in &c.document().modules {
                let first_word = m.title.get(Lang::Fr).split_whitespace().next().unwrap();
                assert!(text.contains(first_word), "{}: {first_word}", dir.display());
            }
        }
    }
}

/// A large generated curriculum (hundreds of modules, long arrows across every
/// stage) still draws, in every format, and its picture is sized for A4 (its
/// text then too small to read on paper: such a curriculum is read on screen).
#[test]
fn a_large_generated_curriculum_draws_and_fits_a4() {
    use parcours_testkit::{self as synthetic, SyntheticOptions};
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules: 400,
        seed: 7,
        ..SyntheticOptions::default()
    });
    let c = parcours::load(synthetic::to_json(&doc).as_bytes())
        .value
        .unwrap();
    let svg = graph(&c, GraphFormat::Svg, Lang::Fr);
    let start = svg.find("<svg").unwrap();
    let head = &svg[start..start + svg[start..].find('>').unwrap()];
    let mm = |attr: &str| -> f64 {
        let at = head.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
        head[at..at + head[at..].find("mm").unwrap()]
            .parse()
            .unwrap()
    };
    assert!(mm("width") <= 190.0 && mm("height") <= 277.0, "{head}");
    // Every module, and the legend's core and optional samples.
    assert_eq!(svg.matches("class=\"node module").count(), 400 + 2);
    for format in [GraphFormat::Dot, GraphFormat::Mermaid] {
        assert!(!graph(&c, format, Lang::En).is_empty());
    }
}

/// The fixture with its stages changed: `edit` gets the document as JSON.
fn fixture_edited(edit: impl FnOnce(&mut serde_json::Value)) -> Compiled {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/graph/curriculum.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut doc);
    let outcome = parcours::load(doc.to_string().as_bytes());
    outcome
        .value
        .unwrap_or_else(|| panic!("{:?}", outcome.diagnostics))
}

#[test]
fn modules_without_a_stage_get_a_band_of_their_own_and_no_stages_no_band() {
    // One module without a stage, in a curriculum with stages: « Sans étape ».
    let c = fixture_edited(|doc| {
        doc["modules"][6].as_object_mut().unwrap().remove("stage");
    });
    for (format, _) in FORMATS {
        assert!(
            graph(&c, format, Lang::Fr).contains("Sans étape"),
            "{format:?}"
        );
        assert!(
            graph(&c, format, Lang::En).contains("No stage"),
            "{format:?}"
        );
    }
    assert_eq!(
        graph(&c, GraphFormat::Svg, Lang::Fr)
            .matches("<g class=\"band\">")
            .count(),
        4
    );
    // No stages at all: one band, untitled, not drawn.
    let c = fixture_edited(|doc| {
        doc.as_object_mut().unwrap().remove("stages");
        for m in doc["modules"].as_array_mut().unwrap() {
            m.as_object_mut().unwrap().remove("stage");
        }
    });
    let svg = graph(&c, GraphFormat::Svg, Lang::Fr);
    assert!(!svg.contains("<g class=\"band\">") && !svg.contains("Sans étape"));
    assert_eq!(svg.matches("class=\"node junction").count(), 2 + 1);
    let dot = graph(&c, GraphFormat::Dot, Lang::Fr);
    assert!(!dot.contains("cluster_stage"));
    let mermaid = graph(&c, GraphFormat::Mermaid, Lang::Fr);
    assert_eq!(mermaid.matches("subgraph").count(), 1, "the legend only");
}

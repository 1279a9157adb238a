//! Explanations name the cause (issue 16, item 6), on the hand-written curricula and
//! records of `tests/fixtures/explain/`:
//!
//! - `accueil.json`: a core path « Les premiers mots » → « L'accueil en pratique »,
//!   two optional modules for professionals only behind a score gate on the
//!   practice (one unlabelled at 70, one labelled at 60), and one optional module
//!   for everyone; two optional modules are asked.
//! - `accueil-expression.json`: the same modules, completed by a written rule that
//!   asks the practice with 60/100 and the welcome sheet or the hard situations.
//!
//! Each test states what a training designer expects to read, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;
use common::root;

use parcours::{Compiled, Lang, Learner, PlanOptions, PlanStatus, RecommendOptions};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/explain").join(name)).unwrap()
}

fn pair(curriculum: &str, learner: &str) -> (Compiled, Learner) {
    let outcome = parcours::load(&fixture(curriculum));
    assert!(
        outcome.diagnostics.is_empty(),
        "{curriculum}: {:?}",
        outcome.diagnostics
    );
    let c = outcome.value.unwrap();
    let l = parcours::load_learner(&c, &fixture(learner));
    assert!(l.diagnostics.is_empty(), "{learner}: {:?}", l.diagnostics);
    (c, l.value.unwrap())
}

fn obstacles(c: &Compiled, l: &Learner, lang: Lang) -> Vec<String> {
    let plan = parcours::plan(c, l, &PlanOptions::default()).value.unwrap();
    assert_eq!(plan.status, PlanStatus::Unreachable);
    plan.obstacles
        .iter()
        .map(|o| o.text.get(lang).to_string())
        .collect()
}

/// The texts of the failing parts of `module`'s prerequisites, in `lang`.
fn why(c: &Compiled, l: &Learner, module: &str, lang: Lang) -> Vec<String> {
    let status = parcours::status(c, l).value.unwrap();
    let m = status.modules.iter().find(|m| m.module == module).unwrap();
    m.why.iter().map(|f| f.text.get(lang).to_string()).collect()
}

#[test]
fn an_unreachable_competency_goal_names_the_best_level_and_the_modules_that_reach_it() {
    // A family member aims at « Maîtrise », taught only to professionals: the best
    // level open to her is « Pratique », through « L'accueil en pratique ».
    let (c, l) = pair("accueil.json", "famille.json");
    let fr = obstacles(&c, &l, Lang::Fr);
    let line = fr
        .iter()
        .find(|t| t.contains("« Accueillir une famille » au niveau « Maîtrise »"))
        .unwrap_or_else(|| panic!("no obstacle for the level: {fr:?}"));
    assert!(
        line.contains("« L'accueil des situations difficiles » n'est pas ouvert au public"),
        "{line}"
    );
    assert!(
        line.contains("au mieux, l'apprenant peut atteindre le niveau « Pratique », avec « L'accueil en pratique »"),
        "{line}"
    );
    let en = obstacles(&c, &l, Lang::En);
    assert!(
        en.iter().any(|t| t.contains(
            "at best, the learner can reach level \"Practice\", with \"Welcoming in practice\""
        )),
        "{en:?}"
    );
}

#[test]
fn an_unreachable_completion_names_the_optional_modules_in_the_way_and_why() {
    // Two optional modules are asked; only « Le livret d'accueil » is open to families.
    let (c, l) = pair("accueil.json", "famille.json");
    let fr = obstacles(&c, &l, Lang::Fr);
    let line = fr
        .iter()
        .find(|t| t.starts_with("il manque 2 modules optionnels"))
        .unwrap_or_else(|| panic!("no obstacle for the optional modules: {fr:?}"));
    for title in ["L'accueil des situations difficiles", "La fiche d'accueil"] {
        assert!(
            line.contains(&format!(
                "« {title} » n'est pas ouvert au public de l'apprenant"
            )),
            "{line}"
        );
    }
    assert!(
        !fr.iter().any(|t| t.contains("les règles de validation")),
        "{fr:?}"
    );
}

#[test]
fn an_unreachable_written_completion_rule_names_the_modules_it_asks_that_are_closed() {
    let (c, l) = pair("accueil-expression.json", "famille-expression.json");
    let fr = obstacles(&c, &l, Lang::Fr);
    assert_eq!(
        fr,
        [
            "« La fiche d'accueil » n'est pas ouvert au public de l'apprenant",
            "« L'accueil des situations difficiles » n'est pas ouvert au public de l'apprenant",
        ]
    );
    let en = obstacles(&c, &l, Lang::En);
    assert_eq!(
        en[0],
        "\"The welcome sheet\" is not open to the learner's audience"
    );
}

#[test]
fn a_score_gate_gives_the_best_score_beside_the_required_one_with_or_without_a_label() {
    // Two attempts, 52.5 then 55: the best is 55.
    let (c, l) = pair("accueil.json", "professionnelle.json");
    assert_eq!(
        why(&c, &l, "expert", Lang::Fr),
        ["avoir obtenu au moins 70/100 à « L'accueil en pratique » (meilleur score : 55/100)"]
    );
    assert_eq!(
        why(&c, &l, "fiche", Lang::Fr),
        ["Avoir validé l'accueil en pratique (« L'accueil en pratique » : meilleur score : 55/100, 60/100 demandé)"]
    );
    assert_eq!(
        why(&c, &l, "fiche", Lang::En),
        ["Have passed welcoming in practice (\"Welcoming in practice\": best score: 55/100, 60/100 required)"]
    );
    // Not taken yet: said so, rather than a score of nothing.
    let (c, l) = pair("accueil.json", "non-suivi.json");
    assert_eq!(
        why(&c, &l, "expert", Lang::Fr),
        ["avoir obtenu au moins 70/100 à « L'accueil en pratique » (pas encore suivi)"]
    );
}

#[test]
fn why_not_on_a_locked_module_carries_the_lock_and_both_scores() {
    // Aiming at « Maîtrise », the hard situations would come first once open: the
    // answer keeps both scores so that a reader never sees it "outscored".
    let (c, l) = pair("accueil.json", "professionnelle-objectif.json");
    let w = parcours::why_not(&c, &l, "expert", &RecommendOptions::default())
        .value
        .unwrap();
    assert_eq!(w.state, parcours::learner::state::ModuleState::Locked);
    assert!(w.rank.is_none());
    assert_eq!(w.why.len(), 1);
    assert!(w.unlock.is_some());
    assert_eq!(w.top.as_deref(), Some("livret"));
    let top = w.top_score.unwrap();
    assert!(w.score > top, "{} against {top}", w.score);
    let recommendations = parcours::recommend(&c, &l, &RecommendOptions::default())
        .value
        .unwrap();
    assert_eq!(recommendations.recommendations[0].score, top);
}

//! The self-positioning analysis and the committee's report data.
//!
//! * Golden analysis of the bundled synthetic establishment
//!   (`curricula/positioning/`): JSON, Markdown in French and English, and the
//!   2027 wave against 2026 (`UPDATE=1` rewrites `tests/golden/positioning/`).
//!   Familles (3 respondents) merge into personnes accompagnées; direction (4) is
//!   published by name (`publishedByName`), and hidden when it is not.
//! * Anonymity, on the establishment and on generated tables: no output changes when
//!   the answers of a hidden group, or of a hidden cell, change — so nothing
//!   published can reveal them, subtraction from totals included; the respondents
//!   left out of the published teams are none or at least the threshold.
//! * Permuting rows changes nothing.
//! * The committee's report data (analysis and team plan) and the action plan match
//!   their golden files.
//!
//! Consensus (1 when all agree, 0 at an even split between the two extremes) and
//! individual positioning (answers become self-assessment scores, "ne sait pas"
//! gives nothing, the record reads back) are unit tests of `positioning::ordinal`
//! and `positioning::individual`; the facade's `position` is in `facade.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;
use common::root;

use std::path::PathBuf;

use parcours::positioning::answers::{Answer, Respondent};
use parcours::{
    analyse, read_answers, Analysis, AnalysisOptions, AnswerTable, CheckedInstrument, Lang,
    ReadOptions,
};
use proptest::prelude::*;

fn instrument() -> CheckedInstrument {
    let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
    let outcome = parcours::load_instrument(&bytes, None);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// The bundled instrument with `change` applied to its JSON.
fn instrument_edited(change: impl FnOnce(&mut serde_json::Value)) -> CheckedInstrument {
    let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    change(&mut doc);
    let outcome = parcours::load_instrument(&serde_json::to_vec(&doc).unwrap(), None);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// The bundled instrument with its own anonymity threshold set to `threshold`, and
/// the colleges `named` (only these) published by name.
fn instrument_with(threshold: u32, named: &[&str]) -> CheckedInstrument {
    instrument_edited(|doc| {
        doc["anonymityThreshold"] = threshold.into();
        for c in doc["colleges"].as_array_mut().unwrap() {
            let id = c["id"].as_str().unwrap().to_string();
            let map = c.as_object_mut().unwrap();
            map.remove("publishedByName");
            if named.contains(&id.as_str()) {
                map.insert("publishedByName".into(), true.into());
            }
        }
    })
}

/// The bundled instrument without any college published by name: direction (4)
/// is then under the threshold, and hidden.
fn unnamed() -> CheckedInstrument {
    instrument_with(5, &[])
}

fn table(ins: &CheckedInstrument, name: &str) -> AnswerTable {
    let bytes = std::fs::read(root().join("curricula/positioning").join(name)).unwrap();
    let (outcome, _) = read_answers(ins, &bytes, &ReadOptions::default());
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    outcome.value.unwrap()
}

/// Every golden file of `tests/golden/positioning/`, each written by a test below:
/// [`golden`] refuses any other name, and a test checks the folder holds these only.
const GOLDENS: [&str; 8] = [
    "etablissement-2026.analysis.json",
    "etablissement-2026.analysis.md",
    "etablissement-2026.analysis.en.md",
    "etablissement-2027-vs-2026.analysis.json",
    "etablissement-2027-vs-2026.analysis.md",
    "etablissement-2027-vs-2026.report.json",
    "etablissement-2027-vs-2026.report.md",
    "etablissement-2027-vs-2026.action-plan.csv",
];

#[test]
fn the_positioning_goldens_are_the_ones_the_tests_write() {
    let mut present: Vec<String> = common::files_under(&root().join("tests/golden/positioning"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    present.sort();
    let mut expected: Vec<String> = GOLDENS.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(
        present, expected,
        "a golden file that no test writes, or one missing"
    );
}

fn golden(name: &str, actual: &str, failures: &mut Vec<String>) {
    assert!(GOLDENS.contains(&name), "{name}: add it to GOLDENS");
    common::golden(
        &root().join("tests/golden/positioning").join(name),
        actual,
        failures,
    );
}

fn outputs(ins: &CheckedInstrument, a: &Analysis) -> String {
    format!(
        "{}\n{}\n{}",
        serde_json::to_string(a).unwrap(),
        parcours_report::analysis::markdown(a, ins, Lang::Fr),
        parcours_report::analysis::markdown(a, ins, Lang::En)
    )
}

#[test]
fn the_bundled_establishment_matches_its_golden_analysis() {
    let ins = instrument();
    let wave1 = table(&ins, "etablissement-2026.csv");
    let wave2 = table(&ins, "etablissement-2027.csv");
    let options = AnalysisOptions::default();
    let a = analyse(&ins, &wave1, None, &options);
    let b = analyse(&ins, &wave2, Some(&wave1), &options);

    // What the issue says of this establishment: direction, 4 people under a
    // threshold of 5, is published by name; familles merge.
    assert_eq!(a.threshold, 5);
    assert!(a.hidden_colleges.is_empty());
    let direction = &a.colleges[0];
    assert_eq!(
        (direction.id.as_str(), direction.respondents),
        ("direction", 4)
    );
    assert!(direction.published_by_name);
    assert!(a.colleges[1..].iter().all(|g| !g.published_by_name));
    assert!(a.items.iter().all(|i| i.colleges[0].group == "direction"));
    let merged = a
        .colleges
        .iter()
        .find(|g| g.colleges.contains(&"familles".to_string()))
        .expect("familles merged");
    assert_eq!(merged.id, "personnes-accompagnees");
    assert_eq!(
        merged.label.get(Lang::Fr),
        "Personnes accompagnées et proches"
    );
    assert_eq!(a.respondents, 40);
    // Without `publishedByName`, direction is hidden and has no figure.
    let hidden = analyse(&unnamed(), &wave1, None, &options);
    assert_eq!(hidden.hidden_colleges, vec!["direction".to_string()]);
    assert_eq!(hidden.respondents, 36);
    let mut figures = hidden.clone();
    figures.hidden_colleges.clear();
    let json = serde_json::to_string(&figures).unwrap();
    assert!(
        !json.contains("\"direction\""),
        "a hidden college has figures"
    );
    assert!(!a.strengths.is_empty() && !a.priorities.is_empty() && !a.dialogue.is_empty());
    assert!(!b.changes.is_empty());
    // Each wave's dates (from the answers' date column) and headcounts.
    assert!(a.before.is_none());
    let earlier = b.before.as_ref().unwrap();
    assert_eq!(earlier, &a.wave, "the earlier wave, as analysed alone");
    assert_eq!(
        a.wave.first_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(b.wave.respondents, 40);
    for c in &b.changes {
        assert!((c.consensus_after - c.consensus_before - c.consensus_change).abs() < 1e-3);
    }

    let mut failures = Vec::new();
    let pretty = |v: &Analysis| common::pretty(v);
    golden(
        "etablissement-2026.analysis.json",
        &pretty(&a),
        &mut failures,
    );
    golden(
        "etablissement-2026.analysis.md",
        &parcours_report::analysis::markdown(&a, &ins, Lang::Fr),
        &mut failures,
    );
    golden(
        "etablissement-2026.analysis.en.md",
        &parcours_report::analysis::markdown(&a, &ins, Lang::En),
        &mut failures,
    );
    golden(
        "etablissement-2027-vs-2026.analysis.json",
        &pretty(&b),
        &mut failures,
    );
    golden(
        "etablissement-2027-vs-2026.analysis.md",
        &parcours_report::analysis::markdown(&b, &ins, Lang::Fr),
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// An item worded negatively (`reversed`) is mirrored on the scale when read, so
/// that every figure of it reads as its positive twin: the distribution turns
/// over, position and mean mirror, consensus stays; no other item changes.
#[test]
fn a_negative_statement_is_reversed_in_every_figure() {
    let plain = instrument();
    let negative = instrument_edited(|doc| doc["items"][1]["reversed"] = true.into());
    assert!(negative.items()[1].reversed && !plain.items()[1].reversed);
    let options = AnalysisOptions::default();
    let a = analyse(
        &plain,
        &table(&plain, "etablissement-2026.csv"),
        None,
        &options,
    );
    let b = analyse(
        &negative,
        &table(&negative, "etablissement-2026.csv"),
        None,
        &options,
    );
    for (x, y) in a.items.iter().zip(&b.items) {
        if x.item != "si-2" {
            assert_eq!(x, y, "{}", x.item);
            continue;
        }
        let (x, y) = (x.overall.as_ref().unwrap(), y.overall.as_ref().unwrap());
        let mut turned = x.distribution.clone();
        turned.reverse();
        assert_eq!(y.distribution, turned);
        assert_eq!(y.n, x.n);
        assert_eq!(y.dont_know, x.dont_know);
        assert!(
            (y.position - (1.0 - x.position)).abs() < 1e-3,
            "{} {}",
            x.position,
            y.position
        );
        assert!((y.mean - (5.0 - x.mean)).abs() < 1e-3);
        assert!((y.consensus - x.consensus).abs() < 1e-3);
    }
    let theme = |a: &Analysis| a.themes[0].overall.clone().unwrap();
    assert_ne!(
        theme(&a),
        theme(&b),
        "the theme's figures read the mirrored answers"
    );
    // The report says so next to the statement.
    let md = parcours_report::analysis::markdown(&b, &negative, Lang::Fr);
    assert!(md.contains("(énoncé négatif : échelle inversée, plus haut = mieux)"));
    let en = parcours_report::analysis::markdown(&b, &negative, Lang::En);
    assert!(en.contains("(negative statement: scale reversed, higher = better)"));
    assert!(!parcours_report::analysis::markdown(&a, &plain, Lang::Fr).contains("énoncé négatif"));
}

/// The same table with `change` applied to some respondents' answers.
fn with_answers(
    t: &AnswerTable,
    who: impl Fn(&Respondent) -> bool,
    change: impl Fn(usize, Answer) -> Answer,
) -> AnswerTable {
    let mut out = t.clone();
    for r in &mut out.respondents {
        if who(r) {
            for (i, a) in r.answers.iter_mut().enumerate() {
                *a = change(i, *a);
            }
        }
    }
    out
}

#[test]
fn the_hidden_college_leaves_no_trace_in_any_output() {
    let ins = unnamed();
    let wave1 = table(&ins, "etablissement-2026.csv");
    let wave2 = table(&ins, "etablissement-2027.csv");
    let options = AnalysisOptions::default();
    let reference = outputs(&ins, &analyse(&ins, &wave2, Some(&wave1), &options));
    for flip in [
        Answer::Value(1),
        Answer::Value(4),
        Answer::DontKnow,
        Answer::Blank,
    ] {
        let direction = |r: &Respondent| r.college == "direction";
        let a2 = with_answers(&wave2, direction, |_, _| flip);
        let a1 = with_answers(&wave1, direction, |_, _| flip);
        assert_eq!(
            outputs(&ins, &analyse(&ins, &a2, Some(&a1), &options)),
            reference,
            "direction's answers show through ({flip:?})"
        );
    }
}

const TEAMS: [Option<&str>; 4] = [Some("Foyer"), Some("Accueil de jour"), Some("SAVS"), None];
const COLLEGES: [&str; 4] = [
    "direction",
    "professionnels",
    "personnes-accompagnees",
    "familles",
];

fn generated(ins: &CheckedInstrument, rows: &[(usize, usize, Vec<u8>)]) -> AnswerTable {
    let items = ins.items().len();
    AnswerTable {
        items: ins.items().iter().map(|i| i.id.clone()).collect(),
        respondents: rows
            .iter()
            .enumerate()
            .map(|(n, (college, team, answers))| Respondent {
                row: n + 2,
                college: COLLEGES[college % 4].to_string(),
                team: TEAMS[team % 4].map(str::to_string),
                id: Some(format!("R{n:03}")),
                date: None,
                answers: (0..items)
                    .map(|i| match answers.get(i).copied().unwrap_or(0) % 7 {
                        0 => Answer::Blank,
                        5 => Answer::DontKnow,
                        v @ 1..=4 => Answer::Value(i32::from(v)),
                        _ => Answer::Value(2),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn rows() -> impl Strategy<Value = Vec<(usize, usize, Vec<u8>)>> {
    proptest::collection::vec(
        (
            0usize..4,
            0usize..4,
            proptest::collection::vec(any::<u8>(), 24),
        ),
        0..45,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn hidden_groups_and_cells_never_show_through(
        rows in rows(),
        other in any::<u8>(),
        threshold in 2u32..7,
        named in proptest::sample::subsequence(vec!["direction", "professionnels"], 0..=2),
    ) {
        // The threshold is the instrument's (an option may only raise it); the
        // colleges published by name are the one exception.
        let ins = instrument_with(threshold, &named);
        let t = generated(&ins, &rows);
        let options = AnalysisOptions::default();
        let a = analyse(&ins, &t, None, &options);
        let reference = outputs(&ins, &a);
        // A hidden college: any change of its answers changes nothing.
        let hidden = a.hidden_colleges.clone();
        let changed = with_answers(&t, |r| hidden.contains(&r.college), |i, _| {
            Answer::Value(1 + ((usize::from(other) + i) % 4) as i32)
        });
        prop_assert_eq!(outputs(&ins, &analyse(&ins, &changed, None, &options)), reference.clone());
        // A hidden cell (a published college, too few answers on one item): moving
        // its answers along the scale changes nothing.
        for (i, item) in a.items.iter().enumerate() {
            for g in &a.colleges {
                if item.colleges.iter().any(|c| c.group == g.id) {
                    continue;
                }
                let members = g.colleges.clone();
                let moved = with_answers(&t, |r| members.contains(&r.college), |j, ans| {
                    match ans {
                        Answer::Value(v) if j == i => Answer::Value(1 + (v + i32::from(other)) % 4),
                        other => other,
                    }
                });
                prop_assert_eq!(
                    outputs(&ins, &analyse(&ins, &moved, None, &options)),
                    reference.clone(),
                    "hidden cell {} / {} shows through", item.item, g.id
                );
            }
        }
        // Published groups: at least the threshold, unless published by name (then
        // flagged as such, and every one of its cells shown).
        for g in &a.colleges {
            prop_assert_eq!(g.published_by_name, named.contains(&g.id.as_str()));
            prop_assert!(g.published_by_name || g.respondents >= threshold);
            if g.published_by_name {
                let members: Vec<&Respondent> =
                    t.respondents.iter().filter(|r| r.college == g.id).collect();
                prop_assert_eq!(g.respondents as usize, members.len());
                for (i, item) in a.items.iter().enumerate() {
                    let answered = members.iter().any(|r| matches!(r.answers[i], Answer::Value(_)));
                    prop_assert_eq!(answered, item.colleges.iter().any(|c| c.group == g.id));
                }
            }
        }
        for id in &named {
            let present = t.respondents.iter().any(|r| r.college == *id);
            prop_assert_eq!(present, a.colleges.iter().any(|g| g.id == *id));
            prop_assert!(!a.hidden_colleges.contains(&id.to_string()));
        }
        // A named college stays out of the team figures: its answers change none.
        let teams_of = |a: &Analysis| {
            let themes: Vec<_> = a.themes.iter().map(|th| th.teams.clone()).collect();
            serde_json::to_string(&(&a.teams, themes)).unwrap()
        };
        let flipped = with_answers(&t, |r| named.contains(&r.college.as_str()), |i, _| {
            Answer::Value(1 + ((usize::from(other) + i) % 4) as i32)
        });
        prop_assert_eq!(teams_of(&analyse(&ins, &flipped, None, &options)), teams_of(&a));
        // The staff groups inside any college, named ones included, apply the
        // threshold: every team priority rests on at least `threshold` answers.
        for f in &a.team_priorities {
            let g = a.colleges.iter().find(|g| g.id == f.college).unwrap();
            let i = a.items.iter().position(|x| x.item == f.item).unwrap();
            let n = t.respondents.iter()
                .filter(|r| g.colleges.contains(&r.college) && r.team.as_deref() == Some(f.team.as_str()))
                .filter(|r| matches!(r.answers[i], Answer::Value(_)))
                .count();
            prop_assert!(n as u32 >= threshold, "{} answers in {} / {}", n, f.college, f.team);
        }
        // Teams: whoever is left out of the published teams is nobody or a group at
        // least the threshold (so the overall minus the named colleges and the
        // teams reveals no small group).
        let in_teams: u32 = a.teams.iter().map(|g| g.respondents).sum();
        let by_name: u32 = a.colleges.iter().filter(|g| g.published_by_name).map(|g| g.respondents).sum();
        let left = a.respondents - by_name - in_teams;
        prop_assert!(left == 0 || left >= threshold, "{} respondents outside the published teams", left);
        for theme in &a.themes {
            let shown: u32 = theme.teams.iter().map(|c| c.summary.n).sum();
            let total = theme.overall.as_ref().map_or(0, |s| s.n);
            prop_assert!(shown <= total);
        }
    }

    /// No option lowers the instrument's threshold: the one applied is the larger
    /// of the two, and an option at or under the instrument's changes no output.
    #[test]
    fn no_option_lowers_the_instruments_threshold(
        rows in rows(),
        own in 1u32..9,
        asked in proptest::option::of(prop_oneof![0u32..12, Just(u32::MAX)]),
    ) {
        let ins = instrument_with(own, &["direction"]);
        let t = generated(&ins, &rows);
        let options = AnalysisOptions { threshold: asked, ..AnalysisOptions::default() };
        let a = analyse(&ins, &t, None, &options);
        prop_assert_eq!(a.instrument_threshold, own);
        prop_assert_eq!(a.threshold, asked.map_or(own, |asked| asked.max(own)));
        prop_assert!(a.threshold >= own);
        if asked.is_none_or(|asked| asked <= own) {
            let plain = analyse(&ins, &t, None, &AnalysisOptions::default());
            prop_assert_eq!(outputs(&ins, &a), outputs(&ins, &plain));
        }
        // Every published group and cell holds at least the instrument's threshold,
        // except those of the college published by name.
        for g in a.colleges.iter().chain(&a.teams).filter(|g| !g.published_by_name) {
            prop_assert!(g.respondents >= own, "{} has {} respondents", g.id, g.respondents);
        }
        for item in &a.items {
            for c in item.colleges.iter().filter(|c| c.group != "direction") {
                prop_assert!(c.summary.n >= own);
            }
        }
    }

    #[test]
    fn permuting_rows_changes_nothing(rows in rows(), seed in any::<u64>()) {
        let ins = instrument();
        let t = generated(&ins, &rows);
        let mut shuffled = t.clone();
        let n = shuffled.respondents.len();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.respondents.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let options = AnalysisOptions::default();
        prop_assert_eq!(
            outputs(&ins, &analyse(&ins, &t, None, &options)),
            outputs(&ins, &analyse(&ins, &shuffled, None, &options))
        );
    }
}

fn bundled_curricula() -> Vec<parcours::Compiled> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
        .unwrap()
        .map(|e| e.unwrap().path().join("curriculum.json"))
        .filter(|p| p.is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|p| parcours::load(&std::fs::read(p).unwrap()).value.unwrap())
        .collect()
}

#[test]
fn the_committee_report_data_matches_its_golden_file() {
    let ins = instrument();
    let wave1 = table(&ins, "etablissement-2026.csv");
    let wave2 = table(&ins, "etablissement-2027.csv");
    let analysis = analyse(&ins, &wave2, Some(&wave1), &AnalysisOptions::default());
    let curricula = bundled_curricula();
    let given: Vec<&parcours::Compiled> = curricula.iter().collect();
    let today = "2026-11-25".parse().unwrap();
    let team = parcours::team_plan(&ins, &analysis, &given, today);

    // Plans only for published colleges (and teams within them), made by the
    // plan optimiser; teams with priorities of their own get theirs.
    assert!(team.plans.iter().any(|p| p.team.is_some()));
    // The direction, published by name, has its training plan.
    assert!(team.plans.iter().any(|p| p.group == "direction"));
    assert!(!team.plans.is_empty());
    for p in &team.plans {
        assert!(
            analysis.colleges.iter().any(|g| g.id == p.group),
            "{}",
            p.group
        );
        assert!(p.plan.goal.competencies.len() + p.out_of_reach.len() > 0);
    }
    // The action plan: one row per objective, per item for dialogue and per
    // overall strength, in that order.
    use parcours::positioning::team::ActionKind;
    let kinds: Vec<ActionKind> = team.actions.iter().map(|a| a.kind).collect();
    let dialogue_items: std::collections::BTreeSet<&str> =
        analysis.dialogue.iter().map(|f| f.item.as_str()).collect();
    let strengths = analysis
        .strengths
        .iter()
        .filter(|f| f.college.is_none())
        .count();
    assert_eq!(
        kinds.iter().filter(|k| **k == ActionKind::Priority).count(),
        team.objectives.len()
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == ActionKind::Dialogue).count(),
        dialogue_items.len()
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == ActionKind::Strength).count(),
        strengths
    );
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    for a in &team.actions {
        assert!(!a.colleges.is_empty() && !a.items.is_empty());
        assert_eq!(a.status.get(Lang::Fr), "Proposée");
        assert!(a.indicator.get(Lang::Fr).contains("aujourd'hui"));
        if a.kind == ActionKind::Priority && !a.action.get(Lang::Fr).is_empty() {
            assert!(a.action.get(Lang::Fr).starts_with("Former : « "));
        }
        assert!(a.trainee_hours.is_none_or(|t| t > 0.0), "{a:?}");
        assert!(a.kind == ActionKind::Priority || a.trainee_hours.is_none());
    }
    assert!(team.actions.iter().any(|a| a.trainee_hours.is_some()));
    // Budget-ready: every group has its headcount (the instrument's
    // `headcounts`; a merged group adds its colleges'), trainee-hours are hours
    // per person × people, and the total adds trainee-hours of colleges only.
    assert!(team.without_headcount.is_empty());
    for g in &team.hours {
        let people = f64::from(g.headcount.unwrap());
        assert!((g.trainee_hours.unwrap() - people * g.hours).abs() < 1e-6);
    }
    let merged = team
        .hours
        .iter()
        .find(|g| g.group == "personnes-accompagnees" && g.team.is_none())
        .unwrap();
    assert_eq!(
        merged.headcount,
        Some(85 + 60),
        "persons supported and families"
    );
    let direction = team.hours.iter().find(|g| g.group == "direction").unwrap();
    assert_eq!(direction.headcount, Some(4));
    let sum: f64 = team
        .hours
        .iter()
        .filter(|g| g.team.is_none())
        .filter_map(|g| g.trainee_hours)
        .sum();
    assert!((sum - team.total_trainee_hours).abs() < 1e-6);
    for p in &team.plans {
        let title = &given
            .iter()
            .find(|c| c.document().id == p.curriculum)
            .unwrap()
            .document()
            .title;
        assert_eq!(&p.curriculum_title, title);
        assert!(p.headcount.is_some() && p.trainee_hours.is_some());
    }
    // Without headcounts: hours per person only, and the total says whom it lacks.
    let bare = instrument_edited(|doc| {
        doc.as_object_mut().unwrap().remove("headcounts");
    });
    let bare_plan = parcours::team_plan(&bare, &analysis, &given, today);
    assert_eq!(bare_plan.total_trainee_hours, 0.0);
    assert_eq!(bare_plan.without_headcount.len(), analysis.colleges.len());
    assert!(bare_plan.hours.iter().all(|g| g.trainee_hours.is_none()));
    let report = parcours_report::committee::Report {
        analysis: analysis.clone(),
        team: bare_plan,
    };
    let md = report.to_markdown(&bare, Lang::Fr);
    assert!(md.contains("(effectif inconnu)"));
    assert!(
        md.contains("dont l'effectif est inconnu (déclarez-le dans `headcounts` de l'instrument)")
    );
    // The action plan as French spreadsheets read it.
    let csv = parcours_report::action_plan::csv(&team, &analysis, &ins, Lang::Fr);
    assert!(csv.starts_with("\u{feff}Type;Thème;Item(s);Collèges concernés;Objectif;Action proposée;Effectif;Heures stagiaires;Responsable;Échéance;Indicateur de suivi;Statut\r\n"));
    assert_eq!(csv.matches("\r\n").count(), team.actions.len() + 1);
    assert!(!csv.replace("\r\n", "").contains('\n'));
    // Twelve fields on every row (quoted fields may hold a `;`), and labels,
    // never ids, for the colleges.
    for line in csv
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
    {
        let mut fields = 1;
        let mut quoted = false;
        for ch in line.chars() {
            match ch {
                '"' => quoted = !quoted,
                ';' if !quoted => fields += 1,
                _ => {}
            }
        }
        assert_eq!(fields, 12, "{line}");
        assert!(!line.contains("personnes-accompagnees;") && !line.contains(";professionnels"));
    }
    assert!(csv.contains("Sujet de dialogue;") && csv.contains("Point fort à consolider;"));

    let report = parcours_report::committee::Report { analysis, team };
    let mut failures = Vec::new();
    golden(
        "etablissement-2027-vs-2026.report.json",
        &common::pretty(&report),
        &mut failures,
    );
    golden(
        "etablissement-2027-vs-2026.report.md",
        &report.to_markdown(&ins, Lang::Fr),
        &mut failures,
    );
    golden(
        "etablissement-2027-vs-2026.action-plan.csv",
        &csv,
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

//! `parcours status` and `parcours progress`, run as a user would: outputs in each
//! format and language, exit codes, and broken records reported without their values
//! or source lines (a record is personal data).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{code, root, run, text};

const CURRICULUM: &str = "tests/fixtures/curricula/valid/minimal.json";

/// A valid record for the minimal curriculum, written to a temporary file.
fn record(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parcours-learner-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

const VALID: &str = r#"{
  "formatVersion": 1,
  "id": "apprenant-7",
  "audience": "equipes",
  "curriculum": {"id": "minimal", "version": "2026.1"},
  "now": "2026-11-25",
  "completed": [{"module": "intro", "date": "2026-03-01", "score": 88}],
  "evidence": [{"competency": "animer", "level": 2, "source": "trainerAssessment", "date": "2026-02-01"}]
}
"#;

#[test]
fn status_and_progress_run_in_every_format_and_language() {
    let learner = record("valid.json", VALID);
    let learner = learner.to_str().unwrap();
    let human = run(&["status", "--curriculum", CURRICULUM, "--learner", learner]);
    assert_eq!(code(&human), 0, "{}", text(&human.stderr));
    let out = text(&human.stdout);
    assert!(
        out.contains("Compétences") && out.contains("Modules"),
        "{out}"
    );
    let english = run(&[
        "status",
        "--curriculum",
        CURRICULUM,
        "--learner",
        learner,
        "--lang",
        "en",
    ]);
    assert!(text(&english.stdout).contains("Competencies"));

    let json = run(&[
        "status",
        "--curriculum",
        CURRICULUM,
        "--learner",
        learner,
        "--format",
        "json",
    ]);
    assert_eq!(code(&json), 0);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["learner"], "apprenant-7");
    let states: Vec<(&str, &str)> = value["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["module"].as_str().unwrap(), m["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("intro", "completed"),
            ("terrain", "available"),
            ("atelier", "masteredByPositioning")
        ]
    );

    for (format, marker) in [
        ("md", "# Dossier individuel de formation"),
        ("html", "<!DOCTYPE html>"),
        ("json", "\"completion\""),
    ] {
        let out = run(&[
            "progress",
            "--curriculum",
            CURRICULUM,
            "--learner",
            learner,
            "--format",
            format,
        ]);
        assert_eq!(code(&out), 0, "{format}: {}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(marker),
            "{format}: {}",
            text(&out.stdout)
        );
    }
    let html = text(
        &run(&[
            "progress",
            "--curriculum",
            CURRICULUM,
            "--learner",
            learner,
            "--format",
            "html",
        ])
        .stdout,
    );
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src="),
        "the page loads nothing"
    );
    let since = run(&[
        "progress",
        "--curriculum",
        CURRICULUM,
        "--learner",
        learner,
        "--since",
        "2026-13-01",
    ]);
    assert_eq!(code(&since), 2, "a malformed --since is a usage error");
}

#[test]
fn a_broken_record_is_reported_without_its_values_or_source_lines() {
    let broken = VALID
        .replace(
            "\"apprenant-7\"",
            "\"dupont-jeanne-1987\", \"nom\": \"Jeanne Dupont\"",
        )
        .replace("\"intro\"", "\"atelier-secret-xyz\"")
        .replace("\"2026-02-01\"", "\"01/02/2026\"");
    let path = record("broken.json", &broken);
    for format in ["human", "json"] {
        let out = run(&[
            "status",
            "--curriculum",
            CURRICULUM,
            "--learner",
            path.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(code(&out), 1);
        let err = text(&out.stderr);
        assert!(err.contains("unknown-field"), "{err}");
        for secret in [
            "dupont",
            "Jeanne",
            "atelier-secret-xyz",
            "01/02/2026",
            "\"nom\"",
        ] {
            assert!(!err.contains(secret), "stderr repeats {secret:?}:\n{err}");
            assert!(!text(&out.stdout).contains(secret));
        }
        assert!(!err.contains(" | "), "no source line is shown:\n{err}");
        assert!(err.contains(":3:"), "each problem has its line:\n{err}");
    }
}

#[test]
fn the_curriculum_and_record_must_match_and_exist() {
    let learner = record("valid2.json", VALID);
    let other = run(&[
        "status",
        "--curriculum",
        "curricula/design-thinking-aidance/curriculum.json",
        "--learner",
        learner.to_str().unwrap(),
    ]);
    assert_eq!(code(&other), 1);
    assert!(text(&other.stderr).contains("curriculum-mismatch"));
    let missing = run(&[
        "status",
        "--curriculum",
        CURRICULUM,
        "--learner",
        "no/such/file.json",
    ]);
    assert_eq!(code(&missing), 2);
    let usage = run(&["status", "--curriculum", CURRICULUM]);
    assert_eq!(code(&usage), 2);
}

#[test]
fn the_learner_schema_command_prints_the_committed_schema() {
    let committed = std::fs::read(root().join("curricula/schema/learner.schema.json")).unwrap();
    assert!(
        run(&["schema", "learner"]).stdout == committed,
        "regenerate curricula/schema/learner.schema.json"
    );
}

#[test]
fn recommend_ranks_explains_and_answers_why_not() {
    let learner = record("rec.json", VALID);
    let learner = learner.to_str().unwrap();
    let human = recommend(learner, &[]);
    assert_eq!(code(&human), 0, "{}", text(&human.stderr));
    assert!(
        text(&human.stdout).contains("Prochaines étapes"),
        "{}",
        text(&human.stdout)
    );
    let json = recommend(learner, &["--format", "json", "--top", "1"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let list = value["recommendations"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0]["module"], "terrain",
        "the only module available and not mastered"
    );
    let why = recommend(learner, &["--why", "atelier", "--lang", "en"]);
    assert_eq!(code(&why), 0);
    assert!(
        text(&why.stdout).contains("already mastered at positioning"),
        "{}",
        text(&why.stdout)
    );
    let unknown = recommend(learner, &["--why", "nope"]);
    assert_eq!(code(&unknown), 2);
}

/// `parcours recommend` for one record, with extra arguments.
fn recommend(learner: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "recommend",
        "--curriculum",
        CURRICULUM,
        "--learner",
        learner,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn batch_gives_one_line_per_record_in_order_and_reports_bad_lines_by_number() {
    let good = VALID.replace('\n', " ");
    let mut lines = Vec::new();
    for i in 0..2500 {
        lines.push(good.replace("apprenant-7", &format!("apprenant-{i}")));
    }
    lines[3] = "{\"formatVersion\": 1, \"id\": \"dupont-secret\"}".to_string();
    lines[2000] = "pas du json".to_string();
    let path = record("batch.ndjson", &(lines.join("\n") + "\n"));
    for command in ["recommend", "ready"] {
        let out = run(&[
            command,
            "--curriculum",
            CURRICULUM,
            "--learners",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 1, "a bad line makes the exit code 1");
        let stdout = text(&out.stdout);
        let produced: Vec<&str> = stdout.lines().collect();
        assert_eq!(produced.len(), 2500, "one line per input line");
        for (i, line) in produced.iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            if i == 3 || i == 2000 {
                assert_eq!(value["line"], i + 1);
                assert!(value["error"].as_array().is_some_and(|e| !e.is_empty()));
                assert!(
                    !line.contains("dupont") && !line.contains("pas du json"),
                    "no record content echoed"
                );
            } else {
                assert_eq!(
                    value["learner"],
                    format!("apprenant-{i}"),
                    "input order is kept"
                );
            }
        }
    }
    let stdin = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["ready", "--curriculum", CURRICULUM, "--learners", "-"])
        .current_dir(root())
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert_eq!(text(&stdin.stdout).lines().count(), 2500);
}

#[test]
fn plan_prints_the_shortest_path_in_weeks_in_french_english_and_json() {
    let c = "curricula/transformation-offre/curriculum.json";
    let l = "curricula/transformation-offre/learners/chef-de-service-ime.json";
    let fr = run(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--hours-per-week",
        "7",
    ]);
    assert_eq!(code(&fr), 0, "{}", text(&fr.stderr));
    // The view wraps at 80 columns: read it as one line of words.
    let out = flat(&text(&fr.stdout));
    assert!(out.contains("Statut : optimal"), "{out}");
    assert!(out.contains("Total : 57,5 h en 8 modules"), "{out}");
    assert!(out.contains("semaine 1"), "{out}");
    assert!(out.contains("(à repasser pour le score)"), "{out}");
    assert!(out.contains("Ce que le parcours suppose"), "{out}");
    let en = run(&["plan", "--curriculum", c, "--learner", l, "--lang", "en"]);
    assert!(text(&en.stdout).contains("Status: optimal"));
    let json = run(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--format",
        "json",
        "--timing",
    ]);
    assert_eq!(code(&json), 0);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["totalHours"], 57.5);
    assert_eq!(v["lowerBoundHours"], 57.5);
    assert_eq!(v["steps"].as_array().unwrap().len(), 8);
    assert!(text(&json.stderr).starts_with("timing-ms="));
}

/// A wrapped view as one line of words, for looking up a phrase in it.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_unreachable_goal_is_an_answer_and_bad_options_are_usage_errors() {
    let c = "curricula/transformation-offre/curriculum.json";
    let body = std::fs::read_to_string(
        root().join("curricula/transformation-offre/learners/agent-accueil-nouveau.json"),
    )
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["constraints"]["excludedModules"] = serde_json::json!(["socle-societe-inclusive"]);
    let l = record("excluded-core.json", &v.to_string());
    let l = l.to_str().unwrap();
    let out = run(&["plan", "--curriculum", c, "--learner", l]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let t = flat(&text(&out.stdout));
    assert!(t.contains("objectif inatteignable"), "{t}");
    assert!(t.contains("est exclu par l'apprenant"), "{t}");
    let bad = run(&[
        "plan",
        "--curriculum",
        c,
        "--learner",
        l,
        "--hours-per-week",
        "0",
    ]);
    assert_eq!(code(&bad), 2);
}

/// A record without assessed evidence has levels from its completions only; its
/// entry is its first completion (issue 16), so the column is dated by it, and
/// never reads « avant () ».
#[test]
fn a_record_without_evidence_has_no_empty_before_date() {
    let body = std::fs::read_to_string(
        root().join("curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json"),
    )
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v.as_object_mut().unwrap().remove("evidence");
    let l = record("no-evidence.json", &v.to_string());
    let c = "curricula/design-thinking-aidance/curriculum.json";
    let out = run(&[
        "progress",
        "--curriculum",
        c,
        "--learner",
        l.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.contains("| Compétence | avant (10/01/2025) | après (25/11/2026) |"),
        "{md}"
    );
    assert!(!md.contains("()"), "{md}");
}

/// `recommend` on the designer's cases of `tests/fixtures/advice/` (issue 16,
/// item 2): a renewal and a retake, in words in both languages, in JSON with
/// their action, and `--why` on each agreeing with the ranking.
#[test]
fn recommend_names_renewals_and_retakes_in_words_json_and_why() {
    let actions = "tests/fixtures/advice/actions.json";
    let mixte = "tests/fixtures/advice/mixte.json";
    let run_on = |learner: &str, extra: &[&str]| {
        let mut args = vec!["recommend", "--curriculum", actions, "--learner", learner];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert_eq!(code(&out), 0, "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let fr = flat(&run_on(mixte, &[]));
    assert!(
        fr.contains("1. « Hygiène et précautions standard » — 7 h, socle, étape 1 sur 2, à renouveler (formation expirée le 03/06/2026)"),
        "{fr}"
    );
    assert!(
        fr.contains("2. « Les transmissions ciblées » — 3,5 h, socle, étape 1 sur 2, à repasser (meilleur score 61/100, 70/100 demandé)"),
        "{fr}"
    );
    assert!(
        fr.contains("ouvre : « Le dossier de soins au quotidien »"),
        "{fr}"
    );
    let en = flat(&run_on(mixte, &["--lang", "en"]));
    assert!(
        en.contains("to renew (the training expired on 2026-06-03)"),
        "{en}"
    );
    assert!(
        en.contains("to retake (best score 61/100, 70/100 required)"),
        "{en}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run_on(mixte, &["--format", "json"])).unwrap();
    let recs = json["recommendations"].as_array().unwrap();
    assert_eq!(recs[0]["module"], "hygiene");
    assert_eq!(recs[0]["action"], "renew");
    assert_eq!(recs[0]["expiredOn"], "2026-06-03");
    assert_eq!(recs[1]["module"], "transmissions");
    assert_eq!(recs[1]["action"], "retake");
    assert_eq!(recs[1]["bestScore"], 61.0);
    assert_eq!(recs[1]["requiredScore"], 70.0);
    // The fields consumers read before still come first and say the same.
    assert_eq!(recs[1]["state"], "completed");
    assert_eq!(recs[1]["score"], 7.25);
    // --why agrees: the retake is second, after the renewal, with its action.
    let why = flat(&run_on(mixte, &["--why", "transmissions"]));
    assert!(
        why.contains("État : déjà suivi ; à repasser (meilleur score 61/100, 70/100 demandé)"),
        "{why}"
    );
    assert!(
        why.contains("Score 7,25, 2e des recommandations ;"),
        "{why}"
    );
    let why = flat(&run_on(mixte, &["--why", "hygiene", "--lang", "en"]));
    assert!(
        why.contains("State: completed but expired; to renew (the training expired on 2026-06-03)"),
        "{why}"
    );
    assert!(
        why.contains("It is the first recommendation (score 10.5)."),
        "{why}"
    );
    let why: serde_json::Value = serde_json::from_str(&run_on(
        mixte,
        &["--why", "transmissions", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(why["action"], "retake");
    assert_eq!(why["rank"], 2);
    // An expired training as the only thing left is recommended, not « rien ».
    let alone = flat(&run_on("tests/fixtures/advice/expire-seul.json", &[]));
    assert!(!alone.contains("Aucun module"), "{alone}");
    assert!(
        alone.contains("à renouveler (formation expirée le 02/09/2026)"),
        "{alone}"
    );
}

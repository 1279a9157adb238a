//! `parcours validate` and `parcours schema` on positioning documents, run as a user
//! would: instruments are detected and their citations checked against
//! `--curricula`; answer files are read against `--instrument`, with what was
//! detected on standard error only and no cell anywhere in the output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;
use common::{code, root, run, text};

const INSTRUMENT: &str = "curricula/positioning/instrument.json";

#[test]
fn the_schema_command_prints_the_committed_instrument_and_answers_schemas() {
    for kind in ["instrument", "answers"] {
        let output = run(&["schema", kind]);
        assert_eq!(code(&output), 0);
        let committed =
            std::fs::read(root().join(format!("curricula/schema/{kind}.schema.json"))).unwrap();
        assert!(
            output.stdout == committed,
            "`parcours schema {kind}` differs from curricula/schema/{kind}.schema.json: regenerate and commit it"
        );
    }
}

#[test]
fn the_bundled_instrument_is_valid_against_the_bundled_curricula() {
    let output = run(&[
        "validate",
        "--deny-warnings",
        "--curricula",
        "curricula",
        INSTRUMENT,
    ]);
    assert_eq!(
        code(&output),
        0,
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

#[test]
fn a_broken_citation_is_reported_at_its_line_only_with_curricula() {
    let file = "tests/fixtures/instruments/invalid/unknown-module.json";
    let with = run(&[
        "validate",
        "--format",
        "json",
        "--curricula",
        "curricula",
        file,
    ]);
    assert_eq!(code(&with), 1);
    let report: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    let d = &report[0]["diagnostics"][0];
    assert_eq!(d["code"], "unknown-module");
    assert_eq!(d["pointer"], "/items/1/modules/0");
    assert!(d["line"].as_u64().is_some());
    // Without the curricula, the citation's form is all that can be checked.
    let without = run(&["validate", file]);
    assert_eq!(code(&without), 0, "{}", text(&without.stdout));
}

#[test]
fn answers_are_checked_against_the_instrument_and_the_detection_goes_to_stderr() {
    let output = run(&[
        "validate",
        "--instrument",
        INSTRUMENT,
        "curricula/positioning/etablissement-2026.csv",
    ]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let err = text(&output.stderr);
    assert!(
        err.contains("UTF-8 (BOM)") && err.contains("« ; »") && err.contains("CRLF"),
        "{err}"
    );
    assert!(
        // A, the form's timestamp, is the instrument's date column; B, the e-mail,
        // is ignored.
        err.contains("40 répondants") && err.contains("1 colonne ignorée (B)"),
        "{err}"
    );
    let out = text(&output.stdout);
    assert!(
        !out.contains("UTF-8") && !out.contains("example.org"),
        "{out}"
    );
}

#[test]
fn answers_need_an_instrument() {
    let output = run(&["validate", "curricula/positioning/etablissement-2026.csv"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--instrument"));
}

#[test]
fn broken_answers_show_no_cell_and_no_source_line() {
    let output = run(&[
        "validate",
        "--lang",
        "en",
        "--instrument",
        "tests/fixtures/answers/instrument.json",
        "tests/fixtures/answers/invalid/not-on-scale.csv",
        "tests/fixtures/answers/invalid/college-value.csv",
        "tests/fixtures/answers/invalid/row-length.csv",
    ]);
    assert_eq!(code(&output), 1);
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    for cell in ["Peut-être", "Bénévole", "Jean", "Dupont", "5,5", "Oui"] {
        assert!(
            !all.contains(cell),
            "the output shows the cell {cell}:\n{all}"
        );
    }
    assert!(all.contains("row 3, column D"), "{all}");
    assert!(!all.contains(" | "), "no source line is shown:\n{all}");
}

const WAVE1: &str = "curricula/positioning/etablissement-2026.csv";
const WAVE2: &str = "curricula/positioning/etablissement-2027.csv";

#[test]
fn position_analyses_an_establishment_in_markdown_and_json_with_two_waves() {
    let md = run(&["position", "--instrument", INSTRUMENT, "--answers", WAVE1]);
    assert_eq!(code(&md), 0, "{}", text(&md.stderr));
    let out = text(&md.stdout);
    // Each item once, with its figures and its classes in words.
    assert!(out.contains("## Item par item"), "{out}");
    assert!(out.contains("| Ce qu'on en retient |"), "{out}");
    for class in ["Point fort pour ", "Priorité pour ", "À discuter : "] {
        assert!(out.contains(class), "{class}: {out}");
    }
    assert_eq!(out.matches("| n° 1. ").count(), 1, "{out}");
    // Direction (4 people) is published by name, and says so; nothing is hidden.
    assert!(out.contains("Direction (groupe nommé) (4)"), "{out}");
    assert!(!out.contains("Non publiés"), "{out}");
    assert!(out.contains("Personnes accompagnées et proches"), "{out}");
    // The detection goes to standard error, and no e-mail reaches either stream.
    assert!(text(&md.stderr).contains("UTF-8 (BOM)"));
    assert!(!out.contains("@example.org") && !text(&md.stderr).contains("@example.org"));
    let en = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--lang",
        "en",
    ]);
    assert!(text(&en.stdout).contains("## Item by item"));
    assert!(text(&en.stdout).contains("| What to make of it |"));
    let json = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE2,
        "--before",
        WAVE1,
        "--format",
        "json",
    ]);
    assert_eq!(code(&json), 0);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["hiddenColleges"], serde_json::json!([]));
    assert_eq!(v["colleges"][0]["publishedByName"], true);
    assert!(!v["changes"].as_array().unwrap().is_empty());
    let stricter = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--format",
        "json",
        "--threshold",
        "21",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&stricter.stdout).unwrap();
    assert_eq!(v["threshold"], 21);
    let published: Vec<&str> = v["colleges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        published,
        ["direction"],
        "no college has 21 respondents; direction is published by name"
    );
}

/// `--threshold` over every value under the bundled instrument's (5), and some
/// above: no command-line value lowers the threshold. A lower one is refused with
/// exit 2, the reason in French (English with `--lang en`), nothing on standard
/// output, no report written; an equal or higher one is applied and stated.
#[test]
fn no_command_line_value_lowers_the_instruments_threshold() {
    let dir = std::env::temp_dir().join(format!("parcours-threshold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("rapport.md");
    let report = report.to_str().unwrap();
    for lower in ["0", "1", "2", "3", "4"] {
        let refused = run(&[
            "position",
            "--instrument",
            INSTRUMENT,
            "--answers",
            WAVE1,
            "--threshold",
            lower,
            "--report",
            report,
            "--curricula",
            "curricula",
        ]);
        assert_eq!(code(&refused), 2, "--threshold {lower}");
        assert!(refused.stdout.is_empty());
        let err = text(&refused.stderr);
        assert!(
            err.contains(&format!("--threshold {lower} : le seuil d'anonymat ne peut pas être abaissé sous celui de l'instrument (5)")),
            "{err}"
        );
        assert!(
            !std::path::Path::new(report).exists(),
            "a report was written"
        );
        let en = run(&[
            "position",
            "--instrument",
            INSTRUMENT,
            "--answers",
            WAVE1,
            "--threshold",
            lower,
            "--lang",
            "en",
        ]);
        assert_eq!(code(&en), 2);
        assert!(text(&en.stderr).contains("cannot be lowered below the instrument's (5)"));
    }
    for (given, applied) in [("5", 5), ("6", 6), ("4294967295", 4_294_967_295u64)] {
        let json = run(&[
            "position",
            "--instrument",
            INSTRUMENT,
            "--answers",
            WAVE1,
            "--threshold",
            given,
            "--format",
            "json",
        ]);
        assert_eq!(code(&json), 0, "{}", text(&json.stderr));
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(v["threshold"], applied);
        assert_eq!(v["instrumentThreshold"], 5);
    }
    // The threshold in force, and where it comes from, in the report's words.
    let md = run(&["position", "--instrument", INSTRUMENT, "--answers", WAVE1]);
    assert!(text(&md.stdout).contains("Seuil d'anonymat : 5 (fixé par l'instrument)"));
    let raised = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--threshold",
        "8",
    ]);
    assert!(text(&raised.stdout)
        .contains("Seuil d'anonymat : 8 (relevé pour cette analyse ; l'instrument fixe 5)"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_rows_stop_the_analysis_unless_skipped_and_are_then_counted() {
    let bad = "tests/fixtures/answers/invalid/combo-bad-rows.csv";
    let instrument = "tests/fixtures/answers/instrument.json";
    let stopped = run(&["position", "--instrument", instrument, "--answers", bad]);
    assert_eq!(code(&stopped), 1);
    assert!(stopped.stdout.is_empty());
    let skipped = run(&[
        "position",
        "--instrument",
        instrument,
        "--answers",
        bad,
        "--skip-bad-rows",
        "--format",
        "json",
    ]);
    assert_eq!(code(&skipped), 0, "{}", text(&skipped.stderr));
    let v: serde_json::Value = serde_json::from_slice(&skipped.stdout).unwrap();
    assert!(v["skippedRows"].as_u64().unwrap() > 0);
}

#[test]
fn individual_positioning_writes_a_new_record_and_never_overwrites_the_input() {
    let dir = std::env::temp_dir().join(format!("parcours-position-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("dossier.json");
    std::fs::copy(
        root().join("curricula/transformation-offre/learners/agent-accueil-nouveau.json"),
        &input,
    )
    .unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.join("dossier-positionne.json");
    let (i, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    let done = position_one("P020", i, o);
    assert_eq!(code(&done), 0, "{}", text(&done.stderr));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "the input record changed"
    );
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let evidence = written["evidence"].as_array().unwrap();
    assert!(evidence.iter().any(|e| e["source"] == "selfAssessment"));
    // Dated the day P020 answered (the form's timestamp, 02/03/2026), not `now`.
    let kept: serde_json::Value = serde_json::from_slice(&before).unwrap();
    let added = &evidence[kept["evidence"].as_array().unwrap().len()..];
    assert!(!added.is_empty());
    for e in added {
        assert_eq!(e["date"], "2026-03-02");
    }
    let err = text(&done.stderr);
    assert!(
        err.contains("datées du 02/03/2026 (date des réponses)"),
        "{err}"
    );
    // A date that is no date is refused before anything is written.
    let bad = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--respondent",
        "P020",
        "--learner",
        i,
        "--out",
        o,
        "--date",
        "31/02/2026",
    ]);
    assert_eq!(code(&bad), 2);
    assert!(
        text(&bad.stderr).contains("date non reconnue"),
        "{}",
        text(&bad.stderr)
    );
    // The new record is a valid record: status reads it.
    let status = run(&[
        "status",
        "--curriculum",
        "curricula/transformation-offre/curriculum.json",
        "--learner",
        o,
    ]);
    assert_eq!(code(&status), 0, "{}", text(&status.stderr));
    let same = position_one("P020", i, i);
    assert_eq!(code(&same), 2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let unknown = position_one("P999", i, o);
    assert_eq!(code(&unknown), 2);
    assert!(!text(&unknown.stderr).contains("P999"));
}

/// `parcours position` of one respondent of the first wave into a new record.
fn position_one(respondent: &str, learner: &str, out: &str) -> std::process::Output {
    run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--respondent",
        respondent,
        "--learner",
        learner,
        "--out",
        out,
    ])
}

#[test]
fn the_committee_report_and_action_plan_are_written() {
    let dir = std::env::temp_dir().join(format!("parcours-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let md = dir.join("rapport.md");
    let html = dir.join("rapport.html");
    let csv = dir.join("plan-action.csv");
    let out = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE2,
        "--before",
        WAVE1,
        "--report",
        md.to_str().unwrap(),
        "--action-plan",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let report = std::fs::read_to_string(&md).unwrap();
    assert!(report.contains("## Plan de formation des équipes"));
    assert!(report.contains("## Plan d'action"));
    let action = std::fs::read(&csv).unwrap();
    assert!(action.starts_with(
        "\u{feff}Type;Thème;Item(s);Collèges concernés;Objectif;Action proposée;Effectif;Heures stagiaires;Responsable;Échéance;Indicateur de suivi;Statut\r\n"
            .as_bytes()
    ));
    let out = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE2,
        "--report",
        html.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("http://") && !page.contains("https://"));
}

/// `parcours questionnaire` writes, for each college, its printable questionnaire
/// and its empty answer sheet; a filled sheet is read back by `validate` as it is.
#[test]
fn questionnaires_and_answer_sheets_are_written_and_read_back() {
    let dir = std::env::temp_dir().join(format!("parcours-questionnaire-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = run(&[
        "questionnaire",
        "--instrument",
        INSTRUMENT,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    for college in [
        "direction",
        "professionnels",
        "personnes-accompagnees",
        "familles",
    ] {
        let page =
            std::fs::read_to_string(dir.join(format!("questionnaire-{college}.html"))).unwrap();
        assert!(page.contains("class=\"box\""));
        let sheet = std::fs::read_to_string(dir.join(format!("reponses-{college}.csv"))).unwrap();
        assert!(sheet.starts_with("\u{feff}Horodateur;Identifiant;Collège;Équipe;"));
    }
    // Filled in a spreadsheet: one row, every item « Plutôt d'accord ».
    let path = dir.join("reponses-personnes-accompagnees.csv");
    let sheet = std::fs::read_to_string(&path).unwrap();
    let items = sheet.trim_end().split(';').count() - 4;
    let mut row = vec!["02/03/2026", "R001", "Personne accompagnée", "Foyer"];
    row.extend(std::iter::repeat_n("Plutôt d'accord", items));
    std::fs::write(&path, format!("{sheet}{}\r\n", row.join(";"))).unwrap();
    let read = run(&[
        "validate",
        "--instrument",
        INSTRUMENT,
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&read),
        0,
        "{}{}",
        text(&read.stdout),
        text(&read.stderr)
    );
    let err = text(&read.stderr);
    assert!(
        err.contains("1 répondant retenu") && !err.contains("ignorée"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A team plan is dated by `--date` or by the last day someone answered, never by
/// the clock: the same answers give the same report on any day, and answers
/// without a date column and no `--date` are refused with what to add.
#[test]
fn the_team_plan_is_dated_by_the_answers_or_the_command_line_never_the_clock() {
    let dir = std::env::temp_dir().join(format!("parcours-plan-date-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = |name: &str, instrument: &str, date: Option<&str>| {
        let path = dir.join(name);
        let mut args = vec![
            "position",
            "--instrument",
            instrument,
            "--answers",
            WAVE2,
            "--report",
            path.to_str().unwrap(),
        ];
        if let Some(day) = date {
            args.extend(["--date", day]);
        }
        let out = run(&args);
        (out, std::fs::read(&path).ok())
    };
    // The bundled answers are dated: the plan takes their last day, which is
    // what `--date` with that day gives too.
    let last = std::fs::read_to_string(root().join(WAVE2))
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split(';').next())
        .filter_map(|cell| {
            let day = cell.split(' ').next()?;
            let mut parts = day.split('/');
            let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
            Some(format!("{y}-{m:0>2}-{d:0>2}"))
        })
        .max()
        .unwrap();
    let (out, implicit) = report("implicite.md", INSTRUMENT, None);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let (out, explicit) = report("explicite.md", INSTRUMENT, Some(&last));
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(implicit.unwrap(), explicit.unwrap());

    // Without a date column, the command line must give the day.
    let mut instrument: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join(INSTRUMENT)).unwrap()).unwrap();
    instrument["answerColumns"]
        .as_object_mut()
        .unwrap()
        .remove("date")
        .unwrap();
    let undated = dir.join("instrument-sans-date.json");
    std::fs::write(&undated, serde_json::to_vec(&instrument).unwrap()).unwrap();
    let (out, written) = report("refuse.md", undated.to_str().unwrap(), None);
    assert_eq!(code(&out), 2);
    assert!(written.is_none(), "nothing is written when refused");
    let err = text(&out.stderr);
    assert!(
        err.contains("le plan d'équipe a besoin d'une date : ajoutez --date"),
        "{err}"
    );
    assert!(err.contains("answerColumns.date"), "{err}");
    let (out, written) = report("date.md", undated.to_str().unwrap(), Some("2027-03-15"));
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(written.is_some());
    std::fs::remove_dir_all(&dir).ok();
}

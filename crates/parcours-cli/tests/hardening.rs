//! What a hostile or careless user can hand the command line: outputs pointed at
//! inputs, records that name paths, endless files, over-long lines, folders where
//! files are expected, a reader that goes away. Each case failed before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{code, root, run, text};

const INSTRUMENT: &str = "curricula/positioning/instrument.json";
const WAVE1: &str = "curricula/positioning/etablissement-2026.csv";
const WAVE2: &str = "curricula/positioning/etablissement-2027.csv";
const RECORD: &str = "curricula/transformation-offre/learners/agent-accueil-nouveau.json";
const CURRICULUM: &str = "curricula/design-thinking-aidance/curriculum.json";

/// A fresh folder under the system's temporary folder.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parcours-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of a repository file in `dir`, to point outputs at without risk.
fn copy(dir: &Path, relative: &str) -> PathBuf {
    let to = dir.join(Path::new(relative).file_name().unwrap());
    std::fs::copy(root().join(relative), &to).unwrap();
    to
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn an_output_pointed_at_an_input_is_refused_before_anything_is_written() {
    let dir = folder("out-in");
    let (answers, before, instrument, record) = (
        copy(&dir, WAVE2),
        copy(&dir, WAVE1),
        copy(&dir, INSTRUMENT),
        copy(&dir, RECORD),
    );
    let link = dir.join("same-as-answers.csv");
    std::fs::hard_link(&answers, &link).unwrap();
    let originals: Vec<(PathBuf, Vec<u8>)> = [&answers, &before, &instrument, &record]
        .iter()
        .map(|p| ((*p).clone(), std::fs::read(p).unwrap()))
        .collect();
    let analysis = |extra: &[&str]| {
        let mut args = vec![
            "position",
            "--instrument",
            s(&instrument),
            "--answers",
            s(&answers),
            "--before",
            s(&before),
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    for (option, target) in [
        ("--report", &answers),
        ("--report", &before),
        ("--action-plan", &instrument),
        ("--report", &link),
    ] {
        let out = analysis(&[option, s(target)]);
        assert_eq!(code(&out), 2, "{option} {}", target.display());
        assert!(
            text(&out.stderr).contains("jamais écrasée"),
            "{}",
            text(&out.stderr)
        );
    }
    // Two outputs on one file.
    let both = dir.join("rapport.md");
    let out = analysis(&["--report", s(&both), "--action-plan", s(&both)]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).contains("même fichier"),
        "{}",
        text(&out.stderr)
    );
    assert!(!both.exists());
    // Individual positioning: --out on the answers or the record.
    for target in [&answers, &record] {
        let out = run(&[
            "position",
            "--instrument",
            s(&instrument),
            "--answers",
            s(&answers),
            "--respondent",
            "P020",
            "--learner",
            s(&record),
            "--out",
            s(target),
        ]);
        assert_eq!(code(&out), 2, "--out {}", target.display());
    }
    for (path, bytes) in originals {
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn outputs_are_written_all_or_nothing() {
    let dir = folder("all-or-nothing");
    let plan = dir.join("plan-action.csv");
    let report = dir.join("missing-folder").join("rapport.html");
    let out = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE2,
        "--action-plan",
        s(&plan),
        "--report",
        s(&report),
    ]);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    assert!(
        !plan.exists(),
        "the first output was written although the second failed"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a temporary file was left"
    );
    // Both writable: both written.
    let report = dir.join("rapport.html");
    let out = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE2,
        "--action-plan",
        s(&plan),
        "--report",
        s(&report),
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(plan.exists() && report.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Individual positioning of respondent P020 of the first wave, with the
/// curricula of `curricula`.
fn position_with(learner: &Path, out: &Path, curricula: &Path) -> std::process::Output {
    run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--respondent",
        "P020",
        "--learner",
        s(learner),
        "--out",
        s(out),
        "--curricula",
        s(curricula),
    ])
}

#[test]
fn a_record_names_a_curriculum_by_id_never_a_path() {
    let dir = folder("no-path");
    // A file outside the curricula folder that a path built from the id would reach.
    let secret_dir = dir.join("x");
    std::fs::create_dir_all(&secret_dir).unwrap();
    std::fs::write(
        secret_dir.join("curriculum.json"),
        "{\"secret\": \"ne doit jamais être lu\"}",
    )
    .unwrap();
    let curricula = dir.join("cursus");
    std::fs::create_dir_all(curricula.join("transformation-offre")).unwrap();
    std::fs::copy(
        root().join("curricula/transformation-offre/curriculum.json"),
        curricula.join("transformation-offre/curriculum.json"),
    )
    .unwrap();
    let record = std::fs::read_to_string(root().join(RECORD))
        .unwrap()
        .replacen("\"id\": \"transformation-offre\"", "\"id\": \"../x\"", 1);
    assert!(record.contains("../x"));
    let learner = dir.join("dossier.json");
    std::fs::write(&learner, &record).unwrap();
    let out = position_with(&learner, &dir.join("out.json"), &curricula);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(!said.contains("secret") && !said.contains("../x"), "{said}");
    assert!(said.contains("aucun fichier"), "{said}");
    assert!(!dir.join("out.json").exists());
    // The folder's curricula are found by the id they declare, whatever their
    // folder is called.
    std::fs::rename(
        curricula.join("transformation-offre"),
        curricula.join("un-autre-nom"),
    )
    .unwrap();
    std::fs::write(&learner, std::fs::read(root().join(RECORD)).unwrap()).unwrap();
    let out = position_with(&learner, &dir.join("out.json"), &curricula);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_malformed_record_in_position_gets_a_located_private_diagnostic() {
    let dir = folder("malformed");
    let learner = dir.join("dossier.json");
    std::fs::write(
        &learner,
        "{\"formatVersion\": 1, \"id\": \"Dupont Jeanne\", \"now\": 3}",
    )
    .unwrap();
    let out = run(&[
        "position",
        "--instrument",
        INSTRUMENT,
        "--answers",
        WAVE1,
        "--respondent",
        "P020",
        "--learner",
        s(&learner),
        "--out",
        s(&dir.join("out.json")),
    ]);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("erreur["),
        "a located French diagnostic: {said}"
    );
    assert!(!said.contains("Dupont"), "no value of the record: {said}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_reads_a_learner_record_as_one_privately() {
    let dir = folder("validate-record");
    let record = std::fs::read_to_string(
        root().join("curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json"),
    )
    .unwrap()
    .replacen(
        "\"audience\": \"direction\"",
        "\"audience\": \"Jeanne Dupont\"",
        1,
    );
    let learner = dir.join("dossier.json");
    std::fs::write(&learner, &record).unwrap();
    // Detected by its shape; the curriculum given with --curriculum.
    let out = run(&["validate", "--curriculum", CURRICULUM, s(&learner)]);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("unknown-audience"), "{said}");
    assert!(
        !said.contains("Jeanne") && !said.contains("Dupont"),
        "no value: {said}"
    );
    assert!(!said.contains(" | "), "no source line: {said}");
    // Or found in --curricula by the id the record names.
    let out = run(&["validate", "--curricula", "curricula", s(&learner)]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).contains("unknown-audience"));
    // A valid record is valid; without its curriculum, the call says what to add.
    let good = "curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json";
    assert_eq!(
        code(&run(&["validate", "--curriculum", CURRICULUM, good])),
        0
    );
    let out = run(&["validate", "--kind", "learner", good]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).contains("--curriculum"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_endless_input_stops_at_the_limit() {
    let started = Instant::now();
    let out = run(&["--max-input-mib", "1", "validate", "/dev/zero"]);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--max-input-mib"),
        "{}",
        text(&out.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    // The default limit stops it too (64 MiB), without reading forever.
    let out = run(&[
        "status",
        "--curriculum",
        "/dev/zero",
        "--learner",
        "/dev/zero",
    ]);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("64"), "{}", text(&out.stderr));
}

#[test]
fn long_and_blank_ndjson_lines_are_bad_lines_of_their_own() {
    let dir = folder("ndjson");
    let record = std::fs::read_to_string(
        root().join("curricula/design-thinking-aidance/learners/aide-soignante-debutante.json"),
    )
    .unwrap()
    .replace('\n', " ");
    let long = format!("{{\"id\": \"{}\"}}", "x".repeat(5000));
    let lines = format!("{record}\n\n{long}\n{record}\r\n");
    let path = dir.join("dossiers.ndjson");
    std::fs::write(&path, lines).unwrap();
    let out = run(&[
        "--max-line-kib",
        "4",
        "ready",
        "--curriculum",
        CURRICULUM,
        "--learners",
        s(&path),
    ]);
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let produced: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(produced.len(), 4, "one output line per input line");
    assert!(produced[0]["ready"].is_array());
    assert_eq!(produced[1]["error"][0]["code"], "blank-line");
    assert_eq!(produced[2]["error"][0]["code"], "too-large");
    assert!(!text(&out.stdout).contains("xxxx"), "no content echoed");
    assert!(produced[3]["ready"].is_array(), "CRLF lines read");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_given_as_a_file_is_named_as_such() {
    let out = run(&[
        "ready",
        "--curriculum",
        CURRICULUM,
        "--learners",
        "curricula",
    ]);
    assert_eq!(code(&out), 2);
    let said = text(&out.stderr);
    assert!(said.contains("curricula est un dossier"), "{said}");
    assert!(!said.contains("standard output"), "{said}");
    let out = run(&["validate", "curricula"]);
    assert_eq!(code(&out), 2);
    assert!(text(&out.stderr).contains("est un dossier"));
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    // Enough output to fill the pipe: the ready sets of many records.
    let record = std::fs::read_to_string(
        root().join("curricula/design-thinking-aidance/learners/aide-soignante-debutante.json"),
    )
    .unwrap()
    .replace('\n', " ");
    let dir = folder("pipe");
    let path = dir.join("dossiers.ndjson");
    std::fs::write(&path, format!("{record}\n").repeat(20_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["ready", "--curriculum", CURRICULUM, "--learners", s(&path)])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reading end is closed here (`| head -c 64`). The command must end
    // by itself: a minute is far more than it needs, and a hang fails the test
    // instead of holding CI (one did, with blocks waiting for workers gone).
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`parcours ready` did not end after its reader went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status.code());
    let said = text(&out.stderr);
    assert!(
        !said.contains("cannot write") && !said.contains("Broken pipe"),
        "{said}"
    );
    let _ = std::io::stderr().flush();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn more_than_200_warnings_never_refuse_a_valid_curriculum() {
    let many = "tests/fixtures/curricula/invalid/too-many-warnings.json";
    let out = run(&["validate", many]);
    assert_eq!(code(&out), 0, "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("avertissement[too-many-warnings]"));
    assert_eq!(code(&run(&["validate", "--deny-warnings", many])), 1);
    let out = run(&["graph", many]);
    assert_eq!(
        code(&out),
        0,
        "the curriculum compiles: {}",
        text(&out.stderr)
    );
}

#[test]
fn syntax_hints_name_the_kind_of_document() {
    let dir = folder("kinds");
    let empty = dir.join("vide.json");
    std::fs::write(&empty, "").unwrap();
    let out = run(&[
        "validate",
        "--kind",
        "learner",
        "--curriculum",
        CURRICULUM,
        s(&empty),
    ]);
    assert_eq!(code(&out), 1);
    let said = text(&out.stdout);
    assert!(
        said.contains("un dossier d'apprenant commence par"),
        "{said}"
    );
    assert!(!said.contains("cursus commence"), "{said}");
    let out = run(&["validate", "--kind", "instrument", s(&empty)]);
    assert!(text(&out.stdout).contains("un instrument commence par"));
    let out = run(&["validate", s(&empty)]);
    assert!(text(&out.stdout).contains("un cursus commence par"));
    std::fs::remove_dir_all(&dir).unwrap();
}

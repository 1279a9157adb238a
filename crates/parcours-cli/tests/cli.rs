//! End-to-end tests of the `parcours` binary, run as a separate process.
//!
//! * Exit codes: 0 valid (warnings allowed), 1 a file has errors, 2 usage errors
//!   (unknown option, missing or unreadable file, no file).
//! * `validate --format json`: the documented shape (an array of
//!   `{file, diagnostics}`, seven keys per diagnostic), the same diagnostics as the
//!   golden files of `tests/fixtures/curricula/`, in French and with `--lang en`.
//! * Hostile input never crashes the tool: empty files, random bytes, UTF-16,
//!   byte-order marks, truncated JSON, 100,000-deep nesting, top-level values that
//!   are not objects and 100 MB files each give exit code 1 and a diagnostic with its
//!   code, never a panic (101) or a signal, in reasonable time.
//! * `schema` prints the committed `curricula/schema/curriculum.schema.json` byte
//!   for byte; `graph` draws a valid curriculum (DOT, Mermaid, SVG; with a
//!   learner too) as the goldens of `tests/golden/graph/` and refuses an invalid
//!   one.

// Tests fail loudly by design.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

// ------------------------------------------------------------------ helpers

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file under `tests/fixtures/curricula/`.
fn fixture(relative: &str) -> PathBuf {
    repo_root().join("tests/fixtures/curricula").join(relative)
}

fn parcours<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .output()
        .expect("cannot start the parcours binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is not UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code; a signal (crash, stack overflow, out of memory) fails the test,
/// and so does a panic.
fn exit_code(output: &Output) -> i32 {
    let err = stderr(output);
    assert!(
        !err.contains("panicked"),
        "parcours panicked:\n{err}\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    match output.status.code() {
        Some(101) => panic!("parcours exited with 101 (panic):\n{err}"),
        Some(code) => code,
        None => panic!(
            "parcours was killed by a signal ({:?}):\n{err}",
            output.status
        ),
    }
}

/// A fresh directory under the system temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("parcours-cli-tests-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `parcours ARGS`, killing it after `limit` so that a hang fails the test
/// instead of stalling the suite. Returns the output and the time taken.
fn parcours_within(args: &[&std::ffi::OsStr], limit: Duration) -> (Output, Duration) {
    use std::io::Read;
    use std::process::Stdio;
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the parcours binary");
    // Drain both pipes while waiting, or a chatty child blocks on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("parcours {args:?} still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let output = Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    (output, elapsed)
}

/// Runs `parcours validate FILE` (human format) and checks that it fails cleanly:
/// exit code 1, a diagnostic with `code` in the output, in less than `limit`.
fn assert_rejected(path: &Path, code: &str, limit: Duration) -> Duration {
    // Past the default input limit (64 MiB) on purpose: the huge files test reading,
    // and the limit is tested on its own (tests/hardening.rs).
    let (output, elapsed) = parcours_within(
        &[
            "--max-input-mib".as_ref(),
            "512".as_ref(),
            "validate".as_ref(),
            path.as_os_str(),
        ],
        limit,
    );
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        exit_code(&output),
        1,
        "{}: expected exit code 1\nstdout:\n{}\nstderr:\n{}",
        path.display(),
        out.chars().take(2000).collect::<String>(),
        stderr(&output)
    );
    assert!(
        out.contains(&format!("erreur[{code}]")),
        "{}: no `erreur[{code}]` in:\n{}",
        path.display(),
        out.chars().take(2000).collect::<String>()
    );
    assert!(
        out.contains(&format!("✗ {}", path.display())),
        "{}: no summary line",
        path.display()
    );
    elapsed
}

const QUICK: Duration = Duration::from_secs(20);

// ------------------------------------------------------------------ exit codes

#[test]
fn a_valid_curriculum_exits_0() {
    let path = fixture("valid/minimal.json");
    let output = parcours([Path::new("validate"), &path]);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
    let out = stdout(&output);
    assert!(out.contains("✓") && out.ends_with(" : valide\n"), "{out}");
    assert!(stderr(&output).is_empty());
}

#[test]
fn warnings_alone_exit_0() {
    for name in [
        "audience-unreachable",
        "evidence-only",
        "teaches-nothing",
        "missing-english",
        "untaught-competency",
        "group-without-rule",
        "hours-minutes",
    ] {
        let path = fixture(&format!("invalid/{name}.json"));
        let output = parcours([Path::new("validate"), &path]);
        let out = stdout(&output);
        assert_eq!(exit_code(&output), 0, "{name}:\n{out}");
        assert!(out.contains(&format!("avertissement[{name}]")), "{out}");
        assert!(!out.contains("erreur["), "{out}");
    }
}

#[test]
fn an_invalid_curriculum_exits_1_with_its_place() {
    let path = fixture("invalid/cycle.json");
    let output = parcours([Path::new("validate"), &path]);
    let out = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{out}");
    assert!(out.contains("erreur[cycle] : cycle de prérequis"), "{out}");
    assert!(out.contains(&format!("{}:38:19", path.display())), "{out}");
    assert!(out.contains("= aide : "), "{out}");
}

#[test]
fn one_invalid_file_among_several_exits_1() {
    let valid = fixture("valid/minimal.json");
    let invalid = fixture("invalid/unknown-module.json");
    let output = parcours([Path::new("validate"), &valid, &invalid]);
    let out = stdout(&output);
    assert_eq!(exit_code(&output), 1, "{out}");
    assert!(
        out.contains(&format!("✓ {} : valide", valid.display())),
        "{out}"
    );
    assert!(
        out.contains(&format!("✗ {} : 1 erreur", invalid.display())),
        "{out}"
    );
}

#[test]
fn an_unknown_option_exits_2() {
    let output = parcours([
        Path::new("validate"),
        Path::new("--bogus"),
        &fixture("valid/minimal.json"),
    ]);
    assert_eq!(exit_code(&output), 2);
    assert!(stderr(&output).contains("--bogus"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());

    let output = parcours(["validate", "--format", "xml", "x.json"]);
    assert_eq!(exit_code(&output), 2, "{}", stderr(&output));
    let output = parcours(["validate", "--lang", "de", "x.json"]);
    assert_eq!(exit_code(&output), 2, "{}", stderr(&output));
    let output = parcours(["frobnicate"]);
    assert_eq!(exit_code(&output), 2, "{}", stderr(&output));
}

#[test]
fn a_missing_file_exits_2() {
    let dir = TempDir::new("missing");
    let missing = dir.0.join("absent.json");
    let output = parcours([Path::new("validate"), &missing]);
    assert_eq!(exit_code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("impossible de lire") && err.contains("absent.json"),
        "{err}"
    );
    // A usage error wins over the files that could be read.
    let output = parcours([
        Path::new("validate"),
        &fixture("valid/minimal.json"),
        &missing,
    ]);
    assert_eq!(exit_code(&output), 2);
    // A directory is not a readable file either.
    let output = parcours([Path::new("validate"), &dir.0]);
    assert_eq!(exit_code(&output), 2, "{}", stderr(&output));
}

#[test]
fn no_file_argument_exits_2() {
    let output = parcours(["validate"]);
    assert_eq!(exit_code(&output), 2);
    assert!(!stderr(&output).is_empty());
    let output = parcours::<[&str; 0], &str>([]);
    assert_eq!(exit_code(&output), 2);
}

// ------------------------------------------------------------------ output formats

const DIAGNOSTIC_KEYS: [&str; 7] = [
    "code", "severity", "pointer", "line", "column", "message", "hint",
];

#[test]
fn json_output_has_the_documented_shape() {
    let files = [
        fixture("valid/minimal.json"),
        fixture("invalid/evidence-only.json"),
        fixture("invalid/combo-three-type-errors.json"),
    ];
    let mut args = vec![PathBuf::from("validate"), "--format".into(), "json".into()];
    args.extend(files.iter().cloned());
    let output = parcours(&args);
    assert_eq!(exit_code(&output), 1);
    let value: Value = serde_json::from_str(&stdout(&output)).expect("stdout is not JSON");
    let reports = value.as_array().expect("an array");
    assert_eq!(reports.len(), files.len());
    let expected_keys: BTreeSet<&str> = DIAGNOSTIC_KEYS.into_iter().collect();
    for (report, file) in reports.iter().zip(&files) {
        let report = report.as_object().expect("an object per file");
        let keys: BTreeSet<&str> = report.keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["file", "diagnostics"]));
        assert_eq!(report["file"], file.display().to_string());
        for d in report["diagnostics"].as_array().expect("an array") {
            let d = d.as_object().expect("an object per diagnostic");
            let keys: BTreeSet<&str> = d.keys().map(String::as_str).collect();
            assert_eq!(keys, expected_keys);
            assert!(d["code"].is_string());
            assert!(
                d["severity"] == "error" || d["severity"] == "warning",
                "{:?}",
                d["severity"]
            );
            assert!(d["pointer"].is_string());
            assert!(d["line"].as_u64().is_some_and(|l| l >= 1));
            assert!(d["column"].as_u64().is_some_and(|c| c >= 1));
            assert!(!d["message"].as_str().unwrap().is_empty());
            assert!(!d["hint"].as_str().unwrap().is_empty());
        }
    }
    let counts: Vec<usize> = reports
        .iter()
        .map(|r| r["diagnostics"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [0, 1, 3]);
    assert_eq!(reports[1]["diagnostics"][0]["severity"], "warning");
    assert_eq!(reports[2]["diagnostics"][0]["severity"], "error");
}

/// Every invalid fixture, its golden `diagnostics` (French) and `en` lists.
fn goldens() -> Vec<(PathBuf, Value)> {
    let dir = fixture("invalid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let golden = path.with_extension("expected.json");
            let text = std::fs::read_to_string(&golden)
                .unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
            (path, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

#[test]
fn json_output_agrees_with_the_golden_files_in_both_languages() {
    let goldens = goldens();
    for lang in ["fr", "en"] {
        let mut args: Vec<PathBuf> = vec![
            "validate".into(),
            "--format".into(),
            "json".into(),
            "--lang".into(),
            lang.into(),
        ];
        args.extend(goldens.iter().map(|(p, _)| p.clone()));
        let output = parcours(&args);
        assert_eq!(exit_code(&output), 1);
        let reports: Value = serde_json::from_str(&stdout(&output)).unwrap();
        let reports = reports.as_array().unwrap();
        assert_eq!(reports.len(), goldens.len());
        for (report, (path, golden)) in reports.iter().zip(&goldens) {
            assert_eq!(report["file"], path.display().to_string());
            let actual = report["diagnostics"].as_array().unwrap();
            let expected = golden["diagnostics"].as_array().unwrap();
            assert_eq!(actual.len(), expected.len(), "{}", path.display());
            for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
                for key in ["code", "severity", "pointer", "line", "column"] {
                    assert_eq!(a[key], e[key], "{} #{i} {key}", path.display());
                }
                let wording = if lang == "fr" { e } else { &golden["en"][i] };
                assert_eq!(a["message"], wording["message"], "{} #{i}", path.display());
                assert_eq!(a["hint"], wording["hint"], "{} #{i}", path.display());
            }
        }
    }
}

#[test]
fn lang_en_speaks_english() {
    let path = fixture("invalid/combo-cycle-and-dangling.json");
    let output = parcours([
        Path::new("validate"),
        Path::new("--lang"),
        Path::new("en"),
        &path,
    ]);
    let out = stdout(&output);
    assert_eq!(exit_code(&output), 1);
    assert!(out.contains("error[cycle]: prerequisite cycle: "), "{out}");
    assert!(
        out.contains("error[unknown-module]: module `atlier` does not exist"),
        "{out}"
    );
    assert!(out.contains("= help: did you mean `atelier`?"), "{out}");
    assert!(out.contains(": 2 errors, 0 warnings\n"), "{out}");
    assert!(!out.contains("erreur"), "{out}");

    let output = parcours([
        Path::new("validate"),
        Path::new("--lang"),
        Path::new("en"),
        &fixture("valid/minimal.json"),
    ]);
    assert_eq!(exit_code(&output), 0);
    assert!(stdout(&output).ends_with(": valid\n"));
}

// ------------------------------------------------------------------ hostile input

#[test]
fn empty_and_blank_files_are_syntax_errors() {
    let dir = TempDir::new("empty");
    assert_rejected(&dir.write("empty.json", b""), "syntax", QUICK);
    assert_rejected(&dir.write("blank.json", b" \n\t\r\n"), "syntax", QUICK);
}

#[test]
fn random_bytes_are_an_encoding_error() {
    let dir = TempDir::new("random");
    // A fixed linear congruential generator: the same bytes on every run.
    let mut state: u64 = 0x5EED_2026;
    let bytes: Vec<u8> = (0..65_536)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();
    assert_rejected(&dir.write("random.json", &bytes), "encoding", QUICK);
    // Valid UTF-8 that is not JSON at all.
    assert_rejected(
        &dir.write("text.json", "Ceci n'est pas un cursus.\n".as_bytes()),
        "syntax",
        QUICK,
    );
}

#[test]
fn utf16_is_an_encoding_error() {
    let dir = TempDir::new("utf16");
    let text = std::fs::read_to_string(fixture("valid/minimal.json")).unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_rejected(&dir.write("utf16le-bom.json", &le), "encoding", QUICK);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_rejected(&dir.write("utf16be-bom.json", &be), "encoding", QUICK);
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_rejected(&dir.write("utf16le.json", &bare), "encoding", QUICK);

    let output = parcours([Path::new("validate"), &dir.0.join("utf16le-bom.json")]);
    assert!(stdout(&output).contains("UTF-16"), "{}", stdout(&output));
}

#[test]
fn a_utf8_byte_order_mark_is_accepted_and_does_not_shift_columns() {
    let dir = TempDir::new("bom");
    let mut valid = b"\xEF\xBB\xBF".to_vec();
    valid.extend(std::fs::read(fixture("valid/minimal.json")).unwrap());
    let path = dir.write("valid-bom.json", &valid);
    let output = parcours([Path::new("validate"), &path]);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));

    let mut invalid = b"\xEF\xBB\xBF".to_vec();
    invalid.extend(std::fs::read(fixture("invalid/cycle.json")).unwrap());
    let path = dir.write("cycle-bom.json", &invalid);
    assert_rejected(&path, "cycle", QUICK);
    let output = parcours([Path::new("validate"), &path]);
    let out = stdout(&output);
    assert!(out.contains(&format!("{}:38:19", path.display())), "{out}");

    // A mark on a one-line document: the column of the first value is still 1.
    let path = dir.write("array-bom.json", b"\xEF\xBB\xBF[]");
    assert_rejected(&path, "type", QUICK);
    let out = stdout(&parcours([Path::new("validate"), &path]));
    assert!(out.contains(&format!("{}:1:1", path.display())), "{out}");
}

#[test]
fn truncated_json_is_a_syntax_error() {
    let dir = TempDir::new("truncated");
    let text = std::fs::read(fixture("valid/minimal.json")).unwrap();
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 2] {
        let path = dir.write(&format!("cut-{cut}.json"), &text[..cut]);
        assert_rejected(&path, "syntax", QUICK);
    }
    // Cut in the middle of a multi-byte character: an encoding error, not a crash.
    let middle = std::str::from_utf8(&text)
        .unwrap()
        .find('É')
        .expect("the fixture has an É");
    assert_rejected(
        &dir.write("cut-in-char.json", &text[..middle + 1]),
        "encoding",
        QUICK,
    );
}

#[test]
fn deep_nesting_is_one_diagnostic_not_a_stack_overflow() {
    let dir = TempDir::new("deep");
    let depth = 100_000;
    let mut arrays = "[".repeat(depth);
    arrays.push_str(&"]".repeat(depth));
    assert_rejected(
        &dir.write("arrays.json", arrays.as_bytes()),
        "too-deep",
        QUICK,
    );

    let mut objects = r#"{"a":"#.repeat(depth);
    objects.push('1');
    objects.push_str(&"}".repeat(depth));
    assert_rejected(
        &dir.write("objects.json", objects.as_bytes()),
        "too-deep",
        QUICK,
    );

    // Deep but unclosed: still the depth that is reported, not the end of file.
    assert_rejected(
        &dir.write("unclosed.json", "[".repeat(depth).as_bytes()),
        "too-deep",
        QUICK,
    );

    let output = parcours([Path::new("graph"), &dir.0.join("arrays.json")]);
    assert_eq!(exit_code(&output), 1);
}

#[test]
fn a_document_that_is_not_an_object_is_a_type_error() {
    let dir = TempDir::new("top-level");
    for (name, text) in [
        ("array", "[]\n"),
        ("array-of-fixtures", "[{\"formatVersion\": 1}]\n"),
        ("string", "\"cursus\"\n"),
        ("null", "null\n"),
        ("number", "42\n"),
        ("boolean", "true\n"),
    ] {
        assert_rejected(
            &dir.write(&format!("{name}.json"), text.as_bytes()),
            "type",
            QUICK,
        );
    }
}

#[test]
fn odd_json_is_a_syntax_error() {
    let dir = TempDir::new("odd");
    for (name, text) in [
        ("lone-surrogate", r#"{"id": "\ud800"}"#),
        ("huge-number", r#"{"formatVersion": 1e999}"#),
        ("two-documents", "{}\n{}\n"),
        ("single-quotes", "{'id': 'x'}"),
        ("nul-in-string", "{\"id\": \"a\u{0}b\"}"),
    ] {
        assert_rejected(
            &dir.write(&format!("{name}.json"), text.as_bytes()),
            "syntax",
            QUICK,
        );
    }
}

/// Size of the huge files, in bytes (`PARCOURS_TEST_HUGE_MB` overrides the 100 MB).
fn huge_size() -> usize {
    let mb: usize = std::env::var("PARCOURS_TEST_HUGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    mb * 1024 * 1024
}

/// Generous: a debug build on a slow machine. The point is "finishes", not speed;
/// the timings are printed (`cargo test -- --nocapture`).
const HUGE_LIMIT: Duration = Duration::from_secs(180);

#[test]
fn huge_files_are_reported_in_reasonable_time() {
    let dir = TempDir::new("huge");
    let size = huge_size();

    // One object whose only string value is ~100 MB, on one line.
    let mut text = Vec::with_capacity(size + 64);
    text.extend_from_slice(br#"{"title": {"fr": ""#);
    text.resize(size, b'x');
    text.extend_from_slice(b"\"}}\n");
    let path = dir.write("huge-string.json", &text);
    drop(text);
    let elapsed = assert_rejected(&path, "missing-field", HUGE_LIMIT);
    eprintln!(
        "huge-string.json ({} MB, one line): {elapsed:?}",
        size >> 20
    );
    std::fs::remove_file(&path).unwrap();

    // The same string on a line of its own.
    let mut text = Vec::with_capacity(size + 64);
    text.extend_from_slice(b"{\n  \"title\": {\n    \"fr\":\n\"");
    text.resize(size, b'x');
    text.extend_from_slice(b"\"\n  }\n}\n");
    let path = dir.write("huge-string-lines.json", &text);
    drop(text);
    let elapsed = assert_rejected(&path, "missing-field", HUGE_LIMIT);
    eprintln!("huge-string-lines.json ({} MB): {elapsed:?}", size >> 20);
    std::fs::remove_file(&path).unwrap();

    // A top-level array of ~11 million numbers.
    let mut text = Vec::with_capacity(size + 16);
    text.push(b'[');
    while text.len() < size {
        text.extend_from_slice(b"12345678,");
    }
    text.extend_from_slice(b"0]\n");
    let path = dir.write("huge-array.json", &text);
    drop(text);
    let elapsed = assert_rejected(&path, "type", HUGE_LIMIT);
    eprintln!("huge-array.json ({} MB): {elapsed:?}", size >> 20);
    std::fs::remove_file(&path).unwrap();
}

/// Many diagnostics on one very long line (a minified file full of mistakes): the
/// report is capped and positions are found in one pass, so this stays fast.
#[test]
fn many_diagnostics_on_one_long_line_finish_quickly() {
    let dir = TempDir::new("many");
    let mut text = br#"{"modules": ["#.to_vec();
    while text.len() < 1024 * 1024 {
        text.extend_from_slice(b"12345678,");
    }
    text.extend_from_slice(b"0]}");
    let path = dir.write("many.json", &text);
    let elapsed = assert_rejected(&path, "type", QUICK);
    eprintln!("many.json (1 MB, one line): {elapsed:?}");
}

// ------------------------------------------------------------------ schema and graph

#[test]
fn the_schema_command_prints_the_committed_schema() {
    let committed = std::fs::read(repo_root().join("curricula/schema/curriculum.schema.json"))
        .expect("curricula/schema/curriculum.schema.json");
    for args in [vec!["schema"], vec!["schema", "curriculum"]] {
        let output = parcours(&args);
        assert_eq!(exit_code(&output), 0);
        assert!(
            output.stdout == committed,
            "`parcours {}` differs from curricula/schema/curriculum.schema.json: \
             regenerate it with `cargo run -p parcours-cli -- schema > \
             curricula/schema/curriculum.schema.json` and commit",
            args.join(" ")
        );
    }
    let output = parcours(["schema", "frobnicate"]);
    assert_eq!(exit_code(&output), 2);
}

#[test]
fn graph_draws_a_valid_curriculum() {
    let path = fixture("valid/minimal.json");
    let output = parcours([Path::new("graph"), &path]);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
    let dot = stdout(&output);
    assert!(dot.starts_with("digraph"), "{dot}");
    for id in ["intro", "terrain", "atelier"] {
        assert!(dot.contains(id), "{id} missing from\n{dot}");
    }

    for (format, start) in [
        ("dot", "digraph"),
        ("mermaid", "flowchart"),
        ("svg", "<?xml"),
    ] {
        let output = parcours([
            Path::new("graph"),
            &path,
            Path::new("--format"),
            Path::new(format),
        ]);
        assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
        assert!(stdout(&output).starts_with(start), "{}", stdout(&output));
    }

    let output = parcours([
        Path::new("graph"),
        &path,
        Path::new("--format"),
        Path::new("mermaid"),
        Path::new("--lang"),
        Path::new("en"),
    ]);
    assert_eq!(exit_code(&output), 0);
}

/// The command line draws what the library draws, byte for byte: the goldens of
/// `crates/parcours-report/tests/graph_goldens.rs`, with and without a learner.
#[test]
fn graph_prints_the_golden_drawings_with_and_without_a_learner() {
    let dir = repo_root().join("tests/fixtures/graph");
    let curriculum = dir.join("curriculum.json");
    let learner = dir.join("learner.json");
    let golden = |name: &str| {
        std::fs::read_to_string(repo_root().join("tests/golden/graph").join(name)).unwrap()
    };
    for (format, ext) in [("dot", "dot"), ("mermaid", "mmd"), ("svg", "svg")] {
        for lang in ["fr", "en"] {
            let args = [
                "graph",
                curriculum.to_str().unwrap(),
                "--format",
                format,
                "--lang",
                lang,
            ];
            let output = parcours(args);
            assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
            assert_eq!(stdout(&output), golden(&format!("dessin.{lang}.{ext}")));
            let output = parcours(args.iter().chain(&["--learner", learner.to_str().unwrap()]));
            assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
            assert_eq!(
                stdout(&output),
                golden(&format!("dessin.learner.{lang}.{ext}"))
            );
        }
    }
    // A record kept for another curriculum is refused, and nothing is drawn.
    let other = repo_root().join("curricula/design-thinking-aidance/curriculum.json");
    let output = parcours([
        Path::new("graph"),
        &other,
        Path::new("--format"),
        Path::new("svg"),
        Path::new("--learner"),
        &learner,
    ]);
    assert_ne!(exit_code(&output), 0);
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn graph_refuses_an_invalid_curriculum() {
    let path = fixture("invalid/cycle.json");
    for format in ["dot", "mermaid", "svg"] {
        let output = parcours([
            Path::new("graph"),
            &path,
            Path::new("--format"),
            Path::new(format),
        ]);
        assert_eq!(exit_code(&output), 1);
        assert!(stdout(&output).is_empty(), "{}", stdout(&output));
        assert!(
            stderr(&output).contains("erreur[cycle]"),
            "{}",
            stderr(&output)
        );
    }
    // Warnings do not stop the drawing.
    let output = parcours([Path::new("graph"), &fixture("invalid/evidence-only.json")]);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));

    let output = parcours(["graph", "/nonexistent/parcours/cursus.json"]);
    assert_eq!(exit_code(&output), 2);
    let output = parcours(["graph", "--format", "png", "x.json"]);
    assert_eq!(exit_code(&output), 2);
}

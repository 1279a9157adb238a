//! Golden tests of the curriculum validator, driven by the fixtures in
//! `tests/fixtures/curricula/` at the repository root.
//!
//! * Every `invalid/NAME.json` and `valid/NAME.json` is loaded with
//!   [`parcours::curriculum::load`]; its diagnostics, in French and English, are rendered to the
//!   golden shape described in `tests/fixtures/README.md` and compared with the
//!   committed `NAME.expected.json`. With `UPDATE=1` in the environment the golden
//!   files are rewritten instead (and stale ones removed).
//! * A fixture named after a code (`<code>.json` or `<code>-variant.json`) must
//!   yield that code; other invalid fixtures are named `combo-*.json`.
//! * Valid fixtures have no diagnostic and compile.
//! * Every [`Code`] a curriculum can produce (all but `internal` and the codes of
//!   learner records) is produced by at least one fixture.
//! * No rendered message or hint has an unfilled placeholder, and every diagnostic
//!   of a fixture has a line and a column.

// Tests fail loudly by design.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use parcours::{Code, DiagnosticOutput, Lang, Outcome, Severity};
use serde::Serialize;

/// `tests/fixtures/curricula` at the repository root.
fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/curricula")
}

/// Which folder a fixture lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Valid,
    Invalid,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Valid => "valid",
            Kind::Invalid => "invalid",
        }
    }
}

const GOLDEN_SUFFIX: &str = ".expected.json";

/// A fixture file and what loading it gives.
struct Fixture {
    kind: Kind,
    /// File name without `.json`.
    name: String,
    path: PathBuf,
    outcome: Outcome<parcours::Compiled>,
}

impl Fixture {
    fn golden_path(&self) -> PathBuf {
        self.path
            .with_file_name(format!("{}{GOLDEN_SUFFIX}", self.name))
    }

    /// `invalid/NAME.json`, for messages.
    fn label(&self) -> String {
        format!("{}/{}.json", self.kind.folder(), self.name)
    }

    fn codes(&self) -> BTreeSet<&'static str> {
        self.outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    }
}

/// The fixtures of one folder, sorted by file name.
fn fixtures(kind: Kind) -> Vec<Fixture> {
    let dir = fixtures_root().join(kind.folder());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(GOLDEN_SUFFIX)
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixture in {}", dir.display());
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let name = path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".json")
                .to_string();
            Fixture {
                kind,
                name,
                outcome: parcours::load(&bytes),
                path,
            }
        })
        .collect()
}

fn all_fixtures() -> Vec<Fixture> {
    let mut all = fixtures(Kind::Valid);
    all.extend(fixtures(Kind::Invalid));
    all
}

/// The golden shape: see `tests/fixtures/README.md`.
#[derive(Serialize)]
struct Golden {
    /// Whether the curriculum compiled (no error; warnings allowed).
    compiles: bool,
    /// Exactly what `parcours validate --format json --lang fr` prints for the file.
    diagnostics: Vec<DiagnosticOutput>,
    /// The English message and hint of each diagnostic, in the same order.
    en: Vec<common::English>,
}

fn render(outcome: &Outcome<parcours::Compiled>) -> String {
    let golden = Golden {
        compiles: outcome.value.is_some(),
        diagnostics: common::french(&outcome.diagnostics),
        en: common::english(&outcome.diagnostics),
    };
    common::pretty(&golden)
}

/// A line diff (longest common subsequence), `-` expected, `+` actual, with a
/// little context around each change.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    const CONTEXT: usize = 2;
    let near_change = |k: usize| {
        let lo = k.saturating_sub(CONTEXT);
        let hi = (k + CONTEXT).min(ops.len() - 1);
        ops[lo..=hi].iter().any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near_change(k) {
            if skipped {
                out.push_str("    ...\n");
                skipped = false;
            }
            let _ = writeln!(out, "  {op} {line}");
        } else {
            skipped = true;
        }
    }
    out
}

#[test]
fn golden_files_match() {
    let update = common::updating();
    let mut failures = Vec::new();
    let mut expected_goldens = BTreeSet::new();
    for fixture in all_fixtures() {
        let golden_path = fixture.golden_path();
        expected_goldens.insert(golden_path.clone());
        let actual = render(&fixture.outcome);
        let expected = std::fs::read_to_string(&golden_path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&golden_path, &actual).unwrap();
            eprintln!("updated {}", golden_path.display());
            continue;
        }
        match expected {
            None => failures.push(format!(
                "{}: no golden file {} (it would contain:)\n{actual}",
                fixture.label(),
                golden_path.display()
            )),
            Some(expected) => failures.push(format!(
                "{}: diagnostics differ from {} (- expected, + actual):\n{}",
                fixture.label(),
                golden_path.display(),
                diff(&expected, &actual)
            )),
        }
    }
    // Golden files whose fixture is gone.
    for kind in [Kind::Valid, Kind::Invalid] {
        let dir = fixtures_root().join(kind.folder());
        let mut stale: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(GOLDEN_SUFFIX))
            .filter(|p| !expected_goldens.contains(p))
            .collect();
        stale.sort();
        for path in stale {
            if update {
                std::fs::remove_file(&path).unwrap();
                eprintln!("removed stale {}", path.display());
            } else {
                failures.push(format!("{}: golden file without a fixture", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\n{} golden mismatch(es). If the new output is right, regenerate with:\n    \
         UPDATE=1 cargo test -p parcours --test golden\nand review the diff.\n",
        failures.join("\n"),
        failures.len()
    );
}

/// The code a fixture is named after: the longest code `c` such that the name is
/// `c` or starts with `c-`.
fn code_in_name(name: &str) -> Option<Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| {
            let c = c.as_str();
            name == c
                || name
                    .strip_prefix(c)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
        .max_by_key(|c| c.as_str().len())
}

#[test]
fn fixtures_named_after_a_code_yield_it() {
    let mut failures = Vec::new();
    for fixture in fixtures(Kind::Invalid) {
        match code_in_name(&fixture.name) {
            Some(code) => {
                if !fixture.codes().contains(code.as_str()) {
                    failures.push(format!(
                        "{}: expected code `{}`, found {:?}",
                        fixture.label(),
                        code.as_str(),
                        fixture.codes()
                    ));
                }
            }
            None if fixture.name.starts_with("combo-") => {}
            None => failures.push(format!(
                "{}: name it after a code (`<code>.json`, `<code>-variant.json`) or `combo-*.json`",
                fixture.label()
            )),
        }
        if fixture.outcome.diagnostics.is_empty() {
            failures.push(format!("{}: no diagnostic at all", fixture.label()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn fixtures_yield_the_outcome_their_severity_implies() {
    for fixture in all_fixtures() {
        let errors = fixture.outcome.has_errors();
        assert_eq!(
            fixture.outcome.value.is_some(),
            !errors,
            "{}: compiled exactly when there is no error",
            fixture.label()
        );
        for d in &fixture.outcome.diagnostics {
            assert_eq!(d.severity(), d.code.severity(), "{}", fixture.label());
        }
    }
}

#[test]
fn valid_fixtures_have_no_diagnostic_and_compile() {
    for fixture in fixtures(Kind::Valid) {
        let codes: Vec<&str> = fixture
            .outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.is_empty(), "{}: {codes:?}", fixture.label());
        assert!(
            fixture.outcome.value.is_some(),
            "{}: does not compile",
            fixture.label()
        );
    }
}

/// Codes that a curriculum can never produce: `internal` (a parcours bug) and the
/// codes of learner records, instruments and answers, which have their own documents. A new code that is
/// neither here nor in a fixture fails `every_code_is_covered_by_a_fixture`.
const NOT_FROM_A_CURRICULUM: &[&str] = &[
    "internal",
    "curriculum-mismatch",
    "invalid-date",
    "future-date",
    "level-or-score",
    "reserved-source",
    "score-unmapped",
    // Positioning instruments (tests/fixtures/instruments/, tests/instruments.rs).
    "unknown-theme",
    "unknown-college",
    "unknown-curriculum",
    "invalid-citation",
    "merge-chain",
    "named-college-merge",
    "scale-values",
    "ambiguous-label",
    "empty-section",
    "empty-theme",
    // Positioning answers (tests/fixtures/answers/, tests/answers.rs).
    "missing-column",
    "duplicate-column",
    "not-on-scale",
    "college-value",
    "row-length",
    "csv-syntax",
    "no-answers",
    "duplicate-respondent",
    "unknown-item",
    "instrument-mismatch",
    "answer-date",
    // Reading NDJSON lines and files over the limit (crates/parcours-cli/tests/hardening.rs).
    "too-large",
    "blank-line",
    // Calls to the engine (tests/facade.rs).
    "wrong-curriculum",
    "not-in-curriculum",
    "respondent-not-found",
    "respondent-twice",
    "no-respondent-column",
    "curriculum-not-cited",
    "no-person-items",
    "no-answer-date",
];

/// Every code a curriculum fixture should produce.
fn curriculum_codes() -> impl Iterator<Item = Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| !NOT_FROM_A_CURRICULUM.contains(&c.as_str()))
}

#[test]
fn every_code_is_covered_by_a_fixture() {
    let covered: BTreeSet<&str> = fixtures(Kind::Invalid)
        .iter()
        .flat_map(|f| f.codes())
        .collect();
    let missing: Vec<&str> = curriculum_codes()
        .map(Code::as_str)
        .filter(|c| !covered.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without an invalid fixture under tests/fixtures/curricula/invalid/: {missing:?}"
    );
    // And every code has a fixture named after it, whose golden documents it alone.
    let named: BTreeSet<Code> = fixtures(Kind::Invalid)
        .iter()
        .filter_map(|f| code_in_name(&f.name).filter(|c| c.as_str() == f.name))
        .collect();
    let unnamed: Vec<&str> = curriculum_codes()
        .filter(|c| !named.contains(c))
        .map(Code::as_str)
        .collect();
    assert!(
        unnamed.is_empty(),
        "codes without a fixture `invalid/<code>.json`: {unnamed:?}"
    );
}

#[test]
fn unfilled_placeholder_detection_works() {
    assert_eq!(common::unfilled_brace("module `{id}` est"), Some("{id}"));
    assert_eq!(
        common::unfilled_brace("commence par `{` et finit par `}`"),
        None
    );
    assert_eq!(common::unfilled_brace("un objet `{…}`"), None);
    assert_eq!(
        common::unfilled_question_mark("module `?` does not exist"),
        Some(8)
    );
    assert_eq!(
        common::unfilled_question_mark("level ? is outside"),
        Some(6)
    );
    assert_eq!(
        common::unfilled_question_mark("did you mean `intro`? declare it"),
        None
    );
    assert_eq!(
        common::unfilled_question_mark("vouliez-vous dire `intro` ? déclarez"),
        None
    );
    assert_eq!(
        common::unfilled_question_mark("is it Windows-1252 or Latin-1?"),
        None
    );
    assert_eq!(
        common::unfilled_question_mark("s'agit-il de Latin-1 ?"),
        None
    );
}

#[test]
fn messages_and_hints_have_every_argument() {
    let mut failures = Vec::new();
    for fixture in all_fixtures() {
        for d in &fixture.outcome.diagnostics {
            for lang in [Lang::Fr, Lang::En] {
                for (what, text) in [("message", d.message(lang)), ("hint", d.hint(lang))] {
                    if let Some(hole) = common::unfilled_brace(&text) {
                        failures.push(format!(
                            "{}: [{}] {what} ({lang:?}) keeps {hole}: {text}",
                            fixture.label(),
                            d.code.as_str()
                        ));
                    }
                    if let Some(at) = common::unfilled_question_mark(&text) {
                        failures.push(format!(
                            "{}: [{}] {what} ({lang:?}) has a missing argument at byte {at}: {text}",
                            fixture.label(),
                            d.code.as_str()
                        ));
                    }
                    if text.trim().is_empty() {
                        failures.push(format!(
                            "{}: [{}] empty {what} ({lang:?})",
                            fixture.label(),
                            d.code.as_str()
                        ));
                    }
                }
            }
            if d.message(Lang::Fr) == d.message(Lang::En) {
                failures.push(format!(
                    "{}: [{}] message not translated: {}",
                    fixture.label(),
                    d.code.as_str(),
                    d.message(Lang::En)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_diagnostic_of_a_file_has_a_line_and_a_column() {
    let mut failures = Vec::new();
    for fixture in all_fixtures() {
        for d in &fixture.outcome.diagnostics {
            if d.line.is_none() || d.column.is_none() {
                failures.push(format!(
                    "{}: [{}] at `{}` has no line:column",
                    fixture.label(),
                    d.code.as_str(),
                    d.pointer
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn invalid(name: &str) -> Fixture {
    fixtures(Kind::Invalid)
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture invalid/{name}.json"))
}

#[test]
fn three_type_errors_are_three_diagnostics_at_their_own_places() {
    let fixture = invalid("combo-three-type-errors");
    let d = &fixture.outcome.diagnostics;
    assert_eq!(d.len(), 3, "{:?}", fixture.codes());
    assert!(d.iter().all(|d| d.code == Code::Type));
    let places: BTreeSet<(Option<usize>, Option<usize>)> =
        d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places.len(), 3, "{places:?}");
    let lines: BTreeSet<Option<usize>> = d.iter().map(|d| d.line).collect();
    assert_eq!(lines.len(), 3, "each on its own line: {lines:?}");
}

#[test]
fn a_three_module_cycle_prints_its_path() {
    let fixture = invalid("cycle-three-modules");
    let cycle = fixture
        .outcome
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Cycle)
        .unwrap();
    for lang in [Lang::Fr, Lang::En] {
        let message = cycle.message(lang);
        assert!(
            message.contains("`intro` → `atelier` → `terrain` → `intro`"),
            "{message}"
        );
    }
}

#[test]
fn unknown_fields_suggest_the_closest_name() {
    let fixture = invalid("combo-unknown-fields");
    let hints: Vec<String> = fixture
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownField)
        .map(|d| d.hint(Lang::En))
        .collect();
    for expected in ["`title`", "`durationHours`", "`teaches`"] {
        assert!(
            hints
                .iter()
                .any(|h| h.starts_with(&format!("did you mean {expected}?"))),
            "no suggestion {expected} in {hints:#?}"
        );
    }
    // A field that resembles nothing gets the list, without a guess.
    assert!(hints.iter().any(|h| h.starts_with("fields allowed here:")));
}

#[test]
fn warnings_only_fixtures_compile() {
    for name in [
        "audience-unreachable",
        "evidence-only",
        "teaches-nothing",
        "missing-english",
        "untaught-competency",
        "group-without-rule",
        "hours-minutes",
    ] {
        let fixture = invalid(name);
        assert!(
            fixture
                .outcome
                .diagnostics
                .iter()
                .all(|d| d.severity() == Severity::Warning),
            "{name}: {:?}",
            fixture.codes()
        );
        assert!(fixture.outcome.value.is_some(), "{name} does not compile");
    }
}

#[test]
fn every_expected_file_has_its_fixture() {
    // Every fixture family of the repository: curricula, learner records,
    // instruments, answers.
    let orphans = common::expected_without_input(&fixtures_root().join(".."));
    assert!(orphans.is_empty(), "{}", orphans.join("\n"));
}

//! French by default, English with `--lang en`, everywhere the command line
//! speaks: its help and usage, clap's errors (unknown option, missing or invalid
//! value, unknown command, conflicts), its own errors (unreadable file, bad
//! option value) and the views of a learner.
//!
//! A battery of right and wrong invocations runs without `--lang` and must print
//! no English word (a list of markers, matched as whole words, leaving out
//! options, paths and the format names that are English by design such as
//! `json`); the same invocations with `--lang en` must print English.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use std::collections::BTreeSet;
use std::process::Command;

/// Words that betray English in a French text.
const ENGLISH: &[&str] = &[
    "error",
    "usage",
    "cannot",
    "argument",
    "arguments",
    "expected",
    "found",
    "help",
    "required",
    "invalid",
    "values",
    "the",
    "for",
    "more",
    "print",
    "prints",
    "not",
    "missing",
    "unknown",
    "unexpected",
    "try",
    "with",
    "default",
    "subcommand",
    "which",
    "such",
    "file",
    "no",
    "is",
];

const C: &str = "curricula/design-thinking-aidance/curriculum.json";
const L: &str = "curricula/design-thinking-aidance/learners/aide-soignante-debutante.json";

/// The invocations: the subcommand first (so that `--lang en` can follow it),
/// and the exit code expected.
fn battery() -> Vec<(Vec<&'static str>, i32)> {
    vec![
        (vec!["--help"], 0),
        (vec!["-h"], 0),
        (vec!["frobnicate"], 2),
        (vec!["statu"], 2),
        (vec!["help"], 2),
        (vec!["validate", "--help"], 0),
        (vec!["validate"], 2),
        (vec!["validate", "--kind", "poem", C], 2),
        (vec!["validate", "--bogus", C], 2),
        (vec!["validate", C], 0),
        (vec!["validate", "nope.json"], 2),
        (vec!["schema", "--help"], 0),
        (vec!["schema", "poem"], 2),
        (vec!["status", "--help"], 0),
        (vec!["status", "-h"], 0),
        (vec!["status"], 2),
        (vec!["status", "--curriculum", C], 2),
        (
            vec!["status", "--curriculum", "nope.json", "--learner", L],
            2,
        ),
        (vec!["status", "--curriculum", C, "--learner", L], 0),
        (
            vec!["status", "--curriculum", C, "--learner", L, "--all"],
            0,
        ),
        (
            vec![
                "status",
                "--curriculum",
                C,
                "--learner",
                L,
                "--max-input-mib",
                "abc",
            ],
            2,
        ),
        (vec!["progress", "--help"], 0),
        (
            vec![
                "progress",
                "--curriculum",
                C,
                "--learner",
                L,
                "--since",
                "hier",
            ],
            2,
        ),
        (
            vec![
                "progress",
                "--curriculum",
                C,
                "--learner",
                L,
                "--format",
                "pdf",
            ],
            2,
        ),
        (vec!["recommend", "--help"], 0),
        (vec!["recommend", "--curriculum", C, "--learner", L], 0),
        (
            vec![
                "recommend",
                "--curriculum",
                C,
                "--learner",
                L,
                "--top",
                "-1",
            ],
            2,
        ),
        (
            vec![
                "recommend",
                "--curriculum",
                C,
                "--learner",
                L,
                "--top",
                "beaucoup",
            ],
            2,
        ),
        (
            vec!["recommend", "--curriculum", C, "--learner", L, "--why", "x"],
            2,
        ),
        (
            vec![
                "recommend",
                "--curriculum",
                C,
                "--learner",
                L,
                "--why",
                "hackathon-aidance",
            ],
            0,
        ),
        (
            vec![
                "recommend",
                "--curriculum",
                C,
                "--learner",
                L,
                "--learners",
                L,
            ],
            2,
        ),
        (vec!["recommend", "--curriculum", C], 2),
        (vec!["plan", "--help"], 0),
        (
            vec![
                "plan",
                "--curriculum",
                C,
                "--learner",
                L,
                "--hours-per-week",
                "0",
            ],
            2,
        ),
        (
            vec![
                "plan",
                "--curriculum",
                C,
                "--learner",
                L,
                "--hours-per-week",
                "abc",
            ],
            2,
        ),
        (
            vec![
                "plan",
                "--curriculum",
                C,
                "--learner",
                L,
                "--hours-per-week",
                "7",
            ],
            0,
        ),
        (vec!["position", "--help"], 0),
        (
            vec![
                "position",
                "--instrument",
                "a.json",
                "--answers",
                "b.csv",
                "--date",
                "demain",
            ],
            2,
        ),
        (
            vec![
                "position",
                "--instrument",
                "a.json",
                "--answers",
                "b.csv",
                "--respondent",
                "P1",
            ],
            2,
        ),
        (vec!["questionnaire", "--help"], 0),
        (vec!["ready", "--help"], 0),
        (vec!["ready", "--curriculum", C], 2),
        (vec!["progress", "--curriculum", C, "--learner", L], 0),
        (
            vec![
                "ready",
                "--curriculum",
                C,
                "--learners",
                "curricula/design-thinking-aidance/learners.ndjson",
            ],
            0,
        ),
        (
            vec![
                "validate",
                "tests/fixtures/curricula/invalid/at-least-impossible.json",
            ],
            1,
        ),
        (vec!["validate", "--curriculum", C, L], 0),
        (
            vec![
                "position",
                "--instrument",
                "curricula/positioning/instrument.json",
                "--answers",
                "curricula/positioning/etablissement-2027.csv",
                "--before",
                "curricula/positioning/etablissement-2026.csv",
            ],
            0,
        ),
        (vec!["graph", "--help"], 0),
        (vec!["graph", C, "--format", "png"], 2),
    ]
}

/// The English words of `text`, leaving out options (`--help`), paths and file
/// names, `code` spans and what is quoted « like this » (the user's own words,
/// echoed back).
fn english_words(text: &str) -> BTreeSet<String> {
    let markers: BTreeSet<&str> = ENGLISH.iter().copied().collect();
    let mut found = BTreeSet::new();
    // Words that French shares (« information », « possible ») count in their
    // English phrases only.
    for phrase in ["possible values", "for more information"] {
        if text.to_lowercase().contains(phrase) {
            found.insert(phrase.to_string());
        }
    }
    let mut unquoted = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            _ if depth == 0 => unquoted.push(c),
            _ => {}
        }
    }
    let text = unquoted.as_str();
    let mut in_code = false;
    for chunk in text.split_whitespace() {
        let ticks = chunk.matches('`').count();
        let skip = in_code || ticks > 0;
        if ticks % 2 == 1 {
            in_code = !in_code;
        }
        if skip || chunk.contains(['-', '/', '.', '=']) && !chunk.ends_with('.') {
            continue;
        }
        for word in chunk.split(|c: char| !c.is_alphabetic() && c != '\'') {
            let word = word.to_lowercase();
            if markers.contains(word.as_str()) {
                found.insert(word);
            }
        }
    }
    found
}

fn run(args: &[&str]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_parcours"));
    command.args(args).current_dir(common::root());
    let output = common::output_within(command, 120);
    let said = format!(
        "{}{}",
        common::text(&output.stdout),
        common::text(&output.stderr)
    );
    (common::code(&output), said)
}

#[test]
fn the_command_line_speaks_french_by_default() {
    let mut failures = Vec::new();
    for (args, expected) in battery() {
        let (code, said) = run(&args);
        assert_eq!(code, expected, "parcours {}:\n{said}", args.join(" "));
        assert!(
            !said.trim().is_empty(),
            "parcours {} says nothing",
            args.join(" ")
        );
        let english = english_words(&said);
        if !english.is_empty() {
            failures.push(format!("parcours {}: {english:?}\n{said}", args.join(" ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_command_line_speaks_english_with_lang_en() {
    let mut failures = Vec::new();
    for (args, expected) in battery() {
        // `--lang` belongs to the learner and document commands, after their name.
        let takes_lang = matches!(
            args.first().copied(),
            Some(
                "validate"
                    | "status"
                    | "progress"
                    | "recommend"
                    | "plan"
                    | "position"
                    | "questionnaire"
                    | "ready"
                    | "graph"
            )
        );
        if !takes_lang {
            continue;
        }
        let mut with_en = vec![args[0], "--lang", "en"];
        with_en.extend(&args[1..]);
        let (code, said) = run(&with_en);
        assert_eq!(code, expected, "parcours {}:\n{said}", with_en.join(" "));
        // The views of a learner with an English curriculum title are English too;
        // what must read English is every message and help.
        if english_words(&said).is_empty() && expected != 0
            || args.contains(&"--help") && english_words(&said).is_empty()
        {
            failures.push(format!(
                "parcours {}: no English\n{said}",
                with_en.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn english_markers_are_found_as_words_not_inside_them() {
    assert!(english_words("error: cannot read").contains("error"));
    assert!(english_words("theorie thé --help json").is_empty());
    assert!(english_words("`parcours help`").is_empty());
    assert!(english_words("la commande « help » n'existe pas").is_empty());
    assert!(english_words("[possible values: a, b]").contains("possible values"));
    assert_eq!(
        english_words("Usage: parcours")
            .into_iter()
            .collect::<Vec<_>>(),
        ["usage"]
    );
}

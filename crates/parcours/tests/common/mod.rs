//! What the tests share: the `UPDATE=1` switch, diagnostics rendered for golden
//! files (French output, English wording), JSON as golden files hold it, the golden
//! comparison, and generated curricula.
#![allow(dead_code)] // each test file uses the part it needs
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::{Path, PathBuf};

use parcours::{Compiled, Diagnostic, DiagnosticOutput, Lang};
use parcours_testkit::{self as synthetic, SyntheticOptions};
use serde::Serialize;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[allow(unused_imports)] // each test binary uses a part of it, as for dead code above
pub use parcours_testkit::golden::{golden, updating};

/// The English wording of one diagnostic.
#[derive(Serialize)]
pub struct English {
    pub message: String,
    pub hint: String,
}

/// Diagnostics as `--format json --lang fr` prints them.
pub fn french(list: &[Diagnostic]) -> Vec<DiagnosticOutput> {
    list.iter().map(|d| d.to_output(Lang::Fr)).collect()
}

/// The English message and hint of each diagnostic, in the same order.
pub fn english(list: &[Diagnostic]) -> Vec<English> {
    list.iter()
        .map(|d| English {
            message: d.message(Lang::En),
            hint: d.hint(Lang::En),
        })
        .collect()
}

/// Golden files a test wrote or compared, to report the ones that no test produces
/// any more (a renamed profile, a removed fixture): they would otherwise sit there
/// unchecked, looking like coverage.
#[derive(Debug, Default)]
pub struct Produced(std::collections::BTreeSet<PathBuf>);

impl Produced {
    /// [`golden`], remembering the path.
    pub fn golden(&mut self, path: &Path, actual: &str, failures: &mut Vec<String>) {
        self.0.insert(path.to_path_buf());
        golden(path, actual, failures);
    }

    /// Every file under `dir` (recursively) this test did not produce is a failure;
    /// with `UPDATE=1` it is deleted.
    pub fn orphans(&self, dir: &Path, failures: &mut Vec<String>) {
        for path in files_under(dir) {
            if self.0.contains(&path) {
                continue;
            }
            if updating() {
                std::fs::remove_file(&path).unwrap();
            } else {
                failures.push(format!(
                    "{} is produced by no test any more (UPDATE=1 deletes it)",
                    path.display()
                ));
            }
        }
    }
}

/// Every file under `dir`, recursively, in name order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `NAME.expected.json` files under `dir` with no input `NAME` or `NAME.*` beside
/// them: the golden of a fixture that was removed or renamed.
pub fn expected_without_input(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.strip_suffix(".expected.json")?.to_string();
            let parent = path.parent()?;
            let has_input = std::fs::read_dir(parent).ok()?.any(|e| {
                e.ok().is_some_and(|e| {
                    let other = e.file_name().to_string_lossy().into_owned();
                    other != format!("{name}.expected.json")
                        && other.strip_prefix(&name).is_some_and(|rest| {
                            rest.is_empty()
                                || (rest.starts_with('.') && !rest.ends_with(".expected.json"))
                        })
                })
            });
            (!has_input).then(|| {
                format!(
                    "{} is the golden of no fixture (its input is gone): delete it or restore the fixture",
                    path.display()
                )
            })
        })
        .collect()
}

/// A value as golden files hold it: pretty JSON with a final newline.
pub fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    text
}

/// A generated curriculum of `modules` modules (seeded), compiled.
pub fn compiled(modules: usize, seed: u64) -> Compiled {
    let doc = synthetic::curriculum(&SyntheticOptions {
        modules,
        seed,
        ..SyntheticOptions::default()
    });
    parcours::load_str(&synthetic::to_json(&doc))
        .value
        .expect("generated curricula are valid")
}

/// Where a `{name}` placeholder was left in a text, if anywhere.
pub fn unfilled_brace(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            return Some(&rest[open..open + name_len + 2]);
        }
        rest = after;
    }
    None
}

/// Whether a `?` in a text is the mark `Diagnostic::fill` leaves for a missing
/// argument. The wording has no question mark of its own except in two phrases:
/// a suggestion ("did you mean `x`? ", "vouliez-vous dire `x` ? ") and the encoding
/// detail ("Latin-1?", "Latin-1 ?"); every other `?` is a hole.
pub fn unfilled_question_mark(text: &str) -> Option<usize> {
    text.char_indices().find_map(|(i, c)| {
        if c != '?' {
            return None;
        }
        let before = text[..i].trim_end_matches(' ');
        let after = &text[i + 1..];
        let closes_a_quoted_id = before.ends_with('`')
            && before[..before.len() - 1].rfind('`').is_some_and(|open| {
                // "`x`?" with a non-empty x, and not the hole "`?`".
                open + 1 < before.len() - 1
            })
            && !after.starts_with('`');
        let legit = closes_a_quoted_id || before.ends_with("Latin-1");
        (!legit).then_some(i)
    })
}

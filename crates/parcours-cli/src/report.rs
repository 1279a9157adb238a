//! How diagnostics are shown: compiler-style text for people, JSON for tools.

use std::path::Path;

use parcours::json::LineIndex;
use parcours::{DiagnosticOutput, Lang, Outcome, Severity};
use serde::Serialize;

/// Longest stretch of a source line shown around a caret (minified JSON can put a
/// whole curriculum on one line).
const WINDOW: usize = 90;

/// One file's result in `--format json`.
#[derive(Debug, Serialize)]
pub struct FileReport {
    file: String,
    diagnostics: Vec<DiagnosticOutput>,
}

pub fn json(path: &Path, outcome: &Outcome, lang: Lang) -> FileReport {
    FileReport {
        file: path.display().to_string(),
        diagnostics: outcome
            .diagnostics
            .iter()
            .map(|d| d.to_output(lang))
            .collect(),
    }
}

/// The part of `line` to show, and the caret's column within it (both in chars).
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let caret = column.saturating_sub(1).min(chars.len());
    if chars.len() <= WINDOW {
        return (line.to_string(), caret);
    }
    let start = caret.saturating_sub(WINDOW / 3);
    let end = (start + WINDOW).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = caret - start;
    if start > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

pub fn human(path: &Path, text: &str, outcome: &Outcome, lang: Lang) -> String {
    let (error_word, warning_word, help_word) = match lang {
        Lang::Fr => ("erreur", "avertissement", "aide"),
        Lang::En => ("error", "warning", "help"),
    };
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in &outcome.diagnostics {
        let word = match d.severity() {
            Severity::Error => error_word,
            Severity::Warning => warning_word,
        };
        out.push_str(&format!(
            "{word}[{}]: {}\n",
            d.code.as_str(),
            d.message(lang)
        ));
        let pointer = if d.pointer.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.pointer)
        };
        match (d.line, d.column) {
            (Some(line), Some(column)) => {
                out.push_str(&format!(
                    "  --> {}:{line}:{column}{pointer}\n",
                    path.display()
                ));
                let (shown, caret) = window(index.line_text(text, line), column);
                let gutter = " ".repeat(line.to_string().len());
                out.push_str(&format!(
                    "{gutter} |\n{line} | {shown}\n{gutter} | {}^\n",
                    " ".repeat(caret)
                ));
            }
            _ => out.push_str(&format!("  --> {}{pointer}\n", path.display())),
        }
        out.push_str(&format!("  = {help_word}: {}\n\n", d.hint(lang)));
    }
    let errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = outcome.diagnostics.len() - errors;
    let summary = match (lang, errors, warnings) {
        (Lang::Fr, 0, 0) => "valide".to_string(),
        (Lang::En, 0, 0) => "valid".to_string(),
        (Lang::Fr, e, w) => format!(
            "{e} erreur{}, {w} avertissement{}",
            if e > 1 { "s" } else { "" },
            if w > 1 { "s" } else { "" }
        ),
        (Lang::En, e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };
    let mark = if errors == 0 { "✓" } else { "✗" };
    out.push_str(&format!("{mark} {}: {summary}\n", path.display()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = "x".repeat(1000);
        let (shown, caret) = window(&line, 500);
        assert!(shown.chars().count() <= WINDOW + 2);
        assert_eq!(shown.chars().nth(caret), Some('x'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(window("abc", 2), ("abc".to_string(), 1));
    }
}

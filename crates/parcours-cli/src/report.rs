//! How diagnostics are shown: compiler-style text for people, JSON for tools.

use std::path::Path;

use parcours::json::LineIndex;
use parcours::state::{ModuleState, Status};
use parcours::{Compiled, Diagnostic, DiagnosticOutput, Lang, Outcome, Severity};
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

/// Diagnostics in compiler style; with `source`, each shows its line and a caret.
fn diagnostics(path: &Path, source: Option<&str>, list: &[Diagnostic], lang: Lang) -> String {
    let (error_word, warning_word, help_word) = match lang {
        Lang::Fr => ("erreur", "avertissement", "aide"),
        Lang::En => ("error", "warning", "help"),
    };
    let index = source.map(LineIndex::new);
    let mut out = String::new();
    for d in list {
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
                if let (Some(text), Some(index)) = (source, &index) {
                    let (shown, caret) = window(index.line_text(text, line), column);
                    let gutter = " ".repeat(line.to_string().len());
                    out.push_str(&format!(
                        "{gutter} |\n{line} | {shown}\n{gutter} | {}^\n",
                        " ".repeat(caret)
                    ));
                }
            }
            _ => out.push_str(&format!("  --> {}{pointer}\n", path.display())),
        }
        out.push_str(&format!("  = {help_word}: {}\n\n", d.hint(lang)));
    }
    out
}

/// Diagnostics about personal data (a learner record): place, field and hint only,
/// never the source line or the value.
pub fn private(path: &Path, list: &[Diagnostic], lang: Lang) -> String {
    let mut out = diagnostics(path, None, list, lang);
    out.push_str(&summary(path, list, lang));
    out
}

pub fn human(path: &Path, text: &str, outcome: &Outcome, lang: Lang) -> String {
    let mut out = diagnostics(path, Some(text), &outcome.diagnostics, lang);
    out.push_str(&summary(path, &outcome.diagnostics, lang));
    out
}

fn summary(path: &Path, list: &[Diagnostic], lang: Lang) -> String {
    let errors = list
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = list.len() - errors;
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
    format!("{mark} {}: {summary}\n", path.display())
}

/// Where a learner stands, for people.
pub fn status(c: &Compiled, status: &Status, lang: Lang) -> String {
    let doc = c.document();
    let fr = lang == Lang::Fr;
    let mut out = if fr {
        format!(
            "Apprenant {} — {} (version {}), au {}\n\nCompétences\n",
            status.learner,
            doc.title.get(lang),
            status.version,
            status.now
        )
    } else {
        format!(
            "Learner {} — {} (version {}), on {}\n\nCompetencies\n",
            status.learner,
            doc.title.get(lang),
            status.version,
            status.now
        )
    };
    for level in &status.competencies {
        let Some(k) = c.competency_ix(&level.competency) else {
            continue;
        };
        let info = &doc.framework.competencies[k.index()];
        let scale = &c.competencies()[k.index()].scale;
        let name = match level.level {
            Some(l) => doc.framework.scales[scale.index()]
                .levels
                .get(l as usize)
                .map(|x| format!("{} ({l})", x.label.get(lang)))
                .unwrap_or_default(),
            None => "—".to_string(),
        };
        let confidence = if fr { "confiance" } else { "confidence" };
        out.push_str(&format!(
            "  {:<40} {:<28} {confidence} {:.2}\n",
            info.title.get(lang),
            name,
            level.confidence
        ));
        if !level.expired.is_empty() {
            let word = if fr {
                "preuve(s) périmée(s), non comptée(s)"
            } else {
                "expired piece(s), not counted"
            };
            out.push_str(&format!("  {:<40} {} {word}\n", "", level.expired.len()));
        }
    }
    out.push_str(if fr { "\nModules\n" } else { "\nModules\n" });
    for m in &status.modules {
        let Some(ix) = c.module_ix(&m.module) else {
            continue;
        };
        let title = doc.modules[ix.index()].title.get(lang);
        let (mark, state) = match (m.state, fr) {
            (ModuleState::Completed, true) => ("✓", "suivi".to_string()),
            (ModuleState::Completed, false) => ("✓", "completed".to_string()),
            (ModuleState::Expired, true) => ("↻", "périmé, à renouveler".to_string()),
            (ModuleState::Expired, false) => ("↻", "expired, to renew".to_string()),
            (ModuleState::NotForAudience, true) => ("·", "hors public".to_string()),
            (ModuleState::NotForAudience, false) => ("·", "not for this audience".to_string()),
            (ModuleState::MasteredByPositioning, true) => (
                "⤳",
                "acquis au positionnement, peut être dispensé".to_string(),
            ),
            (ModuleState::MasteredByPositioning, false) => {
                ("⤳", "mastered at positioning, may be skipped".to_string())
            }
            (ModuleState::Available, true) => ("○", "accessible".to_string()),
            (ModuleState::Available, false) => ("○", "available".to_string()),
            (ModuleState::AvailableWithWarnings, true) => {
                ("!", "accessible, avec réserve".to_string())
            }
            (ModuleState::AvailableWithWarnings, false) => {
                ("!", "available, with a warning".to_string())
            }
            (ModuleState::Locked, true) => ("✗", "verrouillé".to_string()),
            (ModuleState::Locked, false) => ("✗", "locked".to_string()),
        };
        let excluded = match (m.excluded, fr) {
            (true, true) => " (exclu)",
            (true, false) => " (excluded)",
            _ => "",
        };
        let mut detail = String::new();
        if let Some(date) = m.completed_on {
            detail.push_str(&format!(" — {date}"));
            if let Some(score) = m.score {
                detail.push_str(&format!(", {score}/100"));
            }
        }
        out.push_str(&format!(
            "  {mark} {:<50} {state}{excluded}{detail}\n",
            title
        ));
        for f in m.why.iter().chain(m.warnings.iter()) {
            out.push_str(&format!("      – {}\n", f.text.get(lang)));
        }
        if let Some(unlock) = &m.unlock {
            let steps: Vec<String> = unlock
                .items
                .iter()
                .map(|item| match item {
                    parcours::unlock::Item::Module { module } => module_title(c, module, lang),
                    parcours::unlock::Item::Score { module, min } => {
                        format!("{} (≥ {}/100)", module_title(c, module, lang), min.0)
                    }
                    parcours::unlock::Item::Competency {
                        competency,
                        level,
                        via,
                    } => {
                        let name = c
                            .competency_ix(competency)
                            .map(|k| {
                                doc.framework.competencies[k.index()]
                                    .title
                                    .get(lang)
                                    .to_string()
                            })
                            .unwrap_or_default();
                        match (via, fr) {
                            (Some(v), true) => {
                                format!("{name} niveau {level}, par {}", module_title(c, v, lang))
                            }
                            (Some(v), false) => format!(
                                "{name} level {level}, through {}",
                                module_title(c, v, lang)
                            ),
                            (None, true) => format!("{name} niveau {level}, par évaluation"),
                            (None, false) => format!("{name} level {level}, by assessment"),
                        }
                    }
                })
                .collect();
            let hours = f64::from(unlock.minutes) / 60.0;
            let lead = if fr { "pour l'ouvrir" } else { "to unlock it" };
            out.push_str(&format!(
                "      → {lead} ({hours} h) : {}\n",
                steps.join(" ; ")
            ));
        }
    }
    if !status.history.unknown.is_empty() {
        let word = if fr {
            "inconnu(s) de cette version du cursus, non compté(s)"
        } else {
            "unknown to this version of the curriculum, not counted"
        };
        out.push_str(&format!("\n{} {word}:\n", status.history.unknown.len()));
        for u in &status.history.unknown {
            out.push_str(&format!("  {} ({})\n", u.id, u.pointer));
        }
    }
    out
}

fn module_title(c: &Compiled, id: &str, lang: Lang) -> String {
    c.module_ix(id)
        .map(|m| format!("« {} »", c.document().modules[m.index()].title.get(lang)))
        .unwrap_or_else(|| id.to_string())
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

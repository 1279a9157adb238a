//! The command line's text views, for people: diagnostics in compiler style (and
//! as JSON for tools), what reading an answer file detected, and where a learner
//! stands, what to take next, why not a module and the shortest path.

use std::path::Path;

use parcours::engine::plan::{Assumption, Plan, PlanStatus, StepKind};
use parcours::engine::recommend::{
    Action, Recommendation, Recommendations, Term, TermKind, WhyNot,
};
use parcours::learner::state::{ModuleState, Status};
use parcours::positioning::answers::{Delimiter, LineEnding, SourceFormat};
use parcours::LineIndex;
use parcours::{Compiled, Diagnostic, DiagnosticOutput, Lang, ReadReport, Severity};
use serde::Serialize;

use crate::format::{
    colon, count, date, hours, plural, quantity, terminal_number, terminal_signed, wrap_all,
};
use crate::words::{self, competency_title, level_name, module_state};

/// Longest stretch of a source line shown around a caret (minified JSON can put a
/// whole curriculum on one line).
const WINDOW: usize = 90;

/// One file's result in `--format json`.
#[derive(Debug, Serialize)]
pub struct FileReport {
    file: String,
    diagnostics: Vec<DiagnosticOutput>,
}

/// One file's diagnostics in `--format json`, whatever the kind of document.
pub fn json_list(path: &Path, list: &[Diagnostic], lang: Lang) -> FileReport {
    FileReport {
        file: path.display().to_string(),
        diagnostics: list.iter().map(|d| d.to_output(lang)).collect(),
    }
}

/// The part of line `line` to show around byte `offset`, and the caret's position
/// in it (in characters). Only the characters near the caret are walked, so a
/// minified curriculum on one huge line costs no more than a short one.
fn window(index: &LineIndex, text: &str, line: usize, offset: usize) -> (String, usize) {
    let (start, end) = index.line_range(text, line);
    let mut caret = offset.clamp(start, end);
    while caret > start && !text.is_char_boundary(caret) {
        caret -= 1;
    }
    let before: Vec<(usize, char)> = text
        .get(start..caret)
        .unwrap_or_default()
        .char_indices()
        .rev()
        .take(WINDOW / 3 + 1)
        .collect();
    let cut_before = before.len() > WINDOW / 3;
    let from = if cut_before {
        start + before[WINDOW / 3 - 1].0
    } else {
        start
    };
    let after_len = WINDOW - (WINDOW / 3).min(before.len());
    let after: String = text
        .get(caret..end)
        .unwrap_or_default()
        .chars()
        .take(after_len + 1)
        .collect();
    let cut_after = after.chars().count() > after_len;
    let after: String = after.chars().take(after_len).collect();
    let mut shown = String::new();
    if cut_before {
        shown.push('…');
    }
    let head = text.get(from..caret).unwrap_or_default();
    shown.push_str(head);
    let caret_column = head.chars().count() + usize::from(cut_before);
    shown.push_str(&after);
    if cut_after {
        shown.push('…');
    }
    (shown, caret_column)
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
            "{word}[{}]{}{}\n",
            d.code.as_str(),
            colon(lang),
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
                if let (Some(text), Some(index), Some(offset)) = (source, &index, d.offset) {
                    let _ = column;
                    let (shown, caret) = window(index, text, line, offset);
                    let gutter = " ".repeat(line.to_string().len());
                    out.push_str(&format!(
                        "{gutter} |\n{line} | {shown}\n{gutter} | {}^\n",
                        " ".repeat(caret)
                    ));
                }
            }
            _ => out.push_str(&format!("  --> {}{pointer}\n", path.display())),
        }
        out.push_str(&format!(
            "  = {help_word}{}{}\n\n",
            colon(lang),
            d.hint(lang)
        ));
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

/// Diagnostics of a document that is not personal data (a curriculum, an
/// instrument), each with its source line.
pub fn human_list(path: &Path, text: &str, list: &[Diagnostic], lang: Lang) -> String {
    let mut out = diagnostics(path, Some(text), list, lang);
    out.push_str(&summary(path, list, lang));
    out
}

/// What reading an answer file detected, for standard error: format, encoding,
/// separator, counts and column letters. Never a cell.
pub fn answers_read(path: &Path, r: &ReadReport, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut parts = Vec::new();
    if let Some(e) = r.encoding {
        parts.push(e.name().to_string());
    }
    if let Some(d) = r.delimiter {
        let shown = match d {
            Delimiter::Tab => {
                if fr {
                    "tabulation".to_string()
                } else {
                    "tab".to_string()
                }
            }
            d => quoted(&d.char().to_string(), lang),
        };
        parts.push(if fr {
            format!("séparateur {shown}")
        } else {
            format!("separator {shown}")
        });
    }
    if let Some(l) = r.line_ending {
        let shown = match l {
            LineEnding::Crlf => "CRLF",
            LineEnding::Lf => "LF",
            LineEnding::Cr => "CR",
            LineEnding::Mixed => {
                if fr {
                    "fins de ligne mêlées"
                } else {
                    "mixed line ends"
                }
            }
            LineEnding::None => {
                if fr {
                    "une seule ligne"
                } else {
                    "a single line"
                }
            }
        };
        parts.push(shown.to_string());
    }
    if r.format == SourceFormat::Json {
        parts.push("JSON".to_string());
    }
    let n = |k: usize, one: &str, many: &str| count(k, one, many, lang);
    let agree = |k: usize, one: &'static str, many: &'static str| plural(k, one, many, lang);
    let mut counts = match (r.format, fr) {
        (SourceFormat::Csv, true) => vec![format!(
            "{} {}, {} {}",
            n(r.rows, "ligne", "lignes"),
            agree(r.rows, "lue", "lues"),
            n(r.respondents, "répondant", "répondants"),
            agree(r.respondents, "retenu", "retenus")
        )],
        (SourceFormat::Csv, false) => vec![format!(
            "{} read, {} kept",
            n(r.rows, "row", "rows"),
            n(r.respondents, "respondent", "respondents")
        )],
        (SourceFormat::Json, true) => vec![format!(
            "{} {}, {} {}",
            n(r.rows, "répondant", "répondants"),
            agree(r.rows, "lu", "lus"),
            r.respondents,
            agree(r.respondents, "retenu", "retenus")
        )],
        (SourceFormat::Json, false) => vec![format!(
            "{} read, {} kept",
            n(r.rows, "respondent", "respondents"),
            r.respondents
        )],
        // A format this version of the report does not name yet.
        (_, true) => vec![format!(
            "{} {}, {} {}",
            r.rows,
            agree(r.rows, "lu", "lus"),
            r.respondents,
            agree(r.respondents, "retenu", "retenus")
        )],
        (_, false) => vec![format!("{} read, {} kept", r.rows, r.respondents)],
    };
    let letters = |v: &[String]| v.join(", ");
    let k = r.ignored_columns.len();
    if k > 0 {
        counts.push(if fr {
            format!(
                "{} {} ({})",
                n(k, "colonne", "colonnes"),
                agree(k, "ignorée", "ignorées"),
                letters(&r.ignored_columns)
            )
        } else {
            format!(
                "{} ignored ({})",
                n(k, "column", "columns"),
                letters(&r.ignored_columns)
            )
        });
    }
    if r.empty_rows > 0 {
        counts.push(if fr {
            format!(
                "{} {}",
                n(r.empty_rows, "ligne", "lignes"),
                agree(r.empty_rows, "vide", "vides")
            )
        } else {
            n(r.empty_rows, "empty row", "empty rows")
        });
    }
    if r.short_rows > 0 {
        counts.push(if fr {
            format!(
                "{} {}, cellules manquantes lues vides",
                n(r.short_rows, "ligne", "lignes"),
                agree(r.short_rows, "courte", "courtes")
            )
        } else {
            format!(
                "{}, missing cells read as blank",
                n(r.short_rows, "short row", "short rows")
            )
        });
    }
    if !r.skipped_rows.is_empty() {
        let rows: Vec<String> = r.skipped_rows.iter().map(usize::to_string).collect();
        counts.push(if fr {
            format!(
                "{} {} ({})",
                n(rows.len(), "ligne", "lignes"),
                agree(rows.len(), "écartée", "écartées"),
                rows.join(", ")
            )
        } else {
            format!(
                "{} skipped ({})",
                n(rows.len(), "row", "rows"),
                rows.join(", ")
            )
        });
    }
    if !r.unmatched_items.is_empty() {
        let k = r.unmatched_items.len();
        counts.push(if fr {
            format!(
                "{}{}{}",
                agree(k, "item sans colonne", "items sans colonne"),
                colon(lang),
                r.unmatched_items.join(", ")
            )
        } else {
            format!(
                "{}{}{}",
                agree(k, "item without a column", "items without a column"),
                colon(lang),
                r.unmatched_items.join(", ")
            )
        });
    }
    if !parts.is_empty() {
        counts.insert(0, parts.join(", "));
    }
    let semicolon = if fr { " ; " } else { "; " };
    format!(
        "parcours{}{}{}{}\n",
        colon(lang),
        path.display(),
        colon(lang),
        counts.join(semicolon)
    )
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
    format!("{mark} {}{}{summary}\n", path.display(), colon(lang))
}

/// The width the terminal views are wrapped to, in characters: long titles wrap
/// inside their column instead of pushing the next one out of line.
pub const WIDTH: usize = 80;

/// What `status` shows beside the engine's answer.
#[derive(Debug, Clone, Default)]
pub struct StatusOptions {
    /// The competencies the learner's goal names (ids): shown even without
    /// evidence, since they are what the learner works towards.
    pub goal: Vec<String>,
    /// Show every competency, even those without evidence that nothing asks for.
    pub all: bool,
}

/// One row of a table of wrapped columns: each cell is wrapped to its width
/// (characters, not bytes) and padded, so that the columns stay aligned whatever
/// the length of a title; the last cell is not padded.
fn columns(indent: usize, cells: &[(&str, usize)]) -> String {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .map(|(text, width)| wrap_all(text, *width))
        .collect();
    let rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut out = String::new();
    for row in 0..rows {
        let mut line = " ".repeat(indent);
        for (i, (cell, (_, width))) in wrapped.iter().zip(cells).enumerate() {
            let text = cell.get(row).map_or("", String::as_str);
            if i + 1 < cells.len() {
                line.push_str(&format!("{text:<width$} "));
            } else {
                line.push_str(text);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A paragraph that starts with `lead` at `indent` and wraps to [`WIDTH`], its
/// following lines aligned under the text after the lead.
fn paragraph(indent: usize, lead: &str, text: &str) -> String {
    let hang = indent + lead.chars().count();
    let mut out = String::new();
    for (i, line) in wrap_all(text, WIDTH.saturating_sub(hang).max(20))
        .iter()
        .enumerate()
    {
        if i == 0 {
            out.push_str(&format!("{}{lead}{line}\n", " ".repeat(indent)));
        } else {
            out.push_str(&format!("{}{line}\n", " ".repeat(hang)));
        }
    }
    out
}

/// A list after `lead`, wrapped to [`WIDTH`] between its items only, so that no
/// item (« · hors public ») is cut in two; following lines are aligned under the
/// first item.
fn items(lead: &str, list: &[String], separator: &str) -> String {
    let hang = lead.chars().count();
    let mut out = String::from(lead);
    let mut used = hang;
    for (i, item) in list.iter().enumerate() {
        let sep = if i + 1 < list.len() {
            separator.trim_end()
        } else {
            ""
        };
        let piece = format!("{item}{sep}");
        let len = piece.chars().count();
        if used > hang && used + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(hang));
            used = hang;
        } else if used > hang {
            out.push(' ');
            used += 1;
        }
        out.push_str(&piece);
        used += len;
    }
    out.push('\n');
    out
}

/// Where a learner stands, for people: the competencies that have evidence or
/// that the goal needs (the others in one line, or all with `options.all`), each
/// module's state with what is missing and what would unlock it, and a legend of
/// the marks; every line fits in [`WIDTH`] characters.
pub fn status(c: &Compiled, status: &Status, options: &StatusOptions, lang: Lang) -> String {
    let doc = c.document();
    let fr = lang == Lang::Fr;
    let mut out = if fr {
        format!(
            "Apprenant {} — {} (version {}), au {}\n\n",
            status.learner,
            doc.title.get(lang),
            status.version,
            date(&status.now, lang)
        )
    } else {
        format!(
            "Learner {} — {} (version {}), on {}\n\n",
            status.learner,
            doc.title.get(lang),
            status.version,
            date(&status.now, lang)
        )
    };
    out.push_str(if fr {
        "Compétences — niveau établi par les preuves, et confiance de 0 (aucune) à 1\n"
    } else {
        "Competencies — level shown by the evidence, and confidence from 0 (none) to 1\n"
    });
    // What the goal needs: the competencies it names and those a locked module
    // asks for on the way.
    let mut needed: std::collections::BTreeSet<&str> =
        options.goal.iter().map(String::as_str).collect();
    for m in &status.modules {
        for item in m.unlock.iter().flat_map(|u| &u.items) {
            if let parcours::learner::Item::Competency { competency, .. } = item {
                needed.insert(competency);
            }
        }
    }
    let mut hidden = 0;
    for level in &status.competencies {
        let Some(k) = c.competency_ix(&level.competency) else {
            continue;
        };
        let assessed = level.level.is_some()
            || !level.evidence.is_empty()
            || !level.completion_evidence.is_empty()
            || !level.expired.is_empty();
        if !(options.all || assessed || needed.contains(level.competency.as_str())) {
            hidden += 1;
            continue;
        }
        let info = &doc.framework.competencies[k.index()];
        let name = match level.level {
            Some(l) => level_name(c, k, l, lang)
                .map(|x| format!("{x} ({l})"))
                .unwrap_or_default(),
            None if fr => "— aucun niveau".to_string(),
            None => "— no level".to_string(),
        };
        let confidence = format!(
            "{} {}",
            if fr { "confiance" } else { "confidence" },
            terminal_number(level.confidence, lang)
        );
        out.push_str(&columns(
            2,
            &[(info.title.get(lang), 40), (&name, 20), (&confidence, 15)],
        ));
        if !level.expired.is_empty() {
            let n = level.expired.len();
            let text = if fr {
                format!(
                    "{} : {}",
                    count(n, "preuve périmée", "preuves périmées", lang),
                    plural(n, "non comptée", "non comptées", lang)
                )
            } else {
                format!(
                    "{}: not counted",
                    count(n, "expired piece", "expired pieces", lang)
                )
            };
            out.push_str(&paragraph(4, "", &text));
        }
    }
    if hidden > 0 {
        let text = if fr {
            format!(
                "et {} sans preuve, dont l'objectif n'a pas besoin (--all pour {})",
                count(hidden, "autre compétence", "autres compétences", lang),
                plural(hidden, "l'afficher", "les afficher", lang)
            )
        } else {
            format!(
                "and {} without evidence, not needed by the goal (--all to show {})",
                count(hidden, "other competency", "other competencies", lang),
                plural(hidden, "it", "them", lang)
            )
        };
        out.push_str(&paragraph(2, "", &text));
    }
    out.push_str("\nModules\n");
    let mut marks: Vec<ModuleState> = Vec::new();
    for m in &status.modules {
        let Some(ix) = c.module_ix(&m.module) else {
            continue;
        };
        if !marks.contains(&m.state) {
            marks.push(m.state);
        }
        let title = doc.modules[ix.index()].title.get(lang);
        let (mark, state) = module_state(m.state, lang);
        let mut state = state.to_string();
        if m.excluded {
            state.push_str(if fr { " (exclu)" } else { " (excluded)" });
        }
        if let Some(done) = &m.completed_on {
            state.push_str(&if fr {
                format!(" le {}", date(done, lang))
            } else {
                format!(" on {}", date(done, lang))
            });
            if let Some(score) = m.score {
                state.push_str(&format!(", {}/100", terminal_number(score, lang)));
            }
        }
        if let Some(lapsed) = &m.expired_on {
            let word = if fr { "expiré le" } else { "expired on" };
            state.push_str(&format!(", {word} {}", date(lapsed, lang)));
        }
        out.push_str(&columns(2, &[(mark, 1), (title, 44), (&state, 30)]));
        for f in m.why.iter().chain(m.warnings.iter()) {
            out.push_str(&paragraph(6, "– ", f.text.get(lang)));
        }
        if let Some(unlock) = &m.unlock {
            out.push_str(&paragraph(6, "→ ", &unlock_text(c, unlock, lang)));
        }
    }
    if !marks.is_empty() {
        // The marks in a fixed order, so that the legend reads the same for every
        // learner who has them.
        let order = [
            ModuleState::Completed,
            ModuleState::Expired,
            ModuleState::MasteredByPositioning,
            ModuleState::Available,
            ModuleState::AvailableWithWarnings,
            ModuleState::Locked,
            ModuleState::NotForAudience,
        ];
        let mut parts: Vec<String> = order
            .iter()
            .filter(|s| marks.contains(s))
            .map(|s| {
                let (mark, words) = module_state(*s, lang);
                format!("{mark} {words}")
            })
            .collect();
        // A state this version of the legend does not list yet still has its words.
        for s in marks.iter().filter(|s| !order.contains(s)) {
            let (mark, words) = module_state(*s, lang);
            parts.push(format!("{mark} {words}"));
        }
        parts.push(if fr {
            "– ce qui manque".to_string()
        } else {
            "– what is missing".to_string()
        });
        parts.push(if fr {
            "→ le plus court pour l'ouvrir".to_string()
        } else {
            "→ the shortest way to unlock it".to_string()
        });
        let lead = if fr { "Légende : " } else { "Legend: " };
        out.push('\n');
        out.push_str(&items(lead, &parts, semicolon(lang)));
    }
    if !status.history.unknown.is_empty() {
        let n = status.history.unknown.len();
        let text = if fr {
            format!(
                "{}, {}",
                count(
                    n,
                    "élément du dossier inconnu de cette version du cursus",
                    "éléments du dossier inconnus de cette version du cursus",
                    lang
                ),
                plural(n, "non compté", "non comptés", lang)
            )
        } else {
            format!(
                "{}, not counted",
                count(
                    n,
                    "record entry unknown to this version of the curriculum",
                    "record entries unknown to this version of the curriculum",
                    lang
                )
            )
        };
        out.push_str(&format!("\n{text}{}\n", colon(lang).trim_end()));
        for u in &status.history.unknown {
            out.push_str(&paragraph(2, "", &format!("{} ({})", u.id, u.pointer)));
        }
    }
    out
}

/// The shortest way to unlock a module, in words: its hours, then its steps.
fn unlock_text(c: &Compiled, unlock: &parcours::learner::Unlock, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let steps: Vec<String> = unlock
        .items
        .iter()
        .map(|item| match item {
            parcours::learner::Item::Module { module } => module_title(c, module, lang),
            parcours::learner::Item::Score { module, min } => format!(
                "{} (≥ {}/100)",
                module_title(c, module, lang),
                terminal_number(min.0, lang)
            ),
            parcours::learner::Item::Competency {
                competency,
                level,
                via,
            } => {
                let name = competency_level(c, competency, *level, lang);
                match (via, fr) {
                    (Some(v), true) => format!("{name}, par {}", module_title(c, v, lang)),
                    (Some(v), false) => format!("{name}, through {}", module_title(c, v, lang)),
                    (None, true) => format!("{name}, par évaluation"),
                    (None, false) => format!("{name}, by assessment"),
                }
            }
            // A step this version of the report does not word yet.
            _ if fr => "autre étape".to_string(),
            _ => "another step".to_string(),
        })
        .collect();
    let lead = if fr { "pour l'ouvrir" } else { "to unlock it" };
    let length = hours(unlock.minutes as f64 / 60.0, lang);
    // A search stopped by its budget gives a way, not the shortest: said with
    // what is proven.
    let length = match (unlock.exact, fr) {
        (true, _) => length,
        (false, true) => format!(
            "{length}, peut-être moins : au moins {}",
            hours(unlock.bound_minutes as f64 / 60.0, lang)
        ),
        (false, false) => format!(
            "{length}, perhaps less: at least {}",
            hours(unlock.bound_minutes as f64 / 60.0, lang)
        ),
    };
    format!(
        "{lead} ({length}){}{}",
        colon(lang),
        steps.join(semicolon(lang))
    )
}

/// What separates the items of a list of clauses: « ; » in French, "; " in English.
fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    }
}

/// A module's title in the language's quotation marks (« … » in French, "…" in
/// English), or its id when the curriculum has none such.
fn module_title(c: &Compiled, id: &str, lang: Lang) -> String {
    words::module_title(c, id, lang).map_or_else(|| id.to_string(), |t| quoted(&t, lang))
}

/// `text` between the language's quotation marks.
fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        Lang::En => format!("\"{text}\""),
    }
}

/// The stage number (1 = first) behind a stage term's value (1 = first, 0 = last).
fn stage_number(value: f64, stages: usize) -> usize {
    if stages <= 1 {
        1
    } else {
        ((1.0 - value) * (stages - 1) as f64).round() as usize + 1
    }
}

/// A term's name, for the score's detail and for comparing two modules.
fn term_name(kind: TermKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (TermKind::Gap, Lang::Fr) => "progrès vers les objectifs de compétence",
        (TermKind::Gap, Lang::En) => "progress towards the competency goals",
        (TermKind::Completion, Lang::Fr) => "validation du cursus",
        (TermKind::Completion, Lang::En) => "completing the curriculum",
        (TermKind::Unlocks, Lang::Fr) => "modules ouverts vers l'objectif",
        (TermKind::Unlocks, Lang::En) => "modules unlocked on the way",
        (TermKind::Core, Lang::Fr) => "module du socle",
        (TermKind::Core, Lang::En) => "core module",
        (TermKind::Stage, Lang::Fr) => "étape (les premières d'abord)",
        (TermKind::Stage, Lang::En) => "stage (earliest first)",
        (TermKind::Hours, Lang::Fr) => "durée (les plus courts d'abord)",
        (TermKind::Hours, Lang::En) => "duration (shortest first)",
        // A term this version of the report does not name yet.
        (_, Lang::Fr) => "autre critère",
        (_, Lang::En) => "other criterion",
    }
}

/// One term of the score's detail: what it measured and the points it gave
/// (« 4 modules ouverts +12 », « 3 h −1,5 »).
fn term_detail(t: &Term, lang: Lang, stages: usize) -> String {
    let fr = lang == Lang::Fr;
    let n = t.value.max(0.0).round() as usize;
    let what = match (t.kind, fr) {
        (TermKind::Gap, true) => format!("{} de progrès", count(n, "niveau", "niveaux", lang)),
        (TermKind::Gap, false) => format!("{} of progress", count(n, "level", "levels", lang)),
        (TermKind::Completion, true) => "validation".to_string(),
        (TermKind::Completion, false) => "completion".to_string(),
        (TermKind::Unlocks, true) => count(n, "module ouvert", "modules ouverts", lang),
        (TermKind::Unlocks, false) => count(n, "module unlocked", "modules unlocked", lang),
        (TermKind::Core, true) => "socle".to_string(),
        (TermKind::Core, false) => "core".to_string(),
        (TermKind::Stage, true) => format!("étape {} sur {stages}", stage_number(t.value, stages)),
        (TermKind::Stage, false) => format!("stage {} of {stages}", stage_number(t.value, stages)),
        (TermKind::Hours, _) => hours(t.value, lang),
        // A term this version of the report does not word yet.
        (kind, _) => term_name(kind, lang).to_string(),
    };
    format!("{what} {}", terminal_signed(t.points, lang))
}

/// Why a module is recommended, in words, most telling first: what it brings
/// towards the goal (levels, validation, modules it opens). Its stage and
/// duration are on its first line; the points are in the detail.
fn reasons_in_words(
    c: &Compiled,
    rec: &Recommendation,
    status: Option<&Status>,
    lang: Lang,
) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let core = rec.reasons.iter().any(|t| t.kind == TermKind::Core);
    let mut out = Vec::new();
    for t in &rec.reasons {
        let n = t.value.max(0.0).round() as usize;
        match t.kind {
            TermKind::Gap => out.push(if fr {
                format!(
                    "fait gagner {} vers vos objectifs de compétence",
                    count(n, "niveau", "niveaux", lang)
                )
            } else {
                format!(
                    "gains {} towards your competency goals",
                    count(n, "level", "levels", lang)
                )
            }),
            TermKind::Completion => out.push(completion_reason(c, core, status, lang)),
            TermKind::Unlocks => out.push(if fr {
                format!(
                    "ouvre {} vers votre objectif",
                    count(n, "module", "modules", lang)
                )
            } else {
                format!(
                    "unlocks {} on your way",
                    count(n, "module", "modules", lang)
                )
            }),
            _ => {}
        }
    }
    if out.is_empty() {
        out.push(if fr {
            "accessible dès maintenant, sans rien ouvrir ni valider de plus".to_string()
        } else {
            "available now, though it unlocks and completes nothing more".to_string()
        });
    }
    out
}

/// How a module counts towards completing the curriculum, in the rule's terms;
/// with the learner's status, with how far the learner is (« 1 optionnel suivi
/// sur 2 demandés »).
fn completion_reason(c: &Compiled, core: bool, status: Option<&Status>, lang: Lang) -> String {
    use parcours::curriculum::model::{CompletionRule, ModuleKind};
    let fr = lang == Lang::Fr;
    let done_of = |kind: ModuleKind| {
        status.map(|s| {
            s.modules
                .iter()
                .filter(|m| m.kind == kind && m.state == ModuleState::Completed)
                .collect::<Vec<_>>()
        })
    };
    let lead = if fr {
        "compte pour la validation : "
    } else {
        "counts towards completion: "
    };
    if core {
        let total = c
            .document()
            .modules
            .iter()
            .filter(|m| m.kind == ModuleKind::Core)
            .count();
        let done = done_of(ModuleKind::Core).map(|d| d.len());
        return match (done, fr) {
            (Some(done), true) => format!(
                "{lead}module du socle ({} sur {total})",
                plural_done(done, "suivi", "suivis", lang)
            ),
            (Some(done), false) => format!("{lead}a core module ({done} of {total} completed)"),
            (None, true) => format!("{lead}module du socle, à suivre par tous"),
            (None, false) => format!("{lead}a core module, for everyone"),
        };
    }
    let (modules, min_hours) = match &c.document().completion {
        CompletionRule::CoreAndOptional {
            min_optional_modules,
            min_optional_hours,
            ..
        } => (*min_optional_modules, *min_optional_hours),
        _ => (None, None),
    };
    let done = done_of(ModuleKind::Optional);
    match (modules, min_hours, done) {
        (Some(k), _, Some(done)) if fr => format!(
            "{lead}{} sur {} {}",
            count(done.len(), "optionnel suivi", "optionnels suivis", lang),
            k,
            plural(k as usize, "demandé", "demandés", lang)
        ),
        (Some(k), _, Some(done)) => format!(
            "{lead}{} of the {k} asked completed",
            count(done.len(), "optional module", "optional modules", lang)
        ),
        (Some(k), _, None) if fr => format!(
            "{lead}le cursus demande {}",
            count(k as usize, "module optionnel", "modules optionnels", lang)
        ),
        (Some(k), _, None) => format!(
            "{lead}the curriculum asks for {}",
            count(k as usize, "optional module", "optional modules", lang)
        ),
        (None, Some(h), Some(done)) => {
            let hours_done: f64 = done
                .iter()
                .filter_map(|m| c.module_ix(&m.module))
                .map(|ix| c.document().modules[ix.index()].duration_hours)
                .sum();
            if fr {
                format!(
                    "{lead}{} d'optionnels suivies sur les {} demandées",
                    hours(hours_done, lang),
                    hours(h, lang)
                )
            } else {
                format!(
                    "{lead}{} of optional modules completed of the {} asked",
                    hours(hours_done, lang),
                    hours(h, lang)
                )
            }
        }
        (None, Some(h), None) if fr => format!(
            "{lead}le cursus demande {} de modules optionnels",
            hours(h, lang)
        ),
        (None, Some(h), None) => format!(
            "{lead}the curriculum asks for {} of optional modules",
            hours(h, lang)
        ),
        (None, None, _) if fr => "compte pour la validation du cursus".to_string(),
        (None, None, _) => "counts towards completing the curriculum".to_string(),
    }
}

/// « 0 suivi », « 2 suivis »: a count and the participle that agrees with it.
fn plural_done(n: usize, one: &str, many: &str, lang: Lang) -> String {
    format!("{n} {}", plural(n, one, many, lang))
}

/// The first line of a view of one learner: "{lead} {learner} — {curriculum}".
fn headline(c: &Compiled, lead: &str, learner: &str, lang: Lang) -> String {
    format!("{lead} {learner} — {}\n", c.document().title.get(lang))
}

/// Recommendations, for people: each module with its duration and stage, then
/// why in words, what it opens, and the score's terms as a detail line. With the
/// learner's `status`, the reasons say how far the learner is in the completion
/// rule (« 1 optionnel suivi sur 2 demandés »); the engine's recommendations do
/// not carry it.
pub fn recommendations(
    c: &Compiled,
    r: &Recommendations,
    status: Option<&Status>,
    lang: Lang,
) -> String {
    let fr = lang == Lang::Fr;
    let stages = c.document().stages.len();
    let lead = if fr {
        "Prochaines étapes pour"
    } else {
        "Next steps for"
    };
    let mut out = headline(c, lead, &r.learner, lang);
    if r.recommendations.is_empty() {
        out.push_str(if fr {
            "  Aucun module accessible à recommander.\n"
        } else {
            "  No available module to recommend.\n"
        });
    }
    for (i, rec) in r.recommendations.iter().enumerate() {
        let mut facts: Vec<String> = Vec::new();
        if let Some(ix) = c.module_ix(&rec.module) {
            facts.push(hours(c.document().modules[ix.index()].duration_hours, lang));
        }
        let kind = rec.reasons.iter().any(|t| t.kind == TermKind::Core);
        facts.push(match (kind, fr) {
            (true, true) => "socle".to_string(),
            (true, false) => "core".to_string(),
            (false, true) => "optionnel".to_string(),
            (false, false) => "optional".to_string(),
        });
        if let Some(t) = rec.reasons.iter().find(|t| t.kind == TermKind::Stage) {
            facts.push(if fr {
                format!("étape {} sur {stages}", stage_number(t.value, stages))
            } else {
                format!("stage {} of {stages}", stage_number(t.value, stages))
            });
        }
        facts.extend(action_in_words(&rec.action, rec.state, lang));
        out.push_str(&paragraph(
            0,
            &format!("{:>3}. ", i + 1),
            &format!(
                "{} — {}",
                module_title(c, &rec.module, lang),
                facts.join(", ")
            ),
        ));
        let why = reasons_in_words(c, rec, status, lang).join(semicolon(lang));
        out.push_str(&paragraph(
            5,
            if fr { "pourquoi : " } else { "why: " },
            &why,
        ));
        if !rec.unlocks.is_empty() {
            let names: Vec<String> = rec
                .unlocks
                .iter()
                .map(|m| module_title(c, m, lang))
                .collect();
            out.push_str(&paragraph(
                5,
                if fr { "ouvre : " } else { "unlocks: " },
                &names.join(", "),
            ));
        }
        let terms: Vec<String> = rec
            .reasons
            .iter()
            .map(|t| term_detail(t, lang, stages))
            .collect();
        let detail = if fr {
            format!(
                "{} = {} (les modules sont classés par ce total)",
                terminal_number(rec.score, lang),
                terms.join(semicolon(lang))
            )
        } else {
            format!(
                "{} = {} (modules are ranked by this total)",
                terminal_number(rec.score, lang),
                terms.join(semicolon(lang))
            )
        };
        out.push_str(&paragraph(
            5,
            if fr { "score : " } else { "score: " },
            &detail,
        ));
    }
    out
}

/// What a recommendation asks beyond taking a new module, in words: a renewal
/// with the day the training lapsed, a retake with the best score beside the one
/// asked, a dispensed module to take all the same and why. Nothing for a new
/// module (the default, which needs no word).
fn action_in_words(action: &Action, state: ModuleState, lang: Lang) -> Option<String> {
    let fr = lang == Lang::Fr;
    let score = |x: f64| format!("{}/100", terminal_number(x, lang));
    Some(match (action, fr) {
        (
            Action::Renew {
                expired_on: Some(d),
            },
            true,
        ) => {
            format!("à renouveler (formation expirée le {})", date(d, lang))
        }
        (
            Action::Renew {
                expired_on: Some(d),
            },
            false,
        ) => {
            format!("to renew (the training expired on {})", date(d, lang))
        }
        (Action::Renew { expired_on: None }, true) => "à renouveler (formation expirée)".into(),
        (Action::Renew { expired_on: None }, false) => "to renew (the training expired)".into(),
        (
            Action::Retake {
                best_score,
                required_score,
            },
            _,
        ) => {
            let best = match (best_score, fr) {
                (Some(b), true) => format!("meilleur score {}", score(*b)),
                (Some(b), false) => format!("best score {}", score(*b)),
                (None, true) => "suivi sans score enregistré".into(),
                (None, false) => "completed with no score recorded".into(),
            };
            if fr {
                format!("à repasser ({best}, {} demandé)", score(*required_score))
            } else {
                format!("to retake ({best}, {} required)", score(*required_score))
            }
        }
        (Action::Take { required_score }, _) if state == ModuleState::MasteredByPositioning => {
            match (required_score, fr) {
                (Some(min), true) => format!(
                    "acquis au positionnement, à passer pour le score demandé ({})",
                    score(*min)
                ),
                (Some(min), false) => format!(
                    "mastered at positioning, to take for the required score ({})",
                    score(*min)
                ),
                (None, true) => {
                    "acquis au positionnement, à suivre : la dispense n'ouvre pas la suite".into()
                }
                (None, false) => {
                    "mastered at positioning, to take: the dispensation does not open what follows"
                        .into()
                }
            }
        }
        _ => return None,
    })
}

/// "Why not this module?", for people.
pub fn why_not(c: &Compiled, w: &WhyNot, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let state = match (w.state, fr) {
        (ModuleState::Completed, true) => "déjà suivi",
        (ModuleState::Completed, false) => "already completed",
        // The renewal, with its date, follows when it is recommendable.
        (ModuleState::Expired, true) if w.action.is_some() => "suivi mais périmé",
        (ModuleState::Expired, false) if w.action.is_some() => "completed but expired",
        (ModuleState::Expired, true) => "suivi mais périmé (à renouveler)",
        (ModuleState::Expired, false) => "completed but expired (to renew)",
        (ModuleState::NotForAudience, true) => "hors du public de l'apprenant",
        (ModuleState::NotForAudience, false) => "not for the learner's audience",
        (ModuleState::MasteredByPositioning, true) => "déjà acquis au positionnement",
        (ModuleState::MasteredByPositioning, false) => "already mastered at positioning",
        (ModuleState::Available, true) => "accessible",
        (ModuleState::Available, false) => "available",
        (ModuleState::AvailableWithWarnings, true) => "accessible, avec réserve",
        (ModuleState::AvailableWithWarnings, false) => "available, with a warning",
        (ModuleState::Locked, true) => "verrouillé",
        (ModuleState::Locked, false) => "locked",
        // A state this version of the report does not word yet.
        (_, true) => "autre état",
        (_, false) => "other state",
    };
    let title = module_title(c, &w.module, lang);
    let mut head = if fr {
        format!("Pourquoi pas {title} ? État : {state}")
    } else {
        format!("Why not {title}? State: {state}")
    };
    if let Some(action) = w.action.and_then(|a| action_in_words(&a, w.state, lang)) {
        head.push_str(&format!("{}{action}", semicolon(lang)));
    }
    if w.excluded {
        head.push_str(if fr {
            " ; exclu par les contraintes de l'apprenant"
        } else {
            "; excluded by the learner's constraints"
        });
    }
    let mut out = paragraph(0, "", &head);
    // A locked module leads with its lock and what opens it; how it would rank
    // comes after, as a conditional, and never as if another module outscored it.
    // An expired training that cannot be renewed yet leads with what is in the way.
    if w.state == ModuleState::Locked {
        out.push_str(&paragraph(
            2,
            "",
            if fr {
                "Ce qui le verrouille :"
            } else {
                "What locks it:"
            },
        ));
    } else if w.state == ModuleState::Expired && !w.why.is_empty() {
        out.push_str(&paragraph(
            2,
            "",
            if fr {
                "Ce qui empêche de le renouveler :"
            } else {
                "What keeps it from being renewed:"
            },
        ));
    }
    for f in &w.why {
        out.push_str(&paragraph(4, "– ", f.text.get(lang)));
    }
    if let Some(unlock) = &w.unlock {
        out.push_str(&paragraph(4, "→ ", &unlock_text(c, unlock, lang)));
    }
    let not_open = w.rank.is_none() && w.top.as_deref() != Some(w.module.as_str());
    if let (true, Some(top), Some(top_score)) = (not_open, &w.top, w.top_score) {
        let top_title = module_title(c, top, lang);
        let score = terminal_number(w.score, lang);
        let top_points = terminal_number(top_score, lang);
        let opened = match (w.state, fr) {
            (ModuleState::Locked, true) => "Une fois ouvert",
            (ModuleState::Locked, false) => "Once open",
            (_, true) => "S'il était accessible",
            (_, false) => "If it were available",
        };
        let only = match (w.state, fr) {
            (ModuleState::Locked, true) => " Seul le verrou l'en écarte.",
            (ModuleState::Locked, false) => " Only the lock keeps it out.",
            _ => "",
        };
        let text = match (w.score > top_score, fr) {
            (true, true) => format!(
                "{opened}, il passerait devant {top_title}, la première recommandation : score {score} contre {top_points}.{only}"
            ),
            (true, false) => format!(
                "{opened}, it would come before {top_title}, the first recommendation: score {score} against {top_points}.{only}"
            ),
            (false, true) => format!(
                "{opened}, son score serait {score} ; {top_title}, la première recommandation, a {top_points}. Ce qui fait la différence :"
            ),
            (false, false) => format!(
                "{opened}, its score would be {score}; {top_title}, the first recommendation, has {top_points}. What makes the difference:"
            ),
        };
        out.push_str(&paragraph(2, "", &text));
        if w.score <= top_score {
            gap_lines(&mut out, w, &title, &top_title, lang);
        }
        return out;
    }
    match &w.top {
        Some(top) if top == &w.module => out.push_str(&paragraph(
            2,
            "",
            &if fr {
                format!(
                    "C'est la première recommandation (score {}).",
                    terminal_number(w.score, lang)
                )
            } else {
                format!(
                    "It is the first recommendation (score {}).",
                    terminal_number(w.score, lang)
                )
            },
        )),
        Some(top) => {
            let top_title = module_title(c, top, lang);
            // A ranked module is recommendable now: its rank says it all.
            let rank = match (w.rank, fr) {
                (Some(r), true) => format!(", {r}e des recommandations"),
                (Some(r), false) => format!(", ranked {r} among the recommendations"),
                (None, true) => " s'il était accessible".to_string(),
                (None, false) => " if it were available".to_string(),
            };
            out.push_str(&paragraph(
                2,
                "",
                &if fr {
                    format!(
                        "Score {}{rank} ; {top_title} passe devant. Ce qui fait la différence :",
                        terminal_number(w.score, lang)
                    )
                } else {
                    format!(
                        "Score {}{rank}; {top_title} comes first. What makes the difference:",
                        terminal_number(w.score, lang)
                    )
                },
            ));
            gap_lines(&mut out, w, &title, &top_title, lang);
        }
        None => out.push_str(if fr {
            "  Aucun module n'est recommandable.\n"
        } else {
            "  No module is recommendable.\n"
        }),
    }
    out
}

/// The terms on which the top module and `w`'s module differ, point by point.
fn gap_lines(out: &mut String, w: &WhyNot, title: &str, top_title: &str, lang: Lang) {
    let fr = lang == Lang::Fr;
    for t in w.gap.iter().filter(|t| t.points != 0.0) {
        let (ahead, by) = if t.points > 0.0 {
            (top_title, t.points)
        } else {
            (title, -t.points)
        };
        let points = quantity(by, "point", "points", lang);
        let text = if fr {
            format!(
                "{}{}{points} d'avance pour {ahead}",
                term_name(t.kind, lang),
                colon(lang)
            )
        } else {
            format!(
                "{}{}{points} ahead for {ahead}",
                term_name(t.kind, lang),
                colon(lang)
            )
        };
        out.push_str(&paragraph(4, "– ", &text));
    }
}

fn competency_level(c: &Compiled, id: &str, level: u32, lang: Lang) -> String {
    let (Some(k), Some(title)) = (c.competency_ix(id), competency_title(c, id, lang)) else {
        return format!("{id} ({level})");
    };
    let scale = &c.scales()[c.competencies()[k.index()].scale.index()];
    let level_name = level_name(c, k, level, lang)
        .or_else(|| scale.levels.get(level as usize).cloned())
        .unwrap_or_else(|| level.to_string());
    if lang == Lang::Fr {
        format!("« {title} » au niveau « {level_name} »")
    } else {
        format!("\"{title}\" at level \"{level_name}\"")
    }
}

/// The shortest individual path, for people.
pub fn plan(c: &Compiled, p: &Plan, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let h = |x: f64| hours(x, lang);
    let lead = if fr {
        "Parcours le plus court pour"
    } else {
        "Shortest path for"
    };
    let mut out = headline(c, lead, &p.learner, lang);
    let mut goals: Vec<String> = Vec::new();
    if p.goal.complete {
        goals.push(if fr {
            "valider le cursus".into()
        } else {
            "complete the curriculum".into()
        });
    }
    for t in &p.goal.competencies {
        let mut text = competency_level(c, &t.competency, t.level, lang);
        if let Some(now) = t.now {
            // The level by its name, as the goal's: a rank means nothing to a
            // trainer.
            let name = c
                .competency_ix(&t.competency)
                .and_then(|k| level_name(c, k, now, lang))
                .unwrap_or_else(|| now.to_string());
            text.push_str(&if fr {
                format!(" (aujourd'hui : « {name} »)")
            } else {
                format!(" (now: \"{name}\")")
            });
        }
        goals.push(text);
    }
    out.push_str(&paragraph(
        0,
        if fr { "Objectif : " } else { "Goal: " },
        &goals.join(semicolon(lang)),
    ));
    match p.status {
        PlanStatus::Optimal => out.push_str(if fr {
            "Statut : optimal (aucun parcours plus court n'existe)\n"
        } else {
            "Status: optimal (no shorter path exists)\n"
        }),
        PlanStatus::Feasible => {
            // How far above the optimum the plan may be is relative to what the
            // optimum could be at least, the bound: (total − bound) / bound. (The
            // JSON `gap` is the solvers' figure, relative to the total.)
            let above = (p.lower_bound_hours > 0.0).then(|| {
                // Rounded up: a guarantee never reads tighter than it is.
                let above = (p.total_hours - p.lower_bound_hours).max(0.0) / p.lower_bound_hours;
                (above * 10_000.0 - 1e-6).ceil() / 100.0
            });
            let text = match (above, fr) {
                (Some(above), true) => format!(
                    "Statut : réalisable, non prouvé optimal — au plus {} % au-dessus de l'optimum (borne inférieure {})\n",
                    terminal_number(above, lang),
                    h(p.lower_bound_hours)
                ),
                (Some(above), false) => format!(
                    "Status: feasible, not proven optimal — at most {} % above the optimum (lower bound {})\n",
                    terminal_number(above, lang),
                    h(p.lower_bound_hours)
                ),
                (None, true) => "Statut : réalisable, non prouvé optimal (aucune borne inférieure connue)\n".to_string(),
                (None, false) => "Status: feasible, not proven optimal (no lower bound known)\n".to_string(),
            };
            out.push_str(&paragraph(0, "", &text));
        }
        PlanStatus::Unreachable => {
            out.push_str(if fr {
                "Statut : objectif inatteignable\n"
            } else {
                "Status: the goal cannot be reached\n"
            });
            for o in &p.obstacles {
                out.push_str(&paragraph(2, "- ", o.text.get(lang)));
            }
            return out;
        }
        // A status this version of the report does not word yet.
        _ => out.push_str(&paragraph(
            0,
            if fr { "Statut : " } else { "Status: " },
            words::plan_status(p.status, lang),
        )),
    }
    if p.steps.is_empty() {
        out.push_str(if fr {
            "L'objectif est déjà atteint : rien à suivre.\n"
        } else {
            "The goal is already met: nothing to take.\n"
        });
        return out;
    }
    out.push_str(&if fr {
        format!(
            "Total : {} en {}",
            h(p.total_hours),
            count(p.steps.len(), "module", "modules", lang)
        )
    } else {
        format!(
            "Total: {} in {}",
            h(p.total_hours),
            count(p.steps.len(), "module", "modules", lang)
        )
    });
    if let Some(available) = p.hours_available {
        if available < p.total_hours {
            out.push_str(&if fr {
                format!(" — dépasse les {} disponibles", h(available))
            } else {
                format!(" — more than the {} available", h(available))
            });
        }
    }
    out.push('\n');
    for (i, step) in p.steps.iter().enumerate() {
        let mut line = format!(
            "{} — {}",
            module_title(c, &step.module, lang),
            h(step.hours)
        );
        line.push_str(match (step.kind, fr) {
            (parcours::curriculum::model::ModuleKind::Core, true) => " [socle]",
            (parcours::curriculum::model::ModuleKind::Core, false) => " [core]",
            (_, true) => " [optionnel]",
            (_, false) => " [optional]",
        });
        line.push_str(match (step.action, fr) {
            (StepKind::Take, _) => "",
            (StepKind::Renew, true) => " (à renouveler)",
            (StepKind::Renew, false) => " (to renew)",
            (StepKind::Retake, true) => " (à repasser pour le score)",
            (StepKind::Retake, false) => " (to retake for the score)",
            (StepKind::ForScore, true) => " (acquis, à passer pour le score demandé)",
            (StepKind::ForScore, false) => " (held, taken for the score asked)",
            // An action this version of the report does not word yet.
            (_, true) => " (autre action)",
            (_, false) => " (other action)",
        });
        if let Some(w) = step.week {
            line.push_str(&if fr {
                format!(" — semaine {w}")
            } else {
                format!(" — week {w}")
            });
        }
        out.push_str(&paragraph(0, &format!("{:>3}. ", i + 1), &line));
    }
    if !p.assumptions.is_empty() {
        out.push_str(if fr {
            "Ce que le parcours suppose :\n"
        } else {
            "What the path assumes:\n"
        });
        for a in &p.assumptions {
            let text = match a {
                Assumption::Level {
                    competency,
                    level,
                    by,
                } => {
                    if fr {
                        format!(
                            "{} donne {}",
                            module_title(c, by, lang),
                            competency_level(c, competency, *level, lang)
                        )
                    } else {
                        format!(
                            "{} brings {}",
                            module_title(c, by, lang),
                            competency_level(c, competency, *level, lang)
                        )
                    }
                }
                Assumption::Score { module, min } => {
                    if fr {
                        format!(
                            "au moins {}/100 à {}",
                            terminal_number(min.0, lang),
                            module_title(c, module, lang)
                        )
                    } else {
                        format!(
                            "at least {}/100 in {}",
                            terminal_number(min.0, lang),
                            module_title(c, module, lang)
                        )
                    }
                }
                // An assumption this version of the report does not word yet.
                _ if fr => "autre hypothèse".to_string(),
                _ => "another assumption".to_string(),
            };
            out.push_str(&paragraph(2, "- ", &text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let text = format!("{{\n{}é{}\n}}", "x".repeat(500), "y".repeat(500));
        let index = LineIndex::new(&text);
        let offset = 2 + 500; // the é
        let (shown, caret) = window(&index, &text, 2, offset);
        assert!(
            shown.chars().count() <= WINDOW + 2,
            "{}",
            shown.chars().count()
        );
        assert_eq!(shown.chars().nth(caret), Some('é'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let short = "{\n  \"a\": 1\n}";
        let index = LineIndex::new(short);
        assert_eq!(window(&index, short, 2, 7), ("  \"a\": 1".to_string(), 5));
    }
}

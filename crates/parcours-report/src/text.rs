//! The command line's text views, for people: diagnostics in compiler style (and
//! as JSON for tools), what reading an answer file detected, and where a learner
//! stands, what to take next, why not a module and the shortest path.

use std::path::Path;

use parcours::engine::plan::{Assumption, Plan, PlanStatus, StepKind};
use parcours::engine::recommend::{Recommendations, Term, TermKind, WhyNot};
use parcours::learner::state::{ModuleState, Status};
use parcours::positioning::answers::{Delimiter, LineEnding, SourceFormat};
use parcours::LineIndex;
use parcours::{Compiled, Diagnostic, DiagnosticOutput, Lang, ReadReport, Severity};
use serde::Serialize;

use crate::format::{date, hours, terminal_number, terminal_signed};
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
            d => format!("« {} »", d.char()),
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
    let mut counts = match (r.format, fr) {
        (SourceFormat::Csv, true) => vec![format!(
            "{} ligne(s) lue(s), {} répondant(s) retenu(s)",
            r.rows, r.respondents
        )],
        (SourceFormat::Csv, false) => vec![format!(
            "{} row(s) read, {} respondent(s) kept",
            r.rows, r.respondents
        )],
        (SourceFormat::Json, true) => vec![format!(
            "{} répondant(s) lu(s), {} retenu(s)",
            r.rows, r.respondents
        )],
        (SourceFormat::Json, false) => vec![format!(
            "{} respondent(s) read, {} kept",
            r.rows, r.respondents
        )],
        // A format this version of the report does not name yet.
        (_, true) => vec![format!("{} lu(s), {} retenu(s)", r.rows, r.respondents)],
        (_, false) => vec![format!("{} read, {} kept", r.rows, r.respondents)],
    };
    let letters = |v: &[String]| v.join(", ");
    if !r.ignored_columns.is_empty() {
        counts.push(if fr {
            format!(
                "{} colonne(s) ignorée(s) ({})",
                r.ignored_columns.len(),
                letters(&r.ignored_columns)
            )
        } else {
            format!(
                "{} column(s) ignored ({})",
                r.ignored_columns.len(),
                letters(&r.ignored_columns)
            )
        });
    }
    if r.empty_rows > 0 {
        counts.push(if fr {
            format!("{} ligne(s) vide(s)", r.empty_rows)
        } else {
            format!("{} empty row(s)", r.empty_rows)
        });
    }
    if r.short_rows > 0 {
        counts.push(if fr {
            format!(
                "{} ligne(s) courte(s), cellules manquantes lues vides",
                r.short_rows
            )
        } else {
            format!("{} short row(s), missing cells read as blank", r.short_rows)
        });
    }
    if !r.skipped_rows.is_empty() {
        let rows: Vec<String> = r.skipped_rows.iter().map(usize::to_string).collect();
        counts.push(if fr {
            format!("{} ligne(s) écartée(s) ({})", rows.len(), rows.join(", "))
        } else {
            format!("{} row(s) skipped ({})", rows.len(), rows.join(", "))
        });
    }
    if !r.unmatched_items.is_empty() {
        counts.push(if fr {
            format!("item(s) sans colonne : {}", r.unmatched_items.join(", "))
        } else {
            format!("item(s) without a column: {}", r.unmatched_items.join(", "))
        });
    }
    if !parts.is_empty() {
        counts.insert(0, parts.join(", "));
    }
    format!("parcours: {}: {}\n", path.display(), counts.join("; "))
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
            date(&status.now)
        )
    } else {
        format!(
            "Learner {} — {} (version {}), on {}\n\nCompetencies\n",
            status.learner,
            doc.title.get(lang),
            status.version,
            date(&status.now)
        )
    };
    for level in &status.competencies {
        let Some(k) = c.competency_ix(&level.competency) else {
            continue;
        };
        let info = &doc.framework.competencies[k.index()];
        let name = match level.level {
            Some(l) => level_name(c, k, l, lang)
                .map(|x| format!("{x} ({l})"))
                .unwrap_or_default(),
            None => "—".to_string(),
        };
        let confidence = if fr { "confiance" } else { "confidence" };
        out.push_str(&format!(
            "  {:<40} {:<28} {confidence} {}\n",
            info.title.get(lang),
            name,
            terminal_number(level.confidence, lang)
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
    out.push_str("\nModules\n");
    for m in &status.modules {
        let Some(ix) = c.module_ix(&m.module) else {
            continue;
        };
        let title = doc.modules[ix.index()].title.get(lang);
        let (mark, state) = module_state(m.state, lang);
        let excluded = match (m.excluded, fr) {
            (true, true) => " (exclu)",
            (true, false) => " (excluded)",
            _ => "",
        };
        let mut detail = String::new();
        if let Some(done) = &m.completed_on {
            detail.push_str(&format!(" — {}", date(done)));
            if let Some(score) = m.score {
                detail.push_str(&format!(", {}/100", terminal_number(score, lang)));
            }
        }
        if let Some(lapsed) = &m.expired_on {
            let word = if fr { "expiré le" } else { "expired on" };
            detail.push_str(&format!(", {word} {}", date(lapsed)));
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
                    parcours::learner::Item::Module { module } => module_title(c, module, lang),
                    parcours::learner::Item::Score { module, min } => {
                        format!(
                            "{} (≥ {}/100)",
                            module_title(c, module, lang),
                            terminal_number(min.0, lang)
                        )
                    }
                    parcours::learner::Item::Competency {
                        competency,
                        level,
                        via,
                    } => {
                        let name = competency_title(c, competency, lang).unwrap_or_default();
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
                    // A step this version of the report does not word yet.
                    _ if fr => "autre étape".to_string(),
                    _ => "another step".to_string(),
                })
                .collect();
            let lead = if fr { "pour l'ouvrir" } else { "to unlock it" };
            let length = hours(unlock.minutes as f64 / 60.0, lang);
            // A search stopped by its budget gives a way, not the shortest: said
            // with what is proven.
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
            out.push_str(&format!(
                "      → {lead} ({length}) : {}\n",
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

/// A module's title in guillemets, or its id when the curriculum has none such.
fn module_title(c: &Compiled, id: &str, lang: Lang) -> String {
    words::module_title(c, id, lang).map_or_else(|| id.to_string(), |t| format!("« {t} »"))
}

fn term_text(t: &Term, lang: Lang, stages: usize) -> String {
    let fr = lang == Lang::Fr;
    let what = match (t.kind, fr) {
        (TermKind::Gap, true) => format!(
            "comble {} niveau(x) sur l'objectif",
            terminal_number(t.value, lang)
        ),
        (TermKind::Gap, false) => format!(
            "closes {} level(s) on the goal",
            terminal_number(t.value, lang)
        ),
        (TermKind::Completion, true) => "compte pour l'achèvement du parcours".to_string(),
        (TermKind::Completion, false) => "counts towards completing the curriculum".to_string(),
        (TermKind::Unlocks, true) => {
            format!(
                "ouvre {} module(s) vers l'objectif",
                terminal_number(t.value, lang)
            )
        }
        (TermKind::Unlocks, false) => {
            format!(
                "unlocks {} module(s) on the way",
                terminal_number(t.value, lang)
            )
        }
        (TermKind::Core, true) => "module socle".to_string(),
        (TermKind::Core, false) => "core module".to_string(),
        (TermKind::Stage, true) => format!("étape {} sur {stages}", stage_number(t.value, stages)),
        (TermKind::Stage, false) => format!("stage {} of {stages}", stage_number(t.value, stages)),
        (TermKind::Hours, _) => hours(t.value, lang),
        // A term this version of the report does not word yet.
        (kind, _) => term_name(kind, lang).to_string(),
    };
    format!("{what} ({})", terminal_signed(t.points, lang))
}

/// The stage number (1 = first) behind a stage term's value (1 = first, 0 = last).
fn stage_number(value: f64, stages: usize) -> usize {
    if stages <= 1 {
        1
    } else {
        ((1.0 - value) * (stages - 1) as f64).round() as usize + 1
    }
}

/// A term's name, for score gaps.
fn term_name(kind: TermKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (TermKind::Gap, Lang::Fr) => "écart à l'objectif",
        (TermKind::Gap, Lang::En) => "goal gap",
        (TermKind::Completion, Lang::Fr) => "achèvement",
        (TermKind::Completion, Lang::En) => "completion",
        (TermKind::Unlocks, Lang::Fr) => "modules ouverts",
        (TermKind::Unlocks, Lang::En) => "modules unlocked",
        (TermKind::Core, Lang::Fr) => "socle",
        (TermKind::Core, Lang::En) => "core",
        (TermKind::Stage, Lang::Fr) => "étape",
        (TermKind::Stage, Lang::En) => "stage",
        (TermKind::Hours, Lang::Fr) => "durée",
        (TermKind::Hours, Lang::En) => "duration",
        // A term this version of the report does not name yet.
        (_, Lang::Fr) => "autre critère",
        (_, Lang::En) => "other criterion",
    }
}

/// The first line of a view of one learner: "{lead} {learner} — {curriculum}".
fn headline(c: &Compiled, lead: &str, learner: &str, lang: Lang) -> String {
    format!("{lead} {learner} — {}\n", c.document().title.get(lang))
}

/// Recommendations, for people.
pub fn recommendations(c: &Compiled, r: &Recommendations, lang: Lang) -> String {
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
        out.push_str(&format!(
            "{:>3}. {} — score {}\n",
            i + 1,
            module_title(c, &rec.module, lang),
            terminal_number(rec.score, lang)
        ));
        let reasons: Vec<String> = rec
            .reasons
            .iter()
            .map(|t| term_text(t, lang, stages))
            .collect();
        out.push_str(&format!("       {}\n", reasons.join(" ; ")));
        if !rec.unlocks.is_empty() {
            let names: Vec<String> = rec
                .unlocks
                .iter()
                .map(|m| module_title(c, m, lang))
                .collect();
            let lead = if fr { "ouvre" } else { "unlocks" };
            out.push_str(&format!("       {lead} : {}\n", names.join(", ")));
        }
    }
    out
}

/// "Why not this module?", for people.
pub fn why_not(c: &Compiled, w: &WhyNot, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let state = match (w.state, fr) {
        (ModuleState::Completed, true) => "déjà suivi",
        (ModuleState::Completed, false) => "already completed",
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
    let mut out = if fr {
        format!(
            "Pourquoi pas {} ? État : {state}",
            module_title(c, &w.module, lang)
        )
    } else {
        format!(
            "Why not {}? State: {state}",
            module_title(c, &w.module, lang)
        )
    };
    if w.excluded {
        out.push_str(if fr {
            " ; exclu par les contraintes de l'apprenant"
        } else {
            "; excluded by the learner's constraints"
        });
    }
    out.push('\n');
    for f in &w.why {
        out.push_str(&format!("  – {}\n", f.text.get(lang)));
    }
    if let Some(unlock) = &w.unlock {
        let lead = if fr { "pour l'ouvrir" } else { "to unlock it" };
        out.push_str(&format!(
            "  → {lead} : {}\n",
            hours(unlock.minutes as f64 / 60.0, lang)
        ));
    }
    match (&w.top, w.rank) {
        (Some(top), rank) => {
            let rank = rank.map(|r| format!(" (rang {r})")).unwrap_or_default();
            out.push_str(&if fr {
                format!(
                    "  score {}{rank} ; écart avec {} :\n",
                    terminal_number(w.score, lang),
                    module_title(c, top, lang)
                )
            } else {
                format!(
                    "  score {}{rank}; gap to {}:\n",
                    terminal_number(w.score, lang),
                    module_title(c, top, lang)
                )
            });
            for t in w.gap.iter().filter(|t| t.points != 0.0) {
                out.push_str(&format!(
                    "    {} : {}\n",
                    term_name(t.kind, lang),
                    terminal_signed(t.points, lang)
                ));
            }
        }
        (None, _) => out.push_str(if fr {
            "  aucun module n'est recommandable\n"
        } else {
            "  no module is recommendable\n"
        }),
    }
    out
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
            text.push_str(&if fr {
                format!(" (aujourd'hui : niveau {now})")
            } else {
                format!(" (now: level {now})")
            });
        }
        goals.push(text);
    }
    out.push_str(&format!(
        "{} : {}\n",
        if fr { "Objectif" } else { "Goal" },
        goals.join(" ; ")
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
            out.push_str(&match (above, fr) {
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
            })
        }
        PlanStatus::Unreachable => {
            out.push_str(if fr {
                "Statut : objectif inatteignable\n"
            } else {
                "Status: the goal cannot be reached\n"
            });
            for o in &p.obstacles {
                out.push_str(&format!("  - {}\n", o.text.get(lang)));
            }
            return out;
        }
        // A status this version of the report does not word yet.
        _ => out.push_str(&format!(
            "{} : {}\n",
            if fr { "Statut" } else { "Status" },
            words::plan_status(p.status, lang)
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
        format!("Total : {} en {} modules", h(p.total_hours), p.steps.len())
    } else {
        format!("Total: {} in {} modules", h(p.total_hours), p.steps.len())
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
            "{:>3}. {} — {}",
            i + 1,
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
        out.push_str(&line);
        out.push('\n');
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
            out.push_str(&format!("  - {text}\n"));
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

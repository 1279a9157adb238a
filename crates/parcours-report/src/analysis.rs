//! The self-positioning analysis in words: the rule behind each finding, and the
//! analysis as Markdown for the steering committee.

use crate::format::{number, signed};
use parcours::positioning::analysis::{Analysis, Reason, Rules};
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::ordinal::Summary;
use parcours::Lang;

/// The rule that classed an item, and its figures, in words.
pub fn reason_text(reason: &Reason, rules: &Rules, lang: Lang) -> String {
    {
        let fr = lang == Lang::Fr;
        let n = |x: f64| number(x, 2, lang);
        match reason {
            Reason::HighAndConsensual {
                position,
                consensus,
            } => {
                if fr {
                    format!(
                        "position {} ≥ {} et consensus {} ≥ {}",
                        n(*position),
                        n(rules.high),
                        n(*consensus),
                        n(rules.consensual)
                    )
                } else {
                    format!(
                        "position {} ≥ {} and consensus {} ≥ {}",
                        n(*position),
                        n(rules.high),
                        n(*consensus),
                        n(rules.consensual)
                    )
                }
            }
            Reason::LowAndConsensual {
                position,
                consensus,
            } => {
                if fr {
                    format!(
                        "position {} ≤ {} et consensus {} ≥ {}",
                        n(*position),
                        n(rules.low),
                        n(*consensus),
                        n(rules.consensual)
                    )
                } else {
                    format!(
                        "position {} ≤ {} and consensus {} ≥ {}",
                        n(*position),
                        n(rules.low),
                        n(*consensus),
                        n(rules.consensual)
                    )
                }
            }
            Reason::Dispersed { consensus } => {
                if fr {
                    format!(
                        "réponses dispersées : consensus {} < {}",
                        n(*consensus),
                        n(rules.dispersed)
                    )
                } else {
                    format!(
                        "answers dispersed: consensus {} < {}",
                        n(*consensus),
                        n(rules.dispersed)
                    )
                }
            }
            Reason::CollegesApart { gap, low, high } => {
                if fr {
                    format!(
                        "collèges éloignés : {high} et {low} à {} d'écart (≥ {})",
                        n(*gap),
                        n(rules.apart)
                    )
                } else {
                    format!(
                        "colleges apart: {high} and {low} are {} apart (≥ {})",
                        n(*gap),
                        n(rules.apart)
                    )
                }
            }
        }
    }
}

/// The analysis as Markdown, for the steering committee (French or English).
/// Hidden groups are named as hidden, with no figure.
pub fn markdown(analysis: &Analysis, instr: &CheckedInstrument, lang: Lang) -> String {
    {
        use std::fmt::Write;
        let fr = lang == Lang::Fr;
        let n = |x: f64| number(x, 2, lang);
        let label_of = |id: &str| -> String {
            analysis
                .colleges
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.label.get(lang).to_string())
                .or_else(|| {
                    analysis
                        .teams
                        .iter()
                        .find(|t| t.id == id)
                        .map(|t| t.id.clone())
                })
                .unwrap_or_else(|| id.to_string())
        };
        let item_text = |id: &str| -> String {
            instr
                .items()
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.text.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        let theme_title = |id: &str| -> String {
            instr
                .themes()
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.title.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {} — {}\n",
            if fr {
                "Autopositionnement"
            } else {
                "Self-positioning"
            },
            instr.document().title.get(lang)
        );
        let groups: Vec<String> = analysis
            .colleges
            .iter()
            .map(|g| format!("{} ({})", g.label.get(lang), g.respondents))
            .collect();
        if fr {
            let _ = writeln!(out, "- Répondants analysés : {}", analysis.respondents);
            let _ = writeln!(out, "- Collèges : {}", groups.join(", "));
            let _ = writeln!(out, "- Seuil d'anonymat : {} ; un groupe plus petit n'apparaît nulle part, pas même dans les totaux.", analysis.threshold);
        } else {
            let _ = writeln!(out, "- Respondents analysed: {}", analysis.respondents);
            let _ = writeln!(out, "- Colleges: {}", groups.join(", "));
            let _ = writeln!(
                out,
                "- Anonymity threshold: {}; a smaller group appears nowhere, not even in totals.",
                analysis.threshold
            );
        }
        if analysis.skipped_rows > 0 {
            let _ = writeln!(
                out,
                "- {} : {}",
                if fr {
                    "Lignes rejetées et laissées de côté"
                } else {
                    "Rejected rows left out"
                },
                analysis.skipped_rows
            );
        }
        if !analysis.hidden_colleges.is_empty() {
            let names: Vec<String> = analysis
                .hidden_colleges
                .iter()
                .map(|id| {
                    instr
                        .colleges()
                        .iter()
                        .find(|c| &c.id == id)
                        .map(|c| c.label.get(lang).to_string())
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            let _ = writeln!(
                out,
                "- {} : {}",
                if fr {
                    "Non publiés (sous le seuil)"
                } else {
                    "Not published (under the threshold)"
                },
                names.join(", ")
            );
        }
        let lists = [
            (
                if fr { "Points forts" } else { "Strengths" },
                &analysis.strengths,
            ),
            (
                if fr {
                    "Priorités (consensus pour engager une évolution)"
                } else {
                    "Priorities (consensus to start a change)"
                },
                &analysis.priorities,
            ),
            (
                if fr {
                    "Sujets de dialogue"
                } else {
                    "Subjects for dialogue"
                },
                &analysis.dialogue,
            ),
        ];
        for (title, list) in lists {
            let _ = writeln!(out, "\n## {title}\n");
            if list.is_empty() {
                let _ = writeln!(out, "{}", if fr { "Aucun." } else { "None." });
            }
            for f in list {
                let scope = match &f.college {
                    Some(c) => format!(" — {}", label_of(c)),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "- {}{scope} ({})",
                    item_text(&f.item),
                    reason_text(&f.reason, &analysis.rules, lang)
                );
            }
        }
        let _ = writeln!(out, "\n## {}\n", if fr { "Par thème" } else { "By theme" });
        let mut header = vec![
            (if fr { "Thème" } else { "Theme" }).to_string(),
            (if fr { "Ensemble" } else { "Overall" }).to_string(),
        ];
        header.extend(
            analysis
                .colleges
                .iter()
                .map(|g| g.label.get(lang).to_string()),
        );
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        let cell = |s: Option<&Summary>| match s {
            Some(s) => format!("{} (c {})", n(s.mean), n(s.consensus)),
            None => "—".into(),
        };
        for t in &analysis.themes {
            let mut row = vec![theme_title(&t.theme), cell(t.overall.as_ref())];
            for g in &analysis.colleges {
                row.push(cell(
                    t.colleges
                        .iter()
                        .find(|c| c.group == g.id)
                        .map(|c| &c.summary),
                ));
            }
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        let _ = writeln!(
            out,
            "\n{}",
            if fr {
                "Moyenne sur l'échelle, et consensus (c) de Tastle et Wierman : 1 = accord complet, 0 = avis partagés entre les deux extrêmes."
            } else {
                "Mean on the scale, and Tastle–Wierman consensus (c): 1 = full agreement, 0 = split between the two ends."
            }
        );
        let _ = writeln!(out, "\n## {}\n", if fr { "Par item" } else { "By item" });
        let mut header = vec![
            "Item".to_string(),
            (if fr { "Ensemble" } else { "Overall" }).to_string(),
            (if fr { "Ne sait pas" } else { "Don't know" }).to_string(),
        ];
        header.extend(
            analysis
                .colleges
                .iter()
                .map(|g| g.label.get(lang).to_string()),
        );
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for i in &analysis.items {
            let mut row = vec![
                item_text(&i.item),
                cell(i.overall.as_ref()),
                i.overall
                    .as_ref()
                    .map_or("—".into(), |s| s.dont_know.to_string()),
            ];
            for g in &analysis.colleges {
                row.push(cell(
                    i.colleges
                        .iter()
                        .find(|c| c.group == g.id)
                        .map(|c| &c.summary),
                ));
            }
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        if !analysis.teams.is_empty() {
            let _ = writeln!(out, "\n## {}\n", if fr { "Par équipe" } else { "By team" });
            for t in &analysis.themes {
                for c in &t.teams {
                    let _ = writeln!(
                        out,
                        "- {} — {} : {}",
                        theme_title(&t.theme),
                        c.group,
                        cell(Some(&c.summary))
                    );
                }
            }
        }
        if !analysis.changes.is_empty() {
            let _ = writeln!(
                out,
                "\n## {}\n",
                if fr {
                    "Évolution depuis la vague précédente"
                } else {
                    "Change since the earlier wave"
                }
            );
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
                if fr { "Thème" } else { "Theme" },
                if fr { "Groupe" } else { "Group" },
                if fr { "Avant" } else { "Before" },
                if fr { "Après" } else { "After" },
                if fr {
                    "Consensus (évolution)"
                } else {
                    "Consensus (change)"
                }
            );
            for c in &analysis.changes {
                let group = c.group.as_deref().map_or_else(
                    || (if fr { "Ensemble" } else { "Overall" }).to_string(),
                    label_of,
                );
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    theme_title(&c.theme),
                    group,
                    n(c.mean_before),
                    n(c.mean_after),
                    signed(c.consensus_change, lang)
                );
            }
        }
        out
    }
}

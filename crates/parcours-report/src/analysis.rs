//! The self-positioning analysis as Markdown for the steering committee: each
//! item once, with its figures and what the analysis makes of it in words.

use crate::format::{change, markdown_head, markdown_row, number};
use crate::words::{
    college_label, group_label, hidden_advice, hidden_colleges, item_text, item_verdicts,
    summary_of, theme_title, threshold, waves, words,
};
use parcours::positioning::analysis::{Analysis, Cell};
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::Summary;
use parcours::Lang;

/// The analysis as Markdown, for the steering committee (French or English).
/// Hidden groups are named as hidden, with no figure.
pub fn markdown(analysis: &Analysis, instr: &CheckedInstrument, lang: Lang) -> String {
    use std::fmt::Write;
    let fr = lang == Lang::Fr;
    let w = words(lang);
    let n = |x: f64| number(x, 2, lang);
    // A published college's label, a team's id, or the id itself.
    let label_of = |id: &str| -> String {
        college_label(analysis, id, lang)
            .or_else(|| {
                analysis
                    .teams
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.id.clone())
            })
            .unwrap_or_else(|| id.to_string())
    };
    let item = |id: &str| item_text(instr, id, lang);
    let theme = |id: &str| theme_title(instr, id, lang);
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
        .map(|g| format!("{} ({})", group_label(g, lang), g.respondents))
        .collect();
    let sep = if fr { " : " } else { ": " };
    let _ = writeln!(out, "- {}{sep}{}", w.respondents, analysis.respondents);
    let _ = writeln!(
        out,
        "- {}{sep}{}",
        if fr { "Collèges" } else { "Colleges" },
        groups.join(", ")
    );
    let _ = writeln!(out, "- {}", threshold(analysis, lang));
    for line in waves(analysis, lang) {
        let _ = writeln!(out, "- {line}");
    }
    if analysis.skipped_rows > 0 {
        let _ = writeln!(out, "- {} : {}", w.rejected_rows, analysis.skipped_rows);
    }
    let hidden = hidden_colleges(analysis, instr, lang);
    if !hidden.is_empty() {
        let _ = writeln!(out, "- {} : {}", w.not_published, hidden.join(", "));
        let _ = writeln!(out, "- {}", hidden_advice(lang));
    }
    let cell = |s: Option<&Summary>| match s {
        Some(s) => format!("{} (c {})", n(s.mean), n(s.consensus)),
        None => "—".into(),
    };
    let college_labels = analysis.colleges.iter().map(|g| group_label(g, lang));
    // The figures of each published college, in order.
    let by_college = |cells: &[Cell]| {
        analysis
            .colleges
            .iter()
            .map(|g| cell(summary_of(cells, &g.id)))
            .collect::<Vec<_>>()
    };
    let _ = writeln!(out, "\n## {}\n", if fr { "Par thème" } else { "By theme" });
    let mut header = vec![w.theme.to_string(), w.overall.to_string()];
    header.extend(college_labels.clone());
    let _ = writeln!(out, "{}", markdown_head(&header));
    for t in &analysis.themes {
        let mut cells = vec![theme(&t.theme), cell(t.overall.as_ref())];
        cells.extend(by_college(&t.colleges));
        let _ = writeln!(out, "{}", markdown_row(&cells));
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
    // Item by item: each item once, with all its figures and what the analysis
    // makes of it in words (strength, priority, subject for dialogue), one table
    // per theme.
    let _ = writeln!(
        out,
        "\n## {}\n",
        if fr { "Item par item" } else { "Item by item" }
    );
    let mut header = vec!["Item".to_string(), w.overall.to_string()];
    header.extend(college_labels);
    header.push(w.dont_know.to_string());
    header.push(
        if fr {
            "Ce qu'on en retient"
        } else {
            "What to make of it"
        }
        .to_string(),
    );
    for t in &instr.document().themes {
        let rows: Vec<_> = analysis
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.theme == t.id)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", theme(&t.id));
        let _ = writeln!(out, "{}", markdown_head(&header));
        for (k, i) in rows {
            let verdicts = item_verdicts(analysis, &i.item, lang);
            let mut cells = vec![
                format!(
                    "{} {}. {}",
                    if fr { "n°" } else { "no." },
                    k + 1,
                    item(&i.item)
                ),
                cell(i.overall.as_ref()),
            ];
            cells.extend(by_college(&i.colleges));
            cells.push(
                i.overall
                    .as_ref()
                    .map_or("—".into(), |s| s.dont_know.to_string()),
            );
            cells.push(if verdicts.is_empty() {
                "—".to_string()
            } else {
                verdicts.join(" ")
            });
            let _ = writeln!(out, "{}", markdown_row(&cells));
        }
        let _ = writeln!(out);
    }
    if !analysis.teams.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.by_team);
        for t in &analysis.themes {
            for c in &t.teams {
                let _ = writeln!(
                    out,
                    "- {} — {} : {}",
                    theme(&t.theme),
                    c.group,
                    cell(Some(&c.summary))
                );
            }
        }
    }
    if !analysis.changes.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.change_since);
        let header = [
            w.theme,
            w.group,
            if fr { "Avant" } else { "Before" },
            if fr { "Après" } else { "After" },
            if fr { "Évolution" } else { "Change" },
            if fr {
                "Consensus (évolution)"
            } else {
                "Consensus (change)"
            },
        ];
        let _ = writeln!(out, "{}", markdown_head(&header));
        for c in &analysis.changes {
            let group = c
                .group
                .as_deref()
                .map_or_else(|| w.overall.to_string(), label_of);
            let cells = [
                theme(&c.theme),
                group,
                n(c.mean_before),
                n(c.mean_after),
                change(c.mean_before, c.mean_after, lang),
                change(c.consensus_before, c.consensus_after, lang),
            ];
            let _ = writeln!(out, "{}", markdown_row(&cells));
        }
    }
    out
}

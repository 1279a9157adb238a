//! The self-positioning analysis in words: the rule behind each finding, and the
//! analysis as Markdown for the steering committee.

use crate::format::{change, markdown_head, markdown_row, number};
use crate::words::{
    by_item, college_label, group_label, hidden_advice, hidden_colleges, item_text, summary_of,
    theme_title, threshold, waves, words,
};
use parcours::positioning::analysis::{Analysis, Cell, Reason};
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::Summary;
use parcours::Lang;

/// Why an item is in its class, in plain words and on one scale: the mean of
/// the answers on the answer scale (never the 0–1 position beside it), the
/// consensus said in words, colleges by name. The thresholds themselves are in
/// the data (`rules`), not in the sentence a committee member reads.
pub fn reason_text(reason: &Reason, analysis: &Analysis, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let n = |x: f64| number(x, 2, lang);
    let (low, high) = (
        analysis.scale.first().copied().unwrap_or(0.0),
        analysis.scale.last().copied().unwrap_or(1.0),
    );
    let mean = |position: f64| n(low + position * (high - low));
    let top = n(high);
    let name = |id: &str| college_label(analysis, id, lang).unwrap_or_else(|| id.to_string());
    match reason {
        Reason::HighAndConsensual {
            position,
            consensus,
        } => {
            if fr {
                format!(
                    "avis favorable : moyenne {} sur {top} ; presque tout le monde est d'accord (consensus {})",
                    mean(*position),
                    n(*consensus)
                )
            } else {
                format!(
                    "favourable: mean {} out of {top}; nearly everyone agrees (consensus {})",
                    mean(*position),
                    n(*consensus)
                )
            }
        }
        Reason::LowAndConsensual {
            position,
            consensus,
        } => {
            if fr {
                format!(
                    "avis défavorable : moyenne {} sur {top} ; presque tout le monde le constate (consensus {})",
                    mean(*position),
                    n(*consensus)
                )
            } else {
                format!(
                    "unfavourable: mean {} out of {top}; nearly everyone sees it (consensus {})",
                    mean(*position),
                    n(*consensus)
                )
            }
        }
        Reason::Dispersed { consensus } => {
            if fr {
                format!(
                    "avis partagés : les réponses vont d'un bout à l'autre (consensus {})",
                    n(*consensus)
                )
            } else {
                format!(
                    "opinions split: answers range from one end to the other (consensus {})",
                    n(*consensus)
                )
            }
        }
        Reason::CollegesApart {
            gap,
            low: l,
            high: h,
        } => {
            let points = n(gap * (high - low));
            if fr {
                format!(
                    "les collèges ne le voient pas pareil : « {} » et « {} » ont {points} point d'écart de moyenne sur {top}",
                    name(h),
                    name(l)
                )
            } else {
                format!(
                    "the colleges do not see it alike: \"{}\" and \"{}\" are {points} apart in mean, out of {top}",
                    name(h),
                    name(l)
                )
            }
        }
        // A rule this version of the report does not word yet.
        _ if fr => "classé par une autre règle".to_string(),
        _ => "classed by another rule".to_string(),
    }
}

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
    let lists = [
        (w.strengths, &analysis.strengths),
        (w.priorities, &analysis.priorities),
        (w.dialogue, &analysis.dialogue),
    ];
    for (title, list) in lists {
        let _ = writeln!(out, "\n## {title}\n");
        if list.is_empty() {
            let _ = writeln!(out, "{}", w.none);
        }
        // Each item once, with every group it was classed in.
        for (id, findings) in by_item(list.iter()) {
            let _ = writeln!(out, "- {}", item(id));
            for f in findings {
                let scope = match &f.college {
                    Some(c) => label_of(c),
                    None => w.overall.to_string(),
                };
                let _ = writeln!(
                    out,
                    "  - {scope}{} {}",
                    if fr { " :" } else { ":" },
                    reason_text(&f.reason, analysis, lang)
                );
            }
        }
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
    let _ = writeln!(out, "\n## {}\n", if fr { "Par item" } else { "By item" });
    let mut header = vec![
        "Item".to_string(),
        w.overall.to_string(),
        w.dont_know.to_string(),
    ];
    header.extend(college_labels);
    let _ = writeln!(out, "{}", markdown_head(&header));
    for i in &analysis.items {
        let mut cells = vec![
            item(&i.item),
            cell(i.overall.as_ref()),
            i.overall
                .as_ref()
                .map_or("—".into(), |s| s.dont_know.to_string()),
        ];
        cells.extend(by_college(&i.colleges));
        let _ = writeln!(out, "{}", markdown_row(&cells));
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

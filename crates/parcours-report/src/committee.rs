//! The report a steering committee reads: the analysis, the objectives, the team
//! training plan and the action plan, in one document (Markdown here; a
//! self-contained HTML page in [`crate::committee_html`]). Its data is [`Report`],
//! serialised for golden tests and for hosts that render it themselves.

use std::fmt::Write;

use serde::Serialize;

use parcours::positioning::analysis::Analysis;
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::team::TeamPlan;
use parcours::Lang;

use crate::action_plan::{shown_cells, shown_headers};
use crate::format::{hours, markdown_head, markdown_row};
use crate::words::{
    budget, budget_total, college_label, plain_summary, plan_label, plan_status, words,
};

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The analysis (and the change since the earlier wave, when given).
    pub analysis: Analysis,
    /// Objectives, team training plan and action plan.
    pub team: TeamPlan,
}

impl Report {
    /// The report as Markdown: the analysis, then objectives, plans and actions.
    pub fn to_markdown(&self, instr: &CheckedInstrument, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let w = words(lang);
        let analysis = crate::analysis::markdown(&self.analysis, instr, lang);
        // The opening in easy-to-read words, right under the title.
        let (title, rest) = analysis.split_once("\n\n").unwrap_or((&analysis, ""));
        let mut out = format!(
            "{title}\n\n## {}\n\n",
            if fr { "En bref" } else { "In short" }
        );
        for line in plain_summary(&self.analysis, &self.team, instr, lang) {
            let _ = writeln!(out, "- {line}");
        }
        let _ = writeln!(out);
        out.push_str(rest);
        let team = &self.team;
        let _ = writeln!(out, "\n## {}\n", w.objectives);
        if team.objectives.is_empty() {
            let _ = writeln!(out, "{}", w.no_objective);
        }
        for (n, o) in team.objectives.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, o.text.get(lang));
        }
        let _ = writeln!(out, "\n## {}\n", w.training_plan);
        for p in &team.plans {
            let _ = writeln!(
                out,
                "### {} — {} ({})\n",
                plan_label(&self.analysis, p, lang),
                p.curriculum_title.get(lang),
                plan_status(p.plan.status, lang)
            );
            let _ = writeln!(
                out,
                "{}\n",
                budget(p.plan.total_hours, p.headcount, p.trainee_hours, lang)
            );
            for (i, s) in p.plan.steps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. {} — {}",
                    i + 1,
                    s.title.get(lang),
                    hours(s.hours, lang)
                );
            }
            for o in p.plan.obstacles.iter().chain(&p.out_of_reach) {
                let _ = writeln!(out, "- {} : {}", w.out_of_reach, o.text.get(lang));
            }
            let _ = writeln!(out);
        }
        let label = |id: &str| college_label(&self.analysis, id, lang).unwrap_or(id.to_string());
        let _ = writeln!(out, "{}\n", budget_total(team, &self.analysis, lang));
        for g in &team.hours {
            let group = match &g.team {
                Some(t) => format!("{} — {t}", label(&g.group)),
                None => label(&g.group),
            };
            let _ = writeln!(
                out,
                "- {group} : {}{}",
                budget(g.hours, g.headcount, g.trainee_hours, lang),
                match (&g.team, fr) {
                    (None, _) => "",
                    (Some(_), true) =>
                        " (non ajouté au total : ses membres sont comptés dans le collège)",
                    (Some(_), false) =>
                        " (not added to the total: its members are counted in the college)",
                }
            );
        }
        let _ = writeln!(out, "\n## {}\n", w.action_plan);
        let _ = writeln!(out, "{}", markdown_head(&shown_headers(lang)));
        for a in &team.actions {
            let _ = writeln!(
                out,
                "{}",
                markdown_row(&shown_cells(a, &self.analysis, instr, lang))
            );
        }
        out
    }
}

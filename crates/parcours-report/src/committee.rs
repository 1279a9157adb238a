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

use crate::action_plan::{cells, headers};
use crate::format::{hours, markdown_head, markdown_row};
use crate::words::{college_label, plan_label, plan_status, words};

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
        let mut out = crate::analysis::markdown(&self.analysis, instr, lang);
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
                "### {} — {} ({}, {})\n",
                plan_label(&self.analysis, p, lang),
                p.curriculum,
                hours(p.plan.total_hours, lang),
                plan_status(p.plan.status, lang)
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
        let totals: Vec<String> = team
            .hours
            .iter()
            .filter(|g| g.team.is_none())
            .map(|g| format!("{} : {}", label(&g.group), hours(g.hours, lang)))
            .collect();
        let _ = writeln!(
            out,
            "Total : {} ({})",
            hours(team.total_hours, lang),
            totals.join(" ; ")
        );
        for g in team.hours.iter().filter(|g| g.team.is_some()) {
            let _ = writeln!(
                out,
                "- {} — {} : {} ({})",
                label(&g.group),
                g.team.as_deref().unwrap_or_default(),
                hours(g.hours, lang),
                if fr {
                    "non ajouté au total : ses membres sont comptés dans le collège"
                } else {
                    "not added to the total: its members are counted in the college"
                }
            );
        }
        let _ = writeln!(out, "\n## {}\n", w.action_plan);
        let _ = writeln!(out, "{}", markdown_head(&headers(lang)));
        for a in &team.actions {
            let _ = writeln!(out, "{}", markdown_row(&cells(a, lang)));
        }
        out
    }
}

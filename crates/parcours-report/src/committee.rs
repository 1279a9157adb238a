//! The report a steering committee reads: the analysis, the objectives, the team
//! training plan and the action plan, in one document (Markdown here; a
//! self-contained HTML page in [`crate::committee_html`]). Its data is [`Report`],
//! serialised for golden tests and for hosts that render it themselves.

use std::fmt::Write;

use serde::Serialize;

use parcours::engine::plan::PlanStatus;
use parcours::positioning::analysis::Analysis;
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::team::TeamPlan;
use parcours::read::locale::Lang;

use crate::format::{hours, markdown_cell};

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
        let mut out = crate::analysis::markdown(&self.analysis, instr, lang);
        let team = &self.team;
        let _ = writeln!(
            out,
            "\n## {}\n",
            if fr {
                "Objectifs opérationnels"
            } else {
                "Operational objectives"
            }
        );
        if team.objectives.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if fr {
                    "Aucune priorité, donc aucun objectif proposé."
                } else {
                    "No priority, so no objective suggested."
                }
            );
        }
        for (n, o) in team.objectives.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, o.text.get(lang));
        }
        let _ = writeln!(
            out,
            "\n## {}\n",
            if fr {
                "Plan de formation des équipes"
            } else {
                "Team training plan"
            }
        );
        for p in &team.plans {
            let status = match p.plan.status {
                PlanStatus::Optimal => "optimal",
                PlanStatus::Feasible => {
                    if fr {
                        "réalisable"
                    } else {
                        "feasible"
                    }
                }
                PlanStatus::Unreachable => {
                    if fr {
                        "inatteignable"
                    } else {
                        "unreachable"
                    }
                }
            };
            let _ = writeln!(
                out,
                "### {} — {} ({}, {})\n",
                p.label.get(lang),
                p.curriculum,
                hours(p.plan.total_hours, lang),
                status
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
                let lead = if fr {
                    "hors de portée"
                } else {
                    "out of reach"
                };
                let _ = writeln!(out, "- {lead} : {}", o.text.get(lang));
            }
            let _ = writeln!(out);
        }
        let college_label = |id: &str| {
            self.analysis
                .colleges
                .iter()
                .find(|c| c.id == id)
                .map_or(id.to_string(), |c| c.label.get(lang).to_string())
        };
        let totals: Vec<String> = team
            .hours
            .iter()
            .filter(|g| g.team.is_none())
            .map(|g| {
                let label = college_label(&g.group);
                format!("{label} : {}", hours(g.hours, lang))
            })
            .collect();
        let _ = writeln!(
            out,
            "Total : {} ({})",
            hours(team.total_hours, lang),
            totals.join(" ; ")
        );
        for g in team.hours.iter().filter(|g| g.team.is_some()) {
            let label = college_label(&g.group);
            let _ = writeln!(
                out,
                "- {label} — {} : {} ({})",
                g.team.as_deref().unwrap_or_default(),
                hours(g.hours, lang),
                if fr {
                    "non ajouté au total : ses membres sont comptés dans le collège"
                } else {
                    "not added to the total: its members are counted in the college"
                }
            );
        }
        let _ = writeln!(
            out,
            "\n## {}\n",
            if fr { "Plan d'action" } else { "Action plan" }
        );
        let headers = crate::action_plan::headers(lang);
        let _ = writeln!(out, "| {} |\n|---|---|---|---|---|", headers.join(" | "));
        for a in &team.actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                markdown_cell(a.objective.get(lang)),
                markdown_cell(a.action.get(lang)),
                markdown_cell(&a.owner),
                markdown_cell(&a.deadline),
                markdown_cell(&a.indicator)
            );
        }
        out
    }
}

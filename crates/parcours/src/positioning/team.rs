//! From positioning to a team training plan and an action plan (seed 001: after the
//! analysis, the steering committee sets operational objectives, chooses among the
//! training paths and modules, and writes an action plan).
//!
//! - **Objectives**: the objectives the priority items suggest (written by the
//!   instrument's designer; the engine selects and orders them, never writes them),
//!   lowest position first, then instrument order.
//! - **Team training plan**: for each staff group — each published college, and
//!   each team within it that has priorities of its own (see
//!   [`crate::positioning::analysis::TeamFinding`]) — and each curriculum the instrument cites,
//!   the plan optimiser ([`crate::engine::plan`]) — not a second planner — runs on a
//!   learner record with the college's audience, no evidence, and as goal the
//!   (competency, level) pairs its priority items cite in that curriculum. Hidden
//!   colleges and cells get no plan (their priorities are not published).
//! - **Action plan**: one row per priority objective (the action prefilled with
//!   the modules the plans give for it, their hours, and the trainee-hours over
//!   the colleges concerned), per subject for dialogue (a discussion in committee
//!   with the colleges concerned) and per overall strength (to consolidate); each
//!   with its theme, items, colleges, a follow-up indicator (the item's figure
//!   today, to watch at the next wave) and a status, « Proposée »; owner and
//!   deadline for the committee to fill in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::curriculum::compiled::Compiled;
use crate::engine::plan::{plan, Plan, PlanOptions, PlanStatus};
use crate::learner::record::{CompetencyGoal, CurriculumRef, Goals, LearnerRecord};
use crate::positioning::analysis::Analysis;
use crate::positioning::instrument::{parse_citation, CheckedInstrument};
use crate::read::locale::{Lang, Text};
use crate::read::order;

/// An operational objective suggested by a priority item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Objective {
    /// The item it comes from.
    pub item: String,
    /// The item's theme.
    pub theme: String,
    /// The objective, as the instrument words it.
    pub text: Text,
    /// Where the item is a priority: `overall` and/or published college ids.
    pub priority_for: Vec<String>,
    /// Position of the item (overall, or the lowest among its colleges).
    pub position: f64,
    /// Modules the item cites (`curriculumId/moduleId`).
    pub modules: Vec<String>,
}

/// One college's plan in one curriculum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupPlan {
    /// The published college (group) id.
    pub group: String,
    /// The team, for a staff group within the college.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Its name.
    pub label: Text,
    /// The audience it was planned as.
    pub audience: String,
    /// The curriculum.
    pub curriculum: String,
    /// The curriculum's title, which heads the plan in a report.
    pub curriculum_title: Text,
    /// How many people the group has (the instrument's `headcounts`), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Hours per person × people, when the headcount is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainee_hours: Option<f64>,
    /// The items whose competencies make the goal.
    pub items: Vec<String>,
    /// The plan, from the plan optimiser.
    pub plan: Plan,
    /// Targets left out because no module open to the group reaches them, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub out_of_reach: Vec<crate::engine::plan::Obstacle>,
}

/// Total hours of one staff group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupHours {
    /// Group (college) id.
    pub group: String,
    /// The team, for a staff group within the college.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Hours per person over its plans.
    pub hours: f64,
    /// How many people the group has, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Hours per person × people (the budget's unit), when the headcount is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainee_hours: Option<f64>,
}

/// What a row of the action plan answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ActionKind {
    /// A priority: low and consensual, to start or deepen a change.
    Priority,
    /// A subject for dialogue: answers split, or colleges apart.
    Dialogue,
    /// A strength to consolidate.
    Strength,
}

/// One row of the action plan: a priority, a subject for dialogue or a strength
/// to consolidate, with what the committee needs to decide and follow it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActionRow {
    /// What the row answers.
    pub kind: ActionKind,
    /// The theme of its item.
    pub theme: String,
    /// The item(s) it comes from.
    pub items: Vec<String>,
    /// The published colleges concerned (group ids).
    pub colleges: Vec<String>,
    /// The objective: the designer's for a priority, a standard one otherwise.
    pub objective: Text,
    /// The action proposed: for a priority, the planned modules with their
    /// hours per person; for dialogue, a discussion in committee; for a
    /// strength, sharing the practice.
    pub action: Text,
    /// People concerned (the colleges' headcounts), when every one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Trainee-hours of the proposed training, when the headcounts are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainee_hours: Option<f64>,
    /// How to follow it: the item's figure to watch at the next wave, with
    /// today's value.
    pub indicator: Text,
    /// Who: for the committee to fill in.
    pub owner: String,
    /// When: for the committee to fill in.
    pub deadline: String,
    /// Where it stands: « Proposée » until the committee decides.
    pub status: Text,
}

/// The team training plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TeamPlan {
    /// The objectives, in order.
    pub objectives: Vec<Objective>,
    /// The plans, per published college and curriculum.
    pub plans: Vec<GroupPlan>,
    /// Hours per group.
    pub hours: Vec<GroupHours>,
    /// Trainee-hours over the colleges' plans whose headcount is known (hours
    /// per person of different groups never add up to anything; team plans
    /// concern members of a college and are not added again).
    pub total_trainee_hours: f64,
    /// Colleges with a plan but no headcount: their trainee-hours are unknown
    /// and left out of the total.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_headcount: Vec<String>,
    /// The action plan.
    pub actions: Vec<ActionRow>,
    /// Curricula the instrument cites that were not given (no plan there).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_curricula: Vec<String>,
}

/// Builds the team training plan from an analysis, over the given curricula.
pub(crate) fn team_plan(
    instr: &CheckedInstrument,
    analysis: &Analysis,
    curricula: &[&Compiled],
    now: &str,
) -> TeamPlan {
    let items = instr.items();
    // Objectives: every item that is a priority somewhere, lowest first.
    let mut by_item: BTreeMap<usize, (Vec<String>, f64)> = BTreeMap::new();
    for f in &analysis.priorities {
        let Some(i) = instr.item_ix(&f.item) else {
            continue;
        };
        let position = match &f.reason {
            crate::positioning::analysis::Reason::LowAndConsensual { position, .. } => *position,
            _ => 1.0,
        };
        let entry = by_item.entry(i).or_insert((Vec::new(), position));
        entry
            .0
            .push(f.college.clone().unwrap_or_else(|| "overall".into()));
        entry.1 = entry.1.min(position);
    }
    let mut objectives: Vec<(usize, Objective)> = by_item
        .into_iter()
        .filter_map(|(i, (priority_for, position))| {
            let item = &items[i];
            let text = item.objective.clone()?;
            Some((
                i,
                Objective {
                    item: item.id.clone(),
                    theme: instr.themes()[instr.theme_of(i)].id.clone(),
                    text,
                    priority_for,
                    position,
                    modules: item.modules.clone(),
                },
            ))
        })
        .collect();
    order::sort_by(&mut objectives, |a, b| {
        a.1.position.total_cmp(&b.1.position).then(a.0.cmp(&b.0))
    });

    // Plans: per published college, per cited curriculum.
    let mut plans = Vec::new();
    let mut missing = Vec::new();
    for id in &instr.document().curricula {
        if !curricula.iter().any(|c| &c.document().id == id) {
            missing.push(id.clone());
        }
    }
    // Staff groups: each published college, then its teams with priorities of
    // their own.
    let mut staff: Vec<(
        &crate::positioning::analysis::Group,
        Option<String>,
        Vec<usize>,
    )> = Vec::new();
    for group in &analysis.colleges {
        let items_of = analysis
            .priorities
            .iter()
            .filter(|f| f.college.as_deref() == Some(group.id.as_str()))
            .filter_map(|f| instr.item_ix(&f.item))
            .collect();
        staff.push((group, None, items_of));
    }
    let mut teams: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for f in &analysis.team_priorities {
        let Some(g) = analysis.colleges.iter().position(|c| c.id == f.college) else {
            continue;
        };
        if let Some(i) = instr.item_ix(&f.item) {
            teams.entry((g, f.team.as_str())).or_default().push(i);
        }
    }
    for ((g, team), items_of) in teams {
        staff.push((&analysis.colleges[g], Some(team.to_string()), items_of));
    }
    for (group, team, priority_items) in &staff {
        let Some(college) = instr.college_ix(&group.id).map(|c| &instr.colleges()[c]) else {
            continue;
        };
        let label = match team {
            Some(t) => Text::fr_en(
                format!("{} — {t}", group.label.get(Lang::Fr)),
                format!("{} — {t}", group.label.get(Lang::En)),
            ),
            None => group.label.clone(),
        };
        for c in curricula {
            let doc = c.document();
            let Some(audience) = college
                .audiences
                .iter()
                .find(|a| c.audience_ix(a).is_some())
                .cloned()
            else {
                continue;
            };
            let mut goals: BTreeMap<String, u32> = BTreeMap::new();
            let mut cited_items = Vec::new();
            for &i in priority_items {
                let mut cites = false;
                for cited in &items[i].competencies {
                    let Some(citation) = parse_citation(&cited.competency) else {
                        continue;
                    };
                    if citation.curriculum == doc.id && c.competency_ix(citation.id).is_some() {
                        let level = goals.entry(citation.id.to_string()).or_insert(0);
                        *level = (*level).max(cited.level);
                        cites = true;
                    }
                }
                if cites {
                    cited_items.push(items[i].id.clone());
                }
            }
            if goals.is_empty() {
                continue;
            }
            let record = LearnerRecord {
                format_version: crate::learner::record::LEARNER_FORMAT_VERSION,
                id: format!("{}-{}", group.id, doc.id),
                audience: audience.clone(),
                curriculum: CurriculumRef {
                    id: doc.id.clone(),
                    version: doc.version.clone(),
                },
                now: now.to_string(),
                goals: Some(Goals {
                    complete: false,
                    competencies: goals
                        .into_iter()
                        .map(|(competency, level)| CompetencyGoal { competency, level })
                        .collect(),
                }),
                ..LearnerRecord::default()
            };
            // A target no module open to the group teaches is reported and left
            // out, so that the others still get their plan.
            let mut record = record;
            let mut dropped: Vec<crate::engine::plan::Obstacle> = Vec::new();
            let found = loop {
                let Some(learner) = crate::learner::record::resolve_record(c, &record) else {
                    break None;
                };
                let mut p = plan(c, &learner, &PlanOptions::default());
                let Some(goals) = record.goals.as_mut() else {
                    break Some(p);
                };
                let before = goals.competencies.len();
                goals
                    .competencies
                    .retain(|g| p.obstacles.iter().all(|o| o.subject != g.competency));
                let left = goals.competencies.len();
                // Done when reachable, when no single target is to blame, or when
                // every target is out of reach (the obstacles then say why).
                if p.status != PlanStatus::Unreachable || left == before || left == 0 {
                    break Some(p);
                }
                dropped.append(&mut p.obstacles);
            };
            let Some(p) = found else {
                continue;
            };
            let headcount = instr.headcount(&group.colleges, team.as_deref());
            let per_person = if p.status == PlanStatus::Unreachable {
                0.0
            } else {
                p.total_hours
            };
            plans.push(GroupPlan {
                group: group.id.clone(),
                team: team.clone(),
                label: label.clone(),
                audience,
                curriculum: doc.id.clone(),
                curriculum_title: doc.title.clone(),
                headcount,
                trainee_hours: headcount
                    .map(|n| crate::learner::evidence::round4(f64::from(n) * per_person)),
                items: cited_items,
                plan: p,
                out_of_reach: dropped,
            });
        }
    }
    let mut hours: Vec<GroupHours> = Vec::new();
    for p in &plans {
        let h = if p.plan.status == PlanStatus::Unreachable {
            0.0
        } else {
            p.plan.total_hours
        };
        match hours
            .iter_mut()
            .find(|g| g.group == p.group && g.team == p.team)
        {
            Some(g) => g.hours = crate::learner::evidence::round4(g.hours + h),
            None => hours.push(GroupHours {
                group: p.group.clone(),
                team: p.team.clone(),
                hours: h,
                headcount: p.headcount,
                trainee_hours: None,
            }),
        }
    }
    for g in &mut hours {
        g.trainee_hours = g
            .headcount
            .map(|n| crate::learner::evidence::round4(f64::from(n) * g.hours));
    }
    // Each person belongs to one college: the overall total counts the college
    // plans; a team's plan is listed on its own (its members are in the college).
    let total_trainee_hours = crate::learner::evidence::round4(
        hours
            .iter()
            .filter(|g| g.team.is_none())
            .filter_map(|g| g.trainee_hours)
            .sum(),
    );
    let without_headcount = hours
        .iter()
        .filter(|g| g.team.is_none() && g.headcount.is_none())
        .map(|g| g.group.clone())
        .collect();

    // Actions: one per objective, with the planned modules that work on it (they
    // teach a competency the item cites, or the item cites them), their hours
    // and trainee-hours over the colleges concerned; then one per subject for
    // dialogue and one per strength.
    let all_colleges: Vec<String> = analysis.colleges.iter().map(|g| g.id.clone()).collect();
    let overall_of = |i: usize| {
        analysis
            .items
            .get(i)
            .and_then(|a| a.overall.as_ref())
            .map(|s| (s.mean, s.consensus))
    };
    let top = instr.values().last().copied().unwrap_or(0);
    // An overall finding concerns the colleges with a published figure on the
    // item (not those that did not answer it, as persons supported for an item
    // about staff's own practice).
    let answering = |i: usize| -> Vec<String> {
        analysis.items.get(i).map_or_else(Vec::new, |a| {
            a.colleges.iter().map(|c| c.group.clone()).collect()
        })
    };
    let people = |colleges: &[String]| -> Option<u32> {
        colleges.iter().try_fold(0u32, |sum, id| {
            let g = analysis.colleges.iter().find(|g| &g.id == id)?;
            Some(sum.saturating_add(instr.headcount(&g.colleges, None)?))
        })
    };
    let mut actions: Vec<ActionRow> = objectives
        .iter()
        .map(|(i, o)| {
            let item = &items[*i];
            let concerned: Vec<String> = if o.priority_for.iter().any(|c| c == "overall") {
                answering(*i)
            } else {
                o.priority_for.clone()
            };
            let mut planned: Vec<(&Text, f64)> = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            let mut trainee = Some(0.0);
            // Only the plans of the colleges concerned (and their teams): a module
            // another group takes does not train them.
            for p in plans.iter().filter(|p| concerned.contains(&p.group)) {
                let Some(c) = curricula.iter().find(|c| c.document().id == p.curriculum) else {
                    continue;
                };
                let counted = p.team.is_none();
                let mut hours_here = 0.0;
                for step in &p.plan.steps {
                    let cited = format!("{}/{}", p.curriculum, step.module);
                    let Some(m) = c.module_ix(&step.module) else {
                        continue;
                    };
                    let teaches_it = item.competencies.iter().any(|k| {
                        parse_citation(&k.competency).is_some_and(|cit| {
                            cit.curriculum == p.curriculum
                                && c.competency_ix(cit.id).is_some_and(|kx| {
                                    c.module(m).teaches.iter().any(|&(t, _)| t == kx)
                                })
                        })
                    });
                    if !(teaches_it || item.modules.contains(&cited)) {
                        continue;
                    }
                    hours_here += step.hours;
                    if !seen.contains(&cited) {
                        seen.push(cited);
                        planned.push((&step.title, step.hours));
                    }
                }
                if counted && hours_here > 0.0 {
                    trainee = match (trainee, p.headcount) {
                        (Some(t), Some(n)) => Some(t + f64::from(n) * hours_here),
                        _ => None,
                    };
                }
            }
            let list = |lang: Lang| {
                planned
                    .iter()
                    .map(|(t, h)| {
                        let h = crate::learner::evidence::round4(*h);
                        match lang {
                            Lang::Fr => format!(
                                "« {} » ({} h)",
                                t.get(lang),
                                h.to_string().replace('.', ",")
                            ),
                            Lang::En => format!("\"{}\" ({h} h)", t.get(lang)),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let action = if planned.is_empty() {
                Text::fr_en("", "")
            } else {
                Text::fr_en(
                    format!("Former : {}", list(Lang::Fr)),
                    format!("Train: {}", list(Lang::En)),
                )
            };
            let mean = overall_of(*i).map_or(0.0, |(m, _)| m);
            let has_training = trainee.is_some_and(|t| t > 0.0);
            ActionRow {
                kind: ActionKind::Priority,
                theme: o.theme.clone(),
                items: vec![item.id.clone()],
                headcount: people(&concerned),
                trainee_hours: trainee
                    .filter(|_| has_training)
                    .map(crate::learner::evidence::round4),
                colleges: concerned,
                objective: o.text.clone(),
                action,
                indicator: mean_indicator(mean, top, true),
                owner: String::new(),
                deadline: String::new(),
                status: proposed(),
            }
        })
        .collect();
    // Subjects for dialogue: one row per item, with the colleges concerned (the
    // two apart, the dispersed ones, or every college for the overall figure).
    let mut dialogue: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for f in &analysis.dialogue {
        let Some(i) = instr.item_ix(&f.item) else {
            continue;
        };
        let entry = dialogue.entry(i).or_default();
        let add: Vec<String> = match (&f.reason, &f.college) {
            (crate::positioning::analysis::Reason::CollegesApart { low, high, .. }, _) => {
                vec![low.clone(), high.clone()]
            }
            (_, Some(c)) => vec![c.clone()],
            (_, None) => answering(i),
        };
        for c in add {
            if !entry.contains(&c) {
                entry.push(c);
            }
        }
    }
    for (i, mut concerned) in dialogue {
        order::sort_by_key(&mut concerned, |c| all_colleges.iter().position(|g| g == c));
        let consensus = overall_of(i).map_or(0.0, |(_, c)| c);
        actions.push(ActionRow {
            kind: ActionKind::Dialogue,
            theme: instr.themes()[instr.theme_of(i)].id.clone(),
            items: vec![items[i].id.clone()],
            headcount: people(&concerned),
            trainee_hours: None,
            colleges: concerned,
            objective: Text::fr_en(
                "Comprendre pourquoi les avis diffèrent, et s'accorder sur la suite.",
                "Understand why opinions differ, and agree on what to do next.",
            ),
            action: Text::fr_en(
                "Un temps d'échange en comité avec les collèges concernés.",
                "A discussion in committee with the colleges concerned.",
            ),
            indicator: Text::fr_en(
                format!(
                    "Consensus de l'item à la prochaine vague (aujourd'hui {})",
                    decimal(consensus, Lang::Fr)
                ),
                format!(
                    "The item's consensus at the next wave (today {})",
                    decimal(consensus, Lang::En)
                ),
            ),
            owner: String::new(),
            deadline: String::new(),
            status: proposed(),
        });
    }
    // Strengths to consolidate: the overall ones.
    for f in analysis.strengths.iter().filter(|f| f.college.is_none()) {
        let Some(i) = instr.item_ix(&f.item) else {
            continue;
        };
        let mean = overall_of(i).map_or(0.0, |(m, _)| m);
        actions.push(ActionRow {
            kind: ActionKind::Strength,
            theme: instr.themes()[instr.theme_of(i)].id.clone(),
            items: vec![items[i].id.clone()],
            colleges: answering(i),
            headcount: None,
            trainee_hours: None,
            objective: Text::fr_en(
                "Consolider ce point fort et le faire connaître.",
                "Consolidate this strength and make it known.",
            ),
            action: Text::fr_en(
                "Partager la pratique entre équipes et avec les partenaires.",
                "Share the practice between teams and with partners.",
            ),
            indicator: mean_indicator(mean, top, false),
            owner: String::new(),
            deadline: String::new(),
            status: proposed(),
        });
    }
    TeamPlan {
        objectives: objectives.into_iter().map(|(_, o)| o).collect(),
        plans,
        hours,
        total_trainee_hours,
        without_headcount,
        actions,
        missing_curricula: missing,
    }
}

/// « Proposée »: where a row stands until the committee decides.
fn proposed() -> Text {
    Text::fr_en("Proposée", "Proposed")
}

/// A number with at most 2 decimals, as the reports write it.
fn decimal(x: f64, lang: Lang) -> String {
    let text = format!("{}", libm::round(x * 100.0) / 100.0);
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The item's mean to watch at the next wave: to raise (a priority) or to keep
/// (a strength).
fn mean_indicator(mean: f64, top: i32, raise: bool) -> Text {
    let (fr, en) = if raise {
        (
            "Moyenne de l'item à la prochaine vague",
            "The item's mean at the next wave",
        )
    } else {
        (
            "Moyenne de l'item maintenue à la prochaine vague",
            "The item's mean kept at the next wave",
        )
    };
    Text::fr_en(
        format!("{fr} (aujourd'hui {} sur {top})", decimal(mean, Lang::Fr)),
        format!("{en} (today {} out of {top})", decimal(mean, Lang::En)),
    )
}

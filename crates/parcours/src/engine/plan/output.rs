//! The [`Plan`] and its parts: the goal, the steps in plan order, weeks, what the
//! plan takes for granted, and why a goal cannot be reached.

use serde::Serialize;

use crate::curriculum::compiled::{CompetencyIx, Compiled, Cond, ModuleIx, Op};
use crate::curriculum::model::ModuleKind;
use crate::learner::evidence::round4;
use crate::learner::progress::hours;
use crate::learner::record::Learner;
use crate::learner::state::{describe, level_name, Facts, ModuleState};
use crate::learner::unlock::Known;
use crate::read::locale::{Lang, Text};

use super::model::{holds, vars_of, BitSet, Blocked, Impossible, Model};

/// How good the plan is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum PlanStatus {
    /// Proven to have the fewest hours.
    Optimal,
    /// The best plan found within the node budget; the gap says how far from the
    /// proven lower bound it may be.
    Feasible,
    /// No plan reaches the goal; `obstacles` says why.
    Unreachable,
}

/// Why a module is in the plan, when it is not a first completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum StepKind {
    /// A first completion.
    Take,
    /// Completed, but its validity has passed.
    Renew,
    /// Completed, but a score threshold asks for a better score.
    Retake,
    /// Held by positioning, taken only for the score a prerequisite asks of it.
    ForScore,
}

/// One module of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// Module id.
    pub module: String,
    /// Module title.
    pub title: Text,
    /// Core or optional.
    pub kind: ModuleKind,
    /// Take, renew or retake.
    pub action: StepKind,
    /// Stage id, if the curriculum has stages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Duration in hours.
    pub hours: f64,
    /// Week of the plan (from 1), with `hoursPerWeek`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub week: Option<u32>,
}

/// One week of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Week {
    /// Week number, from 1.
    pub week: u32,
    /// Hours of training in the week.
    pub hours: f64,
    /// Modules started or continued in the week.
    pub modules: Vec<String>,
}

/// What the plan takes for granted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", tag = "kind")]
#[non_exhaustive]
pub enum Assumption {
    /// Completing `by` brings the competency to the level.
    #[serde(rename_all = "camelCase")]
    Level {
        /// Competency id.
        competency: String,
        /// Level rank.
        level: u32,
        /// The planned module that teaches it.
        by: String,
    },
    /// The module is completed with at least this score (in hundredths).
    #[serde(rename_all = "camelCase")]
    Score {
        /// Module id.
        module: String,
        /// Lowest score, 0–100.
        min: ScoreValue,
    },
}

/// A score threshold, ordered by value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ScoreValue(pub f64);

impl Eq for ScoreValue {}

impl PartialOrd for ScoreValue {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ScoreValue {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Why the goal cannot be reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Obstacle {
    /// The module, competency or group concerned.
    pub subject: String,
    /// What stands in the way, in the curriculum's words.
    pub text: Text,
}

/// A competency target of the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Target {
    /// Competency id.
    pub competency: String,
    /// Level rank to reach.
    pub level: u32,
    /// Level rank now, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<u32>,
}

/// What the plan aims at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Goal {
    /// Complete the curriculum (the completion rule and every group rule).
    pub complete: bool,
    /// Competency levels to reach.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<Target>,
}

/// What the search did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SearchReport {
    /// Nodes expanded.
    pub nodes: u64,
    /// The node budget.
    pub budget: u64,
    /// Modules the search considered (those that can serve the goal).
    pub candidates: u32,
    /// When the budget ran out: the bound the search itself proved, in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_bound_hours: Option<f64>,
    /// When the budget ran out: the linear-programming relaxation's bound, in hours
    /// (the plan's lower bound is the larger of the two).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxation_bound_hours: Option<f64>,
    /// When the budget ran out: the programs the branch and bound over the
    /// relaxation solved (its own budget is the search's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxation_nodes: Option<u64>,
}

/// The shortest individual path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Plan {
    /// Learner id.
    pub learner: String,
    /// Curriculum id.
    pub curriculum: String,
    /// Curriculum version.
    pub version: String,
    /// What the plan aims at.
    pub goal: Goal,
    /// Optimal, feasible (with a gap) or unreachable.
    pub status: PlanStatus,
    /// Total hours of the plan.
    pub total_hours: f64,
    /// No plan can have fewer hours than this.
    pub lower_bound_hours: f64,
    /// `(total − lower bound) / total`, when not proven optimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Hours the learner has, when the record says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_available: Option<f64>,
    /// The modules, in the order to take them.
    pub steps: Vec<Step>,
    /// The plan spread into weeks, with `hoursPerWeek`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weeks: Vec<Week>,
    /// Levels and scores the plan takes for granted.
    pub assumptions: Vec<Assumption>,
    /// Why the goal cannot be reached (status `unreachable`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obstacles: Vec<Obstacle>,
    /// What the search did.
    pub search: SearchReport,
}

pub(super) fn goal_of(c: &Compiled, learner: &Learner, facts: &Facts) -> Goal {
    Goal {
        complete: learner.goal_complete || learner.goal_levels.is_empty(),
        competencies: learner
            .goal_levels
            .iter()
            .map(|&(k, level)| Target {
                competency: c.competencies()[k.index()].id.clone(),
                level,
                now: facts.levels[k.index()],
            })
            .collect(),
    }
}

/// The plan's steps, in plan `order`.
pub(super) fn steps(c: &Compiled, model: &Model, facts: &Facts, order: &[usize]) -> Vec<Step> {
    order
        .iter()
        .map(|&v| {
            let m = model.vars[v];
            let info = c.module(m);
            let action = match facts.state(m) {
                ModuleState::Expired => StepKind::Renew,
                ModuleState::Completed => StepKind::Retake,
                // A dispensation that stands for the module is taken again only
                // for a score; one that does not (the curriculum's `exemption`
                // policy) leaves the module to take.
                ModuleState::MasteredByPositioning if facts.dispensation_opens(m) => {
                    StepKind::ForScore
                }
                _ => StepKind::Take,
            };
            Step {
                module: info.id.clone(),
                title: c.document().modules[m.index()].title.clone(),
                kind: info.kind,
                action,
                stage: info
                    .stage
                    .map(|s| c.document().stages[s.index()].id.clone()),
                hours: hours(u64::from(info.minutes)),
                week: None,
            }
        })
        .collect()
}

/// Fills weeks of `hours_per_week` in plan order. A module that does not fit in what
/// is left of a week starts the next one (a training day is not cut in two); only a
/// module longer than a whole week runs over several.
pub(super) fn spread(
    steps: &mut [Step],
    order: &[usize],
    model: &Model,
    hours_per_week: f64,
) -> Vec<Week> {
    let capacity = (hours_per_week * 60.0).round().max(1.0) as u64;
    // A plan longer than this many weeks is not spread week by week: each week is
    // a row of output, and a module of millions of hours would make millions.
    const MAX_WEEKS: u64 = 520;
    let total: u64 = order.iter().map(|&v| u64::from(model.minutes[v])).sum();
    if total / capacity > MAX_WEEKS {
        return Vec::new();
    }
    let mut weeks: Vec<Week> = Vec::new();
    let mut week = 0u32;
    let mut left = 0u64;
    for (step, &v) in steps.iter_mut().zip(order) {
        let mut remaining = u64::from(model.minutes[v]);
        if left == 0 || (remaining > left && left < capacity) {
            week += 1;
            left = capacity;
        }
        step.week = Some(week);
        loop {
            let used = remaining.min(left);
            remaining -= used;
            left -= used;
            if weeks.last().is_none_or(|w| w.week != week) {
                weeks.push(Week {
                    week,
                    hours: 0.0,
                    modules: Vec::new(),
                });
            }
            if let Some(w) = weeks.last_mut() {
                w.hours = round4(w.hours + used as f64 / 60.0);
                w.modules.push(step.module.clone());
            }
            if remaining == 0 {
                break;
            }
            week += 1;
            left = capacity;
        }
    }
    weeks
}

impl Model<'_> {
    /// The plan's order: at each step, the ready module with the smallest
    /// (stage, core first, id).
    ///
    /// Event-driven, in O(n log n) plus one check of a module's prerequisites each
    /// time one of the modules they name is placed: the ready modules wait in a
    /// heap, and placing a module re-checks only the members whose prerequisites
    /// name it (prerequisites are monotone: once ready, always ready). Scanning
    /// every member at each step made a 6,900-module plan quadratic.
    pub(super) fn plan_order(&self, s: &BitSet) -> Vec<usize> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;

        let members: Vec<usize> = s.iter().collect();
        let mut placed = BitSet::new(self.vars.len());
        let mut queued = BitSet::new(self.vars.len());
        let mut ready = BinaryHeap::new();
        for &v in &members {
            if holds(&self.requires[v], &placed, &self.minutes) {
                queued.insert(v);
                ready.push(Reverse((self.order_key[v], v)));
            }
        }
        let mut order = Vec::with_capacity(members.len());
        while let Some(Reverse((_, v))) = ready.pop() {
            placed.insert(v);
            order.push(v);
            for &d in &self.dependents[v] {
                if s.contains(d)
                    && !queued.contains(d)
                    && holds(&self.requires[d], &placed, &self.minutes)
                {
                    queued.insert(d);
                    ready.push(Reverse((self.order_key[d], d)));
                }
            }
        }
        // Short of the members only if the set is not a plan: cannot happen for a
        // feasible set (the scan this replaced stopped there too).
        order
    }

    /// The order [`Model::plan_order`] must give, found by scanning every member at
    /// each step: what the property tests compare it with.
    #[cfg(test)]
    pub(super) fn plan_order_by_scan(&self, s: &BitSet) -> Vec<usize> {
        let mut placed = BitSet::new(self.vars.len());
        let mut order = Vec::with_capacity(s.len());
        let members: Vec<usize> = s.iter().collect();
        while order.len() < members.len() {
            let next = members
                .iter()
                .copied()
                .filter(|&v| {
                    !placed.contains(v) && holds(&self.requires[v], &placed, &self.minutes)
                })
                .min_by_key(|&v| self.order_key[v]);
            let Some(v) = next else {
                break;
            };
            placed.insert(v);
            order.push(v);
        }
        order
    }

    /// The levels and scores the plan takes for granted, in plan order.
    pub(super) fn assumptions(
        &self,
        order: &[usize],
        learner: &Learner,
        facts: &Facts,
    ) -> Vec<Assumption> {
        let c = self.c;
        let mut placed: Vec<ModuleIx> = Vec::new();
        let mut out: Vec<Assumption> = Vec::new();
        let level_by = |k: CompetencyIx, level: u32, placed: &[ModuleIx]| {
            placed
                .iter()
                .filter(|&&m| {
                    c.module(m)
                        .teaches
                        .iter()
                        .any(|&(t, l)| t == k && l >= level)
                })
                .min_by_key(|&&m| c.id_rank(m))
                .copied()
        };
        for &v in order {
            let m = self.vars[v];
            if let Some(r) = &c.module(m).requires {
                let mut leaves = Vec::new();
                leaves_of(r, &mut leaves);
                for leaf in leaves {
                    match &leaf.op {
                        Op::Score(j, min) if !facts.score_at(*j, *min) && placed.contains(j) => {
                            out.push(Assumption::Score {
                                module: c.module(*j).id.clone(),
                                min: ScoreValue(*min),
                            });
                        }
                        Op::Competency(k, level) if !facts.competency_at(*k, *level) => {
                            if let Some(by) = level_by(*k, *level, &placed) {
                                out.push(Assumption::Level {
                                    competency: c.competencies()[k.index()].id.clone(),
                                    level: *level,
                                    by: c.module(by).id.clone(),
                                });
                            }
                        }
                        _ => {}
                    }
                }
            }
            placed.push(m);
        }
        for &(k, level) in &learner.goal_levels {
            if facts.competency_at(k, level) {
                continue;
            }
            if let Some(by) = level_by(k, level, &placed) {
                out.push(Assumption::Level {
                    competency: c.competencies()[k.index()].id.clone(),
                    level,
                    by: c.module(by).id.clone(),
                });
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        out.retain(|a| seen.insert(a.clone()));
        out
    }

    /// Why the goal fails even with every module that can be planned.
    pub(super) fn obstacles(&self, everything: &BitSet, facts: &Facts) -> Vec<Obstacle> {
        let c = self.c;
        let mut out: Vec<Obstacle> = self
            .impossible
            .iter()
            .map(|&why| impossible_text(c, why, &self.blocked, facts))
            .collect();
        // Candidates that can never be placed, and which the goal names.
        let mut named: Vec<usize> = Vec::new();
        for f in &self.goal {
            if !holds(f, everything, &self.minutes) {
                vars_of(f, &mut named);
            }
        }
        named.sort_unstable();
        named.dedup();
        let mut seen: Vec<ModuleIx> = Vec::new();
        for v in named {
            if everything.contains(v) {
                continue;
            }
            let m = self.vars[v];
            let title = &c.document().modules[m.index()].title;
            let why = c
                .module(m)
                .requires
                .as_ref()
                .map(|r| describe(c, r))
                .unwrap_or_else(|| Text::fr_en("", ""));
            out.push(Obstacle {
                subject: c.module(m).id.clone(),
                text: both(|l| match l {
                    Lang::Fr => format!(
                        "« {} » ne peut jamais être suivi : ses prérequis ({}) ne peuvent pas être remplis",
                        title.get(l),
                        why.get(l)
                    ),
                    Lang::En => format!(
                        "\"{}\" can never be taken: its prerequisites ({}) cannot be met",
                        title.get(l),
                        why.get(l)
                    ),
                }),
            });
            self.causes(m, everything, facts, &mut seen, &mut out);
        }
        let mut unique: Vec<(String, String)> = Vec::new();
        out.retain(|o| {
            let key = (o.subject.clone(), o.text.get(Lang::Fr).to_string());
            let new = !unique.contains(&key);
            unique.push(key);
            new
        });
        if out.is_empty() {
            out.push(Obstacle {
                subject: c.document().id.clone(),
                text: Text::fr_en(
                    "les règles de validation ne peuvent pas être remplies avec les modules accessibles",
                    "the completion rules cannot be met with the modules open to the learner",
                ),
            });
        }
        out
    }
}

impl Model<'_> {
    /// The root causes that keep `m` from ever being taken: modules excluded or
    /// not for the audience, levels no module teaches, through every module that is
    /// itself never takeable.
    fn causes(
        &self,
        m: ModuleIx,
        everything: &BitSet,
        facts: &Facts,
        seen: &mut Vec<ModuleIx>,
        out: &mut Vec<Obstacle>,
    ) {
        if seen.contains(&m) {
            return;
        }
        seen.push(m);
        let c = self.c;
        let Some(r) = &c.module(m).requires else {
            return;
        };
        let mut leaves = Vec::new();
        leaves_of(r, &mut leaves);
        let takeable = |j: ModuleIx| {
            let v = self.var_of[j.index()];
            v != usize::MAX && everything.contains(v)
        };
        let mut next: Vec<ModuleIx> = Vec::new();
        for leaf in leaves {
            let blame = |j: ModuleIx, next: &mut Vec<ModuleIx>, out: &mut Vec<Obstacle>| {
                if let Some(why) = self.blocked[j.index()] {
                    out.push(blocked_text(c, j.index(), why));
                } else if !takeable(j) {
                    next.push(j);
                }
            };
            match &leaf.op {
                Op::Module(j) if !facts.module_done(*j) => blame(*j, &mut next, out),
                Op::Score(j, min) if !facts.score_at(*j, *min) => blame(*j, &mut next, out),
                Op::Competency(k, level) if !facts.competency_at(*k, *level) => {
                    let teachers: Vec<ModuleIx> = c
                        .modules()
                        .iter()
                        .filter(|info| info.teaches.iter().any(|&(t, l)| t == *k && l >= *level))
                        .filter_map(|info| c.module_ix(&info.id))
                        .collect();
                    if teachers.is_empty() {
                        out.push(no_teacher_at_all(c, *k, *level));
                    } else if !teachers.iter().any(|&t| takeable(t)) {
                        for t in teachers {
                            blame(t, &mut next, out);
                        }
                    }
                }
                _ => {}
            }
        }
        for j in next {
            self.causes(j, everything, facts, seen, out);
        }
    }
}

fn no_teacher_at_all(c: &Compiled, k: CompetencyIx, level: u32) -> Obstacle {
    let title = &c.document().framework.competencies[k.index()].title;
    let name = level_name(c, k, level);
    Obstacle {
        subject: c.competencies()[k.index()].id.clone(),
        text: both(|l| match l {
            Lang::Fr => format!(
                "aucun module n'enseigne « {} » au niveau « {} »",
                title.get(l),
                name.get(l)
            ),
            Lang::En => format!(
                "no module teaches \"{}\" to level \"{}\"",
                title.get(l),
                name.get(l)
            ),
        }),
    }
}

fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::fr_en(f(Lang::Fr), f(Lang::En))
}

fn blocked_text(c: &Compiled, m: usize, why: Blocked) -> Obstacle {
    let title = &c.document().modules[m].title;
    Obstacle {
        subject: c.modules()[m].id.clone(),
        text: both(|l| match (l, why) {
            (Lang::Fr, Blocked::Excluded) => {
                format!("« {} » est exclu par l'apprenant", title.get(l))
            }
            (Lang::En, Blocked::Excluded) => {
                format!("\"{}\" is excluded by the learner", title.get(l))
            }
            (Lang::Fr, Blocked::NotForAudience) => {
                format!(
                    "« {} » n'est pas ouvert au public de l'apprenant",
                    title.get(l)
                )
            }
            (Lang::En, Blocked::NotForAudience) => {
                format!("\"{}\" is not open to the learner's audience", title.get(l))
            }
        }),
    }
}

/// The obstacle for a goal part that no plan can meet.
fn impossible_text(
    c: &Compiled,
    why: Impossible,
    blocked: &[Option<Blocked>],
    facts: &Facts,
) -> Obstacle {
    match why {
        Impossible::Blocked(m, why) => blocked_text(c, m, why),
        Impossible::NoTeacher(k, level) => {
            let mut o = no_teacher(c, k, level, blocked);
            let reach = best_reach(c, k, level, blocked, facts);
            o.text = both(|l| match l {
                Lang::Fr => format!("{} ; {}", o.text.get(l), reach.get(l)),
                Lang::En => format!("{}; {}", o.text.get(l), reach.get(l)),
            });
            o
        }
        Impossible::Optional {
            need,
            hours: by_hours,
        } => optional_text(c, need, by_hours, blocked),
        Impossible::Group(gi) => {
            let title = &c.document().groups[gi].title;
            Obstacle {
                subject: c.groups()[gi].id.clone(),
                text: both(|l| {
                    match l {
                    Lang::Fr => format!("la règle du groupe « {} » ne peut pas être remplie avec les modules accessibles", title.get(l)),
                    Lang::En => format!("the rule of group \"{}\" cannot be met with the modules open to the learner", title.get(l)),
                }
                }),
            }
        }
    }
}

/// The best level of `k` the learner can reach, and the open modules that reach it:
/// what a designer can offer instead of a goal no plan meets.
fn best_reach(
    c: &Compiled,
    k: CompetencyIx,
    level: u32,
    blocked: &[Option<Blocked>],
    facts: &Facts,
) -> Text {
    let current = facts.levels[k.index()];
    let taught = |m: usize| {
        c.modules()[m]
            .teaches
            .iter()
            .filter(|&&(t, l)| t == k && l < level)
            .map(|&(_, l)| l)
            .max()
    };
    let best_taught = (0..c.modules().len())
        .filter(|&m| blocked[m].is_none())
        .filter_map(taught)
        .max();
    match (best_taught, current) {
        (Some(b), cur) if cur.is_none_or(|cur| b > cur) => {
            let mut by: Vec<usize> = (0..c.modules().len())
                .filter(|&m| blocked[m].is_none() && taught(m).is_some_and(|l| l >= b))
                .collect();
            by.sort_by_key(|&m| c.id_rank(ModuleIx(m as u32)));
            let name = level_name(c, k, b);
            let doc = c.document();
            both(|l| {
                let list: Vec<String> = by
                    .iter()
                    .map(|&m| match l {
                        Lang::Fr => format!("« {} »", doc.modules[m].title.get(l)),
                        Lang::En => format!("\"{}\"", doc.modules[m].title.get(l)),
                    })
                    .collect();
                match l {
                    Lang::Fr => format!(
                        "au mieux, l'apprenant peut atteindre le niveau « {} », avec {}",
                        name.get(l),
                        list.join(" ou ")
                    ),
                    Lang::En => format!(
                        "at best, the learner can reach level \"{}\", with {}",
                        name.get(l),
                        list.join(" or ")
                    ),
                }
            })
        }
        (_, Some(cur)) => {
            let name = level_name(c, k, cur);
            both(|l| match l {
                Lang::Fr => format!(
                    "le niveau actuel de l'apprenant, « {} », est le plus haut qu'il puisse atteindre",
                    name.get(l)
                ),
                Lang::En => format!(
                    "the learner's current level, \"{}\", is the highest they can reach",
                    name.get(l)
                ),
            })
        }
        (_, None) => Text::fr_en(
            "l'apprenant ne peut atteindre aucun niveau de cette compétence avec les modules qui lui sont ouverts",
            "the learner can reach no level of this competency with the modules open to them",
        ),
    }
}

/// The completion rule's optional modules that cannot all be taken, with the
/// optional modules in the way and why.
fn optional_text(c: &Compiled, need: u64, by_hours: bool, blocked: &[Option<Blocked>]) -> Obstacle {
    let reasons: Vec<Text> = c
        .modules()
        .iter()
        .enumerate()
        .filter(|(_, info)| info.kind == ModuleKind::Optional)
        .filter_map(|(m, _)| blocked[m].map(|why| blocked_text(c, m, why).text))
        .collect();
    Obstacle {
        subject: c.document().id.clone(),
        text: both(|l| {
            let list: Vec<&str> = reasons.iter().map(|t| t.get(l)).collect();
            let what = match (l, by_hours) {
                (Lang::Fr, false) => format!(
                    "il manque {need} module{} optionnel{} et les modules optionnels accessibles ne suffisent pas",
                    if need > 1 { "s" } else { "" },
                    if need > 1 { "s" } else { "" }
                ),
                (Lang::En, false) => format!(
                    "{need} more optional module{} needed and the optional modules open to the learner are too few",
                    if need > 1 { "s are" } else { " is" }
                ),
                (Lang::Fr, true) => format!(
                    "il manque {} h de modules optionnels et les modules optionnels accessibles ne suffisent pas",
                    hours(need).to_string().replace('.', ",")
                ),
                (Lang::En, true) => format!(
                    "{} h of optional modules are still needed and the optional modules open to the learner are too short",
                    hours(need)
                ),
            };
            match (l, list.is_empty()) {
                (_, true) => what,
                (Lang::Fr, false) => format!("{what} : {}", list.join(" ; ")),
                (Lang::En, false) => format!("{what}: {}", list.join("; ")),
            }
        }),
    }
}

fn no_teacher(c: &Compiled, k: CompetencyIx, level: u32, blocked: &[Option<Blocked>]) -> Obstacle {
    let title = &c.document().framework.competencies[k.index()].title;
    let name = level_name(c, k, level);
    let teachers: Vec<usize> = c
        .modules()
        .iter()
        .enumerate()
        .filter(|(_, info)| info.teaches.iter().any(|&(t, l)| t == k && l >= level))
        .map(|(m, _)| m)
        .collect();
    if teachers.is_empty() {
        return no_teacher_at_all(c, k, level);
    }
    let reasons: Vec<Text> = teachers
        .iter()
        .filter_map(|&m| blocked[m].map(|why| blocked_text(c, m, why).text))
        .collect();
    Obstacle {
        subject: c.competencies()[k.index()].id.clone(),
        text: both(|l| {
            let list: Vec<&str> = reasons.iter().map(|t| t.get(l)).collect();
            match l {
                Lang::Fr => format!(
                    "aucun module accessible n'enseigne « {} » au niveau « {} » : {}",
                    title.get(l),
                    name.get(l),
                    list.join(" ; ")
                ),
                Lang::En => format!(
                    "no module open to the learner teaches \"{}\" to level \"{}\": {}",
                    title.get(l),
                    name.get(l),
                    list.join("; ")
                ),
            }
        }),
    }
}

fn leaves_of<'c>(cond: &'c Cond, out: &mut Vec<&'c Cond>) {
    match &cond.op {
        Op::All(ch) | Op::Any(ch) | Op::AtLeast(_, ch) => {
            for x in ch {
                leaves_of(x, out);
            }
        }
        _ => out.push(cond),
    }
}

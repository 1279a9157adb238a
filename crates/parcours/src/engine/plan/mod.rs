//! The shortest individual path: the set of modules with the fewest hours that
//! reaches the learner's goal, in an order that respects every prerequisite, proven
//! optimal by a branch and bound.
//!
//! ## The model
//! - A module may be planned when it is for the learner's audience and not excluded.
//!   Modules completed or held by positioning count as done, so the plan skips them,
//!   except to meet a score threshold they do not meet (a *retake*, or a module held
//!   by positioning taken *for its score*); an expired one may be *renewed*.
//! - Each planned module's `requires` must hold when it is taken, over what is done
//!   and what the plan took before it: a module leaf holds once the module is done
//!   or planned before; a score leaf once the recorded best score meets it or the
//!   module is planned before (the plan then *assumes* the score is met); a
//!   competency leaf once the current level meets it or a module planned before
//!   teaches that level (an *assumed* level). Order matters: competency leaves can
//!   make two modules support each other, and neither can go first.
//! - The goal: a completion goal (also the goal of a learner without goals) asks for
//!   the completion rule and every group rule over the modules done (completed and
//!   valid, or held by positioning) and planned; a competency goal asks for each
//!   target level, now or taught by a planned module.
//! - Cost: the sum of the planned modules' minutes.
//!
//! ## The search
//! Every constraint (a goal part, or a planned module's prerequisite) is a monotone
//! formula over "module m is planned": adding modules never breaks one. A node is a
//! set of planned modules and a set of forbidden ones. At each node, modules that
//! every way of meeting an unmet constraint needs are added at once
//! (propagation); the node's lower bound is its cost plus the largest lower bound
//! of an unmet constraint (which for a count rule is the sum of the cheapest
//! modules it can still take, for an hours rule the hours missing). The search
//! branches on the unmet constraint with the fewest ways out: branch *i* plans its
//! *i*-th module and forbids the ones before it, so no set is seen twice. When every
//! constraint holds but some planned modules can never go first (a cyclic support),
//! it branches on every module that could break the cycle.
//!
//! Among plans of equal hours the answer is the one whose sorted id list is
//! lexicographically smallest: once the optimum is known, ids are decided in
//! increasing order, each kept when some optimal plan still contains it (one
//! decision search each). The plan is then ordered by (stage, core first, id) among
//! the modules ready at each step. The search is bounded by a node budget, never by
//! time: when the budget runs out, the best plan found is returned with the proven
//! lower bound and the gap. That bound is the larger of the search's own and the
//! optimum of the model's linear-programming relaxation (`plan/relaxation.rs`), which
//! weighs every constraint at once where the search's bounds weigh them apart. The
//! relaxation also proposes plans (its support rounded up, and whole-number
//! solutions reached by diving), kept when cheaper than the search's.

mod relaxation;

use serde::Serialize;

use crate::curriculum::compiled::{CompetencyIx, Compiled, Completion, Cond, ModuleIx, Op};
use crate::curriculum::model::ModuleKind;
use crate::learner::evidence::round4;
use crate::learner::progress::hours;
use crate::learner::record::Learner;
use crate::learner::state::{describe, level_name, Facts, ModuleState};
use crate::learner::unlock::Known;
use crate::read::locale::{Lang, Text};

/// The default node budget is this much work divided by the number of candidate
/// modules (a node costs time in proportion to them), between the two bounds
/// below: 33,333 nodes for 60 candidates (exact plans need a few hundred), 2,000
/// for 1,000, 400 for 10,000 — each well under a second.
pub const DEFAULT_SEARCH_WORK: u64 = 2_000_000;
/// The smallest default node budget.
pub const MIN_DEFAULT_BUDGET: u64 = 400;
/// The largest default node budget.
pub const MAX_DEFAULT_BUDGET: u64 = 50_000;

/// The default node budget for a search over `candidates` modules.
pub fn default_budget(candidates: usize) -> u64 {
    (DEFAULT_SEARCH_WORK / (candidates.max(1) as u64)).clamp(MIN_DEFAULT_BUDGET, MAX_DEFAULT_BUDGET)
}

/// Options of [`plan`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlanOptions {
    /// Nodes the search may expand before it settles for the best plan found;
    /// `None`: [`default_budget`] of the number of candidate modules.
    pub node_budget: Option<u64>,
    /// Spread the plan into weeks of at most this many hours.
    pub hours_per_week: Option<f64>,
}

/// How good the plan is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase", tag = "kind")]
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
#[serde(rename_all = "camelCase")]
pub struct Obstacle {
    /// The module, competency or group concerned.
    pub subject: String,
    /// What stands in the way, in the curriculum's words.
    pub text: Text,
}

/// A competency target of the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
pub struct Goal {
    /// Complete the curriculum (the completion rule and every group rule).
    pub complete: bool,
    /// Competency levels to reach.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<Target>,
}

/// What the search did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
}

/// The shortest individual path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// Finds the plan with the fewest hours that reaches the learner's goal.
pub fn plan(c: &Compiled, learner: &Learner, options: &PlanOptions) -> Plan {
    let facts = Facts::new(c, learner);
    let model = Model::new(c, learner, &facts);
    let goal = goal_of(c, learner, &facts);
    let budget = options
        .node_budget
        .unwrap_or_else(|| default_budget(model.vars.len()));
    let mut search = Search::new(&model, budget);

    let everything = model.reachable_all();
    let mut bounds = (None, None);
    let (status, chosen, lower_bound, obstacles) = if !model.goal_holds(&everything) {
        let obstacles = model.obstacles(&everything, &facts);
        (PlanStatus::Unreachable, BitSet::new(0), 0, obstacles)
    } else {
        let (mut best, mut lower, proven) = search.optimise(&everything);
        if !proven && lower < model.cost(&best) {
            // The search's bounds weigh constraints apart; the relaxation weighs them
            // together, which matters most for many targets sharing prerequisites.
            let mut relaxed = None;
            if let Some(mut r) = relaxation::solve(&model.goal, &model.requires, &model.minutes) {
                for found in model.plans_from_relaxation(&mut r, &best) {
                    if model.cost(&found) < model.cost(&best) {
                        best = found;
                    }
                }
                relaxed = Some(r.bound);
            }
            bounds = (Some(lower), relaxed);
            lower = lower.max(relaxed.unwrap_or(0));
        }
        let status = if proven || lower >= model.cost(&best) {
            PlanStatus::Optimal
        } else {
            PlanStatus::Feasible
        };
        (status, best, lower, Vec::new())
    };

    let order = model.plan_order(&chosen);
    let total: u64 = order.iter().map(|&v| u64::from(model.minutes[v])).sum();
    let lower_bound = if status == PlanStatus::Unreachable {
        0
    } else {
        lower_bound.min(total)
    };
    let mut steps: Vec<Step> = order
        .iter()
        .map(|&v| {
            let m = model.vars[v];
            let info = c.module(m);
            let action = match facts.state(m) {
                ModuleState::Expired => StepKind::Renew,
                ModuleState::Completed => StepKind::Retake,
                ModuleState::MasteredByPositioning => StepKind::ForScore,
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
        .collect();
    let weeks = match options.hours_per_week {
        Some(h) if h > 0.0 => spread(&mut steps, &order, &model, h),
        _ => Vec::new(),
    };
    let assumptions = model.assumptions(&order, learner, &facts);
    let gap = (status == PlanStatus::Feasible && total > 0)
        .then(|| round4((total - lower_bound) as f64 / total as f64));
    Plan {
        learner: learner.id.clone(),
        curriculum: c.document().id.clone(),
        version: c.document().version.clone(),
        goal,
        status,
        total_hours: hours(total),
        lower_bound_hours: hours(lower_bound),
        gap,
        hours_available: learner.minutes_available.map(|m| hours(u64::from(m))),
        steps,
        weeks,
        assumptions,
        obstacles,
        search: SearchReport {
            nodes: search.nodes,
            budget,
            candidates: model.vars.len() as u32,
            search_bound_hours: bounds.0.map(|m| hours(m.min(total))),
            relaxation_bound_hours: bounds.1.map(|m| hours(m.min(total))),
        },
    }
}

fn goal_of(c: &Compiled, learner: &Learner, facts: &Facts) -> Goal {
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

/// Fills weeks of `hours_per_week` in plan order. A module that does not fit in what
/// is left of a week starts the next one (a training day is not cut in two); only a
/// module longer than a whole week runs over several.
fn spread(steps: &mut [Step], order: &[usize], model: &Model, hours_per_week: f64) -> Vec<Week> {
    let capacity = (hours_per_week * 60.0).round().max(1.0) as u64;
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

// ---------------------------------------------------------------------------
// The model: constraints as monotone formulas over candidate modules.

const INF: u64 = u64::MAX / 4;
/// How [`Model::closure`] combines the parts of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closure {
    /// A lower bound (largest part of an `All`).
    Chain,
    /// An estimate to order branches (sum of an `All`'s parts).
    Estimate,
}

/// Memo markers of the per-node recursions (above any real value).
const UNSET: u64 = u64::MAX;
const IN_PROGRESS: u64 = u64::MAX - 1;

/// A monotone formula over candidates (indices into `Model::vars`).
#[derive(Debug, Clone, PartialEq)]
enum F {
    True,
    False,
    /// The candidate is planned.
    Var(usize),
    /// One of these candidates is planned (a competency level taught by several).
    AnyVar(Vec<usize>),
    All(Vec<F>),
    Any(Vec<F>),
    AtLeast(u32, Vec<F>),
    /// At least `need` of the candidates are planned.
    Count(u32, Vec<usize>),
    /// The planned candidates add up to at least `need` minutes.
    Minutes(u64, Vec<usize>),
}

/// Builds an `All`, folding constants.
fn all(children: Vec<F>) -> F {
    let mut kept = Vec::with_capacity(children.len());
    for child in children {
        match child {
            F::True => {}
            F::False => return F::False,
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => F::True,
        1 => kept.pop().unwrap_or(F::True),
        _ => F::All(kept),
    }
}

/// Builds an `AtLeast` (`Any` when k is 1), folding constants.
fn at_least(k: u32, children: Vec<F>) -> F {
    let mut need = k;
    let mut kept = Vec::with_capacity(children.len());
    for child in children {
        match child {
            F::True => need = need.saturating_sub(1),
            F::False => {}
            other => kept.push(other),
        }
    }
    if need == 0 {
        F::True
    } else if (kept.len() as u32) < need {
        F::False
    } else if need as usize == kept.len() {
        all(kept)
    } else if need == 1 {
        if kept.len() == 1 {
            kept.pop().unwrap_or(F::False)
        } else {
            F::Any(kept)
        }
    } else {
        F::AtLeast(need, kept)
    }
}

/// A set of candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(n: usize) -> Self {
        BitSet(vec![0; n.div_ceil(64)])
    }
    fn of(n: usize, members: &[usize]) -> Self {
        let mut s = BitSet::new(n);
        for &v in members {
            s.insert(v);
        }
        s
    }
    fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn remove(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut word = w;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(k * 64 + bit)
            })
        })
    }
    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

struct Model<'a> {
    c: &'a Compiled,
    /// Candidate modules, in id order (so index order is id order).
    vars: Vec<ModuleIx>,
    minutes: Vec<u32>,
    /// Each candidate's `requires`, over candidates.
    requires: Vec<F>,
    /// The goal's parts.
    goal: Vec<F>,
    /// Candidates in topological order, for the feasibility pass.
    topo: Vec<usize>,
    /// Sort key of the plan order: (stage, core first, id).
    order_key: Vec<(u32, u8, u32)>,
    /// Goal parts that are false whatever the plan, for obstacles.
    impossible: Vec<Obstacle>,
    /// Per module: why it may not be planned.
    blocked: Vec<Option<Blocked>>,
    /// Per module: its candidate number (`usize::MAX` when not a candidate).
    var_of: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blocked {
    NotForAudience,
    Excluded,
}

/// Formulas over modules, before candidates are numbered.
struct Builder<'a, 'f> {
    c: &'a Compiled,
    facts: &'f Facts<'a>,
    /// Whether the module may be planned.
    allowed: Vec<bool>,
    /// Why a module may not be planned.
    blocked: Vec<Option<Blocked>>,
    /// Per module, the candidate number once known (`usize::MAX` before).
    var: Vec<usize>,
}

impl Builder<'_, '_> {
    fn module_var(&self, m: ModuleIx) -> F {
        if self.allowed[m.index()] {
            F::Var(self.var[m.index()])
        } else {
            F::False
        }
    }

    fn teachers(&self, k: CompetencyIx, level: u32) -> F {
        let mut vars: Vec<usize> = self
            .c
            .modules()
            .iter()
            .enumerate()
            .filter(|(m, info)| {
                self.allowed[*m] && info.teaches.iter().any(|&(t, l)| t == k && l >= level)
            })
            .map(|(m, _)| self.var[m])
            .collect();
        vars.sort_unstable();
        match vars.len() {
            0 => F::False,
            1 => F::Var(vars[0]),
            _ => F::AnyVar(vars),
        }
    }

    /// A prerequisite expression (`done` = what counts as done for module leaves).
    fn cond(&self, cond: &Cond, done: &dyn Fn(ModuleIx) -> bool) -> F {
        match &cond.op {
            Op::All(children) => all(children.iter().map(|ch| self.cond(ch, done)).collect()),
            Op::Any(children) => {
                at_least(1, children.iter().map(|ch| self.cond(ch, done)).collect())
            }
            Op::AtLeast(k, children) => {
                at_least(*k, children.iter().map(|ch| self.cond(ch, done)).collect())
            }
            Op::Module(m) => {
                if done(*m) {
                    F::True
                } else {
                    self.module_var(*m)
                }
            }
            Op::Score(m, min) => {
                if self.facts.score_at(*m, *min) {
                    F::True
                } else {
                    self.module_var(*m)
                }
            }
            Op::Competency(k, level) => {
                if self.facts.competency_at(*k, *level) {
                    F::True
                } else {
                    self.teachers(*k, *level)
                }
            }
        }
    }
}

impl<'a> Model<'a> {
    fn new(c: &'a Compiled, learner: &Learner, facts: &Facts<'a>) -> Self {
        let n = c.modules().len();
        let mut blocked: Vec<Option<Blocked>> = vec![None; n];
        let mut allowed = vec![false; n];
        for (m, info) in c.modules().iter().enumerate() {
            let ix = ModuleIx(m as u32);
            blocked[m] = if !info.is_for(learner.audience) {
                Some(Blocked::NotForAudience)
            } else if learner.excluded.contains(&ix) {
                Some(Blocked::Excluded)
            } else {
                None
            };
            allowed[m] = blocked[m].is_none();
        }
        // Number every allowed module first (by module index), build the formulas,
        // then keep only the candidates the goal can reach and renumber in id order.
        let var: Vec<usize> = (0..n).collect();
        let builder = Builder {
            c,
            facts,
            allowed,
            blocked,
            var,
        };
        let done_for_completion = |m: ModuleIx| {
            matches!(
                facts.state(m),
                ModuleState::Completed | ModuleState::MasteredByPositioning
            )
        };
        let module_done = |m: ModuleIx| facts.module_done(m);
        let mut goal: Vec<F> = Vec::new();
        let mut impossible: Vec<Obstacle> = Vec::new();
        let goal_complete = learner.goal_complete || learner.goal_levels.is_empty();
        if goal_complete {
            completion_goal(
                c,
                learner,
                &builder,
                &done_for_completion,
                &module_done,
                &mut goal,
                &mut impossible,
            );
        }
        for &(k, level) in &learner.goal_levels {
            if facts.competency_at(k, level) {
                continue;
            }
            let f = builder.teachers(k, level);
            if f == F::False {
                impossible.push(no_teacher(c, k, level, &builder));
            }
            goal.push(f);
        }
        let requires_all: Vec<F> = (0..n)
            .map(|m| match (&c.modules()[m].requires, builder.allowed[m]) {
                (Some(r), true) => builder.cond(r, &module_done),
                _ => F::True,
            })
            .collect();

        // Relevance: what the goal names, then what those need, transitively.
        let mut relevant = vec![false; n];
        let mut queue: Vec<usize> = Vec::new();
        for f in &goal {
            vars_of(f, &mut queue);
        }
        while let Some(m) = queue.pop() {
            if relevant[m] {
                continue;
            }
            relevant[m] = true;
            vars_of(&requires_all[m], &mut queue);
        }
        let mut vars: Vec<ModuleIx> = (0..n)
            .filter(|&m| relevant[m])
            .map(|m| ModuleIx(m as u32))
            .collect();
        vars.sort_by_key(|&m| c.id_rank(m));
        let mut renumber = vec![usize::MAX; n];
        for (v, m) in vars.iter().enumerate() {
            renumber[m.index()] = v;
        }
        let requires: Vec<F> = vars
            .iter()
            .map(|m| remap(&requires_all[m.index()], &renumber))
            .collect();
        let goal: Vec<F> = goal.iter().map(|f| remap(f, &renumber)).collect();
        let topo: Vec<usize> = c
            .topological_order()
            .iter()
            .filter(|m| relevant[m.index()])
            .map(|m| renumber[m.index()])
            .collect();
        let order_key = vars
            .iter()
            .map(|&m| {
                let info = c.module(m);
                (
                    info.stage.map_or(u32::MAX, |s| s.index() as u32),
                    u8::from(info.kind != ModuleKind::Core),
                    c.id_rank(m),
                )
            })
            .collect();
        Model {
            c,
            minutes: vars.iter().map(|&m| c.module(m).minutes).collect(),
            vars,
            requires,
            goal,
            topo,
            order_key,
            impossible,
            blocked: builder.blocked.clone(),
            var_of: renumber,
        }
    }

    fn cost(&self, s: &BitSet) -> u64 {
        s.iter().map(|v| u64::from(self.minutes[v])).sum()
    }

    fn goal_holds(&self, s: &BitSet) -> bool {
        self.goal.iter().all(|f| holds(f, s, &self.minutes))
    }

    /// The candidates of `s` that can be taken in some order (a fixed point).
    fn placeable(&self, s: &BitSet) -> BitSet {
        let mut placed = BitSet::new(self.vars.len());
        loop {
            let mut changed = false;
            for &v in &self.topo {
                if s.contains(v)
                    && !placed.contains(v)
                    && holds(&self.requires[v], &placed, &self.minutes)
                {
                    placed.insert(v);
                    changed = true;
                }
            }
            if !changed {
                return placed;
            }
        }
    }

    /// Everything that can be planned: the largest feasible set.
    fn reachable_all(&self) -> BitSet {
        let mut all = BitSet::new(self.vars.len());
        for v in 0..self.vars.len() {
            all.insert(v);
        }
        self.placeable(&all)
    }

    /// Whether `s` is a plan: the goal holds and every module can be placed.
    fn feasible(&self, s: &BitSet) -> bool {
        self.goal_holds(s) && self.placeable(s).len() == s.len()
    }

    /// The plan's order: at each step, the ready module with the smallest
    /// (stage, core first, id).
    fn plan_order(&self, s: &BitSet) -> Vec<usize> {
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
                break; // not a plan: cannot happen for a feasible set
            };
            placed.insert(v);
            order.push(v);
        }
        order
    }

    /// The levels and scores the plan takes for granted, in plan order.
    fn assumptions(&self, order: &[usize], learner: &Learner, facts: &Facts) -> Vec<Assumption> {
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
    fn obstacles(&self, everything: &BitSet, facts: &Facts) -> Vec<Obstacle> {
        let c = self.c;
        let mut out = self.impossible.clone();
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

fn no_teacher(c: &Compiled, k: CompetencyIx, level: u32, b: &Builder) -> Obstacle {
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
        .filter_map(|&m| b.blocked[m].map(|why| blocked_text(c, m, why).text))
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

#[allow(clippy::too_many_arguments)]
fn completion_goal(
    c: &Compiled,
    learner: &Learner,
    b: &Builder,
    done: &dyn Fn(ModuleIx) -> bool,
    module_done: &dyn Fn(ModuleIx) -> bool,
    goal: &mut Vec<F>,
    impossible: &mut Vec<Obstacle>,
) {
    let modules = c.modules();
    match c.completion() {
        Completion::CoreAndOptional {
            min_optional_modules,
            min_optional_minutes,
        } => {
            for (m, info) in modules.iter().enumerate() {
                let ix = ModuleIx(m as u32);
                if info.kind != ModuleKind::Core || !info.is_for(learner.audience) || done(ix) {
                    continue;
                }
                let f = b.module_var(ix);
                if f == F::False {
                    if let Some(why) = b.blocked[m] {
                        impossible.push(blocked_text(c, m, why));
                    }
                }
                goal.push(f);
            }
            let optional_done: Vec<usize> = (0..modules.len())
                .filter(|&m| modules[m].kind == ModuleKind::Optional && done(ModuleIx(m as u32)))
                .collect();
            let open: Vec<usize> = (0..modules.len())
                .filter(|&m| {
                    modules[m].kind == ModuleKind::Optional
                        && !done(ModuleIx(m as u32))
                        && b.allowed[m]
                })
                .collect();
            let have = optional_done.len() as u32;
            if *min_optional_modules > have {
                goal.push(count_rule(*min_optional_modules - have, &open, b));
            }
            let have_minutes: u64 = optional_done
                .iter()
                .map(|&m| u64::from(modules[m].minutes))
                .sum();
            if u64::from(*min_optional_minutes) > have_minutes {
                goal.push(minutes_rule(
                    u64::from(*min_optional_minutes) - have_minutes,
                    &open,
                    b,
                ));
            }
        }
        Completion::Expression(cond) => goal.push(b.cond(cond, module_done)),
    }
    for (gi, g) in c.groups().iter().enumerate() {
        let members: Vec<usize> = g.modules.iter().map(|m| m.index()).collect();
        let have: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| done(ModuleIx(m as u32)))
            .collect();
        let open: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| !done(ModuleIx(m as u32)) && b.allowed[m])
            .collect();
        let mut parts = Vec::new();
        if let Some(k) = g.min_modules {
            if k > have.len() as u32 {
                parts.push(count_rule(k - have.len() as u32, &open, b));
            }
        }
        if let Some(h) = g.min_minutes {
            let have_minutes: u64 = have.iter().map(|&m| u64::from(modules[m].minutes)).sum();
            if u64::from(h) > have_minutes {
                parts.push(minutes_rule(u64::from(h) - have_minutes, &open, b));
            }
        }
        for f in parts {
            if f == F::False {
                let title = &c.document().groups[gi].title;
                impossible.push(Obstacle {
                    subject: g.id.clone(),
                    text: both(|l| match l {
                        Lang::Fr => format!("la règle du groupe « {} » ne peut pas être remplie avec les modules accessibles", title.get(l)),
                        Lang::En => format!("the rule of group \"{}\" cannot be met with the modules open to the learner", title.get(l)),
                    }),
                });
            }
            goal.push(f);
        }
    }
}

fn count_rule(need: u32, open: &[usize], b: &Builder) -> F {
    if (open.len() as u32) < need {
        return F::False;
    }
    F::Count(need, open.iter().map(|&m| b.var[m]).collect())
}

fn minutes_rule(need: u64, open: &[usize], b: &Builder) -> F {
    let total: u64 = open
        .iter()
        .map(|&m| u64::from(b.c.modules()[m].minutes))
        .sum();
    if total < need {
        return F::False;
    }
    F::Minutes(need, open.iter().map(|&m| b.var[m]).collect())
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

fn vars_of(f: &F, out: &mut Vec<usize>) {
    match f {
        F::True | F::False => {}
        F::Var(v) => out.push(*v),
        F::AnyVar(vs) | F::Count(_, vs) | F::Minutes(_, vs) => out.extend_from_slice(vs),
        F::All(ch) | F::Any(ch) | F::AtLeast(_, ch) => {
            for x in ch {
                vars_of(x, out);
            }
        }
    }
}

fn remap(f: &F, to: &[usize]) -> F {
    let list = |vs: &[usize]| -> Vec<usize> {
        let mut out: Vec<usize> = vs.iter().map(|&v| to[v]).collect();
        out.sort_unstable();
        out
    };
    match f {
        F::True => F::True,
        F::False => F::False,
        F::Var(v) => F::Var(to[*v]),
        F::AnyVar(vs) => F::AnyVar(list(vs)),
        F::Count(k, vs) => F::Count(*k, list(vs)),
        F::Minutes(k, vs) => F::Minutes(*k, list(vs)),
        F::All(ch) => F::All(ch.iter().map(|x| remap(x, to)).collect()),
        F::Any(ch) => F::Any(ch.iter().map(|x| remap(x, to)).collect()),
        F::AtLeast(k, ch) => F::AtLeast(*k, ch.iter().map(|x| remap(x, to)).collect()),
    }
}

// ---------------------------------------------------------------------------
// Evaluating formulas on a set of planned candidates.

fn holds(f: &F, s: &BitSet, minutes: &[u32]) -> bool {
    match f {
        F::True => true,
        F::False => false,
        F::Var(v) => s.contains(*v),
        F::AnyVar(vs) => vs.iter().any(|&v| s.contains(v)),
        F::All(ch) => ch.iter().all(|x| holds(x, s, minutes)),
        F::Any(ch) => ch.iter().any(|x| holds(x, s, minutes)),
        F::AtLeast(k, ch) => {
            ch.iter()
                .filter(|x| holds(x, s, minutes))
                .take(*k as usize)
                .count() as u32
                >= *k
        }
        F::Count(k, vs) => {
            vs.iter()
                .filter(|&&v| s.contains(v))
                .take(*k as usize)
                .count() as u32
                >= *k
        }
        F::Minutes(need, vs) => planned_minutes(vs, s, minutes) >= *need,
    }
}

fn planned_minutes(vs: &[usize], s: &BitSet, minutes: &[u32]) -> u64 {
    vs.iter()
        .filter(|&&v| s.contains(v))
        .map(|&v| u64::from(minutes[v]))
        .sum()
}

/// What the search needs to know of one node.
struct Node<'n> {
    s: &'n BitSet,
    forbidden: &'n BitSet,
    minutes: &'n [u32],
}

impl Node<'_> {
    fn open(&self, v: usize) -> bool {
        !self.s.contains(v) && !self.forbidden.contains(v)
    }

    /// The fewest minutes to add to make `f` hold, ignoring what the added modules
    /// require themselves (so it never overestimates); `INF` when nothing can.
    fn lower_bound(&self, f: &F) -> u64 {
        let m = |v: usize| u64::from(self.minutes[v]);
        match f {
            F::True => 0,
            F::False => INF,
            F::Var(v) => {
                if self.s.contains(*v) {
                    0
                } else if self.forbidden.contains(*v) {
                    INF
                } else {
                    m(*v)
                }
            }
            F::AnyVar(vs) => {
                if vs.iter().any(|&v| self.s.contains(v)) {
                    0
                } else {
                    vs.iter()
                        .filter(|&&v| !self.forbidden.contains(v))
                        .map(|&v| m(v))
                        .min()
                        .unwrap_or(INF)
                }
            }
            F::All(ch) => {
                // Distinct single modules add up; anything else may share modules
                // with them, so only the largest counts.
                let mut singles: Vec<usize> = Vec::new();
                let mut other = 0u64;
                for x in ch {
                    let lb = self.lower_bound(x);
                    if lb >= INF {
                        return INF;
                    }
                    match x {
                        F::Var(v) if lb > 0 => singles.push(*v),
                        _ => other = other.max(lb),
                    }
                }
                singles.sort_unstable();
                singles.dedup();
                let sum: u64 = singles.iter().map(|&v| m(v)).sum();
                sum.max(other)
            }
            F::Any(ch) => ch.iter().map(|x| self.lower_bound(x)).min().unwrap_or(INF),
            F::AtLeast(k, ch) => {
                let mut lbs: Vec<u64> = ch.iter().map(|x| self.lower_bound(x)).collect();
                lbs.sort_unstable();
                // The k cheapest children must all hold: the k-th is a floor.
                lbs.get(*k as usize - 1).copied().unwrap_or(INF)
            }
            F::Count(k, vs) => {
                let have = vs.iter().filter(|&&v| self.s.contains(v)).count() as u32;
                if have >= *k {
                    return 0;
                }
                let need = (*k - have) as usize;
                let mut open: Vec<u64> = vs
                    .iter()
                    .filter(|&&v| self.open(v))
                    .map(|&v| m(v))
                    .collect();
                if open.len() < need {
                    return INF;
                }
                open.sort_unstable();
                open[..need].iter().sum()
            }
            F::Minutes(need, vs) => {
                let have = planned_minutes(vs, self.s, self.minutes);
                if have >= *need {
                    return 0;
                }
                let open: u64 = vs.iter().filter(|&&v| self.open(v)).map(|&v| m(v)).sum();
                if have + open < *need {
                    INF
                } else {
                    *need - have
                }
            }
        }
    }

    /// Modules that every way of meeting `f` (which does not hold and can) needs.
    fn necessary(&self, f: &F, out: &mut Vec<usize>) {
        let holds_here = |x: &F| holds(x, self.s, self.minutes);
        match f {
            F::True | F::False => {}
            F::Var(v) => {
                if self.open(*v) {
                    out.push(*v);
                }
            }
            F::AnyVar(vs) => {
                let mut open = vs.iter().filter(|&&v| !self.forbidden.contains(v));
                if let (Some(&v), None) = (open.next(), open.next()) {
                    if !self.s.contains(v) {
                        out.push(v);
                    }
                }
            }
            F::All(ch) => {
                for x in ch {
                    if !holds_here(x) {
                        self.necessary(x, out);
                    }
                }
            }
            F::Any(ch) | F::AtLeast(_, ch) => {
                let k = match f {
                    F::AtLeast(k, _) => *k as usize,
                    _ => 1,
                };
                let held = ch.iter().filter(|x| holds_here(x)).count();
                if held >= k {
                    return;
                }
                let possible: Vec<&F> = ch
                    .iter()
                    .filter(|x| !holds_here(x) && self.lower_bound(x) < INF)
                    .collect();
                if possible.len() == k - held {
                    for x in possible {
                        self.necessary(x, out);
                    }
                }
            }
            F::Count(k, vs) => {
                let have = vs.iter().filter(|&&v| self.s.contains(v)).count();
                let open: Vec<usize> = vs.iter().copied().filter(|&v| self.open(v)).collect();
                if have < *k as usize && open.len() == *k as usize - have {
                    out.extend(open);
                }
            }
            F::Minutes(need, vs) => {
                let have = planned_minutes(vs, self.s, self.minutes);
                let open: Vec<usize> = vs.iter().copied().filter(|&v| self.open(v)).collect();
                let total: u64 = open.iter().map(|&v| u64::from(self.minutes[v])).sum();
                for v in open {
                    if have + total - u64::from(self.minutes[v]) < *need {
                        out.push(v);
                    }
                }
            }
        }
    }
}

/// The modules, none in `skip`, one of which any way of making `f` hold over
/// `assign` must add: for `All`, those of its child with the fewest; for the other
/// nodes, those of every child that fails.
fn branch_vars(
    f: &F,
    assign: &BitSet,
    skip: &dyn Fn(usize) -> bool,
    minutes: &[u32],
    out: &mut Vec<usize>,
) {
    match f {
        F::True | F::False => {}
        F::Var(v) => {
            if !assign.contains(*v) && !skip(*v) {
                out.push(*v);
            }
        }
        F::AnyVar(vs) | F::Count(_, vs) | F::Minutes(_, vs) => {
            out.extend(
                vs.iter()
                    .copied()
                    .filter(|&v| !assign.contains(v) && !skip(v)),
            );
        }
        F::All(ch) => {
            let mut best: Option<Vec<usize>> = None;
            for x in ch {
                if holds(x, assign, minutes) {
                    continue;
                }
                let mut vs = Vec::new();
                branch_vars(x, assign, skip, minutes, &mut vs);
                if best.as_ref().is_none_or(|b| vs.len() < b.len()) {
                    best = Some(vs);
                }
            }
            out.extend(best.unwrap_or_default());
        }
        F::Any(ch) | F::AtLeast(_, ch) => {
            for x in ch {
                if !holds(x, assign, minutes) {
                    branch_vars(x, assign, skip, minutes, out);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The branch and bound.

enum Expansion {
    Infeasible,
    Feasible(u64),
    Branch { lb: u64, vars: Vec<usize> },
}

struct Frame {
    s: BitSet,
    forbidden: BitSet,
    vars: Vec<usize>,
    next: usize,
    lb: u64,
}

enum Outcome {
    /// The whole tree was searched.
    Complete,
    /// A decision search found a plan within its bound.
    Found,
    /// The budget ran out; no plan below this bound was missed.
    Exhausted(u64),
}

struct Search<'m, 'a> {
    model: &'m Model<'a>,
    budget: u64,
    nodes: u64,
}

impl<'m, 'a> Search<'m, 'a> {
    fn new(model: &'m Model<'a>, budget: u64) -> Self {
        Search {
            model,
            budget,
            nodes: 0,
        }
    }

    /// The optimal plan (lexicographically smallest among equals), the proven lower
    /// bound, and whether the search completed. `everything` is feasible.
    fn optimise(&mut self, everything: &BitSet) -> (BitSet, u64, bool) {
        let n = self.model.vars.len();
        let mut best: Option<(u64, BitSet)> = None;
        let outcome = self.run(BitSet::new(n), BitSet::new(n), None, &mut best);
        let (cost, mut plan) = match best {
            Some(found) => found,
            None => {
                let trimmed = self.model.trim(everything.clone());
                (self.model.cost(&trimmed), trimmed)
            }
        };
        if let Outcome::Exhausted(lower) = outcome {
            return (plan, lower.min(cost), false);
        }
        // Ties: decide ids in increasing order, keeping each when some optimal plan
        // still contains it with the ids kept so far and without those refused.
        let mut fixed = BitSet::new(n);
        let mut refused = BitSet::new(n);
        for v in 0..n {
            if plan == fixed || self.nodes >= self.budget {
                break;
            }
            if plan.contains(v) {
                fixed.insert(v);
                continue;
            }
            let mut with = fixed.clone();
            with.insert(v);
            let mut found: Option<(u64, BitSet)> = None;
            match self.run(with, refused.clone(), Some(cost), &mut found) {
                Outcome::Found => {
                    if let Some((_, p)) = found {
                        plan = p;
                    }
                    fixed.insert(v);
                }
                Outcome::Complete => refused.insert(v),
                Outcome::Exhausted(_) => break,
            }
        }
        (plan, cost, true)
    }

    /// Depth-first branch and bound from (`s`, `forbidden`). Optimising when
    /// `decide` is `None` (improving `best`); else looking for any plan of at most
    /// `decide` minutes (stored in `best`).
    fn run(
        &mut self,
        s: BitSet,
        forbidden: BitSet,
        decide: Option<u64>,
        best: &mut Option<(u64, BitSet)>,
    ) -> Outcome {
        let mut stack: Vec<Frame> = Vec::new();
        if self.visit(s, forbidden, decide, best, &mut stack) {
            return Outcome::Found;
        }
        loop {
            let bound = self.bound(decide, best);
            while stack
                .last()
                .is_some_and(|top| top.next >= top.vars.len() || top.lb > bound)
            {
                stack.pop();
            }
            let Some(top) = stack.last_mut() else {
                return Outcome::Complete;
            };
            if self.nodes >= self.budget {
                let lower = stack
                    .iter()
                    .filter(|f| f.next < f.vars.len())
                    .map(|f| f.lb)
                    .min()
                    .unwrap_or(INF);
                return Outcome::Exhausted(lower);
            }
            if top.next > 0 {
                let previous = top.vars[top.next - 1];
                top.forbidden.insert(previous);
            }
            let v = top.vars[top.next];
            top.next += 1;
            let mut s = top.s.clone();
            s.insert(v);
            let forbidden = top.forbidden.clone();
            if self.visit(s, forbidden, decide, best, &mut stack) {
                return Outcome::Found;
            }
        }
    }

    /// The largest lower bound a node may have and still be explored.
    fn bound(&self, decide: Option<u64>, best: &Option<(u64, BitSet)>) -> u64 {
        match (decide, best) {
            (Some(limit), _) => limit,
            // Optimising: only strictly cheaper plans are of interest.
            (None, Some((cost, _))) => cost.saturating_sub(1),
            (None, None) => INF,
        }
    }

    /// Expands one node; true when a decision search is answered.
    fn visit(
        &mut self,
        mut s: BitSet,
        forbidden: BitSet,
        decide: Option<u64>,
        best: &mut Option<(u64, BitSet)>,
        stack: &mut Vec<Frame>,
    ) -> bool {
        self.nodes += 1;
        match self.model.expand(&mut s, &forbidden) {
            Expansion::Infeasible => false,
            Expansion::Feasible(cost) => match decide {
                Some(limit) => {
                    if cost <= limit {
                        *best = Some((cost, s));
                        return true;
                    }
                    false
                }
                None => {
                    if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                        let trimmed = self.model.trim(s);
                        *best = Some((self.model.cost(&trimmed), trimmed));
                    }
                    false
                }
            },
            Expansion::Branch { lb, vars } => {
                if lb <= self.bound(decide, best) {
                    stack.push(Frame {
                        s,
                        forbidden,
                        vars,
                        next: 0,
                        lb,
                    });
                }
                false
            }
        }
    }
}

impl Model<'_> {
    /// Propagates, bounds and chooses how to branch at a node.
    fn expand(&self, s: &mut BitSet, forbidden: &BitSet) -> Expansion {
        let mut members: Vec<usize>;
        loop {
            members = s.iter().collect();
            let node = Node {
                s,
                forbidden,
                minutes: &self.minutes,
            };
            let mut needed: Vec<usize> = Vec::new();
            for f in self
                .goal
                .iter()
                .chain(members.iter().map(|&v| &self.requires[v]))
            {
                if holds(f, s, &self.minutes) {
                    continue;
                }
                if node.lower_bound(f) >= INF {
                    return Expansion::Infeasible;
                }
                node.necessary(f, &mut needed);
            }
            let mut added = false;
            for v in needed {
                if forbidden.contains(v) {
                    return Expansion::Infeasible;
                }
                if !s.contains(v) {
                    s.insert(v);
                    added = true;
                }
            }
            if !added {
                break;
            }
        }
        let node = Node {
            s,
            forbidden,
            minutes: &self.minutes,
        };
        let cost = self.cost(s);
        let skip = |v: usize| s.contains(v) || forbidden.contains(v);
        let mut worst = 0u64;
        let mut chain: Vec<u64> = vec![UNSET; self.vars.len()];
        let mut unmet: Vec<(u64, &F)> = Vec::new();
        let mut branch: Option<Vec<usize>> = None;
        for f in self
            .goal
            .iter()
            .chain(members.iter().map(|&v| &self.requires[v]))
        {
            if holds(f, s, &self.minutes) {
                continue;
            }
            let lb = node.lower_bound(f);
            worst = worst
                .max(lb)
                .max(self.closure(f, &node, &mut chain, Closure::Chain));
            unmet.push((lb, f));
            let mut vs = Vec::new();
            branch_vars(f, s, &skip, &self.minutes, &mut vs);
            vs.sort_unstable();
            vs.dedup();
            if branch.as_ref().is_none_or(|b| vs.len() < b.len()) {
                branch = Some(vs);
            }
        }
        // Unmet constraints that no module could serve two of need distinct
        // modules: their bounds add up (a greedy family, largest bounds first).
        if unmet.len() > 1 {
            unmet.sort_by_key(|&(lb, _)| std::cmp::Reverse(lb));
            let mut used = BitSet::new(self.vars.len());
            let mut sum = 0u64;
            let mut support = Vec::new();
            for (lb, f) in &unmet {
                support.clear();
                vars_of(f, &mut support);
                support.retain(|&v| node.open(v));
                if support.iter().any(|&v| used.contains(v)) {
                    continue;
                }
                for &v in &support {
                    used.insert(v);
                }
                sum = sum.saturating_add(*lb);
            }
            worst = worst.max(sum.min(INF));
        }
        let vars = match branch {
            Some(vars) => vars,
            None => {
                let placed = self.placeable(s);
                if placed.len() == s.len() {
                    return Expansion::Feasible(cost);
                }
                // Every constraint holds, but some modules can never go first: one
                // of the modules that could make a stuck one ready must be added.
                let mut vs = Vec::new();
                for v in members.iter().copied().filter(|&v| !placed.contains(v)) {
                    branch_vars(&self.requires[v], &placed, &skip, &self.minutes, &mut vs);
                }
                vs.sort_unstable();
                vs.dedup();
                let cheapest = vs.iter().map(|&v| u64::from(self.minutes[v])).min();
                worst = cheapest.unwrap_or(INF);
                vs
            }
        };
        if vars.is_empty() || worst >= INF {
            return Expansion::Infeasible;
        }
        // Cheapest first (the module and an estimate of what it still needs, which
        // makes the first dive a good greedy plan), then id order.
        let mut estimate: Vec<u64> = vec![UNSET; self.vars.len()];
        let mut keyed: Vec<(u64, usize)> = vars
            .into_iter()
            .map(|v| {
                (
                    self.closure_of(v, &node, &mut estimate, Closure::Estimate),
                    v,
                )
            })
            .collect();
        keyed.sort_unstable();
        Expansion::Branch {
            lb: cost + worst,
            vars: keyed.into_iter().map(|(_, v)| v).collect(),
        }
    }

    /// The minutes `f` still needs, counting what the modules that meet it
    /// require in turn, with the parts of a group combined as `how` says.
    ///
    /// As a [`Closure::Chain`] it is a lower bound: along any chain of
    /// requirements every module is distinct (each must come before the next), so
    /// the cheapest way through the chain is a floor; `All` takes the largest of
    /// its parts (they may share modules), `atLeast k` its k-th smallest part. As
    /// a [`Closure::Estimate`] (to order branches, not a bound) `All` adds its
    /// parts up and `atLeast k` its k smallest. `Any` takes the smallest either way.
    fn closure(&self, f: &F, node: &Node, memo: &mut Vec<u64>, how: Closure) -> u64 {
        let parts = |ch: &[F], memo: &mut Vec<u64>| -> Vec<u64> {
            ch.iter()
                .map(|x| self.closure(x, node, memo, how))
                .collect()
        };
        let add = |xs: &[u64]| xs.iter().fold(0u64, |a, &b| a.saturating_add(b)).min(INF);
        match f {
            F::True => 0,
            F::False => INF,
            F::Var(v) => self.closure_of(*v, node, memo, how),
            F::AnyVar(vs) => vs
                .iter()
                .map(|&v| self.closure_of(v, node, memo, how))
                .min()
                .unwrap_or(INF),
            F::All(ch) => {
                let p = parts(ch, memo);
                match how {
                    Closure::Chain => p.into_iter().max().unwrap_or(0),
                    Closure::Estimate => add(&p),
                }
            }
            F::Any(ch) => parts(ch, memo).into_iter().min().unwrap_or(INF),
            F::AtLeast(k, ch) => {
                let mut p = parts(ch, memo);
                p.sort_unstable();
                let k = *k as usize;
                match how {
                    Closure::Chain => p.get(k - 1).copied().unwrap_or(INF),
                    Closure::Estimate => add(&p[..k.min(p.len())]),
                }
            }
            F::Count(..) | F::Minutes(..) => node.lower_bound(f),
        }
    }

    /// [`Self::closure`] of planning candidate `v` (0 when planned, `INF` when
    /// forbidden); a candidate met again on its own chain (a cyclic support)
    /// counts its own minutes only.
    fn closure_of(&self, v: usize, node: &Node, memo: &mut Vec<u64>, how: Closure) -> u64 {
        if node.s.contains(v) {
            return 0;
        }
        if node.forbidden.contains(v) {
            return INF;
        }
        match memo[v] {
            UNSET => {}
            IN_PROGRESS => return u64::from(self.minutes[v]),
            known => return known,
        }
        memo[v] = IN_PROGRESS;
        let below = self.closure(&self.requires[v], node, memo, how);
        let value = u64::from(self.minutes[v]).saturating_add(below).min(INF);
        memo[v] = value;
        value
    }

    /// Plans from the relaxation: its support rounded up, then whole-number
    /// solutions found by diving. The relaxation ignores order, so a dive may take
    /// modules that can never go first (a cyclic support): those are forbidden and
    /// the dive goes on, a few times.
    fn plans_from_relaxation(
        &self,
        r: &mut relaxation::Relaxation,
        fallback: &BitSet,
    ) -> Vec<BitSet> {
        const ROUNDS: usize = 8;
        let rounded = self.round(&r.support, fallback);
        // Dives are completed by the cheaper plan in hand.
        let fallback = if self.cost(&rounded) < self.cost(fallback) {
            rounded.clone()
        } else {
            fallback.clone()
        };
        let mut found = vec![rounded];
        for _ in 0..ROUNDS {
            let Some(taken) = r.dive() else { break };
            let placed = self.placeable(&BitSet::of(self.vars.len(), &taken));
            if self.goal_holds(&placed) {
                found.push(self.trim(placed));
                break;
            }
            // What can be placed, completed by the plan in hand, trimmed of the
            // latter first.
            let mut with = placed.clone();
            for v in fallback.iter() {
                with.insert(v);
            }
            found.push(self.trim_keeping(with, &placed));
            let stuck: Vec<usize> = taken.into_iter().filter(|&v| !placed.contains(v)).collect();
            if !r.forbid(&stuck) {
                break;
            }
        }
        found
    }

    /// A plan from the relaxation's support: its modules that can be placed, when
    /// they reach the goal, else together with `fallback` (a plan); then trimmed.
    fn round(&self, support: &[usize], fallback: &BitSet) -> BitSet {
        let mut s = BitSet::of(self.vars.len(), support);
        let mut placed = self.placeable(&s);
        if !self.goal_holds(&placed) {
            for v in fallback.iter() {
                s.insert(v);
            }
            placed = self.placeable(&s);
        }
        self.trim(placed)
    }

    /// Drops modules the plan does not need, costliest first.
    fn trim(&self, s: BitSet) -> BitSet {
        self.trim_keeping(s, &BitSet::new(self.vars.len()))
    }

    /// Removes modules of the plan `s` that it does not need, those outside `keep`
    /// first, the longest first.
    fn trim_keeping(&self, mut s: BitSet, keep: &BitSet) -> BitSet {
        let mut members: Vec<usize> = s.iter().collect();
        members.sort_by_key(|&v| {
            (
                keep.contains(v),
                std::cmp::Reverse(self.minutes[v]),
                std::cmp::Reverse(v),
            )
        });
        for v in members {
            s.remove(v);
            if !self.feasible(&s) {
                s.insert(v);
            }
        }
        s
    }
}

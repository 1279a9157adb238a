//! The shortest individual path: the set of modules with the fewest hours that
//! reaches the learner's goal, in an order that respects every prerequisite, proven
//! optimal by a branch and bound.
//!
//! ## The model
//! - A module may be planned when it is for the learner's audience and not excluded.
//!   Modules completed or held by positioning count as done, so the plan skips them,
//!   except to meet a score threshold they do not meet (a *retake*, or a module held
//!   by positioning taken *for its score*). An expired one (past its module's
//!   `validityMonths`) is not done: neither its module, nor its score, nor the
//!   levels it taught count, so the plan takes it again, as a *renewal*.
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
//! time. When the budget runs out, the model's linear-programming relaxation
//! (`plan/relaxation.rs`) takes over, which weighs every constraint at once where
//! the search's bounds weigh them apart. What the search's propagation proves every
//! plan takes is fixed first, so the simplex only sees the part where the bound can
//! still move. Its root is tightened by rounds of cuts (a "k of n" node holds only
//! when any n − k + 1 of its terms hold one), then it proposes plans (its support
//! rounded up, whole-number solutions reached by diving), then a branch and bound on it (`Model::lp_search`:
//! each node a warm dual-simplex re-solve after fixing one module, cuts for cyclic
//! supports) improves the plan and proves its bound, within the same node budget.
//! The plan is returned with the larger of the two searches' bounds and the gap;
//! when the branch and bound searched its whole tree, the plan is proven optimal.
//! The tie rule above is applied by the first search only: a plan proven by the
//! branch and bound on the relaxation is the first optimal plan it met (the same
//! one on every run, but not always the lexicographically smallest).
//!
//! ## The files
//! - `model.rs`: the candidates and the constraints as monotone formulas over them
//!   ([`crate::plan()`] builds one `Model` per call), sets of candidates, evaluation;
//! - `bounds.rs`: admissible bounds of one node (per constraint, and along chains of
//!   requirements) and the modules every way of meeting a constraint needs;
//! - `search.rs`: the branch and bound, the decision searches of the tie rule, and
//!   trimming and rounding plans (also the relaxation's);
//! - `relaxation.rs`: the linear-programming relaxation (`parcours-lp`, a fork of minilp that never panics);
//! - `output.rs`: the [`Plan`] and its parts: steps in order, weeks, assumptions and
//!   obstacles traced to root causes.
//!
//! Arrows point down that list's reverse: `model` imports none of the others, and
//! this file only puts them together.

mod bounds;
mod model;
mod output;
mod relaxation;
mod search;

pub use output::{
    Assumption, Goal, Obstacle, Plan, PlanStatus, ScoreValue, SearchReport, Step, StepKind, Target,
    Week,
};

use crate::curriculum::compiled::Compiled;
use crate::learner::evidence::round4;
use crate::learner::progress::hours;
use crate::learner::record::Learner;
use crate::learner::state::Facts;

use model::{BitSet, Model};
use output::{goal_of, spread, steps};
use search::Search;

/// The default node budget is this much work divided by the number of candidate
/// modules (a node costs time in proportion to them), between the two bounds
/// below: 33,333 nodes for 60 candidates (exact plans need a few hundred), 2,000
/// for 1,000, 400 for 10,000 — each well under a second.
pub(crate) const DEFAULT_SEARCH_WORK: u64 = 2_000_000;
/// The smallest default node budget.
pub(crate) const MIN_DEFAULT_BUDGET: u64 = 400;
/// The largest default node budget.
pub(crate) const MAX_DEFAULT_BUDGET: u64 = 50_000;

/// The default node budget for a search over `candidates` modules.
pub(crate) fn default_budget(candidates: usize) -> u64 {
    (DEFAULT_SEARCH_WORK / (candidates.max(1) as u64)).clamp(MIN_DEFAULT_BUDGET, MAX_DEFAULT_BUDGET)
}

/// Options of [`crate::plan()`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlanOptions {
    /// Nodes the search may expand before it settles for the best plan found;
    /// `None`: a budget that shrinks as candidates grow (a node costs time in
    /// proportion to them), from 50,000 nodes down to 400: 33,333 for 60 candidate
    /// modules, 2,000 for 1,000, each search well under a second.
    ///
    /// The budget serves three stages: the search first expands at most a quarter
    /// of it; if that does not prove the optimum, the branch and bound on the
    /// relaxation may solve as many programs as the whole budget (counted apart,
    /// `SearchReport::relaxation_nodes`); the tie rule among equal plans then uses
    /// what the search left.
    pub node_budget: Option<u64>,
    /// Spread the plan into weeks of at most this many hours.
    pub hours_per_week: Option<f64>,
}

/// Finds the plan with the fewest hours that reaches the learner's goal.
pub(crate) fn plan(c: &Compiled, learner: &Learner, options: &PlanOptions) -> Plan {
    let facts = Facts::new(c, learner);
    let model = Model::new(c, learner, &facts);
    let goal = goal_of(c, learner, &facts);
    let budget = options
        .node_budget
        .unwrap_or_else(|| default_budget(model.vars.len()));
    let mut search = Search::new(&model, budget);

    let everything = model.reachable_all();
    let mut bounds = (None, None);
    let mut lp_nodes = None;
    let (status, chosen, lower_bound, obstacles) = if !model.goal_holds(&everything) {
        let obstacles = model.obstacles(&everything, &facts);
        (PlanStatus::Unreachable, BitSet::new(0), 0, obstacles)
    } else {
        // The search first, with a quarter of its budget: most plans it proves
        // within it, and those it does not, the relaxation often proves at its
        // root. The rest serves the tie rule.
        let (mut best, mut lower, proven) = search.optimise(&everything, budget.div_ceil(4));
        let mut relaxed_root: Option<relaxation::Relaxation> = None;
        if !proven && lower < model.cost(&best) {
            // The search's bounds weigh constraints apart; the relaxation weighs them
            // together, which matters most for many targets sharing prerequisites.
            let mut relaxed = None;
            // What every plan takes is fixed: the relaxation works only where the
            // bound can still move.
            if let Some(mut r) = model.relax() {
                for found in model.plans_from_relaxation(&mut r, &best) {
                    if model.cost(&found) < model.cost(&best) {
                        best = found;
                    }
                }
                relaxed = Some(r.bound);
                // Still a gap: branch and bound on the relaxation, which prices
                // every constraint at each node where the search weighed them apart.
                if r.bound < model.cost(&best) {
                    let mut incumbent = (model.cost(&best), best);
                    let found = model.lp_search(&r, &mut incumbent, budget);
                    best = incumbent.1;
                    relaxed = Some(r.bound.max(found.lower));
                    lp_nodes = Some(found.nodes);
                }
                relaxed_root = Some(r);
            }
            bounds = (Some(lower), relaxed);
            lower = lower.max(relaxed.unwrap_or(0));
        }
        if !proven && lower >= model.cost(&best) {
            // Proven by the relaxation: among equal plans, the tie rule, which need
            // not search for the candidates whose reduced cost rules them out.
            let cost = model.cost(&best);
            let outside = relaxed_root
                .as_ref()
                .and_then(|r| r.outside_every_optimum(cost))
                .map(|vs| BitSet::of(model.vars.len(), &vs));
            best = search.tie_rule(best, cost, outside.as_ref());
        }
        let status = if proven || lower >= model.cost(&best) {
            PlanStatus::Optimal
        } else {
            PlanStatus::Feasible
        };
        (status, best, lower, Vec::new())
    };

    let order = model.plan_order(&chosen);
    // Under the unit tests (the plan's property tests run thousands of plans), the
    // event-driven order is checked against the plain scan it replaced.
    #[cfg(test)]
    assert_eq!(order, model.plan_order_by_scan(&chosen), "plan order");
    let total: u64 = order.iter().map(|&v| u64::from(model.minutes[v])).sum();
    let lower_bound = if status == PlanStatus::Unreachable {
        0
    } else {
        lower_bound.min(total)
    };
    let mut steps = steps(c, &model, &facts, &order);
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
            relaxation_nodes: lp_nodes,
        },
    }
}

#[cfg(test)]
mod properties;

//! The branch and bound over sets of candidates (with its node budget), the
//! decision searches that apply the tie rule, and the plans drawn from the
//! relaxation (rounded, dived, trimmed).

use super::bounds::{Closure, Node, INF, UNSET};
use super::model::{holds, holds_in, vars_of, BitSet, Model, F};
use super::relaxation;

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
    /// The node's lower bound is above the bound it was expanded with: it would be
    /// dropped, so its bound was not finished nor its branches ordered.
    Pruned,
    Feasible(u64),
    Branch {
        lb: u64,
        vars: Vec<usize>,
    },
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

pub(super) struct Search<'m, 'a> {
    model: &'m Model<'a>,
    budget: u64,
    pub(super) nodes: u64,
}

impl<'m, 'a> Search<'m, 'a> {
    pub(super) fn new(model: &'m Model<'a>, budget: u64) -> Self {
        Search {
            model,
            budget,
            nodes: 0,
        }
    }

    /// The optimal plan (lexicographically smallest among equals), the proven lower
    /// bound, and whether the search completed, within `first` of its nodes (the
    /// rest is kept for [`Search::tie_rule`]). `everything` is feasible.
    pub(super) fn optimise(&mut self, everything: &BitSet, first: u64) -> (BitSet, u64, bool) {
        let n = self.model.vars.len();
        let mut best: Option<(u64, BitSet)> = None;
        let total = self.budget;
        self.budget = first.min(total);
        let outcome = self.run(BitSet::new(n), BitSet::new(n), None, &mut best);
        self.budget = total;
        let (cost, plan) = match best {
            Some(found) => found,
            None => {
                let trimmed = self.model.trim(everything.clone());
                (self.model.cost(&trimmed), trimmed)
            }
        };
        if let Outcome::Exhausted(lower) = outcome {
            return (plan, lower.min(cost), false);
        }
        (self.tie_rule(plan, cost, None), cost, true)
    }

    /// Among the plans of `cost` minutes (the proven optimum; `plan` is one), the
    /// one whose sorted id list is lexicographically smallest: ids are decided in
    /// increasing order, each kept when some optimal plan still contains it with the
    /// ids kept so far and without those refused (one decision search each). The
    /// result does not depend on the plan it starts from, unless the node budget
    /// runs out first (then the plan in hand, the same on every run). `excluded`:
    /// candidates known to be in no plan of `cost` minutes (refused without a search).
    pub(super) fn tie_rule(
        &mut self,
        mut plan: BitSet,
        cost: u64,
        excluded: Option<&BitSet>,
    ) -> BitSet {
        let n = self.model.vars.len();
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
            if excluded.is_some_and(|x| x.contains(v)) {
                refused.insert(v);
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
        plan
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
        match self
            .model
            .expand(&mut s, &forbidden, self.bound(decide, best))
        {
            Expansion::Infeasible | Expansion::Pruned => false,
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
    /// Adds to `s` the modules that every way of meeting an unmet constraint needs,
    /// until none is missing; false when a constraint cannot be met or needs a
    /// forbidden module.
    pub(super) fn propagate(&self, s: &mut BitSet, forbidden: &BitSet) -> bool {
        loop {
            let members: Vec<usize> = s.iter().collect();
            let node = Node {
                s,
                forbidden,
                minutes: &self.minutes,
            };
            let mut needed: Vec<usize> = Vec::new();
            for f in self.constraints(&members) {
                if holds(f, s, &self.minutes) {
                    continue;
                }
                if node.lower_bound(f) >= INF {
                    return false;
                }
                node.necessary(f, &mut needed);
            }
            let mut added = false;
            for v in needed {
                if forbidden.contains(v) {
                    return false;
                }
                if !s.contains(v) {
                    s.insert(v);
                    added = true;
                }
            }
            if !added {
                return true;
            }
        }
    }

    /// The relaxation of this model, what every plan takes (the root's propagation)
    /// fixed first: `None` when there is nothing to relax or the solver fails.
    pub(super) fn relax(&self) -> Option<relaxation::Relaxation> {
        let n = self.vars.len();
        let mut forced = BitSet::new(n);
        let fixed: Vec<bool> = if self.propagate(&mut forced, &BitSet::new(n)) {
            (0..n).map(|v| forced.contains(v)).collect()
        } else {
            Vec::new()
        };
        relaxation::solve(&self.goal, &self.requires, &self.minutes, &fixed)
    }

    /// Propagates, bounds and chooses how to branch at a node; stops as soon as its
    /// lower bound is above `bound` (the node would be dropped: in a decision
    /// search of the tie rule, most are at once, and ordering the branches of a
    /// 10,000-module node walks the whole graph again).
    fn expand(&self, s: &mut BitSet, forbidden: &BitSet, bound: u64) -> Expansion {
        if !self.propagate(s, forbidden) {
            return Expansion::Infeasible;
        }
        let members: Vec<usize> = s.iter().collect();
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
        for f in self.constraints(&members) {
            if holds(f, s, &self.minutes) {
                continue;
            }
            let lb = node.lower_bound(f);
            worst = worst
                .max(lb)
                .max(self.closure(f, &node, &mut chain, Closure::Chain));
            if cost.saturating_add(worst) > bound {
                return Expansion::Pruned;
            }
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
            if cost.saturating_add(worst) > bound {
                return Expansion::Pruned;
            }
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
}

impl Model<'_> {
    /// Plans from the relaxation: its support rounded up, then whole-number
    /// solutions found by diving. The relaxation ignores order, so a dive may take
    /// modules that can never go first (a cyclic support): those are forbidden and
    /// the dive goes on, a few times.
    pub(super) fn plans_from_relaxation(
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
    pub(super) fn trim(&self, s: BitSet) -> BitSet {
        self.trim_keeping(s, &BitSet::new(self.vars.len()))
    }

    /// Removes modules of the plan `s` that it does not need, those outside `keep`
    /// first, the longest first. A set that is not a plan comes back as it is.
    ///
    /// Removing a module can only break the goal's parts or the members whose
    /// prerequisites name it, so each removal checks those, the members in a valid order
    /// of the plan (the one in hand, without the module). When a member fails there
    /// but holds over the whole plan (a later module supports it), only the order
    /// from that member on is rebuilt: what comes before it is still valid. Checking
    /// every member at every removal was quadratic and took half of a 10,000-module
    /// plan's time.
    fn trim_keeping(&self, mut s: BitSet, keep: &BitSet) -> BitSet {
        if !self.feasible(&s) {
            return s;
        }
        let mut members: Vec<usize> = s.iter().collect();
        members.sort_by_key(|&v| {
            (
                keep.contains(v),
                std::cmp::Reverse(self.minutes[v]),
                std::cmp::Reverse(v),
            )
        });
        // order: a valid order of `s` (removed modules left in place, skipped);
        // position[v]: v's place in it.
        let mut order = self.plan_order(&s);
        let mut position = vec![usize::MAX; self.vars.len()];
        for (i, &v) in order.iter().enumerate() {
            position[v] = i;
        }
        // goal_parts[v]: the goal's parts that name v, the only ones its removal
        // can break (a completion goal has a part per core module), each with what v
        // adds to it when the part is a count or hours rule: those keep a running
        // tally (they name every optional module; evaluating them at each removal
        // was quadratic).
        let mut goal_parts: Vec<Vec<(usize, u64)>> = vec![Vec::new(); self.vars.len()];
        let mut tally: Vec<u64> = vec![0; self.goal.len()];
        let mut named = Vec::new();
        for (i, part) in self.goal.iter().enumerate() {
            match part {
                F::Count(_, vs) | F::Minutes(_, vs) => {
                    let counts = matches!(part, F::Count(..));
                    for &v in vs {
                        let add = if counts {
                            1
                        } else {
                            u64::from(self.minutes[v])
                        };
                        match goal_parts[v].last_mut() {
                            Some((j, sum)) if *j == i => *sum += add,
                            _ => goal_parts[v].push((i, add)),
                        }
                        if s.contains(v) {
                            tally[i] += add;
                        }
                    }
                }
                _ => {
                    named.clear();
                    vars_of(part, &mut named);
                    named.sort_unstable();
                    named.dedup();
                    for &v in &named {
                        goal_parts[v].push((i, 0));
                    }
                }
            }
        }
        for v in members {
            s.remove(v);
            let goal_kept = goal_parts[v].iter().all(|&(i, add)| match &self.goal[i] {
                F::Count(need, _) => tally[i].saturating_sub(add) >= u64::from(*need),
                F::Minutes(need, _) => tally[i].saturating_sub(add) >= *need,
                part => holds(part, &s, &self.minutes),
            });
            if !goal_kept {
                s.insert(v);
                continue;
            }
            let mut failing: Vec<usize> = Vec::new();
            let mut possible = true;
            for &d in &self.dependents[v] {
                if !s.contains(d) {
                    continue;
                }
                let before = |u: usize| s.contains(u) && position[u] < position[d];
                if !holds_in(&self.requires[d], &before, &self.minutes) {
                    if !holds(&self.requires[d], &s, &self.minutes) {
                        possible = false;
                        break;
                    }
                    failing.push(d);
                }
            }
            failing.sort_unstable_by_key(|&d| position[d]);
            let first_failing = failing.first().map_or(usize::MAX, |&d| position[d]);
            let removed = if !possible {
                false
            } else if failing.is_empty() || self.move_to_end(&s, &mut order, &mut position, failing)
            {
                true
            } else if let Some(tail) = self.reorder_from(&s, &order, &position, first_failing) {
                for (i, &u) in tail.iter().enumerate() {
                    position[u] = first_failing + i;
                }
                order.truncate(first_failing);
                order.extend(tail);
                true
            } else {
                false
            };
            // Under the unit tests (the plan's property tests trim thousands of
            // plans), each verdict is checked against the whole check it replaced,
            // and the order in hand against a fresh placement.
            #[cfg(test)]
            {
                let mut without = s.clone();
                without.remove(v);
                assert_eq!(removed, self.feasible(&without), "trim verdict");
                if removed {
                    let live: Vec<usize> = order
                        .iter()
                        .enumerate()
                        .filter(|&(i, &u)| without.contains(u) && position[u] == i)
                        .map(|(_, &u)| u)
                        .collect();
                    let mut placed = BitSet::new(self.vars.len());
                    for &u in &live {
                        assert!(
                            holds(&self.requires[u], &placed, &self.minutes),
                            "trim order"
                        );
                        placed.insert(u);
                    }
                    assert_eq!(live.len(), without.len(), "trim order");
                }
            }
            if removed {
                for &(i, add) in &goal_parts[v] {
                    tally[i] = tally[i].saturating_sub(add);
                }
            } else {
                s.insert(v);
            }
        }
        s
    }

    /// Repairs the order of `s` by moving the `failing` members (in order) to its
    /// end, then those of their dependents that this breaks, in turn; true when every
    /// moved member holds where it lands. Else the order is put back as it was and
    /// false returned. Entries of `order` are stale when `position` disagrees.
    /// A failing member usually needs a module that comes later: moving it (and the
    /// few that need it) is cheaper than rebuilding the order after it.
    fn move_to_end(
        &self,
        s: &BitSet,
        order: &mut Vec<usize>,
        position: &mut [usize],
        failing: Vec<usize>,
    ) -> bool {
        /// Past this many moves, rebuilding the order is as cheap.
        const MOST_MOVES: usize = 64;
        let length = order.len();
        let mut moved: Vec<(usize, usize)> = Vec::new();
        let mut queue = std::collections::VecDeque::from(failing);
        let mut ok = true;
        while let Some(d) = queue.pop_front() {
            if moved.len() >= MOST_MOVES {
                ok = false;
                break;
            }
            moved.push((d, position[d]));
            order.push(d);
            position[d] = order.len() - 1;
            let before = |u: usize| s.contains(u) && position[u] < position[d];
            if !holds_in(&self.requires[d], &before, &self.minutes) {
                ok = false;
                break;
            }
            for &dd in &self.dependents[d] {
                if s.contains(dd) && position[dd] < position[d] && !queue.contains(&dd) {
                    let before = |u: usize| s.contains(u) && position[u] < position[dd];
                    if !holds_in(&self.requires[dd], &before, &self.minutes) {
                        queue.push_back(dd);
                    }
                }
            }
        }
        if !ok {
            for &(u, old) in moved.iter().rev() {
                position[u] = old;
            }
            order.truncate(length);
        }
        ok
    }

    /// A valid order of the members of `s` from place `from` of `order` on, the
    /// members before it (a valid prefix) being placed; `None` when some member can
    /// never go.
    fn reorder_from(
        &self,
        s: &BitSet,
        order: &[usize],
        position: &[usize],
        from: usize,
    ) -> Option<Vec<usize>> {
        let live = |(i, &u): (usize, &usize)| (s.contains(u) && position[u] == i).then_some(u);
        let mut placed = BitSet::new(self.vars.len());
        for u in order[..from].iter().enumerate().filter_map(live) {
            placed.insert(u);
        }
        let rest: Vec<usize> = order
            .iter()
            .enumerate()
            .skip(from)
            .filter_map(live)
            .collect();
        let tail = self.place(s, &mut placed, &rest);
        (tail.len() == rest.len()).then_some(tail)
    }
}

/// What the branch and bound over the relaxation found.
pub(super) struct LpSearch {
    /// A lower bound on every plan: the best plan's minutes when the whole tree
    /// was searched, which proves it optimal.
    pub lower: u64,
    /// Programs solved (nodes), each a warm re-solve of its parent's.
    pub nodes: u64,
}

impl Model<'_> {
    /// A branch and bound on the linear-programming relaxation, from its root optimum,
    /// improving `best` (a plan and its minutes), within `budget` nodes.
    ///
    /// Each node is its parent's program with one more candidate fixed to 1 or to 0,
    /// re-solved warm (dual simplex from the parent's basis); its bound is its
    /// optimum rounded up. Depth first, "take it" first, on the fractional candidate
    /// whose minutes times distance to a whole number is largest. A whole-number
    /// optimum that can be put in order is a plan. One that cannot (modules that
    /// support each other through competencies, none able to go first) is cut off:
    /// if all of the stuck set U are taken, one of the modules outside the plan that
    /// their prerequisites name must be taken too — for the first of U to go first,
    /// its prerequisites must hold without U, and they did not over the rest of the
    /// plan. The cut holds for every plan, so it is added for good to that branch.
    /// A solver error on a child (never a panic) keeps the child's parent bound in
    /// the lower bound and the search is not complete.
    pub(super) fn lp_search(
        &self,
        r: &relaxation::Relaxation,
        best: &mut (u64, BitSet),
        budget: u64,
    ) -> LpSearch {
        let Some(mut root) = r.root() else {
            return LpSearch { lower: 0, nodes: 0 };
        };
        let prices = r.root_prices(&mut root);
        // Fixes valid for every plan better than the incumbent, recomputed when it
        // improves; a node applies those it has not seen yet when it is popped.
        let mut global: Vec<(parcours_lp::Variable, f64)> = Vec::new();
        let mut priced_at = INF;
        let mut refix = |incumbent: u64, global: &mut Vec<(parcours_lp::Variable, f64)>| {
            if let Some(p) = &prices {
                if incumbent < priced_at {
                    priced_at = incumbent;
                    let known: std::collections::BTreeSet<usize> =
                        global.iter().map(|(var, _)| var.idx()).collect();
                    global.extend(
                        r.fixings(p, incumbent)
                            .into_iter()
                            .filter(|(var, _)| !known.contains(&var.idx())),
                    );
                }
            }
        };
        refix(best.0, &mut global);
        let root_bound = r.bound_of(&root);
        // (solution, its bound, how many global fixes it has, the branching fix it
        // still waits for): a child is solved when popped, not when made, so the
        // children the search never reaches (pruned, or past the budget) cost
        // nothing; until then its parent's bound stands for it.
        type Fix = (parcours_lp::Variable, f64);
        let mut stack: Vec<(parcours_lp::Solution, u64, usize, Option<Fix>)> =
            vec![(root, root_bound, 0, None)];
        // The smallest bound of a subtree given up on (a solver error).
        let mut lost = INF;
        let mut nodes = 0u64;
        while let Some((mut solution, mut lb, applied, pending)) = stack.pop() {
            if lb >= best.0 {
                continue;
            }
            if nodes >= budget {
                stack.push((solution, lb, applied, pending));
                break;
            }
            nodes += 1;
            let fixes: Vec<Fix> = pending
                .into_iter()
                .chain(global[applied..].iter().copied())
                .collect();
            if !fixes.is_empty() {
                match solution.fix_vars(&fixes) {
                    Ok(s) => {
                        solution = s;
                        lb = r.bound_of(&solution).max(lb);
                        if lb >= best.0 {
                            continue;
                        }
                    }
                    // No solution with the branch's fix, or the node needs what no
                    // better plan has.
                    Err(parcours_lp::Error::Infeasible) => continue,
                    Err(_) => {
                        lost = lost.min(lb);
                        continue;
                    }
                }
            }
            let applied = global.len();
            if let Some((_, var)) = r.branching(&solution, &self.minutes) {
                // "Take it" pushed last, so it is explored first.
                stack.push((solution.clone(), lb, applied, Some((var, 0.0))));
                stack.push((solution, lb, applied, Some((var, 1.0))));
                continue;
            }
            // Every candidate whole: a plan, unless some can never go first.
            let taken = r.taken_by(&solution);
            let set = BitSet::of(self.vars.len(), &taken);
            let placed = self.placeable(&set);
            if placed.len() == set.len() && self.goal_holds(&set) {
                let cost = self.cost(&set);
                if cost < best.0 {
                    *best = (cost, set);
                    refix(cost, &mut global);
                }
                continue;
            }
            let stuck: Vec<usize> = taken
                .iter()
                .copied()
                .filter(|&v| !placed.contains(v))
                .collect();
            let mut named = Vec::new();
            for &u in &stuck {
                vars_of(&self.requires[u], &mut named);
            }
            named.sort_unstable();
            named.dedup();
            let mut row: Vec<(parcours_lp::Variable, f64)> = named
                .iter()
                .filter(|&&w| !set.contains(w))
                .filter_map(|&w| r.variable(w).map(|x| (x, 1.0)))
                .collect();
            let mut free_stuck = 0.0;
            for &u in &stuck {
                if let Some(x) = r.variable(u) {
                    row.push((x, -1.0));
                    free_stuck += 1.0;
                }
            }
            if row.is_empty() {
                // Nothing can change: no plan in this branch.
                continue;
            }
            match solution.add_constraint(row, parcours_lp::ComparisonOp::Ge, 1.0 - free_stuck) {
                Ok(s) => {
                    let bound = r.bound_of(&s).max(lb);
                    if bound < best.0 {
                        stack.push((s, bound, applied, None));
                    }
                }
                Err(parcours_lp::Error::Infeasible) => {}
                Err(_) => lost = lost.min(lb),
            }
        }
        let open = stack.iter().map(|&(_, lb, _, _)| lb).min().unwrap_or(INF);
        LpSearch {
            lower: open.min(lost).min(best.0),
            nodes,
        }
    }
}

//! The linear-programming relaxation of the plan model: a lower bound for the plans
//! the branch and bound could not prove optimal within its budget.
//!
//! The search's own bounds look at one constraint at a time (or at constraints with
//! disjoint modules), so twenty competency targets that share prerequisites give a
//! weak bound. The relaxation prices every constraint at once: each candidate is a
//! variable in [0, 1], each formula node a variable bounded by its children, and the
//! optimum is a lower bound on the minutes of any plan (rounded up, minutes being
//! whole). It ignores the order (cyclic supports), so it never overestimates.
//!
//! Formulation (t(f) is the value of formula f):
//! - `Var(v)`: x_v; `All`: h ≤ t(child) for each child; `Any`, `AnyVar`: h ≤ Σ t;
//!   `AtLeast(k)`, `Count(k)`: k·h ≤ Σ t; `Minutes(need)`: need·h ≤ Σ min(minutes, need)·x
//!   (a module cannot count for more than the whole need, which tightens the bound).
//! - Each candidate: x_v ≤ t(requires_v); each goal part: t(part) ≥ 1.
//! - Minimise Σ minutes_v · x_v.
//! - Cuts, in rounds at the root, where the optimum violates them: a "k of n" node
//!   h (`AtLeast`, `Count`, k ≥ 2) holds only when any n − k + 1 of its terms hold
//!   one, so Σ_S t ≥ (|S| − n + k)·h for every set S of its terms. At h = ½ the node's
//!   own row is met by one cheap term at 1, which no plan can do: on a layered
//!   10,000-module curriculum with 20 targets, these cuts take the bound from 13 %
//!   under the optimum to the optimum.
//!
//! Only candidates the goal can reach through `requires` enter the program: the
//! others can stay at 0 in any solution, so leaving them out changes nothing.
//!
//! The solver is `parcours-lp`, the workspace's fork of minilp: a sparse revised
//! simplex in pure Rust that reads no clock, counts pivots against a budget and
//! returns an error where minilp panicked. Any error (numerical trouble, the budget)
//! leaves the plan to the search: no relaxation bound, no plan from it. The bound is
//! the smaller of the simplex's optimum and a dual bound that does not trust its
//! arithmetic (`Solution::objective_bound`), so rounding can never make it too high.

use parcours_lp::{ComparisonOp, OptimizationDirection, Problem, Solution, Variable};

use super::model::{vars_of, F};

/// A formula's value in the program: a constant or a variable.
#[derive(Clone, Copy)]
enum Term {
    Const(bool),
    Var(Variable),
}

struct Program {
    problem: Problem,
    /// Per candidate: its variable, once it is in the program.
    x: Vec<Option<Variable>>,
    /// The candidate whose `requires` is being written: it cannot help meet its own
    /// prerequisite (a competency it teaches counts only for modules after it).
    own: Option<usize>,
    /// Candidates every plan takes (the search's propagation at the root): constants,
    /// not variables.
    fixed: Vec<bool>,
    /// The "k of n" nodes (k ≥ 2, n > k, whole terms), for [`k_of_n_cuts`].
    k_of_n: Vec<KOfN>,
}

/// A node `k·h ≤ Σ t` of the program whose terms each count for one: when it holds,
/// any n − k + 1 of its terms hold one at least.
struct KOfN {
    h: Variable,
    k: usize,
    terms: Vec<Variable>,
}

impl Program {
    /// Adds `Σ a·x (op) rhs` (the solver sorts the terms and merges repeated ones).
    fn constraint(&mut self, row: Vec<(Variable, f64)>, op: ComparisonOp, rhs: f64) {
        self.problem.add_constraint(row, op, rhs);
    }

    fn aux(&mut self) -> Variable {
        self.problem.add_var(0.0, (0.0, 1.0))
    }

    fn x(&self, v: usize) -> Term {
        if self.own == Some(v) {
            return Term::Const(false);
        }
        if self.fixed.get(v).copied().unwrap_or(false) {
            return Term::Const(true);
        }
        match self.x.get(v).copied().flatten() {
            Some(x) => Term::Var(x),
            // Not reachable from the goal: never planned in the relaxation either.
            None => Term::Const(false),
        }
    }

    /// `need · h ≤ Σ coefficient · term` for a new h; folds constants.
    fn at_least(&mut self, need: f64, terms: Vec<(f64, Term)>) -> Term {
        let constant: f64 = terms
            .iter()
            .filter_map(|&(a, t)| matches!(t, Term::Const(true)).then_some(a))
            .sum();
        let open: Vec<(Variable, f64)> = terms
            .iter()
            .filter_map(|&(a, t)| match t {
                Term::Var(x) => Some((x, a)),
                Term::Const(_) => None,
            })
            .collect();
        let need = need - constant;
        if need <= 0.0 {
            return Term::Const(true);
        }
        if open.is_empty() {
            return Term::Const(false);
        }
        if let [(x, a)] = open[..] {
            if a >= need {
                return Term::Var(x);
            }
        }
        let h = self.aux();
        let whole = need.fract() == 0.0 && need >= 2.0 && open.iter().all(|&(_, a)| a == 1.0);
        if whole && open.len() > need as usize {
            self.k_of_n.push(KOfN {
                h,
                k: need as usize,
                terms: open.iter().map(|&(x, _)| x).collect(),
            });
        }
        let mut row = open;
        row.push((h, -need));
        self.constraint(row, ComparisonOp::Ge, 0.0);
        Term::Var(h)
    }

    fn term(&mut self, f: &F, minutes: &[u32]) -> Term {
        match f {
            F::True => Term::Const(true),
            F::False => Term::Const(false),
            F::Var(v) => self.x(*v),
            F::AnyVar(vs) => {
                let terms = vs.iter().map(|&v| (1.0, self.x(v))).collect();
                self.at_least(1.0, terms)
            }
            F::Count(k, vs) => {
                let terms = vs.iter().map(|&v| (1.0, self.x(v))).collect();
                self.at_least(f64::from(*k), terms)
            }
            F::Minutes(need, vs) => {
                let need = *need as f64;
                let terms = vs
                    .iter()
                    .map(|&v| {
                        let m = minutes.get(v).map_or(0.0, |&m| f64::from(m));
                        (m.min(need), self.x(v))
                    })
                    .collect();
                self.at_least(need, terms)
            }
            F::Any(ch) => {
                let terms = ch.iter().map(|c| (1.0, self.term(c, minutes))).collect();
                self.at_least(1.0, terms)
            }
            F::AtLeast(k, ch) => {
                let terms = ch.iter().map(|c| (1.0, self.term(c, minutes))).collect();
                self.at_least(f64::from(*k), terms)
            }
            F::All(ch) => {
                let terms: Vec<Term> = ch.iter().map(|c| self.term(c, minutes)).collect();
                if terms.iter().any(|t| matches!(t, Term::Const(false))) {
                    return Term::Const(false);
                }
                let open: Vec<Variable> = terms
                    .iter()
                    .filter_map(|t| match t {
                        Term::Var(x) => Some(*x),
                        Term::Const(_) => None,
                    })
                    .collect();
                match open[..] {
                    [] => Term::Const(true),
                    [x] => Term::Var(x),
                    _ => {
                        let h = self.aux();
                        for x in open {
                            self.constraint(vec![(x, 1.0), (h, -1.0)], ComparisonOp::Ge, 0.0);
                        }
                        Term::Var(h)
                    }
                }
            }
        }
    }
}

/// The relaxation's optimum, kept to dive from.
pub(super) struct Relaxation {
    /// A lower bound, in minutes, on every plan.
    pub bound: u64,
    /// Candidates the optimum takes (in part or whole): where to look for a plan.
    pub support: Vec<usize>,
    /// The current solution (`None` once a change made the program infeasible or the
    /// solver failed).
    solution: Option<parcours_lp::Solution>,
    x: Vec<Option<Variable>>,
    /// Candidates in the program, in index order.
    seen: Vec<usize>,
    /// Candidates fixed to 1 from the start, in index order.
    fixed: Vec<usize>,
    /// The root's optimum, before any dive: where the branch and bound starts.
    root: Option<Solution>,
    /// The fixed candidates' minutes, added to every bound.
    constant: u64,
    /// The greatest common divisor of the program's candidates' minutes (at least
    /// 1): what any plan takes in the program is a multiple of it, so a bound
    /// rounds up to one (modules of whole and half hours: 30 minutes).
    step: u64,
}

/// Most rounds of fixing per dive.
const DIVES: usize = 64;
const EPS: f64 = 1e-6;

impl Relaxation {
    /// Dives to a whole-number solution: fixes the candidates taken at one half or
    /// more (else the one taken most, the lowest index on ties) to 1 and
    /// re-optimises, until none is fractional. Each fix keeps the previous basis, so
    /// it costs a few pivots. Returns the candidates taken at the end; `None` when
    /// the program has become infeasible.
    pub(super) fn dive(&mut self) -> Option<Vec<usize>> {
        for _ in 0..DIVES {
            let solution = self.solution.as_ref()?;
            let fractional: Vec<(usize, Variable, f64)> = self
                .seen
                .iter()
                .filter_map(|&v| {
                    let var = self.x[v]?;
                    Some((v, var, solution.value(var)?))
                })
                .filter(|&(_, _, value)| value > EPS && value < 1.0 - EPS)
                .collect();
            let mut fix: Vec<Variable> = fractional
                .iter()
                .filter(|&&(_, _, value)| value >= 0.5)
                .map(|&(_, var, _)| var)
                .collect();
            if fix.is_empty() {
                let largest = fractional
                    .iter()
                    .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)));
                match largest {
                    Some(&(_, var, _)) => fix.push(var),
                    None => break,
                }
            }
            self.fix(&fix, 1.0);
        }
        let solution = self.solution.as_ref()?;
        Some(merged(&self.fixed, &self.seen, |v| {
            taken(solution, self.x[v])
        }))
    }

    /// Forbids candidates (fixes them to 0); false when the program becomes
    /// infeasible (or the solver fails).
    pub(super) fn forbid(&mut self, candidates: &[usize]) -> bool {
        if candidates
            .iter()
            .any(|v| self.fixed.binary_search(v).is_ok())
        {
            self.solution = None;
            return false;
        }
        let vars: Vec<Variable> = candidates
            .iter()
            .filter_map(|&v| self.x.get(v).copied().flatten())
            .collect();
        self.fix(&vars, 0.0);
        self.solution.is_some()
    }

    /// Fixes `vars` to `value`, one warm re-solve each, the result certified once.
    fn fix(&mut self, vars: &[Variable], value: f64) {
        let fixes: Vec<(Variable, f64)> = vars.iter().map(|&var| (var, value)).collect();
        self.solution = self.solution.take().and_then(|s| s.fix_vars(&fixes).ok());
    }
}

impl Relaxation {
    /// The root's optimum (a copy), before any dive.
    pub(super) fn root(&self) -> Option<Solution> {
        self.root.clone()
    }

    /// A lower bound, in minutes, on every plan that the program of `solution`
    /// (the root's, with fixes and cuts) allows: its optimum rounded up (minutes are
    /// whole), never above the dual bound that holds whatever the arithmetic did.
    pub(super) fn bound_of(&self, solution: &Solution) -> u64 {
        bound_of(solution, self.step).saturating_add(self.constant)
    }

    /// The candidate to branch on, with its variable: the fractional one whose
    /// minutes times distance to a whole number is largest (the lowest index on
    /// ties); `None` when every candidate is whole.
    pub(super) fn branching(
        &self,
        solution: &Solution,
        minutes: &[u32],
    ) -> Option<(usize, Variable)> {
        let mut best: Option<(f64, usize, Variable)> = None;
        for &v in &self.seen {
            let Some(var) = self.x[v] else { continue };
            let Some(value) = solution.value(var) else {
                continue;
            };
            if value <= EPS || value >= 1.0 - EPS {
                continue;
            }
            let weight =
                value.min(1.0 - value) * f64::from(minutes.get(v).copied().unwrap_or(0)).max(1.0);
            if best.is_none_or(|(w, _, _)| weight > w) {
                best = Some((weight, v, var));
            }
        }
        best.map(|(_, v, var)| (v, var))
    }

    /// What reduced-cost fixing needs from the root's program: its dual bound and
    /// each candidate's reduced cost (rounded toward zero by its own error bound).
    pub(super) fn root_prices(&self, root: &mut Solution) -> Option<RootPrices> {
        let reduced = root.reduced_costs().ok()?;
        let costs = self
            .seen
            .iter()
            .filter_map(|&v| {
                let var = self.x[v]?;
                Some((var, *reduced.get(var.idx())?))
            })
            .filter(|&(_, d)| d != 0.0)
            .collect();
        Some(RootPrices {
            bound: root.objective_bound(),
            costs,
        })
    }

    /// The candidates that keep their side of the root's optimum in every plan of
    /// fewer than `incumbent` minutes ("reduced-cost fixing"): such a plan costs at
    /// most `incumbent − 1` minutes, and taking a candidate the root leaves out (or
    /// leaving out one it takes) costs at least the root's dual bound plus its
    /// reduced cost. Valid at every node, since it holds for every better plan.
    pub(super) fn fixings(&self, prices: &RootPrices, incumbent: u64) -> Vec<(Variable, f64)> {
        // The program's part of a better plan is a multiple of the step.
        let Some(cap) = incumbent
            .checked_sub(1)
            .and_then(|c| c.checked_sub(self.constant))
            .map(|c| c - c % self.step)
        else {
            return Vec::new();
        };
        let cap = cap as f64 + 1e-6 * (1.0 + cap as f64);
        prices
            .costs
            .iter()
            .filter(|&&(_, d)| prices.bound + d.abs() > cap)
            .map(|&(var, d)| (var, if d > 0.0 { 0.0 } else { 1.0 }))
            .collect()
    }

    /// The candidates in no plan of `optimum` minutes (the proven optimum): those
    /// the root leaves out whose reduced cost alone would take a plan past it.
    /// `None` when the solver cannot price the root.
    pub(super) fn outside_every_optimum(&self, optimum: u64) -> Option<Vec<usize>> {
        let mut root = self.root()?;
        let prices = self.root_prices(&mut root)?;
        let room = optimum.checked_sub(self.constant)? as f64;
        let tolerance = 1e-6 * (1.0 + room);
        let outside: std::collections::BTreeSet<usize> = prices
            .costs
            .iter()
            .filter(|&&(_, d)| d > 0.0 && prices.bound + d - tolerance > room)
            .map(|&(var, _)| var.idx())
            .collect();
        Some(
            self.seen
                .iter()
                .copied()
                .filter(|&v| self.x[v].is_some_and(|var| outside.contains(&var.idx())))
                .collect(),
        )
    }

    /// The candidates `solution` takes (whole or in part), the fixed ones included,
    /// in index order.
    pub(super) fn taken_by(&self, solution: &Solution) -> Vec<usize> {
        merged(&self.fixed, &self.seen, |v| taken(solution, self.x[v]))
    }

    /// The variable of a candidate, when it is one of the program's (not fixed, and
    /// reachable from the goal).
    pub(super) fn variable(&self, v: usize) -> Option<Variable> {
        self.x.get(v).copied().flatten()
    }
}

/// The root program's dual bound and the candidates' nonzero reduced costs there.
pub(super) struct RootPrices {
    bound: f64,
    costs: Vec<(Variable, f64)>,
}

/// The optimum of `solution` rounded up to a multiple of `step` (every plan's
/// minutes in the program are one), less a tolerance for the solver's arithmetic,
/// and never above the dual bound; 0 when not finite.
fn bound_of(solution: &Solution, step: u64) -> u64 {
    let objective = solution.objective();
    let proven = solution.objective_bound();
    let step = step.max(1) as f64;
    let value = ((objective - 1e-4 - 1e-9 * objective.abs()).min(proven) / step).ceil() * step;
    if value.is_finite() {
        value.max(0.0) as u64
    } else {
        0
    }
}

/// `fixed` and the candidates of `seen` that `taken` accepts, in index order (both
/// are in index order).
fn merged(fixed: &[usize], seen: &[usize], taken: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut out: Vec<usize> = fixed
        .iter()
        .copied()
        .chain(seen.iter().copied().filter(|&v| taken(v)))
        .collect();
    out.sort_unstable();
    out
}

/// Whether the solution takes the candidate of variable `x` (in part or whole).
fn taken(solution: &parcours_lp::Solution, x: Option<Variable>) -> bool {
    x.and_then(|x| solution.value(x))
        .is_some_and(|value| value > EPS)
}

/// Most rounds of cuts at the root.
const CUT_ROUNDS: usize = 8;

/// The cuts of the "k of n" nodes that `solution` violates, the most violated one
/// per node: when a node holds, at least k of its n terms hold, so any set S of
/// them holds at least |S| − (n − k) (all-or-nothing terms): Σ_S t ≥ (|S| − n + k)·h.
/// The relaxation's own row is S the whole set; smaller sets are stronger when h is
/// fractional. The most violated S of each size takes the smallest terms (the
/// lowest variable first on ties).
fn k_of_n_cuts(nodes: &[KOfN], solution: &Solution) -> Vec<Vec<(Variable, f64)>> {
    let mut cuts = Vec::new();
    let mut values: Vec<(f64, Variable)> = Vec::new();
    for node in nodes {
        let Some(h) = solution.value(node.h) else {
            continue;
        };
        if h <= EPS {
            continue;
        }
        values.clear();
        values.extend(
            node.terms
                .iter()
                .filter_map(|&t| Some((solution.value(t)?, t))),
        );
        if values.len() != node.terms.len() {
            continue;
        }
        values.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.idx().cmp(&b.1.idx())));
        let n = values.len();
        let slack = n - node.k;
        let mut best: Option<(f64, usize)> = None;
        let mut sum = 0.0;
        for (i, &(value, _)) in values.iter().enumerate() {
            sum += value;
            let size = i + 1;
            if size <= slack || size == n {
                continue;
            }
            let violation = (size - slack) as f64 * h - sum;
            if violation > 1e-4 && best.is_none_or(|(v, _)| violation > v) {
                best = Some((violation, size));
            }
        }
        if let Some((_, size)) = best {
            let mut row: Vec<(Variable, f64)> =
                values[..size].iter().map(|&(_, t)| (t, 1.0)).collect();
            row.push((node.h, -((size - slack) as f64)));
            cuts.push(row);
        }
    }
    cuts
}

/// The relaxation of "meet `goal` with each planned candidate's `requires`", the
/// candidates of `fixed` (which every plan takes) being constants;
/// `None` when it has no solution (then the goal is unreachable, which the caller
/// has already ruled out) or the solver fails (an error, never a panic: the caller
/// keeps the search's bound and plan).
///
/// Fixing what every plan takes leaves the simplex only the part of the program
/// where the bound can still move: for a completion goal, whose core modules and
/// their required prerequisites are all fixed, a tenth of the rows.
pub(super) fn solve(
    goal: &[F],
    requires: &[F],
    minutes: &[u32],
    fixed: &[bool],
) -> Option<Relaxation> {
    solve_with(goal, requires, minutes, fixed, CUT_ROUNDS)
}

/// [`solve`] with at most `rounds` rounds of cuts (the tests compare with none).
fn solve_with(
    goal: &[F],
    requires: &[F],
    minutes: &[u32],
    fixed: &[bool],
    rounds: usize,
) -> Option<Relaxation> {
    let n = requires.len();
    // Candidates the goal can reach through `requires`, in a fixed order.
    let mut reached = vec![false; n];
    let mut queue = Vec::new();
    for part in goal {
        vars_of(part, &mut queue);
    }
    let mut seen = Vec::new();
    while let Some(v) = queue.pop() {
        if v >= n || reached[v] {
            continue;
        }
        reached[v] = true;
        seen.push(v);
        vars_of(&requires[v], &mut queue);
    }
    seen.sort_unstable();

    let is_fixed = |v: usize| fixed.get(v).copied().unwrap_or(false);
    let fixed_list: Vec<usize> = seen.iter().copied().filter(|&v| is_fixed(v)).collect();
    let constant: u64 = fixed_list
        .iter()
        .map(|&v| u64::from(minutes.get(v).copied().unwrap_or(0)))
        .sum();
    seen.retain(|&v| !is_fixed(v));
    let mut program = Program {
        problem: Problem::new(OptimizationDirection::Minimize),
        x: vec![None; n],
        own: None,
        fixed: (0..n).map(is_fixed).collect(),
        k_of_n: Vec::new(),
    };
    for &v in &seen {
        let cost = minutes.get(v).map_or(0.0, |&m| f64::from(m));
        program.x[v] = Some(program.problem.add_var(cost, (0.0, 1.0)));
    }
    for &v in &seen {
        let Some(x) = program.x[v] else { continue };
        program.own = Some(v);
        let term = program.term(&requires[v], minutes);
        program.own = None;
        match term {
            Term::Const(true) => {}
            Term::Const(false) => {
                program.constraint(vec![(x, 1.0)], ComparisonOp::Le, 0.0);
            }
            Term::Var(t) => {
                program.constraint(vec![(t, 1.0), (x, -1.0)], ComparisonOp::Ge, 0.0);
            }
        }
    }
    // A fixed candidate's prerequisites must hold too.
    for &v in &fixed_list {
        program.own = Some(v);
        let term = program.term(&requires[v], minutes);
        program.own = None;
        match term {
            Term::Const(true) => {}
            Term::Const(false) => return None,
            Term::Var(t) => program.constraint(vec![(t, 1.0)], ComparisonOp::Ge, 1.0),
        }
    }
    for part in goal {
        match program.term(part, minutes) {
            Term::Const(true) => {}
            Term::Const(false) => return None,
            Term::Var(t) => {
                program.constraint(vec![(t, 1.0)], ComparisonOp::Ge, 1.0);
            }
        }
    }
    let mut solution = program.problem.solve().ok()?;
    // The "k of n" rows let a node hold at one half with half of its terms: cut that
    // off, a few rounds, each one warm re-solve with the round's cuts.
    for _ in 0..rounds {
        let cuts = k_of_n_cuts(&program.k_of_n, &solution);
        if cuts.is_empty() {
            break;
        }
        for row in &cuts {
            program.constraint(row.clone(), ComparisonOp::Ge, 0.0);
        }
        // Warm (one dual-simplex re-solve for the round); a cold solve of the
        // program with its cuts if the warm one fails.
        let rows = cuts.into_iter().map(|row| (row, ComparisonOp::Ge, 0.0));
        solution = match solution.add_constraints(rows) {
            Ok(warm) => warm,
            Err(_) => program.problem.solve().ok()?,
        };
    }
    // Minutes are whole: round up, less a tolerance for the solver's arithmetic, and
    // never above the dual bound, which holds whatever that arithmetic did.
    if !solution.objective().is_finite() || !solution.objective_bound().is_finite() {
        return None;
    }
    let support = merged(&fixed_list, &seen, |v| taken(&solution, program.x[v]));
    let step = seen
        .iter()
        .map(|&v| u64::from(minutes.get(v).copied().unwrap_or(0)))
        .fold(0, gcd)
        .max(1);
    Some(Relaxation {
        bound: bound_of(&solution, step).saturating_add(constant),
        support,
        root: Some(solution.clone()),
        solution: Some(solution),
        x: program.x,
        seen,
        fixed: fixed_list,
        constant,
        step,
    })
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design
    use super::*;
    use crate::engine::plan::model::{holds, BitSet};

    fn lower_bound(goal: &[F], requires: &[F], minutes: &[u32]) -> Option<u64> {
        solve(goal, requires, minutes, &[]).map(|r| r.bound)
    }

    #[test]
    fn constraints_are_weighed_together() {
        // Three goal parts, each met by one of two modules, every pair sharing one:
        // each part alone needs 60 minutes, the relaxation 1.5 × 60 = 90, and
        // every plan at least two modules (120). Every plan is a multiple of 60
        // minutes here, so 90 rounds up to 120, the optimum.
        let goal = vec![
            F::AnyVar(vec![0, 1]),
            F::AnyVar(vec![1, 2]),
            F::AnyVar(vec![2, 0]),
        ];
        let requires = vec![F::True, F::True, F::True];
        assert_eq!(lower_bound(&goal, &requires, &[60, 60, 60]), Some(120));
    }

    #[test]
    fn shared_prerequisites_count_once_and_fully() {
        // Targets 0, 1, 2 (10 minutes each) all need module 3 (100 minutes).
        let goal = vec![F::Var(0), F::Var(1), F::Var(2)];
        let requires = vec![F::Var(3), F::Var(3), F::Var(3), F::True];
        assert_eq!(lower_bound(&goal, &requires, &[10, 10, 10, 100]), Some(130));
    }

    #[test]
    fn a_module_does_not_support_its_own_prerequisite() {
        // Module 0 needs a level that it or module 1 teaches: only module 1, taken
        // before it, can give it.
        let goal = vec![F::Var(0)];
        let requires = vec![F::AnyVar(vec![0, 1]), F::True];
        assert_eq!(lower_bound(&goal, &requires, &[30, 45]), Some(75));
    }

    #[test]
    fn at_least_and_hours_rules_are_fractional_but_never_above_a_plan() {
        // Two of three modules (20, 30, 40 minutes): the cheapest pair is 50.
        let goal = vec![F::Count(2, vec![0, 1, 2])];
        let free = vec![F::True, F::True, F::True];
        assert_eq!(lower_bound(&goal, &free, &[20, 30, 40]), Some(50));
        // 50 minutes of modules: the relaxation may take fractions (exactly 50);
        // the best plan takes 20 + 30 = 50 too.
        let goal = vec![F::Minutes(50, vec![0, 1, 2])];
        assert_eq!(lower_bound(&goal, &free, &[20, 30, 40]), Some(50));
        // An hours rule a single module over-fills: it counts for the need only.
        let goal = vec![F::Minutes(50, vec![0, 1])];
        assert_eq!(
            lower_bound(&goal, &[F::True, F::True], &[90, 200]),
            Some(90)
        );
    }

    #[test]
    fn a_cheap_term_cannot_meet_a_k_of_n_rule_alone() {
        // Two of a, b, c (60 minutes each), each needing two of p (10 minutes), q and
        // r (100 each). The best plan: two of a, b, c and p with q or r, 230. Without
        // the cuts, the relaxation takes a, b, c at one half, their "two of" nodes at
        // one half too, which p alone meets: 90 + 10. Any two of p, q, r must hold
        // one at least as much as the node: q + r ≥ ½, so 90 + 5 + 50, rounded up
        // to a multiple of 10 minutes (every plan's).
        let goal = vec![
            F::AnyVar(vec![0, 1]),
            F::AnyVar(vec![1, 2]),
            F::AnyVar(vec![2, 0]),
        ];
        let two_of = F::Count(2, vec![3, 4, 5]);
        let requires = vec![
            two_of.clone(),
            two_of.clone(),
            two_of,
            F::True,
            F::True,
            F::True,
        ];
        let minutes = [60, 60, 60, 10, 100, 100];
        assert_eq!(lower_bound(&goal, &requires, &minutes), Some(150));
    }

    /// Random acyclic models (each candidate requires "k of" some candidates before
    /// it, so any set whose prerequisites hold over itself can be taken in index
    /// order), goals of two or three candidates each: the bound with the cuts is
    /// never above the optimum found over every subset, never below the bound
    /// without them, and above it in some cases (the cuts are exercised).
    #[test]
    fn the_cuts_never_cut_off_a_plan() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |below: usize| -> usize {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let mut tighter = 0;
        for _ in 0..1_500 {
            let n = 6 + next(7);
            let minutes: Vec<u32> = (0..n).map(|_| 30 * (1 + next(8) as u32)).collect();
            let requires: Vec<F> = (0..n)
                .map(|v| {
                    let earlier: Vec<usize> = (0..v).filter(|_| next(2) == 0).collect();
                    if earlier.len() < 2 || next(4) == 0 {
                        return F::True;
                    }
                    let k = 1 + next(earlier.len() - 1) as u32;
                    if next(2) == 0 {
                        F::Count(k, earlier)
                    } else {
                        let children = earlier
                            .chunks(1 + next(2))
                            .map(|c| match c {
                                [v] => F::Var(*v),
                                vs => F::AnyVar(vs.to_vec()),
                            })
                            .collect::<Vec<F>>();
                        let k = k.min(children.len() as u32);
                        F::AtLeast(k, children)
                    }
                })
                .collect();
            let goal: Vec<F> = (0..1 + next(3))
                .map(|_| F::AnyVar((0..2 + next(2)).map(|_| n / 2 + next(n - n / 2)).collect()))
                .collect();
            let mut optimum: Option<u64> = None;
            for mask in 0u32..1 << n {
                let s = BitSet::of(
                    n,
                    &(0..n).filter(|v| mask >> v & 1 == 1).collect::<Vec<_>>(),
                );
                let plan = goal.iter().all(|f| holds(f, &s, &minutes))
                    && s.iter().all(|v| holds(&requires[v], &s, &minutes));
                if plan {
                    let cost = s.iter().map(|v| u64::from(minutes[v])).sum();
                    optimum = Some(optimum.map_or(cost, |o: u64| o.min(cost)));
                }
            }
            let with = solve(&goal, &requires, &minutes, &[]).map(|r| r.bound);
            let without = solve_with(&goal, &requires, &minutes, &[], 0).map(|r| r.bound);
            // No plan: the relaxation may still have fractional solutions.
            if let Some(optimum) = optimum {
                let (with, without) = (with.unwrap(), without.unwrap());
                assert!(
                    with <= optimum,
                    "{with} above the optimum {optimum}: {goal:?} {requires:?} {minutes:?}"
                );
                assert!(with >= without);
                tighter += usize::from(with > without);
            }
        }
        assert!(tighter > 0, "no case where the cuts moved the bound");
        println!("the cuts moved the bound in {tighter} cases of 1,500");
    }

    #[test]
    fn an_impossible_goal_has_no_bound() {
        let goal = vec![F::All(vec![F::Var(0), F::False])];
        assert_eq!(lower_bound(&goal, &[F::True], &[10]), None);
        let goal = vec![F::Var(0)];
        assert_eq!(lower_bound(&goal, &[F::Var(0)], &[10]), None);
    }
}

//! A linear-programming solver that returns errors instead of panicking: parcours' fork
//! of [minilp](https://github.com/ztlpn/minilp) 0.2.2 (Copyright Alexey Zatelepin,
//! Apache-2.0, upstream commit `158c38fc`).
//!
//! It minimises or maximises `c·x` subject to linear rows `a·x (≤, =, ≥) b` and bounds
//! `l ≤ x ≤ u`, with a sparse bounded revised simplex (LU factors with eta updates,
//! steepest-edge pricing, Harris ratio tests), and re-solves warm from the previous
//! basis after a variable is fixed ([`Solution::fix_var`], dual simplex) or a row is
//! added ([`Solution::add_constraint`], a cut).
//!
//! What changed from upstream (the pivoting rules and the order of every floating-point
//! operation are kept, so a problem upstream solved right is solved the same, bit for
//! bit; see the README for the full list):
//! - **No panic reachable from input.** Every `panic!`, `unreachable!`, `assert!` and
//!   `unwrap` upstream had on data or numerics is an [`Error`]; a singular basis, a
//!   non-finite value after a pivot or a non-finite edge norm is [`Error::Numerical`];
//!   a variable of another problem, a non-finite coefficient or bound, a lower bound
//!   above its upper bound is [`Error::InvalidInput`], checked before any pivot. Rows
//!   may name a variable more than once and in any order (upstream's `sprs` panicked).
//! - **An iteration budget, never a clock**: each call (`solve`, `fix_var`, …) may make
//!   at most [`Options::iteration_limit`] pivots, by default
//!   [`default_iteration_limit`] of the problem's size; past it, [`Error::IterationLimit`]
//!   (upstream could cycle forever on a degenerate problem).
//! - **Certified solutions.** Before a solution is returned, its rows are checked at
//!   the variables' values and its objective against a dual bound that does not trust
//!   the simplex's arithmetic ([`Solution::objective_bound`]); on failure the values
//!   are recomputed from a fresh factorization and the simplex goes on, once; then it
//!   is [`Error::Numerical`] (upstream returned a vertex that could violate a row or
//!   stop short of the optimum on ill-conditioned problems).
//! - Dropped: the MPS reader, the examples, logging, `sprs` (own sparse matrices).
//!
//! Library code denies `unwrap`, `expect` and `panic` (the workspace lints); indexing
//! stays, on indices the solver builds itself (no index is ever computed from a float).
//!
//! ```
//! use parcours_lp::{ComparisonOp, OptimizationDirection, Problem};
//!
//! // Maximise x + 2y with 0 ≤ x and 0 ≤ y ≤ 3, subject to x + y ≤ 4 and 2x + y ≥ 2.
//! let mut problem = Problem::new(OptimizationDirection::Maximize);
//! let x = problem.add_var(1.0, (0.0, f64::INFINITY));
//! let y = problem.add_var(2.0, (0.0, 3.0));
//! problem.add_constraint(&[(x, 1.0), (y, 1.0)], ComparisonOp::Le, 4.0);
//! problem.add_constraint(&[(x, 2.0), (y, 1.0)], ComparisonOp::Ge, 2.0);
//!
//! let solution = problem.solve()?;
//! assert_eq!(solution.objective(), 7.0);
//! assert_eq!(solution.value(x), Some(1.0));
//! assert_eq!(solution.value(y), Some(3.0));
//!
//! // Warm re-solve: fix y to 2 (dual simplex from the previous basis).
//! let fixed = solution.fix_var(y, 2.0)?;
//! assert_eq!(fixed.objective(), 6.0);
//! # Ok::<(), parcours_lp::Error>(())
//! ```

mod lu;
mod ordering;
mod solver;
mod sparse;

use solver::Solver;
use sparse::Row;

/// Why a problem has no solution, or the solver gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The constraints cannot all hold.
    #[error("problem is infeasible")]
    Infeasible,
    /// The objective can improve without end.
    #[error("problem is unbounded")]
    Unbounded,
    /// The call made as many pivots as its budget allows ([`Options::iteration_limit`]).
    #[error("iteration limit reached")]
    IterationLimit,
    /// The arithmetic broke down (a singular basis, an overflow, a value that is not a
    /// number): the problem is too ill-conditioned for this solver.
    #[error("numerical trouble: {0}")]
    Numerical(&'static str),
    /// The problem as given is not one: a non-finite coefficient or bound, a lower
    /// bound above its upper bound, a variable of another problem.
    #[error("invalid input: {0}")]
    InvalidInput(&'static str),
}

/// Settings of the solver.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Most pivots one call (`solve`, `fix_var`, `add_constraint`, …) may make;
    /// `None`: [`default_iteration_limit`] of the problem's size at that call.
    pub iteration_limit: Option<u64>,
}

/// The default budget of one call: `1,000 + 2 × (rows + columns)` pivots, where the
/// columns count each row's slack. A solve from scratch of the plan relaxation of
/// 10,000 modules (21,146 rows, 14,746 variables) takes 10,696 pivots, a fifth of
/// `rows + columns`, so this leaves a margin of ten; a warm re-solve takes a handful.
/// The budget is there to stop cycling, not to cut a solve short.
pub fn default_iteration_limit(rows: usize, columns: usize) -> u64 {
    let size = (rows as u64).saturating_add(columns as u64);
    size.saturating_mul(2).saturating_add(1_000)
}

/// Whether to minimise or maximise the objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizationDirection {
    /// Minimise the objective.
    Minimize,
    /// Maximise the objective.
    Maximize,
}

/// A variable of a problem (its number in the order of [`Problem::add_var`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variable(usize);

impl Variable {
    /// The variable's number: the count of variables added before it.
    pub fn idx(&self) -> usize {
        self.0
    }
}

/// A sum of variables times coefficients: the left-hand side of a row. A variable may
/// appear more than once (its coefficients add up) and in any order.
#[derive(Clone, Debug, Default)]
pub struct LinearExpr {
    terms: Vec<(usize, f64)>,
}

impl LinearExpr {
    /// An empty expression.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Adds `coeff · var`.
    pub fn add(&mut self, var: Variable, coeff: f64) {
        self.terms.push((var.0, coeff));
    }
}

/// A single `variable * constant` term in a linear expression.
/// This is an auxiliary struct for specifying conversions.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct LinearTerm(Variable, f64);

impl From<(Variable, f64)> for LinearTerm {
    fn from(term: (Variable, f64)) -> Self {
        LinearTerm(term.0, term.1)
    }
}

impl<'a> From<&'a (Variable, f64)> for LinearTerm {
    fn from(term: &'a (Variable, f64)) -> Self {
        LinearTerm(term.0, term.1)
    }
}

impl<I: IntoIterator<Item = impl Into<LinearTerm>>> From<I> for LinearExpr {
    fn from(iter: I) -> Self {
        let mut expr = LinearExpr::empty();
        for term in iter {
            let LinearTerm(var, coeff) = term.into();
            expr.add(var, coeff);
        }
        expr
    }
}

impl std::iter::FromIterator<(Variable, f64)> for LinearExpr {
    fn from_iter<I: IntoIterator<Item = (Variable, f64)>>(iter: I) -> Self {
        let mut expr = LinearExpr::empty();
        for (var, coeff) in iter {
            expr.add(var, coeff)
        }
        expr
    }
}

impl std::iter::Extend<(Variable, f64)> for LinearExpr {
    fn extend<I: IntoIterator<Item = (Variable, f64)>>(&mut self, iter: I) {
        for (var, coeff) in iter {
            self.add(var, coeff)
        }
    }
}

/// The relation between a row's two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComparisonOp {
    /// `=`
    Eq,
    /// `≤`
    Le,
    /// `≥`
    Ge,
}

/// A row checked and normalised for the solver: sorted, merged, without zeros.
///
/// `Err` when a coefficient is not finite (or two add up past the largest float), or
/// a variable is not among the first `num_vars`.
fn row_of(expr: LinearExpr, num_vars: usize) -> Result<Row, Error> {
    for &(var, coeff) in &expr.terms {
        if var >= num_vars {
            return Err(Error::InvalidInput("a variable of another problem"));
        }
        if !coeff.is_finite() {
            return Err(Error::InvalidInput("a coefficient that is not finite"));
        }
    }
    let row = Row::normalized(expr.terms);
    if row.iter().any(|(_, a)| !a.is_finite()) {
        return Err(Error::InvalidInput(
            "coefficients that add up past the largest float",
        ));
    }
    Ok(row)
}

/// A linear program: variables with costs and bounds, and rows.
#[derive(Clone)]
pub struct Problem {
    direction: OptimizationDirection,
    options: Options,
    obj_coeffs: Vec<f64>,
    var_mins: Vec<f64>,
    var_maxs: Vec<f64>,
    constraints: Vec<(Row, ComparisonOp, f64)>,
    /// The first invalid row, reported by `solve`.
    invalid: Option<Error>,
}

impl std::fmt::Debug for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only printing lengths here because actual data is probably huge.
        f.debug_struct("Problem")
            .field("direction", &self.direction)
            .field("num_vars", &self.obj_coeffs.len())
            .field("num_constraints", &self.constraints.len())
            .finish()
    }
}

impl Problem {
    /// An empty problem, with the default [`Options`].
    pub fn new(direction: OptimizationDirection) -> Self {
        Self::with_options(direction, Options::default())
    }

    /// An empty problem with `options`.
    pub fn with_options(direction: OptimizationDirection, options: Options) -> Self {
        Problem {
            direction,
            options,
            obj_coeffs: vec![],
            var_mins: vec![],
            var_maxs: vec![],
            constraints: vec![],
            invalid: None,
        }
    }

    /// Adds a variable of cost `obj_coeff` with bounds `min ≤ x ≤ max` (inclusive; an
    /// absent bound is `f64::NEG_INFINITY` or `f64::INFINITY`). The cost must be
    /// finite, the bounds numbers with `min ≤ max`: [`Problem::solve`] says otherwise.
    pub fn add_var(&mut self, obj_coeff: f64, (min, max): (f64, f64)) -> Variable {
        let var = Variable(self.obj_coeffs.len());
        let obj_coeff = match self.direction {
            OptimizationDirection::Minimize => obj_coeff,
            OptimizationDirection::Maximize => -obj_coeff,
        };
        self.obj_coeffs.push(obj_coeff);
        self.var_mins.push(min);
        self.var_maxs.push(max);
        var
    }

    /// Adds the row `expr (cmp_op) rhs`. A variable may appear more than once (its
    /// coefficients add up) and in any order. An invalid row (a non-finite coefficient
    /// or right-hand side, a variable not of this problem) makes [`Problem::solve`]
    /// return [`Error::InvalidInput`].
    ///
    /// ```
    /// # use parcours_lp::*;
    /// let mut problem = Problem::new(OptimizationDirection::Minimize);
    /// let x = problem.add_var(1.0, (0.0, f64::INFINITY));
    /// let y = problem.add_var(1.0, (0.0, f64::INFINITY));
    /// // x + y ≥ 2, from a slice of pairs, an iterator or a `LinearExpr`.
    /// problem.add_constraint(&[(x, 1.0), (y, 1.0)], ComparisonOp::Ge, 2.0);
    /// problem.add_constraint([x, y].iter().map(|&v| (v, 1.0)), ComparisonOp::Ge, 2.0);
    /// let mut lhs = LinearExpr::empty();
    /// lhs.add(y, 0.5);
    /// lhs.add(x, 1.0);
    /// lhs.add(y, 0.5);
    /// problem.add_constraint(lhs, ComparisonOp::Ge, 2.0);
    /// assert_eq!(problem.solve()?.objective(), 2.0);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn add_constraint(&mut self, expr: impl Into<LinearExpr>, cmp_op: ComparisonOp, rhs: f64) {
        let row = row_of(expr.into(), self.obj_coeffs.len()).and_then(|row| {
            if rhs.is_finite() {
                Ok(row)
            } else {
                Err(Error::InvalidInput("a right-hand side that is not finite"))
            }
        });
        match row {
            Ok(row) => self.constraints.push((row, cmp_op, rhs)),
            Err(error) => {
                self.invalid.get_or_insert(error);
            }
        }
    }

    /// The number of variables.
    pub fn num_vars(&self) -> usize {
        self.obj_coeffs.len()
    }

    /// The number of valid rows added.
    pub fn num_constraints(&self) -> usize {
        self.constraints.len()
    }

    /// Checks the input: finite costs, bounds that are numbers with `min ≤ max` and
    /// not `+∞` below nor `−∞` above, valid rows.
    fn check(&self) -> Result<(), Error> {
        if let Some(error) = self.invalid {
            return Err(error);
        }
        let vars = self
            .obj_coeffs
            .iter()
            .zip(&self.var_mins)
            .zip(&self.var_maxs);
        for ((&cost, &min), &max) in vars {
            if !cost.is_finite() {
                return Err(Error::InvalidInput("a cost that is not finite"));
            }
            if min.is_nan() || max.is_nan() {
                return Err(Error::InvalidInput("a bound that is not a number"));
            }
            if min == f64::INFINITY || max == f64::NEG_INFINITY {
                return Err(Error::InvalidInput("an infinite bound on the wrong side"));
            }
            if min > max {
                return Err(Error::InvalidInput("a lower bound above its upper bound"));
            }
        }
        Ok(())
    }

    /// Solves the problem from scratch.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] before any work when the problem is not one;
    /// [`Error::Infeasible`], [`Error::Unbounded`]; [`Error::IterationLimit`] past the
    /// budget; [`Error::Numerical`] when the arithmetic breaks down.
    pub fn solve(&self) -> Result<Solution, Error> {
        self.check()?;
        let mut solver = Solver::try_new(
            &self.obj_coeffs,
            &self.var_mins,
            &self.var_maxs,
            &self.constraints,
            self.options.iteration_limit,
        )?;
        solver.initial_solve()?;
        Ok(Solution {
            num_vars: self.obj_coeffs.len(),
            direction: self.direction,
            solver,
        })
    }
}

/// An optimal solution, with the solver's state to re-solve from warm.
///
/// It holds the whole solver (its LU factors, its basis), which can be large; keep it
/// to fix variables or add rows. A change that fails consumes it: clone it first to
/// keep the solution before the change.
#[derive(Clone)]
pub struct Solution {
    direction: OptimizationDirection,
    num_vars: usize,
    solver: Solver,
}

impl std::fmt::Debug for Solution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only printing lengths here because actual data is probably huge.
        f.debug_struct("Solution")
            .field("direction", &self.direction)
            .field("num_vars", &self.num_vars)
            .field("num_constraints", &self.solver.num_constraints())
            .field("objective", &self.objective())
            .finish()
    }
}

impl Solution {
    /// The optimal value of the objective.
    pub fn objective(&self) -> f64 {
        match self.direction {
            OptimizationDirection::Minimize => self.solver.cur_obj_val,
            OptimizationDirection::Maximize => -self.solver.cur_obj_val,
        }
    }

    /// A bound on the optimum that holds whatever rounding did to the simplex: at most
    /// the optimum when minimising, at least when maximising, and within
    /// `5e-7 · (1 + |objective| + Σ|cⱼxⱼ|)` of [`objective`](Self::objective) (every
    /// solution is certified so before it is returned). It is the Lagrangian dual at the basis's multipliers, solved
    /// afresh and projected onto their signs, less a bound on its own rounding: a proof
    /// for variables with finite bounds; a variable with an infinite bound whose reduced
    /// cost is within the pricing tolerance counts at its value.
    pub fn objective_bound(&self) -> f64 {
        match self.direction {
            OptimizationDirection::Minimize => self.solver.certified_bound,
            OptimizationDirection::Maximize => -self.solver.certified_bound,
        }
    }

    /// The reduced cost of each variable (in the order they were added) at the
    /// multipliers behind [`objective_bound`](Self::objective_bound), rounded toward
    /// zero by a bound on its own rounding error: when minimising, a solution with a
    /// variable at its upper bound instead of its lower one costs at least
    /// `objective_bound + d·(upper − lower)` for a positive `d` (and conversely for a
    /// negative one). What branch and bound needs to fix variables for good
    /// ("reduced-cost fixing") without trusting the simplex's arithmetic.
    ///
    /// # Errors
    ///
    /// [`Error::Numerical`] when a multiplier is not finite.
    pub fn reduced_costs(&mut self) -> Result<Vec<f64>, Error> {
        let costs = self.solver.reduced_costs()?;
        Ok(match self.direction {
            OptimizationDirection::Minimize => costs,
            OptimizationDirection::Maximize => costs.into_iter().map(|d| -d).collect(),
        })
    }

    /// The value of `var` at the optimum; `None` if `var` is not of this problem.
    pub fn value(&self, var: Variable) -> Option<f64> {
        if var.0 < self.num_vars {
            self.solver.get_value(var.0)
        } else {
            None
        }
    }

    /// The variables and their values.
    pub fn iter(&self) -> impl Iterator<Item = (Variable, f64)> + '_ {
        (0..self.num_vars).filter_map(|v| Some((Variable(v), self.solver.get_value(v)?)))
    }

    /// The pivots made since the problem was solved from scratch.
    pub fn iterations(&self) -> u64 {
        self.solver.iterations
    }

    /// The number of rows in the program (a row with no term is checked, then left out).
    pub fn num_constraints(&self) -> usize {
        self.solver.num_constraints()
    }

    /// Sets the options of the next calls (their iteration budget).
    pub fn set_options(&mut self, options: Options) {
        self.solver.set_iteration_limit(options.iteration_limit);
    }

    fn variable(&self, var: Variable) -> Result<usize, Error> {
        if var.0 < self.num_vars {
            Ok(var.0)
        } else {
            Err(Error::InvalidInput("a variable of another problem"))
        }
    }

    /// Adds the row `expr (cmp_op) rhs` and re-solves from the current basis (dual
    /// simplex): a cut.
    ///
    /// # Errors
    ///
    /// [`Error::Infeasible`] when the row cuts every solution off; the errors of
    /// [`Problem::solve`] otherwise.
    pub fn add_constraint(
        mut self,
        expr: impl Into<LinearExpr>,
        cmp_op: ComparisonOp,
        rhs: f64,
    ) -> Result<Self, Error> {
        let row = row_of(expr.into(), self.num_vars)?;
        if !rhs.is_finite() {
            return Err(Error::InvalidInput("a right-hand side that is not finite"));
        }
        self.solver.add_constraint(row, cmp_op, rhs)?;
        Ok(self)
    }

    /// Adds every row `expr (cmp_op) rhs` of `rows` and re-solves once from the
    /// current basis (dual simplex): a round of cuts, for one rebuild of the matrix
    /// and one factorization where [`add_constraint`](Self::add_constraint) makes
    /// both per row.
    ///
    /// # Errors
    ///
    /// Those of [`add_constraint`](Self::add_constraint).
    pub fn add_constraints<E: Into<LinearExpr>>(
        mut self,
        rows: impl IntoIterator<Item = (E, ComparisonOp, f64)>,
    ) -> Result<Self, Error> {
        let mut checked = Vec::new();
        for (expr, cmp_op, rhs) in rows {
            if !rhs.is_finite() {
                return Err(Error::InvalidInput("a right-hand side that is not finite"));
            }
            checked.push((row_of(expr.into(), self.num_vars)?, cmp_op, rhs));
        }
        self.solver.add_constraints(checked)?;
        Ok(self)
    }

    /// Fixes `var` to `val` and re-solves from the current basis (dual simplex).
    ///
    /// # Errors
    ///
    /// [`Error::Infeasible`] when `val` is outside the variable's bounds or no solution
    /// has this value; [`Error::InvalidInput`] when `val` is not finite; the errors of
    /// [`Problem::solve`] otherwise.
    pub fn fix_var(self, var: Variable, val: f64) -> Result<Self, Error> {
        self.fix_vars(&[(var, val)])
    }

    /// Fixes each variable to its value in turn, each a warm re-solve (dual simplex)
    /// with a budget of its own, and certifies the last solution only: the same pivots
    /// as successive [`fix_var`](Self::fix_var) calls, for one certification (a pass
    /// over the rows and a solve with the basis) instead of one per variable.
    ///
    /// # Errors
    ///
    /// Those of [`fix_var`](Self::fix_var), for the first fix that fails: the fixes
    /// apply in turn, so the batch is infeasible as soon as one intermediate program
    /// is (fixing `x` to 0 then `x` to 1 fails if `x = 0` is infeasible).
    pub fn fix_vars(mut self, fixes: &[(Variable, f64)]) -> Result<Self, Error> {
        let mut checked = Vec::with_capacity(fixes.len());
        for &(var, val) in fixes {
            if !val.is_finite() {
                return Err(Error::InvalidInput("a value that is not finite"));
            }
            checked.push((self.variable(var)?, val));
        }
        self.solver.fix_vars(&checked)?;
        Ok(self)
    }

    /// Frees a variable fixed by [`fix_var`](Self::fix_var) and re-solves (primal
    /// simplex); the flag says whether it was fixed.
    ///
    /// # Errors
    ///
    /// The errors of [`Problem::solve`] but infeasibility.
    pub fn unfix_var(mut self, var: Variable) -> Result<(Self, bool), Error> {
        let var = self.variable(var)?;
        let unfixed = self.solver.unfix_var(var)?;
        Ok((self, unfixed))
    }

    /// Adds the [Gomory cut](https://en.wikipedia.org/wiki/Cutting-plane_method#Gomory's_cut)
    /// of a basic variable's row and re-solves.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] when `var` is not basic (its value is at a bound);
    /// the errors of [`Solution::add_constraint`] otherwise.
    pub fn add_gomory_cut(mut self, var: Variable) -> Result<Self, Error> {
        let var = self.variable(var)?;
        self.solver.add_gomory_cut(var)?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests;

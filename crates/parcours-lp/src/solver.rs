// Derived from minilp 0.2.2 `src/solver.rs` (Copyright Alexey Zatelepin, Apache-2.0).
// Changed for parcours: every `panic!`, `unreachable!`, `assert!` and `unwrap` is an
// `Error`; each pivot is counted against an iteration budget (`Error::IterationLimit`);
// a non-finite value after a pivot, a singular basis or a non-finite edge norm is
// `Error::Numerical`; a ratio test whose every step is infinite is `Error::Unbounded`
// (upstream pivoted to an infinite bound); `dual_bound` proves a bound from the
// basis's multipliers; own sparse matrices instead of `sprs`; no logging. The pivoting
// rules and the order of every floating-point operation are upstream's.

//! The bounded revised simplex: primal and dual, steepest edge, Harris ratio tests.

use crate::{
    lu::{lu_factorize, LUFactors, ScratchSpace},
    sparse::{CsMat, Row, ScatteredVec, SparseMat, SparseVec},
    ComparisonOp, Error,
};

const EPS: f64 = 1e-8;

/// How far a certified solution may be outside a row: absolute, and relative to the
/// magnitude of the row's terms (`Σ|a·x| + |b|`). The pivoting rules allow `EPS` on
/// each basic value; rounding grows with the terms (coefficients of 4e9 here).
const ROW_ABS: f64 = 5e-8;
const ROW_REL: f64 = 5e-7;
/// How far a certified objective may be above the dual bound (which already lies below
/// by a bound on its own rounding), relative to the objective's magnitude
/// (`|c·x| + Σ|cⱼxⱼ|`). Not relative to the bound's own terms: multipliers that cancel
/// by many orders of magnitude would let a vertex far from the optimum pass.
const GAP_REL: f64 = 5e-7;
/// How far the running objective may be from `c·x`, relative to `Σ|c·x|`.
const OBJ_REL: f64 = 5e-8;

#[derive(Clone)]
pub(crate) struct Solver {
    pub(crate) num_vars: usize,

    orig_obj_coeffs: Vec<f64>,
    orig_var_mins: Vec<f64>,
    orig_var_maxs: Vec<f64>,
    orig_constraints: CsMat, // excluding rhs
    orig_constraints_csc: CsMat,
    orig_rhs: Vec<f64>,

    enable_primal_steepest_edge: bool,
    enable_dual_steepest_edge: bool,

    is_primal_feasible: bool,
    is_dual_feasible: bool,

    /// Most pivots of one operation (`None`: [`crate::default_iteration_limit`]).
    iteration_limit: Option<u64>,
    /// Pivots left to the current operation.
    iterations_left: u64,
    /// Pivots since the solver was built.
    pub(crate) iterations: u64,
    /// The dual bound of the last certified solution ([`Solver::dual_bound`]).
    pub(crate) certified_bound: f64,
    /// Buffers of `certify` (the values) and `dual_bound` (the multipliers), kept to
    /// spare an allocation per call.
    certify_scratch: (Vec<f64>, Vec<f64>),

    // Updated on each pivot
    /// For each var: whether it is basic/non-basic and the corresponding index.
    var_states: Vec<VarState>,
    basis_solver: BasisSolver,

    /// For each constraint the corresponding basic var.
    basic_vars: Vec<usize>,
    basic_var_vals: Vec<f64>,
    basic_var_mins: Vec<f64>,
    basic_var_maxs: Vec<f64>,
    dual_edge_sq_norms: Vec<f64>,

    /// Remaining variables. (idx -> var), 'nb' means 'non-basic'
    nb_vars: Vec<usize>,
    nb_var_obj_coeffs: Vec<f64>,
    nb_var_vals: Vec<f64>,
    nb_var_states: Vec<NonBasicVarState>,
    /// Per user variable fixed by `fix_var`: its own bounds (`orig_var_*` hold the
    /// fixed value meanwhile).
    saved_bounds: Vec<Option<(f64, f64)>>,
    primal_edge_sq_norms: Vec<f64>,

    pub(crate) cur_obj_val: f64,

    // Recomputed on each pivot
    col_coeffs: SparseVec,
    sq_norms_update_helper: Vec<f64>,
    inv_basis_row_coeffs: SparseVec,
    row_coeffs: ScatteredVec,
}

#[derive(Clone, Debug)]
enum VarState {
    Basic(usize),
    NonBasic(usize),
}

#[derive(Clone, Debug)]
struct NonBasicVarState {
    at_min: bool,
    at_max: bool,
}

/// `Ok` when `value` is finite, else `Error::Numerical(what)`.
fn finite(value: f64, what: &'static str) -> Result<(), Error> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Error::Numerical(what))
    }
}

impl Solver {
    /// Builds the solver with every user variable non-basic and every slack basic.
    ///
    /// The caller (`Problem::solve`) has checked the input: as many bounds as costs,
    /// every value finite but infinite bounds on the open side, `min <= max`, rows
    /// sorted without duplicates and with indices below `obj_coeffs.len()`.
    pub(crate) fn try_new(
        obj_coeffs: &[f64],
        var_mins: &[f64],
        var_maxs: &[f64],
        constraints: &[(Row, ComparisonOp, f64)],
        iteration_limit: Option<u64>,
    ) -> Result<Self, Error> {
        let enable_steepest_edge = true; // TODO: make user-settable.

        let num_vars = obj_coeffs.len();

        if num_vars != var_mins.len() || num_vars != var_maxs.len() {
            return Err(Error::InvalidInput("as many bounds as variables"));
        }
        let mut orig_var_mins = var_mins.to_vec();
        let mut orig_var_maxs = var_maxs.to_vec();

        let mut var_states = vec![];

        let mut nb_vars = vec![];
        let mut nb_var_vals = vec![];
        let mut nb_var_states = vec![];

        let mut obj_val = 0.0;

        let mut is_dual_feasible = true;

        for v in 0..num_vars {
            // choose initial variable values

            let min = orig_var_mins[v];
            let max = orig_var_maxs[v];
            if min > max {
                return Err(Error::InvalidInput("a lower bound above its upper bound"));
            }

            // initially all user-created variables are non-basic
            var_states.push(VarState::NonBasic(nb_vars.len()));
            nb_vars.push(v);

            // Try to choose values to achieve dual feasibility.
            let init_val = if min == max {
                // Fixed variable, the obj. coeff doesn't matter.
                min
            } else if min.is_infinite() && max.is_infinite() {
                // Free variable, if we are lucky and obj. coeff is zero, then dual-feasible.
                if obj_coeffs[v] != 0.0 {
                    is_dual_feasible = false;
                }
                0.0
            } else if obj_coeffs[v] > 0.0 {
                // We need a finite value and prefer min for dual feasibility.
                if min.is_finite() {
                    min
                } else {
                    is_dual_feasible = false;
                    max
                }
            } else if obj_coeffs[v] < 0.0 {
                // We need a finite value and prefer max for dual feasibility.
                if max.is_finite() {
                    max
                } else {
                    is_dual_feasible = false;
                    min
                }
            } else if min.is_finite() {
                // Obj. coeff is zero, just take any finite value,
                // dual feasibility will be satisfied.
                min
            } else {
                max
            };

            nb_var_vals.push(init_val);
            obj_val += init_val * obj_coeffs[v];

            nb_var_states.push(NonBasicVarState {
                at_min: init_val == min,
                at_max: init_val == max,
            });
        }
        finite(obj_val, "the objective at the starting point overflows")?;

        let mut constraint_coeffs = vec![];
        let mut orig_rhs = vec![];

        // Initially, all slack vars are basic.
        let mut basic_vars = vec![];
        let mut basic_var_vals = vec![];
        let mut basic_var_mins = vec![];
        let mut basic_var_maxs = vec![];

        for (coeffs, cmp_op, rhs) in constraints {
            let rhs = *rhs;

            if coeffs.is_empty() {
                if empty_row_holds(*cmp_op, rhs) {
                    continue;
                }
                return Err(Error::Infeasible);
            }

            constraint_coeffs.push(coeffs);
            orig_rhs.push(rhs);

            let (slack_var_min, slack_var_max) = match cmp_op {
                ComparisonOp::Le => (0.0, f64::INFINITY),
                ComparisonOp::Ge => (f64::NEG_INFINITY, 0.0),
                ComparisonOp::Eq => (0.0, 0.0),
            };

            orig_var_mins.push(slack_var_min);
            orig_var_maxs.push(slack_var_max);

            basic_var_mins.push(slack_var_min);
            basic_var_maxs.push(slack_var_max);

            let cur_slack_var = var_states.len();
            var_states.push(VarState::Basic(basic_vars.len()));
            basic_vars.push(cur_slack_var);

            let mut lhs_val = 0.0;
            for (var, &coeff) in coeffs.iter() {
                lhs_val += coeff * nb_var_vals[var];
            }
            let slack_val = rhs - lhs_val;
            finite(slack_val, "a row overflows at the starting point")?;
            basic_var_vals.push(slack_val);
        }

        let num_constraints = constraint_coeffs.len();
        let num_total_vars = num_vars + num_constraints;

        let mut orig_obj_coeffs = obj_coeffs.to_vec();
        orig_obj_coeffs.resize(num_total_vars, 0.0);

        let mut orig_constraints = CsMat::new(num_total_vars);
        for (cur_slack_var, coeffs) in constraint_coeffs.into_iter().enumerate() {
            orig_constraints.push_outer(
                coeffs
                    .iter()
                    .map(|(i, &val)| (i, val))
                    .chain(std::iter::once((num_vars + cur_slack_var, 1.0))),
            );
        }
        let orig_constraints_csc = orig_constraints.transpose();

        let is_primal_feasible = basic_var_vals
            .iter()
            .zip(&basic_var_mins)
            .zip(&basic_var_maxs)
            .all(|((&val, &min), &max)| val >= min && val <= max);

        let need_artificial_obj = !is_primal_feasible && !is_dual_feasible;

        let enable_dual_steepest_edge = enable_steepest_edge;
        let dual_edge_sq_norms = if enable_dual_steepest_edge {
            vec![1.0; basic_vars.len()]
        } else {
            vec![]
        };

        // If is dual feasible at start, we don't need lengthy primal phase2.
        // Thus we can skip expensive calculations for primal sq. norms.
        let enable_primal_steepest_edge = enable_steepest_edge && !is_dual_feasible;
        let sq_norms_update_helper = if enable_primal_steepest_edge {
            vec![0.0; num_total_vars - num_constraints]
        } else {
            vec![]
        };

        let mut nb_var_obj_coeffs = vec![];
        let mut primal_edge_sq_norms = vec![];
        for (&var, state) in nb_vars.iter().zip(&nb_var_states) {
            let (_, col) = orig_constraints_csc.outer(var);

            if need_artificial_obj {
                let coeff = if state.at_min && !state.at_max {
                    1.0
                } else if state.at_max && !state.at_min {
                    -1.0
                } else {
                    0.0
                };
                nb_var_obj_coeffs.push(coeff);
            } else {
                nb_var_obj_coeffs.push(orig_obj_coeffs[var]);
            }

            if enable_primal_steepest_edge {
                let sq_norm = col.iter().map(|x| *x * *x).sum::<f64>() + 1.0;
                finite(sq_norm, "a column's norm overflows")?;
                primal_edge_sq_norms.push(sq_norm);
            }
        }

        let cur_obj_val = if need_artificial_obj { 0.0 } else { obj_val };

        let mut scratch = ScratchSpace::with_capacity(num_constraints);
        let lu_factors = lu_factorize(
            basic_vars.len(),
            |c| orig_constraints_csc.outer(basic_vars[c]),
            0.1,
            &mut scratch,
        )?;
        let lu_factors_transp = lu_factors.transpose();

        let res = Self {
            num_vars,
            orig_obj_coeffs,
            orig_var_mins,
            orig_var_maxs,
            orig_constraints,
            orig_constraints_csc,
            orig_rhs,
            enable_primal_steepest_edge,
            enable_dual_steepest_edge,
            is_primal_feasible,
            is_dual_feasible,
            iteration_limit,
            iterations_left: 0,
            iterations: 0,
            certified_bound: f64::NEG_INFINITY,
            certify_scratch: (Vec::new(), Vec::new()),
            var_states,
            basis_solver: BasisSolver {
                lu_factors,
                lu_factors_transp,
                scratch,
                eta_matrices: EtaMatrices::new(num_constraints),
                rhs: ScatteredVec::empty(num_constraints),
            },
            basic_vars,
            basic_var_vals,
            basic_var_mins,
            basic_var_maxs,
            dual_edge_sq_norms,
            nb_vars,
            nb_var_obj_coeffs,
            nb_var_vals,
            nb_var_states,
            saved_bounds: vec![None; num_vars],
            primal_edge_sq_norms,
            cur_obj_val,
            col_coeffs: SparseVec::new(),
            sq_norms_update_helper,
            inv_basis_row_coeffs: SparseVec::new(),
            row_coeffs: ScatteredVec::empty(num_total_vars - num_constraints),
        };

        Ok(res)
    }

    pub(crate) fn set_iteration_limit(&mut self, limit: Option<u64>) {
        self.iteration_limit = limit;
    }

    /// Starts an operation (a solve or a re-solve) with a full iteration budget.
    fn begin(&mut self) {
        self.iterations_left = self.iteration_limit.unwrap_or_else(|| {
            crate::default_iteration_limit(self.num_constraints(), self.num_total_vars())
        });
    }

    /// `Error::Unbounded`, unless every user variable has finite bounds: then the ray
    /// the ratio test found is rounding (a reduced cost that should be zero), and
    /// claiming unboundedness would be wrong.
    fn unbounded(&self) -> Error {
        let bounded = (0..self.num_vars).all(|v| {
            let (min, max) =
                self.saved_bounds[v].unwrap_or((self.orig_var_mins[v], self.orig_var_maxs[v]));
            min.is_finite() && max.is_finite()
        });
        if bounded {
            Error::Numerical("a ray in a bounded problem")
        } else {
            Error::Unbounded
        }
    }

    /// Counts one pivot against the budget.
    fn step(&mut self) -> Result<(), Error> {
        if self.iterations_left == 0 {
            return Err(Error::IterationLimit);
        }
        self.iterations_left -= 1;
        self.iterations += 1;
        Ok(())
    }

    /// Ends an operation by certifying the solution ([`Solver::certify`]). When that
    /// fails (rounding accumulated in the updates), the values and reduced costs are
    /// computed afresh from a new factorization and the simplex goes on from there,
    /// once, within the same budget; then the solution is certified or refused.
    fn finish(&mut self) -> Result<(), Error> {
        finite(self.cur_obj_val, "the objective is not finite")?;
        if self.certify().is_ok() {
            return Ok(());
        }
        self.recalc_basic_var_vals()?;
        self.recalc_obj_coeffs()?;
        self.is_primal_feasible = false;
        self.is_dual_feasible = false;
        self.restore_feasibility()?;
        self.optimize()?;
        finite(self.cur_obj_val, "the objective is not finite")?;
        self.certify()
    }

    /// Checks the solution without trusting the simplex's running values: every row
    /// holds at the variables' values within `ROW_ABS + ROW_REL · Σ|a·x|`, the running
    /// objective is `c·x` within `OBJ_REL`, and it is within `GAP_REL` of the dual
    /// bound (so it is optimal, not just a vertex the pivoting stopped at). Keeps the
    /// bound for `Solution::objective_bound`.
    fn certify(&mut self) -> Result<(), Error> {
        // Every variable's value, slacks included: a cut's row may name other rows'
        // slacks (its own is left out of its activity).
        let mut x = std::mem::take(&mut self.certify_scratch.0);
        x.clear();
        x.extend((0..self.num_total_vars()).map(|v| self.get_value(v).unwrap_or(f64::NAN)));
        let checked = self.certify_values(&x);
        self.certify_scratch.0 = x;
        checked
    }

    /// `certify` at the values `x` of every variable.
    fn certify_values(&mut self, x: &[f64]) -> Result<(), Error> {
        for (v, &value) in x.iter().enumerate().take(self.num_vars) {
            let (min, max) = (self.orig_var_mins[v], self.orig_var_maxs[v]);
            let tol = ROW_ABS + 1e-9 * value.abs();
            if !value.is_finite() || value < min - tol || value > max + tol {
                return Err(Error::Numerical("a value outside its bounds"));
            }
        }
        for row in 0..self.num_constraints() {
            let mut activity = 0.0;
            let mut scale = self.orig_rhs[row].abs();
            // a·x + slack = b, the slack within its bounds.
            let slack = self.num_vars + row;
            for (v, &a) in self.orig_constraints.outer_iter(row) {
                if v != slack {
                    activity += a * x[v];
                    scale += (a * x[v]).abs();
                }
            }
            let low = self.orig_rhs[row] - self.orig_var_maxs[slack];
            let high = self.orig_rhs[row] - self.orig_var_mins[slack];
            let violation = (low - activity).max(activity - high);
            if violation.is_nan() || violation > ROW_ABS + ROW_REL * scale {
                return Err(Error::Numerical("the solution violates a row"));
            }
        }
        let mut objective = 0.0;
        let mut magnitude = 0.0;
        for (&c, &value) in self.orig_obj_coeffs.iter().zip(x) {
            objective += c * value;
            magnitude += (c * value).abs();
        }
        if (objective - self.cur_obj_val).abs() > OBJ_REL * (1.0 + magnitude) {
            return Err(Error::Numerical("the objective drifted from the values"));
        }
        let bound = self.dual_bound()?;
        let tol = GAP_REL * (1.0 + magnitude + self.cur_obj_val.abs());
        if self.cur_obj_val - bound > tol {
            return Err(Error::Numerical(
                "the dual bound does not prove the optimum",
            ));
        }
        self.certified_bound = bound;
        Ok(())
    }

    /// The value of `var`, `None` if there is no such variable.
    pub(crate) fn get_value(&self, var: usize) -> Option<f64> {
        match self.var_states.get(var)? {
            VarState::Basic(idx) => self.basic_var_vals.get(*idx).copied(),
            VarState::NonBasic(idx) => self.nb_var_vals.get(*idx).copied(),
        }
    }

    /// Fixes each `var` (below `num_vars`) to its `val` (a number) in turn, each
    /// re-optimised with the dual simplex from the current basis within a budget of its
    /// own, and certifies the last solution. The variable's bounds become `[val, val]`
    /// (its own are kept for `unfix_var`; a fixed variable may be fixed again to any
    /// value within them).
    pub(crate) fn fix_vars(&mut self, fixes: &[(usize, f64)]) -> Result<(), Error> {
        for &(var, val) in fixes {
            self.fix_var(var, val)?;
        }
        if fixes.is_empty() {
            return Ok(());
        }
        self.finish()
    }

    /// One fix of `fix_vars`, not certified.
    fn fix_var(&mut self, var: usize, val: f64) -> Result<(), Error> {
        self.begin();
        let (min, max) =
            self.saved_bounds[var].unwrap_or((self.orig_var_mins[var], self.orig_var_maxs[var]));
        if val < min || val > max {
            return Err(Error::Infeasible);
        }
        self.saved_bounds[var] = Some((min, max));
        self.orig_var_mins[var] = val;
        self.orig_var_maxs[var] = val;

        let col = match self.var_states[var] {
            VarState::Basic(row) => {
                // if var was basic, remove it.
                self.calc_row_coeffs(row);
                let cur = self.basic_var_vals[row];
                let mut pivot_info = self.choose_entering_col_dual(row, val);
                if pivot_info == Err(Error::Infeasible) && (val - cur).abs() <= EPS {
                    // Upstream's bug: fixing a basic variable at its value needs no
                    // move, so finding no entering variable "towards" it proves nothing.
                    // The other direction is as good: the fixed variable's reduced cost
                    // may take either sign, and any primal move is within `EPS`, which
                    // the dual simplex below repairs.
                    pivot_info = self.choose_entering_col_dual_towards(row, val, val <= cur);
                }
                match pivot_info {
                    Ok(pivot_info) => {
                        self.calc_col_coeffs(pivot_info.col);
                        self.step()?;
                        self.pivot(&pivot_info)?;
                        Some(pivot_info.col)
                    }
                    // Nothing can enter in this row: the variable is a function of fixed
                    // ones, at its value already. It stays basic, with bounds [val, val].
                    Err(Error::Infeasible) if (val - cur).abs() <= EPS => {
                        self.basic_var_mins[row] = val;
                        self.basic_var_maxs[row] = val;
                        None
                    }
                    Err(error) => return Err(error),
                }
            }

            VarState::NonBasic(col) => {
                self.calc_col_coeffs(col);

                let diff = val - self.nb_var_vals[col];
                for (r, coeff) in self.col_coeffs.iter() {
                    self.basic_var_vals[r] -= diff * coeff;
                    finite(self.basic_var_vals[r], "a basic value overflows")?;
                }
                self.cur_obj_val += diff * self.nb_var_obj_coeffs[col];
                self.nb_var_vals[col] = val;

                Some(col)
            }
        };

        if let Some(col) = col {
            self.nb_var_states[col] = NonBasicVarState {
                at_min: true,
                at_max: true,
            };
        }

        self.is_primal_feasible = false;
        self.restore_feasibility()
    }

    /// Gives a variable fixed by `fix_var` its own bounds back and re-optimises with the
    /// primal simplex; false (and nothing done) if it was not fixed.
    pub(crate) fn unfix_var(&mut self, var: usize) -> Result<bool, Error> {
        self.begin();
        let Some((min, max)) = self.saved_bounds[var].take() else {
            return Ok(false);
        };
        self.orig_var_mins[var] = min;
        self.orig_var_maxs[var] = max;
        match self.var_states[var] {
            VarState::NonBasic(col) => {
                let cur_val = self.nb_var_vals[col];
                self.nb_var_states[col] = NonBasicVarState {
                    at_min: cur_val == min,
                    at_max: cur_val == max,
                };
            }
            VarState::Basic(row) => {
                self.basic_var_mins[row] = min;
                self.basic_var_maxs[row] = max;
            }
        }

        // The problem was solvable before this variable was fixed, so only numerical
        // trouble or the budget can stop this (upstream unwrapped it).
        self.is_dual_feasible = false;
        self.optimize()?;
        self.finish()?;
        Ok(true)
    }

    pub(crate) fn add_gomory_cut(&mut self, var: usize) -> Result<(), Error> {
        if let VarState::Basic(row) = self.var_states[var] {
            self.calc_row_coeffs(row);

            let mut cut: Vec<(usize, f64)> = Vec::new();
            for (col, &coeff) in self.row_coeffs.iter() {
                let var = self.nb_vars[col];
                cut.push((var, coeff.floor() - coeff));
            }
            let cut = Row::normalized(cut);

            let cut_bound = self.basic_var_vals[row].floor() - self.basic_var_vals[row];
            self.add_constraint(cut, ComparisonOp::Le, cut_bound)
        } else {
            Err(Error::InvalidInput("a Gomory cut needs a basic variable"))
        }
    }

    pub(crate) fn num_constraints(&self) -> usize {
        self.orig_constraints.outer_dim()
    }

    fn num_total_vars(&self) -> usize {
        self.num_vars + self.num_constraints()
    }

    pub(crate) fn initial_solve(&mut self) -> Result<(), Error> {
        self.begin();
        if !self.is_primal_feasible {
            self.restore_feasibility()?;
        }

        if !self.is_dual_feasible {
            self.recalc_obj_coeffs()?;
            self.optimize()?;
        }

        // Disable updates of primal sq. norms, because lengthy primal simplex runs
        // are unlikely after the initial solve.
        self.enable_primal_steepest_edge = false;

        self.finish()
    }

    fn optimize(&mut self) -> Result<(), Error> {
        while let Some(pivot_info) = self.choose_pivot()? {
            self.step()?;
            self.pivot(&pivot_info)?;
        }

        self.is_dual_feasible = true;
        Ok(())
    }

    fn restore_feasibility(&mut self) -> Result<(), Error> {
        while let Some((row, leaving_new_val)) = self.choose_pivot_row_dual()? {
            self.step()?;
            self.calc_row_coeffs(row);
            let pivot_info = self.choose_entering_col_dual(row, leaving_new_val)?;
            self.calc_col_coeffs(pivot_info.col);
            self.pivot(&pivot_info)?;
        }

        self.is_primal_feasible = true;
        Ok(())
    }

    /// Adds `coeffs (op) rhs`, `coeffs` over variables below `num_total_vars`, and
    /// restores feasibility with the dual simplex.
    pub(crate) fn add_constraint(
        &mut self,
        coeffs: Row,
        cmp_op: ComparisonOp,
        rhs: f64,
    ) -> Result<(), Error> {
        self.add_constraints(vec![(coeffs, cmp_op, rhs)])
    }

    /// Adds each row `coeffs (op) rhs` (over variables below `num_total_vars` before
    /// the call), then restores feasibility with the dual simplex once: one
    /// rebuild of the matrix and one factorization for the whole batch, where a
    /// row at a time costs both per row (a round of cuts on a 20,000-row program).
    pub(crate) fn add_constraints(
        &mut self,
        rows: Vec<(Row, ComparisonOp, f64)>,
    ) -> Result<(), Error> {
        self.begin();
        // A `Solution` is only handed out optimal, and consumed by a failed change
        // (upstream asserted both).
        if !self.is_primal_feasible || !self.is_dual_feasible {
            return Err(Error::Numerical(
                "a row added to a solution that is not optimal",
            ));
        }

        let first_new_row = self.num_constraints();
        let mut added: Vec<Row> = Vec::with_capacity(rows.len());
        for (coeffs, cmp_op, rhs) in rows {
            if coeffs.is_empty() {
                if empty_row_holds(cmp_op, rhs) {
                    continue;
                }
                return Err(Error::Infeasible);
            }

            // Slacks are numbered after the rows before them: the row's own comes
            // after every row already added.
            let slack_var = self.num_vars + first_new_row + added.len();
            let (slack_var_min, slack_var_max) = match cmp_op {
                ComparisonOp::Le => (0.0, f64::INFINITY),
                ComparisonOp::Ge => (f64::NEG_INFINITY, 0.0),
                ComparisonOp::Eq => (0.0, 0.0),
            };

            let mut lhs_val = 0.0;
            for (var, &coeff) in coeffs.iter() {
                if var >= self.num_vars + first_new_row {
                    return Err(Error::InvalidInput("a variable of another problem"));
                }
                let val = match self.var_states.get(var) {
                    Some(VarState::Basic(idx)) => self.basic_var_vals[*idx],
                    Some(VarState::NonBasic(idx)) => self.nb_var_vals[*idx],
                    None => return Err(Error::InvalidInput("a variable of another problem")),
                };
                lhs_val += val * coeff;
            }
            let slack_val = rhs - lhs_val;
            finite(slack_val, "the new row overflows")?;

            self.orig_obj_coeffs.push(0.0);
            self.orig_var_mins.push(slack_var_min);
            self.orig_var_maxs.push(slack_var_max);
            self.var_states.push(VarState::Basic(self.basic_vars.len()));
            self.basic_vars.push(slack_var);
            self.basic_var_mins.push(slack_var_min);
            self.basic_var_maxs.push(slack_var_max);
            self.basic_var_vals.push(slack_val);
            self.orig_rhs.push(rhs);
            added.push(coeffs);
        }
        if added.is_empty() {
            return Ok(());
        }

        let new_num_total_vars = self.num_vars + first_new_row + added.len();
        let mut new_orig_constraints = CsMat::new(new_num_total_vars);
        for row in 0..self.orig_constraints.outer_dim() {
            new_orig_constraints.push_outer(
                self.orig_constraints
                    .outer_iter(row)
                    .map(|(i, &val)| (i, val)),
            );
        }
        for (k, coeffs) in added.iter().enumerate() {
            let slack_var = self.num_vars + first_new_row + k;
            new_orig_constraints.push_outer(
                coeffs
                    .iter()
                    .map(|(i, &val)| (i, val))
                    .chain(std::iter::once((slack_var, 1.0))),
            );
        }

        self.orig_constraints = new_orig_constraints;
        self.orig_constraints_csc = self.orig_constraints.transpose();

        self.basis_solver
            .reset(&self.orig_constraints_csc, &self.basic_vars)?;

        if self.enable_primal_steepest_edge || self.enable_dual_steepest_edge {
            // existing tableau rows didn't change (each new row's slack is basic in
            // it), so we calc the new rows and add their contribution to the sq. norms.
            for row in first_new_row..self.num_constraints() {
                self.calc_row_coeffs(row);

                if self.enable_primal_steepest_edge {
                    for (c, &coeff) in self.row_coeffs.iter() {
                        self.primal_edge_sq_norms[c] += coeff * coeff;
                        finite(self.primal_edge_sq_norms[c], "a primal edge norm overflows")?;
                    }
                }

                if self.enable_dual_steepest_edge {
                    let sq_norm = self.inv_basis_row_coeffs.sq_norm();
                    finite(sq_norm, "a dual edge norm overflows")?;
                    self.dual_edge_sq_norms.push(sq_norm);
                }
            }
        }

        self.is_primal_feasible = false;
        self.restore_feasibility()?;
        self.finish()
    }

    /// A bound on the optimum (in the solver's minimisation form) that does not rely
    /// on the simplex's running values: the Lagrangian dual at multipliers `y` solved
    /// afresh from the basis (`Bᵀy = c_B`) and projected onto their signs (`y ≤ 0` on
    /// `≤` rows, `y ≥ 0` on `≥` rows). For any `y`, and any feasible `x`,
    /// `c·x = y·b + d·x ≥ y·b + Σ_j min(d_j·l_j, d_j·u_j)` with `d = c − Aᵀy`: a true lower
    /// bound whatever rounding did to the basis. Each column's rounding and the final
    /// sum's (compensated) are bounded and subtracted. A variable with an infinite bound
    /// on the side its reduced cost prices is the exception: a reduced cost within the
    /// pricing tolerance `EPS` counts at the variable's value (the bound is then as
    /// exact as the simplex), beyond it the bound is `-∞`.
    pub(crate) fn dual_bound(&mut self) -> Result<f64, Error> {
        let mut y = std::mem::take(&mut self.certify_scratch.1);
        y.clear();
        y.extend(self.basic_vars.iter().map(|&var| self.orig_obj_coeffs[var]));
        self.basis_solver.solve_transp_dense(&mut y);
        let bound = self.dual_bound_at(&mut y);
        self.certify_scratch.1 = y;
        bound
    }

    /// The reduced costs `d = c − Aᵀy` of the original variables at the multipliers
    /// of [`dual_bound`](Self::dual_bound) (solved afresh, projected), each less its
    /// rounding bound when positive and plus it when negative (so that
    /// `dual_bound + max(d_j, 0)` stays a lower bound with `x_j` at 1 instead of 0, and
    /// `dual_bound − min(d_j, 0)` with `x_j` at 0 instead of 1).
    pub(crate) fn reduced_costs(&mut self) -> Result<Vec<f64>, Error> {
        let mut y = std::mem::take(&mut self.certify_scratch.1);
        y.clear();
        y.extend(self.basic_vars.iter().map(|&var| self.orig_obj_coeffs[var]));
        self.basis_solver.solve_transp_dense(&mut y);
        let result = self.project(&mut y).map(|()| {
            let u = f64::EPSILON / 2.0;
            (0..self.num_vars)
                .map(|var| {
                    let mut d = self.orig_obj_coeffs[var];
                    let mut scale = d.abs();
                    let (rows, vals) = self.orig_constraints_csc.outer(var);
                    for (&r, &a) in rows.iter().zip(vals) {
                        d -= a * y[r];
                        scale += (a * y[r]).abs();
                    }
                    let k = (rows.len() + 2) as f64;
                    let error = k * u / (1.0 - k * u) * scale;
                    if d > error {
                        d - error
                    } else if d < -error {
                        d + error
                    } else {
                        0.0
                    }
                })
                .collect()
        });
        self.certify_scratch.1 = y;
        result
    }

    /// Projects multipliers onto the sign constraints of each row (its slack's
    /// bounds); an error when one is not finite.
    fn project(&self, y: &mut [f64]) -> Result<(), Error> {
        for (i, y_i) in y.iter_mut().enumerate() {
            let slack = self.num_vars + i;
            if self.orig_var_maxs[slack] == f64::INFINITY {
                *y_i = y_i.min(0.0);
            }
            if self.orig_var_mins[slack] == f64::NEG_INFINITY {
                *y_i = y_i.max(0.0);
            }
            finite(*y_i, "a dual multiplier is not finite")?;
        }
        Ok(())
    }

    /// `dual_bound` at the multipliers `y` (before projection).
    fn dual_bound_at(&self, y: &mut [f64]) -> Result<f64, Error> {
        let m = self.num_constraints();
        self.project(y)?;

        let u = f64::EPSILON / 2.0;
        let mut sum = Neumaier::default();
        let mut margin = 0.0;
        for (i, &y_i) in y.iter().enumerate() {
            sum.add(y_i * self.orig_rhs[i]);
        }
        for var in 0..self.num_total_vars() {
            let mut d = self.orig_obj_coeffs[var];
            let mut scale = d.abs();
            let (rows, vals) = self.orig_constraints_csc.outer(var);
            for (&r, &a) in rows.iter().zip(vals) {
                d -= a * y[r];
                scale += (a * y[r]).abs();
            }
            // A fixed variable's bounds are [value, value] meanwhile.
            let (min, max) = (self.orig_var_mins[var], self.orig_var_maxs[var]);
            // d·x over [min, max] is least at one end; the rounding error of d is at
            // most γ_k·scale with k = terms + 1.
            let k = (rows.len() + 2) as f64;
            let d_error = k * u / (1.0 - k * u) * scale;
            let x = if d > 0.0 {
                min
            } else if d < 0.0 {
                max
            } else {
                continue;
            };
            let x = if x.is_infinite() {
                if d.abs() > EPS + d_error {
                    return Ok(f64::NEG_INFINITY);
                }
                match self.get_value(var) {
                    Some(value) => value,
                    None => return Ok(f64::NEG_INFINITY),
                }
            } else {
                x
            };
            margin += d_error * x.abs();
            sum.add(d * x);
        }
        let (value, abs_sum) = sum.total();
        // Neumaier's sum is within 2u·Σ|terms| (+ O(n·u²)), each product within u.
        let n = (m + self.num_total_vars() + 1) as f64;
        margin += (3.0 * u + n * n * u * u) * abs_sum;
        let bound = value - margin;
        finite(bound, "the dual bound is not finite")?;
        Ok(bound)
    }

    /// Calculate current coeffs column for a single non-basic variable.
    fn calc_col_coeffs(&mut self, c_var: usize) {
        let var = self.nb_vars[c_var];
        let (rows, vals) = self.orig_constraints_csc.outer(var);
        self.basis_solver
            .solve(rows.iter().copied().zip(vals))
            .to_sparse_vec(&mut self.col_coeffs);
    }

    /// Calculate current coeffs row for a single constraint (permuted according to nb_vars).
    fn calc_row_coeffs(&mut self, r_constr: usize) {
        self.basis_solver
            .solve_transp(std::iter::once((r_constr, &1.0)))
            .to_sparse_vec(&mut self.inv_basis_row_coeffs);

        self.row_coeffs.clear_and_resize(self.nb_vars.len());
        for (r, &coeff) in self.inv_basis_row_coeffs.iter() {
            for (v, &val) in self.orig_constraints.outer_iter(r) {
                if let VarState::NonBasic(idx) = self.var_states[v] {
                    *self.row_coeffs.get_mut(idx) += val * coeff;
                }
            }
        }
    }

    fn choose_pivot(&mut self) -> Result<Option<PivotInfo>, Error> {
        let entering_c = {
            let filtered_obj_coeffs = self
                .nb_var_obj_coeffs
                .iter()
                .zip(&self.nb_var_states)
                .enumerate()
                .filter_map(|(col, (&obj_coeff, var_state))| {
                    // Choose only among non-basic vars that can be changed
                    // with objective decreasing.
                    if (var_state.at_min && obj_coeff > -EPS)
                        || (var_state.at_max && obj_coeff < EPS)
                    {
                        None
                    } else {
                        Some((col, obj_coeff))
                    }
                });

            let mut best_col = None;
            let mut best_score = f64::NEG_INFINITY;
            if self.enable_primal_steepest_edge {
                for (col, obj_coeff) in filtered_obj_coeffs {
                    let score = obj_coeff * obj_coeff / self.primal_edge_sq_norms[col];
                    if score > best_score {
                        best_col = Some(col);
                        best_score = score;
                    }
                }
            } else {
                for (col, obj_coeff) in filtered_obj_coeffs {
                    let score = obj_coeff.abs();
                    if score > best_score {
                        best_col = Some(col);
                        best_score = score;
                    }
                }
            }

            if let Some(col) = best_col {
                col
            } else {
                return Ok(None);
            }
        };

        let entering_cur_val = self.nb_var_vals[entering_c];
        // If true, entering variable will increase (because the objective function must decrease).
        let entering_diff_sign = self.nb_var_obj_coeffs[entering_c] < 0.0;
        let entering_other_val = if entering_diff_sign {
            self.orig_var_maxs[self.nb_vars[entering_c]]
        } else {
            self.orig_var_mins[self.nb_vars[entering_c]]
        };

        self.calc_col_coeffs(entering_c);

        let get_leaving_var_step = |r: usize, coeff: f64| -> f64 {
            let val = self.basic_var_vals[r];
            // leaving_diff = -entering_diff * coeff. From this we can determine
            // in which direction this basic var will change and select appropriate bound.
            if (entering_diff_sign && coeff < 0.0) || (!entering_diff_sign && coeff > 0.0) {
                let max = self.basic_var_maxs[r];
                if val < max {
                    max - val
                } else {
                    0.0
                }
            } else {
                let min = self.basic_var_mins[r];
                if val > min {
                    val - min
                } else {
                    0.0
                }
            }
        };

        // Harris rule. See e.g.
        // Gill, P. E., Murray, W., Saunders, M. A., & Wright, M. H. (1989).
        // A practical anti-cycling procedure for linearly constrained optimization.
        // Mathematical Programming, 45(1-3), 437-474.
        //
        // https://link.springer.com/content/pdf/10.1007/BF01589114.pdf

        // First, we determine the max change in entering variable so that basic variables
        // remain feasible using relaxed bounds.
        let mut max_step = (entering_other_val - entering_cur_val).abs();
        for (r, &coeff) in self.col_coeffs.iter() {
            let coeff_abs = coeff.abs();
            if coeff_abs < EPS {
                continue;
            }

            // By which amount can we change the entering variable so that the limit on this
            // basic var is not violated. The var with the minimum such amount becomes leaving.
            let cur_step = (get_leaving_var_step(r, coeff) + EPS) / coeff_abs;
            if cur_step < max_step {
                max_step = cur_step;
            }
        }

        // Nothing bounds the step: the objective decreases without end along this edge.
        // (Upstream went on and pivoted a variable to an infinite bound.)
        if max_step.is_infinite() {
            return Err(self.unbounded());
        }

        // Second, we choose among variables with steps less than max_step a variable with the biggest
        // abs. coefficient as the leaving variable. This means that we get numerically more stable
        // basis at the price of slight infeasibility of some basic variables.
        let mut leaving_r = None;
        let mut leaving_new_val = 0.0;
        let mut pivot_coeff_abs = f64::NEG_INFINITY;
        let mut pivot_coeff = 0.0;
        for (r, &coeff) in self.col_coeffs.iter() {
            let coeff_abs = coeff.abs();
            if coeff_abs < EPS {
                continue;
            }

            let cur_step = get_leaving_var_step(r, coeff) / coeff_abs;
            if cur_step <= max_step && coeff_abs > pivot_coeff_abs {
                leaving_r = Some(r);
                leaving_new_val = if (entering_diff_sign && coeff < 0.0)
                    || (!entering_diff_sign && coeff > 0.0)
                {
                    self.basic_var_maxs[r]
                } else {
                    self.basic_var_mins[r]
                };
                pivot_coeff = coeff;
                pivot_coeff_abs = coeff_abs;
            }
        }

        if let Some(row) = leaving_r {
            self.calc_row_coeffs(row);

            let entering_diff = (self.basic_var_vals[row] - leaving_new_val) / pivot_coeff;
            let entering_new_val = entering_cur_val + entering_diff;

            Ok(Some(PivotInfo {
                col: entering_c,
                entering_new_val,
                entering_diff,
                elem: Some(PivotElem {
                    row,
                    coeff: pivot_coeff,
                    leaving_new_val,
                }),
            }))
        } else {
            if entering_other_val.is_infinite() {
                return Err(self.unbounded());
            }

            Ok(Some(PivotInfo {
                col: entering_c,
                entering_new_val: entering_other_val,
                entering_diff: entering_other_val - entering_cur_val,
                elem: None,
            }))
        }
    }

    fn choose_pivot_row_dual(&self) -> Result<Option<(usize, f64)>, Error> {
        let infeasibilities = self
            .basic_var_vals
            .iter()
            .zip(&self.basic_var_mins)
            .zip(&self.basic_var_maxs)
            .enumerate()
            .filter_map(|(r, ((&val, &min), &max))| {
                if val < min - EPS {
                    Some((r, min - val))
                } else if val > max + EPS {
                    Some((r, val - max))
                } else {
                    None
                }
            });

        let mut leaving_r = None;
        let mut max_score = f64::NEG_INFINITY;
        if self.enable_dual_steepest_edge {
            for (r, infeasibility) in infeasibilities {
                let sq_norm = self.dual_edge_sq_norms[r];
                let score = infeasibility * infeasibility / sq_norm;
                if score > max_score {
                    leaving_r = Some(r);
                    max_score = score;
                }
            }
        } else {
            for (r, infeasibility) in infeasibilities {
                if infeasibility > max_score {
                    leaving_r = Some(r);
                    max_score = infeasibility;
                }
            }
        }

        let Some(r) = leaving_r else {
            return Ok(None);
        };
        let val = self.basic_var_vals[r];
        let min = self.basic_var_mins[r];
        let max = self.basic_var_maxs[r];

        // If we choose this var as leaving, its new val will be at the boundary
        // which is violated.
        // Why is that? We must maintain primal optimality (a.k.a. dual feasibility) for
        // the leaving variable, thus new_obj_coeff must be >= 0 if new_val is min, and <= 0
        // if new_val is max. Sign of the leaving var obj coeff:
        // sign(new_obj_coeff) = -sign(old_obj_coeff) * sign(pivot_coeff).
        // Another constraint is that we must not decrease primal objective.
        // As sign(obj_val_diff) = -sign(old_obj_coeff) * sign(leaving_diff) * sign(pivot_coeff)
        // must be >= 0, we conclude that sign(new_obj_coeff) = sign(leaving_diff).
        // From this we see that if old val was < min, dual feasibility is maintained if the
        // new var is min (analogously for max).
        let new_val = if val < min {
            min
        } else if val > max {
            max
        } else {
            // The row was chosen because its value is out of its bounds by more than
            // EPS (upstream: `unreachable!`).
            return Err(Error::Numerical("a violated row is within its bounds"));
        };
        Ok(Some((r, new_val)))
    }

    fn choose_entering_col_dual(
        &self,
        row: usize,
        leaving_new_val: f64,
    ) -> Result<PivotInfo, Error> {
        // True if the new obj. coeff. must be nonnegative in a dual-feasible configuration.
        let leaving_diff_sign = leaving_new_val > self.basic_var_vals[row];
        self.choose_entering_col_dual_towards(row, leaving_new_val, leaving_diff_sign)
    }

    /// The dual ratio test for the leaving variable of `row` moving up
    /// (`leaving_diff_sign`) or down to `leaving_new_val`.
    fn choose_entering_col_dual_towards(
        &self,
        row: usize,
        leaving_new_val: f64,
        leaving_diff_sign: bool,
    ) -> Result<PivotInfo, Error> {
        fn clamp_obj_coeff(mut obj_coeff: f64, var_state: &NonBasicVarState) -> f64 {
            if var_state.at_min && obj_coeff < 0.0 {
                obj_coeff = 0.0;
            }
            if var_state.at_max && obj_coeff > 0.0 {
                obj_coeff = 0.0;
            }
            obj_coeff
        }

        let is_eligible_var = |coeff: f64, var_state: &NonBasicVarState| -> bool {
            let entering_diff_sign = if coeff >= EPS {
                !leaving_diff_sign
            } else if coeff <= -EPS {
                leaving_diff_sign
            } else {
                return false;
            };

            if entering_diff_sign {
                !var_state.at_max
            } else {
                !var_state.at_min
            }
        };

        // Harris rule. See e.g.
        // Gill, P. E., Murray, W., Saunders, M. A., & Wright, M. H. (1989).
        // A practical anti-cycling procedure for linearly constrained optimization.
        // Mathematical Programming, 45(1-3), 437-474.
        //
        // https://link.springer.com/content/pdf/10.1007/BF01589114.pdf

        // First, we determine the max step (change in the leaving variable obj. coeff that still
        // leaves us with a dual-feasible state) using relaxed bounds.
        let mut max_step = f64::INFINITY;
        for (c, &coeff) in self.row_coeffs.iter() {
            let var_state = &self.nb_var_states[c];
            if !is_eligible_var(coeff, var_state) {
                continue;
            }

            let obj_coeff = clamp_obj_coeff(self.nb_var_obj_coeffs[c], var_state);
            let cur_step = (obj_coeff.abs() + EPS) / coeff.abs();
            if cur_step < max_step {
                max_step = cur_step;
            }
        }

        // Second, we choose among the variables satisfying the relaxed step bound
        // the one with the biggest pivot coefficient. This allows for a much more
        // numerically stable basis at the price of slight infeasibility in dual variables.
        let mut entering_c = None;
        let mut pivot_coeff_abs = f64::NEG_INFINITY;
        let mut pivot_coeff = 0.0;
        for (c, &coeff) in self.row_coeffs.iter() {
            let var_state = &self.nb_var_states[c];
            if !is_eligible_var(coeff, var_state) {
                continue;
            }

            let obj_coeff = clamp_obj_coeff(self.nb_var_obj_coeffs[c], var_state);

            // If we change obj. coeff of the leaving variable by this amount,
            // obj. coeff if the current variable will reach the bound of dual infeasibility.
            // Variable with the tightest such bound is the entering variable.
            let cur_step = obj_coeff.abs() / coeff.abs();
            if cur_step <= max_step {
                let coeff_abs = coeff.abs();
                if coeff_abs > pivot_coeff_abs {
                    entering_c = Some(c);
                    pivot_coeff_abs = coeff_abs;
                    pivot_coeff = coeff;
                }
            }
        }

        if let Some(col) = entering_c {
            let entering_diff = (self.basic_var_vals[row] - leaving_new_val) / pivot_coeff;
            let entering_new_val = self.nb_var_vals[col] + entering_diff;

            Ok(PivotInfo {
                col,
                entering_new_val,
                entering_diff,
                elem: Some(PivotElem {
                    row,
                    leaving_new_val,
                    coeff: pivot_coeff,
                }),
            })
        } else {
            Err(Error::Infeasible)
        }
    }

    fn pivot(&mut self, pivot_info: &PivotInfo) -> Result<(), Error> {
        // TODO: periodically (say, every 1000 pivots) recalc basic vars and object coeffs
        // from scratch for numerical stability.

        self.cur_obj_val += self.nb_var_obj_coeffs[pivot_info.col] * pivot_info.entering_diff;
        finite(self.cur_obj_val, "the objective overflows")?;

        let entering_var = self.nb_vars[pivot_info.col];

        let Some(pivot_elem) = &pivot_info.elem else {
            // "entering" var is still non-basic, it just changes value from one limit
            // to the other.
            self.nb_var_vals[pivot_info.col] = pivot_info.entering_new_val;
            for (r, coeff) in self.col_coeffs.iter() {
                self.basic_var_vals[r] -= pivot_info.entering_diff * coeff;
                finite(self.basic_var_vals[r], "a basic value overflows")?;
            }
            let var_state = &mut self.nb_var_states[pivot_info.col];
            var_state.at_min = pivot_info.entering_new_val == self.orig_var_mins[entering_var];
            var_state.at_max = pivot_info.entering_new_val == self.orig_var_maxs[entering_var];
            return Ok(());
        };
        let pivot_coeff = pivot_elem.coeff;

        // Update basic vars stuff

        finite(pivot_info.entering_new_val, "an entering value overflows")?;
        for (r, coeff) in self.col_coeffs.iter() {
            if r == pivot_elem.row {
                self.basic_var_vals[r] = pivot_info.entering_new_val;
            } else {
                self.basic_var_vals[r] -= pivot_info.entering_diff * coeff;
                finite(self.basic_var_vals[r], "a basic value overflows")?;
            }
        }

        self.basic_var_mins[pivot_elem.row] = self.orig_var_mins[entering_var];
        self.basic_var_maxs[pivot_elem.row] = self.orig_var_maxs[entering_var];

        if self.enable_dual_steepest_edge {
            self.update_dual_sq_norms(pivot_elem.row, pivot_coeff)?;
        }

        // Update non-basic vars stuff

        let leaving_var = self.basic_vars[pivot_elem.row];

        self.nb_var_vals[pivot_info.col] = pivot_elem.leaving_new_val;
        let leaving_var_state = &mut self.nb_var_states[pivot_info.col];
        leaving_var_state.at_min = pivot_elem.leaving_new_val == self.orig_var_mins[leaving_var];
        leaving_var_state.at_max = pivot_elem.leaving_new_val == self.orig_var_maxs[leaving_var];

        let pivot_obj = self.nb_var_obj_coeffs[pivot_info.col] / pivot_coeff;
        for (c, &coeff) in self.row_coeffs.iter() {
            if c == pivot_info.col {
                self.nb_var_obj_coeffs[c] = -pivot_obj;
            } else {
                self.nb_var_obj_coeffs[c] -= pivot_obj * coeff;
            }
            finite(self.nb_var_obj_coeffs[c], "a reduced cost overflows")?;
        }

        if self.enable_primal_steepest_edge {
            self.update_primal_sq_norms(pivot_info.col, pivot_coeff)?;
        }

        // Update basis itself

        self.basic_vars[pivot_elem.row] = entering_var;
        self.var_states[entering_var] = VarState::Basic(pivot_elem.row);
        self.nb_vars[pivot_info.col] = leaving_var;
        self.var_states[leaving_var] = VarState::NonBasic(pivot_info.col);

        // A simple heuristic to choose when to recompute LU factorization.
        // Note: a possible failure mode is that the LU factorization accidentally
        // generates a lot of fill-in and doesn't get recomputed for a long time.
        let eta_matrices_nnz = self.basis_solver.eta_matrices.coeff_cols.nnz();
        if eta_matrices_nnz < self.basis_solver.lu_factors.nnz() {
            self.basis_solver
                .push_eta_matrix(&self.col_coeffs, pivot_elem.row, pivot_coeff);
        } else {
            self.basis_solver
                .reset(&self.orig_constraints_csc, &self.basic_vars)?;
        }
        Ok(())
    }

    fn update_primal_sq_norms(
        &mut self,
        entering_col: usize,
        pivot_coeff: f64,
    ) -> Result<(), Error> {
        // Computations for the steepest edge pivoting rule. See
        // Forrest, J. J., & Goldfarb, D. (1992).
        // Steepest-edge simplex algorithms for linear programming.
        // Mathematical programming, 57(1-3), 341-374.
        //
        // https://link.springer.com/content/pdf/10.1007/BF01581089.pdf

        let tmp = self.basis_solver.solve_transp(self.col_coeffs.iter());
        // now tmp contains the v vector from the article.

        for &r in tmp.indices() {
            for &v in self.orig_constraints.outer(r).0 {
                if let VarState::NonBasic(idx) = self.var_states[v] {
                    self.sq_norms_update_helper[idx] = 0.0;
                }
            }
        }
        // now significant positions in sq_norms_update_helper are cleared.

        for (r, &coeff) in tmp.iter() {
            for (v, &val) in self.orig_constraints.outer_iter(r) {
                if let VarState::NonBasic(idx) = self.var_states[v] {
                    self.sq_norms_update_helper[idx] += val * coeff;
                }
            }
        }
        // now sq_norms_update_helper contains transp(N) * v vector.

        // Calculate pivot_sq_norm directly to avoid loss of precision.
        let pivot_sq_norm = self.col_coeffs.sq_norm() + 1.0;

        let pivot_coeff_sq = pivot_coeff * pivot_coeff;
        for (c, &r_coeff) in self.row_coeffs.iter() {
            if c == entering_col {
                self.primal_edge_sq_norms[c] = pivot_sq_norm / pivot_coeff_sq;
            } else {
                self.primal_edge_sq_norms[c] += -2.0 * r_coeff * self.sq_norms_update_helper[c]
                    / pivot_coeff
                    + pivot_sq_norm * r_coeff * r_coeff / pivot_coeff_sq;
            }

            // Upstream: `assert!(… .is_finite())`, which huge coefficients could break.
            finite(self.primal_edge_sq_norms[c], "a primal edge norm overflows")?;
        }
        Ok(())
    }

    fn update_dual_sq_norms(&mut self, leaving_row: usize, pivot_coeff: f64) -> Result<(), Error> {
        // Computations for the dual steepest edge pivoting rule.
        // See the same reference (Forrest, Goldfarb).

        let tau = self.basis_solver.solve(self.inv_basis_row_coeffs.iter());

        // Calculate pivot_sq_norm directly to avoid loss of precision.
        let pivot_sq_norm = self.inv_basis_row_coeffs.sq_norm();

        let pivot_coeff_sq = pivot_coeff * pivot_coeff;
        for (r, &col_coeff) in self.col_coeffs.iter() {
            if r == leaving_row {
                self.dual_edge_sq_norms[r] = pivot_sq_norm / pivot_coeff_sq;
            } else {
                self.dual_edge_sq_norms[r] += -2.0 * col_coeff * tau.get(r) / pivot_coeff
                    + pivot_sq_norm * col_coeff * col_coeff / pivot_coeff_sq;
            }

            // Upstream: `assert!(… .is_finite())`, which huge coefficients could break.
            finite(self.dual_edge_sq_norms[r], "a dual edge norm overflows")?;
        }
        Ok(())
    }

    /// The basic values afresh: `x_B = B⁻¹ (b − N x_N)` on a new factorization.
    fn recalc_basic_var_vals(&mut self) -> Result<(), Error> {
        let mut cur_vals = self.orig_rhs.clone();
        for (i, var) in self.nb_vars.iter().enumerate() {
            let val = self.nb_var_vals[i];
            if val != 0.0 {
                for (r, &coeff) in self.orig_constraints_csc.outer_iter(*var) {
                    cur_vals[r] -= val * coeff;
                }
            }
        }

        self.basis_solver
            .reset(&self.orig_constraints_csc, &self.basic_vars)?;

        self.basis_solver
            .lu_factors
            .solve_dense(&mut cur_vals, &mut self.basis_solver.scratch);
        for &value in &cur_vals {
            finite(value, "a basic value overflows")?;
        }
        self.basic_var_vals = cur_vals;
        Ok(())
    }

    fn recalc_obj_coeffs(&mut self) -> Result<(), Error> {
        if self.basis_solver.eta_matrices.len() > 0 {
            self.basis_solver
                .reset(&self.orig_constraints_csc, &self.basic_vars)?;
        }

        let multipliers = {
            let mut rhs = vec![0.0; self.num_constraints()];
            for (c, &var) in self.basic_vars.iter().enumerate() {
                rhs[c] = self.orig_obj_coeffs[var];
            }
            self.basis_solver
                .lu_factors_transp
                .solve_dense(&mut rhs, &mut self.basis_solver.scratch);
            rhs
        };

        self.nb_var_obj_coeffs.clear();
        for &var in &self.nb_vars {
            let (rows, vals) = self.orig_constraints_csc.outer(var);
            let dot_prod: f64 = rows
                .iter()
                .zip(vals)
                .map(|(&r, val)| val * multipliers[r])
                .sum();
            let obj_coeff = self.orig_obj_coeffs[var] - dot_prod;
            finite(obj_coeff, "a reduced cost overflows")?;
            self.nb_var_obj_coeffs.push(obj_coeff);
        }

        self.cur_obj_val = 0.0;
        for (r, &var) in self.basic_vars.iter().enumerate() {
            self.cur_obj_val += self.orig_obj_coeffs[var] * self.basic_var_vals[r];
        }
        for (c, &var) in self.nb_vars.iter().enumerate() {
            self.cur_obj_val += self.orig_obj_coeffs[var] * self.nb_var_vals[c];
        }
        finite(self.cur_obj_val, "the objective overflows")
    }
}

/// Neumaier's compensated sum, with the sum of magnitudes for its error bound.
#[derive(Default)]
struct Neumaier {
    sum: f64,
    compensation: f64,
    abs_sum: f64,
}

impl Neumaier {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
        self.abs_sum += x.abs();
    }

    fn total(&self) -> (f64, f64) {
        (self.sum + self.compensation, self.abs_sum)
    }
}

#[derive(Debug, PartialEq)]
struct PivotInfo {
    col: usize,
    entering_new_val: f64,
    entering_diff: f64,

    /// Contains info about the intersection between pivot row and column.
    /// If it is None, objective can be decreased without changing the basis
    /// (simply by changing the value of non-basic variable chosen as entering)
    elem: Option<PivotElem>,
}

#[derive(Debug, PartialEq)]
struct PivotElem {
    row: usize,
    coeff: f64,
    leaving_new_val: f64,
}

/// Stuff related to inversion of the basis matrix
#[derive(Clone)]
struct BasisSolver {
    lu_factors: LUFactors,
    lu_factors_transp: LUFactors,
    scratch: ScratchSpace,
    eta_matrices: EtaMatrices,
    rhs: ScatteredVec,
}

impl BasisSolver {
    fn push_eta_matrix(&mut self, col_coeffs: &SparseVec, r_leaving: usize, pivot_coeff: f64) {
        let coeffs = col_coeffs.iter().map(|(r, &coeff)| {
            let val = if r == r_leaving {
                1.0 - 1.0 / pivot_coeff
            } else {
                coeff / pivot_coeff
            };
            (r, val)
        });
        self.eta_matrices.push(r_leaving, coeffs);
    }

    /// Factorizes the basis afresh. Upstream unwrapped the factorization ("TODO: When
    /// is singular basis matrix possible? Report as a proper error."): a basis made
    /// singular by rounding is `Error::Numerical`.
    fn reset(&mut self, orig_constraints_csc: &CsMat, basic_vars: &[usize]) -> Result<(), Error> {
        self.scratch.clear_sparse(basic_vars.len());
        self.eta_matrices.clear_and_resize(basic_vars.len());
        self.rhs.clear_and_resize(basic_vars.len());
        self.lu_factors = lu_factorize(
            basic_vars.len(),
            |c| orig_constraints_csc.outer(basic_vars[c]),
            0.1,
            &mut self.scratch,
        )?;
        self.lu_factors_transp = self.lu_factors.transpose();
        Ok(())
    }

    fn solve<'a>(&mut self, rhs: impl Iterator<Item = (usize, &'a f64)>) -> &ScatteredVec {
        self.rhs.set(rhs);
        self.lu_factors.solve(&mut self.rhs, &mut self.scratch);

        // apply eta matrices (Vanderbei p.139)
        for idx in 0..self.eta_matrices.len() {
            let r_leaving = self.eta_matrices.leaving_rows[idx];
            let coeff = *self.rhs.get(r_leaving);
            for (r, &val) in self.eta_matrices.coeff_cols.col_iter(idx) {
                *self.rhs.get_mut(r) -= coeff * val;
            }
        }

        &self.rhs
    }

    /// Pass right-hand side via self.rhs
    fn solve_transp<'a>(&mut self, rhs: impl Iterator<Item = (usize, &'a f64)>) -> &ScatteredVec {
        self.rhs.set(rhs);
        // apply eta matrices in reverse (Vanderbei p.139)
        for idx in (0..self.eta_matrices.len()).rev() {
            let mut coeff = 0.0;
            // eta col `dot` rhs_transp
            for (i, &val) in self.eta_matrices.coeff_cols.col_iter(idx) {
                coeff += val * self.rhs.get(i);
            }
            let r_leaving = self.eta_matrices.leaving_rows[idx];
            *self.rhs.get_mut(r_leaving) -= coeff;
        }

        self.lu_factors_transp
            .solve(&mut self.rhs, &mut self.scratch);
        &self.rhs
    }

    /// `solve_transp` on a dense right-hand side (one entry per row). It leaves the
    /// factors as they were; of the scratch space it uses the dense buffer, which every
    /// dense solve overwrites first.
    fn solve_transp_dense(&mut self, rhs: &mut [f64]) {
        for idx in (0..self.eta_matrices.len()).rev() {
            let mut coeff = 0.0;
            for (i, &val) in self.eta_matrices.coeff_cols.col_iter(idx) {
                coeff += val * rhs[i];
            }
            let r_leaving = self.eta_matrices.leaving_rows[idx];
            rhs[r_leaving] -= coeff;
        }
        self.lu_factors_transp.solve_dense(rhs, &mut self.scratch);
    }
}

#[derive(Clone, Debug)]
struct EtaMatrices {
    leaving_rows: Vec<usize>,
    coeff_cols: SparseMat,
}

impl EtaMatrices {
    fn new(n_rows: usize) -> EtaMatrices {
        EtaMatrices {
            leaving_rows: vec![],
            coeff_cols: SparseMat::new(n_rows),
        }
    }

    fn len(&self) -> usize {
        self.leaving_rows.len()
    }

    fn clear_and_resize(&mut self, n_rows: usize) {
        self.leaving_rows.clear();
        self.coeff_cols.clear_and_resize(n_rows);
    }

    fn push(&mut self, leaving_row: usize, coeffs: impl Iterator<Item = (usize, f64)>) {
        self.leaving_rows.push(leaving_row);
        self.coeff_cols.append_col(coeffs);
    }
}

/// Whether a row with no variable holds: `0 op rhs`. One that does is dropped,
/// one that does not makes the program infeasible.
fn empty_row_holds(cmp_op: ComparisonOp, rhs: f64) -> bool {
    match cmp_op {
        ComparisonOp::Eq => 0.0 == rhs,
        ComparisonOp::Le => 0.0 <= rhs,
        ComparisonOp::Ge => 0.0 >= rhs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(dense: &[f64]) -> Row {
        Row::normalized(dense.iter().copied().enumerate().collect())
    }

    #[test]
    fn initialize() {
        let sol = Solver::try_new(
            &[2.0, 1.0],
            &[f64::NEG_INFINITY, 5.0],
            &[0.0, f64::INFINITY],
            &[
                (row(&[1.0, 1.0]), ComparisonOp::Le, 6.0),
                (row(&[1.0, 2.0]), ComparisonOp::Le, 8.0),
                (row(&[1.0, 1.0]), ComparisonOp::Ge, 2.0),
                (row(&[0.0, 1.0]), ComparisonOp::Eq, 3.0),
            ],
            None,
        )
        .unwrap();

        assert_eq!(sol.num_vars, 2);
        assert!(!sol.is_primal_feasible);
        assert!(!sol.is_dual_feasible);

        assert_eq!(&sol.orig_obj_coeffs, &[2.0, 1.0, 0.0, 0.0, 0.0, 0.0]);

        assert_eq!(
            &sol.orig_var_mins,
            &[f64::NEG_INFINITY, 5.0, 0.0, 0.0, f64::NEG_INFINITY, 0.0,]
        );
        assert_eq!(
            &sol.orig_var_maxs,
            &[0.0, f64::INFINITY, f64::INFINITY, f64::INFINITY, 0.0, 0.0]
        );

        let orig_constraints_ref = [
            vec![1.0, 1.0, 1.0, 0.0, 0.0, 0.0],
            vec![1.0, 2.0, 0.0, 1.0, 0.0, 0.0],
            vec![1.0, 1.0, 0.0, 0.0, 1.0, 0.0],
            vec![0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        ];
        for (r, reference) in orig_constraints_ref.iter().enumerate() {
            let mut dense = vec![0.0; 6];
            for (c, &v) in sol.orig_constraints.outer_iter(r) {
                dense[c] = v;
            }
            assert_eq!(&dense, reference, "row {r}");
        }

        assert_eq!(&sol.orig_rhs, &[6.0, 8.0, 2.0, 3.0]);

        assert_eq!(&sol.basic_vars, &[2, 3, 4, 5]);
        assert_eq!(&sol.basic_var_vals, &[1.0, -2.0, -3.0, -2.0]);
        assert_eq!(&sol.dual_edge_sq_norms, &[1.0, 1.0, 1.0, 1.0]);

        assert_eq!(&sol.nb_vars, &[0, 1]);
        assert_eq!(&sol.nb_var_obj_coeffs, &[-1.0, 1.0]);
        assert_eq!(&sol.nb_var_vals, &[0.0, 5.0]);
        assert_eq!(&sol.primal_edge_sq_norms, &[4.0, 8.0]);

        assert_eq!(sol.cur_obj_val, 0.0);
    }

    #[test]
    fn initial_solve() {
        let mut sol = Solver::try_new(
            &[-3.0, -4.0],
            &[f64::NEG_INFINITY, 5.0],
            &[20.0, f64::INFINITY],
            &[
                (row(&[1.0, 1.0]), ComparisonOp::Le, 20.0),
                (row(&[-1.0, 4.0]), ComparisonOp::Le, 20.0),
            ],
            None,
        )
        .unwrap();
        sol.initial_solve().unwrap();

        assert!(sol.is_primal_feasible);
        assert!(sol.is_dual_feasible);

        assert_eq!(&sol.basic_vars, &[0, 1]);
        assert_eq!(&sol.basic_var_vals, &[12.0, 8.0]);
        assert_eq!(&sol.nb_vars, &[2, 3]);
        assert_eq!(&sol.nb_var_vals, &[0.0, 0.0]);
        assert_eq!(&sol.nb_var_obj_coeffs, &[3.2, 0.2]);
        assert_eq!(sol.cur_obj_val, -68.0);
        let bound = sol.certified_bound;
        assert!(bound <= -68.0 && bound > -68.0 - 1e-9, "{bound}");

        let infeasible = Solver::try_new(
            &[1.0, 1.0],
            &[0.0, 0.0],
            &[f64::INFINITY, f64::INFINITY],
            &[
                (row(&[1.0, 1.0]), ComparisonOp::Ge, 10.0),
                (row(&[1.0, 1.0]), ComparisonOp::Le, 5.0),
            ],
            None,
        )
        .unwrap()
        .initial_solve();
        assert_eq!(infeasible.unwrap_err(), Error::Infeasible);
    }

    #[test]
    fn the_budget_stops_a_solve() {
        let mut sol = Solver::try_new(
            &[-3.0, -4.0],
            &[0.0, 0.0],
            &[20.0, 20.0],
            &[
                (row(&[1.0, 1.0]), ComparisonOp::Le, 20.0),
                (row(&[-1.0, 4.0]), ComparisonOp::Le, 20.0),
            ],
            Some(1),
        )
        .unwrap();
        assert_eq!(sol.initial_solve().unwrap_err(), Error::IterationLimit);
        sol.set_iteration_limit(Some(100));
        sol.initial_solve().unwrap();
        assert_eq!(sol.cur_obj_val, -68.0);
    }
}

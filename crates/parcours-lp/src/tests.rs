//! Upstream's tests of the API (adapted to `Result`s and `value`), and the inputs
//! upstream panicked on.

use super::*;

fn value(sol: &Solution, var: Variable) -> f64 {
    sol.value(var).unwrap()
}

#[test]
fn optimize() {
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let v1 = problem.add_var(3.0, (12.0, f64::INFINITY));
    let v2 = problem.add_var(4.0, (5.0, f64::INFINITY));
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Le, 20.0);
    problem.add_constraint([(v2, -4.0), (v1, 1.0)], ComparisonOp::Ge, -20.0);

    let sol = problem.solve().unwrap();
    assert_eq!(value(&sol, v1), 12.0);
    assert_eq!(value(&sol, v2), 8.0);
    assert_eq!(sol.objective(), 68.0);
    let bound = sol.objective_bound();
    assert!((68.0..68.0 + 1e-9).contains(&bound), "{bound}");
}

#[test]
fn empty_expr_constraints() {
    let trivial = [
        (LinearExpr::empty(), ComparisonOp::Eq, 0.0),
        (LinearExpr::empty(), ComparisonOp::Ge, -1.0),
        (LinearExpr::empty(), ComparisonOp::Le, 1.0),
    ];

    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let _ = problem.add_var(1.0, (0.0, f64::INFINITY));
    for (expr, op, b) in trivial.iter().cloned() {
        problem.add_constraint(expr, op, b);
    }
    assert_eq!(problem.solve().map(|s| s.objective()), Ok(0.0));

    {
        let mut sol = problem.solve().unwrap();
        for (expr, op, b) in trivial.iter().cloned() {
            sol = sol.add_constraint(expr, op, b).unwrap();
        }
        assert_eq!(sol.objective(), 0.0);
    }

    let infeasible = [
        (LinearExpr::empty(), ComparisonOp::Eq, 12.0),
        (LinearExpr::empty(), ComparisonOp::Ge, 34.0),
        (LinearExpr::empty(), ComparisonOp::Le, -56.0),
    ];

    for (expr, op, b) in infeasible.iter().cloned() {
        let mut cloned = problem.clone();
        cloned.add_constraint(expr, op, b);
        assert_eq!(cloned.solve().map(|_| "solved"), Err(Error::Infeasible));
    }

    for (expr, op, b) in infeasible.iter().cloned() {
        let sol = problem.solve().unwrap().add_constraint(expr, op, b);
        assert_eq!(sol.map(|_| "solved"), Err(Error::Infeasible));
    }

    let _ = problem.add_var(-1.0, (0.0, f64::INFINITY));
    assert_eq!(problem.solve().map(|_| "solved"), Err(Error::Unbounded));
}

#[test]
fn free_variables() {
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let v1 = problem.add_var(1.0, (0.0, f64::INFINITY));
    let v2 = problem.add_var(2.0, (f64::NEG_INFINITY, f64::INFINITY));
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Le, 4.0);
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Ge, 2.0);
    problem.add_constraint([(v1, 1.0), (v2, -1.0)], ComparisonOp::Ge, 0.0);

    let sol = problem.solve().unwrap();
    assert_eq!(value(&sol, v1), 2.0);
    assert_eq!(value(&sol, v2), 2.0);
    assert_eq!(sol.objective(), 6.0);
}

#[test]
fn fix_unfix_var() {
    let mut problem = Problem::new(OptimizationDirection::Maximize);
    let v1 = problem.add_var(1.0, (0.0, 3.0));
    let v2 = problem.add_var(2.0, (0.0, 3.0));
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Le, 4.0);
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Ge, 1.0);

    let orig_sol = problem.solve().unwrap();

    {
        let mut sol = orig_sol.clone().fix_var(v1, 0.5).unwrap();
        assert_eq!(value(&sol, v1), 0.5);
        assert_eq!(value(&sol, v2), 3.0);
        assert_eq!(sol.objective(), 6.5);
        let bound = sol.objective_bound();
        assert!((6.5..6.5 + 1e-9).contains(&bound), "{bound}");

        sol = sol.unfix_var(v1).unwrap().0;
        assert_eq!(value(&sol, v1), 1.0);
        assert_eq!(value(&sol, v2), 3.0);
        assert_eq!(sol.objective(), 7.0);
    }

    {
        let mut sol = orig_sol.clone().fix_var(v2, 2.5).unwrap();
        assert_eq!(value(&sol, v1), 1.5);
        assert_eq!(value(&sol, v2), 2.5);
        assert_eq!(sol.objective(), 6.5);

        sol = sol.unfix_var(v2).unwrap().0;
        assert_eq!(value(&sol, v1), 1.0);
        assert_eq!(value(&sol, v2), 3.0);
        assert_eq!(sol.objective(), 7.0);
    }
}

#[test]
fn add_constraint() {
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let v1 = problem.add_var(2.0, (0.0, f64::INFINITY));
    let v2 = problem.add_var(1.0, (0.0, f64::INFINITY));
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Le, 4.0);
    problem.add_constraint([(v1, 1.0), (v2, 1.0)], ComparisonOp::Ge, 2.0);

    let orig_sol = problem.solve().unwrap();

    {
        let sol = orig_sol
            .clone()
            .add_constraint([(v1, -1.0), (v2, 1.0)], ComparisonOp::Le, 0.0)
            .unwrap();

        assert_eq!(value(&sol, v1), 1.0);
        assert_eq!(value(&sol, v2), 1.0);
        assert_eq!(sol.objective(), 3.0);
    }

    {
        let sol = orig_sol
            .clone()
            .fix_var(v2, 1.5)
            .unwrap()
            .add_constraint([(v1, -1.0), (v2, 1.0)], ComparisonOp::Le, 0.0)
            .unwrap();
        assert_eq!(value(&sol, v1), 1.5);
        assert_eq!(value(&sol, v2), 1.5);
        assert_eq!(sol.objective(), 4.5);
    }

    {
        let sol = orig_sol
            .clone()
            .add_constraint([(v1, -1.0), (v2, 1.0)], ComparisonOp::Ge, 3.0)
            .unwrap();

        assert_eq!(value(&sol, v1), 0.0);
        assert_eq!(value(&sol, v2), 3.0);
        assert_eq!(sol.objective(), 3.0);
    }
}

#[test]
fn gomory_cut() {
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let v1 = problem.add_var(0.0, (0.0, f64::INFINITY));
    let v2 = problem.add_var(-1.0, (0.0, f64::INFINITY));
    problem.add_constraint([(v1, 3.0), (v2, 2.0)], ComparisonOp::Le, 6.0);
    problem.add_constraint([(v1, -3.0), (v2, 2.0)], ComparisonOp::Le, 0.0);

    let mut sol = problem.solve().unwrap();
    assert_eq!(value(&sol, v1), 1.0);
    assert_eq!(value(&sol, v2), 1.5);
    assert_eq!(sol.objective(), -1.5);

    sol = sol.add_gomory_cut(v2).unwrap();
    assert!(f64::abs(value(&sol, v1) - 2.0 / 3.0) < 1e-8);
    assert_eq!(value(&sol, v2), 1.0);
    assert_eq!(sol.objective(), -1.0);

    sol = sol.add_gomory_cut(v1).unwrap();
    assert!(f64::abs(value(&sol, v1) - 1.0) < 1e-8);
    assert_eq!(value(&sol, v2), 1.0);
    assert_eq!(sol.objective(), -1.0);
}

#[test]
fn a_gomory_cut_on_a_non_basic_variable_is_an_error() {
    // Upstream: `panic!("var … is not basic!")`.
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let x = problem.add_var(1.0, (0.0, 1.0));
    let sol = problem.solve().unwrap();
    assert!(matches!(sol.add_gomory_cut(x), Err(Error::InvalidInput(_))));
}

#[test]
fn unsorted_and_repeated_variables_are_merged() {
    // Upstream: `sprs` panicked on a repeated index.
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let x = problem.add_var(1.0, (0.0, 10.0));
    let y = problem.add_var(2.0, (0.0, 10.0));
    problem.add_constraint(
        [(y, 1.0), (x, 0.5), (x, 0.5), (y, -1.0)],
        ComparisonOp::Ge,
        3.0,
    );
    let sol = problem.solve().unwrap();
    assert_eq!(sol.objective(), 3.0);
    assert_eq!(value(&sol, x), 3.0);
    // Terms that cancel out leave an empty row, checked like upstream's.
    let sol = sol
        .add_constraint([(x, 1.0), (x, -1.0)], ComparisonOp::Le, 0.0)
        .unwrap();
    assert_eq!(sol.objective(), 3.0);
}

#[test]
fn invalid_input_is_refused_before_any_pivot() {
    let bad_vars: [(f64, (f64, f64)); 6] = [
        (f64::NAN, (0.0, 1.0)),
        (f64::INFINITY, (0.0, 1.0)),
        (1.0, (f64::NAN, 1.0)),
        (1.0, (0.0, f64::NAN)),
        (1.0, (2.0, 1.0)),
        (1.0, (f64::INFINITY, f64::INFINITY)),
    ];
    for (cost, bounds) in bad_vars {
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        problem.add_var(cost, bounds);
        assert!(
            matches!(problem.solve(), Err(Error::InvalidInput(_))),
            "{cost} {bounds:?}"
        );
    }
    for (coeff, rhs) in [(f64::NAN, 1.0), (f64::NEG_INFINITY, 1.0), (1.0, f64::NAN)] {
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let x = problem.add_var(1.0, (0.0, 1.0));
        problem.add_constraint([(x, coeff)], ComparisonOp::Le, rhs);
        assert!(matches!(problem.solve(), Err(Error::InvalidInput(_))));
    }
    // Two finite coefficients of one variable that add up to infinity.
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let x = problem.add_var(1.0, (0.0, 1.0));
    problem.add_constraint([(x, f64::MAX), (x, f64::MAX)], ComparisonOp::Le, 1.0);
    assert!(matches!(problem.solve(), Err(Error::InvalidInput(_))));
}

#[test]
fn a_variable_of_another_problem_is_refused() {
    let mut big = Problem::new(OptimizationDirection::Minimize);
    big.add_var(1.0, (0.0, 1.0));
    let foreign = big.add_var(1.0, (0.0, 1.0));

    let mut small = Problem::new(OptimizationDirection::Minimize);
    let x = small.add_var(1.0, (0.0, 1.0));
    let sol = small.solve().unwrap();
    assert_eq!(sol.value(foreign), None);
    assert!(matches!(
        sol.clone().fix_var(foreign, 0.0),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        sol.clone().unfix_var(foreign),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        sol.clone()
            .add_constraint([(foreign, 1.0)], ComparisonOp::Le, 1.0),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        sol.clone().fix_var(x, f64::NAN),
        Err(Error::InvalidInput(_))
    ));
    small.add_constraint([(foreign, 1.0)], ComparisonOp::Le, 1.0);
    assert!(matches!(small.solve(), Err(Error::InvalidInput(_))));
}

#[test]
fn fixing_outside_the_bounds_is_infeasible() {
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let x = problem.add_var(1.0, (0.0, 1.0));
    let sol = problem.solve().unwrap();
    assert_eq!(sol.fix_var(x, 2.0).map(|_| ()), Err(Error::Infeasible));
}

#[test]
fn the_iteration_budget_is_per_call_and_configurable() {
    let build = |options| {
        let mut problem = Problem::with_options(OptimizationDirection::Maximize, options);
        let vars: Vec<Variable> = (0..6)
            .map(|i| problem.add_var(1.0 + i as f64, (0.0, 1.0)))
            .collect();
        for pair in vars.windows(2) {
            problem.add_constraint([(pair[0], 1.0), (pair[1], 1.0)], ComparisonOp::Le, 1.0);
        }
        problem
    };
    let tight = Options {
        iteration_limit: Some(0),
    };
    assert_eq!(build(tight).solve().map(|_| ()), Err(Error::IterationLimit));
    let mut sol = build(Options::default()).solve().unwrap();
    assert!(sol.iterations() > 0);
    let before = sol.iterations();
    sol.set_options(tight);
    let x = Variable(0);
    // A re-solve that needs a pivot is stopped by the new budget.
    assert_eq!(
        sol.clone().fix_var(x, 1.0).map(|_| ()),
        Err(Error::IterationLimit)
    );
    sol.set_options(Options::default());
    let sol = sol.fix_var(x, 1.0).unwrap();
    assert!(sol.iterations() > before);
}

#[test]
fn a_huge_coefficient_is_an_error_or_a_solution_never_a_panic() {
    for a in [1e150, 1e200, 1e300, f64::MAX] {
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let x = problem.add_var(1.0, (0.0, 1.0));
        let y = problem.add_var(1.0, (0.0, 1.0));
        problem.add_constraint([(x, a), (y, 1.0)], ComparisonOp::Ge, 1.0);
        problem.add_constraint([(x, 1.0), (y, a)], ComparisonOp::Ge, 1.0);
        if let Ok(sol) = problem.solve() {
            assert!(sol.objective().is_finite());
        }
    }
}

#[test]
fn the_default_budget_grows_with_the_problem() {
    assert_eq!(default_iteration_limit(0, 0), 1_000);
    assert_eq!(default_iteration_limit(10, 30), 1_080);
    assert_eq!(default_iteration_limit(usize::MAX, usize::MAX), u64::MAX);
}

#[test]
fn reduced_costs_bound_what_a_variable_at_its_other_bound_costs() {
    // min x1 + 2·x2 + 3·x3 + 4·x4, x1 + x2 + x3 ≥ 1, x3 + x4 ≥ 1, x in [0, 1]:
    // x1 = 0, x3 = 1 (cost 3) is one optimum; forcing each variable to its other
    // bound must cost at least the bound plus its reduced cost.
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let costs = [1.0, 2.0, 3.0, 4.0];
    let x: Vec<Variable> = costs
        .iter()
        .map(|&c| problem.add_var(c, (0.0, 1.0)))
        .collect();
    problem.add_constraint(
        [(x[0], 1.0), (x[1], 1.0), (x[2], 1.0)],
        ComparisonOp::Ge,
        1.0,
    );
    problem.add_constraint([(x[2], 1.0), (x[3], 1.0)], ComparisonOp::Ge, 1.0);
    let mut sol = problem.solve().unwrap();
    let bound = sol.objective_bound();
    let reduced = sol.reduced_costs().unwrap();
    assert_eq!(reduced.len(), 4);
    let mut tight = 0;
    for (j, &var) in x.iter().enumerate() {
        let at = value(&sol, var);
        let other = if at > 0.5 { 0.0 } else { 1.0 };
        let forced = sol.clone().fix_var(var, other).unwrap().objective();
        let promised = bound + reduced[j] * (other - at);
        assert!(forced >= promised - 1e-9, "x{j}: {forced} < {promised}");
        if (forced - promised).abs() < 1e-9 && reduced[j] != 0.0 {
            tight += 1;
        }
    }
    // The bound is useful: some variable's cost is told exactly.
    assert!(tight > 0, "{reduced:?}");
}

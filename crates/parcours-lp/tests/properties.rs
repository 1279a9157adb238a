//! Random linear programs, hostile ones included, against references: the solver
//! returns `Ok` with a solution that holds every row within tolerance and whose
//! objective is no worse than the reference's optimum, or an error; it never panics.
//!
//! Families (by seed): small programs (≤ 4 variables) compared with an exhaustive
//! enumeration of vertices, with small integer coefficients (many ties, degenerate
//! vertices), with huge (1e9–4e9) and tiny (1e-9) coefficients, with infinite bounds
//! (unbounded programs); medium programs shaped like the plan relaxation (variables in
//! [0, 1], `need·h ≤ Σ a·x` rows with minutes up to 4e9, goal rows) and degenerate ones
//! (repeated rows, equal costs, zero right-hand sides), checked against the solver's
//! dual bound, which holds whatever the arithmetic did; invalid input. Rows name
//! variables in any order and more than once, some rows are empty, some variables
//! fixed; after the solve, variables are fixed and freed and rows added, each warm
//! re-solve checked the same way against the changed program.
//!
//! `PARCOURS_LP_CASES` sets the number of cases (2,000 by default, as in CI);
//! `PARCOURS_LP_SEED` the first seed. Run with `--nocapture` for the figures.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use parcours_lp::{ComparisonOp, Error, OptimizationDirection, Options, Problem, Solution};

/// splitmix64: one stream per case, from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

#[derive(Clone, Debug)]
struct Row {
    /// Terms in the order given to the solver: unsorted, possibly repeated.
    terms: Vec<(usize, f64)>,
    op: ComparisonOp,
    rhs: f64,
}

#[derive(Clone, Debug)]
struct Lp {
    maximize: bool,
    /// (cost, lower, upper)
    vars: Vec<(f64, f64, f64)>,
    rows: Vec<Row>,
}

#[derive(Clone, Debug)]
enum Op {
    Fix(usize, f64),
    /// `fix_vars`: values within the bounds.
    FixMany(Vec<(usize, f64)>),
    Unfix(usize),
    AddRow(Row),
    /// `add_constraints`: consecutive rows added as one batch.
    AddRows(Vec<Row>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Small,
    Scaled,
    Unbounded,
    Relaxation,
    /// The relaxation's shape with minutes up to 4e9.
    RelaxationHuge,
    Degenerate,
    Invalid,
}

struct Case {
    family: Family,
    lp: Lp,
    ops: Vec<Op>,
    options: Options,
}

const OPS: [ComparisonOp; 3] = [ComparisonOp::Le, ComparisonOp::Ge, ComparisonOp::Eq];

/// Shuffles the terms and repeats some, split in parts that add up to the original.
fn scramble(rng: &mut Rng, mut terms: Vec<(usize, f64)>) -> Vec<(usize, f64)> {
    if !terms.is_empty() && rng.chance(30) {
        let i = rng.below(terms.len());
        let (v, a) = terms[i];
        let part = [0.5, 0.25, 2.0, -1.0][rng.below(4)] * a;
        terms[i] = (v, a - part);
        terms.push((v, part));
    }
    for i in (1..terms.len()).rev() {
        let j = rng.below(i + 1);
        terms.swap(i, j);
    }
    terms
}

fn small_row(rng: &mut Rng, n: usize, scaled: bool) -> Row {
    let mut terms = vec![];
    for v in 0..n {
        if rng.chance(60) {
            terms.push((v, rng.range(-3, 3) as f64));
        }
    }
    let mut rhs = rng.range(-4, 4) as f64;
    if scaled {
        let scale = rng.pick(&[1.0, 1e-9, 1e9, 4e9, 2.5e9, 3.999_999_999e9]);
        for (_, a) in &mut terms {
            *a *= scale;
            if rng.chance(15) {
                *a *= rng.pick(&[1e-9, 1e9]);
            }
        }
        rhs *= scale;
    }
    Row {
        terms: scramble(rng, terms),
        op: rng.pick(&OPS),
        rhs,
    }
}

fn small_case(rng: &mut Rng, family: Family) -> Case {
    let n = 1 + rng.below(4);
    let scaled = family == Family::Scaled;
    let vars = (0..n)
        .map(|_| {
            let mut cost = rng.range(-2, 2) as f64;
            if scaled && rng.chance(40) {
                cost *= rng.pick(&[1e9, 4e9, 1e-9]);
            }
            let lower = rng.range(-2, 1) as f64;
            let upper = lower + rng.range(0, 3) as f64;
            let (lower, upper) = if family == Family::Unbounded {
                (
                    if rng.chance(50) {
                        f64::NEG_INFINITY
                    } else {
                        lower
                    },
                    if rng.chance(50) { f64::INFINITY } else { upper },
                )
            } else {
                (lower, upper)
            };
            (cost, lower, upper)
        })
        .collect();
    let rows = (0..rng.below(6))
        .map(|_| small_row(rng, n, scaled))
        .collect();
    let lp = Lp {
        maximize: rng.chance(50),
        vars,
        rows,
    };
    let ops = (0..rng.below(5))
        .map(|_| match rng.below(4) {
            0 | 1 => {
                let v = rng.below(n);
                let (_, lower, upper) = lp.vars[v];
                let lower = if lower.is_finite() { lower } else { -3.0 };
                let upper = if upper.is_finite() { upper } else { 3.0 };
                let val = match rng.below(5) {
                    0 => lower,
                    1 => upper,
                    2 => (lower + upper) / 2.0,
                    3 => lower + (upper - lower) * rng.below(1000) as f64 / 1000.0,
                    _ => upper + 1.0, // outside: infeasible
                };
                Op::Fix(v, val)
            }
            2 => Op::Unfix(rng.below(n)),
            _ => Op::AddRow(small_row(rng, n, scaled)),
        })
        .collect();
    Case {
        family,
        lp,
        ops,
        options: Options::default(),
    }
}

/// A program shaped like the plan relaxation: candidates and auxiliaries in [0, 1],
/// `need·h ≤ Σ a·x`, `h ≤ x` and goal rows `x ≥ 1`; minutes up to 4e9.
fn relaxation_case(rng: &mut Rng) -> Case {
    let candidates = 3 + rng.below(30);
    let huge = rng.chance(30);
    let mut vars: Vec<(f64, f64, f64)> = (0..candidates)
        .map(|_| {
            let minutes = if huge {
                rng.range(1, 4_000_000_000) as f64
            } else {
                (rng.range(1, 16) * 30) as f64
            };
            (minutes, 0.0, 1.0)
        })
        .collect();
    let mut rows = vec![];
    for _ in 0..(candidates + rng.below(2 * candidates)) {
        let k = 1 + rng.below(4);
        let mut vs: Vec<usize> = (0..k).map(|_| rng.below(candidates)).collect();
        vs.sort_unstable();
        vs.dedup();
        let h = vars.len();
        vars.push((0.0, 0.0, 1.0));
        let (need, coefficients): (f64, Vec<f64>) = match rng.below(3) {
            0 => (1.0, vec![1.0; vs.len()]),
            1 => (rng.range(1, vs.len() as i64) as f64, vec![1.0; vs.len()]),
            _ => {
                let need = if huge {
                    rng.range(1, 4_000_000_000) as f64
                } else {
                    (rng.range(1, 10) * 30) as f64
                };
                let cs = vs.iter().map(|&v| vars[v].0.min(need)).collect();
                (need, cs)
            }
        };
        let mut terms: Vec<(usize, f64)> = vs.iter().copied().zip(coefficients).collect();
        terms.push((h, -need));
        rows.push(Row {
            terms: scramble(rng, terms),
            op: ComparisonOp::Ge,
            rhs: 0.0,
        });
        // The candidate whose prerequisite this is: x ≤ h.
        let x = rng.below(candidates);
        rows.push(Row {
            terms: scramble(rng, vec![(h, 1.0), (x, -1.0)]),
            op: ComparisonOp::Ge,
            rhs: 0.0,
        });
    }
    for _ in 0..(1 + rng.below(4)) {
        rows.push(Row {
            terms: vec![(rng.below(vars.len()), 1.0)],
            op: ComparisonOp::Ge,
            rhs: 1.0,
        });
    }
    if rng.chance(20) {
        // An empty row, tautological or not.
        rows.push(Row {
            terms: vec![],
            op: ComparisonOp::Le,
            rhs: rng.pick(&[0.0, 1.0, -1.0]),
        });
    }
    let n = vars.len();
    let ops = (0..rng.below(8))
        .map(|_| match rng.below(7) {
            0..=2 => Op::Fix(rng.below(candidates), rng.pick(&[0.0, 1.0, 1.0, 0.5])),
            6 => Op::FixMany(
                (0..1 + rng.below(4))
                    .map(|_| (rng.below(candidates), rng.pick(&[0.0, 1.0])))
                    .collect(),
            ),
            3 => Op::Unfix(rng.below(candidates)),
            _ => Op::AddRow(Row {
                terms: {
                    let terms = (0..2)
                        .map(|_| (rng.below(n), rng.pick(&[1.0, -1.0])))
                        .collect();
                    scramble(rng, terms)
                },
                op: rng.pick(&[ComparisonOp::Ge, ComparisonOp::Le]),
                rhs: rng.pick(&[0.0, 1.0]),
            }),
        })
        .collect();
    Case {
        family: if huge {
            Family::RelaxationHuge
        } else {
            Family::Relaxation
        },
        lp: Lp {
            maximize: false,
            vars,
            rows,
        },
        ops,
        options: Options::default(),
    }
}

/// Many ties: equal or zero costs, repeated rows, zero right-hand sides.
fn degenerate_case(rng: &mut Rng) -> Case {
    let n = 2 + rng.below(11);
    let cost = rng.range(-1, 1) as f64;
    let vars = (0..n)
        .map(|_| {
            let c = if rng.chance(70) { cost } else { 0.0 };
            let (lower, upper) = rng.pick(&[(0.0, 1.0), (-1.0, 1.0), (0.0, 0.0), (0.0, 2.0)]);
            (c, lower, upper)
        })
        .collect();
    let mut rows: Vec<Row> = vec![];
    for _ in 0..(rng.below(3 * n)) {
        if !rows.is_empty() && rng.chance(30) {
            let again = rows[rng.below(rows.len())].clone();
            rows.push(Row {
                terms: scramble(rng, again.terms),
                ..again
            });
            continue;
        }
        let mut terms = vec![];
        for v in 0..n {
            if rng.chance(40) {
                terms.push((v, rng.pick(&[1.0, -1.0, 1.0, 2.0])));
            }
        }
        rows.push(Row {
            terms: scramble(rng, terms),
            op: rng.pick(&OPS),
            rhs: rng.pick(&[0.0, 0.0, 0.0, 1.0]),
        });
    }
    let lp = Lp {
        maximize: rng.chance(50),
        vars,
        rows,
    };
    let ops = (0..rng.below(6))
        .map(|_| match rng.below(4) {
            0 | 1 => Op::Fix(rng.below(n), rng.pick(&[0.0, 1.0, 0.5])),
            2 => Op::Unfix(rng.below(n)),
            _ => Op::AddRow(Row {
                terms: (0..n)
                    .filter(|_| rng.chance(50))
                    .map(|v| (v, 1.0))
                    .collect(),
                op: rng.pick(&OPS),
                rhs: rng.pick(&[0.0, 1.0]),
            }),
        })
        .collect();
    Case {
        family: Family::Degenerate,
        lp,
        ops,
        options: Options::default(),
    }
}

/// A small program with one invalid datum.
fn invalid_case(rng: &mut Rng) -> Case {
    let mut case = small_case(rng, Family::Small);
    case.family = Family::Invalid;
    let bad = rng.pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
    let v = rng.below(case.lp.vars.len());
    match rng.below(5) {
        0 => case.lp.vars[v].0 = bad,
        1 => case.lp.vars[v].1 = if bad.is_nan() { bad } else { f64::INFINITY },
        2 => case.lp.vars[v].2 = if bad.is_nan() { bad } else { f64::NEG_INFINITY },
        3 => {
            case.lp.vars[v].1 = case.lp.vars[v].2 + 1.0;
        }
        _ => case.lp.rows.push(Row {
            terms: vec![(v, 1.0)],
            op: ComparisonOp::Le,
            rhs: bad,
        }),
    }
    case
}

fn case_of(seed: u64) -> Case {
    let mut rng = Rng(seed);
    let mut case = match seed % 10 {
        0..=2 => small_case(&mut rng, Family::Small),
        3 | 4 => small_case(&mut rng, Family::Scaled),
        5 => small_case(&mut rng, Family::Unbounded),
        6 | 7 => relaxation_case(&mut rng),
        8 => degenerate_case(&mut rng),
        _ => invalid_case(&mut rng),
    };
    if rng.chance(3) {
        // A budget so small that some solves run out of it.
        case.options.iteration_limit = Some(rng.below(4) as u64);
    }
    if (seed / 10) % 2 == 1 {
        // Every other ten: rows added in a row go in as one batch (drawing nothing
        // more from the generator, so the cases stay those of earlier runs).
        let mut ops: Vec<Op> = Vec::with_capacity(case.ops.len());
        for op in std::mem::take(&mut case.ops) {
            match (ops.last_mut(), op) {
                (Some(Op::AddRows(rows)), Op::AddRow(row)) => rows.push(row),
                (Some(Op::AddRow(_)), Op::AddRow(row)) => {
                    if let Some(Op::AddRow(first)) = ops.pop() {
                        ops.push(Op::AddRows(vec![first, row]));
                    }
                }
                (_, op) => ops.push(op),
            }
        }
        case.ops = ops;
    }
    case
}

/// The program's rows as dense coefficients, repeated terms added up.
fn dense(lp: &Lp) -> Vec<(Vec<f64>, ComparisonOp, f64)> {
    lp.rows
        .iter()
        .map(|row| {
            let mut a = vec![0.0; lp.vars.len()];
            for &(v, c) in &row.terms {
                a[v] += c;
            }
            (a, row.op, row.rhs)
        })
        .collect()
}

/// Costs in minimisation form.
fn min_costs(lp: &Lp) -> Vec<f64> {
    lp.vars
        .iter()
        .map(|&(c, _, _)| if lp.maximize { -c } else { c })
        .collect()
}

/// Solves `a·x = b` (n × n) by Gaussian elimination with partial pivoting on rows
/// scaled to a largest coefficient of 1; `None` when (nearly) singular.
fn solve_square(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for i in 0..n {
        let scale = a[i].iter().fold(0.0f64, |m, x| m.max(x.abs()));
        if scale == 0.0 {
            return None;
        }
        for x in &mut a[i] {
            *x /= scale;
        }
        b[i] /= scale;
    }
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-10 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col].clone();
        for r in 0..n {
            if r != col {
                let f = a[r][col] / pivot_row[col];
                if f != 0.0 {
                    for (x, p) in a[r][col..].iter_mut().zip(&pivot_row[col..]) {
                        *x -= f * p;
                    }
                    b[r] -= f * b[col];
                }
            }
        }
    }
    Some((0..n).map(|i| b[i] / a[i][i]).collect())
}

/// How far `x` is outside row `a·x (op) b`, and the row's scale at `x`.
fn violation(a: &[f64], op: ComparisonOp, b: f64, x: &[f64]) -> (f64, f64) {
    let activity: f64 = a.iter().zip(x).map(|(a, x)| a * x).sum();
    let scale: f64 = a.iter().zip(x).map(|(a, x)| (a * x).abs()).sum::<f64>() + b.abs();
    let v = match op {
        ComparisonOp::Le => activity - b,
        ComparisonOp::Ge => b - activity,
        ComparisonOp::Eq => (activity - b).abs(),
    };
    (v.max(0.0), scale)
}

#[derive(Clone, Copy, Debug)]
enum Reference {
    Infeasible,
    Unbounded,
    /// The optimum, in minimisation form.
    Optimal(f64),
}

/// The least objective over the vertices of the program, infinite bounds replaced by
/// ±`big`; `None` when no vertex is feasible.
fn best_vertex(lp: &Lp, big: f64) -> Option<f64> {
    let n = lp.vars.len();
    let c = min_costs(lp);
    let rows = dense(lp);
    let lower: Vec<f64> = lp.vars.iter().map(|v| v.1.max(-big)).collect();
    let upper: Vec<f64> = lp.vars.iter().map(|v| v.2.min(big)).collect();
    // Hyperplanes: every row, every bound.
    let mut planes: Vec<(Vec<f64>, f64)> = rows.iter().map(|(a, _, b)| (a.clone(), *b)).collect();
    for v in 0..n {
        let mut e = vec![0.0; n];
        e[v] = 1.0;
        planes.push((e.clone(), lower[v]));
        planes.push((e, upper[v]));
    }
    let mut best: Option<f64> = None;
    let mut chosen = Vec::with_capacity(n);
    fn subsets(
        start: usize,
        planes: &[(Vec<f64>, f64)],
        n: usize,
        chosen: &mut Vec<usize>,
        visit: &mut dyn FnMut(&[usize]),
    ) {
        if chosen.len() == n {
            visit(chosen);
            return;
        }
        for i in start..planes.len() {
            chosen.push(i);
            subsets(i + 1, planes, n, chosen, visit);
            chosen.pop();
        }
    }
    let mut visit = |set: &[usize]| {
        let a = set.iter().map(|&i| planes[i].0.clone()).collect();
        let b = set.iter().map(|&i| planes[i].1).collect();
        let Some(mut x) = solve_square(a, b) else {
            return;
        };
        let tol = 1e-9;
        for v in 0..n {
            if x[v] < lower[v] - tol * (1.0 + lower[v].abs())
                || x[v] > upper[v] + tol * (1.0 + upper[v].abs())
            {
                return;
            }
            // Exactly within the bounds: a coefficient of 4e9 would turn a bound's
            // tolerance into a row's.
            x[v] = x[v].clamp(lower[v], upper[v]);
        }
        for (a, op, b) in &rows {
            let (viol, scale) = violation(a, *op, *b, &x);
            // Tighter than the solver's tolerance, so that the reference's optimum is
            // never that of a looser program (a vertex 2 off a row of scale 4e9 is
            // not one); the elimination's residual is ~1e-16 of the scale.
            if viol > 1e-12 * (1.0 + scale) {
                return;
            }
        }
        let value: f64 = c.iter().zip(&x).map(|(c, x)| c * x).sum();
        if best.is_none_or(|b| value < b) {
            best = Some(value);
        }
    };
    if n == 0 {
        visit(&[]);
    } else {
        subsets(0, &planes, n, &mut chosen, &mut visit);
    }
    // Empty rows: the vertex enumeration above checked them too (0 (op) b).
    best
}

/// A dense two-phase simplex with Bland's rule (it cannot cycle), for medium
/// programs with finite bounds and moderate coefficients: `x = l + y`, `y ≤ u − l` as
/// rows, every right-hand side made nonnegative, artificials on `≥` and `=` rows.
fn dense_simplex(lp: &Lp) -> Reference {
    const TOL: f64 = 1e-9;
    let n = lp.vars.len();
    let cost = min_costs(lp);
    let lower: Vec<f64> = lp.vars.iter().map(|v| v.1).collect();
    let mut rows: Vec<(Vec<f64>, ComparisonOp, f64)> = dense(lp)
        .into_iter()
        .map(|(a, op, b)| {
            let shift: f64 = a.iter().zip(&lower).map(|(a, l)| a * l).sum();
            (a, op, b - shift)
        })
        .collect();
    for (v, &(_, l, u)) in lp.vars.iter().enumerate() {
        let mut e = vec![0.0; n];
        e[v] = 1.0;
        rows.push((e, ComparisonOp::Le, u - l));
    }
    for (a, op, b) in &mut rows {
        if *b < 0.0 {
            a.iter_mut().for_each(|x| *x = -*x);
            *b = -*b;
            *op = match *op {
                ComparisonOp::Le => ComparisonOp::Ge,
                ComparisonOp::Ge => ComparisonOp::Le,
                ComparisonOp::Eq => ComparisonOp::Eq,
            };
        }
    }
    let m = rows.len();
    // Columns: y, one slack or surplus per inequality, one artificial per ≥ or = row.
    let slacks = rows.iter().filter(|r| r.1 != ComparisonOp::Eq).count();
    let artificials = rows.iter().filter(|r| r.1 != ComparisonOp::Le).count();
    let width = n + slacks + artificials;
    let mut t = vec![vec![0.0; width + 1]; m];
    let mut basis = vec![0; m];
    let (mut next_slack, mut next_art) = (n, n + slacks);
    for (i, (a, op, b)) in rows.iter().enumerate() {
        t[i][..n].copy_from_slice(a);
        t[i][width] = *b;
        match op {
            ComparisonOp::Le => {
                t[i][next_slack] = 1.0;
                basis[i] = next_slack;
                next_slack += 1;
            }
            ComparisonOp::Ge => {
                t[i][next_slack] = -1.0;
                next_slack += 1;
                t[i][next_art] = 1.0;
                basis[i] = next_art;
                next_art += 1;
            }
            ComparisonOp::Eq => {
                t[i][next_art] = 1.0;
                basis[i] = next_art;
                next_art += 1;
            }
        }
    }
    let is_art = |j: usize| j >= n + slacks && j < width;
    fn pivot(t: &mut [Vec<f64>], basis: &mut [usize], r: usize, j: usize) {
        let p = t[r][j];
        t[r].iter_mut().for_each(|x| *x /= p);
        let pivot_row = t[r].clone();
        for (i, row) in t.iter_mut().enumerate() {
            let f = row[j];
            if i != r && f != 0.0 {
                row.iter_mut()
                    .zip(&pivot_row)
                    .for_each(|(x, p)| *x -= f * p);
            }
        }
        basis[r] = j;
    }
    // Minimises `c` over the tableau from the current basis; false if unbounded.
    let optimise = |t: &mut Vec<Vec<f64>>,
                    basis: &mut Vec<usize>,
                    c: &[f64],
                    allowed: &dyn Fn(usize) -> bool| {
        for _ in 0..100_000 {
            let reduced =
                |j: usize| c[j] - (0..t.len()).map(|i| c[basis[i]] * t[i][j]).sum::<f64>();
            let Some(j) =
                (0..width).find(|&j| allowed(j) && !basis.contains(&j) && reduced(j) < -TOL)
            else {
                return true;
            };
            let mut best: Option<(f64, usize, usize)> = None;
            for i in 0..t.len() {
                if t[i][j] > TOL {
                    let ratio = t[i][width] / t[i][j];
                    let better = match best {
                        None => true,
                        Some((r, _, b)) => ratio < r - TOL || (ratio <= r + TOL && basis[i] < b),
                    };
                    if better {
                        best = Some((ratio, i, basis[i]));
                    }
                }
            }
            let Some((_, r, _)) = best else { return false };
            pivot(t, basis, r, j);
        }
        true
    };
    let phase1: Vec<f64> = (0..width)
        .map(|j| if is_art(j) { 1.0 } else { 0.0 })
        .collect();
    optimise(&mut t, &mut basis, &phase1, &|_| true);
    let infeasibility: f64 = (0..m)
        .filter(|&i| is_art(basis[i]))
        .map(|i| t[i][width])
        .sum();
    let scale: f64 = rows.iter().map(|r| r.2.abs()).fold(1.0, f64::max);
    if infeasibility > 1e-7 * scale {
        return Reference::Infeasible;
    }
    // Artificials out of the basis (a row with nothing else is redundant).
    let mut i = 0;
    while i < t.len() {
        if is_art(basis[i]) {
            if let Some(j) = (0..n + slacks).find(|&j| t[i][j].abs() > TOL) {
                pivot(&mut t, &mut basis, i, j);
            } else {
                t.remove(i);
                basis.remove(i);
                continue;
            }
        }
        i += 1;
    }
    let mut phase2 = vec![0.0; width];
    phase2[..n].copy_from_slice(&cost);
    if !optimise(&mut t, &mut basis, &phase2, &|j| !is_art(j)) {
        return Reference::Unbounded;
    }
    let mut y = vec![0.0; width];
    for (i, &b) in basis.iter().enumerate() {
        y[b] = t[i][width];
    }
    let value: f64 = (0..n).map(|v| cost[v] * (lower[v] + y[v])).sum();
    Reference::Optimal(value)
}

/// The optimum when a reference can tell: vertex enumeration for the small families,
/// the dense simplex for medium programs of moderate size and coefficients.
fn reference_of(lp: &Lp, family: Family) -> Option<Reference> {
    if small(family) {
        return Some(reference(lp));
    }
    let moderate = lp
        .rows
        .iter()
        .flat_map(|r| r.terms.iter().map(|t| t.1.abs()))
        .chain(lp.vars.iter().map(|v| v.0.abs()))
        .all(|a| a <= 1e4);
    let bounded = lp.vars.iter().all(|v| v.1.is_finite() && v.2.is_finite());
    (moderate && bounded && lp.vars.len() <= 24 && lp.rows.len() <= 60).then(|| dense_simplex(lp))
}

/// The exact optimum of a small program (at most 4 variables).
fn reference(lp: &Lp) -> Reference {
    let bounded = lp.vars.iter().all(|v| v.1.is_finite() && v.2.is_finite());
    if bounded {
        return match best_vertex(lp, f64::INFINITY) {
            None => Reference::Infeasible,
            Some(value) => Reference::Optimal(value),
        };
    }
    // Boxed at 1e4 and 2e4: an unbounded program's optimum follows the box.
    match (best_vertex(lp, 1e4), best_vertex(lp, 2e4)) {
        (None, _) | (_, None) => Reference::Infeasible,
        (Some(a), Some(b)) => {
            if b < a - 1e-6 * (1.0 + a.abs()) {
                Reference::Unbounded
            } else {
                Reference::Optimal(a)
            }
        }
    }
}

/// Whether the family is compared with vertex enumeration.
fn small(family: Family) -> bool {
    matches!(family, Family::Small | Family::Scaled | Family::Unbounded)
}

/// Checks an `Ok` solution of `lp`: every row and bound within tolerance, the
/// objective that of the values, no worse than the reference, the dual bound no
/// higher than the optimum.
fn check(lp: &Lp, family: Family, solution: &Solution) -> Result<&'static str, String> {
    let n = lp.vars.len();
    let x: Vec<f64> = solution.iter().map(|(_, value)| value).collect();
    if x.len() != n {
        return Err(format!("{} values for {n} variables", x.len()));
    }
    for (v, (&value, &(_, lower, upper))) in x.iter().zip(&lp.vars).enumerate() {
        if !value.is_finite() {
            return Err(format!("x{v} = {value}"));
        }
        let tol = 1e-7 + 1e-9 * value.abs();
        if value < lower - tol || value > upper + tol {
            return Err(format!("x{v} = {value} outside [{lower}, {upper}]"));
        }
    }
    for (i, (a, op, b)) in dense(lp).iter().enumerate() {
        let (viol, scale) = violation(a, *op, *b, &x);
        // The solver's own tolerance is 1e-8 on a row's activity; rounding grows with
        // the terms' magnitudes (and the basis's condition: up to 4e9 here).
        if viol > 1e-7 + 1e-6 * scale {
            return Err(format!("row {i} violated by {viol} (scale {scale})"));
        }
    }
    let c = min_costs(lp);
    let value: f64 = c.iter().zip(&x).map(|(c, x)| c * x).sum();
    let magnitude: f64 = c.iter().zip(&x).map(|(c, x)| (c * x).abs()).sum();
    let objective = if lp.maximize {
        -solution.objective()
    } else {
        solution.objective()
    };
    if (objective - value).abs() > 1e-7 * (1.0 + magnitude) {
        return Err(format!("objective {objective} but c·x = {value}"));
    }
    let bound = solution.objective_bound();
    let bound = if lp.maximize { -bound } else { bound };
    // The scale of the objective over the box of the variables.
    let span: f64 = c
        .iter()
        .zip(&lp.vars)
        .map(|(c, v)| c.abs() * (v.1.abs().min(1e4) + v.2.abs().min(1e4)))
        .sum();
    let tol = 1e-6 * (1.0 + span);
    if !small(family) && (objective - bound).abs() > tol {
        // The dual bound is a lower bound on the optimum whatever the arithmetic did:
        // an objective far above it is not optimal, one far below it is impossible
        // here (coefficients of at least 1, so the 1e-8 tolerance on rows is
        // negligible).
        return Err(format!("objective {objective} but dual bound {bound}"));
    }
    let Some(reference) = reference_of(lp, family) else {
        return Ok("dual bound");
    };
    {
        match reference {
            Reference::Optimal(best) => {
                if objective > best + tol {
                    return Err(format!(
                        "objective {objective} worse than the optimum {best}"
                    ));
                }
                if bound > best + tol {
                    return Err(format!("dual bound {bound} above the optimum {best}"));
                }
            }
            Reference::Unbounded => {
                return Err(format!("optimum {objective} of an unbounded program"));
            }
            // Feasible within the solver's tolerance, not exactly: a solution within
            // tolerance is all that is asked.
            Reference::Infeasible => {}
        }
    }
    Ok(if small(family) {
        "vertex enumeration"
    } else {
        "dense simplex and dual bound"
    })
}

fn build(lp: &Lp, options: Options) -> (Problem, Vec<parcours_lp::Variable>) {
    let direction = if lp.maximize {
        OptimizationDirection::Maximize
    } else {
        OptimizationDirection::Minimize
    };
    let mut problem = Problem::with_options(direction, options);
    let vars: Vec<_> = lp
        .vars
        .iter()
        .map(|&(c, l, u)| problem.add_var(c, (l, u)))
        .collect();
    for row in &lp.rows {
        let terms: Vec<_> = row.terms.iter().map(|&(v, a)| (vars[v], a)).collect();
        problem.add_constraint(terms, row.op, row.rhs);
    }
    (problem, vars)
}

fn kind(outcome: &Result<(), Error>) -> String {
    match outcome {
        Ok(()) => "ok".into(),
        Err(Error::Infeasible) => "infeasible".into(),
        Err(Error::Unbounded) => "unbounded".into(),
        Err(Error::IterationLimit) => "iteration limit".into(),
        Err(Error::Numerical(why)) => format!("numerical: {why}"),
        Err(Error::InvalidInput(_)) => "invalid input".into(),
        Err(_) => "other".into(),
    }
}

#[derive(Default)]
struct Tally {
    /// (family, "solve" | "warm", outcome) → count
    outcomes: BTreeMap<(String, &'static str, String), u64>,
    failures: Vec<String>,
    /// Solutions checked, by reference.
    references: BTreeMap<&'static str, u64>,
}

/// A wrong claim in an error: unboundedness of a program with finite bounds, or, for
/// the small exact family, infeasibility or unboundedness the reference refutes.
fn refuted(lp: &Lp, family: Family, error: Error) -> Option<&'static str> {
    let bounded = lp.vars.iter().all(|v| v.1.is_finite() && v.2.is_finite());
    if error == Error::Unbounded && bounded {
        return Some("unbounded, but every variable is bounded");
    }
    // Huge and tiny coefficients make the references themselves unsure.
    if matches!(
        family,
        Family::Small | Family::Degenerate | Family::Relaxation
    ) {
        match (error, reference_of(lp, family)?) {
            (Error::Infeasible, Reference::Optimal(_)) => {
                return Some("infeasible, but the reference solves it")
            }
            (Error::Unbounded, Reference::Optimal(_) | Reference::Infeasible) => {
                return Some("unbounded, but the reference is not")
            }
            _ => {}
        }
    }
    None
}

/// Runs one case; property failures go to the tally, a panic unwinds.
fn run(seed: u64, case: &Case, tally: &mut Tally) {
    let family = match case.options.iteration_limit {
        Some(_) => format!("{:?}, budget ≤ 3 pivots", case.family),
        None => format!("{:?}", case.family),
    };
    let mut note = |stage: &'static str, outcome: &Result<(), Error>| {
        *tally
            .outcomes
            .entry((family.clone(), stage, kind(outcome)))
            .or_default() += 1;
    };
    let mut lp = case.lp.clone();
    let (problem, vars) = build(&lp, case.options);
    let solved = problem.solve();
    note("solve", &solved.as_ref().map(|_| ()).map_err(|e| *e));
    let mut solution = match solved {
        Ok(solution) => solution,
        Err(error) => {
            let expected = match case.family {
                Family::Invalid => matches!(error, Error::InvalidInput(_)),
                _ => !matches!(error, Error::InvalidInput(_)),
            };
            if !expected {
                tally.failures.push(format!("seed {seed}: solve: {error}"));
            }
            if let Some(wrong) = refuted(&lp, case.family, error) {
                tally.failures.push(format!("seed {seed}: solve: {wrong}"));
            }
            return;
        }
    };
    if case.family == Family::Invalid {
        tally
            .failures
            .push(format!("seed {seed}: invalid input solved"));
        return;
    }
    match check(&lp, case.family, &solution) {
        Ok(reference) => *tally.references.entry(reference).or_default() += 1,
        Err(message) => {
            tally
                .failures
                .push(format!("seed {seed}: solve: {message}"));
            return;
        }
    }
    // Variables fixed by `fix_var`, with their bounds before.
    let mut fixed: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for (i, op) in case.ops.iter().enumerate() {
        let outcome = match op {
            Op::Fix(v, val) => {
                // `fix_var` checks the bounds the variable was given, not an earlier fix.
                let (_, lower, upper) = lp.vars[*v];
                let original = fixed.get(v).copied().unwrap_or((lower, upper));
                let inside = original.0 <= *val && *val <= original.1;
                if inside {
                    fixed.insert(*v, original);
                    lp.vars[*v].1 = *val;
                    lp.vars[*v].2 = *val;
                }
                let outcome = solution.clone().fix_var(vars[*v], *val);
                if !inside {
                    note("warm", &outcome.as_ref().map(|_| ()).map_err(|e| *e));
                    if !matches!(outcome, Err(Error::Infeasible)) {
                        tally.failures.push(format!(
                            "seed {seed}: op {i}: a value outside the bounds fixed"
                        ));
                    }
                    // The solution was cloned: go on from it.
                    continue;
                }
                outcome
            }
            Op::FixMany(fixes) => {
                // The fixes apply in turn: the batch is infeasible as soon as one
                // intermediate program is, even if a later fix (of the same variable)
                // would make it feasible again.
                let mut some_prefix_infeasible = false;
                for &(v, val) in fixes {
                    let (_, lower, upper) = lp.vars[v];
                    let original = fixed.get(&v).copied().unwrap_or((lower, upper));
                    fixed.insert(v, original);
                    lp.vars[v].1 = val;
                    lp.vars[v].2 = val;
                    some_prefix_infeasible |=
                        !matches!(reference_of(&lp, case.family), Some(Reference::Optimal(_)));
                }
                let batch: Vec<_> = fixes.iter().map(|&(v, val)| (vars[v], val)).collect();
                let outcome = solution.clone().fix_vars(&batch);
                if outcome.as_ref().err() == Some(&Error::Infeasible) && some_prefix_infeasible {
                    note("warm", &Err(Error::Infeasible));
                    return;
                }
                outcome
            }
            Op::Unfix(v) => {
                let was = fixed.remove(v);
                if let Some((lower, upper)) = was {
                    lp.vars[*v].1 = lower;
                    lp.vars[*v].2 = upper;
                }
                match solution.clone().unfix_var(vars[*v]) {
                    Ok((s, unfixed)) => {
                        if unfixed != was.is_some() {
                            tally
                                .failures
                                .push(format!("seed {seed}: op {i}: unfix said {unfixed}"));
                            return;
                        }
                        Ok(s)
                    }
                    Err(e) => Err(e),
                }
            }
            Op::AddRow(row) => {
                lp.rows.push(row.clone());
                let terms: Vec<_> = row.terms.iter().map(|&(v, a)| (vars[v], a)).collect();
                solution.clone().add_constraint(terms, row.op, row.rhs)
            }
            Op::AddRows(rows) => {
                lp.rows.extend(rows.iter().cloned());
                let batch: Vec<_> = rows
                    .iter()
                    .map(|row| {
                        let terms: Vec<_> = row.terms.iter().map(|&(v, a)| (vars[v], a)).collect();
                        (terms, row.op, row.rhs)
                    })
                    .collect();
                solution.clone().add_constraints(batch)
            }
        };
        note("warm", &outcome.as_ref().map(|_| ()).map_err(|e| *e));
        match outcome {
            Ok(next) => {
                match check(&lp, case.family, &next) {
                    Ok(reference) => *tally.references.entry(reference).or_default() += 1,
                    Err(message) => {
                        tally
                            .failures
                            .push(format!("seed {seed}: op {i} ({op:?}): {message}"));
                        return;
                    }
                }
                solution = next;
            }
            Err(error) => {
                if matches!(error, Error::InvalidInput(_)) {
                    tally.failures.push(format!("seed {seed}: op {i}: {error}"));
                }
                if let Some(wrong) = refuted(&lp, case.family, error) {
                    tally
                        .failures
                        .push(format!("seed {seed}: op {i} ({op:?}): {wrong}"));
                }
                return;
            }
        }
    }
}

#[test]
fn random_programs_are_solved_or_refused_never_panicking() {
    let cases: u64 = std::env::var("PARCOURS_LP_CASES")
        .ok()
        .and_then(|s| s.replace(['_', ','], "").parse().ok())
        .unwrap_or(2_000);
    let first: u64 = std::env::var("PARCOURS_LP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // Panics are counted, not printed one by one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut panics = Vec::new();
    for seed in first..first + cases {
        let case = case_of(seed);
        if std::env::var_os("PARCOURS_LP_SHOW").is_some() {
            println!(
                "seed {seed}: {:?} {:?}\n{:#?}\n{:#?}",
                case.family, case.options, case.lp, case.ops
            );
        }
        if catch_unwind(AssertUnwindSafe(|| run(seed, &case, &mut tally))).is_err() {
            panics.push(seed);
        }
    }
    let elapsed = started.elapsed();
    std::panic::set_hook(hook);

    println!(
        "{cases} cases from seed {first} in {:.1} s",
        elapsed.as_secs_f64()
    );
    println!("| family | stage | outcome | count |\n|---|---|---|---:|");
    for ((family, stage, outcome), count) in &tally.outcomes {
        println!("| {family} | {stage} | {outcome} | {count} |");
    }
    let mut by_outcome: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for ((_, stage, outcome), count) in &tally.outcomes {
        let outcome = outcome.split(':').next().unwrap_or_default();
        *by_outcome.entry((stage, outcome)).or_default() += count;
    }
    println!("| stage | outcome | count |\n|---|---|---:|");
    for ((stage, outcome), count) in &by_outcome {
        println!("| {stage} | {outcome} | {count} |");
    }
    println!("solutions checked, by reference: {:?}", tally.references);
    println!(
        "panics: {}, property failures: {}",
        panics.len(),
        tally.failures.len()
    );
    assert!(
        panics.is_empty(),
        "panics at seeds {:?}",
        &panics[..panics.len().min(20)]
    );
    assert!(
        tally.failures.is_empty(),
        "{} failures, first: {:#?}",
        tally.failures.len(),
        &tally.failures[..tally.failures.len().min(20)]
    );
}

// Derived from minilp 0.2.2 `src/lu.rs` (Copyright Alexey Zatelepin, Apache-2.0).
// Changed for parcours: a singular or non-finite basis, or a pivot that cannot be
// chosen, is an `Error::Numerical` instead of an `unwrap`/`assert!` panic; no logging;
// tests without `sprs`, `rand` and `ndarray`.

//! Sparse LU factorization of the basis (Gilbert-Peierls, threshold pivoting).

use crate::sparse::{Perm, ScatteredVec, SparseMat, TriangleMat};
use crate::Error;

#[derive(Clone)]
pub(crate) struct LUFactors {
    lower: TriangleMat,
    upper: TriangleMat,
    row_perm: Option<Perm>,
    col_perm: Option<Perm>,
}

#[derive(Clone, Debug)]
pub(crate) struct ScratchSpace {
    rhs: ScatteredVec,
    dense_rhs: Vec<f64>,
    mark_nonzero: MarkNonzero,
}

impl ScratchSpace {
    pub(crate) fn with_capacity(n: usize) -> ScratchSpace {
        ScratchSpace {
            rhs: ScatteredVec::empty(n),
            dense_rhs: vec![0.0; n],
            mark_nonzero: MarkNonzero::with_capacity(n),
        }
    }

    pub(crate) fn clear_sparse(&mut self, size: usize) {
        self.rhs.clear_and_resize(size);
        self.mark_nonzero.clear_and_resize(size);
    }
}

impl std::fmt::Debug for LUFactors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "L:\n{:?}", self.lower)?;
        writeln!(f, "U:\n{:?}", self.upper)?;
        writeln!(
            f,
            "row_perm.new2orig: {:?}",
            self.row_perm.as_ref().map(|p| &p.new2orig)
        )?;
        writeln!(
            f,
            "col_perm.new2orig: {:?}",
            self.col_perm.as_ref().map(|p| &p.new2orig)
        )?;
        Ok(())
    }
}

impl LUFactors {
    pub(crate) fn nnz(&self) -> usize {
        self.lower.nondiag.nnz() + self.upper.nondiag.nnz() + self.lower.cols()
    }

    pub(crate) fn solve_dense(&self, rhs: &mut [f64], scratch: &mut ScratchSpace) {
        scratch.dense_rhs.resize(rhs.len(), 0.0);

        if let Some(row_perm) = &self.row_perm {
            for (i, &value) in rhs.iter().enumerate() {
                scratch.dense_rhs[row_perm.orig2new[i]] = value;
            }
        } else {
            scratch.dense_rhs.copy_from_slice(rhs);
        }

        tri_solve_dense(&self.lower, Triangle::Lower, &mut scratch.dense_rhs);
        tri_solve_dense(&self.upper, Triangle::Upper, &mut scratch.dense_rhs);

        if let Some(col_perm) = &self.col_perm {
            for (i, &value) in scratch.dense_rhs.iter().enumerate() {
                rhs[col_perm.new2orig[i]] = value;
            }
        } else {
            rhs.copy_from_slice(&scratch.dense_rhs);
        }
    }

    pub(crate) fn solve(&self, rhs: &mut ScatteredVec, scratch: &mut ScratchSpace) {
        if let Some(row_perm) = &self.row_perm {
            scratch.rhs.clear();
            for &i in &rhs.nonzero {
                let new_i = row_perm.orig2new[i];
                scratch.rhs.nonzero.push(new_i);
                scratch.rhs.is_nonzero[new_i] = true;
                scratch.rhs.values[new_i] = rhs.values[i];
            }
        } else {
            std::mem::swap(&mut scratch.rhs, rhs);
        }

        tri_solve_sparse(&self.lower, scratch);
        tri_solve_sparse(&self.upper, scratch);

        if let Some(col_perm) = &self.col_perm {
            rhs.clear();
            for &i in &scratch.rhs.nonzero {
                let new_i = col_perm.new2orig[i];
                rhs.nonzero.push(new_i);
                rhs.is_nonzero[new_i] = true;
                rhs.values[new_i] = scratch.rhs.values[i];
            }
        } else {
            std::mem::swap(rhs, &mut scratch.rhs);
        }
    }

    pub(crate) fn transpose(&self) -> LUFactors {
        LUFactors {
            lower: self.upper.transpose(),
            upper: self.lower.transpose(),
            row_perm: self.col_perm.clone(),
            col_perm: self.row_perm.clone(),
        }
    }
}

/// Factorizes the `size` × `size` matrix whose column `c` is `get_col(c)`.
///
/// # Errors
///
/// `Error::Numerical` when the matrix is singular (no pivot of at least 1e-8 in a
/// column) or holds a non-finite value where a pivot is chosen.
pub(crate) fn lu_factorize<'a>(
    size: usize,
    get_col: impl Fn(usize) -> (&'a [usize], &'a [f64]),
    stability_coeff: f64,
    scratch: &mut ScratchSpace,
) -> Result<LUFactors, Error> {
    // Implementation of the Gilbert-Peierls algorithm:
    //
    // Gilbert, John R., and Tim Peierls. "Sparse partial pivoting in time
    // proportional to arithmetic operations." SIAM Journal on Scientific and
    // Statistical Computing 9.5 (1988): 862-874.
    //
    // https://ecommons.cornell.edu/bitstream/handle/1813/6623/86-783.pdf

    let col_perm = super::ordering::order_simple(size, |c| get_col(c).0)?;

    let mut orig_row2elt_count = vec![0; size];
    for col_rows in (0..size).map(|c| get_col(c).0) {
        for &orig_r in col_rows {
            orig_row2elt_count[orig_r] += 1;
        }
    }

    scratch.clear_sparse(size);

    let mut lower = SparseMat::new(size);
    let mut upper = SparseMat::new(size);
    let mut upper_diag = Vec::with_capacity(size);

    let mut new2orig_row = (0..size).collect::<Vec<_>>();
    let mut orig2new_row = new2orig_row.clone();

    for i_col in 0..size {
        let mat_col = get_col(col_perm.new2orig[i_col]);

        // Solve the equation L'_j * x = a_j (x will be in scratch.rhs).
        // L'_j is a sq. matrix with the first j columns of L
        // and columns of identity matrix after j.
        // Part of x above the diagonal (in the new row indices) is the column of U
        // and part of x below the diagonal divided by the pivot value is the column of L

        scratch.rhs.set(mat_col.0.iter().copied().zip(mat_col.1));

        scratch.mark_nonzero.run(
            &mut scratch.rhs,
            |new_i| lower.col_rows(new_i),
            |new_i| new_i < i_col,
            |orig_r| orig2new_row[orig_r],
        );

        // At this point all future nonzero positions of scratch.rhs are marked
        // and the order in which variables depend on each other is determined.
        // rev() because DFS returns vertices in reverse topological order.
        for &orig_i in scratch.mark_nonzero.visited.iter().rev() {
            // values[orig_i] is already fully calculated, diag coeff = 1.0.
            let new_i = orig2new_row[orig_i];
            if new_i < i_col {
                let x_val = scratch.rhs.values[orig_i];
                for (orig_r, coeff) in lower.col_iter(new_i) {
                    scratch.rhs.values[orig_r] -= x_val * coeff;
                }
            }
        }

        // Next we choose a pivot among values of x below the diagonal.
        // Pivoting by choosing the max element is good for stability,
        // but bad for sparseness, so we do threshold pivoting instead.

        let pivot_orig_r = {
            let mut max_abs = 0.0;
            for &orig_r in &scratch.rhs.nonzero {
                if orig2new_row[orig_r] < i_col {
                    continue;
                }

                let abs = f64::abs(scratch.rhs.values[orig_r]);
                if abs > max_abs {
                    max_abs = abs;
                }
            }

            if max_abs < 1e-8 {
                return Err(Error::Numerical("singular basis matrix"));
            }

            // Upstream asserted `max_abs.is_normal()`: an infinite entry (from huge
            // coefficients) would have panicked. Below 1e-8 was handled above.
            if !max_abs.is_finite() {
                return Err(Error::Numerical("non-finite value in the basis matrix"));
            }

            // Choose among eligible pivot rows one with the least elements.
            // Gilbert-Peierls suggest to choose row with least elements *to the right*,
            // but it yielded poor results. Our heuristic is not a huge improvement either,
            // but at least we are less dependent on initial row ordering.
            let mut best_orig_r = None;
            let mut best_elt_count = None;
            for &orig_r in &scratch.rhs.nonzero {
                if orig2new_row[orig_r] < i_col {
                    continue;
                }

                if f64::abs(scratch.rhs.values[orig_r]) >= stability_coeff * max_abs {
                    let elt_count = orig_row2elt_count[orig_r];
                    if best_elt_count.is_none_or(|best| best > elt_count) {
                        best_orig_r = Some(orig_r);
                        best_elt_count = Some(elt_count);
                    }
                }
            }
            // The entry of largest magnitude always qualifies, so this is `Some`.
            best_orig_r.ok_or(Error::Numerical("no pivot in a column of the basis"))?
        };

        let pivot_val = scratch.rhs.values[pivot_orig_r];

        {
            // Keep track of row permutations.
            let row = i_col;
            let orig_row = new2orig_row[row];
            let pivot_row = orig2new_row[pivot_orig_r];
            new2orig_row.swap(row, pivot_row);
            orig2new_row.swap(orig_row, pivot_orig_r);
        }

        // Gather the values of x into lower and upper matrices.

        for &orig_r in &scratch.rhs.nonzero {
            let val = scratch.rhs.values[orig_r];

            if val == 0.0 {
                continue;
            }

            let new_r = orig2new_row[orig_r];
            if new_r < i_col {
                upper.push(new_r, val);
            } else if new_r == i_col {
                upper_diag.push(pivot_val);
            } else {
                lower.push(orig_r, val / pivot_val);
            }
        }

        upper.seal_column();
        lower.seal_column();
    }

    // permute rows of lower to "new" indices.
    for i_col in 0..lower.cols() {
        for r in lower.col_rows_mut(i_col) {
            *r = orig2new_row[*r];
        }
    }

    let res = LUFactors {
        lower: TriangleMat {
            nondiag: lower,
            diag: None,
        },
        upper: TriangleMat {
            nondiag: upper,
            diag: Some(upper_diag),
        },
        row_perm: Some(Perm {
            orig2new: orig2new_row,
            new2orig: new2orig_row,
        }),
        col_perm: Some(col_perm),
    };

    Ok(res)
}

#[derive(Clone, Debug)]
struct MarkNonzero {
    dfs_stack: Vec<DfsStep>,
    is_visited: Vec<bool>,
    visited: Vec<usize>, // in reverse topological order
}

#[derive(Clone, Debug)]
struct DfsStep {
    orig_i: usize,
    cur_child: usize,
}

impl MarkNonzero {
    fn with_capacity(n: usize) -> MarkNonzero {
        MarkNonzero {
            dfs_stack: Vec::with_capacity(n),
            is_visited: vec![false; n],
            visited: vec![],
        }
    }

    fn clear(&mut self) {
        // `run` always leaves the stack empty (upstream asserted it).
        self.dfs_stack.clear();
        for &i in &self.visited {
            self.is_visited[i] = false;
        }
        self.visited.clear();
    }

    fn clear_and_resize(&mut self, n: usize) {
        self.clear();
        self.dfs_stack.reserve(n);
        self.is_visited.resize(n, false);
    }

    // compute the non-zero elements of the result by dfs traversal
    fn run<'a>(
        &mut self,
        rhs: &mut ScatteredVec,
        get_children: impl Fn(usize) -> &'a [usize] + 'a,
        filter: impl Fn(usize) -> bool,
        orig2new_row: impl Fn(usize) -> usize,
    ) {
        self.clear();

        for &orig_r in &rhs.nonzero {
            let new_r = orig2new_row(orig_r);
            if !filter(new_r) {
                continue;
            }
            if self.is_visited[orig_r] {
                continue;
            }

            self.dfs_stack.push(DfsStep {
                orig_i: orig_r,
                cur_child: 0,
            });
            while let Some(cur_step) = self.dfs_stack.last_mut() {
                let new_i = orig2new_row(cur_step.orig_i);
                let children = if filter(new_i) {
                    get_children(new_i)
                } else {
                    &[]
                };
                if !self.is_visited[cur_step.orig_i] {
                    self.is_visited[cur_step.orig_i] = true;
                } else {
                    cur_step.cur_child += 1;
                }

                while cur_step.cur_child < children.len() {
                    let child_orig_r = children[cur_step.cur_child];
                    if !self.is_visited[child_orig_r] {
                        break;
                    }
                    cur_step.cur_child += 1;
                }

                if cur_step.cur_child < children.len() {
                    let i_child = cur_step.cur_child;
                    self.dfs_stack.push(DfsStep {
                        orig_i: children[i_child],
                        cur_child: 0,
                    });
                } else {
                    self.visited.push(cur_step.orig_i);
                    self.dfs_stack.pop();
                }
            }
        }

        for &i in &self.visited {
            if !rhs.is_nonzero[i] {
                rhs.is_nonzero[i] = true;
                rhs.nonzero.push(i)
            }
        }
    }
}

enum Triangle {
    Lower,
    Upper,
}

fn tri_solve_dense(tri_mat: &TriangleMat, triangle: Triangle, rhs: &mut [f64]) {
    // Internal invariant: the solver sizes every right-hand side to the basis.
    debug_assert_eq!(tri_mat.rows(), rhs.len());
    match triangle {
        Triangle::Lower => {
            for col in 0..tri_mat.cols() {
                tri_solve_process_col(tri_mat, col, rhs);
            }
        }

        Triangle::Upper => {
            for col in (0..tri_mat.cols()).rev() {
                tri_solve_process_col(tri_mat, col, rhs);
            }
        }
    };
}

/// rhs is passed via scratch.visited, scratch.values.
fn tri_solve_sparse(tri_mat: &TriangleMat, scratch: &mut ScratchSpace) {
    // Internal invariant: the scratch space is resized with every factorization.
    debug_assert_eq!(tri_mat.rows(), scratch.rhs.len());

    // compute the non-zero elements of the result by dfs traversal
    scratch.mark_nonzero.run(
        &mut scratch.rhs,
        |col| tri_mat.nondiag.col_rows(col),
        |_| true,
        |orig_i| orig_i,
    );

    // solve for the non-zero values into dense workspace.
    // rev() because DFS returns vertices in reverse topological order.
    for &col in scratch.mark_nonzero.visited.iter().rev() {
        tri_solve_process_col(tri_mat, col, &mut scratch.rhs.values);
    }
}

fn tri_solve_process_col(tri_mat: &TriangleMat, col: usize, rhs: &mut [f64]) {
    // all other variables in this row (multiplied by their coeffs)
    // are already subtracted from rhs[col].
    let x_val = if let Some(diag) = tri_mat.diag.as_ref() {
        rhs[col] / diag[col]
    } else {
        rhs[col]
    };

    rhs[col] = x_val;
    for (r, &coeff) in tri_mat.nondiag.col_iter(col) {
        rhs[r] -= x_val * coeff;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns of a matrix given by its triplets, rows increasing in each column.
    fn columns(cols: usize, triplets: &[(usize, usize, f64)]) -> Vec<(Vec<usize>, Vec<f64>)> {
        let mut out = vec![(vec![], vec![]); cols];
        let mut sorted = triplets.to_vec();
        sorted.sort_by_key(|&(r, c, _)| (c, r));
        for (r, c, val) in sorted {
            out[c].0.push(r);
            out[c].1.push(val);
        }
        out
    }

    fn dense_of(rows: usize, col: &(Vec<usize>, Vec<f64>)) -> Vec<f64> {
        let mut dense = vec![0.0; rows];
        for (&r, &v) in col.0.iter().zip(&col.1) {
            dense[r] = v;
        }
        dense
    }

    fn dense_of_scattered(v: &ScatteredVec) -> Vec<f64> {
        v.to_dense()
    }

    #[test]
    fn lu_simple() {
        let mat = columns(
            4,
            &[
                (0, 1, 2.0),
                (0, 0, 2.0),
                (0, 2, 123.0),
                (1, 2, 456.0),
                (1, 3, 1.0),
                (2, 1, 4.0),
                (2, 0, 3.0),
                (2, 2, 789.0),
                (2, 3, 1.0),
            ],
        );
        let pick = [1, 0, 3];

        let mut scratch = ScratchSpace::with_capacity(3);
        let lu = lu_factorize(
            3,
            |c| (&mat[pick[c]].0[..], &mat[pick[c]].1[..]),
            0.9,
            &mut scratch,
        )
        .unwrap();
        let lu_transp = lu.transpose();

        let l_ref = [
            vec![1.0, 0.0, 0.0],
            vec![0.5, 1.0, 0.0],
            vec![0.0, 0.0, 1.0],
        ];
        assert_eq!(lu.lower.to_dense(), l_ref);
        assert_eq!(lu.lower.diag, None);

        let u_ref = [
            vec![4.0, 3.0, 1.0],
            vec![0.0, 0.5, -0.5],
            vec![0.0, 0.0, 1.0],
        ];
        assert_eq!(lu.upper.to_dense(), u_ref);

        assert_eq!(lu.row_perm.as_ref().unwrap().new2orig, &[2, 0, 1]);
        assert_eq!(lu.col_perm.as_ref().unwrap().new2orig, &[0, 1, 2]);

        {
            let mut rhs_dense = [6.0, 3.0, 13.0];
            lu.solve_dense(&mut rhs_dense, &mut scratch);
            assert_eq!(&rhs_dense, &[1.0, 2.0, 3.0]);
        }

        {
            let mut rhs_dense_t = [14.0, 11.0, 5.0];
            lu_transp.solve_dense(&mut rhs_dense_t, &mut scratch);
            assert_eq!(&rhs_dense_t, &[1.0, 2.0, 3.0]);
        }

        {
            let mut rhs = ScatteredVec::empty(3);
            rhs.set([(1, &-1.0)]);
            lu.solve(&mut rhs, &mut scratch);
            assert_eq!(dense_of_scattered(&rhs), vec![1.0, -1.0, -1.0]);
        }

        {
            let mut rhs = ScatteredVec::empty(3);
            rhs.set([(1, &-1.0), (2, &1.0)]);
            lu_transp.solve(&mut rhs, &mut scratch);
            assert_eq!(dense_of_scattered(&rhs), vec![-2.0, 0.0, 1.0]);
        }
    }

    #[test]
    fn lu_singular() {
        let size = 3;

        for triplets in [
            // symbolically singular
            &[(0, 0, 1.0), (1, 0, 1.0), (1, 1, 2.0), (1, 2, 3.0)][..],
            // numerically singular
            &[
                (0, 0, 1.0),
                (1, 0, 1.0),
                (1, 1, 2.0),
                (1, 2, 3.0),
                (2, 0, 2.0),
                (2, 1, 2.0),
                (2, 2, 3.0),
            ][..],
        ] {
            let mat = columns(size, triplets);
            let mut scratch = ScratchSpace::with_capacity(size);
            let err = lu_factorize(size, |c| (&mat[c].0[..], &mat[c].1[..]), 0.9, &mut scratch);
            assert!(matches!(err, Err(Error::Numerical(_))));
        }
    }

    #[test]
    fn lu_non_finite_is_an_error() {
        let mat = columns(2, &[(0, 0, f64::INFINITY), (1, 1, 1.0)]);
        let mut scratch = ScratchSpace::with_capacity(2);
        let err = lu_factorize(2, |c| (&mat[c].0[..], &mat[c].1[..]), 0.1, &mut scratch);
        assert!(matches!(err, Err(Error::Numerical(_))));
    }

    #[test]
    fn lu_rand() {
        let size = 10;
        // xorshift64*: a fixed pseudo-random matrix, right-hand sides.
        let mut state = 12345u64;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
        };

        let mut triplets = vec![];
        for r in 0..size {
            for c in 0..size {
                if next() < 0.5 {
                    triplets.push((r, c, next()));
                }
            }
            // a dominant diagonal keeps the matrix regular.
            triplets.push((r, r, 5.0 + next()));
        }
        triplets.sort_by_key(|&(r, c, _)| (r, c));
        triplets.dedup_by_key(|&mut (r, c, _)| (r, c));
        let mat = columns(size, &triplets);
        let dense: Vec<Vec<f64>> = mat.iter().map(|col| dense_of(size, col)).collect();
        let times = |x: &[f64], transposed: bool| -> Vec<f64> {
            (0..size)
                .map(|i| {
                    (0..size)
                        .map(|j| {
                            let a = if transposed { dense[i][j] } else { dense[j][i] };
                            a * x[j]
                        })
                        .sum()
                })
                .collect()
        };

        let mut scratch = ScratchSpace::with_capacity(size);
        let lu = lu_factorize(size, |c| (&mat[c].0[..], &mat[c].1[..]), 0.1, &mut scratch).unwrap();
        let lu_transp = lu.transpose();

        let rhs: Vec<f64> = (0..size).map(|_| next()).collect();
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);

        let mut sol = rhs.clone();
        lu.solve_dense(&mut sol, &mut scratch);
        assert!(close(&times(&sol, false), &rhs));

        let mut sol_t = rhs.clone();
        lu_transp.solve_dense(&mut sol_t, &mut scratch);
        assert!(close(&times(&sol_t, true), &rhs));

        let mut sparse_rhs: Vec<(usize, f64)> = vec![];
        for i in 0..size {
            if next() < 0.3 {
                sparse_rhs.push((i, next()));
            }
        }
        let mut dense_rhs = vec![0.0; size];
        for &(i, v) in &sparse_rhs {
            dense_rhs[i] = v;
        }

        let mut scattered = ScatteredVec::empty(size);
        scattered.set(sparse_rhs.iter().map(|(i, v)| (*i, v)));
        lu.solve(&mut scattered, &mut scratch);
        assert!(close(&times(&scattered.to_dense(), false), &dense_rhs));

        let mut scattered_t = ScatteredVec::empty(size);
        scattered_t.set(sparse_rhs.iter().map(|(i, v)| (*i, v)));
        lu_transp.solve(&mut scattered_t, &mut scratch);
        assert!(close(&times(&scattered_t.to_dense(), true), &dense_rhs));
    }
}

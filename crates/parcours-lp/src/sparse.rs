// Derived from minilp 0.2.2 `src/sparse.rs` (Copyright Alexey Zatelepin, Apache-2.0).
// Changed for parcours: `CsMat` replaces the `sprs` matrices (same storage order and
// summation order, so the same arithmetic); no `unwrap`/`assert`; `sprs` test helpers
// replaced by dense ones.

//! Sparse vectors and matrices of the solver.

/// A sparse vector: parallel lists of indices and values, in no particular order.
#[derive(Clone, Debug, Default)]
pub(crate) struct SparseVec {
    indices: Vec<usize>,
    values: Vec<f64>,
}

impl SparseVec {
    pub(crate) fn new() -> SparseVec {
        SparseVec {
            indices: vec![],
            values: vec![],
        }
    }

    pub(crate) fn clear(&mut self) {
        self.indices.clear();
        self.values.clear();
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &f64)> {
        self.indices.iter().copied().zip(&self.values)
    }

    pub(crate) fn sq_norm(&self) -> f64 {
        self.values.iter().map(|&v| v * v).sum()
    }
}

/// A row of coefficients: indices increasing, each once, no zero (what `sprs::CsVec`
/// required, and panicked on otherwise).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Row {
    indices: Vec<usize>,
    data: Vec<f64>,
}

impl Row {
    /// Sorts the terms by index (stably), adds up the coefficients of an index given
    /// more than once, in the order given, and drops zero coefficients.
    pub(crate) fn normalized(mut terms: Vec<(usize, f64)>) -> Row {
        terms.sort_by_key(|&(i, _)| i);
        let mut row = Row::default();
        for (i, a) in terms {
            match (row.indices.last(), row.data.last_mut()) {
                (Some(&last), Some(sum)) if last == i => *sum += a,
                _ => {
                    row.indices.push(i);
                    row.data.push(a);
                }
            }
        }
        let (indices, data) = row
            .indices
            .into_iter()
            .zip(row.data)
            .filter(|&(_, a)| a != 0.0)
            .unzip();
        Row { indices, data }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &f64)> {
        self.indices.iter().copied().zip(&self.data)
    }
}

/// A dense vector that remembers which positions are nonzero.
#[derive(Clone, Debug)]
pub(crate) struct ScatteredVec {
    pub(crate) values: Vec<f64>,
    pub(crate) is_nonzero: Vec<bool>,
    pub(crate) nonzero: Vec<usize>,
}

impl ScatteredVec {
    pub(crate) fn empty(n: usize) -> ScatteredVec {
        ScatteredVec {
            values: vec![0.0; n],
            is_nonzero: vec![false; n],
            nonzero: vec![],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &f64)> {
        self.nonzero.iter().map(move |&i| (i, &self.values[i]))
    }

    pub(crate) fn indices(&self) -> &[usize] {
        &self.nonzero
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> &f64 {
        &self.values[i]
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, i: usize) -> &mut f64 {
        if !std::mem::replace(&mut self.is_nonzero[i], true) {
            self.nonzero.push(i);
        }
        &mut self.values[i]
    }

    pub(crate) fn clear(&mut self) {
        for &i in &self.nonzero {
            self.values[i] = 0.0;
            self.is_nonzero[i] = false;
        }
        self.nonzero.clear();
    }

    pub(crate) fn clear_and_resize(&mut self, n: usize) {
        self.clear();
        self.values.resize(n, 0.0);
        self.is_nonzero.resize(n, false);
    }

    pub(crate) fn set<'a, T>(&mut self, rhs: T)
    where
        T: IntoIterator<Item = (usize, &'a f64)>,
    {
        self.clear();
        for (i, &val) in rhs {
            self.is_nonzero[i] = true;
            self.nonzero.push(i);
            self.values[i] = val;
        }
    }

    pub(crate) fn to_sparse_vec(&self, lhs: &mut SparseVec) {
        lhs.clear();
        for &idx in &self.nonzero {
            lhs.indices.push(idx);
            lhs.values.push(self.values[idx])
        }
    }

    #[cfg(test)]
    pub(crate) fn to_dense(&self) -> Vec<f64> {
        self.values.clone()
    }
}

/// A compressed sparse matrix: outer vector `i` (a row of a CSR matrix, a column of a
/// CSC one) is `indices[indptr[i]..indptr[i + 1]]` with the matching `data`, inner
/// indices increasing. It replaces `sprs::CsMatI<f64, usize>`, keeping its storage
/// order so that every sum runs in the same order as upstream.
#[derive(Clone, Debug)]
pub(crate) struct CsMat {
    inner_dim: usize,
    /// `indptr[0] == 0`, non-decreasing, `indptr[outer_dim] == nnz`.
    indptr: Vec<usize>,
    indices: Vec<usize>,
    data: Vec<f64>,
}

impl CsMat {
    /// A matrix with no outer vector, whose outer vectors have `inner_dim` entries.
    pub(crate) fn new(inner_dim: usize) -> CsMat {
        CsMat {
            inner_dim,
            indptr: vec![0],
            indices: vec![],
            data: vec![],
        }
    }

    pub(crate) fn outer_dim(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    pub(crate) fn nnz(&self) -> usize {
        self.data.len()
    }

    /// Outer vector `i`: its inner indices and values (empty if `i` is out of range,
    /// which the solver never asks).
    #[inline]
    pub(crate) fn outer(&self, i: usize) -> (&[usize], &[f64]) {
        match (self.indptr.get(i), self.indptr.get(i + 1)) {
            (Some(&begin), Some(&end)) => (&self.indices[begin..end], &self.data[begin..end]),
            _ => (&[], &[]),
        }
    }

    #[inline]
    pub(crate) fn outer_iter(&self, i: usize) -> impl Iterator<Item = (usize, &f64)> {
        let (indices, data) = self.outer(i);
        indices.iter().copied().zip(data)
    }

    /// Appends an outer vector; its indices must be increasing and below `inner_dim`
    /// (the callers build them so).
    pub(crate) fn push_outer(&mut self, entries: impl IntoIterator<Item = (usize, f64)>) {
        for (i, val) in entries {
            self.indices.push(i);
            self.data.push(val);
        }
        self.indptr.push(self.indices.len());
    }

    /// The same matrix in the other storage (CSR to CSC and back), inner indices
    /// increasing: `sprs`' `to_other_storage` algorithm.
    pub(crate) fn transpose(&self) -> CsMat {
        let mut indptr = vec![0; self.inner_dim + 1];
        for &i in &self.indices {
            indptr[i] += 1;
        }
        let mut cumsum = 0;
        for iptr in indptr.iter_mut() {
            let tmp = *iptr;
            *iptr = cumsum;
            cumsum += tmp;
        }
        let mut indices = vec![0; self.nnz()];
        let mut data = vec![0.0; self.nnz()];
        for outer in 0..self.outer_dim() {
            for (inner, &val) in self.outer_iter(outer) {
                let dest = indptr[inner];
                data[dest] = val;
                indices[dest] = outer;
                indptr[inner] += 1;
            }
        }
        let mut last = 0;
        for iptr in indptr.iter_mut() {
            std::mem::swap(iptr, &mut last);
        }
        CsMat {
            inner_dim: self.outer_dim(),
            indptr,
            indices,
            data,
        }
    }
}

/// Unordered sparse matrix with elements stored by columns
#[derive(Clone, Debug)]
pub(crate) struct SparseMat {
    n_rows: usize,
    indptr: Vec<usize>,
    indices: Vec<usize>,
    data: Vec<f64>,
}

impl SparseMat {
    pub(crate) fn new(n_rows: usize) -> SparseMat {
        SparseMat {
            n_rows,
            indptr: vec![0],
            indices: vec![],
            data: vec![],
        }
    }

    pub(crate) fn rows(&self) -> usize {
        self.n_rows
    }

    pub(crate) fn cols(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    pub(crate) fn nnz(&self) -> usize {
        self.data.len()
    }

    pub(crate) fn clear_and_resize(&mut self, n_rows: usize) {
        self.data.clear();
        self.indices.clear();
        self.indptr.clear();
        self.indptr.push(0);
        self.n_rows = n_rows;
    }

    pub(crate) fn push(&mut self, row: usize, val: f64) {
        self.indices.push(row);
        self.data.push(val);
    }

    pub(crate) fn seal_column(&mut self) {
        self.indptr.push(self.indices.len())
    }

    pub(crate) fn col_rows(&self, i_col: usize) -> &[usize] {
        &self.indices[self.indptr[i_col]..self.indptr[i_col + 1]]
    }

    pub(crate) fn col_rows_mut(&mut self, i_col: usize) -> &mut [usize] {
        &mut self.indices[self.indptr[i_col]..self.indptr[i_col + 1]]
    }

    pub(crate) fn col_data(&self, i_col: usize) -> &[f64] {
        &self.data[self.indptr[i_col]..self.indptr[i_col + 1]]
    }

    pub(crate) fn col_iter(&self, i_col: usize) -> impl Iterator<Item = (usize, &f64)> {
        self.col_rows(i_col)
            .iter()
            .copied()
            .zip(self.col_data(i_col))
    }

    /// Appends a column. Upstream asserted that the previous column was sealed; every
    /// caller pushes then seals, so the column simply starts where the entries end.
    pub(crate) fn append_col<T>(&mut self, col: T)
    where
        T: IntoIterator<Item = (usize, f64)>,
    {
        for (idx, val) in col {
            self.indices.push(idx);
            self.data.push(val);
        }
        self.seal_column();
    }

    pub(crate) fn transpose(&self) -> SparseMat {
        let mut out = SparseMat {
            n_rows: self.cols(),
            indptr: vec![],
            indices: vec![],
            data: vec![],
        };

        // calculate row counts and store them in the indptr array.
        out.indptr.clear();
        out.indptr.resize(self.rows() + 1, 0);
        for c in 0..self.cols() {
            for &r in self.col_rows(c) {
                out.indptr[r] += 1;
            }
        }

        // calculate cumulative counts so that indptr elements point to
        // the *ends* of each resulting row.
        for r in 1..out.indptr.len() {
            out.indptr[r] += out.indptr[r - 1];
        }

        // place the elements
        out.indices.clear();
        out.indices.resize(self.nnz(), 0);
        out.data.clear();
        out.data.resize(self.nnz(), 0.0);
        for c in 0..self.cols() {
            for (r, &val) in self.col_iter(c) {
                out.indptr[r] -= 1;
                out.indices[out.indptr[r]] = c;
                out.data[out.indptr[r]] = val;
            }
        }

        if let Some(last) = out.indptr.last_mut() {
            *last = self.nnz();
        }

        out
    }
}

/// A triangular matrix: its entries off the diagonal by columns, and its diagonal.
#[derive(Clone, Debug)]
pub(crate) struct TriangleMat {
    pub(crate) nondiag: SparseMat,
    /// Diag elements, None means all 1's
    pub(crate) diag: Option<Vec<f64>>,
}

impl TriangleMat {
    pub(crate) fn rows(&self) -> usize {
        self.nondiag.rows()
    }

    pub(crate) fn cols(&self) -> usize {
        self.nondiag.cols()
    }

    pub(crate) fn transpose(&self) -> TriangleMat {
        TriangleMat {
            nondiag: self.nondiag.transpose(),
            diag: self.diag.clone(),
        }
    }

    #[cfg(test)]
    pub(crate) fn to_dense(&self) -> Vec<Vec<f64>> {
        let mut dense = vec![vec![0.0; self.cols()]; self.rows()];
        for (i, row) in dense.iter_mut().enumerate() {
            row[i] = self.diag.as_ref().map_or(1.0, |d| d[i]);
        }
        for c in 0..self.nondiag.cols() {
            for (r, &val) in self.nondiag.col_iter(c) {
                if let Some(entry) = dense.get_mut(r).and_then(|row| row.get_mut(c)) {
                    *entry = val;
                }
            }
        }
        dense
    }
}

/// A permutation and its inverse.
#[derive(Clone, Debug)]
pub(crate) struct Perm {
    pub(crate) orig2new: Vec<usize>,
    pub(crate) new2orig: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mat_transpose() {
        let mut mat = SparseMat::new(2);
        mat.push(0, 1.1);
        mat.push(1, 2.2);
        mat.seal_column();
        mat.push(1, 3.3);
        mat.seal_column();
        mat.push(0, 4.4);
        mat.seal_column();

        let transp = mat.transpose();
        assert_eq!(&transp.indptr, &[0, 2, 4]);
        assert_eq!(&transp.indices, &[2, 0, 1, 0]);
        assert_eq!(&transp.data, &[4.4, 1.1, 3.3, 2.2]);
    }

    #[test]
    fn compressed_transpose_keeps_inner_indices_increasing() {
        // Rows [1 0 2], [0 3 0], [4 5 0] in CSR.
        let mut csr = CsMat::new(3);
        csr.push_outer([(0, 1.0), (2, 2.0)]);
        csr.push_outer([(1, 3.0)]);
        csr.push_outer([(0, 4.0), (1, 5.0)]);
        let csc = csr.transpose();
        assert_eq!(csc.outer_dim(), 3);
        assert_eq!(csc.outer(0), (&[0, 2][..], &[1.0, 4.0][..]));
        assert_eq!(csc.outer(1), (&[1, 2][..], &[3.0, 5.0][..]));
        assert_eq!(csc.outer(2), (&[0][..], &[2.0][..]));
        assert_eq!(csc.outer(3), (&[][..], &[][..]));
        let back = csc.transpose();
        assert_eq!(back.outer(0), csr.outer(0));
        assert_eq!(back.outer(2), csr.outer(2));
    }
}

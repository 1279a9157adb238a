// Derived from minilp 0.2.2 `src/ordering.rs` (Copyright Alexey Zatelepin, Apache-2.0).
// Changed for parcours: only the ordering the solver uses is kept (COLAMD, the diagonal
// matching and the block triangular form were dead code); no `unwrap`, and an empty
// column no longer underflows its score.

//! Column ordering before the LU factorization.

use crate::sparse::Perm;
use crate::Error;

/// Simplest preordering: order columns based on their size
pub(crate) fn order_simple<'a>(
    size: usize,
    get_col: impl Fn(usize) -> &'a [usize],
) -> Result<Perm, Error> {
    let mut cols_queue = ColsQueue::new(size);
    for c in 0..size {
        // Upstream: `len() - 1`, which underflowed on an empty column (a singular
        // basis, then caught by the factorization).
        cols_queue.add(c, get_col(c).len().saturating_sub(1).min(size - 1));
    }

    let mut new2orig = Vec::with_capacity(size);
    while let Some(c) = cols_queue.pop_min() {
        new2orig.push(c);
    }
    if new2orig.len() != size {
        return Err(Error::Numerical("column ordering lost a column"));
    }

    let mut orig2new = vec![0; size];
    for (new, &orig) in new2orig.iter().enumerate() {
        orig2new[orig] = new;
    }

    Ok(Perm { orig2new, new2orig })
}

/// Columns bucketed by score, each bucket a circular doubly linked list.
#[derive(Debug)]
struct ColsQueue {
    score2head: Vec<Option<usize>>,
    prev: Vec<usize>,
    next: Vec<usize>,
    min_score: usize,
    len: usize,
}

impl ColsQueue {
    fn new(num_cols: usize) -> ColsQueue {
        ColsQueue {
            score2head: vec![None; num_cols],
            prev: vec![0; num_cols],
            next: vec![0; num_cols],
            min_score: num_cols,
            len: 0,
        }
    }

    fn pop_min(&mut self) -> Option<usize> {
        let col = loop {
            if self.min_score >= self.score2head.len() {
                return None;
            }
            if let Some(col) = self.score2head[self.min_score] {
                break col;
            }
            self.min_score += 1;
        };

        self.remove(col, self.min_score);
        Some(col)
    }

    /// Adds `col` (below `num_cols`) with `score` (below `num_cols`).
    fn add(&mut self, col: usize, score: usize) {
        self.min_score = std::cmp::min(self.min_score, score);
        self.len += 1;

        if let Some(head) = self.score2head[score] {
            self.prev[col] = self.prev[head];
            self.next[col] = head;
            self.next[self.prev[head]] = col;
            self.prev[head] = col;
        } else {
            self.prev[col] = col;
            self.next[col] = col;
            self.score2head[score] = Some(col);
        }
    }

    fn remove(&mut self, col: usize, score: usize) {
        self.len = self.len.saturating_sub(1);
        if self.next[col] == col {
            self.score2head[score] = None;
        } else {
            self.next[self.prev[col]] = self.next[col];
            self.prev[self.next[col]] = self.prev[col];
            if self.score2head[score] == Some(col) {
                self.score2head[score] = Some(self.next[col]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_go_by_size_then_index() {
        let cols: [&[usize]; 4] = [&[0, 1, 2], &[1], &[], &[0, 2]];
        let perm = order_simple(4, |c| cols[c]).unwrap();
        assert_eq!(perm.new2orig.len(), 4);
        for (new, &orig) in perm.new2orig.iter().enumerate() {
            assert_eq!(perm.orig2new[orig], new);
        }
        // Sizes 3, 1, 0, 2: the empty and the single column first, the longest last.
        assert_eq!(perm.new2orig[3], 0);
    }
}

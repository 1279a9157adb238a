//! Admissible bounds of a search node: the fewest minutes each unmet constraint
//! still needs on its own ([`Node::lower_bound`]), along chains of requirements
//! ([`Closure::Chain`], through `Model::closure`), and an estimate of the same to
//! order branches; and the modules every way of meeting a constraint needs
//! ([`Node::necessary`], the propagation).

use super::model::{holds, planned_minutes, BitSet, Model, F};

/// No bound: a constraint that nothing can meet any more.
pub(super) const INF: u64 = u64::MAX / 4;
/// How [`Model::closure`] combines the parts of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closure {
    /// A lower bound (largest part of an `All`).
    Chain,
    /// An estimate to order branches (sum of an `All`'s parts).
    Estimate,
}

/// Memo markers of the per-node recursions (above any real value).
pub(super) const UNSET: u64 = u64::MAX;
const IN_PROGRESS: u64 = u64::MAX - 1;

/// What the search needs to know of one node.
pub(super) struct Node<'n> {
    pub(super) s: &'n BitSet,
    pub(super) forbidden: &'n BitSet,
    pub(super) minutes: &'n [u32],
}

impl Node<'_> {
    pub(super) fn open(&self, v: usize) -> bool {
        !self.s.contains(v) && !self.forbidden.contains(v)
    }

    /// The fewest minutes to add to make `f` hold, ignoring what the added modules
    /// require themselves (so it never overestimates); `INF` when nothing can.
    pub(super) fn lower_bound(&self, f: &F) -> u64 {
        let m = |v: usize| u64::from(self.minutes[v]);
        match f {
            F::True => 0,
            F::False => INF,
            F::Var(v) => {
                if self.s.contains(*v) {
                    0
                } else if self.forbidden.contains(*v) {
                    INF
                } else {
                    m(*v)
                }
            }
            F::AnyVar(vs) => {
                if vs.iter().any(|&v| self.s.contains(v)) {
                    0
                } else {
                    vs.iter()
                        .filter(|&&v| !self.forbidden.contains(v))
                        .map(|&v| m(v))
                        .min()
                        .unwrap_or(INF)
                }
            }
            F::All(ch) => {
                // Distinct single modules add up; anything else may share modules
                // with them, so only the largest counts.
                let mut singles: Vec<usize> = Vec::new();
                let mut other = 0u64;
                for x in ch {
                    let lb = self.lower_bound(x);
                    if lb >= INF {
                        return INF;
                    }
                    match x {
                        F::Var(v) if lb > 0 => singles.push(*v),
                        _ => other = other.max(lb),
                    }
                }
                singles.sort_unstable();
                singles.dedup();
                let sum: u64 = singles.iter().map(|&v| m(v)).sum();
                sum.max(other)
            }
            F::Any(ch) => ch.iter().map(|x| self.lower_bound(x)).min().unwrap_or(INF),
            F::AtLeast(k, ch) => {
                let mut lbs: Vec<u64> = ch.iter().map(|x| self.lower_bound(x)).collect();
                lbs.sort_unstable();
                // The k cheapest children must all hold: the k-th is a floor.
                lbs.get(*k as usize - 1).copied().unwrap_or(INF)
            }
            F::Count(k, vs) => {
                let have = vs.iter().filter(|&&v| self.s.contains(v)).count() as u32;
                if have >= *k {
                    return 0;
                }
                let need = (*k - have) as usize;
                let mut open: Vec<u64> = vs
                    .iter()
                    .filter(|&&v| self.open(v))
                    .map(|&v| m(v))
                    .collect();
                if open.len() < need {
                    return INF;
                }
                open.sort_unstable();
                open[..need].iter().sum()
            }
            F::Minutes(need, vs) => {
                let have = planned_minutes(vs, self.s, self.minutes);
                if have >= *need {
                    return 0;
                }
                let open: u64 = vs.iter().filter(|&&v| self.open(v)).map(|&v| m(v)).sum();
                if have + open < *need {
                    INF
                } else {
                    *need - have
                }
            }
        }
    }

    /// Modules that every way of meeting `f` (which does not hold and can) needs.
    pub(super) fn necessary(&self, f: &F, out: &mut Vec<usize>) {
        let holds_here = |x: &F| holds(x, self.s, self.minutes);
        match f {
            F::True | F::False => {}
            F::Var(v) => {
                if self.open(*v) {
                    out.push(*v);
                }
            }
            F::AnyVar(vs) => {
                let mut open = vs.iter().filter(|&&v| !self.forbidden.contains(v));
                if let (Some(&v), None) = (open.next(), open.next()) {
                    if !self.s.contains(v) {
                        out.push(v);
                    }
                }
            }
            F::All(ch) => {
                for x in ch {
                    if !holds_here(x) {
                        self.necessary(x, out);
                    }
                }
            }
            F::Any(ch) | F::AtLeast(_, ch) => {
                let k = match f {
                    F::AtLeast(k, _) => *k as usize,
                    _ => 1,
                };
                let held = ch.iter().filter(|x| holds_here(x)).count();
                if held >= k {
                    return;
                }
                let possible: Vec<&F> = ch
                    .iter()
                    .filter(|x| !holds_here(x) && self.lower_bound(x) < INF)
                    .collect();
                if possible.len() == k - held {
                    for x in possible {
                        self.necessary(x, out);
                    }
                }
            }
            F::Count(k, vs) => {
                let have = vs.iter().filter(|&&v| self.s.contains(v)).count();
                let open: Vec<usize> = vs.iter().copied().filter(|&v| self.open(v)).collect();
                if have < *k as usize && open.len() == *k as usize - have {
                    out.extend(open);
                }
            }
            F::Minutes(need, vs) => {
                let have = planned_minutes(vs, self.s, self.minutes);
                let open: Vec<usize> = vs.iter().copied().filter(|&v| self.open(v)).collect();
                let total: u64 = open.iter().map(|&v| u64::from(self.minutes[v])).sum();
                for v in open {
                    if have + total - u64::from(self.minutes[v]) < *need {
                        out.push(v);
                    }
                }
            }
        }
    }
}

impl Model<'_> {
    /// The minutes `f` still needs, counting what the modules that meet it
    /// require in turn, with the parts of a group combined as `how` says.
    ///
    /// As a [`Closure::Chain`] it is a lower bound: along any chain of
    /// requirements every module is distinct (each must come before the next), so
    /// the cheapest way through the chain is a floor; `All` takes the largest of
    /// its parts (they may share modules), `atLeast k` its k-th smallest part. As
    /// a [`Closure::Estimate`] (to order branches, not a bound) `All` adds its
    /// parts up and `atLeast k` its k smallest. `Any` takes the smallest either way.
    pub(super) fn closure(&self, f: &F, node: &Node, memo: &mut Vec<u64>, how: Closure) -> u64 {
        let parts = |ch: &[F], memo: &mut Vec<u64>| -> Vec<u64> {
            ch.iter()
                .map(|x| self.closure(x, node, memo, how))
                .collect()
        };
        let add = |xs: &[u64]| xs.iter().fold(0u64, |a, &b| a.saturating_add(b)).min(INF);
        match f {
            F::True => 0,
            F::False => INF,
            F::Var(v) => self.closure_of(*v, node, memo, how),
            F::AnyVar(vs) => vs
                .iter()
                .map(|&v| self.closure_of(v, node, memo, how))
                .min()
                .unwrap_or(INF),
            F::All(ch) => {
                let p = parts(ch, memo);
                match how {
                    Closure::Chain => p.into_iter().max().unwrap_or(0),
                    Closure::Estimate => add(&p),
                }
            }
            F::Any(ch) => parts(ch, memo).into_iter().min().unwrap_or(INF),
            F::AtLeast(k, ch) => {
                let mut p = parts(ch, memo);
                p.sort_unstable();
                let k = *k as usize;
                match how {
                    Closure::Chain => p.get(k - 1).copied().unwrap_or(INF),
                    Closure::Estimate => add(&p[..k.min(p.len())]),
                }
            }
            F::Count(..) | F::Minutes(..) => node.lower_bound(f),
        }
    }

    /// [`Self::closure`] of planning candidate `v` (0 when planned, `INF` when
    /// forbidden); a candidate met again on its own chain (a cyclic support)
    /// counts its own minutes only.
    pub(super) fn closure_of(
        &self,
        v: usize,
        node: &Node,
        memo: &mut Vec<u64>,
        how: Closure,
    ) -> u64 {
        if node.s.contains(v) {
            return 0;
        }
        if node.forbidden.contains(v) {
            return INF;
        }
        match memo[v] {
            UNSET => {}
            IN_PROGRESS => return u64::from(self.minutes[v]),
            known => return known,
        }
        memo[v] = IN_PROGRESS;
        let below = self.closure(&self.requires[v], node, memo, how);
        let value = u64::from(self.minutes[v]).saturating_add(below).min(INF);
        memo[v] = value;
        value
    }
}

//! What would unlock a module: the fewest hours that make a failing prerequisite
//! expression hold, over that expression's own leaves.
//!
//! Each failing leaf is an *item*: complete a module, complete it with a score, or
//! reach a competency level — through the shortest module that teaches it, or by
//! assessment when no module does. A locked module named by a leaf is named, not
//! expanded: the answer speaks of this expression, not of the whole path (that is
//! the plan optimiser's job). The answer follows a tie rule that makes it unique —
//! fewest minutes, then fewest items, then fewest modules not ready now, then the
//! smallest sorted item list. Only modules the learner may take (their audience,
//! not excluded) are proposed.
//!
//! How it is found:
//! - "k of these modules" (`allOf`, `anyOf`, `atLeast` over module leaves only, the
//!   common shape) is solved directly: the k cheapest, by the tie rule.
//! - Anything else is a best-first search over sets of items, cheapest first, so
//!   that the first set found that makes the expression hold is the answer. It
//!   creates at most [`NODE_BUDGET`] sets: past that it stops, answers with the
//!   greedy set and says so (`exact: false`), with `boundMinutes`, the cheapest
//!   set it had not yet looked at, as a proven lower bound. Twenty modules each
//!   requiring 11 of 22 others took 90 s before this budget and the direct case.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::curriculum::compiled::{CompetencyIx, Compiled, Cond, ModuleIx, Op};
use crate::read::order;

/// Above this many distinct failing items the search falls back to a greedy
/// answer and says so (`exact: false`). Real expressions have far fewer. Sets of
/// items are bit masks, so this stays below 32.
pub(crate) const EXACT_ITEM_LIMIT: usize = 22;

/// Most sets of items the search creates for one expression before it settles
/// for the greedy answer with a bound. Each costs about a microsecond; a status
/// asks one search per locked module.
pub(crate) const NODE_BUDGET: usize = 20_000;

/// One step towards unlocking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
// Named `UnlockItem` in the schemas: the instrument's schema has an `Item` too,
// and the npm package's TypeScript types put both in one file.
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "UnlockItem")
)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[non_exhaustive]
pub enum Item {
    /// Complete this module.
    #[serde(rename_all = "camelCase")]
    Module {
        /// Module id.
        module: String,
    },
    /// Complete this module with at least this score.
    #[serde(rename_all = "camelCase")]
    Score {
        /// Module id.
        module: String,
        /// Lowest score, 0–100.
        min: ScoreKey,
    },
    /// Reach this competency level, through `via` (the shortest module teaching it),
    /// or by assessment when `via` is absent.
    #[serde(rename_all = "camelCase")]
    Competency {
        /// Competency id.
        competency: String,
        /// Level rank.
        level: u32,
        /// The module that teaches it, if any.
        via: Option<String>,
    },
}

/// A score threshold, ordered and hashed by its bits so items can be sorted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct ScoreKey(pub f64);

impl Eq for ScoreKey {}

impl PartialOrd for ScoreKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ScoreKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl std::hash::Hash for ScoreKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// The cheapest way to make an expression hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Unlock {
    /// The steps, sorted.
    pub items: Vec<Item>,
    /// Total minutes of the modules to complete (each counted once).
    pub minutes: u64,
    /// Whether the answer is proven minimal (false when more than 22 distinct
    /// leaves fail, or when the search ran out of its budget: the answer is then
    /// a greedy one).
    pub exact: bool,
    /// A proven lower bound on the minutes of any answer: `minutes` itself when
    /// `exact`, less when the search stopped early (0 when it knows nothing).
    pub bound_minutes: u64,
    /// False when no set of modules the learner may take meets the expression (for
    /// example, it names modules of another audience only); `items` is then empty.
    pub possible: bool,
}

/// What the learner already has, as the search sees it.
pub(crate) trait Known {
    /// The module counts as completed (completed and valid, or mastered).
    fn module_done(&self, m: ModuleIx) -> bool;
    /// The competency is at or above the level.
    fn competency_at(&self, c: CompetencyIx, level: u32) -> bool;
    /// The module was completed with at least this score.
    fn score_at(&self, m: ModuleIx, min: f64) -> bool;
    /// The learner may take the module (it is for their audience and not excluded).
    fn takeable(&self, m: ModuleIx) -> bool;
    /// The learner can take the module now.
    fn ready(&self, m: ModuleIx) -> bool;
}

/// A failing leaf, resolved to the module it costs (if any).
#[derive(Debug, Clone)]
struct Candidate {
    item: Item,
    /// Module to complete; `None` for a level reached by assessment.
    module: Option<ModuleIx>,
    /// What the leaf is, for evaluation.
    leaf: Leaf,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Leaf {
    Module(ModuleIx),
    Score(ModuleIx, f64),
    Competency(CompetencyIx, u32),
}

/// The shortest module the learner may take that teaches `c` at `level` or above
/// (ties: a module ready now first, then by id).
fn cheapest_teacher(
    c: &Compiled,
    known: &dyn Known,
    competency: CompetencyIx,
    level: u32,
) -> Option<ModuleIx> {
    c.modules()
        .iter()
        .enumerate()
        .filter(|(i, _)| known.takeable(ModuleIx(*i as u32)))
        .filter(|(_, m)| {
            m.teaches
                .iter()
                .any(|&(t, l)| t == competency && l >= level)
        })
        .min_by(|(i, a), (j, b)| {
            a.minutes
                .cmp(&b.minutes)
                .then(
                    known
                        .ready(ModuleIx(*j as u32))
                        .cmp(&known.ready(ModuleIx(*i as u32))),
                )
                .then(a.id.cmp(&b.id))
        })
        .map(|(i, _)| ModuleIx(i as u32))
}

fn collect(c: &Compiled, cond: &Cond, known: &dyn Known, out: &mut Vec<Candidate>) {
    let push = |out: &mut Vec<Candidate>, candidate: Candidate| {
        if !out.iter().any(|x| x.item == candidate.item) {
            out.push(candidate);
        }
    };
    match &cond.op {
        Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
            for child in children {
                collect(c, child, known, out);
            }
        }
        Op::Module(m) if !known.module_done(*m) && known.takeable(*m) => push(
            out,
            Candidate {
                item: Item::Module {
                    module: c.module(*m).id.clone(),
                },
                module: Some(*m),
                leaf: Leaf::Module(*m),
            },
        ),
        Op::Score(m, min) if !known.score_at(*m, *min) && known.takeable(*m) => push(
            out,
            Candidate {
                item: Item::Score {
                    module: c.module(*m).id.clone(),
                    min: ScoreKey(*min),
                },
                module: Some(*m),
                leaf: Leaf::Score(*m, *min),
            },
        ),
        Op::Competency(k, level) if !known.competency_at(*k, *level) => {
            let via = cheapest_teacher(c, known, *k, *level);
            push(
                out,
                Candidate {
                    item: Item::Competency {
                        competency: c.competencies()[k.index()].id.clone(),
                        level: *level,
                        via: via.map(|m| c.module(m).id.clone()),
                    },
                    module: via,
                    leaf: Leaf::Competency(*k, *level),
                },
            )
        }
        _ => {}
    }
}

/// Whether `cond` holds once the chosen candidates are done.
fn holds(c: &Compiled, cond: &Cond, known: &dyn Known, chosen: &[&Candidate]) -> bool {
    let done_modules: BTreeSet<ModuleIx> = order::set(chosen.iter().filter_map(|x| x.module));
    cond.eval(
        &mut |m| known.module_done(m) || done_modules.contains(&m),
        &mut |k, level| {
            known.competency_at(k, level)
                || chosen.iter().any(|x| x.leaf == Leaf::Competency(k, level))
                || done_modules.iter().any(|&m| {
                    c.module(m)
                        .teaches
                        .iter()
                        .any(|&(t, l)| t == k && l >= level)
                })
        },
        &mut |m, min| {
            known.score_at(m, min)
                || chosen
                    .iter()
                    .any(|x| matches!(x.leaf, Leaf::Score(sm, smin) if sm == m && smin >= min))
        },
    )
}

/// Minutes of the distinct modules chosen, summed in 64 bits: a module may count up
/// to `u32::MAX` minutes, and several of them must not wrap around.
fn cost(c: &Compiled, chosen: &[&Candidate]) -> u64 {
    let modules: BTreeSet<ModuleIx> = order::set(chosen.iter().filter_map(|x| x.module));
    modules
        .iter()
        .map(|&m| u64::from(c.module(m).minutes))
        .sum()
}

/// The cheapest set of steps that makes `cond` hold, or `None` if it already holds.
pub(crate) fn unlock(c: &Compiled, cond: &Cond, known: &dyn Known) -> Option<Unlock> {
    if holds(c, cond, known, &[]) {
        return None;
    }
    let mut candidates = Vec::new();
    collect(c, cond, known, &mut candidates);
    order::sort_by(&mut candidates, |a, b| a.item.cmp(&b.item));
    if let Some(direct) = k_of_modules(c, cond, known, &candidates) {
        return Some(direct);
    }
    if candidates.len() > EXACT_ITEM_LIMIT {
        return Some(greedy(c, cond, known, &candidates, 0));
    }
    let search = Search::new(c, cond, known, &candidates);
    Some(match search.run() {
        Found::Best(mask) => {
            let minutes = search.cost(mask);
            Unlock {
                items: positions(mask)
                    .map(|i| candidates[i].item.clone())
                    .collect(),
                minutes,
                exact: true,
                bound_minutes: minutes,
                possible: true,
            }
        }
        Found::Nothing => Unlock {
            items: Vec::new(),
            minutes: 0,
            exact: true,
            bound_minutes: 0,
            possible: false,
        },
        Found::OutOfBudget { bound } => greedy(c, cond, known, &candidates, bound),
    })
}

/// "k of these modules", when the expression is `allOf`, `anyOf` or `atLeast`
/// over module leaves only: the k cheapest the learner may take, ready ones first
/// among equals, then in item order — what the search would find, at once.
fn k_of_modules(
    c: &Compiled,
    cond: &Cond,
    known: &dyn Known,
    candidates: &[Candidate],
) -> Option<Unlock> {
    let (k, children) = match &cond.op {
        Op::All(children) => (children.len(), children),
        Op::Any(children) => (1, children),
        Op::AtLeast(k, children) => (*k as usize, children),
        _ => return None,
    };
    let mut leaves = Vec::with_capacity(children.len());
    for child in children {
        match child.op {
            Op::Module(m) => leaves.push(m),
            _ => return None,
        }
    }
    // A module named twice counts twice in `atLeast` but is done once: leave that
    // rare shape to the search.
    let distinct: BTreeSet<ModuleIx> = order::set(leaves.iter().copied());
    if distinct.len() != leaves.len() {
        return None;
    }
    let done = leaves.iter().filter(|&&m| known.module_done(m)).count();
    let needed = k.saturating_sub(done);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let minutes = |i: usize| {
        candidates[i]
            .module
            .map_or(0, |m| u64::from(c.module(m).minutes))
    };
    let not_ready = |i: usize| candidates[i].module.is_some_and(|m| !known.ready(m));
    order::sort_by_key(&mut order, |&i| (minutes(i), not_ready(i), i));
    if order.len() < needed {
        return Some(Unlock {
            items: Vec::new(),
            minutes: 0,
            exact: true,
            bound_minutes: 0,
            possible: false,
        });
    }
    let mut chosen: Vec<usize> = order[..needed].to_vec();
    chosen.sort_unstable();
    let total = chosen.iter().map(|&i| minutes(i)).sum();
    Some(Unlock {
        items: chosen.iter().map(|&i| candidates[i].item.clone()).collect(),
        minutes: total,
        exact: true,
        bound_minutes: total,
        possible: true,
    })
}

/// Positions of the set bits of a set of items, ascending.
fn positions(mask: u32) -> impl Iterator<Item = usize> {
    let mut rest = mask;
    std::iter::from_fn(move || {
        (rest != 0).then(|| {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            i
        })
    })
}

/// What the search ends with.
enum Found {
    /// The answer, proven best.
    Best(u32),
    /// No set of items makes the expression hold.
    Nothing,
    /// The budget ran out; no set costs less than `bound` minutes.
    OutOfBudget { bound: u64 },
}

/// A set of items waiting in the search, ordered by the tie rule: minutes, size,
/// modules not ready, then the sorted positions (the set holding the lowest
/// position where two differ comes first).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Open {
    minutes: u64,
    size: u32,
    not_ready: u32,
    /// Positions bit-reversed and inverted, so that a plain comparison orders
    /// the sorted position lists as the tie rule does.
    order: std::cmp::Reverse<u32>,
    mask: u32,
}

struct Search<'a> {
    c: &'a Compiled,
    cond: &'a Cond,
    known: &'a dyn Known,
    candidates: &'a [Candidate],
    /// Each candidate's module as a bit among the distinct modules named (two
    /// items on one module cost it once), 0 for a level reached by assessment.
    module_bit: Vec<u32>,
    /// Minutes of each distinct module, by bit.
    module_minutes: Vec<u64>,
}

impl<'a> Search<'a> {
    fn new(
        c: &'a Compiled,
        cond: &'a Cond,
        known: &'a dyn Known,
        candidates: &'a [Candidate],
    ) -> Self {
        let mut modules: Vec<ModuleIx> = Vec::new();
        let module_bit = candidates
            .iter()
            .map(|x| {
                x.module.map_or(0, |m| {
                    let slot = modules.iter().position(|&o| o == m).unwrap_or_else(|| {
                        modules.push(m);
                        modules.len() - 1
                    });
                    1 << slot
                })
            })
            .collect();
        let module_minutes = modules
            .iter()
            .map(|&m| u64::from(c.module(m).minutes))
            .collect();
        Search {
            c,
            cond,
            known,
            candidates,
            module_bit,
            module_minutes,
        }
    }

    fn refs(&self, mask: u32) -> Vec<&Candidate> {
        positions(mask).map(|i| &self.candidates[i]).collect()
    }

    /// Minutes of the distinct modules of a set: [`cost`] without allocating.
    fn cost(&self, mask: u32) -> u64 {
        let modules = positions(mask).fold(0u32, |acc, i| acc | self.module_bit[i]);
        positions(modules).map(|b| self.module_minutes[b]).sum()
    }

    fn holds(&self, mask: u32) -> bool {
        holds(self.c, self.cond, self.known, &self.refs(mask))
    }

    fn open(&self, mask: u32) -> Open {
        let not_ready = positions(mask)
            .filter(|&i| {
                self.candidates[i]
                    .module
                    .is_some_and(|m| !self.known.ready(m))
            })
            .count() as u32;
        Open {
            minutes: self.cost(mask),
            size: mask.count_ones(),
            not_ready,
            order: std::cmp::Reverse(mask.reverse_bits()),
            mask,
        }
    }

    /// Best-first over sets of items: each set is reached once (by adding items
    /// after its last one), and adding an item never lowers a set's place in the
    /// tie order, so the first set popped that makes the expression hold is the
    /// answer, and the cheapest set still waiting bounds every answer from below.
    fn run(&self) -> Found {
        let n = self.candidates.len();
        let all = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };
        if !self.holds(all) {
            return Found::Nothing;
        }
        let mut heap = std::collections::BinaryHeap::new();
        heap.push(std::cmp::Reverse(self.open(0)));
        let mut created = 1usize;
        while let Some(std::cmp::Reverse(set)) = heap.pop() {
            if self.holds(set.mask) {
                return Found::Best(set.mask);
            }
            let next = 32 - set.mask.leading_zeros() as usize; // after the last item
                                                               // Even with every later item the expression fails: nothing to extend.
            let later = all & !((1u32 << next).wrapping_sub(1));
            if next >= n || !self.holds(set.mask | later) {
                continue;
            }
            if created + (n - next) > NODE_BUDGET {
                let waiting = heap.peek().map_or(set.minutes, |w| w.0.minutes);
                return Found::OutOfBudget {
                    bound: set.minutes.min(waiting),
                };
            }
            for i in next..n {
                heap.push(std::cmp::Reverse(self.open(set.mask | 1 << i)));
                created += 1;
            }
        }
        Found::Nothing
    }
}

/// Adds, one at a time, the item that costs least per satisfied leaf, then drops
/// what turned out unnecessary. Only used past [`EXACT_ITEM_LIMIT`].
///
/// `bound` is what is known of the best answer's minutes from below (0: nothing).
fn greedy(
    c: &Compiled,
    cond: &Cond,
    known: &dyn Known,
    candidates: &[Candidate],
    bound: u64,
) -> Unlock {
    let mut chosen: Vec<&Candidate> = Vec::new();
    let mut rest: Vec<&Candidate> = candidates.iter().collect();
    while !holds(c, cond, known, &chosen) && !rest.is_empty() {
        let base = cost(c, &chosen);
        let (pick, _) = rest
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let mut with = chosen.clone();
                with.push(x);
                (i, cost(c, &with) - base)
            })
            .min_by_key(|&(i, extra)| (extra, i))
            .unwrap_or((0, 0));
        chosen.push(rest.remove(pick));
    }
    // Drop items, most expensive first, while the expression still holds.
    let mut i = chosen.len();
    while i > 0 {
        i -= 1;
        let mut without = chosen.clone();
        without.remove(i);
        if holds(c, cond, known, &without) {
            chosen = without;
        }
    }
    let minutes = cost(c, &chosen);
    let possible = holds(c, cond, known, &chosen);
    let mut items: Vec<Item> = chosen.into_iter().map(|x| x.item.clone()).collect();
    order::sort(&mut items);
    Unlock {
        items: if possible { items } else { Vec::new() },
        minutes: if possible { minutes } else { 0 },
        exact: false,
        bound_minutes: if possible { bound.min(minutes) } else { 0 },
        possible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_testkit::{self as synthetic, Rng, SyntheticOptions};

    struct Fixed {
        done: BTreeSet<ModuleIx>,
        barred: BTreeSet<ModuleIx>,
        levels: Vec<Option<u32>>,
        scores: Vec<Option<f64>>,
    }

    impl Known for Fixed {
        fn module_done(&self, m: ModuleIx) -> bool {
            self.done.contains(&m)
        }
        fn competency_at(&self, c: CompetencyIx, level: u32) -> bool {
            self.levels[c.index()].is_some_and(|l| l >= level)
        }
        fn score_at(&self, m: ModuleIx, min: f64) -> bool {
            self.scores[m.index()].is_some_and(|s| s >= min)
        }
        fn takeable(&self, m: ModuleIx) -> bool {
            !self.barred.contains(&m)
        }
        fn ready(&self, m: ModuleIx) -> bool {
            m.index() % 3 != 0
        }
    }

    fn random_cond(c: &Compiled, rng: &mut Rng, depth: u32) -> Cond {
        let n = c.modules().len();
        let leaf = |rng: &mut Rng| -> Op {
            match rng.below(3) {
                0 => Op::Module(ModuleIx(rng.below(n) as u32)),
                1 => Op::Score(
                    ModuleIx(rng.below(n) as u32),
                    [50.0, 70.0, 90.0][rng.below(3)],
                ),
                _ => {
                    let k = rng.below(c.competencies().len());
                    let levels = c.scales()[c.competencies()[k].scale.index()].levels.len();
                    Op::Competency(CompetencyIx(k as u32), rng.below(levels) as u32)
                }
            }
        };
        let op = if depth == 0 || rng.chance(35) {
            leaf(rng)
        } else {
            let children: Vec<Cond> = (0..1 + rng.below(4))
                .map(|_| random_cond(c, rng, depth - 1))
                .collect();
            match rng.below(3) {
                0 => Op::All(children),
                1 => Op::Any(children),
                _ => {
                    let k = 1 + rng.below(children.len()) as u32;
                    Op::AtLeast(k, children)
                }
            }
        };
        Cond { op, label: None }
    }

    /// Every subset of the candidate items, in the same tie order.
    fn brute_force(c: &Compiled, cond: &Cond, known: &dyn Known) -> Option<(u64, Vec<Item>)> {
        let mut candidates = Vec::new();
        collect(c, cond, known, &mut candidates);
        order::sort_by(&mut candidates, |a, b| a.item.cmp(&b.item));
        let mut best: Option<(u64, usize, usize, Vec<usize>)> = None;
        for mask in 0u32..(1 << candidates.len()) {
            let chosen: Vec<usize> = (0..candidates.len())
                .filter(|i| mask & (1 << i) != 0)
                .collect();
            let refs: Vec<&Candidate> = chosen.iter().map(|&i| &candidates[i]).collect();
            if !holds(c, cond, known, &refs) {
                continue;
            }
            let not_ready = refs
                .iter()
                .filter(|x| x.module.is_some_and(|m| !known.ready(m)))
                .count();
            let key = (cost(c, &refs), chosen.len(), not_ready, chosen.clone());
            if best.as_ref().is_none_or(|b| key < *b) {
                best = Some(key);
            }
        }
        best.map(|(minutes, _, _, chosen)| {
            (
                minutes,
                chosen
                    .into_iter()
                    .map(|i| candidates[i].item.clone())
                    .collect(),
            )
        })
    }

    #[test]
    fn the_search_finds_what_brute_force_finds() {
        let doc = synthetic::curriculum(&SyntheticOptions {
            modules: 14,
            seed: 7,
            ..SyntheticOptions::default()
        });
        // The generator builds documents of the published crate; they cross into
        // this test build as JSON, as a designer's file would.
        let outcome = crate::load_str(&synthetic::to_json(&doc));
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        let c = outcome.value.unwrap();
        let mut rng = Rng::new(2026);
        let mut compared = 0;
        for _ in 0..400 {
            let cond = random_cond(&c, &mut rng, 3);
            // Drawn in the same order as before: done, barred, levels, scores.
            let mut known = random_known(&c, &mut rng);
            known.levels = (0..c.competencies().len())
                .map(|_| rng.chance(40).then(|| rng.below(3) as u32))
                .collect();
            known.scores = (0..c.modules().len())
                .map(|_| rng.chance(30).then(|| [40.0, 75.0, 95.0][rng.below(3)]))
                .collect();
            let mut candidates = Vec::new();
            collect(&c, &cond, &known, &mut candidates);
            if candidates.len() > 14 {
                continue;
            }
            let found = unlock(&c, &cond, &known);
            let expected = brute_force(&c, &cond, &known);
            match (found, expected) {
                (None, _) => assert!(
                    holds(&c, &cond, &known, &[]),
                    "no answer for a failing expression"
                ),
                (Some(u), Some((minutes, items))) => {
                    assert!(u.exact && u.possible);
                    assert_eq!((u.minutes, &u.items), (minutes, &items), "{cond:?}");
                    compared += 1;
                }
                (Some(u), None) => assert!(
                    !u.possible && u.items.is_empty(),
                    "answer {u:?} where brute force finds none"
                ),
            }
        }
        assert!(compared > 100, "only {compared} expressions compared");
    }
    /// A synthetic curriculum; with `hours`, every module lasts that long.
    fn compiled(modules: usize, seed: u64, hours: Option<f64>) -> Compiled {
        let mut doc = synthetic::curriculum(&SyntheticOptions {
            modules,
            seed,
            ..SyntheticOptions::default()
        });
        if let Some(hours) = hours {
            for m in &mut doc.modules {
                m.duration_hours = hours;
            }
        }
        let outcome = crate::load_str(&synthetic::to_json(&doc));
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        outcome.value.unwrap()
    }

    /// A learner with nothing done, nothing barred, no level and no score.
    fn nothing_known(c: &Compiled) -> Fixed {
        Fixed {
            done: BTreeSet::new(),
            barred: BTreeSet::new(),
            levels: vec![None; c.competencies().len()],
            scores: vec![None; c.modules().len()],
        }
    }

    fn random_known(c: &Compiled, rng: &mut Rng) -> Fixed {
        Fixed {
            done: (0..c.modules().len())
                .filter(|_| rng.chance(25))
                .map(|m| ModuleIx(m as u32))
                .collect(),
            barred: (0..c.modules().len())
                .filter(|_| rng.chance(10))
                .map(|m| ModuleIx(m as u32))
                .collect(),
            levels: vec![None; c.competencies().len()],
            scores: vec![None; c.modules().len()],
        }
    }

    /// "k of these modules" answered directly is what every subset says.
    #[test]
    fn k_of_modules_is_what_brute_force_finds() {
        let c = compiled(16, 11, None);
        let mut rng = Rng::new(15);
        let mut compared = 0;
        for _ in 0..600 {
            let mut leaves: Vec<usize> = (0..c.modules().len()).collect();
            // A random subset of distinct modules, in random order.
            for i in (1..leaves.len()).rev() {
                leaves.swap(i, rng.below(i + 1));
            }
            leaves.truncate(1 + rng.below(12));
            let children: Vec<Cond> = leaves
                .iter()
                .map(|&m| Cond {
                    op: Op::Module(ModuleIx(m as u32)),
                    label: None,
                })
                .collect();
            let op = match rng.below(3) {
                0 => Op::All(children),
                1 => Op::Any(children),
                _ => Op::AtLeast(1 + rng.below(leaves.len()) as u32, children),
            };
            let cond = Cond { op, label: None };
            let known = random_known(&c, &mut rng);
            let mut candidates = Vec::new();
            collect(&c, &cond, &known, &mut candidates);
            order::sort_by(&mut candidates, |a, b| a.item.cmp(&b.item));
            if holds(&c, &cond, &known, &[]) {
                continue;
            }
            let direct = k_of_modules(&c, &cond, &known, &candidates).expect("a k-of shape");
            match brute_force(&c, &cond, &known) {
                Some((minutes, items)) => {
                    assert!(direct.exact && direct.possible);
                    assert_eq!(
                        (direct.minutes, &direct.items),
                        (minutes, &items),
                        "{cond:?}"
                    );
                    assert_eq!(direct.bound_minutes, minutes);
                }
                None => assert!(!direct.possible && direct.items.is_empty()),
            }
            compared += 1;
        }
        assert!(compared > 300, "only {compared} compared");
    }

    /// The shape: at least 11 of 22 modules, answered directly (the
    /// search would look at a million sets).
    #[test]
    fn eleven_of_twenty_two_is_answered_at_once() {
        let c = compiled(30, 3, None);
        let children: Vec<Cond> = (0..22)
            .map(|m| Cond {
                op: Op::Module(ModuleIx(m)),
                label: None,
            })
            .collect();
        let cond = Cond {
            op: Op::AtLeast(11, children),
            label: None,
        };
        let known = nothing_known(&c);
        let u = unlock(&c, &cond, &known).unwrap();
        assert!(u.exact && u.possible);
        assert_eq!(u.items.len(), 11);
        let mut minutes: Vec<u64> = (0..22).map(|m| u64::from(c.modules()[m].minutes)).collect();
        minutes.sort_unstable();
        assert_eq!(u.minutes, minutes[..11].iter().sum::<u64>());
    }

    /// Past its budget the search says so: not exact, a greedy answer that holds,
    /// and a lower bound no greater than it.
    #[test]
    fn a_search_past_its_budget_answers_with_a_bound() {
        // Modules of one length: every set of ten is cheaper than any answer.
        let c = compiled(30, 3, Some(2.0));
        // 21 modules and a score on another: not the direct shape.
        let mut children: Vec<Cond> = (0..21)
            .map(|m| Cond {
                op: Op::Module(ModuleIx(m)),
                label: None,
            })
            .collect();
        children.push(Cond {
            op: Op::Score(ModuleIx(25), 50.0),
            label: None,
        });
        let cond = Cond {
            op: Op::AtLeast(11, children),
            label: None,
        };
        let known = nothing_known(&c);
        let u = unlock(&c, &cond, &known).unwrap();
        assert!(!u.exact && u.possible, "{u:?}");
        assert!(u.bound_minutes > 0 && u.bound_minutes <= u.minutes, "{u:?}");
        let mut candidates = Vec::new();
        collect(&c, &cond, &known, &mut candidates);
        let chosen: Vec<&Candidate> = candidates
            .iter()
            .filter(|x| u.items.contains(&x.item))
            .collect();
        assert!(holds(&c, &cond, &known, &chosen));
    }
}

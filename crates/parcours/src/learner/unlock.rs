//! What would unlock a module: the fewest hours that make a failing prerequisite
//! expression hold, over that expression's own leaves.
//!
//! Each failing leaf is an *item*: complete a module, complete it with a score, or
//! reach a competency level — through the shortest module that teaches it, or by
//! assessment when no module does. A locked module named by a leaf is named, not
//! expanded: the answer speaks of this expression, not of the whole path (that is
//! the plan optimiser's job). The search is exact: a branch and bound over the items
//! (expressions have a handful of leaves), with a tie rule that makes the answer
//! unique — fewest minutes, then fewest items, then fewest modules not ready now,
//! then the smallest sorted item list. Only modules the learner may take (their
//! audience, not excluded) are proposed.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::curriculum::compiled::{CompetencyIx, Compiled, Cond, ModuleIx, Op};

/// Above this many distinct failing items the search falls back to a greedy
/// answer and says so (`exact: false`). Real expressions have far fewer.
pub(crate) const EXACT_ITEM_LIMIT: usize = 22;

/// One step towards unlocking.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Unlock {
    /// The steps, sorted.
    pub items: Vec<Item>,
    /// Total minutes of the modules to complete (each counted once).
    pub minutes: u64,
    /// Whether the answer is proven minimal (false only when more than 22 distinct
    /// leaves fail, where the search settles for a greedy answer).
    pub exact: bool,
    /// False when no set of modules the learner may take meets the expression (for
    /// example, it names modules of another audience only); `items` is then empty.
    pub possible: bool,
}

/// What the learner already has, as the search sees it.
pub(crate) trait Known {
    /// The module counts as completed (completed, expired or mastered).
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
    let done_modules: BTreeSet<ModuleIx> = chosen.iter().filter_map(|x| x.module).collect();
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
    let modules: BTreeSet<ModuleIx> = chosen.iter().filter_map(|x| x.module).collect();
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
    candidates.sort_by(|a, b| a.item.cmp(&b.item));
    if candidates.len() > EXACT_ITEM_LIMIT {
        return Some(greedy(c, cond, known, &candidates));
    }
    let mut search = Search {
        c,
        cond,
        known,
        candidates: &candidates,
        best: None,
    };
    let mut chosen = Vec::new();
    search.branch(0, &mut chosen);
    Some(match search.best {
        Some((minutes, items)) => Unlock {
            items: items
                .into_iter()
                .map(|i| candidates[i].item.clone())
                .collect(),
            minutes,
            exact: true,
            possible: true,
        },
        None => Unlock {
            items: Vec::new(),
            minutes: 0,
            exact: true,
            possible: false,
        },
    })
}

struct Search<'a> {
    c: &'a Compiled,
    cond: &'a Cond,
    known: &'a dyn Known,
    candidates: &'a [Candidate],
    /// Minutes and candidate positions of the best set so far.
    best: Option<(u64, Vec<usize>)>,
}

impl Search<'_> {
    fn refs(&self, positions: &[usize]) -> Vec<&Candidate> {
        positions.iter().map(|&i| &self.candidates[i]).collect()
    }

    /// Modules of a set that the learner cannot take yet (locked ones): among sets of
    /// equal hours and size, the one asking for fewer of them is more useful.
    fn not_ready(&self, positions: &[usize]) -> usize {
        positions
            .iter()
            .filter(|&&i| {
                self.candidates[i]
                    .module
                    .is_some_and(|m| !self.known.ready(m))
            })
            .count()
    }

    fn better(&self, minutes: u64, positions: &[usize]) -> bool {
        match &self.best {
            None => true,
            Some((best_minutes, best)) => {
                (
                    minutes,
                    positions.len(),
                    self.not_ready(positions),
                    positions,
                ) < (
                    *best_minutes,
                    best.len(),
                    self.not_ready(best),
                    best.as_slice(),
                )
            }
        }
    }

    fn branch(&mut self, next: usize, chosen: &mut Vec<usize>) {
        let minutes = cost(self.c, &self.refs(chosen));
        if let Some((best_minutes, _)) = &self.best {
            if minutes > *best_minutes {
                return;
            }
        }
        if holds(self.c, self.cond, self.known, &self.refs(chosen)) {
            if self.better(minutes, chosen) {
                self.best = Some((minutes, chosen.clone()));
            }
            return; // adding more can only cost more or add items
        }
        if next == self.candidates.len() {
            return;
        }
        // Prune: even with every remaining item, the expression cannot hold.
        let mut all: Vec<usize> = chosen.clone();
        all.extend(next..self.candidates.len());
        if !holds(self.c, self.cond, self.known, &self.refs(&all)) {
            return;
        }
        chosen.push(next);
        self.branch(next + 1, chosen);
        chosen.pop();
        self.branch(next + 1, chosen);
    }
}

/// Adds, one at a time, the item that costs least per satisfied leaf, then drops
/// what turned out unnecessary. Only used past [`EXACT_ITEM_LIMIT`].
fn greedy(c: &Compiled, cond: &Cond, known: &dyn Known, candidates: &[Candidate]) -> Unlock {
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
    items.sort();
    Unlock {
        items: if possible { items } else { Vec::new() },
        minutes: if possible { minutes } else { 0 },
        exact: false,
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
        candidates.sort_by(|a, b| a.item.cmp(&b.item));
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
            let known = Fixed {
                done: (0..c.modules().len())
                    .filter(|_| rng.chance(25))
                    .map(|m| ModuleIx(m as u32))
                    .collect(),
                barred: (0..c.modules().len())
                    .filter(|_| rng.chance(10))
                    .map(|m| ModuleIx(m as u32))
                    .collect(),
                levels: (0..c.competencies().len())
                    .map(|_| rng.chance(40).then(|| rng.below(3) as u32))
                    .collect(),
                scores: (0..c.modules().len())
                    .map(|_| rng.chance(30).then(|| [40.0, 75.0, 95.0][rng.below(3)]))
                    .collect(),
            };
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
}

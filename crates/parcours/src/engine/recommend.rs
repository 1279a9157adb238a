//! Next steps that explain themselves.
//!
//! Every action that serves the learner and can be done now gets a score. An
//! action is one of:
//!
//! | action | module | when |
//! |---|---|---|
//! | `take` | `available` or `availableWithWarnings` | always |
//! | `take` | `masteredByPositioning` | the dispensation falls short of a requirement in the way: a score gate its evidence does not reach, or `satisfiesPrerequisites: false` |
//! | `renew` | `expired` | always: a lapsed training proves nothing until renewed |
//! | `retake` | `completed` | a score gate on it, with its best valid score below the minimum, stands in the way |
//!
//! and the module must be open to the learner's audience, not excluded, and its
//! own `requires` must hold (what the plan could do first). A requirement "in
//! the way" is the `requires` of a locked module on the way to the goal (not
//! excluded), or the completion expression when the goal is completion: a gate
//! stands in it when it fails under failing nodes (`Facts::blocking_leaves`).
//! The plan takes the same steps (`renew`, `retake`, `forScore`); recommendations
//! rank them beside new modules, on the same terms:
//!
//! | term | value | default weight |
//! |---|---|---|
//! | `gap` | levels it closes on the goal's competencies: Σ (min(level taught, target) − current level), a competency with no level counting from −1 | 10 |
//! | `completion` | 1 when it counts towards an unmet completion rule (a core module, an optional one while optional minimums are unmet, a module of an unmet group, a leaf of a failing completion expression) and the goal includes completion | 5 |
//! | `unlocks` | locked modules on the way to the goal that it alone makes available | 3 |
//! | `core` | 1 for a core module | 4 |
//! | `stage` | 1 for the first stage down to 0 for the last (0 without stages) | 2 |
//! | `hours` | its duration in hours, subtracted | 0.5 |
//!
//! Scores are rounded to 4 decimals; ties break on module id, so identical input
//! gives identical bytes. A learner without goals works towards completing the
//! curriculum. When counting what a module unlocks, completing it is taken to meet
//! any score it is asked for. A retake counts towards completion when the gate
//! stands in a failing completion expression.

use serde::Serialize;

use crate::curriculum::compiled::{Compiled, Completion, ModuleIx};
use crate::curriculum::model::ModuleKind;
use crate::learner::evidence::round4;
use crate::learner::record::Learner;
use crate::learner::state::{Facts, Failure, ModuleState};
use crate::learner::unlock::{Known, Unlock};
use crate::read::date::Date;

/// Weights of the score's terms (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Weights {
    /// Per level closed on a goal competency.
    pub gap: f64,
    /// When the module counts towards an unmet completion rule.
    pub completion: f64,
    /// Per module on the way to the goal that it unlocks.
    pub unlocks: f64,
    /// For a core module.
    pub core: f64,
    /// For an early stage (scaled from 1 for the first stage to 0 for the last).
    pub stage: f64,
    /// Per hour of the module (subtracted).
    pub hours: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            gap: 10.0,
            completion: 5.0,
            unlocks: 3.0,
            core: 4.0,
            stage: 2.0,
            hours: 0.5,
        }
    }
}

/// Options of [`crate::recommend()`] and [`crate::why_not()`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendOptions {
    /// How many recommendations to return.
    pub top: usize,
    /// Weights of the terms.
    pub weights: Weights,
}

impl Default for RecommendOptions {
    fn default() -> Self {
        RecommendOptions {
            top: 5,
            weights: Weights::default(),
        }
    }
}

/// One term of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum TermKind {
    /// Levels closed on the goal.
    Gap,
    /// Counts towards completion.
    Completion,
    /// Modules unlocked on the way.
    Unlocks,
    /// Core module.
    Core,
    /// Stage order.
    Stage,
    /// Cost in hours.
    Hours,
}

/// A term's value and what it adds to the score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Term {
    /// Which term.
    pub kind: TermKind,
    /// Its raw value (levels, modules, hours, 0/1).
    pub value: f64,
    /// What it adds to the score (negative for hours).
    pub points: f64,
}

/// What a recommendation asks of the learner, with what the learner needs to
/// know about it. In JSON, `"action": "take" | "renew" | "retake"` beside the
/// recommendation's other fields, with the variant's fields.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Action {
    /// A module not completed yet, or held by positioning only (state
    /// `masteredByPositioning`) when the dispensation falls short of what a
    /// requirement in the way asks.
    #[serde(rename_all = "camelCase")]
    Take {
        /// For a dispensed module taken for a score gate its evidence does not
        /// reach: the score the gate asks.
        #[serde(skip_serializing_if = "Option::is_none")]
        required_score: Option<f64>,
    },
    /// An expired training to renew.
    #[serde(rename_all = "camelCase")]
    Renew {
        /// The first day its last completion no longer counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        expired_on: Option<Date>,
    },
    /// A completed module to take again for the score a gate in the way asks.
    #[serde(rename_all = "camelCase")]
    Retake {
        /// The best score among its valid completions (none: completed with no
        /// score recorded).
        #[serde(skip_serializing_if = "Option::is_none")]
        best_score: Option<f64>,
        /// The highest minimum among the gates in the way on it.
        required_score: f64,
    },
}

/// A recommended module.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recommendation {
    /// Module id.
    pub module: String,
    /// Total score.
    pub score: f64,
    /// Its state: available or available with warnings for a new module,
    /// expired for a renewal, completed for a retake, mastered by positioning
    /// for a dispensed module to take.
    pub state: ModuleState,
    /// Take, renew or retake (JSON: `action` and the action's fields).
    #[serde(flatten)]
    pub action: Action,
    /// The terms, in [`TermKind`] order; terms worth nothing are left out.
    pub reasons: Vec<Term>,
    /// Ids of the modules it unlocks on the way to the goal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unlocks: Vec<String>,
}

/// The ranked next steps of one learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recommendations {
    /// Learner id.
    pub learner: String,
    /// The best `top` modules, best first.
    pub recommendations: Vec<Recommendation>,
}

/// Why a module is not (or not first) recommended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WhyNot {
    /// Module id.
    pub module: String,
    /// Its state.
    pub state: ModuleState,
    /// The learner's constraints exclude it.
    pub excluded: bool,
    /// Failing required parts (for a locked module), in the curriculum's words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<Failure>,
    /// What would unlock it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlock: Option<Unlock>,
    /// Its rank among the recommendable modules (1 is the top), if recommendable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// What recommending it asks (take, renew, retake), if recommendable (JSON:
    /// `action` and the action's fields).
    #[serde(flatten)]
    pub action: Option<Action>,
    /// Its score, as if it could be taken now.
    pub score: f64,
    /// The top module it is compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
    /// The top module's score: beside `score`, it says whether this module would
    /// come first once open (a locked module is kept out by its lock, never
    /// "outscored").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_score: Option<f64>,
    /// Top module's points minus this module's, term by term (positive: the top
    /// module is ahead on that term).
    pub gap: Vec<Term>,
}

/// What is fixed for one learner while scoring modules.
struct Scoring<'a> {
    c: &'a Compiled,
    facts: &'a Facts<'a>,
    weights: Weights,
    goal_complete: bool,
    /// Unmet goal competencies with their targets.
    goal_levels: Vec<(usize, u32)>,
    /// Modules counting towards an unmet completion rule.
    towards_completion: Vec<bool>,
    excluded: Vec<bool>,
    /// Per module: the action recommending it would ask, if it is recommendable.
    actions: Vec<Option<Action>>,
    /// Locked, on the way to the goal and not excluded (what unlocking counts),
    /// with a `requires` that asks for more than modules: settled by evaluating it.
    lockable: Vec<bool>,
    /// Locked, on the way to the goal and not excluded, with a `requires` that
    /// counts nothing but modules and misses exactly one: settled by counting.
    misses_one: Vec<bool>,
}

impl<'a> Scoring<'a> {
    fn new(c: &'a Compiled, learner: &'a Learner, facts: &'a Facts<'a>, weights: Weights) -> Self {
        let n = c.modules().len();
        let states = facts.states();
        let goal_complete = learner.goal_complete || learner.goal_levels.is_empty();
        let goal_levels: Vec<(usize, u32)> = learner
            .goal_levels
            .iter()
            .filter(|(k, target)| facts.levels[k.index()].is_none_or(|l| l < *target))
            .map(|(k, target)| (k.index(), *target))
            .collect();
        // Per-module flags as plain slices, each computed once: these passes run
        // over every module of the curriculum for every learner.
        let done: Vec<bool> = states
            .iter()
            .map(|s| {
                matches!(
                    s,
                    ModuleState::Completed | ModuleState::MasteredByPositioning
                )
            })
            .collect();
        let open = facts.open();
        let kinds = &c.kinds[..];
        let mut towards_completion = vec![false; n];
        if goal_complete {
            match c.completion() {
                Completion::CoreAndOptional {
                    min_optional_modules,
                    min_optional_minutes,
                } => {
                    let mut count = 0usize;
                    let mut minutes = 0u64;
                    for (m, ((kind, &d), &o)) in kinds.iter().zip(&done).zip(open).enumerate() {
                        if *kind != ModuleKind::Core && d && o {
                            count += 1;
                            minutes += u64::from(c.modules()[m].minutes);
                        }
                    }
                    let optional_unmet = count < *min_optional_modules as usize
                        || minutes < u64::from(*min_optional_minutes);
                    for (towards, ((kind, &d), &o)) in towards_completion
                        .iter_mut()
                        .zip(kinds.iter().zip(&done).zip(open))
                    {
                        *towards = (*kind == ModuleKind::Core || optional_unmet) && !d && o;
                    }
                }
                Completion::Expression(cond) => {
                    if !facts.holds(cond) {
                        let mut leaves = Vec::new();
                        cond.modules(&mut leaves);
                        for m in leaves {
                            towards_completion[m.index()] = !done[m.index()];
                        }
                    }
                }
            }
            for group in c.groups() {
                let mut done_count = 0u32;
                let mut minutes = 0u64;
                for m in group.modules.iter().map(|m| m.index()) {
                    if done[m] {
                        done_count += 1;
                        minutes += u64::from(c.modules()[m].minutes);
                    }
                }
                let met = group.min_modules.is_none_or(|k| done_count >= k)
                    && group.min_minutes.is_none_or(|h| minutes >= u64::from(h));
                if !met {
                    for m in group.modules.iter().map(|m| m.index()) {
                        towards_completion[m] |= !done[m] && open[m];
                    }
                }
            }
        }
        // On the way to the goal: everything for the learner when the goal is
        // completion; otherwise the modules teaching an unmet goal competency, and
        // everything they (transitively) require.
        let mut relevant = if goal_complete {
            open.to_vec()
        } else {
            vec![false; n]
        };
        if !goal_complete {
            let mut stack: Vec<usize> = (0..n)
                .filter(|&m| {
                    c.modules()[m]
                        .teaches
                        .iter()
                        .any(|&(k, _)| goal_levels.iter().any(|&(g, _)| g == k.index()))
                })
                .collect();
            while let Some(m) = stack.pop() {
                if relevant[m] {
                    continue;
                }
                relevant[m] = true;
                stack.extend(c.prerequisites_of(ModuleIx(m as u32)).map(|p| p.index()));
            }
            for (r, &o) in relevant.iter_mut().zip(open) {
                *r = *r && o;
            }
        }
        let mut excluded = vec![false; n];
        for m in &learner.excluded {
            excluded[m.index()] = true;
        }
        let mut lockable = vec![false; n];
        let mut misses_one = vec![false; n];
        for (d, (s, (&r, &x))) in states
            .iter()
            .zip(relevant.iter().zip(&excluded))
            .enumerate()
        {
            if *s == ModuleState::Locked && r && !x {
                match facts.modules_missing(d) {
                    None => lockable[d] = true,
                    Some(missing) => misses_one[d] = missing == 1,
                }
            }
        }
        // Requirements in the way: the `requires` of locked modules on the way to
        // the goal (not excluded), and a failing completion expression. Their
        // blocking leaves on completed or dispensed modules are retakes and
        // dispensed modules to take.
        //
        // Only a leaf on a completed or dispensed module makes an action, and a
        // `requires` with such a leaf names that module: so only the locked
        // dependents of completed and dispensed modules are walked, in module
        // order (the order the whole walk would give). A learner with a few
        // modules done walks a few requirements, not every locked module's.
        let mut blocking: Vec<(ModuleIx, Option<f64>)> = Vec::new();
        let mut walk: Vec<ModuleIx> = states
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                matches!(
                    s,
                    ModuleState::Completed | ModuleState::MasteredByPositioning
                )
            })
            .flat_map(|(m, _)| c.dependents_of(ModuleIx(m as u32)))
            .filter(|d| {
                let d = d.index();
                states[d] == ModuleState::Locked && relevant[d] && !excluded[d]
            })
            .collect();
        walk.sort_unstable();
        walk.dedup();
        for d in walk {
            if let Some(requires) = &c.module(d).requires {
                facts.blocking_leaves(requires, &mut blocking);
            }
        }
        let in_the_way = blocking.len();
        if goal_complete {
            if let Completion::Expression(cond) = c.completion() {
                facts.blocking_leaves(cond, &mut blocking);
            }
        }
        let takeable = |m: ModuleIx| {
            open[m.index()]
                && !excluded[m.index()]
                && c.module(m).requires.as_ref().is_none_or(|r| facts.holds(r))
        };
        let mut actions: Vec<Option<Action>> = states
            .iter()
            .zip(&excluded)
            .map(|(s, &x)| {
                (s.is_available() && !x).then_some(Action::Take {
                    required_score: None,
                })
            })
            .collect();
        for (m, s) in states.iter().enumerate() {
            let ix = ModuleIx(m as u32);
            if *s == ModuleState::Expired && takeable(ix) {
                actions[m] = Some(Action::Renew {
                    expired_on: facts.expired_on(ix),
                });
            }
        }
        for (i, &(m, min)) in blocking.iter().enumerate() {
            let ix = m.index();
            let action = match (states[ix], min) {
                (ModuleState::Completed, Some(min)) => Action::Retake {
                    best_score: facts.valid_score(m),
                    required_score: min,
                },
                (ModuleState::MasteredByPositioning, required_score) => {
                    Action::Take { required_score }
                }
                _ => continue,
            };
            if !takeable(m) {
                continue;
            }
            // Several gates in the way on one module: the highest minimum is
            // what a retake must reach.
            actions[ix] = Some(match (actions[ix], action) {
                (
                    Some(Action::Retake {
                        required_score: a, ..
                    }),
                    Action::Retake {
                        best_score,
                        required_score: b,
                    },
                ) => Action::Retake {
                    best_score,
                    required_score: a.max(b),
                },
                (
                    Some(Action::Take {
                        required_score: Some(a),
                    }),
                    Action::Take { required_score: b },
                ) => Action::Take {
                    required_score: Some(b.map_or(a, |b| a.max(b))),
                },
                _ => action,
            });
            if i >= in_the_way {
                towards_completion[ix] = true;
            }
        }
        Scoring {
            actions,
            lockable,
            misses_one,
            c,
            facts,
            weights,
            goal_complete,
            goal_levels,
            towards_completion,
            excluded,
        }
    }

    fn recommendable(&self, m: usize) -> bool {
        self.actions[m].is_some()
    }

    /// Locked modules on the way to the goal that completing `m` could make
    /// available, apart from those [`Self::unlocked_by_count`] settles: its
    /// dependents by module or by a competency it teaches, except dependents whose
    /// `requires` counts nothing but modules.
    fn unlock_candidates(&self, m: usize) -> Vec<usize> {
        let c = self.c;
        let module = c.module(ModuleIx(m as u32));
        let mut candidates: Vec<usize> = c
            .dependents_of(ModuleIx(m as u32))
            .map(|d| d.index())
            .filter(|&d| self.lockable[d])
            .collect();
        for &(k, level) in &module.teaches {
            candidates.extend(
                c.competency_dependents(k)
                    .iter()
                    .filter(|&&(_, asked)| self.helps(k, level, asked))
                    .map(|(d, _)| d.index()),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&d| self.lockable[d]);
        candidates
    }

    /// Locked modules on the way to the goal whose `requires` counts nothing but
    /// modules, `m` among them, and that miss one more: completing `m` unlocks
    /// them, as counting shows without evaluating anything. A module already
    /// counted (completed, taken again for a score) adds nothing to the count.
    fn unlocked_by_count(&self, m: usize) -> impl Iterator<Item = usize> + '_ {
        let counted = self.facts.module_done(ModuleIx(m as u32));
        self.c
            .counted_dependents(m)
            .iter()
            .map(|d| d.index())
            .filter(move |&d| !counted && self.misses_one[d])
    }

    /// Whether teaching competency `k` at `level` meets a leaf asking for `asked`
    /// that the learner does not meet yet (otherwise a module cannot unlock
    /// anything through that leaf).
    fn helps(&self, k: crate::curriculum::compiled::CompetencyIx, level: u32, asked: u32) -> bool {
        asked <= level && self.facts.levels[k.index()].is_none_or(|l| l < asked)
    }

    /// At least as many as [`Self::unlocked`] (a dependent by module and by
    /// competency counts twice), without allocating: a bound for ranking.
    fn unlock_bound(&self, m: usize) -> usize {
        let c = self.c;
        let open = |d: usize| self.lockable[d];
        let by_module = c
            .dependents_of(ModuleIx(m as u32))
            .filter(|d| open(d.index()))
            .count()
            + self.unlocked_by_count(m).count();
        let by_competency: usize = c
            .module(ModuleIx(m as u32))
            .teaches
            .iter()
            .map(|&(k, level)| {
                c.competency_dependents(k)
                    .iter()
                    .filter(|&&(d, asked)| self.helps(k, level, asked) && open(d.index()))
                    .count()
            })
            .sum();
        by_module + by_competency
    }

    /// The score of `m` given how many modules it unlocks (the sum of its terms).
    fn score_with(&self, m: usize, unlocks: usize) -> f64 {
        Self::score(&self.terms_with(m, unlocks))
    }

    /// The locked modules on the way to the goal that completing `m` makes
    /// available, in module order.
    fn unlocked(&self, m: usize) -> Vec<usize> {
        let mut unlocked = self.unlocked_by(m, self.unlock_candidates(m));
        let before = unlocked.len();
        unlocked.extend(self.unlocked_by_count(m));
        if unlocked.len() > before {
            unlocked.sort_unstable();
        }
        unlocked
    }

    /// Of `candidates`, those that completing `m` makes available.
    fn unlocked_by(&self, m: usize, candidates: Vec<usize>) -> Vec<usize> {
        let c = self.c;
        let module = c.module(ModuleIx(m as u32));
        candidates
            .into_iter()
            .filter(|&d| {
                c.requires_flat(d).is_none_or(|r| {
                    r.eval(
                        &mut |x| x.index() == m || self.facts.module_done(x),
                        &mut |k, level| {
                            self.facts.competency_at(k, level)
                                || module.teaches.iter().any(|&(t, l)| t == k && l >= level)
                        },
                        &mut |x, min| x.index() == m || self.facts.score_at(x, min),
                    )
                })
            })
            .collect()
    }

    fn terms(&self, m: usize) -> (Vec<Term>, Vec<usize>) {
        let unlocked = self.unlocked(m);
        (self.terms_with(m, unlocked.len()).to_vec(), unlocked)
    }

    /// The raw value of each term of `m` (in [`TermKind`] order), given how many
    /// modules it unlocks, and the weights that turn them into points.
    fn values(&self, m: usize, unlocks: usize) -> ([f64; 6], [f64; 6]) {
        let c = self.c;
        let w = self.weights;
        let gap: f64 = self
            .goal_levels
            .iter()
            .map(|&(k, target)| {
                let taught = c
                    .module(ModuleIx(m as u32))
                    .teaches
                    .iter()
                    .filter(|(t, _)| t.index() == k)
                    .map(|(_, l)| *l)
                    .max();
                let current = self.facts.levels[k].map_or(-1, i64::from);
                taught.map_or(0, |t| (i64::from(t.min(target)) - current).max(0)) as f64
            })
            .sum();
        let completion = f64::from(u8::from(self.goal_complete && self.towards_completion[m]));
        let core = f64::from(u8::from(c.is_core(m)));
        let stage = c.ranking.stage.get(m).copied().unwrap_or(0.0);
        let hours = c.ranking.hours.get(m).copied().unwrap_or(0.0);
        (
            [gap, completion, unlocks as f64, core, stage, hours],
            [w.gap, w.completion, w.unlocks, w.core, w.stage, -w.hours],
        )
    }

    /// The terms of `m`, given how many modules it unlocks.
    fn terms_with(&self, m: usize, unlocks: usize) -> [Term; 6] {
        const KINDS: [TermKind; 6] = [
            TermKind::Gap,
            TermKind::Completion,
            TermKind::Unlocks,
            TermKind::Core,
            TermKind::Stage,
            TermKind::Hours,
        ];
        let (values, weights) = self.values(m, unlocks);
        std::array::from_fn(|i| Term {
            kind: KINDS[i],
            value: round4(values[i]),
            points: round4(weights[i] * values[i]),
        })
    }

    /// A score at least as high as [`Self::score_with`] gives (rounding aside,
    /// with a margin for it), computed without rounding.
    fn score_bound(&self, m: usize, unlocks: usize) -> f64 {
        let (values, weights) = self.values(m, unlocks);
        values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() + 1e-3
    }

    fn score(terms: &[Term]) -> f64 {
        round4(terms.iter().map(|t| t.points).sum())
    }

    /// The `top` best recommendable modules (every one when `top` is `None`),
    /// ranked: scores first, then the full reasons of the few that are shown.
    fn ranking(&self, top: Option<usize>) -> Vec<Recommendation> {
        let c = self.c;
        let by_rank = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then_with(|| {
                c.id_rank(ModuleIx(a.1 as u32))
                    .cmp(&c.id_rank(ModuleIx(b.1 as u32)))
            })
        };
        // Scores with every candidate unlocked are upper bounds: evaluate modules in
        // that order and stop once no bound can reach the `top`-th exact score. A
        // heap gives that order for the few modules evaluated without sorting them
        // all. Keys are integers (score bits in total order, then id rank): unique,
        // so the order is deterministic, and cheaper than comparing floats.
        let mut bounds: std::collections::BinaryHeap<(i64, std::cmp::Reverse<u32>, u64, usize)> =
            (0..c.modules().len())
                .filter(|&m| self.recommendable(m))
                .map(|m| {
                    let best_case = if self.weights.unlocks >= 0.0 {
                        self.unlock_bound(m)
                    } else {
                        0
                    };
                    let score = self.score_bound(m, best_case);
                    let bits = score.to_bits() as i64;
                    let ordered = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
                    (
                        ordered,
                        std::cmp::Reverse(c.id_rank(ModuleIx(m as u32))),
                        score.to_bits(),
                        m,
                    )
                })
                .collect();
        // Exact scores, best first, with what each module unlocks (kept for output).
        let mut exact: Vec<(f64, usize, Vec<usize>)> = Vec::new();
        while let Some((_, _, bound, m)) = bounds.pop() {
            let bound = f64::from_bits(bound);
            if let Some(top) = top {
                let kth = top.checked_sub(1).and_then(|k| exact.get(k));
                if top == 0 || kth.is_some_and(|kth| bound < kth.0) {
                    break;
                }
            }
            let unlocked = self.unlocked(m);
            let scored = (self.score_with(m, unlocked.len()), m);
            let at = exact
                .partition_point(|x| by_rank(&(x.0, x.1), &scored) == std::cmp::Ordering::Less);
            exact.insert(at, (scored.0, m, unlocked));
            if let Some(top) = top {
                exact.truncate(top);
            }
        }
        exact
            .into_iter()
            .map(|(score, m, unlocked)| Recommendation {
                module: c.modules()[m].id.clone(),
                score,
                state: self.facts.state(ModuleIx(m as u32)),
                action: self.actions[m].unwrap_or(Action::Take {
                    required_score: None,
                }),
                reasons: self
                    .terms_with(m, unlocked.len())
                    .into_iter()
                    .filter(|t| t.points != 0.0)
                    .collect(),
                unlocks: unlocked
                    .iter()
                    .map(|&d| c.modules()[d].id.clone())
                    .collect(),
            })
            .collect()
    }
}

/// The learner's best next steps.
pub(crate) fn recommend(
    c: &Compiled,
    learner: &Learner,
    options: &RecommendOptions,
) -> Recommendations {
    let facts = Facts::new(c, learner);
    let scoring = Scoring::new(c, learner, &facts, options.weights);
    Recommendations {
        learner: learner.id.clone(),
        recommendations: scoring.ranking(Some(options.top)),
    }
}

/// Why `module` is not recommended, or not first.
pub(crate) fn why_not(
    c: &Compiled,
    learner: &Learner,
    module: ModuleIx,
    options: &RecommendOptions,
) -> WhyNot {
    let facts = Facts::new(c, learner);
    let scoring = Scoring::new(c, learner, &facts, options.weights);
    let m = module.index();
    let ranking = scoring.ranking(None);
    let info = c.module(module);
    let (terms, _) = scoring.terms(m);
    let top = ranking.first();
    let gap = match top {
        Some(top) => {
            let top_index = c.module_ix(&top.module).map_or(m, ModuleIx::index);
            let (top_terms, _) = scoring.terms(top_index);
            top_terms
                .iter()
                .zip(&terms)
                .map(|(a, b)| Term {
                    kind: a.kind,
                    value: round4(a.value - b.value),
                    points: round4(a.points - b.points),
                })
                .collect()
        }
        None => Vec::new(),
    };
    let state = facts.state(module);
    let mut why = Vec::new();
    let mut unlock = None;
    // A locked module, or an expired one that cannot be renewed now because its
    // own prerequisites no longer hold (behind another training that lapsed):
    // what is in the way.
    let unrenewable = state == ModuleState::Expired && scoring.actions[m].is_none();
    if state == ModuleState::Locked || unrenewable {
        if let Some(requires) = &info.requires {
            facts.failures(requires, &format!("/modules/{m}/requires"), &mut why);
            unlock = crate::learner::unlock::unlock(c, requires, &facts);
        }
    }
    WhyNot {
        module: info.id.clone(),
        state,
        excluded: scoring.excluded[m],
        why,
        unlock,
        rank: ranking
            .iter()
            .position(|r| r.module == info.id)
            .map(|p| p + 1),
        action: scoring.actions[m],
        score: Scoring::score(&terms),
        top: top.map(|t| t.module.clone()),
        top_score: top.map(|t| t.score),
        gap,
    }
}

/// Modules a learner could take now (the ready set): state available or available
/// with warnings, not excluded. The unit the benchmarks compare.
pub(crate) fn ready_set(c: &Compiled, learner: &Learner) -> Vec<ModuleIx> {
    let facts = Facts::new(c, learner);
    // `states` says `available` for both available states: telling them apart
    // (evaluating every `recommends`) would change nothing here.
    facts
        .states()
        .iter()
        .enumerate()
        .map(|(m, state)| (ModuleIx(m as u32), state))
        .filter(|&(m, state)| state.is_available() && !learner.excluded.contains(&m))
        .map(|(m, _)| m)
        .collect()
}

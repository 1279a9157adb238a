//! Progress against the completion rule, and the individual record a training body
//! files for each trainee: entry positioning, modules skipped and why, what was
//! followed, levels before and after, what remains.
//!
//! For progress, a module is *done* when it is completed (and still valid) or held by
//! positioning; an expired module is to renew, so it is not done. Only modules for
//! the learner's audience count.
//! The percentage is in hours: done hours over required hours, where required is
//! done plus remaining. *Remaining* is the shortest plan to completion, which the
//! facade computes and hands over as a `PathLeft` (progress sits below the plan
//! and never calls it), so that progress and plan give the same hours left. *Done*
//! counts the modules the rule asks for that are done and that this plan does not
//! take again (a renewal or a retake is remaining, not done): core modules and the
//! optional hours the rule needs (`minOptionalHours`, or the `minOptionalModules`
//! shortest optional modules, whichever is more), or, for an `expression`, the
//! modules it names (directly, or as teachers of a level it asks). Without a path
//! (no plan completes), remaining is the estimate below, and `reachable` is false.
//!
//! The **entry** is the learner's state when the training began: the entry date is
//! the record's `enrolledOn`, or without it the day of the first completion (or,
//! with no completion, today: nothing has been followed yet). The entry
//! positioning is the assessed evidence dated on or before it; levels "before" come
//! from that evidence and from completions dated before it (modules followed
//! earlier, elsewhere), as valid on that day. Evidence valid at the entry that has
//! expired since is shown as expired, in the entry positioning and beside the
//! level after. A level reads « acquis » when it rose to the level the curriculum
//! targets for the competency (the highest level a module open to the learner
//! teaches), « en progrès » when it rose short of it.

use serde::Serialize;

use crate::curriculum::competency::Source;
use crate::curriculum::compiled::{Compiled, Completion, Cond, ModuleIx, Op};
use crate::curriculum::model::ModuleKind;
use crate::learner::evidence::{self, round4, Piece, PieceOutput};
use crate::learner::record::{History, Learner};
use crate::learner::state::{completion_lapsed, mastery_evidence, Facts, ModuleState};
use crate::learner::unlock;
use crate::read::date::Date;
use crate::read::order;

/// Options of [`crate::progress()`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressOptions {
    /// The entry date ("before"); default: the record's `enrolledOn`, else the day
    /// of the first completion, else the record's `now`.
    pub since: Option<Date>,
}

/// What the shortest plan to completion leaves to do, handed to [`progress`] by
/// the facade.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PathLeft {
    /// The plan's length in minutes; `None` when no plan completes the curriculum.
    pub(crate) minutes: Option<u64>,
    /// The modules it takes, renews or retakes.
    pub(crate) modules: Vec<ModuleIx>,
}

/// Counts of modules and hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Tally {
    /// Modules done.
    pub done: u32,
    /// Modules asked for.
    pub required: u32,
    /// Hours done.
    pub done_hours: f64,
    /// Hours asked for.
    pub required_hours: f64,
}

/// Progress on one group rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupProgress {
    /// Group id.
    pub group: String,
    /// Modules of the group done.
    pub done: u32,
    /// Hours of the group done.
    pub done_hours: f64,
    /// Whether the rule is met.
    pub met: bool,
}

/// Progress against the completion rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompletionProgress {
    /// Whether the curriculum is completed (rule and every group).
    pub met: bool,
    /// Core modules for the learner's audience.
    pub core: Tally,
    /// Optional modules against the rule's minimums.
    pub optional: Tally,
    /// Group rules.
    pub groups: Vec<GroupProgress>,
    /// For an explicit completion expression: whether it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<bool>,
    /// Hours done that count towards completion (modules the shortest plan takes
    /// again, to renew or retake, are not counted).
    pub done_hours: f64,
    /// Hours left: the shortest plan to completion (the figure `plan` gives with a
    /// completion goal).
    pub remaining_hours: f64,
    /// Whether some plan completes the curriculum; when not, `remaining_hours` is
    /// an estimate (see `plan` for what stands in the way).
    pub reachable: bool,
    /// Hours the rule asks for: done plus remaining.
    pub required_hours: f64,
    /// `done_hours / required_hours`, in percent, 4 decimals.
    pub percentage: f64,
}

/// A piece of the entry positioning.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntryPiece {
    /// The piece.
    #[serde(flatten)]
    pub piece: PieceOutput,
    /// It no longer counts now (older than its validity).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

/// A competency's level before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LevelChange {
    /// Competency id.
    pub competency: String,
    /// Level at the entry (the `since` date).
    pub before: Option<u32>,
    /// Level now.
    pub after: Option<u32>,
    /// The level the curriculum targets: the highest a module open to the learner
    /// teaches (none when no module teaches the competency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// The level rose to the target (« acquis »).
    pub acquired: bool,
    /// The level rose, short of the target (« en progrès »).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_progress: bool,
    /// Evidence that counted at the entry, or since, has expired by now: the level
    /// after is without it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

/// A completed module.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Followed {
    /// Module id.
    pub module: String,
    /// Date.
    pub date: Date,
    /// Score, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Past its validity: to renew.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
    /// For an expired completion: the first day it no longer counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_on: Option<Date>,
}

/// A module skipped because assessed evidence shows what it teaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Skipped {
    /// Module id.
    pub module: String,
    /// The evidence.
    pub evidence: Vec<PieceOutput>,
}

/// A module the completion rule still needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Remaining {
    /// Module id.
    pub module: String,
    /// Core or optional.
    pub kind: ModuleKind,
    /// Its state now.
    pub state: ModuleState,
    /// The learner's constraints exclude it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
}

/// The individual record of one learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Progress {
    /// Learner id.
    pub learner: String,
    /// Curriculum id.
    pub curriculum: String,
    /// Curriculum version.
    pub version: String,
    /// The date of the computation.
    pub now: Date,
    /// The date of "before".
    pub since: Option<Date>,
    /// Against the completion rule.
    pub completion: CompletionProgress,
    /// Assessed evidence up to `since`: the entry positioning.
    pub entry_positioning: Vec<EntryPiece>,
    /// Competencies whose level is known before or after.
    pub levels: Vec<LevelChange>,
    /// Modules followed, by date.
    pub followed: Vec<Followed>,
    /// Modules skipped by positioning.
    pub skipped: Vec<Skipped>,
    /// Core modules not done, and optional modules still possible when the optional
    /// minimums are not met.
    pub remaining: Vec<Remaining>,
    /// Carried and unknown ids.
    pub history: History,
}

/// Minutes as hours, rounded to 4 decimals (durations are kept in minutes).
pub(crate) fn hours(minutes: u64) -> f64 {
    round4(minutes as f64 / 60.0)
}

/// Whether a piece is part of the entry on `entry`: assessed evidence on or before
/// the day, a completion before it (a module completed on the entry day is part of
/// the training).
fn at_entry(p: &Piece, entry: Date) -> bool {
    if p.source == Source::Completion {
        p.date < entry
    } else {
        p.date <= entry
    }
}

/// Levels of every competency at the entry, from the pieces of the entry still
/// valid on that day.
fn levels_at_entry(c: &Compiled, pieces: &[Piece], entry: Date) -> Vec<Option<u32>> {
    c.competencies()
        .iter()
        .enumerate()
        .map(|(ci, info)| {
            let valid: Vec<&Piece> = pieces
                .iter()
                .filter(|p| {
                    p.competency.index() == ci
                        && at_entry(p, entry)
                        && !evidence::is_expired(&info.assessment, p, entry)
                })
                .collect();
            evidence::combine(&info.assessment, &valid).0
        })
        .collect()
}

/// Per competency: whether a piece that counted at the entry, or came after it, has
/// expired by `now`.
fn expired_since_entry(c: &Compiled, pieces: &[Piece], entry: Date, now: Date) -> Vec<bool> {
    let mut out = vec![false; c.competencies().len()];
    for p in pieces {
        let rule = &c.competencies()[p.competency.index()].assessment;
        let counted = !at_entry(p, entry) || !evidence::is_expired(rule, p, entry);
        if counted && evidence::is_expired(rule, p, now) {
            out[p.competency.index()] = true;
        }
    }
    out
}

/// Per competency: the highest level a module open to the learner teaches.
fn targets(c: &Compiled, learner: &Learner) -> Vec<Option<u32>> {
    let mut out = vec![None; c.competencies().len()];
    for info in c.modules() {
        if info.is_for(learner.audience) {
            for &(k, level) in &info.teaches {
                if let Some(slot) = out.get_mut(k.index()) {
                    *slot = (*slot).max(Some(level));
                }
            }
        }
    }
    out
}

/// The learner's progress and individual record.
pub(crate) fn progress(
    c: &Compiled,
    learner: &Learner,
    options: ProgressOptions,
    left: Option<&PathLeft>,
) -> Progress {
    let facts = Facts::new(c, learner);
    let n = c.modules().len();
    let states: Vec<ModuleState> = (0..n).map(|m| facts.state(ModuleIx(m as u32))).collect();
    let is_done = |m: usize| {
        matches!(
            states[m],
            ModuleState::Completed | ModuleState::MasteredByPositioning
        )
    };
    let for_learner = |m: usize| c.modules()[m].is_for(learner.audience);
    let minutes = |m: usize| u64::from(c.modules()[m].minutes);
    // Done and credited: not taken again by the shortest plan.
    let again = |m: usize| left.is_some_and(|l| l.modules.contains(&ModuleIx(m as u32)));
    let credited = |m: usize| !again(m);

    let core: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Core && for_learner(m))
        .collect();
    let optional: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Optional && for_learner(m))
        .collect();
    let core_done: Vec<usize> = core.iter().copied().filter(|&m| is_done(m)).collect();
    // A completed optional module counts even if it was meant for another audience:
    // what was followed was followed.
    let optional_done: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Optional && is_done(m))
        .collect();
    let core_minutes: u64 = core.iter().map(|&m| minutes(m)).sum();
    let core_done_minutes: u64 = core_done
        .iter()
        .copied()
        .filter(|&m| credited(m))
        .map(minutes)
        .sum();
    let optional_done_minutes: u64 = optional_done
        .iter()
        .copied()
        .filter(|&m| credited(m))
        .map(minutes)
        .sum();

    let groups: Vec<GroupProgress> = c
        .groups()
        .iter()
        .map(|g| {
            let done: Vec<usize> = g
                .modules
                .iter()
                .map(|m| m.index())
                .filter(|&m| is_done(m))
                .collect();
            let done_minutes: u64 = done.iter().map(|&m| minutes(m)).sum();
            let met = g.min_modules.is_none_or(|k| done.len() as u32 >= k)
                && g.min_minutes.is_none_or(|h| done_minutes >= u64::from(h));
            GroupProgress {
                group: g.id.clone(),
                done: done.len() as u32,
                done_hours: hours(done_minutes),
                met,
            }
        })
        .collect();
    let groups_met = groups.iter().all(|g| g.met);
    // The cheapest way to meet each unmet group with modules the learner may take,
    // counting only non-core members (core ones are required anyway).
    let mut group_members: Vec<usize> = Vec::new();
    let mut group_shortfall: u64 = 0;
    for (g, progress) in c.groups().iter().zip(&groups) {
        if progress.met {
            continue;
        }
        let mut open: Vec<usize> = g
            .modules
            .iter()
            .map(|m| m.index())
            .filter(|&m| !is_done(m) && for_learner(m))
            .collect();
        order::sort_by(&mut open, |&a, &b| {
            (minutes(a), &c.modules()[a].id).cmp(&(minutes(b), &c.modules()[b].id))
        });
        group_members.extend(open.iter().copied());
        let mut done_minutes = (progress.done_hours * 60.0).round() as u64;
        for (count, m) in (progress.done..).zip(open) {
            let enough_modules = g.min_modules.is_none_or(|k| count >= k);
            let enough_minutes = g.min_minutes.is_none_or(|h| done_minutes >= u64::from(h));
            if enough_modules && enough_minutes {
                break;
            }
            done_minutes += minutes(m);
            if c.modules()[m].kind != ModuleKind::Core {
                group_shortfall += minutes(m);
            }
        }
    }

    let core_tally = Tally {
        done: core_done.len() as u32,
        required: core.len() as u32,
        done_hours: hours(core_done_minutes),
        required_hours: hours(core_minutes),
    };
    let (completion, remaining_optional) = match c.completion() {
        Completion::CoreAndOptional {
            min_optional_modules,
            min_optional_minutes,
        } => {
            let mut lengths: Vec<u64> = optional.iter().map(|&m| minutes(m)).collect();
            lengths.sort_unstable();
            let k = *min_optional_modules as usize;
            let shortest: u64 = lengths.iter().take(k).sum();
            let target = shortest.max(u64::from(*min_optional_minutes));
            let optional_met = optional_done.len() >= k
                && optional_done_minutes >= u64::from(*min_optional_minutes);
            let done = core_done_minutes + optional_done_minutes.min(target);
            let estimate = (core_minutes + target + group_shortfall).saturating_sub(done);
            let met = core_done.len() == core.len() && optional_met && groups_met;
            let (remaining, reachable) = remaining_minutes(left, estimate, met);
            (
                CompletionProgress {
                    met,
                    core: core_tally.clone(),
                    optional: Tally {
                        done: optional_done.len() as u32,
                        required: k as u32,
                        done_hours: hours(optional_done_minutes),
                        required_hours: hours(u64::from(*min_optional_minutes)),
                    },
                    groups,
                    expression: None,
                    done_hours: hours(done),
                    remaining_hours: hours(remaining),
                    reachable,
                    required_hours: hours(done + remaining),
                    percentage: percentage(done, done + remaining, met),
                },
                !optional_met,
            )
        }
        Completion::Expression(cond) => {
            let holds = facts.holds(cond);
            let met = holds && groups_met;
            let mut named = vec![false; n];
            rule_modules(c, cond, &mut named);
            let done_minutes: u64 = (0..n)
                .filter(|&m| named[m] && is_done(m) && credited(m))
                .map(minutes)
                .sum();
            // Without a path: what would unlock the rule, else every module it names
            // that is not done (a rule no plan meets still shows what it asks).
            let estimate = match unlock::unlock(c, cond, &facts) {
                Some(u) if u.possible => u.minutes,
                _ => (0..n)
                    .filter(|&m| named[m] && !is_done(m))
                    .map(minutes)
                    .sum(),
            } + group_shortfall;
            let (remaining, reachable) = remaining_minutes(left, estimate, met);
            (
                CompletionProgress {
                    met,
                    core: core_tally.clone(),
                    optional: Tally {
                        done: optional_done.len() as u32,
                        required: 0,
                        done_hours: hours(optional_done_minutes),
                        required_hours: 0.0,
                    },
                    groups,
                    expression: Some(holds),
                    done_hours: hours(done_minutes),
                    remaining_hours: hours(remaining),
                    reachable,
                    required_hours: hours(done_minutes + remaining),
                    percentage: percentage(done_minutes, done_minutes + remaining, met),
                },
                false,
            )
        }
    };

    let mut remaining: Vec<Remaining> = core
        .iter()
        .copied()
        .filter(|&m| !is_done(m))
        .map(|m| Remaining {
            module: c.modules()[m].id.clone(),
            kind: ModuleKind::Core,
            state: states[m],
            excluded: learner.excluded.contains(&ModuleIx(m as u32)),
        })
        .collect();
    if remaining_optional {
        remaining.extend(
            optional
                .iter()
                .copied()
                .filter(|&m| !is_done(m))
                .map(|m| Remaining {
                    module: c.modules()[m].id.clone(),
                    kind: ModuleKind::Optional,
                    state: states[m],
                    excluded: learner.excluded.contains(&ModuleIx(m as u32)),
                }),
        );
    }
    // A written rule has no core/optional menu: what remains is what the shortest
    // plan takes.
    if matches!(c.completion(), Completion::Expression(_)) {
        if let Some(left) = left {
            for &m in &left.modules {
                let m = m.index();
                if !remaining.iter().any(|r| r.module == c.modules()[m].id) {
                    remaining.push(Remaining {
                        module: c.modules()[m].id.clone(),
                        kind: c.modules()[m].kind,
                        state: states[m],
                        excluded: learner.excluded.contains(&ModuleIx(m as u32)),
                    });
                }
            }
        }
    }
    for m in group_members {
        if !remaining.iter().any(|r| r.module == c.modules()[m].id) {
            remaining.push(Remaining {
                module: c.modules()[m].id.clone(),
                kind: c.modules()[m].kind,
                state: states[m],
                excluded: learner.excluded.contains(&ModuleIx(m as u32)),
            });
        }
    }

    // Before and after: "before" is the entry (see the module documentation).
    let first_completion = learner.completions.iter().map(|d| d.date).min();
    let entry = options
        .since
        .or(learner.enrolled_on)
        .or(first_completion)
        .unwrap_or(learner.now);
    let since = Some(entry);
    let before = levels_at_entry(c, facts.pieces(), entry);
    let expired_since = expired_since_entry(c, facts.pieces(), entry, learner.now);
    let target = targets(c, learner);
    let levels = c
        .competencies()
        .iter()
        .enumerate()
        .filter_map(|(ci, info)| {
            let b = before[ci];
            let a = facts.levels[ci];
            // Level 0 is where everyone starts: reaching it from nothing is no rise.
            let rose = match (b, a) {
                (None, Some(a)) => a > 0,
                (Some(b), Some(a)) => a > b,
                _ => false,
            };
            let reached = match (a, target[ci]) {
                (Some(a), Some(t)) => a >= t,
                _ => false,
            };
            (a.is_some() || b.is_some() || expired_since[ci]).then(|| LevelChange {
                competency: info.id.clone(),
                before: b,
                after: a,
                target: target[ci],
                acquired: rose && reached,
                in_progress: rose && !reached,
                expired: expired_since[ci],
            })
        })
        .collect();
    let entry_positioning = learner
        .pieces
        .iter()
        .filter(|p| at_entry(p, entry))
        .map(|p| EntryPiece {
            piece: PieceOutput::new(c, p),
            expired: evidence::is_expired(
                &c.competencies()[p.competency.index()].assessment,
                p,
                learner.now,
            ),
        })
        .collect();

    let mut followed: Vec<Followed> = learner
        .completions
        .iter()
        .map(|done| Followed {
            module: c.module(done.module).id.clone(),
            date: done.date,
            score: done.score,
            expired: completion_lapsed(c, done.module, done.date, learner.now),
            expired_on: c
                .module(done.module)
                .validity_months
                .map(|v| done.date.add_months(v))
                .filter(|&until| until < learner.now)
                .map(Date::next_day),
        })
        .collect();
    order::sort_by(&mut followed, |a, b| {
        a.date.cmp(&b.date).then(a.module.cmp(&b.module))
    });

    let skipped = (0..n)
        .filter(|&m| states[m] == ModuleState::MasteredByPositioning)
        .map(|m| Skipped {
            module: c.modules()[m].id.clone(),
            evidence: mastery_evidence(c, learner, &facts, ModuleIx(m as u32)),
        })
        .collect();

    let doc = c.document();
    Progress {
        learner: learner.id.clone(),
        curriculum: doc.id.clone(),
        version: doc.version.clone(),
        now: learner.now,
        since,
        completion,
        entry_positioning,
        levels,
        followed,
        skipped,
        remaining,
        history: learner.history.clone(),
    }
}

/// Minutes left and whether a plan completes: the path's length when the facade
/// found one, nothing once the rule is met, else the estimate (unreachable).
fn remaining_minutes(left: Option<&PathLeft>, estimate: u64, met: bool) -> (u64, bool) {
    match left {
        _ if met => (0, true),
        Some(PathLeft {
            minutes: Some(m), ..
        }) => (*m, true),
        Some(PathLeft { minutes: None, .. }) => (estimate, false),
        // Without the facade's path (internal callers), the estimate stands.
        None => (estimate, true),
    }
}

/// The modules a completion expression names: module and score leaves, and the
/// modules that teach a level it asks for.
fn rule_modules(c: &Compiled, cond: &Cond, out: &mut [bool]) {
    match &cond.op {
        Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
            for child in children {
                rule_modules(c, child, out);
            }
        }
        Op::Module(m) | Op::Score(m, _) => out[m.index()] = true,
        Op::Competency(k, level) => {
            for (m, info) in c.modules().iter().enumerate() {
                if info.teaches.iter().any(|&(t, l)| t == *k && l >= *level) {
                    out[m] = true;
                }
            }
        }
    }
}

/// Done over required, in percent; never 100 while the rule is not met (a group
/// the learner cannot meet, say, still leaves something to do).
fn percentage(done: u64, required: u64, met: bool) -> f64 {
    let raw = if required == 0 {
        100.0
    } else {
        round4(100.0 * (done.min(required)) as f64 / required as f64)
    };
    if met {
        raw
    } else {
        raw.min(99.99)
    }
}

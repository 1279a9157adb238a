//! From evidence to a competency level, with a confidence.
//!
//! Each competency has an [`AssessmentRule`]: a method, source weights and a validity.
//! Evidence older than the validity is *expired*: it no longer counts, and the result
//! says so. So is the completion of a module past the module's own `validityMonths`
//! (a training that must be renewed proves nothing once it has lapsed). The remaining pieces (assessed evidence, and module completions, which
//! count as evidence from the source `completion` at the level the module teaches)
//! are combined by the method:
//!
//! | method | level | worked example (levels by date, oldest first) |
//! |---|---|---|
//! | `latest` | the newest piece | 1, 3, 2 → **2** |
//! | `highest` | the highest piece | 1, 3, 2 → **3** |
//! | `average` | weighted mean, rounded down | 1, 3, 2 (weights 1) → 2.0 → **2**; 1, 2 → 1.5 → **1** |
//! | `decayingAverage` | newest × w + weighted mean of the earlier ones × (1 − w), rounded down | w = 0.65: 1, 3, 2 → 0.65 × 2 + 0.35 × 2 = 2.0 → **2**; 0, 0, 3 → 1.95 → **1** |
//! | `nOfM` | the highest level reached by at least n of the last m pieces | n = 2, m = 3: 1, 3, 2, 3 → last three 3, 2, 3 → **3**; 3, 1, 2 → **2** |
//!
//! A completion is evidence of *at least* the level taught: completions only ever
//! raise a level (see [`combine`]). Exemption from a module ("mastered by
//! positioning") asks more: assessed evidence other than self-assessment, with a
//! confidence of at least 0.4 (see [`mastery_level`]).
//!
//! **Source ranks.** A source's rank is its weight (`sourceWeights`). Without
//! weights, assessed sources (trainer assessment, observation, quiz) and module
//! completions rank 1, peer and self-assessment 0.5
//! ([`DEFAULT_SOURCE_WEIGHTS`](crate::curriculum::compiled::DEFAULT_SOURCE_WEIGHTS)): a
//! learner's own word, or a colleague's, does not outrank an assessment. A designer
//! who sets weights decides; a source the weights leave out keeps its default rank.
//! In `latest` and `highest`, a self- or peer assessment counts only when no piece
//! from a higher-ranked source exists: with the default ranks, a trainer's level 1
//! beats the learner's own level 3. Ties between pieces of the same date break on
//! the source's weight, then on the order of the record, so the result is
//! deterministic.
//!
//! **Confidence**, in [0, 1], is confidence *in the level found*: pieces that agree
//! with it raise it, pieces that contradict it lower it. Each valid piece has a
//! strength `sᵢ = 0.6 · ρᵢ · φᵢ`, where `ρᵢ = min(1, source weight × piece weight /
//! highest source weight)` and `φᵢ = 1 − ½ · age / validity` (1 without a validity).
//! An assessed piece agrees when it shows the level found as the method finds it
//! (exactly it in `latest` and `highest`; it or the level above in the averages,
//! which round down; at least it in `nOfM`, where the level is what enough pieces
//! reach); a completion shows *at least*
//! the level it teaches, so it agrees when that is at most the level found (always,
//! since completions only raise a level). A piece below the level, older than an
//! agreeing piece that shows more, is the past of a learner who has progressed: it
//! neither agrees nor contradicts. Every other piece contradicts. Then
//! `confidence = (1 − Π_agree (1 − sᵢ)) × Π_contradict (1 − sⱼ)`. One fresh piece
//! from a top-ranked source gives 0.6, two that agree 0.84; a trainer's level 1
//! with the learner's own level 3 gives 0.6 × (1 − 0.3) = 0.42, less than the
//! trainer's word alone. For a given level, adding a piece that agrees never lowers
//! the confidence and adding one that contradicts never raises it (a property
//! test, `learner/properties.rs`).

use serde::Serialize;

use crate::curriculum::competency::{Method, Source};
use crate::curriculum::compiled::{AssessmentRule, CompetencyIx, Compiled};
use crate::read::date::Date;
use crate::read::order;

/// Weight of one fresh top-ranked piece in the confidence.
const PIECE_STRENGTH: f64 = 0.6;

/// Tolerance when rounding a mean down to a level, so that 1.9999999 (a mean of
/// 2 computed in floating point) counts as 2.
const FLOOR_EPSILON: f64 = 1e-9;

/// Rounds to 4 decimals, as every float in output is.
///
/// Rounding is exactly specified by IEEE 754, so `f64::round` gives the same bits
/// natively and in WebAssembly (unlike transcendental functions, for which the core
/// uses `libm`), and it is a single instruction where the processor has one.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Where a piece of evidence comes from in the learner record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", tag = "kind", content = "index")]
#[non_exhaustive]
pub enum Origin {
    /// `evidence[i]` of the record.
    Evidence(usize),
    /// `completed[i]` of the record (a module completion).
    Completion(usize),
}

/// One piece of evidence about one competency, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    /// The competency.
    pub(crate) competency: CompetencyIx,
    /// Level shown, as a rank of the competency's scale.
    pub(crate) level: u32,
    /// Source.
    pub(crate) source: Source,
    /// Date observed.
    pub(crate) date: Date,
    /// Extra weight of this piece (1 by default).
    pub(crate) weight: f64,
    /// Where it is in the record.
    pub(crate) origin: Origin,
    /// The score the evidence gave (0–100), when it gave one rather than a level:
    /// a dispensation by a score meets the score gates it reaches.
    pub(crate) score: Option<f64>,
    /// For a completion of a module with a `validityMonths`: the last day it is
    /// valid. Past it, the completion proves nothing, whatever the competency's own
    /// validity.
    pub(crate) valid_until: Option<Date>,
}

/// A piece of evidence as shown in output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PieceOutput {
    /// The competency it is about.
    pub competency: String,
    /// Where it is in the record.
    pub origin: Origin,
    /// Source.
    pub source: Source,
    /// Date.
    pub date: Date,
    /// Level, as a rank.
    pub level: u32,
}

impl PieceOutput {
    /// The piece as shown, naming its competency.
    pub(crate) fn new(c: &Compiled, p: &Piece) -> Self {
        PieceOutput {
            competency: c.competencies()[p.competency.index()].id.clone(),
            origin: p.origin,
            source: p.source,
            date: p.date,
            level: p.level,
        }
    }
}

/// The level of one competency, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompetencyLevel {
    /// Competency id.
    pub competency: String,
    /// Level reached (a rank), if any evidence supports one.
    pub level: Option<u32>,
    /// Id of that level in the scale.
    pub level_id: Option<String>,
    /// Confidence in [0, 1], rounded to 4 decimals.
    pub confidence: f64,
    /// The method applied.
    pub method: Method,
    /// Assessed evidence the method used.
    pub evidence: Vec<PieceOutput>,
    /// Module completions the method used (shown apart from assessed evidence).
    pub completion_evidence: Vec<PieceOutput>,
    /// Pieces that no longer count because they are older than the validity.
    pub expired: Vec<PieceOutput>,
}

/// Whether a source is what someone declares rather than what an assessment shows.
fn declared(source: Source) -> bool {
    matches!(source, Source::SelfAssessment | Source::Peer)
}

fn source_weight(rule: &AssessmentRule, source: Source) -> f64 {
    let i = match source {
        Source::SelfAssessment => 0,
        Source::TrainerAssessment => 1,
        Source::Quiz => 2,
        Source::Observation => 3,
        Source::Peer => 4,
        Source::Completion => 5,
    };
    rule.source_weights[i]
}

/// Whether `piece` no longer counts on `now`: older than the rule's validity, or a
/// completion of a module whose own validity has passed.
pub(crate) fn is_expired(rule: &AssessmentRule, piece: &Piece, now: Date) -> bool {
    expired_on(rule, piece.date, now) || piece.valid_until.is_some_and(|until| until < now)
}

/// Whether evidence dated `date` has expired by `now` under the rule.
pub(crate) fn expired_on(rule: &AssessmentRule, date: Date, now: Date) -> bool {
    rule.validity_months
        .is_some_and(|months| date.add_months(months) < now)
}

/// Orders pieces oldest first; same-day pieces by source weight, then record order.
fn chronological<'p>(rule: &AssessmentRule, pieces: &[&'p Piece]) -> Vec<&'p Piece> {
    let mut sorted = pieces.to_vec();
    order::sort_by(&mut sorted, |a, b| {
        a.date
            .cmp(&b.date)
            .then(source_weight(rule, a.source).total_cmp(&source_weight(rule, b.source)))
            .then(a.origin.cmp(&b.origin))
    });
    sorted
}

/// The level a method gives on valid pieces, and the pieces it used.
pub(crate) fn apply_method<'p>(
    rule: &AssessmentRule,
    pieces: &[&'p Piece],
) -> (Option<u32>, Vec<&'p Piece>) {
    if pieces.is_empty() {
        return (None, Vec::new());
    }
    let sorted = chronological(rule, pieces);
    let weight = |p: &Piece| source_weight(rule, p.source) * p.weight;
    match rule.method {
        Method::Latest | Method::Highest => {
            // A declared piece (self or peer) gives way to any higher-ranked source.
            let outranked = |d: &Piece| {
                declared(d.source)
                    && sorted
                        .iter()
                        .any(|p| source_weight(rule, p.source) > source_weight(rule, d.source))
            };
            let eligible: Vec<&Piece> = sorted.iter().copied().filter(|p| !outranked(p)).collect();
            let chosen = if rule.method == Method::Latest {
                eligible.last().copied()
            } else {
                // The highest level; among equals, the newest.
                eligible
                    .iter()
                    .copied()
                    .max_by(|a, b| a.level.cmp(&b.level))
            };
            match chosen {
                Some(p) => (Some(p.level), vec![p]),
                None => (None, Vec::new()),
            }
        }
        Method::Average => {
            let mean = weighted_mean(&sorted, weight);
            (Some(floor_level(mean)), sorted)
        }
        Method::DecayingAverage => {
            let Some((newest, earlier)) = sorted.split_last() else {
                return (None, Vec::new());
            };
            let value = if earlier.is_empty() {
                f64::from(newest.level)
            } else {
                rule.w * f64::from(newest.level) + (1.0 - rule.w) * weighted_mean(earlier, weight)
            };
            (Some(floor_level(value)), sorted.clone())
        }
        Method::NOfM => {
            let m = rule.m.max(1) as usize;
            let n = rule.n.max(1) as usize;
            let window: Vec<&Piece> = sorted.iter().rev().take(m).rev().copied().collect();
            let mut levels: Vec<u32> = window.iter().map(|p| p.level).collect();
            levels.sort_unstable_by(|a, b| b.cmp(a));
            // The n-th highest level of the window is reached by at least n pieces.
            match levels.get(n - 1) {
                Some(&level) => (Some(level), window),
                None => (None, window),
            }
        }
    }
}

fn weighted_mean(pieces: &[&Piece], weight: impl Fn(&Piece) -> f64) -> f64 {
    let total: f64 = pieces.iter().map(|p| weight(p)).sum();
    if total > 0.0 {
        pieces
            .iter()
            .map(|p| weight(p) * f64::from(p.level))
            .sum::<f64>()
            / total
    } else {
        // Every weight is zero: fall back to the plain mean rather than divide by zero.
        pieces.iter().map(|p| f64::from(p.level)).sum::<f64>() / pieces.len() as f64
    }
}

fn floor_level(value: f64) -> u32 {
    let floored = libm::floor(value + FLOOR_EPSILON);
    if floored <= 0.0 {
        0
    } else {
        floored as u32
    }
}

/// The level from valid pieces, assessed and from completions, and the pieces that
/// make it.
///
/// A completion is evidence of *at least* the level the module teaches, so
/// completions only ever raise a level: the result is the highest of the method on
/// assessed evidence, the method on all evidence, and the highest level a valid
/// completion teaches (completing an introduction after showing mastery changes
/// nothing; completing a module guarantees the level it teaches).
pub(crate) fn combine<'p>(
    rule: &AssessmentRule,
    valid: &[&'p Piece],
) -> (Option<u32>, Vec<&'p Piece>) {
    let assessed: Vec<&Piece> = valid
        .iter()
        .copied()
        .filter(|p| p.source != Source::Completion)
        .collect();
    if assessed.is_empty() {
        // Only completions: every method gives at most the highest level, which
        // completions guarantee anyway.
        let level = valid.iter().map(|p| p.level).max();
        let used = valid
            .iter()
            .copied()
            .filter(|p| Some(p.level) == level)
            .collect();
        return (level, used);
    }
    if assessed.len() == valid.len() {
        // No completion: nothing to combine.
        let (level, used) = apply_method(rule, valid);
        return (level, if level.is_some() { used } else { Vec::new() });
    }
    let (by_assessment, assessed_used) = apply_method(rule, &assessed);
    let (by_all, all_used) = apply_method(rule, valid);
    let best_completion = valid
        .iter()
        .filter(|p| p.source == Source::Completion)
        .map(|p| p.level)
        .max();
    let level = [by_assessment, by_all, best_completion]
        .into_iter()
        .flatten()
        .max();
    let used = match level {
        None => Vec::new(),
        Some(l) if by_all == Some(l) => all_used,
        Some(l) if by_assessment == Some(l) => assessed_used,
        Some(l) => valid
            .iter()
            .copied()
            .filter(|p| p.source == Source::Completion && p.level == l)
            .collect(),
    };
    (level, used)
}

/// The level [`combine`] gives, without collecting the pieces it used (the hot path
/// of states and recommendations).
pub(crate) fn combine_level(rule: &AssessmentRule, valid: &[&Piece]) -> Option<u32> {
    if valid.iter().all(|p| p.source == Source::Completion) {
        return valid.iter().map(|p| p.level).max();
    }
    combine(rule, valid).0
}

/// The level that exempts from a module ("mastered by positioning"), and the pieces
/// that show it: the method on the assessed evidence from the sources the
/// curriculum's `exemption` policy names (by default all but self-assessment), with
/// at least its confidence (by default 0.4). A learner's own word positions; by
/// default it does not exempt. A completion never does.
pub(crate) fn mastery_level<'p>(
    rule: &AssessmentRule,
    valid: &[&'p Piece],
    now: Date,
) -> (Option<u32>, Vec<&'p Piece>) {
    let assessed: Vec<&Piece> = valid
        .iter()
        .copied()
        .filter(|p| p.source != Source::Completion && rule.exemption.sources[p.source as usize])
        .collect();
    let (level, used) = apply_method(rule, &assessed);
    if level.is_none() || confidence(rule, &assessed, level, now) < rule.exemption.min_confidence {
        return (None, Vec::new());
    }
    (level, used)
}

/// Confidence in [0, 1] that the valid pieces show `level` (see the module
/// documentation): 0 without a level.
pub(crate) fn confidence(
    rule: &AssessmentRule,
    pieces: &[&Piece],
    level: Option<u32>,
    now: Date,
) -> f64 {
    let top = rule.source_weights.iter().copied().fold(0.0_f64, f64::max);
    let Some(level) = level else {
        return 0.0;
    };
    if top <= 0.0 {
        return 0.0;
    }
    let mut doubt = 1.0;
    let mut contradiction = 1.0;
    for p in pieces {
        let agreeing = agrees(rule.method, p, level);
        if !agreeing && superseded(rule.method, p, pieces, level) {
            continue;
        }
        let rank = (source_weight(rule, p.source) * p.weight / top).clamp(0.0, 1.0);
        let freshness = match rule.validity_months {
            Some(months) if months > 0 => {
                let span =
                    (p.date.add_months(months).day_number() - p.date.day_number()).max(1) as f64;
                let age = (now.day_number() - p.date.day_number()).max(0) as f64;
                (1.0 - 0.5 * age / span).clamp(0.5, 1.0)
            }
            _ => 1.0,
        };
        let strength = PIECE_STRENGTH * rank * freshness;
        if agreeing {
            doubt *= 1.0 - strength;
        } else {
            contradiction *= 1.0 - strength;
        }
    }
    round4((1.0 - doubt) * contradiction)
}

/// Whether a piece agrees with `level`. A completion shows at least the level its
/// module teaches. An assessment agrees when it shows the level found as the method
/// finds it: exactly it in `latest` and `highest`; it or the level above in
/// `average` and `decayingAverage` (a mean is rounded down, so 2 and 3 give 2); at
/// least it in `nOfM` (the level is what enough pieces *reach*).
pub(crate) fn agrees(method: Method, piece: &Piece, level: u32) -> bool {
    if piece.source == Source::Completion {
        return piece.level <= level;
    }
    match method {
        Method::Latest | Method::Highest => piece.level == level,
        Method::Average | Method::DecayingAverage => {
            piece.level == level || piece.level == level.saturating_add(1)
        }
        Method::NOfM => piece.level >= level,
    }
}

/// Whether a piece below `level` is only the past of a learner who has progressed
/// since: a later piece that agrees with the level shows more than it. Such a
/// piece neither raises nor lowers the confidence. Only agreeing pieces supersede,
/// so that a contradicting piece can never raise the confidence by silencing
/// another.
fn superseded(method: Method, piece: &Piece, pieces: &[&Piece], level: u32) -> bool {
    piece.level < level
        && pieces.iter().any(|later| {
            later.date > piece.date && later.level > piece.level && agrees(method, later, level)
        })
}

/// The level of competency `c` from `pieces` (all about `c`), on `now`.
pub(crate) fn competency_level(
    curriculum: &Compiled,
    c: CompetencyIx,
    pieces: &[&Piece],
    now: Date,
) -> CompetencyLevel {
    let info = &curriculum.competencies()[c.index()];
    let rule = &info.assessment;
    let (valid, expired): (Vec<&Piece>, Vec<&Piece>) = pieces
        .iter()
        .copied()
        .partition(|p| !is_expired(rule, p, now));
    let (level, used) = combine(rule, &valid);
    let scale = &curriculum.scales()[info.scale.index()];
    let split = |completion: bool| -> Vec<PieceOutput> {
        used.iter()
            .filter(|p| (p.source == Source::Completion) == completion)
            .map(|p| PieceOutput::new(curriculum, p))
            .collect()
    };
    CompetencyLevel {
        competency: info.id.clone(),
        level,
        level_id: level.and_then(|l| scale.levels.get(l as usize).cloned()),
        // Without a level there is nothing to be confident in.
        confidence: confidence(rule, &valid, level, now),
        method: rule.method,
        evidence: split(false),
        completion_evidence: split(true),
        expired: expired
            .iter()
            .map(|p| PieceOutput::new(curriculum, p))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(method: Method) -> AssessmentRule {
        AssessmentRule {
            method,
            w: 0.65,
            n: 2,
            m: 3,
            source_weights: [0.5, 2.0, 1.0, 2.0, 1.0, 1.0],
            validity_months: Some(24),
            exemption: crate::curriculum::compiled::ExemptionRule::default(),
        }
    }

    fn piece(level: u32, source: Source, date: &str, i: usize) -> Piece {
        Piece {
            competency: CompetencyIx(0),
            level,
            source,
            date: date.parse().unwrap(),
            weight: 1.0,
            origin: Origin::Evidence(i),
            score: None,
            valid_until: None,
        }
    }

    /// Levels 1, 3, 2 (oldest first), all from quizzes (weight 1).
    fn series(levels: &[u32]) -> Vec<Piece> {
        levels
            .iter()
            .enumerate()
            .map(|(i, &l)| piece(l, Source::Quiz, &format!("2026-0{}-01", i + 1), i))
            .collect()
    }

    fn level(method: Method, levels: &[u32]) -> Option<u32> {
        let pieces = series(levels);
        let refs: Vec<&Piece> = pieces.iter().collect();
        apply_method(&rule(method), &refs).0
    }

    #[test]
    fn worked_examples_of_the_documentation() {
        assert_eq!(level(Method::Latest, &[1, 3, 2]), Some(2));
        assert_eq!(level(Method::Highest, &[1, 3, 2]), Some(3));
        assert_eq!(level(Method::Average, &[1, 3, 2]), Some(2));
        assert_eq!(level(Method::Average, &[1, 2]), Some(1));
        assert_eq!(level(Method::DecayingAverage, &[1, 3, 2]), Some(2));
        assert_eq!(level(Method::DecayingAverage, &[0, 0, 3]), Some(1));
        assert_eq!(level(Method::NOfM, &[1, 3, 2, 3]), Some(3));
        assert_eq!(level(Method::NOfM, &[3, 1, 2]), Some(2));
        assert_eq!(
            level(Method::NOfM, &[3]),
            None,
            "fewer than n pieces give no level"
        );
        assert_eq!(level(Method::Latest, &[]), None);
    }

    #[test]
    fn a_self_assessment_counts_only_without_a_higher_ranked_source() {
        let alone = [piece(3, Source::SelfAssessment, "2026-05-01", 0)];
        let refs: Vec<&Piece> = alone.iter().collect();
        assert_eq!(apply_method(&rule(Method::Latest), &refs).0, Some(3));
        let with_trainer = [
            piece(1, Source::TrainerAssessment, "2026-01-01", 0),
            piece(3, Source::SelfAssessment, "2026-05-01", 1),
        ];
        let refs: Vec<&Piece> = with_trainer.iter().collect();
        assert_eq!(apply_method(&rule(Method::Latest), &refs).0, Some(1));
        assert_eq!(apply_method(&rule(Method::Highest), &refs).0, Some(1));
    }

    #[test]
    fn weighted_average_uses_source_weights() {
        // Trainer (2) says 3, self-assessment (0.5) says 0: (6 + 0) / 2.5 = 2.4 → 2.
        let pieces = [
            piece(3, Source::TrainerAssessment, "2026-01-01", 0),
            piece(0, Source::SelfAssessment, "2026-02-01", 1),
        ];
        let refs: Vec<&Piece> = pieces.iter().collect();
        assert_eq!(apply_method(&rule(Method::Average), &refs).0, Some(2));
    }

    #[test]
    fn confidence_grows_with_agreeing_pieces_and_rank() {
        let now: Date = "2026-01-01".parse().unwrap();
        let r = rule(Method::Latest);
        let trainer = piece(2, Source::TrainerAssessment, "2026-01-01", 0);
        let own = piece(2, Source::SelfAssessment, "2026-01-01", 1);
        assert_eq!(confidence(&r, &[&trainer], Some(2), now), 0.6);
        assert_eq!(confidence(&r, &[&trainer, &trainer], Some(2), now), 0.84);
        assert_eq!(confidence(&r, &[&own], Some(2), now), 0.15);
        assert!(
            confidence(&r, &[&own, &trainer], Some(2), now) > confidence(&r, &[&own], Some(2), now)
        );
        assert_eq!(confidence(&r, &[], Some(2), now), 0.0);
        assert_eq!(confidence(&r, &[&trainer], None, now), 0.0);
        let old = piece(2, Source::TrainerAssessment, "2024-01-01", 2);
        assert_eq!(
            confidence(&r, &[&old], Some(2), now),
            0.3,
            "at the end of validity, half the weight"
        );
    }

    /// The rule of the default ranks, as a designer who writes no weights gets it.
    fn default_rule(method: Method) -> AssessmentRule {
        AssessmentRule {
            source_weights: crate::curriculum::compiled::DEFAULT_SOURCE_WEIGHTS,
            validity_months: None,
            ..rule(method)
        }
    }

    #[test]
    fn by_default_a_trainer_outranks_the_learner_and_a_peer() {
        let own = piece(3, Source::SelfAssessment, "2026-05-01", 0);
        let trainer = piece(1, Source::TrainerAssessment, "2026-01-01", 1);
        let peer = piece(3, Source::Peer, "2026-05-02", 2);
        for method in [Method::Highest, Method::Latest] {
            let r = default_rule(method);
            assert_eq!(apply_method(&r, &[&own, &trainer]).0, Some(1), "{method:?}");
            assert_eq!(
                apply_method(&r, &[&peer, &trainer]).0,
                Some(1),
                "{method:?}"
            );
            // Between the learner and a peer, who rank alike, the method decides.
            assert_eq!(apply_method(&r, &[&own, &peer]).0, Some(3), "{method:?}");
        }
        // A quiz ranks with a trainer: `highest` takes the higher of the two.
        let quiz = piece(2, Source::Quiz, "2026-02-01", 3);
        let r = default_rule(Method::Highest);
        assert_eq!(apply_method(&r, &[&own, &trainer, &quiz]).0, Some(2));
    }

    #[test]
    fn contradiction_lowers_confidence_below_either_piece_alone() {
        let now: Date = "2026-06-01".parse().unwrap();
        let r = default_rule(Method::Highest);
        let own = piece(3, Source::SelfAssessment, "2026-05-01", 0);
        let trainer = piece(1, Source::TrainerAssessment, "2026-01-01", 1);
        let alone_trainer = confidence(&r, &[&trainer], Some(1), now);
        let alone_own = confidence(&r, &[&own], Some(3), now);
        assert_eq!((alone_trainer, alone_own), (0.6, 0.3));
        let (level, _) = apply_method(&r, &[&own, &trainer]);
        assert_eq!(level, Some(1));
        // 0.6 × (1 − 0.3): the learner's disagreement costs the trainer's word.
        assert_eq!(confidence(&r, &[&own, &trainer], level, now), 0.42);
        // A second trainer who agrees raises it again.
        let second = piece(1, Source::Observation, "2026-03-01", 2);
        assert_eq!(
            confidence(&r, &[&own, &trainer, &second], level, now),
            0.588
        );
    }

    #[test]
    fn an_older_lower_piece_is_progress_not_contradiction() {
        let now: Date = "2026-06-01".parse().unwrap();
        let r = default_rule(Method::Latest);
        let before = piece(1, Source::Observation, "2026-03-20", 0);
        let after = piece(2, Source::TrainerAssessment, "2026-05-01", 1);
        assert_eq!(confidence(&r, &[&before, &after], Some(2), now), 0.6);
        // The other way round, a later lower piece is doubt: 0.6 × (1 − 0.6).
        let relapse = piece(1, Source::Observation, "2026-05-20", 2);
        assert_eq!(confidence(&r, &[&after, &relapse], Some(2), now), 0.24);
    }

    #[test]
    fn a_completion_agrees_with_any_level_at_or_above_what_it_teaches() {
        let now: Date = "2026-06-01".parse().unwrap();
        let r = default_rule(Method::Latest);
        let quiz = piece(3, Source::Quiz, "2026-05-01", 0);
        let mut done = piece(1, Source::Completion, "2026-02-01", 1);
        done.origin = Origin::Completion(0);
        let (level, _) = combine(&r, &[&quiz, &done]);
        assert_eq!(level, Some(3));
        assert_eq!(confidence(&r, &[&quiz, &done], level, now), 0.84);
    }
}

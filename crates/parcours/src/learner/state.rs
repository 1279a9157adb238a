//! Where a learner stands: each competency's level, each module's state, and for
//! each locked module why it is locked and what would unlock it.
//!
//! Module states, in order of precedence:
//!
//! | state | meaning |
//! |---|---|
//! | `completed` | completed, and still valid |
//! | `expired` | completed, but past the module's `validityMonths`: to renew (unless assessed evidence masters it) |
//! | `notForAudience` | the module is not for the learner's audience |
//! | `masteredByPositioning` | assessed evidence shows every level the module teaches: it may be skipped |
//! | `available` | every required prerequisite holds |
//! | `availableWithWarnings` | required ones hold, a recommended one does not |
//! | `locked` | a required prerequisite does not hold |
//!
//! A module that is completed or mastered satisfies "module completed" in other
//! modules' prerequisites (a mastered one unless the curriculum's `exemption` policy
//! says otherwise), and a score gate on a mastered module holds when the evidence
//! that dispenses from it shows a score at or above the gate. An expired one does not: a training that must be
//! renewed proves nothing once it has lapsed, neither the module (prerequisites,
//! the completion rule, groups), nor its score (score gates), nor the levels it
//! teaches (its completion is listed among the competency's expired evidence).
//! Exclusions (the learner's constraints) do not change a state; they are flagged
//! beside it, for recommendations and plans to honour.

use serde::Serialize;

use crate::curriculum::compiled::{CompetencyIx, Compiled, Cond, ModuleIx, Op};
use crate::curriculum::model::ModuleKind;
use crate::learner::evidence::{self, CompetencyLevel, Piece, PieceOutput};
use crate::learner::record::{History, Learner};
use crate::learner::unlock::{self, Known, Unlock};
use crate::read::date::Date;
use crate::read::locale::{Lang, Text};

/// The state of one module for one learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ModuleState {
    /// Completed and valid.
    Completed,
    /// Completed, validity passed: to renew.
    Expired,
    /// Not for the learner's audience.
    NotForAudience,
    /// Held by assessed evidence: may be skipped.
    MasteredByPositioning,
    /// Can be taken.
    Available,
    /// Can be taken; a recommended prerequisite is not met.
    AvailableWithWarnings,
    /// A required prerequisite is not met.
    Locked,
}

impl ModuleState {
    /// Whether the module counts as done: in other modules' prerequisites, the
    /// completion rule and groups. An expired module does not (it is to renew).
    pub fn counts_as_done(self) -> bool {
        matches!(
            self,
            ModuleState::Completed | ModuleState::MasteredByPositioning
        )
    }

    /// Whether the learner can take the module now.
    pub fn is_available(self) -> bool {
        matches!(
            self,
            ModuleState::Available | ModuleState::AvailableWithWarnings
        )
    }
}

/// A part of a prerequisite expression that does not hold, in the curriculum's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Failure {
    /// Where the part is in the curriculum (a JSON pointer).
    pub pointer: String,
    /// The designer's label, or a description made from the curriculum's titles.
    pub text: Text,
}

/// One module's state for the learner, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModuleStatus {
    /// Module id.
    pub module: String,
    /// Core or optional.
    pub kind: ModuleKind,
    /// The state.
    pub state: ModuleState,
    /// The learner's constraints exclude it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
    /// Date of the completion that counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<Date>,
    /// Best score obtained.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// When a completion stops being valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// For an expired module: the first day its completion no longer counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_on: Option<Date>,
    /// For a mastered module: the assessed evidence that shows it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mastered_by: Vec<PieceOutput>,
    /// For a locked module: the required parts that fail.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<Failure>,
    /// For a locked module: the cheapest way to unlock it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlock: Option<Unlock>,
    /// For a module available with warnings: the recommended parts that fail.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Failure>,
}

/// Where the learner stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Status {
    /// Learner id.
    pub learner: String,
    /// Curriculum id.
    pub curriculum: String,
    /// Curriculum version.
    pub version: String,
    /// The date of the computation.
    pub now: Date,
    /// Every competency of the framework, in framework order.
    pub competencies: Vec<CompetencyLevel>,
    /// Every module, in curriculum order.
    pub modules: Vec<ModuleStatus>,
    /// What was carried over from another version of the curriculum, and what this
    /// version no longer knows.
    pub history: History,
}

/// The learner's facts, indexed for fast questions.
pub(crate) struct Facts<'a> {
    curriculum: &'a Compiled,
    learner: &'a Learner,
    /// Level of each competency from all evidence.
    pub(crate) levels: Vec<Option<u32>>,
    /// Level of each competency that exempts from modules (see
    /// [`evidence::mastery_level`]).
    pub(crate) assessed_levels: Vec<Option<u32>>,
    /// Every piece of evidence, assessed and from completions: built on first use
    /// (recommendations and plans only need levels).
    pieces: std::cell::OnceCell<Vec<Piece>>,
    /// Latest completion date and best score of each module (shown, expired or not).
    completion: Vec<Option<(Date, Option<f64>)>>,
    /// Best score of each module among its completions still valid: what score
    /// gates see.
    valid_score: Vec<Option<f64>>,
    /// Per module: a dispensation (if any) satisfies "module completed" in
    /// prerequisites (true for modules not dispensed; empty, so true for all,
    /// when the record has no assessed evidence to dispense with).
    opens: Vec<bool>,
    /// Per dispensed module: the score its dispensing evidence shows for every
    /// competency it teaches (the lowest of their best scores), if all gave one.
    dispensed_score: Vec<Option<f64>>,
    /// The intrinsic states (completed, expired, not for audience, mastered).
    intrinsic: Vec<Option<ModuleState>>,
    /// Every module's state, computed once.
    states: Vec<ModuleState>,
    /// Per module: how many of the modules its `requires` asks for are done (kept
    /// for modules whose `requires` counts nothing but modules).
    held: Vec<u32>,
    /// Per module: open to the learner's audience.
    open: Vec<bool>,
}

impl<'a> Facts<'a> {
    /// Computes levels and intrinsic module states.
    pub(crate) fn new(curriculum: &'a Compiled, learner: &'a Learner) -> Self {
        let n = curriculum.modules().len();
        let k = curriculum.competencies().len();
        // Competencies with assessed evidence (a few per learner) go through the
        // method below, with their pieces gathered in record order; the others
        // are known only through completions, whose level is simply the highest
        // valid one (see `evidence::combine`).
        let mut assessed: Vec<bool> = vec![false; k];
        for p in &learner.pieces {
            if let Some(flag) = assessed.get_mut(p.competency.index()) {
                *flag = true;
            }
        }
        let competencies = curriculum.competencies();
        let mut completion: Vec<Option<(Date, Option<f64>)>> = vec![None; n];
        let mut valid_score: Vec<Option<f64>> = vec![None; n];
        let mut levels = vec![None; k];
        let mut assessed_levels = vec![None; k];
        // One pass over the completions (thousands on a large record), each
        // module's facts read once: its best date and score, its valid score,
        // and the levels it teaches while valid.
        for done in &learner.completions {
            let lapsed = curriculum
                .validity(done.module)
                .is_some_and(|v| done.date.add_months(v) < learner.now);
            if !lapsed {
                let slot = &mut valid_score[done.module.index()];
                *slot = match (*slot, done.score) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                for &(c, level) in curriculum.teaches(done.module) {
                    let ci = c.index();
                    let Some(info) = competencies.get(ci) else {
                        continue;
                    };
                    if !assessed[ci]
                        && !evidence::expired_on(&info.assessment, done.date, learner.now)
                    {
                        levels[ci] = levels[ci].max(Some(level));
                    }
                }
            }
            let slot = &mut completion[done.module.index()];
            let (date, score) = slot.unwrap_or((done.date, None));
            let best = match (score, done.score) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            *slot = Some((date.max(done.date), best));
        }
        let mut facts = Facts {
            curriculum,
            learner,
            levels,
            assessed_levels: Vec::new(),
            pieces: std::cell::OnceCell::new(),
            completion,
            valid_score,
            opens: Vec::new(),
            dispensed_score: Vec::new(),
            intrinsic: Vec::new(),
            states: Vec::new(),
            held: Vec::new(),
            open: Vec::new(),
        };
        if assessed.iter().any(|&a| a) {
            let pieces = facts.pieces();
            let mut valid: Vec<&Piece> = Vec::new();
            let mut computed: Vec<(usize, Option<u32>, Option<u32>)> = Vec::new();
            for (ci, info) in competencies.iter().enumerate() {
                if !assessed[ci] {
                    continue;
                }
                valid.clear();
                valid.extend(pieces.iter().filter(|p| {
                    p.competency.index() == ci
                        && !evidence::is_expired(&info.assessment, p, learner.now)
                }));
                computed.push((
                    ci,
                    evidence::combine_level(&info.assessment, &valid),
                    evidence::mastery_level(&info.assessment, &valid, learner.now).0,
                ));
            }
            for (ci, level, mastery) in computed {
                facts.levels[ci] = level;
                assessed_levels[ci] = mastery;
            }
        }
        facts.assessed_levels = assessed_levels;
        // Intrinsic states in order of precedence, lowest first, each pass over the
        // few modules it concerns: not for the audience, held by positioning (only
        // with assessed evidence), completed or expired.
        facts.open = (0..n)
            .map(|m| curriculum.open_to(m, learner.audience))
            .collect();
        let mut intrinsic: Vec<Option<ModuleState>> = facts
            .open
            .iter()
            .map(|&open| (!open).then_some(ModuleState::NotForAudience))
            .collect();
        if !learner.pieces.is_empty() {
            for (m, state) in intrinsic.iter_mut().enumerate() {
                if state.is_none() && facts.mastered(ModuleIx(m as u32)) {
                    *state = Some(ModuleState::MasteredByPositioning);
                }
            }
        }
        for done in &learner.completions {
            let m = done.module;
            if let Some(state) = intrinsic.get_mut(m.index()) {
                *state = Some(match (facts.valid_until(m), *state) {
                    // A lapsed training gives way to assessed evidence that still
                    // shows what it teaches.
                    (Some(until), Some(ModuleState::MasteredByPositioning))
                        if until < learner.now =>
                    {
                        ModuleState::MasteredByPositioning
                    }
                    (Some(until), _) if until < learner.now => ModuleState::Expired,
                    _ => ModuleState::Completed,
                });
            }
        }
        facts.intrinsic = intrinsic;
        // What each dispensation stands for (the curriculum's `exemption` policy).
        // Only positioning dispenses: without assessed evidence both stay empty,
        // which their readers take as « opens, no score ».
        if !learner.pieces.is_empty() {
            facts.opens = vec![true; n];
            facts.dispensed_score = vec![None; n];
            for m in 0..n {
                if facts.intrinsic[m] == Some(ModuleState::MasteredByPositioning) {
                    let (opens, score) = facts.dispensation(ModuleIx(m as u32));
                    facts.opens[m] = opens;
                    facts.dispensed_score[m] = score;
                }
            }
        }
        // Every module's state at once, with the facts in local slices: this loop
        // is most of the work of a recommendation on a large curriculum.
        let done: Vec<bool> = (0..n)
            .map(|m| facts.module_done(ModuleIx(m as u32)))
            .collect();
        // Prerequisites that only count modules: count each one's completed
        // modules from the completed side (a few rows) instead of evaluating.
        let mut counted = vec![0u32; n];
        for (j, &d) in done.iter().enumerate() {
            if d {
                for m in curriculum.counted_dependents(j) {
                    if let Some(c) = counted.get_mut(m.index()) {
                        *c += 1;
                    }
                }
            }
        }
        let levels = &facts.levels[..];
        let states = facts
            .intrinsic
            .iter()
            .enumerate()
            .map(|(m, intrinsic)| match intrinsic {
                Some(state) => *state,
                None if curriculum.counted_need(m).is_some() => {
                    if counted[m] >= curriculum.counted_need(m).unwrap_or(0) {
                        ModuleState::Available
                    } else {
                        ModuleState::Locked
                    }
                }
                None => match curriculum.requires_flat(m) {
                    Some(r)
                        if !r.eval(
                            &mut |x| done.get(x.index()).copied().unwrap_or(false),
                            &mut |k, level| {
                                levels
                                    .get(k.index())
                                    .copied()
                                    .flatten()
                                    .is_some_and(|l| l >= level)
                            },
                            &mut |x, min| facts.score_at(x, min),
                        ) =>
                    {
                        ModuleState::Locked
                    }
                    _ => ModuleState::Available,
                },
            })
            .collect();
        facts.states = states;
        facts.held = counted;
        facts
    }

    /// For a module whose `requires` counts nothing but modules: how many more of
    /// them it needs done (so completing one of them unlocks it exactly when this
    /// is 1); `None` for other modules.
    pub(crate) fn modules_missing(&self, m: usize) -> Option<u32> {
        let need = self.curriculum.counted_need(m)?;
        Some(need.saturating_sub(self.held.get(m).copied().unwrap_or(0)))
    }

    /// Every piece of evidence: the record's assessed pieces, then one per level
    /// taught by each completion.
    pub(crate) fn pieces(&self) -> &[Piece] {
        self.pieces.get_or_init(|| {
            let mut pieces = self.learner.pieces.clone();
            for (i, done) in self.learner.completions.iter().enumerate() {
                let module = self.curriculum.module(done.module);
                let valid_until = module.validity_months.map(|v| done.date.add_months(v));
                for &(c, level) in &module.teaches {
                    pieces.push(Piece {
                        competency: c,
                        level,
                        source: crate::curriculum::competency::Source::Completion,
                        date: done.date,
                        weight: 1.0,
                        origin: evidence::Origin::Completion(done.index.unwrap_or(i)),
                        score: None,
                        valid_until,
                    });
                }
            }
            pieces
        })
    }

    fn valid_until(&self, m: ModuleIx) -> Option<Date> {
        let (date, _) = self.completion[m.index()]?;
        self.curriculum.validity(m).map(|v| date.add_months(v))
    }

    /// What a dispensation from module `m` stands for under the competencies'
    /// `exemption` policies: whether it satisfies prerequisites (only when every
    /// competency the module teaches says so), and the score it shows (for each
    /// competency taught, the best score among the pieces that dispense; the
    /// lowest of those; none when one of them gave no score).
    fn dispensation(&self, m: ModuleIx) -> (bool, Option<f64>) {
        let mut opens = true;
        let mut score: Option<f64> = Some(f64::INFINITY);
        for &(k, level) in &self.curriculum.module(m).teaches {
            if level == 0 {
                continue;
            }
            let rule = &self.curriculum.competencies()[k.index()].assessment;
            opens &= rule.exemption.satisfies_prerequisites;
            let valid: Vec<&Piece> = self
                .pieces()
                .iter()
                .filter(|p| p.competency == k && !evidence::is_expired(rule, p, self.learner.now))
                .collect();
            let (_, used) = evidence::mastery_level(rule, &valid, self.learner.now);
            let best = used
                .iter()
                .filter_map(|p| p.score)
                .fold(None, |b: Option<f64>, s| Some(b.map_or(s, |b| b.max(s))));
            score = match (score, best) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
        }
        (opens, score.filter(|s| s.is_finite()))
    }

    /// The first day a lapsed completion of `m` no longer counted, if it has
    /// lapsed (what status shows as « expiré le … »).
    pub(crate) fn expired_on(&self, m: ModuleIx) -> Option<Date> {
        self.valid_until(m)
            .filter(|&until| until < self.learner.now)
            .map(Date::next_day)
    }

    /// The best score among the still valid completions of `m` (what score gates
    /// see of the completions).
    pub(crate) fn valid_score(&self, m: ModuleIx) -> Option<f64> {
        self.valid_score.get(m.index()).copied().flatten()
    }

    /// The leaves that keep `cond` from holding: when it fails, each failing
    /// `module` or `score` leaf under a failing node (a `score` leaf with its
    /// minimum), in document order; nothing when it holds. Making one of them
    /// hold is a step towards `cond`: what turns a completed module into a retake
    /// and a dispensed one into a module to take (see `engine::recommend`). One
    /// pass, each node evaluated once.
    pub(crate) fn blocking_leaves(
        &self,
        cond: &Cond,
        out: &mut Vec<(ModuleIx, Option<f64>)>,
    ) -> bool {
        match &cond.op {
            Op::Module(m) => {
                let holds = self.module_done(*m);
                if !holds {
                    out.push((*m, None));
                }
                holds
            }
            Op::Score(m, min) => {
                let holds = self.score_at(*m, *min);
                if !holds {
                    out.push((*m, Some(*min)));
                }
                holds
            }
            Op::Competency(k, level) => self.competency_at(*k, *level),
            Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
                let need = match &cond.op {
                    Op::All(_) => children.len(),
                    Op::AtLeast(k, _) => *k as usize,
                    _ => 1,
                };
                let start = out.len();
                let held = children
                    .iter()
                    .filter(|child| self.blocking_leaves(child, out))
                    .count();
                let holds = held >= need;
                if holds {
                    out.truncate(start);
                }
                holds
            }
        }
    }

    /// Whether a dispensed module may stand for itself in prerequisites.
    pub(crate) fn dispensation_opens(&self, m: ModuleIx) -> bool {
        self.opens.get(m.index()).copied().unwrap_or(true)
    }

    /// Whether assessed evidence shows the levels module `m` teaches.
    fn mastered(&self, m: ModuleIx) -> bool {
        let module = self.curriculum.module(m);
        // Level 0 (the first level of a scale) is where everyone starts: a module
        // teaching nothing above it cannot be mastered in advance.
        module.teaches.iter().any(|&(_, level)| level > 0)
            && module
                .teaches
                .iter()
                .filter(|&&(_, level)| level > 0)
                .all(|&(c, level)| self.assessed_levels[c.index()].is_some_and(|l| l >= level))
    }

    /// Per module: whether it is open to the learner's audience.
    pub(crate) fn open(&self) -> &[bool] {
        &self.open
    }

    /// Every module's state, in curriculum order, except that `available` also
    /// stands for `availableWithWarnings` (told apart by [`Facts::state`]):
    /// recommendations rank hundreds of available modules and show a few.
    pub(crate) fn states(&self) -> &[ModuleState] {
        &self.states
    }

    /// The state of a module.
    pub(crate) fn state(&self, m: ModuleIx) -> ModuleState {
        let state = self.states[m.index()];
        if state == ModuleState::Available
            && self.curriculum.recommends_flat(m.index()).is_some_and(|r| {
                !r.eval(
                    &mut |m| {
                        self.module_done(m)
                            || !self.curriculum.open_to(m.index(), self.learner.audience)
                    },
                    &mut |c, level| self.competency_at(c, level),
                    &mut |m, min| self.score_at(m, min),
                )
            })
        {
            ModuleState::AvailableWithWarnings
        } else {
            state
        }
    }

    /// Whether an expression holds for the learner.
    pub(crate) fn holds(&self, cond: &Cond) -> bool {
        cond.eval(
            &mut |m| self.module_done(m),
            &mut |c, level| self.competency_at(c, level),
            &mut |m, min| self.score_at(m, min),
        )
    }

    /// Whether a recommendation holds for the learner: a recommended module that is
    /// not for the learner's audience does not apply to them, so it counts as met
    /// (a warning the learner could never clear would only be noise).
    pub(crate) fn holds_advice(&self, cond: &Cond) -> bool {
        cond.eval(
            &mut |m| {
                self.module_done(m) || !self.curriculum.open_to(m.index(), self.learner.audience)
            },
            &mut |c, level| self.competency_at(c, level),
            &mut |m, min| self.score_at(m, min),
        )
    }

    /// Every failing part of `cond`, in the curriculum's words: a labelled node is
    /// named by its label; an unlabelled `allOf` is opened; other nodes are described.
    pub(crate) fn failures(&self, cond: &Cond, pointer: &str, out: &mut Vec<Failure>) {
        self.failing_parts(cond, pointer, false, out);
    }

    /// The failing parts of a recommendation (see [`Facts::holds_advice`]).
    pub(crate) fn advice_failures(&self, cond: &Cond, pointer: &str, out: &mut Vec<Failure>) {
        self.failing_parts(cond, pointer, true, out);
    }

    fn failing_parts(&self, cond: &Cond, pointer: &str, advice: bool, out: &mut Vec<Failure>) {
        let holds = if advice {
            self.holds_advice(cond)
        } else {
            self.holds(cond)
        };
        if holds {
            return;
        }
        if let Op::Score(m, min) = &cond.op {
            out.push(Failure {
                pointer: pointer.to_string(),
                text: self.score_failure(cond, *m, *min),
            });
            return;
        }
        if let Some(label) = &cond.label {
            out.push(Failure {
                pointer: pointer.to_string(),
                text: label.clone(),
            });
            return;
        }
        if let Op::All(children) = &cond.op {
            for (i, child) in children.iter().enumerate() {
                self.failing_parts(child, &format!("{pointer}/of/{i}"), advice, out);
            }
            return;
        }
        out.push(Failure {
            pointer: pointer.to_string(),
            text: describe(self.curriculum, cond),
        });
    }
}

impl Facts<'_> {
    /// A failing score gate, with the learner's best score beside the required one:
    /// « 55/100 where 70 is asked » tells a trainee what a retake must reach, which
    /// the designer's label alone (« Avoir validé la fiche action ») does not.
    fn score_failure(&self, cond: &Cond, m: ModuleIx, min: f64) -> Text {
        let c = self.curriculum;
        let title = &c.document().modules[m.index()].title;
        let best = self.completion[m.index()].map(|(_, score)| score);
        let text = |l: Lang| {
            let number = |x: f64| match l {
                Lang::Fr => x.to_string().replace('.', ","),
                Lang::En => x.to_string(),
            };
            let required = match l {
                Lang::Fr => format!("{}/100 demandé", number(min)),
                Lang::En => format!("{}/100 required", number(min)),
            };
            let best = match (l, best) {
                (Lang::Fr, Some(Some(s))) => format!("meilleur score : {}/100", number(s)),
                (Lang::En, Some(Some(s))) => format!("best score: {}/100", number(s)),
                (Lang::Fr, Some(None)) => "suivi sans score enregistré".to_string(),
                (Lang::En, Some(None)) => "completed with no score recorded".to_string(),
                (Lang::Fr, None) => "pas encore suivi".to_string(),
                (Lang::En, None) => "not taken yet".to_string(),
            };
            match (&cond.label, l) {
                (Some(label), Lang::Fr) => format!(
                    "{} (« {} » : {best}, {required})",
                    label.get(l),
                    title.get(l)
                ),
                (Some(label), Lang::En) => {
                    format!(
                        "{} (\"{}\": {best}, {required})",
                        label.get(l),
                        title.get(l)
                    )
                }
                (None, _) => format!("{} ({best})", describe(c, cond).get(l)),
            }
        };
        Text::fr_en(text(Lang::Fr), text(Lang::En))
    }
}

impl Known for Facts<'_> {
    fn module_done(&self, m: ModuleIx) -> bool {
        self.intrinsic[m.index()].is_some_and(ModuleState::counts_as_done)
            && self.dispensation_opens(m)
    }

    fn competency_at(&self, c: CompetencyIx, level: u32) -> bool {
        self.levels[c.index()].is_some_and(|l| l >= level)
    }

    fn score_at(&self, m: ModuleIx, min: f64) -> bool {
        self.valid_score[m.index()].is_some_and(|s| s >= min)
            || self
                .dispensed_score
                .get(m.index())
                .copied()
                .flatten()
                .is_some_and(|s| s >= min)
    }

    fn takeable(&self, m: ModuleIx) -> bool {
        self.curriculum.module(m).is_for(self.learner.audience)
            && !self.learner.excluded.contains(&m)
    }

    fn ready(&self, m: ModuleIx) -> bool {
        self.state(m).is_available()
    }
}

/// Whether a completion of module `m` dated `date` has lapsed by `now` (past the
/// module's `validityMonths`): it then proves nothing.
pub(crate) fn completion_lapsed(c: &Compiled, m: ModuleIx, date: Date, now: Date) -> bool {
    c.validity(m).is_some_and(|v| date.add_months(v) < now)
}

pub(crate) fn level_name(c: &Compiled, k: CompetencyIx, level: u32) -> Text {
    let info = &c.competencies()[k.index()];
    let doc = c.document();
    doc.framework
        .scales
        .get(info.scale.index())
        .and_then(|s| s.levels.get(level as usize))
        .map(|l| l.label.clone())
        .unwrap_or_else(|| Text::fr_en(level.to_string(), level.to_string()))
}

/// A description of an expression node from the curriculum's titles, in both languages.
pub(crate) fn describe(c: &Compiled, cond: &Cond) -> Text {
    if let Some(label) = &cond.label {
        return label.clone();
    }
    let doc = c.document();
    let title = |m: ModuleIx| doc.modules[m.index()].title.clone();
    let both = |f: &dyn Fn(Lang) -> String| Text::fr_en(f(Lang::Fr), f(Lang::En));
    match &cond.op {
        Op::Module(m) => {
            let t = title(*m);
            both(&|l| match l {
                Lang::Fr => format!("avoir suivi « {} »", t.get(l)),
                Lang::En => format!("have completed \"{}\"", t.get(l)),
            })
        }
        Op::Score(m, min) => {
            let t = title(*m);
            both(&|l| match l {
                Lang::Fr => format!("avoir obtenu au moins {min}/100 à « {} »", t.get(l)),
                Lang::En => format!("have scored at least {min}/100 in \"{}\"", t.get(l)),
            })
        }
        Op::Competency(k, level) => {
            let t = doc.framework.competencies[k.index()].title.clone();
            let name = level_name(c, *k, *level);
            both(&|l| match l {
                Lang::Fr => {
                    format!("« {} » au niveau « {} » au moins", t.get(l), name.get(l))
                }
                Lang::En => {
                    format!("\"{}\" at level \"{}\" or above", t.get(l), name.get(l))
                }
            })
        }
        Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
            let parts: Vec<Text> = children.iter().map(|ch| describe(c, ch)).collect();
            let join = |l: Lang, sep: &str| {
                parts
                    .iter()
                    .map(|p| p.get(l).to_string())
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let k = match &cond.op {
                Op::AtLeast(k, _) => Some(*k),
                _ => None,
            };
            let any = matches!(cond.op, Op::Any(_));
            both(&|l| match (l, any, k) {
                (Lang::Fr, true, _) => format!("l'un de : {}", join(l, " ; ")),
                (Lang::En, true, _) => format!("one of: {}", join(l, "; ")),
                (Lang::Fr, false, Some(k)) => {
                    format!("au moins {k} parmi : {}", join(l, " ; "))
                }
                (Lang::En, false, Some(k)) => format!("at least {k} of: {}", join(l, "; ")),
                (Lang::Fr, false, None) => format!("tous : {}", join(l, " ; ")),
                (Lang::En, false, None) => format!("all of: {}", join(l, "; ")),
            })
        }
    }
}

/// Where the learner stands, with reasons.
pub(crate) fn status(curriculum: &Compiled, learner: &Learner) -> Status {
    let facts = Facts::new(curriculum, learner);
    let competencies = curriculum
        .competencies()
        .iter()
        .enumerate()
        .map(|(ci, _)| {
            let pieces: Vec<&Piece> = facts
                .pieces()
                .iter()
                .filter(|p| p.competency.index() == ci)
                .collect();
            evidence::competency_level(curriculum, CompetencyIx(ci as u32), &pieces, learner.now)
        })
        .collect();
    let modules = (0..curriculum.modules().len())
        .map(|i| module_status(curriculum, learner, &facts, ModuleIx(i as u32)))
        .collect();
    let doc = curriculum.document();
    Status {
        learner: learner.id.clone(),
        curriculum: doc.id.clone(),
        version: doc.version.clone(),
        now: learner.now,
        competencies,
        modules,
        history: learner.history.clone(),
    }
}

fn module_status(c: &Compiled, learner: &Learner, facts: &Facts<'_>, m: ModuleIx) -> ModuleStatus {
    let module = c.module(m);
    let state = facts.state(m);
    let mut status = ModuleStatus {
        module: module.id.clone(),
        kind: module.kind,
        state,
        excluded: learner.excluded.contains(&m),
        completed_on: facts.completion[m.index()].map(|(d, _)| d),
        score: facts.completion[m.index()].and_then(|(_, s)| s),
        valid_until: facts.valid_until(m),
        expired_on: facts.expired_on(m),
        mastered_by: Vec::new(),
        why: Vec::new(),
        unlock: None,
        warnings: Vec::new(),
    };
    match state {
        ModuleState::MasteredByPositioning => {
            status.mastered_by = mastery_evidence(c, learner, facts, m);
        }
        ModuleState::Locked => {
            if let Some(requires) = &module.requires {
                let pointer = format!("/modules/{}/requires", m.index());
                facts.failures(requires, &pointer, &mut status.why);
                status.unlock = unlock::unlock(c, requires, facts);
            }
        }
        ModuleState::AvailableWithWarnings => {
            if let Some(recommends) = &module.recommends {
                let pointer = format!("/modules/{}/recommends", m.index());
                facts.advice_failures(recommends, &pointer, &mut status.warnings);
            }
        }
        _ => {}
    }
    status
}

/// The assessed evidence that shows a module is mastered.
pub(crate) fn mastery_evidence(
    c: &Compiled,
    learner: &Learner,
    facts: &Facts<'_>,
    m: ModuleIx,
) -> Vec<PieceOutput> {
    let mut out = Vec::new();
    for &(k, _) in &c.module(m).teaches {
        let info = &c.competencies()[k.index()];
        let assessed: Vec<&Piece> = facts
            .pieces()
            .iter()
            .filter(|p| {
                p.competency == k
                    && p.source != crate::curriculum::competency::Source::Completion
                    && !evidence::is_expired(&info.assessment, p, learner.now)
            })
            .collect();
        let (_, used) = evidence::mastery_level(&info.assessment, &assessed, learner.now);
        out.extend(used.into_iter().map(|p| PieceOutput::new(c, p)));
    }
    out
}

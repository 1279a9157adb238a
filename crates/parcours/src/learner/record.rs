//! The learner record: what is known about one learner, as the host LMS keeps it.
//!
//! A record is personal data. The engine keeps none between calls: the host stores
//! the record and passes it in with the curriculum. Diagnostics about a record name
//! the place and the field, never the value or the source line.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::curriculum::competency::Source;
use crate::curriculum::compiled::{AudienceIx, CompetencyIx, Compiled, CurriculumKey, ModuleIx};
use crate::learner::evidence::{Origin, Piece};
use crate::read::date::Date;
use crate::read::diagnostic::{Code, Diagnostic, Severity};
use crate::read::outcome::Outcome;
use crate::read::schema::SchemaKind;

/// The format version of learner records this build reads.
pub const LEARNER_FORMAT_VERSION: u32 = SchemaKind::Learner.format_version();

/// One learner's record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LearnerRecord {
    /// Where editors find this schema; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the record format (currently 1).
    pub format_version: u32,
    /// The learner's id in the host system (a pseudonym; never a name or an e-mail).
    pub id: String,
    /// The learner's audience, one of the curriculum's `audiences`.
    pub audience: String,
    /// The curriculum (and its version) the record was kept against.
    pub curriculum: CurriculumRef,
    /// Today, for this computation (`YYYY-MM-DD`): the engine reads no clock.
    pub now: String,
    /// The day the learner entered the training (`YYYY-MM-DD`): evidence on or
    /// before it is the entry positioning, completions before it came before the
    /// training. Without it, the day of the first completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrolled_on: Option<String>,
    /// Modules completed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completed: Vec<Completion>,
    /// Assessed evidence about competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// What the learner is working towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    /// Limits on the learner's path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
}

/// A curriculum and the version of it a record was kept against.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurriculumRef {
    /// Curriculum id.
    pub id: String,
    /// Curriculum content version.
    pub version: String,
}

/// A completed module.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Completion {
    /// Module id (an id the module replaced is accepted and carried over).
    pub module: String,
    /// When it was completed (`YYYY-MM-DD`).
    pub date: String,
    /// Final score, 0–100, when the module is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// One piece of assessed evidence about a competency: a level, or a score that the
/// competency's scale turns into a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evidence {
    /// Competency id (an id it replaced is accepted and carried over).
    pub competency: String,
    /// Level reached, as a rank on the competency's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u32>,
    /// Score 0–100, mapped to a level by the scale's `minScore`s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Where the evidence comes from (`completion` is reserved for module completions,
    /// which the engine derives itself).
    pub source: Source,
    /// When it was observed (`YYYY-MM-DD`).
    pub date: String,
    /// Extra weight of this piece (default 1), multiplied with the source's weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// What the learner is working towards: completing the curriculum, reaching listed
/// competency levels, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goals {
    /// Complete the curriculum (its completion rule).
    #[serde(default)]
    pub complete: bool,
    /// Reach these competencies at these levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<CompetencyGoal>,
}

/// A competency to reach, at a level.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompetencyGoal {
    /// Competency id.
    pub competency: String,
    /// Rank of the level to reach.
    pub level: u32,
}

/// Limits on the learner's path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Constraints {
    /// Training hours available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_available: Option<f64>,
    /// Modules the learner will not take.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_modules: Vec<String>,
}

/// A learner record as it is resolved: the document of [`LearnerRecord`] (the
/// same fields, the same rules; a test checks that both accept the same texts and
/// read the same values), with every string borrowed from the text instead of
/// copied into its own allocation. Reading a record is most of the work of a
/// ready set: two strings per completion were two allocations each.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RecordView<'a> {
    /// Checked for its type only, as in [`LearnerRecord`].
    #[serde(rename = "$schema", default, borrow)]
    _schema: Option<Str<'a>>,
    format_version: u32,
    #[serde(borrow)]
    id: Str<'a>,
    #[serde(borrow)]
    audience: Str<'a>,
    #[serde(borrow)]
    curriculum: CurriculumRefView<'a>,
    #[serde(borrow)]
    now: Str<'a>,
    #[serde(default, borrow)]
    enrolled_on: Option<Str<'a>>,
    #[serde(default, borrow)]
    completed: Vec<CompletionView<'a>>,
    #[serde(default, borrow)]
    evidence: Vec<EvidenceView<'a>>,
    #[serde(default, borrow)]
    goals: Option<GoalsView<'a>>,
    #[serde(default, borrow)]
    constraints: Option<ConstraintsView<'a>>,
}

/// A string of the text, borrowed; copied only when it holds an escape, which
/// has to be undone.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(transparent)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a> Str<'a> {
    fn of(s: &'a str) -> Self {
        Str(Cow::Borrowed(s))
    }
}

/// [`CurriculumRef`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurriculumRefView<'a> {
    #[serde(borrow)]
    id: Str<'a>,
    #[serde(borrow)]
    version: Str<'a>,
}

/// [`Completion`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompletionView<'a> {
    #[serde(borrow)]
    module: Str<'a>,
    #[serde(borrow)]
    date: Str<'a>,
    #[serde(default)]
    score: Option<f64>,
}

/// [`Evidence`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceView<'a> {
    #[serde(borrow)]
    competency: Str<'a>,
    #[serde(default)]
    level: Option<u32>,
    #[serde(default)]
    score: Option<f64>,
    source: Source,
    #[serde(borrow)]
    date: Str<'a>,
    #[serde(default)]
    weight: Option<f64>,
}

/// [`Goals`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalsView<'a> {
    #[serde(default)]
    complete: bool,
    #[serde(default, borrow)]
    competencies: Vec<CompetencyGoalView<'a>>,
}

/// [`CompetencyGoal`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompetencyGoalView<'a> {
    #[serde(borrow)]
    competency: Str<'a>,
    level: u32,
}

/// [`Constraints`], borrowed.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConstraintsView<'a> {
    #[serde(default)]
    hours_available: Option<f64>,
    #[serde(default, borrow)]
    excluded_modules: Vec<Str<'a>>,
}

impl LearnerRecord {
    /// The record as [`resolve`] reads it, borrowing every string.
    pub(crate) fn view(&self) -> RecordView<'_> {
        RecordView {
            _schema: self.schema.as_deref().map(Str::of),
            format_version: self.format_version,
            id: Str::of(&self.id),
            audience: Str::of(&self.audience),
            curriculum: CurriculumRefView {
                id: Str::of(&self.curriculum.id),
                version: Str::of(&self.curriculum.version),
            },
            now: Str::of(&self.now),
            enrolled_on: self.enrolled_on.as_deref().map(Str::of),
            completed: self
                .completed
                .iter()
                .map(|c| CompletionView {
                    module: Str::of(&c.module),
                    date: Str::of(&c.date),
                    score: c.score,
                })
                .collect(),
            evidence: self
                .evidence
                .iter()
                .map(|e| EvidenceView {
                    competency: Str::of(&e.competency),
                    level: e.level,
                    score: e.score,
                    source: e.source,
                    date: Str::of(&e.date),
                    weight: e.weight,
                })
                .collect(),
            goals: self.goals.as_ref().map(|g| GoalsView {
                complete: g.complete,
                competencies: g
                    .competencies
                    .iter()
                    .map(|c| CompetencyGoalView {
                        competency: Str::of(&c.competency),
                        level: c.level,
                    })
                    .collect(),
            }),
            constraints: self.constraints.as_ref().map(|c| ConstraintsView {
                hours_available: c.hours_available,
                excluded_modules: c.excluded_modules.iter().map(|m| Str::of(m)).collect(),
            }),
        }
    }
}

/// A module completion, resolved against the curriculum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ResolvedCompletion {
    /// The module (after `replaces`).
    pub(crate) module: ModuleIx,
    /// When.
    pub(crate) date: Date,
    /// Score, if any.
    pub(crate) score: Option<f64>,
    /// Position in the record's `completed`.
    pub(crate) index: Option<usize>,
}

/// Something carried from the record's curriculum version to this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Carried {
    /// Where it is in the record.
    pub pointer: String,
    /// The id in the record.
    pub from: String,
    /// The id in this version.
    pub to: String,
}

/// Something in the record that this version of the curriculum does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Unknown {
    /// Where it is in the record.
    pub pointer: String,
    /// The id in the record.
    pub id: String,
}

/// What happened to a record kept against another version of the curriculum:
/// nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct History {
    /// The version the record was kept against.
    pub record_version: String,
    /// Ids carried over through `replaces`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<Carried>,
    /// Completions and evidence this version no longer knows (not counted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<Unknown>,
}

/// A learner record resolved against a compiled curriculum: the engine's input.
#[derive(Debug, Clone, PartialEq)]
pub struct Learner {
    /// The curriculum this record was read against: the indices below mean
    /// something only in it.
    pub(crate) curriculum: CurriculumKey,
    /// That curriculum's id and version, to name it when the learner is refused.
    pub(crate) curriculum_name: std::sync::Arc<str>,
    /// The learner's id.
    pub(crate) id: String,
    /// The learner's audience.
    pub(crate) audience: AudienceIx,
    /// The date of the computation.
    pub(crate) now: Date,
    /// The day the learner entered the training, if the record says.
    pub(crate) enrolled_on: Option<Date>,
    /// Completions, in record order.
    pub(crate) completions: Vec<ResolvedCompletion>,
    /// Assessed evidence, in record order.
    pub(crate) pieces: Vec<Piece>,
    /// Complete the curriculum.
    pub(crate) goal_complete: bool,
    /// Competency levels to reach.
    pub(crate) goal_levels: Vec<(CompetencyIx, u32)>,
    /// Modules the learner will not take.
    pub(crate) excluded: Vec<ModuleIx>,
    /// Minutes available, if limited.
    pub(crate) minutes_available: Option<u32>,
    /// Carried and unknown ids.
    pub(crate) history: History,
}

impl Learner {
    /// The learner's id in the host system (a pseudonym).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The date the record gives as today.
    pub fn now(&self) -> Date {
        self.now
    }
}

/// Reads a learner record (JSON bytes) against a compiled curriculum.
///
/// A record with nothing to report is read once, borrowing its strings
/// ([`RecordView`]); anything to report goes through the general reader, which
/// reads it again, places every diagnostic and masks every value.
pub(crate) fn load_learner(curriculum: &Compiled, bytes: &[u8]) -> Outcome<Learner> {
    if let Ok(text) = crate::read::decode::utf8(bytes) {
        if let Ok(view) = serde_json::from_str::<RecordView<'_>>(text) {
            if let (diagnostics, Some(learner)) = resolve(curriculum, &view) {
                if diagnostics.is_empty() {
                    return Outcome::ok(learner);
                }
            }
        }
    }
    let (diagnostics, learner) = crate::curriculum::load::read(
        bytes,
        SchemaKind::Learner,
        true,
        |record: &LearnerRecord| resolve(curriculum, &record.view()),
    );
    Outcome {
        value: learner,
        diagnostics,
    }
}

/// A pointer into the record, built only when a diagnostic needs it: resolving a
/// clean record builds no string for its thousands of completions.
type At<'a> = &'a dyn Fn() -> String;

fn date_at(text: &str, pointer: At<'_>, out: &mut Vec<Diagnostic>) -> Option<Date> {
    match text.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            out.push(Diagnostic::new(Code::InvalidDate, pointer()));
            None
        }
    }
}

fn level_fits(
    curriculum: &Compiled,
    c: CompetencyIx,
    level: u32,
    pointer: At<'_>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let info = &curriculum.competencies()[c.index()];
    let scale = &curriculum.scales()[info.scale.index()];
    if (level as usize) < scale.levels.len() {
        return true;
    }
    let listing = scale
        .levels
        .iter()
        .enumerate()
        .map(|(rank, id)| format!("{rank} = {id}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Diagnostic::new(Code::LevelOutOfScale, pointer())
            .input("level", level)
            .arg("competency", &info.id)
            .arg("scale", &scale.id)
            .arg("max", scale.levels.len().saturating_sub(1))
            .arg("levels", listing),
    );
    false
}

/// The level a score maps to on a scale: the highest level whose `minScore` it
/// reaches (a first level without `minScore` starts at 0).
pub(crate) fn level_for_score(min_scores: &[Option<f64>], score: f64) -> Option<u32> {
    if min_scores.iter().all(Option::is_none) {
        return None;
    }
    let mut level = 0;
    for (rank, min) in min_scores.iter().enumerate() {
        if let Some(min) = min {
            if score >= *min {
                level = rank as u32;
            }
        }
    }
    Some(level)
}

/// An id the curriculum does not know. The id is the record's value: it is kept as
/// an input argument, so it is masked in the message. The suggestion and the fix
/// speak only of the curriculum's own ids, which are public.
fn unknown_id(
    curriculum: &Compiled,
    code: Code,
    pointer: String,
    id: &str,
    out: &mut Vec<Diagnostic>,
) {
    let d = Diagnostic::new(code, pointer).input("id", id);
    let (d, fr, en) = match code {
        Code::UnknownModule => (
            d.suggesting(id, curriculum.modules().iter().map(|m| m.id.as_str())),
            "écrivez l'identifiant d'un module de ce cursus, tel qu'il figure dans le cursus",
            "write the id of a module of this curriculum, as the curriculum spells it",
        ),
        Code::UnknownCompetency => (
            d.suggesting(id, curriculum.competencies().iter().map(|c| c.id.as_str())),
            "écrivez l'identifiant d'une compétence du référentiel de ce cursus",
            "write the id of a competency of this curriculum's framework",
        ),
        _ => (
            d.suggesting(
                id,
                curriculum
                    .document()
                    .audiences
                    .iter()
                    .map(|a| a.id.as_str()),
            ),
            "écrivez l'identifiant d'un des publics déclarés dans `audiences` du cursus",
            "write the id of one of the audiences the curriculum declares in `audiences`",
        ),
    };
    out.push(d.local("fix", fr, en));
}

/// Resolves a record built in code (not read from a file) against a curriculum:
/// the learner, or `None` when the record does not fit it.
pub(crate) fn resolve_record(curriculum: &Compiled, record: &LearnerRecord) -> Option<Learner> {
    let (diagnostics, learner) = resolve(curriculum, &record.view());
    if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return None;
    }
    learner
}

/// Checks a record against the curriculum and resolves it: every diagnostic, and
/// the learner when none is an error.
pub(crate) fn resolve(
    curriculum: &Compiled,
    record: &RecordView<'_>,
) -> (Vec<Diagnostic>, Option<Learner>) {
    let mut out = Vec::new();
    let doc = curriculum.document();
    if record.format_version != LEARNER_FORMAT_VERSION {
        out.push(
            Diagnostic::new(Code::FormatVersion, "/formatVersion")
                .arg("found", record.format_version)
                .arg("supported", LEARNER_FORMAT_VERSION),
        );
        return (out, None);
    }
    if *record.curriculum.id != doc.id {
        out.push(
            Diagnostic::new(Code::CurriculumMismatch, "/curriculum/id").arg("expected", &doc.id),
        );
        return (out, None);
    }
    let same_version = *record.curriculum.version == doc.version;
    let mut history = History {
        record_version: record.curriculum.version.to_string(),
        ..History::default()
    };
    let audience = curriculum.audience_ix(&record.audience);
    if audience.is_none() {
        unknown_id(
            curriculum,
            Code::UnknownAudience,
            "/audience".into(),
            &record.audience,
            &mut out,
        );
    }
    let now = date_at(&record.now, &|| "/now".into(), &mut out);
    // An enrolment may be in the future (a session not started yet): then every
    // piece of evidence so far is entry positioning.
    let enrolled_on = record
        .enrolled_on
        .as_ref()
        .and_then(|text| date_at(text, &|| "/enrolledOn".into(), &mut out));
    let dated = |text: &str, pointer: At<'_>, out: &mut Vec<Diagnostic>| -> Option<Date> {
        let date = date_at(text, pointer, out)?;
        if now.is_some_and(|n| date > n) {
            out.push(Diagnostic::new(Code::FutureDate, pointer()));
            return None;
        }
        Some(date)
    };
    // Resolves a module id, carrying replaced ids and listing unknown ones.
    let module_of = |id: &str,
                     pointer: At<'_>,
                     out: &mut Vec<Diagnostic>,
                     history: &mut History|
     -> Option<ModuleIx> {
        if let Some(&m) = curriculum.module_ids.get(id) {
            return Some(m);
        }
        if let Some(&m) = curriculum.replaced_modules.get(id) {
            history.carried.push(Carried {
                pointer: pointer(),
                from: id.to_string(),
                to: curriculum.module(m).id.clone(),
            });
            return Some(m);
        }
        if same_version {
            unknown_id(curriculum, Code::UnknownModule, pointer(), id, out);
        } else {
            history.unknown.push(Unknown {
                pointer: pointer(),
                id: id.to_string(),
            });
        }
        None
    };
    let mut completions = Vec::with_capacity(record.completed.len());
    for (i, done) in record.completed.iter().enumerate() {
        let at = |field: &str| format!("/completed/{i}/{field}");
        let module = module_of(&done.module, &|| at("module"), &mut out, &mut history);
        let date = dated(&done.date, &|| at("date"), &mut out);
        if let Some(score) = done.score {
            if !(0.0..=100.0).contains(&score) {
                out.push(Diagnostic::new(Code::ScoreOutOfRange, at("score")).input("value", score));
            }
        }
        if let (Some(module), Some(date)) = (module, date) {
            completions.push(ResolvedCompletion {
                module,
                date,
                score: done.score,
                index: Some(i),
            });
        }
    }
    let competency_of = |id: &str,
                         pointer: At<'_>,
                         out: &mut Vec<Diagnostic>,
                         history: &mut History|
     -> Option<CompetencyIx> {
        if let Some(&c) = curriculum.competency_ids.get(id) {
            return Some(c);
        }
        if let Some(&c) = curriculum.replaced_competencies.get(id) {
            history.carried.push(Carried {
                pointer: pointer(),
                from: id.to_string(),
                to: curriculum.competencies()[c.index()].id.clone(),
            });
            return Some(c);
        }
        if same_version {
            unknown_id(curriculum, Code::UnknownCompetency, pointer(), id, out);
        } else {
            history.unknown.push(Unknown {
                pointer: pointer(),
                id: id.to_string(),
            });
        }
        None
    };
    let mut pieces = Vec::with_capacity(record.evidence.len());
    for (i, e) in record.evidence.iter().enumerate() {
        let at = |field: &str| format!("/evidence/{i}/{field}");
        let competency = competency_of(&e.competency, &|| at("competency"), &mut out, &mut history);
        let date = dated(&e.date, &|| at("date"), &mut out);
        if e.source == Source::Completion {
            out.push(Diagnostic::new(Code::ReservedSource, at("source")));
        }
        if let Some(w) = e.weight {
            if w < 0.0 {
                out.push(Diagnostic::new(Code::NegativeValue, at("weight")).arg("field", "weight"));
            }
        }
        let level = match (e.level, e.score, competency) {
            (Some(_), Some(_), _) | (None, None, _) => {
                out.push(Diagnostic::new(
                    Code::LevelOrScore,
                    format!("/evidence/{i}"),
                ));
                None
            }
            (Some(level), None, Some(c)) => {
                level_fits(curriculum, c, level, &|| at("level"), &mut out).then_some(level)
            }
            (None, Some(score), Some(c)) => {
                let info = &curriculum.competencies()[c.index()];
                let scale = &curriculum.scales()[info.scale.index()];
                if !(0.0..=100.0).contains(&score) {
                    out.push(
                        Diagnostic::new(Code::ScoreOutOfRange, at("score")).input("value", score),
                    );
                    None
                } else {
                    let level = level_for_score(&scale.min_scores, score);
                    if level.is_none() {
                        out.push(
                            Diagnostic::new(Code::ScoreUnmapped, at("score"))
                                .arg("competency", &info.id)
                                .arg("scale", &scale.id),
                        );
                    }
                    level
                }
            }
            (_, _, None) => None,
        };
        if let (Some(competency), Some(level), Some(date)) = (competency, level, date) {
            pieces.push(Piece {
                competency,
                level,
                source: e.source,
                date,
                weight: e.weight.unwrap_or(1.0),
                origin: Origin::Evidence(i),
                score: if e.level.is_none() { e.score } else { None },
                valid_until: None,
            });
        }
    }
    let mut goal_levels = Vec::new();
    let (goal_complete, goal_competencies) = match &record.goals {
        Some(goals) => (goals.complete, &goals.competencies[..]),
        None => (false, &[][..]),
    };
    for (i, g) in goal_competencies.iter().enumerate() {
        let at = |field: &str| format!("/goals/competencies/{i}/{field}");
        if let Some(c) = competency_of(&g.competency, &|| at("competency"), &mut out, &mut history)
        {
            if level_fits(curriculum, c, g.level, &|| at("level"), &mut out) {
                goal_levels.push((c, g.level));
            }
        }
    }
    let mut excluded = Vec::new();
    let mut minutes_available = None;
    if let Some(constraints) = &record.constraints {
        for (i, id) in constraints.excluded_modules.iter().enumerate() {
            let at = || format!("/constraints/excludedModules/{i}");
            if let Some(m) = module_of(id, &at, &mut out, &mut history) {
                excluded.push(m);
            }
        }
        if let Some(hours) = constraints.hours_available {
            if hours < 0.0 {
                out.push(
                    Diagnostic::new(Code::NegativeValue, "/constraints/hoursAvailable")
                        .arg("field", "hoursAvailable"),
                );
            } else {
                minutes_available = Some(libm::round(hours * 60.0).min(f64::from(u32::MAX)) as u32);
            }
        }
    }
    let errors = out.iter().any(|d| d.severity() == Severity::Error);
    let (Some(audience), Some(now), false) = (audience, now, errors) else {
        return (out, None);
    };
    let learner = Learner {
        curriculum: curriculum.key(),
        curriculum_name: std::sync::Arc::clone(&curriculum.name),
        id: record.id.to_string(),
        audience,
        now,
        enrolled_on,
        completions,
        pieces,
        goal_complete,
        goal_levels,
        excluded,
        minutes_available,
        history,
    };
    (out, Some(learner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// [`RecordView`] mirrors [`LearnerRecord`]: on every fixture and every file
    /// of the fuzz corpora, one accepts a text exactly when the other does, and
    /// they read the same values.
    #[test]
    fn the_borrowed_view_reads_what_the_record_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut paths = Vec::new();
        for dir in [
            "tests/fixtures",
            "curricula",
            "fuzz/corpus",
            "fuzz/regressions",
        ] {
            files(&root.join(dir), &mut paths);
        }
        paths.sort();
        let mut accepted = 0;
        for path in &paths {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let Ok(text) = crate::read::decode::utf8(&bytes) else {
                continue;
            };
            let owned = serde_json::from_str::<LearnerRecord>(text);
            let view = serde_json::from_str::<RecordView<'_>>(text);
            assert_eq!(owned.is_ok(), view.is_ok(), "{}", path.display());
            if let (Ok(owned), Ok(view)) = (owned, view) {
                assert_eq!(owned.view(), view, "{}", path.display());
                accepted += 1;
            }
        }
        assert!(accepted >= 20, "{accepted} records of {}", paths.len());
    }

    /// A string with an escape is unescaped, not refused: the same learner as
    /// the record written plainly.
    #[test]
    fn escaped_ids_resolve_as_plain_ones() {
        let c = crate::load(include_bytes!(
            "../../../../curricula/design-thinking-aidance/curriculum.json"
        ))
        .value
        .unwrap();
        let plain = include_str!(
            "../../../../curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json"
        );
        let record: LearnerRecord = serde_json::from_str(plain).unwrap();
        let module = &record.completed[0].module;
        let escaped = plain.replacen(
            &format!("\"{module}\""),
            &format!("\"\\u00{:02x}{}\"", module.as_bytes()[0], &module[1..]),
            1,
        );
        assert_ne!(escaped, plain);
        let a = load_learner(&c, plain.as_bytes());
        let b = load_learner(&c, escaped.as_bytes());
        assert!(a.diagnostics.is_empty() && b.diagnostics.is_empty());
        assert_eq!(a.value.unwrap(), b.value.unwrap());
    }
}

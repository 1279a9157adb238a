//! The competency framework: competencies, proficiency scales, and how evidence is
//! turned into a level.
//!
//! These are plain document types, mirroring the JSON exactly. Levels are referred
//! to everywhere by their **rank** (0 for the first level of the scale), so that a
//! learner record stays meaningful when a level is renamed.

use serde::{Deserialize, Serialize};

use crate::read::locale::Text;

/// The competency framework of a curriculum.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Framework {
    /// Proficiency scales; competencies use the default one unless they name another.
    pub scales: Vec<Scale>,
    /// Id of the scale used by competencies that name none (required when there are
    /// several scales).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_scale: Option<String>,
    /// How evidence becomes a level, for every competency that does not say otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// Competencies and the domains that group them (a domain is a competency that
    /// others name as `parent`).
    pub competencies: Vec<Competency>,
}

/// An ordered proficiency scale: the first level has rank 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scale {
    /// Stable id of the scale.
    pub id: String,
    /// Name of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Levels from lowest (rank 0) to highest.
    pub levels: Vec<Level>,
}

/// One named level of a scale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Level {
    /// Stable id of the level.
    pub id: String,
    /// Name shown to learners and trainers.
    pub label: Text,
    /// What a learner at this level can do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Lowest score (0–100) that maps to this level; scores map to the highest level
    /// whose `minScore` they reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
}

/// A competency (or a domain, when other competencies name it as parent).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Competency {
    /// Stable id.
    pub id: String,
    /// Name of the competency.
    pub title: Text,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The domain this competency belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Scale of this competency, when not the framework's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Overrides, field by field, the framework's assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// Ids of competencies this one replaces, so that evidence recorded against
    /// them still counts after a restructuring.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

/// How the evidence about a competency becomes one level. Every field is optional:
/// a competency's block overrides the framework's field by field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    /// Aggregation method (default `latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Weight of the newest evidence in `decayingAverage`, in (0, 1] (default 0.65).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<f64>,
    /// For `nOfM`: how many times the level must be reached...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// ...among the last `m` pieces of evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m: Option<u32>,
    /// Weight of each source of evidence; a source's rank is its weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_weights: Option<SourceWeights>,
    /// Evidence older than this many months no longer counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_months: Option<u32>,
    /// When assessed evidence dispenses from a module that teaches the competency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<Exemption>,
}

/// The dispensation policy: when assessed evidence of what a module teaches
/// dispenses from it (« acquis au positionnement, peut être dispensé »), and what
/// the dispensation then stands for. Every field is optional, overridden field by
/// field like the rest of the assessment block.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exemption {
    /// Least confidence, in [0, 1], of the evidence that dispenses (default 0.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// The sources whose evidence may dispense (default: `trainerAssessment`,
    /// `quiz`, `observation`, `peer`; a learner's own word positions but does not
    /// dispense, and a completion never dispenses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<Source>>,
    /// Whether a dispensed module satisfies "module completed" in other modules'
    /// prerequisites (default true). A score gate on it holds when the evidence
    /// that dispenses it includes a score at or above the gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfies_prerequisites: Option<bool>,
}

/// How several pieces of evidence combine into one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// The newest evidence.
    Latest,
    /// The highest level ever shown.
    Highest,
    /// The weighted mean, rounded down to a level.
    Average,
    /// Newest × w plus the mean of the earlier ones × (1 − w).
    DecayingAverage,
    /// The highest level reached at least n times in the last m pieces of evidence.
    NOfM,
}

impl Method {
    /// Every method, in declaration order.
    pub const ALL: [Method; 5] = [
        Method::Latest,
        Method::Highest,
        Method::Average,
        Method::DecayingAverage,
        Method::NOfM,
    ];
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Source {
    /// The learner's own assessment.
    SelfAssessment,
    /// A trainer's assessment.
    TrainerAssessment,
    /// A quiz or test.
    Quiz,
    /// Observation in situ.
    Observation,
    /// A peer's assessment.
    Peer,
    /// Completing a module that teaches the competency.
    Completion,
}

/// Weight of each source of evidence; a source's rank is its weight. All optional:
/// an absent source keeps its default rank (1 for trainer assessment, quiz,
/// observation and completion; 0.5 for self- and peer assessment).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceWeights {
    /// Weight of self-assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<f64>,
    /// Weight of trainer assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainer_assessment: Option<f64>,
    /// Weight of quizzes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiz: Option<f64>,
    /// Weight of observation in situ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation: Option<f64>,
    /// Weight of peer assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<f64>,
    /// Weight of module completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<f64>,
}

impl SourceWeights {
    /// The weights that were given, with the JSON key of each.
    pub(crate) fn given(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        [
            ("selfAssessment", self.self_assessment),
            ("trainerAssessment", self.trainer_assessment),
            ("quiz", self.quiz),
            ("observation", self.observation),
            ("peer", self.peer),
            ("completion", self.completion),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }
}

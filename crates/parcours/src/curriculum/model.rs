//! The curriculum document: the versioned JSON a curriculum designer writes.
//!
//! These types mirror the JSON exactly (camelCase keys, unknown fields rejected) and
//! are the single source of the published JSON Schema. They are *not* checked: a
//! [`Curriculum`] may hold dangling references or cycles. [`crate::load()`] checks it and
//! builds the index-based [`crate::Compiled`] form that the engine runs on.

use serde::{Deserialize, Serialize};

use crate::curriculum::competency::Framework;
use crate::curriculum::prerequisite::Expr;
use crate::read::locale::{Lang, Text};
use crate::read::schema::SchemaKind;

/// The format version this build reads and writes. Older versions will be migrated
/// on load; a newer one is refused with a hint to update the engine.
pub const FORMAT_VERSION: u32 = SchemaKind::Curriculum.format_version();

/// A curriculum: audiences, a competency framework, modules with prerequisites,
/// stages, groups and a completion rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Curriculum {
    /// Where editors find this schema (for completion); ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the document format (currently 1).
    pub format_version: u32,
    /// Stable id of the curriculum (lowercase letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Version of the content, chosen by the designer (for example `2026.1`).
    pub version: String,
    /// Title of the curriculum.
    pub title: Text,
    /// What the curriculum is for; invented hours are flagged here as assumptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Languages the content is written in; French is required.
    pub languages: Vec<Lang>,
    /// Who the curriculum is for (one vocabulary across curricula, learner records
    /// and positioning instruments).
    pub audiences: Vec<Audience>,
    /// Competencies, scales and assessment rules.
    pub framework: Framework,
    /// The phases of the curriculum, in order (they order and explain; they never lock).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// The modules.
    pub modules: Vec<Module>,
    /// Groups of modules with their own rule (they count towards completion only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The toolbox: guides, canvases and kits that modules use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// What completing the curriculum means.
    pub completion: CompletionRule,
}

/// A group of people the curriculum is for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Audience {
    /// Stable id, shared with learner records and instruments (for example `direction`).
    pub id: String,
    /// Name of the audience.
    pub label: Text,
}

/// A phase of the curriculum.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stage {
    /// Stable id.
    pub id: String,
    /// Name of the stage.
    pub title: Text,
    /// What happens in this stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Whether a module belongs to everyone's path or is chosen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ModuleKind {
    /// A core module (socle): part of every learner's path.
    #[default]
    Core,
    /// An optional module, chosen by or for the learner.
    Optional,
}

/// How a module is delivered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// A training session in a room.
    #[default]
    Classroom,
    /// A hands-on collective workshop (brainstorming, sketching, hackathon...).
    Workshop,
    /// Self-paced online learning.
    ELearning,
    /// A live remote session.
    VirtualClassroom,
    /// Practice in the establishment, on real situations.
    InSituPractice,
    /// Individual or team coaching.
    Coaching,
    /// Companionship of a team by a practitioner (socio-designer and staff).
    Companionship,
    /// A mix of the above.
    Blended,
}

/// A module: a unit of training.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Module {
    /// Stable id.
    pub id: String,
    /// Name of the module.
    pub title: Text,
    /// What the module covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Core (socle) or optional.
    pub kind: ModuleKind,
    /// Duration in hours (counted to the minute), greater than 0.
    pub duration_hours: f64,
    /// How the module is delivered.
    pub format: Format,
    /// Audiences the module is for; empty means every audience.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
    /// Free tags and themes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Stage the module belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Toolbox resources used in the module (ids from `resources`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// Competencies the module brings learners to, and at which level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teaches: Vec<Teaching>,
    /// What must hold before the module can be taken (blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Expr>,
    /// What should hold before the module is taken (warns, never blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommends: Option<Expr>,
    /// After this many months the module must be renewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_months: Option<u32>,
    /// Ids of modules this one replaces, so that learners' history still counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

/// A competency a module teaches, and to which level.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Teaching {
    /// Id of the competency.
    pub competency: String,
    /// Rank of the level reached on the competency's scale.
    pub level: u32,
}

/// A group of modules with its own rule, for example "at least 1 of these 3
/// workshops". Groups count towards completion; they never lock a module.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Name of the group, used in explanations.
    pub title: Text,
    /// Modules of the group.
    pub modules: Vec<String>,
    /// At least this many modules of the group must be completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_modules: Option<u32>,
    /// At least this many hours of the group's modules must be completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_hours: Option<f64>,
}

/// What kind of toolbox resource.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    /// A guide (for example an observation guide).
    #[default]
    Guide,
    /// A canvas to fill in (for example a prototyping canvas).
    Canvas,
    /// A kit to run a collective-intelligence workshop.
    WorkshopKit,
    /// A template or form.
    Template,
    /// A checklist or grid.
    Checklist,
    /// A video.
    Video,
    /// Any other document.
    Document,
}

/// A toolbox resource: a guide, canvas or kit that modules use.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    /// Stable id.
    pub id: String,
    /// Name of the resource.
    pub title: Text,
    /// What kind of resource.
    pub kind: ResourceKind,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Where to find it (a URL or a path in the toolbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What completing the curriculum means. Every group's rule must hold as well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "rule", rename_all = "camelCase", deny_unknown_fields)]
pub enum CompletionRule {
    /// All core modules, plus at least `minOptionalModules` optional modules and/or
    /// at least `minOptionalHours` hours of optional modules (both, when both are given).
    #[serde(rename_all = "camelCase")]
    CoreAndOptional {
        /// Optional modules to complete, at least.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_optional_modules: Option<u32>,
        /// Hours of optional modules to complete, at least.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_optional_hours: Option<f64>,
        /// Core modules are core for their own `audiences` only: a core module
        /// closed to an audience is, on purpose, not asked of it. Without it,
        /// `validate` warns about each such module (`core-closed-to-audience`),
        /// since the rule would otherwise silently not ask it of that audience.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        core_by_audience: bool,
    },
    /// An explicit expression.
    #[serde(rename_all = "camelCase")]
    Expression {
        /// The expression that must hold.
        expression: Expr,
    },
}

impl Default for CompletionRule {
    fn default() -> Self {
        CompletionRule::CoreAndOptional {
            min_optional_modules: None,
            min_optional_hours: None,
            core_by_audience: false,
        }
    }
}

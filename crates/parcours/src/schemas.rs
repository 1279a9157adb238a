//! Generating the published JSON Schemas from the Rust types (cargo feature
//! `schema`, which brings in schemars). Two families, each committed under
//! `curricula/schema/`:
//!
//! - the **documents** people write ([`SchemaKind`]: curriculum, learner record,
//!   instrument, answers), which the runtime embeds ([`SchemaKind::text`]) to check
//!   their structure;
//! - the **outputs** the engine gives ([`OutputKind`]: status, recommendations,
//!   why-not, plan, progress, diagnostics, an individual positioning's summary),
//!   which nothing reads at run time: they
//!   tell a tool what `--format json` and the WebAssembly package return, and the
//!   npm package's TypeScript types are generated from them.
//!
//! The test `tests/schemas.rs` regenerates each one and compares it byte for byte
//! with the committed file (`UPDATE=1` rewrites it); the npm package's tests check
//! that the command line's JSON for every bundled learner matches its output schema.
//!
//! It sits above every layer: it names the types of all of them.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{Map, Value};

use crate::curriculum::model::Curriculum;
use crate::engine::plan::Plan;
use crate::engine::recommend::{Recommendations, WhyNot};
use crate::learner::progress::Progress;
use crate::learner::record::LearnerRecord;
use crate::learner::state::Status;
use crate::positioning::answers::AnswersDocument;
use crate::positioning::instrument::Instrument;
use crate::positioning::PositionSummary;
use crate::read::diagnostic::DiagnosticOutput;
use crate::read::schema::SchemaKind;

/// The document schema of `kind` as published: draft-07, pretty-printed, with a
/// final newline.
pub fn generate(kind: SchemaKind) -> String {
    let settings = SchemaSettings::draft07();
    let value = match kind {
        SchemaKind::Curriculum => value::<Curriculum>(settings),
        SchemaKind::Learner => value::<LearnerRecord>(settings),
        SchemaKind::Instrument => value::<Instrument>(settings),
        SchemaKind::Answers => value::<AnswersDocument>(settings),
    };
    pretty(&value)
}

/// What the engine answers, for which a schema is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum OutputKind {
    /// `status.schema.json`: [`Status`] (`parcours status --format json`).
    Status,
    /// `recommend.schema.json`: [`Recommendations`] (`parcours recommend --format json`).
    Recommend,
    /// `why-not.schema.json`: [`WhyNot`] (`parcours recommend --why ID --format json`).
    WhyNot,
    /// `plan.schema.json`: [`Plan`] (`parcours plan --format json`).
    Plan,
    /// `progress.schema.json`: [`Progress`] (`parcours progress --format json`).
    Progress,
    /// `diagnostics.schema.json`: a list of [`DiagnosticOutput`] (what the
    /// WebAssembly package's `loadCurriculum` and `ParcoursError` carry).
    Diagnostics,
    /// `position-summary.schema.json`: [`PositionSummary`], what an individual
    /// positioning added (the WebAssembly package's `position`; the command line
    /// prints it as a sentence).
    PositionSummary,
}

impl OutputKind {
    /// Every kind, for tools that regenerate them all.
    pub const ALL: [OutputKind; 7] = [
        OutputKind::Status,
        OutputKind::Recommend,
        OutputKind::WhyNot,
        OutputKind::Plan,
        OutputKind::Progress,
        OutputKind::Diagnostics,
        OutputKind::PositionSummary,
    ];

    /// The file name under `curricula/schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            OutputKind::Status => "status.schema.json",
            OutputKind::Recommend => "recommend.schema.json",
            OutputKind::WhyNot => "why-not.schema.json",
            OutputKind::Plan => "plan.schema.json",
            OutputKind::Progress => "progress.schema.json",
            OutputKind::Diagnostics => "diagnostics.schema.json",
            OutputKind::PositionSummary => "position-summary.schema.json",
        }
    }

    /// The schema as published: draft-07, pretty-printed, with a final newline.
    ///
    /// It describes what the engine writes (schemars' serialize contract: a field
    /// left out when empty is optional, an `Option` written as `null` is required
    /// and nullable), and every object is closed (`additionalProperties: false`):
    /// a field the types gained but the schema missed fails the npm package's
    /// check of the command line's JSON, and TypeScript sees exact types.
    pub fn generate(self) -> String {
        let settings = SchemaSettings::draft07().for_serialize();
        let mut value = match self {
            OutputKind::Status => value::<Status>(settings),
            OutputKind::Recommend => value::<Recommendations>(settings),
            OutputKind::WhyNot => value::<WhyNot>(settings),
            OutputKind::Plan => value::<Plan>(settings),
            OutputKind::Progress => value::<Progress>(settings),
            OutputKind::Diagnostics => value::<Diagnostics>(settings),
            OutputKind::PositionSummary => value::<PositionSummary>(settings),
        };
        close_objects(&mut value, false);
        pretty(&value)
    }
}

/// Every problem found in one document, sorted by line and column: each with its
/// stable code, severity, JSON pointer, place and a message and hint in the
/// language asked.
// A root type of its own only to give the list's schema this title and description.
#[derive(JsonSchema)]
#[schemars(rename = "Diagnostics")]
#[allow(dead_code)] // never built: it only names the list for its schema
struct Diagnostics(Vec<DiagnosticOutput>);

/// `additionalProperties: false` on every object schema that lists its
/// properties and says nothing of others.
///
/// A flattened tagged enum (a recommendation's `action` and the action's
/// fields) is an object with its own properties and a `oneOf` of variant
/// objects. Draft-07 checks `additionalProperties` against the properties of
/// its own schema only, so a closed variant would refuse the recommendation's
/// other fields, and a closed parent the variant's. The parent therefore lists
/// every variant's properties too (any value: the variant checks it) and is
/// closed; the variants stay open (`branch`).
fn close_objects(schema: &mut Value, branch: bool) {
    match schema {
        Value::Object(object) => {
            let has_properties = object.contains_key("properties");
            if has_properties {
                let mut variants = Vec::new();
                for key in ["oneOf", "anyOf"] {
                    if let Some(Value::Array(items)) = object.get(key) {
                        items
                            .iter()
                            .for_each(|v| variant_properties(v, &mut variants));
                    }
                }
                if let Some(Value::Object(properties)) = object.get_mut("properties") {
                    for name in variants {
                        properties
                            .entry(name)
                            .or_insert_with(|| Value::Object(Map::new()));
                    }
                }
                if !branch && !object.contains_key("additionalProperties") {
                    object.insert("additionalProperties".into(), Value::Bool(false));
                }
            }
            for (key, sub) in object.iter_mut() {
                let variant = key == "oneOf" || key == "anyOf";
                match sub {
                    // The variants of an object (or of a variant: an optional
                    // flattened enum is `anyOf: [{oneOf: …}, {}]`) stay open.
                    Value::Array(items) if variant && (has_properties || branch) => {
                        items.iter_mut().for_each(|v| close_objects(v, true));
                    }
                    _ => close_objects(sub, false),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| close_objects(v, false)),
        _ => {}
    }
}

/// The property names a variant may bring, through nested `oneOf`/`anyOf`.
fn variant_properties(schema: &Value, names: &mut Vec<String>) {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        names.extend(properties.keys().cloned());
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(items) = schema.get(key).and_then(Value::as_array) {
            items.iter().for_each(|v| variant_properties(v, names));
        }
    }
}

fn value<T: JsonSchema>(settings: SchemaSettings) -> Value {
    settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn pretty(value: &Value) -> String {
    crate::read::pretty::json_text(value)
}

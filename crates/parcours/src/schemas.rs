//! Generating the published JSON Schemas from the document types (cargo feature
//! `schema`, which brings in schemars; the runtime reads the committed files that
//! [`SchemaKind::text`] embeds). The test `tests/schemas.rs` regenerates each schema
//! and compares it byte for byte with `curricula/schema/` (`UPDATE=1` rewrites it).
//!
//! It sits above every layer: it names the document types of all of them.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::curriculum::model::Curriculum;
use crate::learner::record::LearnerRecord;
use crate::positioning::answers::AnswersDocument;
use crate::positioning::instrument::Instrument;
use crate::read::schema::SchemaKind;

/// The schema of `kind` as published: draft-07, pretty-printed, with a final
/// newline.
pub fn generate(kind: SchemaKind) -> String {
    let value = match kind {
        SchemaKind::Curriculum => value::<Curriculum>(),
        SchemaKind::Learner => value::<LearnerRecord>(),
        SchemaKind::Instrument => value::<Instrument>(),
        SchemaKind::Answers => value::<AnswersDocument>(),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn value<T: JsonSchema>() -> Value {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

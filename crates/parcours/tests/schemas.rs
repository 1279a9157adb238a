//! The published schemas are generated from the Rust types, never edited by hand:
//! each is regenerated here and compared byte for byte with its committed file under
//! `curricula/schema/` (`UPDATE=1` rewrites the files). The core embeds the document
//! schemas; the output schemas are for tools and the npm package's types.
//! Run with `cargo test -p parcours --features schema --test schemas`.
#![cfg(feature = "schema")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

use parcours::schemas::OutputKind;
use parcours::SchemaKind;

#[test]
fn committed_schemas_are_generated_from_the_types() {
    let mut failures = Vec::new();
    for kind in SchemaKind::ALL {
        let path = common::root()
            .join("curricula/schema")
            .join(kind.file_name());
        common::golden(&path, &parcours::schemas::generate(kind), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The schemas of what the engine answers (status, recommend, why-not, plan,
/// progress, diagnostics): nothing embeds them, the npm package's TypeScript types
/// are generated from them, and `bindings/js/test/schemas.test.mjs` validates the
/// command line's JSON for every bundled learner against them.
#[test]
fn committed_output_schemas_are_generated_from_the_types() {
    let mut failures = Vec::new();
    for kind in OutputKind::ALL {
        let path = common::root()
            .join("curricula/schema")
            .join(kind.file_name());
        let text = kind.generate();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Titles and descriptions come from the doc comments.
        assert!(value["title"].is_string(), "{}: no title", kind.file_name());
        assert!(
            value["description"].is_string(),
            "{}: no description",
            kind.file_name()
        );
        common::golden(&path, &text, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_embedded_schemas_are_the_committed_files() {
    if common::updating() {
        return; // the files are being rewritten; the next build embeds them
    }
    for kind in SchemaKind::ALL {
        let path = common::root()
            .join("curricula/schema")
            .join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap();
        assert_eq!(kind.text(), committed, "{}", path.display());
        assert!(
            kind.schema().is_object(),
            "{} is not a JSON object",
            path.display()
        );
    }
}

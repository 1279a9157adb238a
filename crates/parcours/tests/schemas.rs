//! The published schemas are generated from the document types, never edited by
//! hand: each is regenerated here and compared byte for byte with its committed file
//! under `curricula/schema/`, which the core embeds (`UPDATE=1` rewrites the files).
//! Run with `cargo test -p parcours --features schema --test schemas`.
#![cfg(feature = "schema")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

mod common;

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

//! Reading, the lowest layer: bytes, JSON, CSV, schemas, diagnostics. Imports no other layer.
//!
//! Bytes to text (`decode`), text to a JSON tree with positions (`json`) or to CSV
//! records (`csv`), the structural check against the published schemas (`schema`),
//! and diagnostics (`diagnostic`, `code`) with their French and English catalogue;
//! `order`, the stable sort every layer shares (one copy in the WebAssembly);
//! `pretty`, the JSON text every front end writes.
//! It owns no domain concept: every layer above reports through it.
//!
//! The layer is private: the types callers need (`Diagnostic`, `Code`, `Outcome`,
//! `Date`, `Lang`, `Text`, `SchemaKind`, `LineIndex`...) are re-exported at the crate
//! root, and what answers report of their bytes by `positioning::answers`.

pub(crate) mod code;
pub(crate) mod csv;
pub(crate) mod date;
pub(crate) mod decode;
pub(crate) mod diagnostic;
pub(crate) mod french;
pub(crate) mod json;
pub(crate) mod locale;
pub(crate) mod messages;
pub(crate) mod order;
pub(crate) mod outcome;
pub(crate) mod pretty;
pub(crate) mod repair;
pub(crate) mod schema;

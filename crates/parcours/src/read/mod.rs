//! Reading, the lowest layer: bytes, JSON, CSV, schemas, diagnostics. Imports no other layer.
//!
//! Bytes to text (`decode`), text to a JSON tree with positions (`json`) or to CSV
//! records (`csv`), the structural check against the published schemas (`schema`),
//! and diagnostics (`diagnostic`, `code`) with their French and English catalogue.
//! It owns no domain concept: every layer above reports through it.

pub mod code;
pub mod csv;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod json;
pub mod locale;
pub(crate) mod messages;
pub mod outcome;
pub mod schema;

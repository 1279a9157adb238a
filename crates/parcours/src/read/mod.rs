//! Reading and diagnostics: bytes to text, text to a JSON tree with positions, the
//! structural check against the published schemas, and diagnostics with their
//! French and English catalogue. It owns no domain concept and imports nothing else
//! of the crate: every layer above reports through it.

pub mod date;
pub mod diagnostic;
pub mod json;
pub mod locale;
pub(crate) mod messages;
pub mod outcome;
pub mod schema;

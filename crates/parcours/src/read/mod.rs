//! Reading and diagnostics: bytes to text (`decode`), text to a JSON tree with
//! positions (`json`) or to CSV records (`csv`), the structural check against the
//! published schemas, and diagnostics with their French and English catalogue. It owns no domain concept and imports nothing else
//! of the crate: every layer above reports through it.

pub mod csv;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod json;
pub mod locale;
pub(crate) mod messages;
pub mod schema;

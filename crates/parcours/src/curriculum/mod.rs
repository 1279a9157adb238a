//! The curriculum: documents, checks, compilation, compiled form. Imports only `read`.
//!
//! A designer's document (`model`, `competency`, `prerequisite`) is read (`load`),
//! checked (`validate`) and compiled (`compile`) into the index-based form the engine
//! runs on (`compiled`).

pub mod competency;
pub(crate) mod compile;
pub mod compiled;
pub(crate) mod hints;
pub(crate) mod load;
pub mod model;
pub mod prerequisite;
pub(crate) mod validate;

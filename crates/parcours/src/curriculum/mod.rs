//! The curriculum a designer writes: its document types, their semantic checks, and
//! (separately) the compiled, index-based form the engine runs on. It imports only
//! [`crate::read`].

pub mod competency;
pub mod compile;
pub mod compiled;
pub mod load;
pub mod model;
pub mod prerequisite;
pub mod validate;

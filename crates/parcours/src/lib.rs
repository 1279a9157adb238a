//! parcours core (WIP)
pub mod competency;
pub mod curriculum;
pub mod diagnostic;
pub mod json;
pub mod locale;
mod messages;
pub mod prerequisite;
pub mod schema;

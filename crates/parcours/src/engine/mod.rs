//! What to do next: recommendations, shortest plans. Never imports `positioning`.
//!
//! Ranked recommendations (`recommend`) and the shortest individual plan (`plan`),
//! both pure functions of a compiled curriculum and one learner.

pub mod plan;
pub mod recommend;

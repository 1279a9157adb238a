//! One learner: record, levels, states, unlocks, progress. Imports `read`, `curriculum` only.
//!
//! The learner record (personal data), competency levels from evidence, module
//! states, what would unlock a module, and progress against the completion rule.

pub mod evidence;
pub mod progress;
pub mod record;
pub mod state;
pub mod unlock;

//! One learner: record, levels, states, unlocks, progress. Imports `read`, `curriculum` only.
//!
//! The learner record (personal data), competency levels from evidence, module
//! states, what would unlock a module, and progress against the completion rule.
//!
//! Public here: the record a host writes (`record`), and what the crate root's
//! calls return (`state`, `progress`, and the parts of them defined beside the
//! computations, re-exported below). How levels and unlocks are computed stays
//! inside the crate.

pub(crate) mod evidence;
pub mod progress;
pub mod record;
pub mod state;
pub(crate) mod unlock;

pub use evidence::{CompetencyLevel, Origin, PieceOutput};
pub use unlock::{Item, ScoreKey, Unlock};

#[cfg(test)]
mod properties;

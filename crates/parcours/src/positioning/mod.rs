//! Self-positioning, the top layer: instrument, answers, analysis, team plan. Imports any layer.
//!
//! The instrument (autopositionnement), its answers and the labels they are matched
//! by, ordinal statistics, the committee's analysis, one respondent's answers as
//! entry positioning, and the team plan.

pub mod analysis;
pub mod answers;
pub(crate) mod individual;
pub mod instrument;
pub(crate) mod labels;
pub(crate) mod ordinal;
pub mod team;

pub use individual::{DateSource, PositionOptions, PositionSummary};
pub use ordinal::Summary;

//! Self-positioning (autopositionnement): the instrument, its answers, ordinal
//! statistics, the committee's analysis, one respondent's answers as entry
//! positioning, and the team plan. It sits on top: it may import every layer below.

pub mod analysis;
pub mod answers;
pub mod individual;
pub mod instrument;
pub mod labels;
pub mod ordinal;
pub mod team;

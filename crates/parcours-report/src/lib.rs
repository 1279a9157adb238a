//! How parcours's results look: the text views of the command line, the individual
//! record and the committee's report (Markdown and self-contained HTML), the action
//! plan (CSV for French spreadsheets), the questionnaires and empty answer sheets
//! for collecting the answers, and drawings of the prerequisite graph.
//!
//! The engine (`parcours`) returns data only; this crate decides how it reads. The
//! command line and the WebAssembly binding both print through it, so a learner sees
//! the same words in a terminal and in a browser.

pub mod action_plan;
pub mod analysis;
pub mod committee;
pub mod committee_html;
mod decimal;
pub mod format;
pub mod graph;
pub mod questionnaire;
pub mod record;
pub mod text;
mod words;

//! Drawings of a curriculum's prerequisite graph: Graphviz DOT, Mermaid, and a
//! self-contained SVG that needs no Graphviz.
//!
//! The three formats draw one drawing model (`model.rs`), so they say the same thing the
//! same way: what each rule asks, not only which modules it names.
//!
//! - Core modules are filled boxes, optional modules dashed rounded boxes.
//! - A required prerequisite is a solid arrow, a recommended one a dashed grey
//!   arrow.
//! - An `anyOf` or `atLeast` is a junction node (« 1 parmi 2 », « 3 parmi 5 »):
//!   the modules it counts point at the junction, the junction at the module.
//!   An `allOf` needs no junction (every arrow is required), except inside a
//!   junction, where it becomes « 2 parmi 2 ».
//! - A score gate is an arrow labelled « score ≥ 70 »; a competency requirement
//!   an arrow from the competency (one node per competency) labelled with the
//!   level it asks (« niveau ≥ Pratique »).
//! - Stages are clusters (DOT, Mermaid) or bands (SVG), in stage order; a legend
//!   says all of the above.
//!
//! With a learner ([`learner_graph`]), each module is coloured by the learner's
//! state and the plan's steps are numbered. Visible text is labels and titles,
//! never ids; the output is a pure function of its inputs (no clock, no I/O), so
//! the same inputs give the same bytes, on every target (WebAssembly included).

mod dot;
mod layout;
mod mermaid;
mod model;
mod svg;

use parcours::{Compiled, Lang, Plan, Status};

/// The drawing formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// A self-contained SVG picture, laid out here (no Graphviz), that fits an A4
    /// page.
    Svg,
}

/// What a learner adds to a drawing: the state of every module (from
/// `parcours::status`) and, when there is one, the plan whose steps are numbered
/// (from `parcours::plan`).
#[derive(Debug, Clone, Copy)]
pub struct LearnerView<'a> {
    /// The learner's status against the curriculum.
    pub status: &'a Status,
    /// The learner's plan.
    pub plan: Option<&'a Plan>,
}

/// Draws the curriculum in `format`, with titles in `lang`.
pub fn graph(c: &Compiled, format: GraphFormat, lang: Lang) -> String {
    render(&model::Drawing::new(c, lang, None), format, lang)
}

/// Draws the curriculum for one learner: modules coloured by state, the plan's
/// steps numbered.
pub fn learner_graph(
    c: &Compiled,
    format: GraphFormat,
    lang: Lang,
    learner: &LearnerView<'_>,
) -> String {
    render(&model::Drawing::new(c, lang, Some(learner)), format, lang)
}

fn render(drawing: &model::Drawing, format: GraphFormat, lang: Lang) -> String {
    match format {
        GraphFormat::Dot => dot::dot(drawing, lang),
        GraphFormat::Mermaid => mermaid::mermaid(drawing, lang),
        GraphFormat::Svg => svg::svg(drawing, lang),
    }
}

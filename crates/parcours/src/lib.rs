//! # parcours
//!
//! A learning-path engine: a curriculum is a prerequisite graph of core and optional
//! modules over a competency framework. This crate is the pure core: no I/O, no
//! clock, no threads. It runs the same in a server, a command-line tool and a browser
//! (compiled to WebAssembly), and the same input always gives the same bytes.
//!
//! The flow of data:
//!
//! 1. [`curriculum`] — the JSON document a designer writes ([`Curriculum`]), with its
//!    [`competency`] framework and [`prerequisite`] expressions;
//! 2. [`mod@load`] — bytes to checked document: [`json`] keeps positions, [`schema`]
//!    checks the structure, [`validate`] the meaning; every problem becomes a
//!    [`Diagnostic`] with a code, a place and a hint in French and English;
//! 3. [`compiled`] — the index-based, acyclic form the engine runs on ([`Compiled`]);
//! 4. [`render`] — drawings of the graph (Graphviz, Mermaid);
//! 5. [`instrument`] and [`answers`] — the self-positioning instrument (checked like a
//!    curriculum) and its answers, read from CSV as spreadsheets export them.
//!
//! ```
//! let text = r#"{
//!   "formatVersion": 1, "id": "demo", "version": "1", "title": {"fr": "Démo"},
//!   "languages": ["fr"], "audiences": [{"id": "professionnels", "label": {"fr": "Professionnels"}}],
//!   "framework": {
//!     "scales": [{"id": "niveaux", "levels": [
//!       {"id": "decouverte", "label": {"fr": "Découverte"}},
//!       {"id": "pratique", "label": {"fr": "Pratique"}}]}],
//!     "competencies": [{"id": "observer", "title": {"fr": "Observer"}}]
//!   },
//!   "modules": [
//!     {"id": "intro", "title": {"fr": "Introduction"}, "kind": "core", "durationHours": 3.5,
//!      "format": "workshop", "teaches": [{"competency": "observer", "level": 0}]},
//!     {"id": "terrain", "title": {"fr": "Observation sur le terrain"}, "kind": "core",
//!      "durationHours": 7, "format": "inSituPractice",
//!      "teaches": [{"competency": "observer", "level": 1}],
//!      "requires": {"type": "module", "module": "intro"}}
//!   ],
//!   "completion": {"rule": "coreAndOptional"}
//! }"#;
//! let outcome = parcours::load(text.as_bytes());
//! assert!(outcome.diagnostics.is_empty());
//! let curriculum = outcome.compiled.unwrap();
//! let order: Vec<&str> = curriculum
//!     .topological_order()
//!     .iter()
//!     .map(|&m| curriculum.module(m).id.as_str())
//!     .collect();
//! assert_eq!(order, ["intro", "terrain"]);
//! ```
#![forbid(unsafe_code)]

pub mod curriculum;
pub mod engine;
pub mod learner;
pub mod positioning;
pub mod read;
#[cfg(feature = "schema")]
pub mod schemas;

pub use curriculum::compiled::{Compiled, ModuleIx};
pub use curriculum::load::{load, load_str, LoadError, Outcome};
pub use curriculum::model::{Curriculum, Module, FORMAT_VERSION};
pub use positioning::answers::{
    read_answers, AnswerTable, AnswersOutcome, ReadOptions, ReadReport,
};
pub use positioning::instrument::{
    load_instrument, CheckedInstrument, Instrument, InstrumentOutcome,
};
pub use read::diagnostic::{Code, Diagnostic, DiagnosticOutput, Severity};
pub use read::locale::{Lang, Text};
pub use read::schema::SchemaKind;

//! # parcours
//!
//! A learning-path engine for training bodies: a curriculum is a prerequisite graph
//! of core and optional modules over a competency framework; a learner record is
//! what the host system (an LMS, a record store) knows of one trainee. This crate is
//! the pure core: no I/O, no clock, no threads, no state between calls. It runs the
//! same in a batch job, a command-line tool and a browser (compiled to WebAssembly),
//! and the same input always gives the same bytes.
//!
//! Everything a caller needs is at the crate root: bytes in, typed values out, and
//! every problem as a located [`Diagnostic`] inside an [`Outcome`], never a panic.
//!
//! ## 1. A curriculum
//!
//! [`load`] reads, checks and compiles a curriculum. A curriculum with mistakes is
//! an expected outcome: every problem comes back at once, with a JSON pointer, a
//! line and column, and a hint in French and English.
//!
//! ```
//! let outcome = parcours::load(include_bytes!("../../../curricula/design-thinking-aidance/curriculum.json"));
//! assert!(outcome.diagnostics.is_empty());
//! let curriculum = outcome.value.expect("the bundled curriculum is valid");
//! assert_eq!(curriculum.document().id, "design-thinking-aidance");
//!
//! let broken = parcours::load_str(r#"{"formatVersion": 1, "id": "demo", "modules": [}"#);
//! let d = &broken.diagnostics[0];
//! assert_eq!((d.code.as_str(), d.line, d.column), ("syntax", Some(1), Some(48)));
//! println!("{}", d.message(parcours::Lang::Fr)); // what is wrong, in French
//! println!("{}", d.hint(parcours::Lang::En)); // how to fix it, in English
//! ```
//!
//! ## 2. A learner
//!
//! [`load_learner`] reads a learner record against that curriculum. A record is
//! personal data: its diagnostics never show a value. The [`Learner`] it gives
//! remembers its curriculum: asking about it with another one is refused with a
//! `wrong-curriculum` diagnostic.
//!
//! ```
//! # let curriculum = parcours::load(include_bytes!("../../../curricula/design-thinking-aidance/curriculum.json")).value.unwrap();
//! let record = include_bytes!("../../../curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json");
//! let learner = parcours::load_learner(&curriculum, record).value.expect("a valid record");
//!
//! let other = parcours::load(include_bytes!("../../../curricula/transformation-offre/curriculum.json")).value.unwrap();
//! let refused = parcours::status(&other, &learner);
//! assert_eq!(refused.diagnostics[0].code, parcours::Code::WrongCurriculum);
//! ```
//!
//! ## 3. Where the learner stands, and what next
//!
//! [`status`] gives each competency's level (with its confidence and the evidence
//! used) and each module's state with its reason; [`progress`] the individual
//! record against the completion rule; [`recommend`] the best next modules, each
//! score explained term by term, and [`why_not`] why a module is not (first)
//! recommended; [`ready`] the modules open now, for batches.
//!
//! ```
//! # let curriculum = parcours::load(include_bytes!("../../../curricula/design-thinking-aidance/curriculum.json")).value.unwrap();
//! # let learner = parcours::load_learner(&curriculum, include_bytes!("../../../curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json")).value.unwrap();
//! use parcours::{ProgressOptions, RecommendOptions};
//!
//! let status = parcours::status(&curriculum, &learner).value.unwrap();
//! assert_eq!(status.modules.len(), curriculum.modules().len());
//!
//! let progress = parcours::progress(&curriculum, &learner, &ProgressOptions::default()).value.unwrap();
//! assert!(progress.completion.percentage < 100.0);
//!
//! let options = RecommendOptions { top: 3, ..RecommendOptions::default() };
//! let next = parcours::recommend(&curriculum, &learner, &options).value.unwrap();
//! for r in &next.recommendations {
//!     println!("{} ({:.1})", r.module, r.score);
//! }
//! let why = parcours::why_not(&curriculum, &learner, "hackathon-aidance", &options);
//! assert!(why.value.is_some());
//! ```
//!
//! ## 4. The shortest individual path
//!
//! [`plan`] finds the modules that reach the learner's goal in the fewest hours, in
//! an order where every prerequisite holds in turn; it is proven optimal, or comes
//! with a lower bound when its node budget (never a clock) runs out.
//!
//! ```
//! # let curriculum = parcours::load(include_bytes!("../../../curricula/design-thinking-aidance/curriculum.json")).value.unwrap();
//! # let learner = parcours::load_learner(&curriculum, include_bytes!("../../../curricula/design-thinking-aidance/learners/cheffe-de-service-ehpad.json")).value.unwrap();
//! use parcours::{PlanOptions, PlanStatus};
//!
//! let options = PlanOptions { hours_per_week: Some(7.0), ..PlanOptions::default() };
//! let plan = parcours::plan(&curriculum, &learner, &options).value.unwrap();
//! assert!(plan.total_hours >= plan.lower_bound_hours);
//! if plan.status == PlanStatus::Optimal {
//!     assert_eq!(plan.total_hours, plan.lower_bound_hours);
//! }
//! ```
//!
//! ## 5. Self-positioning (autopositionnement)
//!
//! A steering committee's instrument ([`load_instrument`]) and its answers
//! ([`read_answers`], CSV as French spreadsheets export it) give the committee's
//! analysis ([`analyse`], with the anonymity threshold applied everywhere), a team
//! training plan ([`team_plan`]), and for one trainee, an entry positioning written
//! into a copy of their record ([`position`]).
//!
//! ```
//! let instrument = parcours::load_instrument(include_bytes!("../../../curricula/positioning/instrument.json"), None)
//!     .value
//!     .unwrap();
//! let (answers, detected) = parcours::read_answers(
//!     &instrument,
//!     include_bytes!("../../../curricula/positioning/etablissement-2026.csv"),
//!     &parcours::ReadOptions::default(),
//! );
//! assert!(detected.encoding.is_some());
//! let answers = answers.value.unwrap();
//! let analysis = parcours::analyse(&instrument, &answers, None, &Default::default());
//! assert!(!analysis.themes.is_empty());
//!
//! let curricula = [parcours::load(include_bytes!("../../../curricula/transformation-offre/curriculum.json")).value.unwrap()];
//! let given: Vec<&parcours::Compiled> = curricula.iter().collect();
//! let today = parcours::Date::from_unix_days(20_789).unwrap(); // 2026-12-02: the caller's clock
//! let team = parcours::team_plan(&instrument, &analysis, &given, today);
//! assert!(!team.plans.is_empty());
//! ```
//!
//! ## How it is built
//!
//! The modules below are the layers, each importing only those above it in this
//! list: `read` (bytes, JSON with positions, diagnostics; private, its types are at
//! the crate root), [`curriculum`] (the document, its compiled form), [`learner`]
//! (records, states, progress), [`engine`] (recommendations, plans) and
//! [`positioning`]. The layers are public for their data types only: the documents
//! callers write and the values the calls above return. How results read (text,
//! Markdown, HTML, SVG, CSV) is the `parcours-report` crate's business: the engine
//! returns data only.
#![forbid(unsafe_code)]

pub mod curriculum;
pub mod engine;
mod facade;
pub mod learner;
pub mod positioning;
mod read;
#[cfg(feature = "schema")]
pub mod schemas;

pub use curriculum::compiled::{Compiled, CurriculumKey, ModuleIx};
pub use curriculum::load::{LoadOptions, Positions};
pub use curriculum::model::{Curriculum, Module, FORMAT_VERSION};
pub use engine::plan::{Plan, PlanOptions, PlanStatus};
pub use engine::recommend::{RecommendOptions, Recommendations, WhyNot};
pub use facade::{
    analyse, detect_kind, learner_curriculum, load, load_instrument, load_learner, load_str,
    load_with, plan, position, progress, read_answers, ready, recommend, status, team_plan,
    why_not, DocumentKind, Positioned,
};
pub use learner::progress::{Progress, ProgressOptions};
pub use learner::record::{Learner, LearnerRecord};
pub use learner::state::Status;
pub use positioning::analysis::{Analysis, AnalysisOptions};
pub use positioning::answers::{AnswerTable, ReadOptions, ReadReport};
pub use positioning::instrument::{CheckedInstrument, Instrument};
pub use positioning::team::TeamPlan;
pub use positioning::PositionOptions;
pub use read::code::{Code, Severity};
pub use read::date::{Date, DateError};
pub use read::diagnostic::{Diagnostic, DiagnosticOutput};
pub use read::json::LineIndex;
pub use read::locale::{Lang, Text};
pub use read::outcome::{Invalid, Outcome};
pub use read::pretty::json_text;
pub use read::schema::SchemaKind;

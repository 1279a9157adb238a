//! The entry points: text or bytes in, typed results out, every problem as a
//! located diagnostic. The command line, the WebAssembly binding and a Rust
//! developer all come in through here; the layers below are how it is done.
//!
//! Every entry point that reads a document or answers about a learner returns an
//! [`Outcome`]: a learner record read against another curriculum, or a module id
//! the curriculum does not have, is a diagnostic with a hint, never a panic. The
//! computations that cannot fail on checked values (the committee's analysis, the
//! team plan) return their value.

use crate::curriculum::compiled::{Compiled, ModuleIx};
use crate::curriculum::load::LoadOptions;
use crate::engine::plan::{Plan, PlanOptions, PlanStatus};
use crate::engine::recommend::{RecommendOptions, Recommendations, WhyNot};
use crate::learner::progress::{PathLeft, Progress, ProgressOptions};
use crate::learner::record::{CurriculumRef, Learner, LearnerRecord};
use crate::learner::state::Status;
use crate::positioning::analysis::{Analysis, AnalysisOptions};
use crate::positioning::answers::{AnswerTable, ReadOptions, ReadReport};
use crate::positioning::individual::{PositionError, PositionOptions, PositionSummary};
use crate::positioning::instrument::CheckedInstrument;
use crate::positioning::team::TeamPlan;
use crate::read::date::Date;
use crate::read::diagnostic::{Code, Diagnostic};
use crate::read::outcome::Outcome;
use crate::read::schema::SchemaKind;

/// Reads, checks and compiles a curriculum (JSON bytes: UTF-8, with or without a
/// byte order mark). The value is present exactly when no diagnostic is an error.
pub fn load(bytes: &[u8]) -> Outcome<Compiled> {
    load_with(bytes, &LoadOptions::default())
}

/// [`load`] with options: a caller that shows diagnostics only when the
/// curriculum is refused (a command that then runs on it, a batch) asks for
/// [`Positions::WhenRefused`](crate::Positions::WhenRefused), and a curriculum
/// with warnings alone then loads as fast as one without.
pub fn load_with(bytes: &[u8], options: &LoadOptions) -> Outcome<Compiled> {
    crate::curriculum::load::load(bytes, options)
}

/// [`load`] from text.
pub fn load_str(text: &str) -> Outcome<Compiled> {
    load(text.as_bytes())
}

/// Reads a learner record (personal data: its diagnostics mask every value) and
/// resolves it against `curriculum`. The [`Learner`] it gives remembers that
/// curriculum: the calls below refuse it with another one.
pub fn load_learner(curriculum: &Compiled, bytes: &[u8]) -> Outcome<Learner> {
    crate::learner::record::load_learner(curriculum, bytes)
}

/// Which curriculum (id and version) a learner record was kept against, read
/// without a curriculum: what a host needs to pick the curriculum to load.
pub fn learner_curriculum(bytes: &[u8]) -> Outcome<CurriculumRef> {
    let (diagnostics, value) = crate::curriculum::load::read(
        bytes,
        SchemaKind::Learner,
        true,
        |record: &LearnerRecord| (Vec::new(), Some(record.curriculum.clone())),
    );
    Outcome { value, diagnostics }
}

/// The refusal when `learner` was read against another curriculum.
fn same_curriculum(curriculum: &Compiled, learner: &Learner) -> Option<Diagnostic> {
    (learner.curriculum != curriculum.key()).then(|| {
        Diagnostic::new(Code::WrongCurriculum, "")
            .arg("loaded", &learner.curriculum_name)
            .arg("given", curriculum.id_and_version())
    })
}

/// Runs `f` when `learner` belongs to `curriculum`.
fn checked<T>(curriculum: &Compiled, learner: &Learner, f: impl FnOnce() -> T) -> Outcome<T> {
    match same_curriculum(curriculum, learner) {
        Some(refusal) => Outcome::refused(refusal),
        None => Outcome::ok(f()),
    }
}

/// Where the learner stands: competency levels with their confidence, each
/// module's state and why, and what would unlock each locked module.
pub fn status(curriculum: &Compiled, learner: &Learner) -> Outcome<Status> {
    checked(curriculum, learner, || {
        crate::learner::state::status(curriculum, learner)
    })
}

/// Progress against the completion rule, and the individual record's content
/// (levels before and after, modules followed and skipped, what remains). Its
/// hours left are those of the shortest plan to completion, the figure [`plan`]
/// gives with a completion goal (renewals and retakes included).
pub fn progress(
    curriculum: &Compiled,
    learner: &Learner,
    options: &ProgressOptions,
) -> Outcome<Progress> {
    checked(curriculum, learner, || {
        let left = path_to_completion(curriculum, learner);
        crate::learner::progress::progress(curriculum, learner, *options, Some(&left))
    })
}

/// The shortest plan to completion, whatever the learner's own goal: progress
/// reports hours left against the completion rule, and they must be the hours
/// `plan` gives for that goal. Progress sits below the plan in the layers, so the
/// facade computes the plan and hands its figure down.
fn path_to_completion(curriculum: &Compiled, learner: &Learner) -> PathLeft {
    let mut completing = learner.clone();
    completing.goal_complete = true;
    completing.goal_levels.clear();
    let plan = crate::engine::plan::plan(curriculum, &completing, &PlanOptions::default());
    if plan.status == PlanStatus::Unreachable {
        return PathLeft::default();
    }
    let modules: Vec<ModuleIx> = plan
        .steps
        .iter()
        .filter_map(|step| curriculum.module_ix(&step.module))
        .collect();
    PathLeft {
        minutes: Some(
            modules
                .iter()
                .map(|&m| u64::from(curriculum.module(m).minutes))
                .sum(),
        ),
        modules,
    }
}

/// The best next modules, ranked, each score explained term by term.
pub fn recommend(
    curriculum: &Compiled,
    learner: &Learner,
    options: &RecommendOptions,
) -> Outcome<Recommendations> {
    checked(curriculum, learner, || {
        crate::engine::recommend::recommend(curriculum, learner, options)
    })
}

/// Why `module` (an id, or an id it replaced) is not recommended, or not first.
pub fn why_not(
    curriculum: &Compiled,
    learner: &Learner,
    module: &str,
    options: &RecommendOptions,
) -> Outcome<WhyNot> {
    if let Some(refusal) = same_curriculum(curriculum, learner) {
        return Outcome::refused(refusal);
    }
    match curriculum.module_ix(module) {
        Some(m) => Outcome::ok(crate::engine::recommend::why_not(
            curriculum, learner, m, options,
        )),
        None => Outcome::refused(
            Diagnostic::new(Code::NotInCurriculum, "")
                .arg("curriculum", &curriculum.document().id)
                .arg("module", module),
        ),
    }
}

/// The modules the learner can take right now (available, not excluded), in
/// document order.
pub fn ready(curriculum: &Compiled, learner: &Learner) -> Outcome<Vec<ModuleIx>> {
    checked(curriculum, learner, || {
        crate::engine::recommend::ready_set(curriculum, learner)
    })
}

/// The individual path with the fewest hours to the learner's goal, proven
/// optimal within the node budget (or the best found, with its lower bound).
pub fn plan(curriculum: &Compiled, learner: &Learner, options: &PlanOptions) -> Outcome<Plan> {
    checked(curriculum, learner, || {
        crate::engine::plan::plan(curriculum, learner, options)
    })
}

/// Reads and checks a self-positioning instrument; with `curricula`, every
/// citation (`curriculum/competency`, `curriculum/module`) is checked against them.
pub fn load_instrument(
    bytes: &[u8],
    curricula: Option<&[&Compiled]>,
) -> Outcome<CheckedInstrument> {
    crate::positioning::instrument::load_instrument_against(bytes, curricula)
}

/// Reads positioning answers (CSV as spreadsheets and form tools export them, or
/// JSON) against an instrument. Personal data: no diagnostic shows a cell. Beside
/// the outcome, what was detected (encoding, separator, columns left aside, rows
/// skipped), which is worth showing even when the file is refused.
pub fn read_answers(
    instrument: &CheckedInstrument,
    bytes: &[u8],
    options: &ReadOptions,
) -> (Outcome<AnswerTable>, ReadReport) {
    crate::positioning::answers::read_answers(instrument, bytes, options)
}

/// The committee's analysis of one wave of answers (and its change since
/// `before`), with the anonymity threshold applied everywhere. The threshold is
/// the instrument's, or `options.threshold` when that is higher: a caller may
/// raise it, never lower it.
pub fn analyse(
    instrument: &CheckedInstrument,
    answers: &AnswerTable,
    before: Option<&AnswerTable>,
    options: &AnalysisOptions,
) -> Analysis {
    crate::positioning::analysis::analyse(instrument, answers, before, options)
}

/// From the analysis to action: objectives, one plan per published college and
/// cited curriculum, and the action plan, dated `today`.
pub fn team_plan(
    instrument: &CheckedInstrument,
    analysis: &Analysis,
    curricula: &[&Compiled],
    today: Date,
) -> TeamPlan {
    crate::positioning::team::team_plan(instrument, analysis, curricula, &today.to_string())
}

/// One respondent's answers as entry positioning: a copy of their learner record
/// (`record`, JSON bytes, read against `curriculum`) with self-assessment evidence
/// added, checked again against the curriculum. The input record is never changed.
/// Only the instrument's items about the person (`subject: person`) count, and
/// the evidence is dated the day of the answers (`options.date`, else the
/// answers' date column); an instrument without such items, or answers with no
/// date, are refused.
pub fn position(
    instrument: &CheckedInstrument,
    answers: &AnswerTable,
    respondent: &str,
    record: &[u8],
    curriculum: &Compiled,
    options: &PositionOptions,
) -> Outcome<Positioned> {
    let (mut diagnostics, parsed) =
        crate::curriculum::load::read(record, SchemaKind::Learner, true, |r: &LearnerRecord| {
            let (diagnostics, learner) = crate::learner::record::resolve(curriculum, &r.view());
            (diagnostics, learner.map(|_| r.clone()))
        });
    let Some(parsed) = parsed else {
        return Outcome {
            value: None,
            diagnostics,
        };
    };
    let (updated, summary) = match crate::positioning::individual::position(
        instrument, answers, respondent, &parsed, curriculum, options,
    ) {
        Ok(done) => done,
        Err(e) => {
            diagnostics.push(match e {
                PositionError::UnknownRespondent => {
                    Diagnostic::new(Code::RespondentNotFound, "").private()
                }
                PositionError::DuplicateRespondent => {
                    Diagnostic::new(Code::RespondentTwice, "").private()
                }
                PositionError::NoRespondentColumn => {
                    Diagnostic::new(Code::NoRespondentColumn, "").private()
                }
                PositionError::CurriculumNotCited(id) => {
                    Diagnostic::new(Code::CurriculumNotCited, "").arg("curriculum", id)
                }
                PositionError::NoPersonItems => Diagnostic::new(Code::NoPersonItems, ""),
                PositionError::NoAnswerDate => Diagnostic::new(Code::NoAnswerDate, "").private(),
            });
            return Outcome {
                value: None,
                diagnostics,
            };
        }
    };
    let text = crate::read::pretty::json_text(&updated);
    // What is handed back must read as a valid record of its curriculum.
    let again = load_learner(curriculum, text.as_bytes());
    diagnostics.extend(again.diagnostics);
    Outcome {
        value: again.value.map(|_| Positioned {
            record: updated,
            text,
            summary,
        }),
        diagnostics,
    }
}

/// A learner record with a respondent's self-positioning added.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Positioned {
    /// The new record.
    pub record: LearnerRecord,
    /// The same record as pretty JSON with a final newline, as it is to be stored.
    pub text: String,
    /// What was added: answers on the scale, « ne sait pas », blanks, evidence.
    pub summary: PositionSummary,
}

/// What kind of document some bytes hold, for tools that take any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A curriculum (also what a file that is no JSON at all is read as, so that
    /// its syntax error is reported).
    Curriculum,
    /// A self-positioning instrument.
    Instrument,
    /// Positioning answers.
    Answers,
    /// A learner record (personal data: checked against its curriculum, shown
    /// without any value).
    Learner,
}

/// Guesses the kind of a document from its file name's extension and its shape:
/// `.csv`/`.tsv`/`.txt`, or JSON with `respondents`, are answers; JSON with
/// `items`, `scale`, `themes`, `colleges` or `answerColumns` an instrument; JSON
/// whose `curriculum` is an object (a record names the curriculum it was kept
/// against) a learner record; anything else a curriculum.
pub fn detect_kind(file_name: &str, bytes: &[u8]) -> DocumentKind {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    if matches!(extension.as_deref(), Some("csv" | "tsv" | "txt")) {
        return DocumentKind::Answers;
    }
    let body = crate::read::decode::without_bom(bytes);
    let Some(root) = std::str::from_utf8(body)
        .ok()
        .and_then(|text| crate::read::json::parse(text).ok())
    else {
        return DocumentKind::Curriculum;
    };
    if root.get("respondents").is_some() {
        DocumentKind::Answers
    } else if ["items", "scale", "themes", "colleges", "answerColumns"]
        .iter()
        .any(|k| root.get(k).is_some())
    {
        DocumentKind::Instrument
    } else if root
        .get("curriculum")
        .is_some_and(|c| matches!(c.value.node, crate::read::json::Node::Object(_)))
    {
        DocumentKind::Learner
    } else {
        DocumentKind::Curriculum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> Vec<u8> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        std::fs::read(root.join(path)).unwrap()
    }

    fn curriculum(id: &str) -> Compiled {
        let outcome = load(&read(&format!("curricula/{id}/curriculum.json")));
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        outcome.value.unwrap()
    }

    fn learner(c: &Compiled, id: &str, name: &str) -> Learner {
        let outcome = load_learner(c, &read(&format!("curricula/{id}/learners/{name}.json")));
        assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
        outcome.value.unwrap()
    }

    /// Serialises anything serde can, behind one object-safe trait.
    mod erased {
        pub(super) trait Json {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Json for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    #[test]
    fn the_facade_gives_what_the_layers_give() {
        // The entry points only forward: the same bytes as the layer functions.
        let c = curriculum("innovation-sociale-design");
        let l = learner(&c, "innovation-sociale-design", "moniteur-esat-debutant");
        let json = |v: &dyn erased::Json| v.json();
        assert_eq!(
            json(&status(&c, &l).value.unwrap()),
            json(&crate::learner::state::status(&c, &l))
        );
        let options = RecommendOptions::default();
        assert_eq!(
            json(&recommend(&c, &l, &options).value.unwrap()),
            json(&crate::engine::recommend::recommend(&c, &l, &options))
        );
        let plan_options = PlanOptions::default();
        assert_eq!(
            json(&plan(&c, &l, &plan_options).value.unwrap()),
            json(&crate::engine::plan::plan(&c, &l, &plan_options))
        );
    }

    #[test]
    fn a_team_plan_takes_its_date_from_the_caller() {
        let instrument = load_instrument(&read("curricula/positioning/instrument.json"), None)
            .value
            .unwrap();
        let (answers, _) = read_answers(
            &instrument,
            &read("curricula/positioning/etablissement-2026.csv"),
            &ReadOptions::default(),
        );
        let answers = answers.value.unwrap();
        let analysis = analyse(&instrument, &answers, None, &Default::default());
        let curricula = [curriculum("transformation-offre")];
        let given: Vec<&Compiled> = curricula.iter().collect();
        let day = Date::from_unix_days(20_789).unwrap();
        let team = team_plan(&instrument, &analysis, &given, day);
        assert!(!team.plans.is_empty());
        // The date reaches the plans as the learner records' `now`, written ISO.
        let direct =
            crate::positioning::team::team_plan(&instrument, &analysis, &given, "2026-12-02");
        assert_eq!(
            serde_json::to_string(&team).unwrap(),
            serde_json::to_string(&direct).unwrap()
        );
    }
}

#[cfg(test)]
mod schema_agreement {
    use std::path::{Path, PathBuf};

    use crate::curriculum::model::Curriculum;
    use crate::learner::record::LearnerRecord;
    use crate::read::json;
    use crate::read::schema::{self, SchemaKind};

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Whether serde accepts `text` as `T`, and if so whether the schema of `kind`
    /// finds nothing: the promise [`SchemaKind::typed_implies_schema`] makes.
    fn agrees<T: serde::de::DeserializeOwned>(kind: SchemaKind, text: &str, path: &Path) -> bool {
        if serde_json::from_str::<T>(text).is_err() {
            return false;
        }
        let Ok(root) = json::parse(text) else {
            panic!(
                "{}: serde accepted what the span reader refused",
                path.display()
            );
        };
        let mut found = Vec::new();
        schema::check(kind.schema(), &root, &mut found, usize::MAX);
        let codes: Vec<_> = found.iter().map(|d| (d.code, d.pointer.clone())).collect();
        assert!(
            codes.is_empty(),
            "{}: its type accepts it as a {} but the schema finds {codes:?}",
            path.display(),
            kind.name()
        );
        true
    }

    /// Loading skips the schema walk for a document its type accepted (see
    /// [`SchemaKind::typed_implies_schema`]): on every fixture and every file of
    /// the fuzz corpora, each accepted by a type is accepted by its schema too.
    #[test]
    fn typed_acceptance_implies_schema() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut paths = Vec::new();
        for dir in [
            "tests/fixtures",
            "curricula",
            "fuzz/corpus",
            "fuzz/regressions",
        ] {
            files(&root.join(dir), &mut paths);
        }
        paths.sort();
        let mut accepted = [0usize; 2];
        for path in &paths {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            for kind in SchemaKind::ALL
                .into_iter()
                .filter(|k| k.typed_implies_schema())
            {
                let (slot, ok) = match kind {
                    SchemaKind::Curriculum => (0, agrees::<Curriculum>(kind, text, path)),
                    SchemaKind::Learner => (1, agrees::<LearnerRecord>(kind, text, path)),
                    _ => continue,
                };
                accepted[slot] += usize::from(ok);
            }
        }
        // Enough of each kind was accepted for the agreement to mean something.
        assert!(
            accepted.iter().all(|&n| n >= 20),
            "{accepted:?} of {}",
            paths.len()
        );
    }
}

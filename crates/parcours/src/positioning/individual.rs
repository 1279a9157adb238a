//! Individual positioning: one trainee's answers to the instrument become
//! self-assessment evidence in their learner record, the entry positioning the
//! engine then uses.
//!
//! Only items about the person answering (`subject: person`) count: a statement
//! about the establishment (« L'établissement s'appuie sur… ») is no one's
//! competency, and an instrument without any item about the person is refused.
//! Each answer on the scale maps to a score from 0 (lowest point) to 100 (highest),
//! linearly on the points' values; the competency's scale turns it into a level
//! through its `minScore`s, as for any scored evidence. An item gives one piece per
//! competency it cites in the record's curriculum, dated the day of the answers:
//! the caller's explicit date when given, else the respondent's row's date (the
//! instrument's `answerColumns.date`); with neither, the call is refused rather
//! than dated the day the record is updated. "Ne sait pas" and blanks give no
//! evidence. The input record is never changed: a new one is returned.

use serde::Serialize;

use crate::curriculum::competency::Source;
use crate::curriculum::compiled::Compiled;
use crate::learner::evidence::round4;
use crate::learner::record::{Evidence, LearnerRecord};
use crate::positioning::answers::{Answer, AnswerTable};
use crate::positioning::instrument::{parse_citation, CheckedInstrument, Subject};
use crate::read::date::Date;

/// Why a respondent's answers cannot be turned into evidence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PositionError {
    /// No row of the answers has this respondent id.
    #[error("no respondent with this id in the answers (the respondent column gives the ids)")]
    UnknownRespondent,
    /// Several rows have this respondent id.
    #[error("several rows have this respondent id: keep one row per respondent")]
    DuplicateRespondent,
    /// The answers have no respondent column.
    #[error(
        "the answers have no respondent column: the instrument's answerColumns.respondent names it"
    )]
    NoRespondentColumn,
    /// The record's curriculum is not one the instrument cites.
    #[error("the instrument cites no competency of curriculum `{0}` (its `curricula` list)")]
    CurriculumNotCited(String),
    /// No item of the instrument is about the person answering.
    #[error("the instrument has no item about the person answering (`subject: person`)")]
    NoPersonItems,
    /// Neither the caller nor the answers date this respondent's answers.
    #[error("the date of the answers is unknown: give one, or name the answers' date column")]
    NoAnswerDate,
}

/// Options of [`crate::position()`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PositionOptions {
    /// The day the answers were given, for every piece of evidence. When absent,
    /// the respondent's date from the answers' date column; the explicit date
    /// wins, so that a caller can correct a form tool's timestamp.
    pub date: Option<Date>,
}

/// Where the evidence's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum DateSource {
    /// The caller's explicit date.
    Given,
    /// The answers' date column.
    Answers,
}

/// What the positioning added, for the person running it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PositionSummary {
    /// Items answered on the scale.
    pub answered: u32,
    /// Items answered "ne sait pas" (no evidence).
    pub dont_know: u32,
    /// Items left blank.
    pub blank: u32,
    /// Pieces of evidence added.
    pub evidence_added: u32,
    /// Items about the establishment, passed over (they feed the committee's
    /// analysis only).
    pub establishment_items: u32,
    /// The date of the evidence.
    pub date: Date,
    /// Where that date came from.
    pub date_source: DateSource,
}

/// The record with the respondent's self-assessment added, and a summary.
pub(crate) fn position(
    instr: &CheckedInstrument,
    table: &AnswerTable,
    respondent: &str,
    record: &LearnerRecord,
    curriculum: &Compiled,
    options: &PositionOptions,
) -> Result<(LearnerRecord, PositionSummary), PositionError> {
    if !instr.items().iter().any(|i| i.subject == Subject::Person) {
        return Err(PositionError::NoPersonItems);
    }
    if table.respondents.iter().all(|r| r.id.is_none()) {
        return Err(PositionError::NoRespondentColumn);
    }
    let mut rows = table
        .respondents
        .iter()
        .filter(|r| r.id.as_deref() == Some(respondent));
    let row = rows.next().ok_or(PositionError::UnknownRespondent)?;
    if rows.next().is_some() {
        return Err(PositionError::DuplicateRespondent);
    }
    let curriculum_id = &curriculum.document().id;
    if !instr
        .document()
        .curricula
        .iter()
        .any(|c| c == curriculum_id)
    {
        return Err(PositionError::CurriculumNotCited(curriculum_id.clone()));
    }
    let (date, date_source) = match (options.date, row.date) {
        (Some(given), _) => (given, DateSource::Given),
        (None, Some(answered)) => (answered, DateSource::Answers),
        (None, None) => return Err(PositionError::NoAnswerDate),
    };
    let values = instr.values();
    let (lowest, highest) = match (values.first(), values.last()) {
        (Some(&l), Some(&h)) if h > l => (f64::from(l), f64::from(h)),
        _ => (0.0, 1.0),
    };
    let mut out = record.clone();
    let mut summary = PositionSummary {
        answered: 0,
        dont_know: 0,
        blank: 0,
        evidence_added: 0,
        establishment_items: 0,
        date,
        date_source,
    };
    for (item, answer) in instr.items().iter().zip(&row.answers) {
        if item.subject != Subject::Person {
            summary.establishment_items += 1;
            continue;
        }
        let value = match answer {
            Answer::Value(v) => f64::from(*v),
            Answer::DontKnow => {
                summary.dont_know += 1;
                continue;
            }
            Answer::Blank => {
                summary.blank += 1;
                continue;
            }
        };
        summary.answered += 1;
        let score = round4((value - lowest) / (highest - lowest) * 100.0);
        for cited in &item.competencies {
            let Some(citation) = parse_citation(&cited.competency) else {
                continue;
            };
            if citation.curriculum != curriculum_id
                || curriculum.competency_ix(citation.id).is_none()
            {
                continue;
            }
            out.evidence.push(Evidence {
                competency: citation.id.to_string(),
                level: None,
                score: Some(score),
                source: Source::SelfAssessment,
                date: date.to_string(),
                weight: None,
            });
            summary.evidence_added += 1;
        }
    }
    Ok((out, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository's root.
    fn root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn a_trainee_answers_become_self_assessment_evidence() {
        let positioning = root().join("curricula/positioning");
        let ins = crate::load_instrument(
            &std::fs::read(positioning.join("instrument.json")).unwrap(),
            None,
        )
        .value
        .unwrap();
        let (outcome, _) = crate::read_answers(
            &ins,
            &std::fs::read(positioning.join("etablissement-2026.csv")).unwrap(),
            &crate::ReadOptions::default(),
        );
        assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        let wave = outcome.value.unwrap();
        let path =
            root().join("curricula/transformation-offre/learners/agent-accueil-nouveau.json");
        let bytes = std::fs::read(&path).unwrap();
        let record: LearnerRecord = serde_json::from_slice(&bytes).unwrap();
        let curriculum = crate::load(
            &std::fs::read(root().join("curricula/transformation-offre/curriculum.json")).unwrap(),
        )
        .value
        .unwrap();
        let respondent = wave
            .respondents
            .iter()
            .find(|r| r.college == "professionnels")
            .and_then(|r| r.id.clone())
            .unwrap();
        let options = PositionOptions::default();
        let (updated, summary) =
            position(&ins, &wave, &respondent, &record, &curriculum, &options).unwrap();
        assert!(summary.evidence_added > 0);
        assert_eq!(
            updated.evidence.len(),
            record.evidence.len() + summary.evidence_added as usize
        );
        let row = wave
            .respondents
            .iter()
            .find(|r| r.id.as_deref() == Some(respondent.as_str()))
            .unwrap();
        let on_scale = row
            .answers
            .iter()
            .zip(ins.items())
            .filter(|(a, i)| matches!(a, Answer::Value(_)) && i.subject == Subject::Person)
            .count() as u32;
        assert_eq!(summary.answered, on_scale);
        for e in &updated.evidence[record.evidence.len()..] {
            assert_eq!(e.source, Source::SelfAssessment);
            let s = e.score.unwrap();
            assert!([0.0, 33.3333, 66.6667, 100.0].contains(&s), "score {s}");
            assert_eq!(Some(e.date.clone()), row.date.map(|d| d.to_string()));
            // Only competencies cited by items about the person.
            assert!(ins
                .items()
                .iter()
                .filter(|i| i.subject == Subject::Person)
                .any(|i| i
                    .competencies
                    .iter()
                    .any(|c| c.competency.ends_with(&format!("/{}", e.competency)))));
        }
        // The updated record reads back against its curriculum.
        let again = crate::load_learner(&curriculum, &serde_json::to_vec(&updated).unwrap());
        assert!(again.value.is_some(), "{:?}", again.diagnostics);
        // Errors name no answer.
        let err = position(&ins, &wave, "P999", &record, &curriculum, &options).unwrap_err();
        assert!(!err.to_string().contains("P999"));
    }
}

//! The self-positioning instrument (autopositionnement): the versioned JSON a
//! designer writes so that a steering committee (COFIL) of direction, professionals,
//! persons supported and families can say where their establishment stands.
//!
//! An instrument holds an answer scale (ordered Likert points and an optional "ne
//! sait pas"), themes (the stakes of the transformation), items (statements to agree
//! or disagree with), the colleges that answer and how small ones merge, and the
//! names of the columns an answer file uses. Each item points into curricula
//! (`curriculumId/competencyId`, `curriculumId/moduleId`) and carries the operational
//! objective it suggests, written by the designer: the engine selects and orders
//! objectives, it never writes them.
//!
//! Like a curriculum, an instrument is read by [`crate::load_instrument()`] through the
//! same pipeline (schema, then meaning), and every problem is a located
//! [`Diagnostic`]; given compiled curricula, it also checks every citation against
//! them. Only an instrument without errors becomes a [`CheckedInstrument`], whose
//! lookups the answer reader uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::curriculum::compiled::Compiled;
use crate::curriculum::validate::{invalid_id, is_valid_id};
use crate::positioning::labels::normalize;
use crate::read::diagnostic::{Code, Diagnostic, Severity};
use crate::read::locale::{Lang, Text};
use crate::read::outcome::Outcome;
use crate::read::schema::SchemaKind;

/// The instrument format version this build reads.
pub const INSTRUMENT_FORMAT_VERSION: u32 = SchemaKind::Instrument.format_version();

/// The smallest group shown when the instrument does not say: below five
/// respondents, a group's answers could be traced back to people.
pub const DEFAULT_ANONYMITY_THRESHOLD: u32 = 5;

/// A self-positioning instrument.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Instrument {
    /// Where editors find this schema (for completion); ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the document format (currently 1).
    pub format_version: u32,
    /// Stable id of the instrument (lowercase letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Version of the content, chosen by the designer (for example `2026.1`). Two
    /// waves compare item by item only when they use the same items.
    pub version: String,
    /// Title of the instrument.
    pub title: Text,
    /// What the instrument is for and how to run it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Languages the content is written in; French is required.
    pub languages: Vec<Lang>,
    /// Ids of the curricula the items cite (`curriculumId` in `curriculumId/moduleId`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curricula: Vec<String>,
    /// The answer scale every item uses.
    pub scale: LikertScale,
    /// The themes (stakes) items belong to, in the order reports show them.
    pub themes: Vec<Theme>,
    /// The groups that answer (the colleges of the steering committee).
    pub colleges: Vec<College>,
    /// Smallest group whose figures may be shown (default 5). A smaller college
    /// merges as its `mergeInto` says; a group still smaller is hidden everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub anonymity_threshold: Option<u32>,
    /// The names of the columns an answer file uses for who answered.
    pub answer_columns: AnswerColumns,
    /// The statements, in the order the form shows them.
    pub items: Vec<Item>,
    /// How many people each college (and team within it) has, so that a
    /// training plan reads as a budget: hours per person × people =
    /// trainee-hours. A group without one gets hours per person only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headcounts: Vec<Headcount>,
}

/// The number of people in a college, or in one team of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Headcount {
    /// Id of the college.
    pub college: String,
    /// The team, as the answers' team column writes it (case and spaces do not
    /// matter); absent for the whole college.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// How many people (at least 1).
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub people: u32,
}

impl Instrument {
    /// The anonymity threshold, with its default.
    pub fn threshold(&self) -> u32 {
        self.anonymity_threshold
            .unwrap_or(DEFAULT_ANONYMITY_THRESHOLD)
    }
}

/// An ordered answer scale (Likert): from the strongest disagreement to the
/// strongest agreement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LikertScale {
    /// The points, lowest first; values strictly increase.
    pub points: Vec<LikertPoint>,
    /// The "ne sait pas" option: counted apart, never averaged. Absent when the form
    /// does not offer it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dont_know: Option<DontKnow>,
}

/// One point of the scale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LikertPoint {
    /// The number this point stands for (an answer file may give it instead of the label).
    pub value: i32,
    /// What the form shows (for example « Plutôt d'accord »).
    pub label: Text,
    /// Other wordings an answer file may use for this point (an older form, an
    /// abbreviation). Matched like labels: case, spaces and quotes do not matter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The "ne sait pas" option.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DontKnow {
    /// What the form shows (for example « Ne sait pas »).
    pub label: Text,
    /// Other wordings an answer file may use (for example `NSP`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A theme: one stake of the transformation (for example « Société inclusive »).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Theme {
    /// Stable id.
    pub id: String,
    /// Name of the theme.
    pub title: Text,
    /// What the theme covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A college: one group of the steering committee, answering as such.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct College {
    /// Stable id; an answer file may give it, or the label, or an alias.
    pub id: String,
    /// Name of the college.
    pub label: Text,
    /// The audiences (as curricula name them: `direction`, `professionnels`,
    /// `personnes-accompagnees`, `familles`) its members belong to, so that
    /// positioning leads to modules open to them.
    pub audiences: Vec<String>,
    /// Other values an answer file may use for this college (the form's wording).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where this college's answers go when it has fewer respondents than the
    /// anonymity threshold (for example familles into personnes accompagnées).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_into: Option<Merge>,
    /// Its members agreed to be identified as a group (a direction of four, who
    /// speak as such in the committee): its figures are published whatever its
    /// size, with a note next to each saying so. The one exception to the
    /// anonymity threshold; the team cells inside it still apply it. Such a college
    /// neither merges nor receives merged colleges (their members did not agree).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_by_name: bool,
}

/// How a small college merges into another one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Merge {
    /// Id of the college it merges into (which must not merge itself).
    pub college: String,
    /// Name of the merged group (for example « Personnes accompagnées et proches »).
    pub label: Text,
}

/// The columns of an answer file that say who answered (headers are matched after
/// normalising case, spaces and quotes). Every other column is an item or ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerColumns {
    /// Header of the college column (required in every answer file).
    pub college: String,
    /// Header of the team or unit column, when the form asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Header of a respondent-id column (a pseudonym for individual positioning;
    /// never a name or an e-mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// Header of the column that dates each answer (a form tool's « Horodateur »),
    /// read as French form tools write dates (`02/03/2026 10:30:14`,
    /// `2026-03-02`): an individual positioning's evidence is dated the day the
    /// person answered, not the day the record is updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Whom an item's statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Subject {
    /// The establishment and how it works (« L'établissement s'appuie sur… »): for
    /// the committee's analysis only. The default, as most statements of a
    /// self-positioning are.
    #[default]
    Establishment,
    /// The person answering, their own practice or knowledge (« Je sais… »): it
    /// also feeds that person's individual positioning as self-assessment.
    Person,
}

/// A statement respondents agree or disagree with.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    /// Stable id; an answer file's column may be headed by it or by a wording.
    pub id: String,
    /// Id of the theme it belongs to.
    pub theme: String,
    /// Whom the statement is about: `establishment` (the default) or `person`.
    /// Only items about the person feed an individual positioning; a statement
    /// about the establishment is no one's competency.
    #[serde(default, skip_serializing_if = "is_establishment")]
    pub subject: Subject,
    /// The statement as the form shows it.
    pub text: Text,
    /// The statement is worded negatively (« Les personnes n'ont pas de place
    /// dans… »): agreeing with it is unfavourable. Its answers are mirrored on the
    /// scale when read (the highest point counts as the lowest), so that every
    /// figure, class, change and self-assessment reads « higher is better » like
    /// the other items; reports say the scale is reversed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reversed: bool,
    /// The same statement worded for some colleges (for example in plain language,
    /// FALC-style, for persons supported). Answers are pooled by item id whatever
    /// the wording; a column headed by any wording is this item's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wordings: Vec<Wording>,
    /// Competencies the item is about, and the level agreement suggests
    /// (`curriculumId/competencyId`, a rank on that competency's scale).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<CompetencyCitation>,
    /// Modules that work on what the item asks (`curriculumId/moduleId`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
    /// The operational objective the item suggests when it comes out as a priority,
    /// written by the designer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Text>,
}

fn is_establishment(subject: &Subject) -> bool {
    *subject == Subject::Establishment
}

/// An item's wording for some colleges.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wording {
    /// Ids of the colleges that read this wording.
    pub colleges: Vec<String>,
    /// The statement, worded for them.
    pub text: Text,
}

/// A competency an item is about, cited across curricula.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompetencyCitation {
    /// `curriculumId/competencyId`.
    pub competency: String,
    /// Rank on the competency's scale that full agreement with the item suggests.
    pub level: u32,
}

/// A `curriculumId/id` citation, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Citation<'a> {
    /// The curriculum id.
    pub(crate) curriculum: &'a str,
    /// The module or competency id inside it.
    pub(crate) id: &'a str,
}

/// Splits `curriculumId/id`; `None` unless both halves are valid ids.
pub(crate) fn parse_citation(text: &str) -> Option<Citation<'_>> {
    let (curriculum, id) = text.split_once('/')?;
    (is_valid_id(curriculum) && is_valid_id(id)).then_some(Citation { curriculum, id })
}

/// What an answer cell may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScaleKey {
    /// The point with this index in `scale.points`.
    Point(usize),
    /// "Ne sait pas".
    DontKnow,
}

/// A checked instrument: every id resolves, merges are one step, labels are
/// unambiguous. Build it with [`crate::load_instrument()`].
#[derive(Debug, Clone)]
pub struct CheckedInstrument {
    document: Instrument,
    /// Theme index of each item.
    item_theme: Vec<usize>,
    /// College index each college merges into, if any.
    merge: Vec<Option<usize>>,
    /// Normalised labels, aliases and ids of colleges.
    pub(crate) college_keys: BTreeMap<String, usize>,
    /// Normalised ids and wordings of items (in every language and college wording).
    pub(crate) item_keys: BTreeMap<String, usize>,
    /// Normalised labels and aliases of scale points and of "ne sait pas".
    pub(crate) scale_keys: BTreeMap<String, ScaleKey>,
}

impl CheckedInstrument {
    /// The document it was checked from (for labels and texts).
    pub fn document(&self) -> &Instrument {
        &self.document
    }

    /// The items, in document order.
    pub fn items(&self) -> &[Item] {
        &self.document.items
    }

    /// The themes, in document order.
    pub fn themes(&self) -> &[Theme] {
        &self.document.themes
    }

    /// The colleges, in document order.
    pub fn colleges(&self) -> &[College] {
        &self.document.colleges
    }

    /// The index of the theme of item `item`.
    pub fn theme_of(&self, item: usize) -> usize {
        self.item_theme.get(item).copied().unwrap_or(0)
    }

    /// Whether college `college` is published by name (see
    /// [`College::published_by_name`]).
    pub fn published_by_name(&self, college: usize) -> bool {
        self.document
            .colleges
            .get(college)
            .is_some_and(|c| c.published_by_name)
    }

    /// The college that college `college` merges into when small, if any (never a
    /// college that merges itself).
    pub fn merge_target(&self, college: usize) -> Option<usize> {
        self.merge.get(college).copied().flatten()
    }

    /// The index of the college with this id.
    pub fn college_ix(&self, id: &str) -> Option<usize> {
        self.document.colleges.iter().position(|c| c.id == id)
    }

    /// The index of the item with this id.
    pub fn item_ix(&self, id: &str) -> Option<usize> {
        self.document.items.iter().position(|i| i.id == id)
    }

    /// The values of the scale points, lowest first.
    pub fn values(&self) -> Vec<i32> {
        self.document.scale.points.iter().map(|p| p.value).collect()
    }

    /// The anonymity threshold.
    pub fn threshold(&self) -> u32 {
        self.document.threshold()
    }

    /// How many people the colleges `colleges` have together (a merged group
    /// holds several), or one team of them; `None` unless every one of them has
    /// a headcount.
    pub fn headcount(&self, colleges: &[String], team: Option<&str>) -> Option<u32> {
        let team = team.map(normalize);
        let mut total = 0u32;
        for college in colleges {
            let people = self
                .document
                .headcounts
                .iter()
                .find(|h| &h.college == college && h.team.as_deref().map(normalize) == team)?
                .people;
            total = total.saturating_add(people);
        }
        (!colleges.is_empty()).then_some(total)
    }
}

/// Loads an instrument from the bytes of a JSON file. Its citations are always
/// checked for form and against its own `curricula` list; with `Some(curricula)`,
/// also against those compiled curricula (does the module exist, is the level on
/// the scale).
pub(crate) fn load_instrument_against(
    bytes: &[u8],
    curricula: Option<&[&Compiled]>,
) -> Outcome<CheckedInstrument> {
    let (diagnostics, instrument) =
        crate::curriculum::load::read(bytes, SchemaKind::Instrument, false, |doc: &Instrument| {
            let (mut diagnostics, checked) = check(doc);
            if let Some(curricula) = curricula {
                diagnostics.extend(check_citations(doc, curricula));
            }
            (diagnostics, checked)
        });
    Outcome {
        value: instrument,
        diagnostics,
    }
}

/// Checks a structurally valid instrument; returns its diagnostics (with pointers,
/// not yet located) and, when there is no error, its checked form.
pub(crate) fn check(doc: &Instrument) -> (Vec<Diagnostic>, Option<CheckedInstrument>) {
    let mut checker = Checker {
        doc,
        out: Vec::new(),
    };
    if doc.format_version != INSTRUMENT_FORMAT_VERSION {
        checker.out.push(
            Diagnostic::new(Code::FormatVersion, "/formatVersion")
                .arg("found", doc.format_version)
                .arg("supported", INSTRUMENT_FORMAT_VERSION),
        );
        return (checker.out, None);
    }
    let checked = checker.run();
    let has_errors = checker.out.iter().any(|d| d.severity() == Severity::Error);
    (checker.out, if has_errors { None } else { checked })
}

struct Checker<'d> {
    doc: &'d Instrument,
    out: Vec<Diagnostic>,
}

/// Where a label comes from, for `ambiguous-label` messages.
fn owner(kind: (&str, &str), id: &str) -> (String, String) {
    (format!("{} `{id}`", kind.0), format!("{} `{id}`", kind.1))
}

impl Checker<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn run(&mut self) -> Option<CheckedInstrument> {
        let doc = self.doc;
        if !doc.languages.contains(&Lang::Fr) {
            self.push(Diagnostic::new(Code::FrenchMissing, "/languages"));
        }
        self.check_id(&doc.id, "/id".into());
        for (i, id) in doc.curricula.iter().enumerate() {
            self.check_id(id, format!("/curricula/{i}"));
        }
        self.duplicates(
            doc.curricula
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), format!("/curricula/{i}")))
                .collect(),
            ("cursus", "curricula"),
        );
        for (field, empty) in [
            ("themes", doc.themes.is_empty()),
            ("colleges", doc.colleges.is_empty()),
            ("items", doc.items.is_empty()),
        ] {
            if empty {
                self.push(
                    Diagnostic::new(Code::EmptySection, format!("/{field}")).arg("field", field),
                );
            }
        }
        // The schema says so too, but a valid document never meets the schema check.
        if doc.anonymity_threshold == Some(0) {
            self.push(
                Diagnostic::new(Code::OutOfRange, "/anonymityThreshold")
                    .input("value", 0)
                    .arg("range", "≥ 1"),
            );
        }
        let themes = self.table(
            doc.themes.iter().map(|t| t.id.as_str()).collect(),
            "/themes",
            ("thèmes", "themes"),
        );
        let colleges = self.table(
            doc.colleges.iter().map(|c| c.id.as_str()).collect(),
            "/colleges",
            ("collèges", "colleges"),
        );
        self.table(
            doc.items.iter().map(|i| i.id.as_str()).collect(),
            "/items",
            ("items", "items"),
        );
        let scale_keys = self.check_scale();
        let merge = self.check_colleges(&colleges);
        let item_theme = self.check_items(&themes, &colleges);
        let college_keys = self.college_keys();
        let item_keys = self.item_keys();
        self.check_columns(&item_keys);
        self.check_headcounts(&colleges);
        self.advise();
        Some(CheckedInstrument {
            document: doc.clone(),
            item_theme,
            merge,
            college_keys,
            item_keys,
            scale_keys,
        })
    }

    fn check_id(&mut self, id: &str, pointer: String) {
        if !is_valid_id(id) {
            self.push(invalid_id(id, pointer));
        }
    }

    /// Reports repeated values among `(value, pointer)` pairs.
    fn duplicates(&mut self, entries: Vec<(&str, String)>, what: (&str, &str)) {
        let mut first: BTreeMap<&str, String> = BTreeMap::new();
        for (id, pointer) in entries {
            match first.get(id) {
                Some(at) => {
                    let d = Diagnostic::new(Code::DuplicateId, pointer)
                        .arg("id", id)
                        .local("what", what.0, what.1)
                        .arg("first", at);
                    self.push(d);
                }
                None => {
                    first.insert(id, pointer);
                }
            }
        }
    }

    /// Checks ids (valid, unique) and maps each to its first index.
    fn table(&mut self, ids: Vec<&str>, base: &str, what: (&str, &str)) -> BTreeMap<String, usize> {
        let mut by_id = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            self.check_id(id, format!("{base}/{i}/id"));
            by_id.entry((*id).to_string()).or_insert(i);
        }
        self.duplicates(
            ids.iter()
                .enumerate()
                .map(|(i, id)| (*id, format!("{base}/{i}")))
                .collect(),
            what,
        );
        by_id
    }

    fn unknown(&mut self, code: Code, pointer: String, id: &str, known: &BTreeMap<String, usize>) {
        let (fr, en) = match code {
            Code::UnknownTheme => (
                "déclarez-le dans `themes` ou corrigez l'identifiant",
                "declare it in `themes` or fix the id",
            ),
            _ => (
                "déclarez-le dans `colleges` ou corrigez l'identifiant",
                "declare it in `colleges` or fix the id",
            ),
        };
        let d = Diagnostic::new(code, pointer)
            .arg("id", id)
            .local("fix", fr, en);
        self.push(d.suggesting(id, known.keys().map(String::as_str)));
    }

    fn check_scale(&mut self) -> BTreeMap<String, ScaleKey> {
        let scale = &self.doc.scale;
        if scale.points.len() < 2 {
            self.push(Diagnostic::new(Code::ScaleValues, "/scale/points").local(
                "reason",
                "une échelle a au moins deux points",
                "a scale has at least two points",
            ));
        }
        for (i, pair) in scale.points.windows(2).enumerate() {
            if let [low, high] = pair {
                if high.value <= low.value {
                    self.push(
                        Diagnostic::new(
                            Code::ScaleValues,
                            format!("/scale/points/{}/value", i + 1),
                        )
                        .local(
                            "reason",
                            format!("{} après {}", high.value, low.value),
                            format!("{} after {}", high.value, low.value),
                        ),
                    );
                }
            }
        }
        let mut keys: BTreeMap<String, (ScaleKey, (String, String))> = BTreeMap::new();
        let mut entries: Vec<(String, String, ScaleKey, (String, String))> = Vec::new();
        for (i, point) in scale.points.iter().enumerate() {
            let who = (
                format!("le point {}", point.value),
                format!("point {}", point.value),
            );
            let base = format!("/scale/points/{i}");
            entries.push((
                point.label.fr.clone(),
                format!("{base}/label/fr"),
                ScaleKey::Point(i),
                who.clone(),
            ));
            if let Some(en) = &point.label.en {
                entries.push((
                    en.clone(),
                    format!("{base}/label/en"),
                    ScaleKey::Point(i),
                    who.clone(),
                ));
            }
            for (a, alias) in point.aliases.iter().enumerate() {
                entries.push((
                    alias.clone(),
                    format!("{base}/aliases/{a}"),
                    ScaleKey::Point(i),
                    who.clone(),
                ));
            }
        }
        if let Some(dk) = &scale.dont_know {
            let who = ("« ne sait pas »".to_string(), "\"don't know\"".to_string());
            entries.push((
                dk.label.fr.clone(),
                "/scale/dontKnow/label/fr".into(),
                ScaleKey::DontKnow,
                who.clone(),
            ));
            if let Some(en) = &dk.label.en {
                entries.push((
                    en.clone(),
                    "/scale/dontKnow/label/en".into(),
                    ScaleKey::DontKnow,
                    who.clone(),
                ));
            }
            for (a, alias) in dk.aliases.iter().enumerate() {
                entries.push((
                    alias.clone(),
                    format!("/scale/dontKnow/aliases/{a}"),
                    ScaleKey::DontKnow,
                    who.clone(),
                ));
            }
        }
        for (text, pointer, key, who) in entries {
            let norm = normalize(&text);
            // A label that reads as another point's number would be ambiguous in a file.
            if let Ok(n) = norm.parse::<i32>() {
                if let Some(other) = scale.points.iter().position(|p| p.value == n) {
                    if key != ScaleKey::Point(other) {
                        let d = ambiguous(
                            pointer.clone(),
                            &text,
                            &who,
                            &(format!("le point {n}"), format!("point {n}")),
                        );
                        self.push(d);
                    }
                }
            }
            match keys.get(&norm) {
                Some((k, first)) if *k != key => {
                    let d = ambiguous(pointer, &text, first, &who);
                    self.push(d);
                }
                Some(_) => {}
                None => {
                    keys.insert(norm, (key, who));
                }
            }
        }
        keys.into_iter().map(|(k, (v, _))| (k, v)).collect()
    }

    fn check_colleges(&mut self, colleges: &BTreeMap<String, usize>) -> Vec<Option<usize>> {
        let doc = self.doc;
        let mut merge = vec![None; doc.colleges.len()];
        for (c, college) in doc.colleges.iter().enumerate() {
            for (a, audience) in college.audiences.iter().enumerate() {
                self.check_id(audience, format!("/colleges/{c}/audiences/{a}"));
            }
            if college.audiences.is_empty() {
                self.push(
                    Diagnostic::new(Code::EmptySection, format!("/colleges/{c}/audiences"))
                        .arg("field", "audiences"),
                );
            }
            let Some(m) = &college.merge_into else {
                continue;
            };
            let pointer = format!("/colleges/{c}/mergeInto/college");
            // A college published by name neither merges nor takes in others: its
            // members agreed to be identified, the others' did not.
            let named_target = colleges
                .get(&m.college)
                .filter(|&&t| t != c && doc.colleges[t].published_by_name);
            if college.published_by_name {
                self.push(
                    Diagnostic::new(Code::NamedCollegeMerge, format!("/colleges/{c}/mergeInto"))
                        .arg("college", &college.id)
                        .local(
                            "reason",
                            "il est publié par nom (`publishedByName`) et fusionne aussi (`mergeInto`)",
                            "it is published by name (`publishedByName`) and merges too (`mergeInto`)",
                        ),
                );
                continue;
            }
            if let Some(&t) = named_target {
                self.push(
                    Diagnostic::new(Code::NamedCollegeMerge, pointer)
                        .arg("college", &college.id)
                        .local(
                            "reason",
                            format!(
                                "il fusionne dans `{}`, publié par nom : ses membres seraient identifiés avec lui sans l'avoir accepté",
                                doc.colleges[t].id
                            ),
                            format!(
                                "it merges into `{}`, which is published by name: its members would be identified with it without having agreed",
                                doc.colleges[t].id
                            ),
                        ),
                );
                continue;
            }
            match colleges.get(&m.college) {
                None => self.unknown(Code::UnknownCollege, pointer, &m.college, colleges),
                Some(&target) if target == c => self.push(
                    Diagnostic::new(Code::MergeChain, pointer)
                        .arg("college", &college.id)
                        .arg("path", format!("`{}` → `{}`", college.id, college.id)),
                ),
                Some(&target) => {
                    if let Some(next) = &doc.colleges[target].merge_into {
                        self.push(
                            Diagnostic::new(Code::MergeChain, pointer)
                                .arg("college", &college.id)
                                .arg(
                                    "path",
                                    format!(
                                        "`{}` → `{}` → `{}`",
                                        college.id, m.college, next.college
                                    ),
                                ),
                        );
                    } else {
                        merge[c] = Some(target);
                    }
                }
            }
        }
        // Two colleges merging into the same one must name the merged group alike.
        let mut labels: BTreeMap<usize, (usize, &Text)> = BTreeMap::new();
        for (c, college) in doc.colleges.iter().enumerate() {
            let (Some(target), Some(m)) = (merge[c], &college.merge_into) else {
                continue;
            };
            match labels.get(&target) {
                Some((first, label)) if *label != &m.label => {
                    let d = ambiguous(
                        format!("/colleges/{c}/mergeInto/label"),
                        &doc.colleges[target].id,
                        &owner(
                            ("le regroupement de", "the merge of"),
                            &doc.colleges[*first].id,
                        ),
                        &owner(("le regroupement de", "the merge of"), &college.id),
                    );
                    self.push(d);
                }
                Some(_) => {}
                None => {
                    labels.insert(target, (c, &m.label));
                }
            }
        }
        merge
    }

    fn check_items(
        &mut self,
        themes: &BTreeMap<String, usize>,
        colleges: &BTreeMap<String, usize>,
    ) -> Vec<usize> {
        let doc = self.doc;
        let mut item_theme = Vec::with_capacity(doc.items.len());
        for (i, item) in doc.items.iter().enumerate() {
            let base = format!("/items/{i}");
            match themes.get(&item.theme) {
                Some(&t) => item_theme.push(t),
                None => {
                    item_theme.push(0);
                    self.unknown(
                        Code::UnknownTheme,
                        format!("{base}/theme"),
                        &item.theme,
                        themes,
                    );
                }
            }
            let mut worded: BTreeMap<&str, String> = BTreeMap::new();
            for (w, wording) in item.wordings.iter().enumerate() {
                if wording.colleges.is_empty() {
                    self.push(
                        Diagnostic::new(
                            Code::EmptySection,
                            format!("{base}/wordings/{w}/colleges"),
                        )
                        .arg("field", "colleges"),
                    );
                }
                for (k, college) in wording.colleges.iter().enumerate() {
                    let pointer = format!("{base}/wordings/{w}/colleges/{k}");
                    if !colleges.contains_key(college) {
                        self.unknown(Code::UnknownCollege, pointer, college, colleges);
                    } else if let Some(first) = worded.get(college.as_str()) {
                        let d = Diagnostic::new(Code::DuplicateId, pointer)
                            .arg("id", college)
                            .local(
                                "what",
                                "collèges des formulations",
                                "colleges of the wordings",
                            )
                            .arg("first", first);
                        self.push(d);
                    } else {
                        worded.insert(college, pointer);
                    }
                }
            }
            let mut cited = Vec::new();
            for (k, c) in item.competencies.iter().enumerate() {
                cited.push((
                    c.competency.as_str(),
                    format!("{base}/competencies/{k}/competency"),
                    true,
                ));
            }
            for (k, m) in item.modules.iter().enumerate() {
                cited.push((m.as_str(), format!("{base}/modules/{k}"), false));
            }
            for (text, pointer, competency) in cited {
                self.citation_form(text, pointer, competency);
            }
            self.duplicates(
                item.modules
                    .iter()
                    .enumerate()
                    .map(|(k, m)| (m.as_str(), format!("{base}/modules/{k}")))
                    .collect(),
                ("modules cités", "cited modules"),
            );
            self.duplicates(
                item.competencies
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (c.competency.as_str(), format!("{base}/competencies/{k}")))
                    .collect(),
                ("compétences citées", "cited competencies"),
            );
        }
        item_theme
    }

    /// A citation must read `curriculumId/id` and name a curriculum of `curricula`.
    fn citation_form(&mut self, text: &str, pointer: String, competency: bool) {
        let doc = self.doc;
        match parse_citation(text) {
            None => {
                let (fr, en) =
                    if competency {
                        ("`cursus/competence`, par exemple `transformation-offre/soutenir-choix`",
                     "`curriculum/competency`, for example `transformation-offre/soutenir-choix`")
                    } else {
                        ("`cursus/module`, par exemple `transformation-offre/habitat-inclusif`",
                     "`curriculum/module`, for example `transformation-offre/habitat-inclusif`")
                    };
                self.push(
                    Diagnostic::new(Code::InvalidCitation, pointer)
                        .arg("citation", text)
                        .local("form", fr, en),
                );
            }
            Some(c) if !doc.curricula.iter().any(|id| id == c.curriculum) => {
                let d = Diagnostic::new(Code::UnknownCurriculum, pointer)
                    .arg("id", c.curriculum)
                    .local(
                        "fix",
                        "ajoutez-le à `curricula` ou corrigez la citation",
                        "add it to `curricula` or fix the citation",
                    );
                self.push(d.suggesting(c.curriculum, doc.curricula.iter().map(String::as_str)));
            }
            Some(_) => {}
        }
    }

    fn college_keys(&mut self) -> BTreeMap<String, usize> {
        let doc = self.doc;
        let mut entries = Vec::new();
        for (c, college) in doc.colleges.iter().enumerate() {
            let base = format!("/colleges/{c}");
            entries.push((college.id.clone(), format!("{base}/id"), c));
            entries.push((college.label.fr.clone(), format!("{base}/label/fr"), c));
            if let Some(en) = &college.label.en {
                entries.push((en.clone(), format!("{base}/label/en"), c));
            }
            for (a, alias) in college.aliases.iter().enumerate() {
                entries.push((alias.clone(), format!("{base}/aliases/{a}"), c));
            }
        }
        self.keys(entries, |i| {
            owner(("le collège", "college"), &doc.colleges[i].id)
        })
    }

    fn item_keys(&mut self) -> BTreeMap<String, usize> {
        let doc = self.doc;
        let mut entries = Vec::new();
        for (i, item) in doc.items.iter().enumerate() {
            let base = format!("/items/{i}");
            entries.push((item.id.clone(), format!("{base}/id"), i));
            let mut texts = vec![(&item.text, format!("{base}/text"))];
            for (w, wording) in item.wordings.iter().enumerate() {
                texts.push((&wording.text, format!("{base}/wordings/{w}/text")));
            }
            for (text, pointer) in texts {
                entries.push((text.fr.clone(), format!("{pointer}/fr"), i));
                if let Some(en) = &text.en {
                    entries.push((en.clone(), format!("{pointer}/en"), i));
                }
            }
        }
        self.keys(entries, |i| owner(("l'item", "item"), &doc.items[i].id))
    }

    /// Normalised keys → owner index; a key two owners share is `ambiguous-label`.
    fn keys(
        &mut self,
        entries: Vec<(String, String, usize)>,
        who: impl Fn(usize) -> (String, String),
    ) -> BTreeMap<String, usize> {
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        for (text, pointer, owner_ix) in entries {
            let norm = normalize(&text);
            match keys.get(&norm) {
                Some(&first) if first != owner_ix => {
                    let d = ambiguous(pointer, &text, &who(first), &who(owner_ix));
                    self.push(d);
                }
                Some(_) => {}
                None => {
                    keys.insert(norm, owner_ix);
                }
            }
        }
        keys
    }

    /// Each headcount names a college, at least one person, and one group once.
    fn check_headcounts(&mut self, colleges: &BTreeMap<String, usize>) {
        let doc = self.doc;
        let mut seen: BTreeMap<(String, Option<String>), String> = BTreeMap::new();
        for (k, h) in doc.headcounts.iter().enumerate() {
            let base = format!("/headcounts/{k}");
            if !colleges.contains_key(&h.college) {
                self.unknown(
                    Code::UnknownCollege,
                    format!("{base}/college"),
                    &h.college,
                    colleges,
                );
            }
            if h.people == 0 {
                self.push(
                    Diagnostic::new(Code::OutOfRange, format!("{base}/people"))
                        .input("value", 0)
                        .arg("range", "≥ 1"),
                );
            }
            let key = (h.college.clone(), h.team.as_deref().map(normalize));
            match seen.get(&key) {
                Some(first) => {
                    let id = match &h.team {
                        Some(t) => format!("{} / {t}", h.college),
                        None => h.college.clone(),
                    };
                    let d = Diagnostic::new(Code::DuplicateId, base)
                        .arg("id", id)
                        .local("what", "effectifs", "headcounts")
                        .arg("first", first);
                    self.push(d);
                }
                None => {
                    seen.insert(key, base);
                }
            }
        }
    }

    /// The answer columns must differ from each other and from every item wording.
    fn check_columns(&mut self, item_keys: &BTreeMap<String, usize>) {
        let columns = &self.doc.answer_columns;
        let named = [
            ("college", Some(&columns.college)),
            ("team", columns.team.as_ref()),
            ("respondent", columns.respondent.as_ref()),
            ("date", columns.date.as_ref()),
        ];
        let column_owner = |field: &str| {
            (
                format!("la colonne `{field}` de `answerColumns`"),
                format!("column `{field}` of `answerColumns`"),
            )
        };
        let mut seen: Vec<(String, &str)> = Vec::new();
        for (field, name) in named {
            let Some(name) = name else { continue };
            let norm = normalize(name);
            let pointer = format!("/answerColumns/{field}");
            if norm.is_empty() {
                self.push(Diagnostic::new(Code::EmptySection, pointer).arg("field", field));
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == norm) {
                let d = ambiguous(
                    pointer.clone(),
                    name,
                    &column_owner(first),
                    &column_owner(field),
                );
                self.push(d);
            } else if let Some(&item) = item_keys.get(&norm) {
                let d = ambiguous(
                    pointer.clone(),
                    name,
                    &owner(("l'item", "item"), &self.doc.items[item].id),
                    &column_owner(field),
                );
                self.push(d);
            }
            seen.push((norm, field));
        }
    }

    fn advise(&mut self) {
        let doc = self.doc;
        for (t, theme) in doc.themes.iter().enumerate() {
            if !doc.items.iter().any(|i| i.theme == theme.id) {
                self.push(
                    Diagnostic::new(Code::EmptyTheme, format!("/themes/{t}"))
                        .arg("theme", &theme.id),
                );
            }
        }
        if doc.languages.contains(&Lang::En) {
            for (pointer, text) in texts(doc) {
                if text.en.as_deref().is_none_or(|en| en.trim().is_empty()) {
                    self.push(Diagnostic::new(Code::MissingEnglish, pointer));
                }
            }
        }
    }
}

/// `label` names both `first` and `second`. Labels are the designer's own text (not
/// personal data), shortened so that a long statement stays readable.
fn ambiguous(
    pointer: String,
    label: &str,
    first: &(String, String),
    second: &(String, String),
) -> Diagnostic {
    Diagnostic::new(Code::AmbiguousLabel, pointer)
        .arg("label", shorten(label, 60))
        .local("first", &first.0, &first.1)
        .local("second", &second.0, &second.1)
}

/// At most `max` characters, with `…` when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Every localised text of the instrument, with its pointer.
fn texts(doc: &Instrument) -> Vec<(String, &Text)> {
    let mut out: Vec<(String, &Text)> = vec![("/title".into(), &doc.title)];
    if let Some(d) = &doc.description {
        out.push(("/description".into(), d));
    }
    for (i, p) in doc.scale.points.iter().enumerate() {
        out.push((format!("/scale/points/{i}/label"), &p.label));
    }
    if let Some(dk) = &doc.scale.dont_know {
        out.push(("/scale/dontKnow/label".into(), &dk.label));
    }
    for (i, t) in doc.themes.iter().enumerate() {
        out.push((format!("/themes/{i}/title"), &t.title));
        if let Some(d) = &t.description {
            out.push((format!("/themes/{i}/description"), d));
        }
    }
    for (i, c) in doc.colleges.iter().enumerate() {
        out.push((format!("/colleges/{i}/label"), &c.label));
        if let Some(m) = &c.merge_into {
            out.push((format!("/colleges/{i}/mergeInto/label"), &m.label));
        }
    }
    for (i, item) in doc.items.iter().enumerate() {
        out.push((format!("/items/{i}/text"), &item.text));
        for (w, wording) in item.wordings.iter().enumerate() {
            out.push((format!("/items/{i}/wordings/{w}/text"), &wording.text));
        }
        if let Some(o) = &item.objective {
            out.push((format!("/items/{i}/objective"), o));
        }
    }
    out
}

/// Checks every citation of the instrument against compiled curricula: the
/// curriculum is given, the module or competency exists in it (an id it replaced is
/// reported with its new name), and the level is on the competency's scale.
/// Diagnostics carry the citation's pointer; [`load_instrument_against`] also
/// locates them. Citations whose form is wrong are left to [`check`].
pub(crate) fn check_citations(doc: &Instrument, curricula: &[&Compiled]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let find = |id: &str| curricula.iter().find(|c| c.document().id == id).copied();
    for (i, id) in doc.curricula.iter().enumerate() {
        if find(id).is_none() {
            let d = Diagnostic::new(Code::UnknownCurriculum, format!("/curricula/{i}"))
                .arg("id", id)
                .local(
                    "fix",
                    "il ne figure pas parmi les cursus fournis (--curricula) : ajoutez son fichier",
                    "it is not among the curricula given (--curricula): add its file",
                );
            out.push(d.suggesting(id, curricula.iter().map(|c| c.document().id.as_str())));
        }
    }
    for (i, item) in doc.items.iter().enumerate() {
        for (k, cited) in item.competencies.iter().enumerate() {
            let pointer = format!("/items/{i}/competencies/{k}/competency");
            let Some(c) = parse_citation(&cited.competency) else {
                continue;
            };
            let Some(curriculum) = find(c.curriculum) else {
                continue;
            };
            let names = || curriculum.competencies().iter().map(|x| x.id.as_str());
            match curriculum.competency_ix(c.id) {
                None => out.push(
                    unknown_in(Code::UnknownCompetency, pointer, c.curriculum, c.id)
                        .suggesting(c.id, names()),
                ),
                Some(ix) => {
                    let info = &curriculum.competencies()[ix.index()];
                    if info.id != c.id {
                        out.push(replaced(
                            Code::UnknownCompetency,
                            pointer.clone(),
                            &c,
                            &info.id,
                        ));
                    }
                    let scale = &curriculum.scales()[info.scale.index()];
                    if cited.level as usize >= scale.levels.len() {
                        let listing = scale
                            .levels
                            .iter()
                            .enumerate()
                            .map(|(rank, id)| format!("{rank} = {id}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        out.push(
                            Diagnostic::new(
                                Code::LevelOutOfScale,
                                format!("/items/{i}/competencies/{k}/level"),
                            )
                            .arg("level", cited.level)
                            .arg("competency", &cited.competency)
                            .arg("scale", &scale.id)
                            .arg("max", scale.levels.len().saturating_sub(1))
                            .arg("levels", listing),
                        );
                    }
                }
            }
        }
        for (k, text) in item.modules.iter().enumerate() {
            let pointer = format!("/items/{i}/modules/{k}");
            let Some(c) = parse_citation(text) else {
                continue;
            };
            let Some(curriculum) = find(c.curriculum) else {
                continue;
            };
            match curriculum.module_ix(c.id) {
                None => out.push(
                    unknown_in(Code::UnknownModule, pointer, c.curriculum, c.id)
                        .suggesting(c.id, curriculum.modules().iter().map(|m| m.id.as_str())),
                ),
                Some(ix) => {
                    let id = &curriculum.module(ix).id;
                    if id != c.id {
                        out.push(replaced(Code::UnknownModule, pointer, &c, id));
                    }
                }
            }
        }
    }
    out
}

fn unknown_in(code: Code, pointer: String, curriculum: &str, id: &str) -> Diagnostic {
    Diagnostic::new(code, pointer).arg("id", id).local(
        "fix",
        format!("le cursus `{curriculum}` ne le déclare pas : corrigez la citation"),
        format!("curriculum `{curriculum}` does not declare it: fix the citation"),
    )
}

fn replaced(code: Code, pointer: String, c: &Citation<'_>, new: &str) -> Diagnostic {
    unknown_in(code, pointer, c.curriculum, c.id).local(
        "suggestion",
        format!("`{}` a été remplacé par `{new}` : ", c.id),
        format!("`{}` was replaced by `{new}`: ", c.id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_split_on_one_slash_between_two_ids() {
        assert_eq!(
            parse_citation("transformation-offre/habitat-inclusif"),
            Some(Citation {
                curriculum: "transformation-offre",
                id: "habitat-inclusif"
            })
        );
        for bad in ["habitat-inclusif", "a/b/c", "/b", "a/", "A/b", "a b/c"] {
            assert_eq!(parse_citation(bad), None, "{bad}");
        }
    }

    #[test]
    fn shorten_cuts_long_labels_with_an_ellipsis() {
        assert_eq!(shorten("  court  ", 10), "court");
        assert_eq!(shorten("abcdefghijkl", 5), "abcd…");
    }

    /// The repository's root.
    fn root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn citations_are_checked_at_their_pointer_without_a_source_text() {
        let compiled = crate::load(
            &std::fs::read(root().join("curricula/transformation-offre/curriculum.json")).unwrap(),
        )
        .value
        .unwrap();
        let given: Vec<&Compiled> = vec![&compiled]; // transformation-offre only
        let bytes = std::fs::read(
            root().join("tests/fixtures/instruments/invalid/combo-several-problems.json"),
        )
        .unwrap();
        let doc: Instrument = serde_json::from_slice(&bytes).unwrap();
        let found: Vec<(Code, String)> = check_citations(&doc, &given)
            .into_iter()
            .map(|d| (d.code, d.pointer))
            .collect();
        assert_eq!(
            found,
            [
                (Code::UnknownCurriculum, "/curricula/1".to_string()),
                (Code::UnknownModule, "/items/0/modules/0".to_string()),
            ]
        );
    }
}

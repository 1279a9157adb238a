//! Positioning answers, as form tools and French spreadsheets export them.
//!
//! A steering committee's answers usually come out of a form tool or a spreadsheet as
//! CSV: separated by `;` (French Excel, LibreOffice) or `,` (online forms), encoded
//! in UTF-8 with or without a byte-order mark, or in Windows-1252 (an older Excel's
//! "CSV"), with CRLF line ends and quoted cells that may hold the separator, quotes
//! or line breaks. [`crate::read_answers()`] takes all of these as they come, and the
//! same answers written by a program as JSON ([`AnswersDocument`]): a file whose
//! first character is `{` is JSON.
//!
//! Answers are personal data. Whatever goes wrong, a diagnostic names the row (as the
//! spreadsheet numbers it, the header being row 1), the column (its letter and its
//! header) and what was expected, never what the cell holds; columns the instrument
//! does not know (a timestamp, an e-mail) are counted, never read further. Nothing is
//! dropped silently: rejected rows, empty rows, short rows, ignored columns and items
//! without a column are all in the [`ReadReport`].
//!
//! The reader is pure: bytes in, a table and a report out; no file, no clock.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::positioning::instrument::{shorten, CheckedInstrument, ScaleKey};
use crate::positioning::labels::normalize;
use crate::read::csv::{column_letter, records, Record};
use crate::read::date::Date;
use crate::read::decode;
use crate::read::diagnostic::{sort, sort_and_cap, Code, Diagnostic, Severity};
use crate::read::json::escape_token;
use crate::read::outcome::Outcome;
use crate::read::schema::SchemaKind;

pub use crate::read::csv::{Delimiter, LineEnding};
pub use crate::read::decode::Encoding;

/// The format version of JSON answer files this build reads.
pub const ANSWERS_FORMAT_VERSION: u32 = SchemaKind::Answers.format_version();

// ------------------------------------------------------------------ output

/// One respondent's answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Answer {
    /// A point of the scale, by its value.
    Value(i32),
    /// "Ne sait pas": counted apart, never averaged.
    DontKnow,
    /// No answer.
    Blank,
}

/// One respondent: who (college, team, pseudonym) and an answer per item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Respondent {
    /// Where the answers came from: the spreadsheet row (the header is row 1) for
    /// CSV, the 1-based position in `respondents` for JSON.
    pub row: usize,
    /// Id of the respondent's college (as given, before any merge).
    pub college: String,
    /// Team or unit, when the file has a team column and the cell is not blank
    /// (spaces trimmed and collapsed).
    pub team: Option<String>,
    /// The respondent's pseudonym, when the file has a respondent column.
    pub id: Option<String>,
    /// The day they answered, when the file has the instrument's date column
    /// and the cell reads as a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// One answer per item of the instrument, in the instrument's item order.
    /// For an item worded negatively (`reversed`), the value is already mirrored
    /// on the scale: « tout à fait d'accord » with a negative statement is stored
    /// as the lowest point.
    pub answers: Vec<Answer>,
}

/// The answers of a file, as a table: one row per respondent, one column per item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerTable {
    /// Item ids, in the instrument's order: the columns of `answers`.
    pub items: Vec<String>,
    /// The respondents, in file order.
    pub respondents: Vec<Respondent>,
}

/// Which reader read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum SourceFormat {
    /// CSV.
    #[default]
    Csv,
    /// JSON ([`AnswersDocument`]).
    Json,
}

/// What reading a file found out, for the person who runs it (the CLI prints it on
/// standard error). It holds counts, column letters and item ids: never a cell.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReadReport {
    /// CSV or JSON.
    pub format: SourceFormat,
    /// How the bytes were decoded (CSV).
    pub encoding: Option<Encoding>,
    /// The separator (CSV).
    pub delimiter: Option<Delimiter>,
    /// The line ends (CSV).
    pub line_ending: Option<LineEnding>,
    /// Rows of answers read (the header and empty rows not counted).
    pub rows: usize,
    /// Respondents in the table.
    pub respondents: usize,
    /// Rows with every cell blank, passed over.
    pub empty_rows: usize,
    /// Rows with fewer cells than the header (as some exports write them): the
    /// missing cells were read as blank.
    pub short_rows: usize,
    /// Rows rejected and left out of the table (only with `skip_bad_rows`; each has
    /// its diagnostics).
    pub skipped_rows: Vec<usize>,
    /// Letters of the columns that are neither who-answered columns nor items
    /// (timestamps, e-mails...): ignored, never read.
    pub ignored_columns: Vec<String>,
    /// Items of the instrument that no column (or no JSON answer) gives.
    pub unmatched_items: Vec<String>,
    /// Whether the file has the instrument's team column.
    pub team_column: bool,
    /// Whether the file has the instrument's respondent column.
    pub respondent_column: bool,
}

/// How to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// Leave rejected rows out of the table (each still has its diagnostics and is
    /// listed in [`ReadReport::skipped_rows`]) instead of rejecting the file. A
    /// rejected header, a broken quote or a wrong instrument still reject the file.
    pub skip_bad_rows: bool,
}

// ------------------------------------------------------------------ JSON input

/// Answers written by a program: one object per respondent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswersDocument {
    /// Where editors find this schema; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the format (currently 1).
    pub format_version: u32,
    /// Id of the instrument the answers were collected with.
    pub instrument: String,
    /// The respondents.
    pub respondents: Vec<RespondentAnswers>,
}

/// One respondent's answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RespondentAnswers {
    /// College: its id, label or an alias.
    pub college: String,
    /// Team or unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// A pseudonym (never a name or an e-mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The day they answered: `AAAA-MM-JJ`, or as a French form tool writes it
    /// (`02/03/2026 10:30:14`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Answers by item id: a scale value, a label (« Plutôt d'accord », « Ne sait
    /// pas »), or `null` for no answer. Items left out are blank.
    #[serde(default)]
    pub answers: BTreeMap<String, Option<AnswerValue>>,
}

/// An answer in a JSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum AnswerValue {
    /// A scale value.
    Value(i64),
    /// A label or alias of a point, or of "ne sait pas".
    Label(String),
}

// ------------------------------------------------------------------ matching

/// What a header cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    College,
    Team,
    Respondent,
    Date,
    Item(usize),
    Ignored,
}

fn classify(instrument: &CheckedInstrument, header: &str) -> Column {
    let norm = normalize(header);
    if norm.is_empty() {
        return Column::Ignored;
    }
    let columns = &instrument.document().answer_columns;
    if norm == normalize(&columns.college) {
        return Column::College;
    }
    if columns
        .team
        .as_deref()
        .is_some_and(|t| norm == normalize(t))
    {
        return Column::Team;
    }
    if columns
        .respondent
        .as_deref()
        .is_some_and(|r| norm == normalize(r))
    {
        return Column::Respondent;
    }
    if columns
        .date
        .as_deref()
        .is_some_and(|d| norm == normalize(d))
    {
        return Column::Date;
    }
    if let Some(&item) = instrument.item_keys.get(&norm) {
        return Column::Item(item);
    }
    // Grid questions export as « Question [statement] »: match the statement.
    if let Some(inner) = norm
        .strip_suffix(']')
        .and_then(|s| s.rfind('[').map(|open| &s[open + 1..]))
    {
        if let Some(&item) = instrument.item_keys.get(inner.trim()) {
            return Column::Item(item);
        }
    }
    Column::Ignored
}

/// A cell read as an answer; `None` when it is on no scale.
fn parse_answer(instrument: &CheckedInstrument, cell: &str) -> Option<Answer> {
    let norm = normalize(cell);
    if norm.is_empty() {
        return Some(Answer::Blank);
    }
    let points = &instrument.document().scale.points;
    match instrument.scale_keys.get(&norm) {
        Some(ScaleKey::DontKnow) => return Some(Answer::DontKnow),
        Some(ScaleKey::Point(i)) => return points.get(*i).map(|p| Answer::Value(p.value)),
        None => {}
    }
    // A number, possibly written `4,0` or `4.0` by a spreadsheet.
    let digits = norm.strip_prefix('+').unwrap_or(&norm);
    let digits = match digits.split_once([',', '.']) {
        Some((whole, zeros)) if !zeros.is_empty() && zeros.chars().all(|c| c == '0') => whole,
        _ => digits,
    };
    let value = digits.parse::<i32>().ok()?;
    points
        .iter()
        .any(|p| p.value == value)
        .then_some(Answer::Value(value))
}

fn parse_college(instrument: &CheckedInstrument, cell: &str) -> Result<usize, CollegeProblem> {
    let norm = normalize(cell);
    if norm.is_empty() {
        return Err(CollegeProblem::Blank);
    }
    instrument
        .college_keys
        .get(&norm)
        .copied()
        .ok_or(CollegeProblem::Unknown)
}

#[derive(Debug, Clone, Copy)]
enum CollegeProblem {
    Blank,
    Unknown,
}

/// Mirrors the answers to items worded negatively: the point of rank k from the
/// bottom becomes the point of rank k from the top.
fn mirror_reversed(instrument: &CheckedInstrument, answers: &mut [Answer]) {
    let values = instrument.values();
    for (answer, item) in answers.iter_mut().zip(instrument.items()) {
        if !item.reversed {
            continue;
        }
        if let Answer::Value(v) = *answer {
            if let Some(k) = values.iter().position(|&x| x == v) {
                if let Some(&m) = values.get(values.len() - 1 - k) {
                    *answer = Answer::Value(m);
                }
            }
        }
    }
}

/// Trims and collapses white space, keeping case.
fn tidy(cell: &str) -> Option<String> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The wording of expected answers and colleges, in both languages, for hints.
struct Expected {
    answers: (String, String),
    colleges: (String, String),
}

fn expected(instrument: &CheckedInstrument) -> Expected {
    use crate::read::locale::Lang;
    let doc = instrument.document();
    let quote = |lang: Lang, s: &str| match lang {
        Lang::Fr => format!("« {s} »"),
        Lang::En => format!("\"{s}\""),
    };
    let answers = |lang: Lang| {
        let mut parts: Vec<String> = doc
            .scale
            .points
            .iter()
            .map(|p| quote(lang, p.label.get(lang)))
            .collect();
        if let Some(dk) = &doc.scale.dont_know {
            parts.push(quote(lang, dk.label.get(lang)));
        }
        let values: Vec<String> = doc
            .scale
            .points
            .iter()
            .map(|p| p.value.to_string())
            .collect();
        match lang {
            Lang::Fr => format!(
                "{}, ou les nombres {}, ou une case vide",
                parts.join(", "),
                values.join(", ")
            ),
            Lang::En => format!(
                "{}, or the numbers {}, or a blank cell",
                parts.join(", "),
                values.join(", ")
            ),
        }
    };
    let colleges = |lang: Lang| {
        doc.colleges
            .iter()
            .map(|c| format!("{} (`{}`)", quote(lang, c.label.get(lang)), c.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Expected {
        answers: (answers(Lang::Fr), answers(Lang::En)),
        colleges: (colleges(Lang::Fr), colleges(Lang::En)),
    }
}

/// Where a CSV cell is, in words: row, column letter and header.
fn csv_place(row: usize, column: usize, header: &str) -> (String, String) {
    let letter = column_letter(column);
    let header = shorten(header, 40);
    if header.is_empty() {
        (
            format!("ligne {row}, colonne {letter}"),
            format!("row {row}, column {letter}"),
        )
    } else {
        (
            format!("ligne {row}, colonne {letter} (« {header} »)"),
            format!("row {row}, column {letter} (\"{header}\")"),
        )
    }
}

/// A diagnostic about a cell of a CSV file: `line` is the spreadsheet row, `column`
/// the 1-based column number.
fn at_cell(code: Code, row: usize, column: usize, place: &(String, String)) -> Diagnostic {
    let mut d = Diagnostic::new(code, "")
        .local("place", &place.0, &place.1)
        .private();
    d.line = Some(row);
    d.column = Some(column + 1);
    d
}

// ------------------------------------------------------------------ reading

/// Reads answers, CSV or JSON: a file whose first character (after any byte-order
/// mark and white space) is `{` is JSON, anything else CSV.
pub(crate) fn read_answers(
    instrument: &CheckedInstrument,
    bytes: &[u8],
    options: &ReadOptions,
) -> (Outcome<AnswerTable>, ReadReport) {
    let first = decode::without_bom(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        read_json(instrument, bytes, options)
    } else {
        read_csv(instrument, bytes, options)
    }
}

/// Shared state of one read: the growing table, diagnostics and report.
struct Reader<'i> {
    instrument: &'i CheckedInstrument,
    expected: Expected,
    options: ReadOptions,
    diagnostics: Vec<Diagnostic>,
    report: ReadReport,
    respondents: Vec<Respondent>,
    /// Respondent ids seen, with the row that first used each.
    ids: BTreeMap<String, usize>,
}

impl<'i> Reader<'i> {
    fn new(instrument: &'i CheckedInstrument, options: &ReadOptions, format: SourceFormat) -> Self {
        Reader {
            instrument,
            expected: expected(instrument),
            options: *options,
            diagnostics: Vec::new(),
            report: ReadReport {
                format,
                ..ReadReport::default()
            },
            respondents: Vec::new(),
            ids: BTreeMap::new(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Keeps the respondent (the answers to reversed items mirrored, here for
    /// CSV and JSON alike), or records the row as rejected.
    fn finish_row(&mut self, respondent: Option<Respondent>, row: usize) {
        self.report.rows += 1;
        match respondent {
            Some(mut r) => {
                mirror_reversed(self.instrument, &mut r.answers);
                self.respondents.push(r);
            }
            None => {
                if self.options.skip_bad_rows {
                    self.report.skipped_rows.push(row);
                }
            }
        }
    }

    /// The outcome: a table unless a file-level problem or (without
    /// `skip_bad_rows`) a row problem was found.
    fn outcome(mut self, file_ok: bool) -> (Outcome<AnswerTable>, ReadReport) {
        let row_errors = !self.report.skipped_rows.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity() == Severity::Error);
        let mut usable = file_ok && (!row_errors || self.options.skip_bad_rows);
        if usable && self.respondents.is_empty() {
            let (fr, en) = if self.report.rows == 0 {
                (
                    "aucune ligne de réponses après l'en-tête",
                    "no row of answers after the header",
                )
            } else {
                (
                    "toutes les lignes ont été écartées",
                    "every row was left out",
                )
            };
            let mut d = Diagnostic::new(Code::NoAnswers, "")
                .local("detail", fr, en)
                .private();
            d.line = Some(1);
            d.column = Some(1);
            self.diagnostics.push(d);
            usable = false;
        }
        sort_and_cap(&mut self.diagnostics, true);
        self.report.respondents = if usable { self.respondents.len() } else { 0 };
        let items = self
            .instrument
            .items()
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let table = Outcome {
            value: usable.then_some(AnswerTable {
                items,
                respondents: self.respondents,
            }),
            diagnostics: self.diagnostics,
        };
        (table, self.report)
    }
}

/// Reads a CSV file of answers (see the module documentation for what it accepts).
pub(crate) fn read_csv(
    instrument: &CheckedInstrument,
    bytes: &[u8],
    options: &ReadOptions,
) -> (Outcome<AnswerTable>, ReadReport) {
    let mut reader = Reader::new(instrument, options, SourceFormat::Csv);
    let (text, encoding) = match decode::spreadsheet(bytes) {
        Ok(decoded) => decoded,
        Err(d) => {
            reader.push(d.private());
            return reader.outcome(false);
        }
    };
    reader.report.encoding = Some(encoding);
    if text.trim().is_empty() {
        let mut d = Diagnostic::new(Code::NoAnswers, "")
            .local("detail", "le fichier est vide", "the file is empty")
            .private();
        d.line = Some(1);
        d.column = Some(1);
        reader.push(d);
        return reader.outcome(false);
    }
    let delimiter = detect_delimiter(instrument, &text);
    reader.report.delimiter = Some(delimiter);
    let (records, ending) = match records(&text, delimiter.char(), usize::MAX) {
        Ok(r) => r,
        Err(e) => {
            let place = csv_place(e.row, e.column, "");
            let d = at_cell(Code::CsvSyntax, e.row, e.column, &place).local(
                "detail",
                "guillemet ouvert et jamais refermé : la suite du fichier serait lue comme une seule cellule",
                "a quote is opened and never closed: the rest of the file would read as one cell",
            );
            reader.push(d);
            return reader.outcome(false);
        }
    };
    reader.report.line_ending = Some(ending);
    let Some((header, rows)) = records.split_first() else {
        return reader.outcome(false);
    };
    let Some(columns) = read_header(&mut reader, &header.fields) else {
        return reader.outcome(false);
    };
    for record in rows {
        read_row(&mut reader, &columns, &header.fields, record);
    }
    reader.outcome(true)
}

/// The separator under which the header's cells match most of the instrument's
/// columns; ties go to the one giving the most cells, then to `;`.
fn detect_delimiter(instrument: &CheckedInstrument, text: &str) -> Delimiter {
    let mut best = (Delimiter::Semicolon, 0usize, 0usize);
    for delimiter in Delimiter::ALL {
        let Ok((header, _)) = records(text, delimiter.char(), 1) else {
            continue;
        };
        let fields = header
            .first()
            .map(|r| r.fields.as_slice())
            .unwrap_or_default();
        let known = fields
            .iter()
            .filter(|f| classify(instrument, f) != Column::Ignored)
            .count();
        if (known, fields.len()) > (best.1, best.2) {
            best = (delimiter, known, fields.len());
        }
    }
    best.0
}

/// The role of each header cell; `None` (with diagnostics) when the header is
/// unusable.
fn read_header(reader: &mut Reader<'_>, header: &[String]) -> Option<Vec<Column>> {
    let instrument = reader.instrument;
    let mut columns = Vec::with_capacity(header.len());
    let mut first_at: BTreeMap<String, usize> = BTreeMap::new();
    let mut ok = true;
    for (j, cell) in header.iter().enumerate() {
        let column = classify(instrument, cell);
        let key = match column {
            Column::College => Some((
                "college".to_string(),
                (
                    "la colonne du collège".to_string(),
                    "the college column".to_string(),
                ),
            )),
            Column::Team => Some((
                "team".to_string(),
                (
                    "la colonne de l'équipe".to_string(),
                    "the team column".to_string(),
                ),
            )),
            Column::Respondent => Some((
                "respondent".to_string(),
                (
                    "la colonne du répondant".to_string(),
                    "the respondent column".to_string(),
                ),
            )),
            Column::Date => Some((
                "date".to_string(),
                (
                    "la colonne de la date".to_string(),
                    "the date column".to_string(),
                ),
            )),
            Column::Item(i) => {
                let id = &instrument.items()[i].id;
                Some((
                    format!("item:{id}"),
                    (format!("l'item `{id}`"), format!("item `{id}`")),
                ))
            }
            Column::Ignored => None,
        };
        if let Some((key, what)) = key {
            if let Some(&first) = first_at.get(&key) {
                let place = csv_place(1, j, cell);
                let d = at_cell(Code::DuplicateColumn, 1, j, &place)
                    .local("what", what.0, what.1)
                    .arg("first", column_letter(first));
                reader.push(d);
                ok = false;
            } else {
                first_at.insert(key, j);
            }
        } else {
            reader.report.ignored_columns.push(column_letter(j));
        }
        columns.push(column);
    }
    let college_name = &instrument.document().answer_columns.college;
    if !columns.contains(&Column::College) {
        let mut d = Diagnostic::new(Code::MissingColumn, "")
            .local(
                "what",
                format!("il manque la colonne du collège « {college_name} »"),
                format!("the college column \"{college_name}\" is missing"),
            )
            .local(
                "fix",
                format!("ajoutez une colonne intitulée « {college_name} » (le nom que donne `answerColumns.college` dans l'instrument)"),
                format!("add a column headed \"{college_name}\" (the name `answerColumns.college` gives in the instrument)"),
            )
            .private();
        d.line = Some(1);
        d.column = Some(1);
        reader.push(d);
        ok = false;
    }
    if !columns.iter().any(|c| matches!(c, Column::Item(_))) {
        let mut d = Diagnostic::new(Code::MissingColumn, "")
            .local(
                "what",
                "aucune colonne ne correspond à un item de l'instrument",
                "no column matches an item of the instrument",
            )
            .local(
                "fix",
                "intitulez chaque colonne de réponses par l'identifiant de l'item ou par son énoncé, tel que l'instrument l'écrit",
                "head each answer column with the item's id or its statement, as the instrument writes it",
            )
            .private();
        d.line = Some(1);
        d.column = Some(1);
        reader.push(d);
        ok = false;
    }
    reader.report.team_column = columns.contains(&Column::Team);
    reader.report.respondent_column = columns.contains(&Column::Respondent);
    reader.report.unmatched_items = instrument
        .items()
        .iter()
        .enumerate()
        .filter(|(i, _)| !columns.contains(&Column::Item(*i)))
        .map(|(_, item)| item.id.clone())
        .collect();
    ok.then_some(columns)
}

fn read_row(reader: &mut Reader<'_>, columns: &[Column], header: &[String], record: &Record) {
    let row = record.row;
    if record.fields.iter().all(|f| f.trim().is_empty()) {
        reader.report.empty_rows += 1;
        return;
    }
    let extra = record
        .fields
        .iter()
        .skip(columns.len())
        .any(|f| !f.trim().is_empty());
    if extra {
        let mut d = Diagnostic::new(Code::RowLength, "")
            .arg("row", row)
            .arg("found", record.fields.len())
            .arg("expected", columns.len())
            .private();
        d.line = Some(row);
        d.column = Some(columns.len() + 1);
        reader.push(d);
        reader.finish_row(None, row);
        return;
    }
    if record.fields.len() < columns.len() {
        reader.report.short_rows += 1;
    }
    let instrument = reader.instrument;
    let mut bad = false;
    let mut college = None;
    let mut team = None;
    let mut id = None;
    let mut date = None;
    let mut answers = vec![Answer::Blank; instrument.items().len()];
    for (j, column) in columns.iter().enumerate() {
        let cell = record.fields.get(j).map(String::as_str).unwrap_or_default();
        let header_cell = header.get(j).map(String::as_str).unwrap_or_default();
        match column {
            Column::Ignored => {}
            Column::College => match parse_college(instrument, cell) {
                Ok(c) => college = Some(c),
                Err(problem) => {
                    let place = csv_place(row, j, header_cell);
                    let d = college_diagnostic(
                        at_cell(Code::CollegeValue, row, j, &place),
                        problem,
                        &reader.expected,
                    );
                    reader.push(d);
                    bad = true;
                }
            },
            Column::Team => team = tidy(cell),
            Column::Date => {
                date = Date::parse_form(cell);
                if date.is_none() && !cell.trim().is_empty() {
                    let place = csv_place(row, j, header_cell);
                    reader.push(at_cell(Code::AnswerDate, row, j, &place));
                }
            }
            Column::Respondent => {
                if let Some(value) = tidy(cell) {
                    if let Some(&first) = reader.ids.get(&value) {
                        let place = csv_place(row, j, header_cell);
                        let d =
                            at_cell(Code::DuplicateRespondent, row, j, &place).arg("first", first);
                        reader.push(d);
                        bad = true;
                    } else {
                        reader.ids.insert(value.clone(), row);
                    }
                    id = Some(value);
                }
            }
            Column::Item(i) => match parse_answer(instrument, cell) {
                Some(answer) => answers[*i] = answer,
                None => {
                    let place = csv_place(row, j, header_cell);
                    let e = &reader.expected.answers;
                    let d = at_cell(Code::NotOnScale, row, j, &place).local("expected", &e.0, &e.1);
                    reader.push(d);
                    bad = true;
                }
            },
        }
    }
    let respondent = match (bad, college) {
        (false, Some(c)) => Some(Respondent {
            row,
            college: instrument.colleges()[c].id.clone(),
            team,
            id,
            date,
            answers,
        }),
        _ => None,
    };
    reader.finish_row(respondent, row);
}

fn college_diagnostic(d: Diagnostic, problem: CollegeProblem, expected: &Expected) -> Diagnostic {
    let (fr, en) = match problem {
        CollegeProblem::Blank => ("collège non renseigné", "no college given"),
        CollegeProblem::Unknown => ("collège non reconnu", "college not recognised"),
    };
    d.local("problem", fr, en)
        .local("expected", &expected.colleges.0, &expected.colleges.1)
}

/// Reads a JSON file of answers ([`AnswersDocument`]). Structural problems reject
/// the file; problems in one respondent reject that respondent (see
/// [`ReadOptions::skip_bad_rows`]).
pub(crate) fn read_json(
    instrument: &CheckedInstrument,
    bytes: &[u8],
    options: &ReadOptions,
) -> (Outcome<AnswerTable>, ReadReport) {
    let captured: RefCell<Option<Reader<'_>>> = RefCell::new(None);
    let (diagnostics, _) =
        crate::curriculum::load::read(bytes, SchemaKind::Answers, true, |doc: &AnswersDocument| {
            let reader = resolve_json(instrument, doc, options);
            let diagnostics = reader.diagnostics.clone();
            *captured.borrow_mut() = Some(reader);
            (diagnostics, None::<()>)
        });
    const ROW_CODES: [Code; 4] = [
        Code::NotOnScale,
        Code::CollegeValue,
        Code::DuplicateRespondent,
        Code::UnknownItem,
    ];
    let file_ok = diagnostics
        .iter()
        .all(|d| d.severity() != Severity::Error || ROW_CODES.contains(&d.code));
    let mut reader = captured
        .into_inner()
        .unwrap_or_else(|| Reader::new(instrument, options, SourceFormat::Json));
    // The located diagnostics replace the unlocated ones.
    reader.diagnostics = diagnostics;
    let (mut outcome, report) = reader.outcome(file_ok);
    // JSON diagnostics are ordered by their place in the file, already.
    sort(&mut outcome.diagnostics);
    (outcome, report)
}

fn resolve_json<'i>(
    instrument: &'i CheckedInstrument,
    doc: &AnswersDocument,
    options: &ReadOptions,
) -> Reader<'i> {
    let mut reader = Reader::new(instrument, options, SourceFormat::Json);
    if doc.format_version != ANSWERS_FORMAT_VERSION {
        reader.push(
            Diagnostic::new(Code::FormatVersion, "/formatVersion")
                .arg("found", doc.format_version)
                .arg("supported", ANSWERS_FORMAT_VERSION),
        );
        return reader;
    }
    let instrument_id = &instrument.document().id;
    if &doc.instrument != instrument_id {
        reader.push(
            Diagnostic::new(Code::InstrumentMismatch, "/instrument").arg("expected", instrument_id),
        );
        return reader;
    }
    let mut answered = vec![false; instrument.items().len()];
    for (r, record) in doc.respondents.iter().enumerate() {
        let row = r + 1;
        let base = format!("/respondents/{r}");
        let mut bad = false;
        let college = match parse_college(instrument, &record.college) {
            Ok(c) => Some(c),
            Err(problem) => {
                let place = (
                    format!("répondant {row}, collège"),
                    format!("respondent {row}, college"),
                );
                let d = Diagnostic::new(Code::CollegeValue, format!("{base}/college"))
                    .local("place", place.0, place.1);
                let d = college_diagnostic(d, problem, &reader.expected);
                reader.push(d);
                bad = true;
                None
            }
        };
        let id = record.id.as_deref().and_then(tidy);
        if let Some(value) = &id {
            if let Some(&first) = reader.ids.get(value) {
                let place = (format!("répondant {row}"), format!("respondent {row}"));
                reader.push(
                    Diagnostic::new(Code::DuplicateRespondent, format!("{base}/id"))
                        .local("place", place.0, place.1)
                        .arg("first", first),
                );
                bad = true;
            } else {
                reader.ids.insert(value.clone(), row);
            }
        }
        let date = record.date.as_deref().and_then(Date::parse_form);
        if date.is_none() && record.date.as_deref().is_some_and(|d| !d.trim().is_empty()) {
            let place = (
                format!("répondant {row}, date"),
                format!("respondent {row}, date"),
            );
            reader.push(
                Diagnostic::new(Code::AnswerDate, format!("{base}/date"))
                    .local("place", place.0, place.1),
            );
        }
        let mut answers = vec![Answer::Blank; instrument.items().len()];
        for (key, value) in &record.answers {
            let pointer = format!("{base}/answers/{}", escape_token(key));
            let Some(i) = instrument.item_ix(key) else {
                // An item id is the instrument's vocabulary, not an answer: it is shown
                // (the pointer names it anyway), with the closest id.
                let ids = instrument.items().iter().map(|item| item.id.as_str());
                let d = Diagnostic::new(Code::UnknownItem, pointer)
                    .arg("id", key)
                    .suggesting(key, ids);
                reader.push(d);
                bad = true;
                continue;
            };
            answered[i] = true;
            let answer = match value {
                None => Some(Answer::Blank),
                Some(AnswerValue::Label(text)) => parse_answer(instrument, text),
                Some(AnswerValue::Value(n)) => i32::try_from(*n)
                    .ok()
                    .filter(|v| instrument.values().contains(v))
                    .map(Answer::Value),
            };
            match answer {
                Some(a) => answers[i] = a,
                None => {
                    let place = (
                        format!("répondant {row}, item `{key}`"),
                        format!("respondent {row}, item `{key}`"),
                    );
                    let e = &reader.expected.answers;
                    let d = Diagnostic::new(Code::NotOnScale, pointer)
                        .local("place", place.0, place.1)
                        .local("expected", &e.0, &e.1);
                    reader.push(d);
                    bad = true;
                }
            }
        }
        let respondent = match (bad, college) {
            (false, Some(c)) => Some(Respondent {
                row,
                college: instrument.colleges()[c].id.clone(),
                team: record.team.as_deref().and_then(tidy),
                id,
                date,
                answers,
            }),
            _ => None,
        };
        reader.finish_row(respondent, row);
    }
    reader.report.unmatched_items = instrument
        .items()
        .iter()
        .zip(&answered)
        .filter(|(_, a)| !**a)
        .map(|(item, _)| item.id.clone())
        .collect();
    reader
}

#[cfg(test)]
mod properties;

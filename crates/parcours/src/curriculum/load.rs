//! Loading a curriculum: bytes → text → checked document → compiled form.
//!
//! Two roads lead to the same result. The fast one deserialises straight from the
//! text with serde and, when the semantic checks find nothing, compiles without
//! ever building a position tree: the common case (a bundled or already-valid
//! curriculum) costs little more than `serde_json` itself. As soon as anything is to
//! be reported, the slow road reads the text into a [`Spanned`] tree, checks the
//! structure against the schema (every problem, not the first), and gives each
//! diagnostic its line and column.
//!
//! A caller that shows diagnostics only when the document is refused (the
//! commands that run on a curriculum, a batch) says so with
//! [`Positions::WhenRefused`]: warnings alone then never send it down the slow road.

use std::collections::BTreeMap;

use crate::curriculum::compiled::Compiled;
use crate::curriculum::model::Curriculum;
use crate::curriculum::{compile, hints, validate};
use crate::read::decode;
use crate::read::diagnostic::{sort_and_cap, Anchor, Code, Diagnostic, Severity, MAX_DIAGNOSTICS};
use crate::read::json::{self, LineIndex, Spanned, SyntaxErrorKind};
use crate::read::outcome::Outcome;
use crate::read::repair::{self, Repaired};
use crate::read::schema::{self, SchemaKind};

/// How a load treats the diagnostics it finds (see [`crate::load_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadOptions {
    /// When diagnostics get their line and column.
    pub positions: Positions,
}

/// When a load places its diagnostics in the source text.
///
/// Placing them takes a second read of the text that keeps the span of every
/// value (several times the cost of the load itself on a large curriculum), so a
/// caller that never shows the warnings of a usable document need not pay for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Positions {
    /// Every diagnostic has its line and column (when the text has a place for
    /// it): what a checker shows.
    #[default]
    Always,
    /// Only when the document is refused (a diagnostic is an error, so there is no
    /// value): then the outcome is exactly that of [`Positions::Always`]. A usable
    /// document's warnings come without offset, line or column, in code and
    /// pointer order, capped as always; the value is the same.
    WhenRefused,
}

/// Loads a curriculum from the bytes of a JSON file.
pub(crate) fn load(bytes: &[u8], options: &LoadOptions) -> Outcome<Compiled> {
    let (diagnostics, value) = read_placing(
        bytes,
        SchemaKind::Curriculum,
        false,
        options.positions,
        Some(Partial {
            shown: shown_beside_structural_errors,
            explain: hints::explain,
        }),
        |doc: &Curriculum| compile::compile(validate::check(doc)),
    );
    Outcome { value, diagnostics }
}

/// What a kind of document adds to the reading of one with structural errors (see
/// [`read_placing`]).
struct Partial {
    /// Whether a semantic diagnostic of the patched document is shown.
    shown: fn(&Diagnostic, &Repaired) -> bool,
    /// A structural diagnostic with a hint that names the value meant.
    explain: fn(Diagnostic, &Spanned) -> Diagnostic,
}

/// Whether a semantic diagnostic of a curriculum whose structure was patched
/// ([`repair`]) is shown beside its structural errors.
///
/// Local checks (ids, references, cycles, levels, values) say something true of the
/// parts the designer wrote correctly, and are shown: every problem in one pass.
/// Two kinds wait until the structure is fixed:
/// - conclusions about the whole curriculum (can it be completed, can a module ever
///   open, is an audience served, is a competency taught), which weigh every module,
///   stand-ins included;
/// - "unknown id" where an id of that kind was patched (a module without a usable
///   `id`, a repeated `id` key, a missing `modules`): the reference may well name
///   the id the designer meant to write there. A module whose other fields are
///   broken keeps its id, so nothing that names it is called unknown.
fn shown_beside_structural_errors(d: &Diagnostic, repaired: &Repaired) -> bool {
    let table_patched = |table: &str| {
        repaired.patched.iter().any(|p| {
            p.strip_prefix(table).is_some_and(|rest| {
                let mut steps = rest.split('/').skip(1);
                match (steps.next(), steps.next(), steps.next()) {
                    // The table itself, or the whole of one of its items.
                    (None, ..) | (Some(_), None, _) => true,
                    (Some(_), Some("id"), None) => true,
                    _ => false,
                }
            }) || (table.starts_with("/framework/") && p == "/framework")
        })
    };
    match d.code {
        Code::CompletionImpossible
        | Code::GroupImpossible
        | Code::NeverAvailable
        | Code::EvidenceOnly
        | Code::AudienceUnreachable
        | Code::UntaughtCompetency
        | Code::TeachesNothing => false,
        Code::UnknownModule => !table_patched("/modules"),
        Code::UnknownCompetency => !table_patched("/framework/competencies"),
        Code::UnknownScale => !table_patched("/framework/scales"),
        Code::UnknownAudience => !table_patched("/audiences"),
        Code::UnknownStage => !table_patched("/stages"),
        Code::UnknownResource => !table_patched("/resources"),
        _ => true,
    }
}

/// Reads a document of `kind` into `T` and checks it: every diagnostic, located,
/// and what `check` made of it when there was no error.
///
/// `private` marks personal data (learner records, answers): values copied from the
/// document are then masked in messages.
pub(crate) fn read<T, R>(
    bytes: &[u8],
    kind: SchemaKind,
    private: bool,
    check: impl Fn(&T) -> (Vec<Diagnostic>, Option<R>),
) -> (Vec<Diagnostic>, Option<R>)
where
    T: serde::de::DeserializeOwned,
{
    read_placing(bytes, kind, private, Positions::Always, None, check)
}

/// [`read`], placing the diagnostics as `positions` says.
///
/// With `partial`, a document with structural errors is patched ([`repair`]) and
/// checked all the same: the semantic diagnostics about parts that needed no patch,
/// and that `partial` shows, join the structural ones, which `partial` explains
/// (the document is refused all the same).
fn read_placing<T, R>(
    bytes: &[u8],
    kind: SchemaKind,
    private: bool,
    positions: Positions,
    partial: Option<Partial>,
    check: impl Fn(&T) -> (Vec<Diagnostic>, Option<R>),
) -> (Vec<Diagnostic>, Option<R>)
where
    T: serde::de::DeserializeOwned,
{
    let text = match decode::utf8(bytes) {
        Ok(text) => text,
        Err(d) => return (vec![mark(d, private)], None),
    };
    // Fast road: nothing to report means nothing to locate. What it found is
    // kept: the slow road only adds positions (checking again took as long).
    let mut checked = None;
    if let Ok(doc) = serde_json::from_str::<T>(text) {
        let (diagnostics, result) = check(&doc);
        if diagnostics.is_empty() {
            return (diagnostics, result);
        }
        // Warnings only, for a caller that shows them only with an error: the
        // slow road would add nothing but places that nobody reads.
        let refused = diagnostics.iter().any(|d| d.severity() == Severity::Error);
        if positions == Positions::WhenRefused && !refused {
            let mut diagnostics: Vec<Diagnostic> =
                diagnostics.into_iter().map(|d| mark(d, private)).collect();
            sort_and_cap(&mut diagnostics, private);
            return (diagnostics, result);
        }
        checked = Some((diagnostics, result));
    }
    let index = LineIndex::new(text);
    let root = match json::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let mut d = syntax_diagnostic(&e.kind, kind, private);
            if let Some(habit) = french_syntax(&e.kind, text, e.offset, private) {
                d = habit;
            }
            d.anchor = Anchor::Offset(e.offset);
            return finish(vec![mark(d, private)], None, text, &index, None, private);
        }
    };
    // A newer format cannot be read field by field: say only that.
    if let Some(member) = root.get("formatVersion") {
        if let json::Node::Number(n) = &member.value.node {
            if n.as_u64()
                .is_some_and(|v| v != u64::from(kind.format_version()))
            {
                let d = Diagnostic::new(Code::FormatVersion, "/formatVersion")
                    .arg("found", n)
                    .arg("supported", kind.format_version());
                return finish(
                    vec![mark(d, private)],
                    None,
                    text,
                    &index,
                    Some(&root),
                    private,
                );
            }
        }
    }
    // A document its type accepted needs no schema walk (the slowest part of this
    // road), where the type says all the schema says.
    if checked.is_none() || !kind.typed_implies_schema() {
        let mut diagnostics = Vec::new();
        schema::check(kind.schema(), &root, &mut diagnostics, MAX_DIAGNOSTICS + 1);
        if !diagnostics.is_empty() {
            if let Some(partial) = partial {
                let semantic =
                    check_sound_parts(kind, &root, text, &diagnostics, &check, partial.shown);
                diagnostics = diagnostics
                    .into_iter()
                    .map(|d| (partial.explain)(d, &root))
                    .collect();
                diagnostics.extend(semantic);
            }
            let diagnostics = diagnostics.into_iter().map(|d| mark(d, private)).collect();
            return finish(diagnostics, None, text, &index, Some(&root), private);
        }
    }
    if let Some((diagnostics, result)) = checked {
        let diagnostics = diagnostics.into_iter().map(|d| mark(d, private)).collect();
        return finish(diagnostics, result, text, &index, Some(&root), private);
    }
    match typed::<T>(&root.to_value(), &root, text) {
        Ok(doc) => {
            let (diagnostics, result) = check(&doc);
            let diagnostics = diagnostics.into_iter().map(|d| mark(d, private)).collect();
            finish(diagnostics, result, text, &index, Some(&root), private)
        }
        Err(e) => {
            // The schema accepted what serde refused: a parcours bug, said plainly
            // (serde's message may quote a value, so only its category is kept).
            let detail = if private { "serde".to_string() } else { e };
            let d = Diagnostic::new(Code::Internal, "").arg("detail", detail);
            finish(
                vec![mark(d, private)],
                None,
                text,
                &index,
                Some(&root),
                private,
            )
        }
    }
}

/// The semantic diagnostics of a document refused for its `structural` errors:
/// those about the parts that decode as written, once the others are patched with
/// stand-ins ([`repair`]). None when the document cannot be patched, or when the
/// structural errors alone fill the report.
fn check_sound_parts<T, R>(
    kind: SchemaKind,
    root: &Spanned,
    text: &str,
    structural: &[Diagnostic],
    check: &impl Fn(&T) -> (Vec<Diagnostic>, Option<R>),
    shown: fn(&Diagnostic, &Repaired) -> bool,
) -> Vec<Diagnostic>
where
    T: serde::de::DeserializeOwned,
{
    if structural.len() > MAX_DIAGNOSTICS {
        return Vec::new();
    }
    let Some(mut repaired) = repair::repair(kind.schema(), root, structural) else {
        return Vec::new();
    };
    // A stand-in version would only add a `format-version` error of its own.
    if repaired.covers("/formatVersion") {
        if let Some(object) = repaired.value.as_object_mut() {
            object.insert("formatVersion".into(), kind.format_version().into());
        }
    }
    let Ok(doc) = typed::<T>(&repaired.value, root, text) else {
        return Vec::new();
    };
    let (semantic, _) = check(&doc);
    semantic
        .into_iter()
        .filter(|d| !repaired.covers(&d.pointer) && d.code != Code::Internal && shown(d, &repaired))
        .collect()
}

/// The typed document a `value` holds, read from its text rather than with
/// `serde_json::from_value`: every document type then has one deserialiser, the
/// one of the fast road. A second one (`serde_json::value::de`) would instantiate
/// every `Deserialize` impl again, about a tenth of the WebAssembly module. The
/// value went through [`json::parse`], which caps its nesting (so the reader's own
/// recursion limit, which `from_value` does not have, is lifted); its text has
/// each key once and each number as `source` reads ([`ExactFloats`]), so both
/// read the same document. An error keeps the message `from_value` gives (no
/// line and column: they would point into a text nobody wrote).
fn typed<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    root: &Spanned,
    source: &str,
) -> Result<T, String> {
    let mut written = BTreeMap::new();
    lexemes(root, source, &mut written);
    let mut text = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut text, ExactFloats { written });
    let text = match serde::Serialize::serialize(value, &mut writer) {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(e) => return Err(e.to_string()),
    };
    let mut reader = serde_json::Deserializer::from_str(&text);
    reader.disable_recursion_limit();
    let read = T::deserialize(&mut reader).and_then(|doc| reader.end().map(|()| doc));
    read.map_err(|e| {
        let message = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        match message.strip_suffix(&place) {
            Some(bare) => bare.to_string(),
            None => message,
        }
    })
}

/// The text of every fractional number of `node`, by its bits.
fn lexemes<'s>(node: &Spanned, source: &'s str, out: &mut BTreeMap<u64, &'s str>) {
    match &node.node {
        json::Node::Number(n) => {
            if let (Some(x), Some(lexeme)) = (
                n.as_f64().filter(|_| n.is_f64()),
                source.get(node.span.start..node.span.end),
            ) {
                out.insert(x.to_bits(), lexeme);
            }
        }
        json::Node::Array(items) => items.iter().for_each(|i| lexemes(i, source, out)),
        json::Node::Object(members) => members.iter().for_each(|m| lexemes(&m.value, source, out)),
        _ => {}
    }
}

/// Writes a fractional number so that `serde_json`'s reader gives back its bits.
/// That reader is not correctly rounded (the `float_roundtrip` feature is off), so
/// the shortest form may, rarely, read one unit in the last place away; the
/// number is then written as the document wrote it, which read as these bits.
struct ExactFloats<'s> {
    written: BTreeMap<u64, &'s str>,
}

impl serde_json::ser::Formatter for ExactFloats<'_> {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        let mut shortest = Vec::new();
        serde_json::ser::CompactFormatter.write_f64(&mut shortest, value)?;
        let reads_back = std::str::from_utf8(&shortest)
            .ok()
            .and_then(|t| t.parse::<serde_json::Number>().ok())
            .and_then(|n| n.as_f64())
            .is_some_and(|x| x.to_bits() == value.to_bits());
        match self.written.get(&value.to_bits()) {
            Some(lexeme) if !reads_back => w.write_all(lexeme.as_bytes()),
            _ => w.write_all(&shortest),
        }
    }
}

fn mark(d: Diagnostic, private: bool) -> Diagnostic {
    if private {
        d.private()
    } else {
        d
    }
}

fn finish<R>(
    mut diagnostics: Vec<Diagnostic>,
    result: Option<R>,
    text: &str,
    index: &LineIndex,
    root: Option<&Spanned>,
    private: bool,
) -> (Vec<Diagnostic>, Option<R>) {
    // The verdict looks at every diagnostic, before the list is capped for reading:
    // past the cap, warnings alone never refuse a valid document.
    let errors = diagnostics.iter().any(|d| d.severity() == Severity::Error);
    let offsets: Vec<Option<usize>> = diagnostics
        .iter()
        .map(|d| match d.anchor {
            Anchor::Offset(o) => Some(o),
            anchor => {
                root.and_then(|r| r.locate(&d.pointer))
                    .map(|(value, key)| match (anchor, key) {
                        (Anchor::Key, Some(k)) => k.start,
                        _ => value.span.start,
                    })
            }
        })
        .collect();
    let known: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut positions = index.positions(text, &known).into_iter();
    for (d, offset) in diagnostics.iter_mut().zip(offsets) {
        if let (Some(offset), Some((line, column))) = (offset, positions.next()) {
            d.offset = Some(offset);
            d.line = Some(line);
            d.column = Some(column);
        }
    }
    if private {
        // Located already: the pointer can now lose the key it ends with when that
        // key is the document's own text (a misspelled or repeated field name).
        for d in &mut diagnostics {
            if matches!(d.code, Code::UnknownField | Code::DuplicateKey) {
                if let Some(slash) = d.pointer.rfind('/') {
                    d.pointer.truncate(slash);
                    d.pointer.push_str("/…");
                }
            }
        }
    }
    sort_and_cap(&mut diagnostics, private);
    (diagnostics, if errors { None } else { result })
}

fn syntax_diagnostic(kind: &SyntaxErrorKind, document: SchemaKind, private: bool) -> Diagnostic {
    let (starts_fr, starts_en) = match document {
        SchemaKind::Curriculum => (
            "un cursus commence par `{` et finit par `}`",
            "a curriculum starts with `{` and ends with `}`",
        ),
        SchemaKind::Learner => (
            "un dossier d'apprenant commence par `{` et finit par `}`",
            "a learner record starts with `{` and ends with `}`",
        ),
        SchemaKind::Instrument => (
            "un instrument commence par `{` et finit par `}`",
            "an instrument starts with `{` and ends with `}`",
        ),
        _ => (
            "un fichier de réponses JSON commence par `{` et finit par `}`",
            "a JSON answer file starts with `{` and ends with `}`",
        ),
    };
    let (detail, advice): ((String, String), (&str, &str)) = match kind {
        SyntaxErrorKind::Empty => (
            ("le fichier est vide".into(), "the file is empty".into()),
            (starts_fr, starts_en),
        ),
        SyntaxErrorKind::UnexpectedEnd => (
            ("le fichier s'arrête au milieu d'une valeur".into(), "the file ends in the middle of a value".into()),
            ("fermez les guillemets, crochets et accolades restés ouverts", "close the quotes, brackets and braces left open"),
        ),
        SyntaxErrorKind::UnexpectedChar(_) if private => (
            ("caractère inattendu".into(), "unexpected character".into()),
            (
                "les textes vont entre guillemets droits \"…\", et les commentaires ne sont pas permis en JSON",
                "strings go in straight double quotes \"…\", and JSON allows no comments",
            ),
        ),
        SyntaxErrorKind::UnexpectedChar(c) => (
            (format!("caractère inattendu `{c}`"), format!("unexpected character `{c}`")),
            (
                "les textes vont entre guillemets droits \"…\", et les commentaires ne sont pas permis en JSON",
                "strings go in straight double quotes \"…\", and JSON allows no comments",
            ),
        ),
        SyntaxErrorKind::TrailingComma => (
            ("virgule en trop avant la fermeture".into(), "trailing comma before the closing bracket".into()),
            ("supprimez cette virgule", "remove this comma"),
        ),
        SyntaxErrorKind::ExpectedColon => (
            ("`:` attendu après le nom du champ".into(), "`:` expected after the field name".into()),
            ("écrivez `\"champ\": valeur`", "write `\"field\": value`"),
        ),
        SyntaxErrorKind::ExpectedCommaOrClose(close) => (
            (format!("`,` ou `{close}` attendu"), format!("`,` or `{close}` expected")),
            ("il manque probablement une virgule entre deux éléments", "a comma between two items is probably missing"),
        ),
        SyntaxErrorKind::ExpectedKey => (
            ("nom de champ entre guillemets attendu".into(), "field name in quotes expected".into()),
            ("écrivez le nom du champ entre guillemets droits : `\"id\"`", "write the field name in straight double quotes: `\"id\"`"),
        ),
        SyntaxErrorKind::InvalidEscape => (
            ("séquence d'échappement invalide".into(), "invalid escape sequence".into()),
            ("une barre oblique inverse s'écrit `\\\\` dans un texte JSON", "a backslash is written `\\\\` in a JSON string"),
        ),
        SyntaxErrorKind::InvalidUnicodeEscape => (
            ("échappement `\\u` invalide".into(), "invalid `\\u` escape".into()),
            ("écrivez le caractère directement, le fichier est en UTF-8", "write the character itself: the file is UTF-8"),
        ),
        SyntaxErrorKind::ControlCharacter => (
            ("caractère de contrôle (tabulation ou retour à la ligne) dans un texte".into(), "control character (tab or line break) inside a string".into()),
            ("écrivez `\\n` pour un retour à la ligne et `\\t` pour une tabulation", "write `\\n` for a line break and `\\t` for a tab"),
        ),
        SyntaxErrorKind::InvalidNumber => (
            ("nombre mal formé ou trop grand".into(), "malformed or too large number".into()),
            ("écrivez les nombres avec un point décimal et sans zéro en tête : `3.5`", "write numbers with a decimal point and no leading zero: `3.5`"),
        ),
        SyntaxErrorKind::TrailingContent => (
            ("du texte suit la fin du document".into(), "text follows the end of the document".into()),
            ("un fichier contient un seul objet `{…}` : supprimez ce qui suit", "a file holds a single object `{…}`: remove what follows"),
        ),
        SyntaxErrorKind::TooDeep => {
            return Diagnostic::new(Code::TooDeep, "").arg("limit", json::MAX_DEPTH);
        }
    };
    Diagnostic::new(Code::Syntax, "")
        .local("detail", detail.0, detail.1)
        .local("advice", advice.0, advice.1)
}

/// A syntax error that a French habit explains better than the parser's words: a
/// decimal comma (`3,5`, which JSON reads as two items, the second not a field name),
/// or a straight quote inside a text (`"Le "bon" geste"`, whose text ends at the
/// second quote).
fn french_syntax(
    kind: &SyntaxErrorKind,
    text: &str,
    offset: usize,
    private: bool,
) -> Option<Diagnostic> {
    let before = text.get(..offset)?;
    let after = text.get(offset..)?;
    match kind {
        SyntaxErrorKind::ExpectedKey => {
            // `3,5`: digits, a comma, digits, with nothing between them.
            let whole = before.strip_suffix(',')?;
            let int_digits =
                whole.len() - whole.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let frac_digits =
                after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if int_digits == 0 || frac_digits == 0 {
                return None;
            }
            // The number is the document's: a private one gets the example only.
            let number = if private {
                "3.5".to_string()
            } else {
                format!(
                    "{}.{}",
                    &whole[whole.len() - int_digits..],
                    &after[..frac_digits]
                )
            };
            Some(
                Diagnostic::new(Code::Syntax, "")
                    .local(
                        "detail",
                        "virgule décimale dans un nombre",
                        "decimal comma in a number",
                    )
                    .local(
                        "advice",
                        format!("écrivez {number} (point décimal) : en JSON, la virgule sépare les éléments"),
                        format!("write {number} (decimal point): in JSON, a comma separates items"),
                    ),
            )
        }
        SyntaxErrorKind::ExpectedCommaOrClose(_) => {
            // A string just closed, a word follows at once, and a quote later on
            // the same line: the text went on past a quote meant to be in it.
            let closed_string = before.trim_end_matches([' ', '\t']).ends_with('"');
            let word_follows = after.chars().next().is_some_and(char::is_alphanumeric);
            let line = after.split('\n').next().unwrap_or_default();
            if !(closed_string && word_follows && line.contains('"')) {
                return None;
            }
            Some(
                Diagnostic::new(Code::Syntax, "")
                    .local(
                        "detail",
                        "un guillemet droit `\"` termine le texte trop tôt",
                        "a straight quote `\"` ends the string too early",
                    )
                    .local(
                        "advice",
                        "pour écrire un guillemet dans un texte, écrivez `\\\"` ou employez les guillemets français « … »",
                        "to write a quote inside a string, write `\\\"` or use typographic quotes “…” or « … »",
                    ),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_get_one_encoding_diagnostic() {
        for bytes in [&b"\xff\xfe{\0}\0"[..], b"{\"a\": \"caf\xe9\"}", b"\0\0\0\0"] {
            let outcome = crate::load(bytes);
            assert_eq!(outcome.diagnostics.len(), 1);
            assert_eq!(outcome.diagnostics[0].code, Code::Encoding);
        }
        let latin1 = crate::load(b"{\n\"a\": \"caf\xe9\"}");
        assert_eq!(
            (latin1.diagnostics[0].line, latin1.diagnostics[0].column),
            (Some(2), Some(10))
        );
    }

    #[test]
    fn a_bom_is_accepted() {
        let outcome = crate::load(b"\xef\xbb\xbf[]");
        assert_eq!(outcome.diagnostics[0].code, Code::Type);
        assert_eq!(outcome.diagnostics[0].line, Some(1));
    }

    /// The minimal fixture with `edit` applied to its text.
    fn minimal_with(edit: impl Fn(&str) -> String) -> Outcome<Compiled> {
        let text = include_str!("../../../../tests/fixtures/curricula/valid/minimal.json");
        let edited = edit(text);
        assert_ne!(edited, text, "the edit changed nothing");
        crate::load_str(&edited)
    }

    fn codes_at(outcome: &Outcome<Compiled>) -> Vec<(Code, &str)> {
        outcome
            .diagnostics
            .iter()
            .map(|d| (d.code, d.pointer.as_str()))
            .collect()
    }

    #[test]
    fn a_module_with_a_broken_requires_still_counts_as_declared() {
        // `terrain` has a requires that is not an expression; `atelier` names it.
        let outcome = minimal_with(|t| {
            t.replace(
                r#""requires": {"type": "module", "module": "intro"}"#,
                r#""requires": "intro""#,
            )
            .replace(
                r#""requires": {"type": "competency", "competency": "observer", "level": 1}"#,
                r#""requires": {"type": "module", "module": "terrain"}"#,
            )
        });
        assert_eq!(codes_at(&outcome), [(Code::Type, "/modules/1/requires")]);
        assert!(outcome.value.is_none());
    }

    #[test]
    fn a_module_with_a_bad_duration_keeps_its_prerequisites_checked() {
        let outcome = minimal_with(|t| {
            t.replace(r#""durationHours": 7,"#, r#""durationHours": "7 h","#)
                .replace(r#""module": "intro"}"#, r#""module": "introo"}"#)
        });
        assert_eq!(
            codes_at(&outcome),
            [
                (Code::Type, "/modules/1/durationHours"),
                (Code::UnknownModule, "/modules/1/requires/module"),
            ]
        );
    }

    #[test]
    fn references_wait_when_their_table_is_broken() {
        // Without `modules`, every module is unknown: only the missing field is said.
        let outcome = minimal_with(|t| {
            let start = t.find(r#"  "modules": ["#).unwrap();
            let end = t.find(r#"  "groups""#).unwrap();
            format!("{}{}", &t[..start], &t[end..])
        });
        assert_eq!(codes_at(&outcome), [(Code::MissingField, "")]);
        // A module whose id is not usable: what names it is not called unknown.
        let outcome = minimal_with(|t| t.replace(r#""id": "intro","#, r#""id": 1,"#));
        assert_eq!(codes_at(&outcome), [(Code::Type, "/modules/0/id")]);
    }

    #[test]
    fn whole_curriculum_conclusions_wait_for_a_sound_structure() {
        // The only optional module is misspelled: completion is not called impossible.
        let outcome = minimal_with(|t| t.replace(r#""kind": "optional""#, r#""kind": "optionel""#));
        assert_eq!(
            codes_at(&outcome),
            [(Code::UnknownValue, "/modules/2/kind")]
        );
    }

    #[test]
    fn a_newer_format_is_reported_alone() {
        let outcome = crate::load_str(r#"{"formatVersion": 2, "whatever": true}"#);
        let codes: Vec<Code> = outcome.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::FormatVersion]);
    }
}

#[cfg(test)]
mod typed_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// What `serde_json::from_value` read before `typed` replaced it.
    fn from_value(text: &str) -> Vec<f64> {
        let root = json::parse(text).unwrap();
        serde_json::from_value(root.to_value()).unwrap()
    }

    fn through_text(text: &str) -> Vec<f64> {
        let root = json::parse(text).unwrap();
        typed(&root.to_value(), &root, text).unwrap()
    }

    #[test]
    fn numbers_whose_shortest_form_reads_back_differently_keep_their_bits() {
        // Long decimals, as a spreadsheet export writes them: among them some whose
        // shortest form `serde_json`'s reader (not correctly rounded) reads one unit
        // in the last place away; `typed` must still give `from_value`'s bits.
        let mut seed: u64 = 11;
        let mut lexemes = Vec::new();
        for _ in 0..4000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let digits = seed % 10_000_000_000_000_000_000;
            let exponent = (seed >> 7) % 40;
            lexemes.push(format!("{digits}e-{exponent}"));
        }
        let text = format!("[{}]", lexemes.join(","));
        let tricky = lexemes
            .iter()
            .filter(|l| {
                let x = l.parse::<serde_json::Number>().unwrap().as_f64().unwrap();
                let shortest = serde_json::Number::from_f64(x).unwrap().to_string();
                let back = shortest
                    .parse::<serde_json::Number>()
                    .unwrap()
                    .as_f64()
                    .unwrap();
                back.to_bits() != x.to_bits()
            })
            .count();
        assert!(
            tricky > 0,
            "the sample holds no number the shortest form changes"
        );
        let expected: Vec<u64> = from_value(&text).iter().map(|x| x.to_bits()).collect();
        let got: Vec<u64> = through_text(&text).iter().map(|x| x.to_bits()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn an_error_reads_as_from_value_said_it() {
        let text = r#"{"a": 1}"#;
        let root = json::parse(text).unwrap();
        let ours = typed::<Vec<f64>>(&root.to_value(), &root, text).unwrap_err();
        let theirs = serde_json::from_value::<Vec<f64>>(root.to_value())
            .unwrap_err()
            .to_string();
        assert_eq!(ours, theirs);
    }
}

//! Diagnostics as data: a stable code, a severity, a place, a message and a hint.
//!
//! Checks never format text. They emit a [`Diagnostic`] with a [`Code`] and named
//! arguments; the French and English wording lives in one catalogue
//! (`messages.rs`), keyed by code, so that every code has both languages (a test
//! checks it) and tools can match on codes rather than on sentences.

use serde::Serialize;

use crate::read::locale::Lang;
use crate::read::messages;
use crate::read::order;

pub(crate) use crate::read::code::{Code, Severity};

/// A message argument: a plain value (an id, a number) or a phrase that has a
/// French and an English form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    /// Shown as is in every language.
    Plain(String),
    /// A value copied from the input document: shown as is, except in diagnostics
    /// about personal data, where it is masked.
    Input(String),
    /// A phrase in each language.
    Local {
        /// French form.
        fr: String,
        /// English form.
        en: String,
    },
}

impl Arg {
    fn get(&self, lang: Lang, private: bool) -> &str {
        match (self, lang) {
            (Arg::Input(_), _) if private => "…",
            (Arg::Plain(s) | Arg::Input(s), _) => s,
            (Arg::Local { fr, .. }, Lang::Fr) => fr,
            (Arg::Local { en, .. }, Lang::En) => en,
        }
    }
}

/// What part of the value at the pointer a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The value itself.
    Value,
    /// The member's key (for unknown fields and duplicate keys).
    Key,
    /// A byte offset (for problems found before there is a tree, such as syntax).
    Offset(usize),
}

/// One problem in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// JSON pointer (RFC 6901) to the value concerned; empty for the whole document.
    pub pointer: String,
    /// Which part of that value.
    pub(crate) anchor: Anchor,
    /// Byte offset in the source text, once located.
    pub offset: Option<usize>,
    /// 1-based line, once located in a source text.
    pub line: Option<usize>,
    /// 1-based column in characters, once located in a source text.
    pub column: Option<usize>,
    /// Named arguments of the message and hint.
    pub(crate) args: Vec<(&'static str, Arg)>,
    /// The document is personal data (a learner record, positioning answers): values
    /// copied from it are masked in the message and hint.
    pub private: bool,
}

impl Diagnostic {
    /// What a host that reads input itself says of a document (or an NDJSON line)
    /// over its size limit, the limit written as it should be shown ("1024 Kio").
    /// Private: nothing of the content is kept.
    pub fn too_large(limit: &str) -> Self {
        Diagnostic::new(Code::TooLarge, "")
            .arg("limit", limit)
            .private()
    }

    /// What a host that reads NDJSON says of a blank line (a line where a learner
    /// record was expected).
    pub fn blank_line() -> Self {
        Diagnostic::new(Code::BlankLine, "").private()
    }

    /// A diagnostic about the value at `pointer`.
    pub(crate) fn new(code: Code, pointer: impl Into<String>) -> Self {
        Diagnostic {
            code,
            pointer: pointer.into(),
            anchor: Anchor::Value,
            offset: None,
            line: None,
            column: None,
            args: Vec::new(),
            private: false,
        }
    }

    /// Marks the diagnostic as about personal data: input values are masked.
    pub(crate) fn private(mut self) -> Self {
        self.private = true;
        self
    }

    /// Adds an argument copied from the input document (masked when private).
    pub(crate) fn input(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Input(value.to_string())));
        self
    }

    /// The value of a plain argument (for code that acts on a diagnostic, such as
    /// the structural repair).
    pub(crate) fn plain_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, a)| match a {
            Arg::Plain(s) if *n == name => Some(s.as_str()),
            _ => None,
        })
    }

    /// Replaces (or adds) an argument that reads differently in French and English.
    pub(crate) fn relocal(
        mut self,
        name: &'static str,
        fr: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        self.args.retain(|(n, _)| *n != name);
        self.local(name, fr, en)
    }

    /// Points at the member's key rather than its value.
    pub(crate) fn at_key(mut self) -> Self {
        self.anchor = Anchor::Key;
        self
    }

    /// Adds a plain argument.
    pub(crate) fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Plain(value.to_string())));
        self
    }

    /// Adds an argument that reads differently in French and English.
    pub(crate) fn local(
        mut self,
        name: &'static str,
        fr: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        self.args.push((
            name,
            Arg::Local {
                fr: fr.into(),
                en: en.into(),
            },
        ));
        self
    }

    /// Sets the `suggestion` argument: "did you mean `x`? " with the closest of
    /// `candidates` to `found` ([`did_you_mean`]), or nothing when none is close.
    pub(crate) fn suggesting<'a>(
        self,
        found: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match did_you_mean(found, candidates) {
            Some(s) => self.suggested(s),
            None => self.local("suggestion", "", ""),
        }
    }

    /// The `suggestion` argument naming `s`, found already.
    pub(crate) fn suggested(self, s: &str) -> Self {
        self.local(
            "suggestion",
            format!("vouliez-vous dire `{s}` ? "),
            format!("did you mean `{s}`? "),
        )
    }

    /// The severity of its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The message, in lower case, naming the ids involved.
    pub fn message(&self, lang: Lang) -> String {
        self.fill(messages::template(self.code, lang).message, lang)
    }

    /// How to fix it. Never empty: a hint whose arguments all came out empty (a
    /// check that found nothing to suggest) gives way to a general advice, so that
    /// no reader is left with « aide : ? ».
    pub fn hint(&self, lang: Lang) -> String {
        let hint = self.fill(messages::template(self.code, lang).hint, lang);
        if hint.chars().any(char::is_alphabetic) {
            hint
        } else {
            messages::fallback_hint(lang).to_string()
        }
    }

    fn fill(&self, template: &str, lang: Lang) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value.get(lang, self.private)),
                        // A suggestion is optional by nature: none found, none said.
                        None if name == "suggestion" => {}
                        None => out.push('?'),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The diagnostic as printed by `--format json`.
    pub fn to_output(&self, lang: Lang) -> DiagnosticOutput {
        DiagnosticOutput {
            code: self.code,
            severity: self.severity(),
            pointer: self.pointer.clone(),
            line: self.line,
            column: self.column,
            message: self.message(lang),
            hint: self.hint(lang),
        }
    }
}

/// The JSON shape of a diagnostic: `{code, severity, pointer, line, column, message, hint}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DiagnosticOutput {
    /// Stable code.
    pub code: Code,
    /// `error` or `warning`.
    pub severity: Severity,
    /// JSON pointer to the value concerned.
    pub pointer: String,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Most diagnostics reported for one document: past this, a designer fixes the first
/// ones and checks again, and a hostile file cannot make the report unbounded.
pub(crate) const MAX_DIAGNOSTICS: usize = 200;

/// Sorts diagnostics by line, column, code and pointer.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    order::sort_by(diagnostics, |a, b| {
        (a.line, a.column, a.code, &a.pointer).cmp(&(b.line, b.column, b.code, &b.pointer))
    });
}

/// Sorts diagnostics ([`sort`]) and keeps at most [`MAX_DIAGNOSTICS`], then one
/// diagnostic placed where the first one left out was (`private` when the document
/// is personal data): `too-many` (an error) when an error was left out,
/// `too-many-warnings` (a warning) when only warnings were. Capping changes what is
/// printed, never the verdict: callers decide on the whole list first.
pub(crate) fn sort_and_cap(diagnostics: &mut Vec<Diagnostic>, private: bool) {
    sort(diagnostics);
    if diagnostics.len() > MAX_DIAGNOSTICS {
        // Said where the first problem not shown is, with the worst severity left out.
        let first_dropped = &diagnostics[MAX_DIAGNOSTICS];
        let code = if diagnostics[MAX_DIAGNOSTICS..]
            .iter()
            .any(|d| d.severity() == Severity::Error)
        {
            Code::TooMany
        } else {
            Code::TooManyWarnings
        };
        let mut d =
            Diagnostic::new(code, first_dropped.pointer.clone()).arg("limit", MAX_DIAGNOSTICS);
        if private {
            d = d.private();
        }
        (d.offset, d.line, d.column) = (
            first_dropped.offset,
            first_dropped.line,
            first_dropped.column,
        );
        diagnostics.truncate(MAX_DIAGNOSTICS);
        diagnostics.push(d);
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
///
/// Linear in the candidates, and cheap for each: no allocation per candidate, a
/// length check first, the common prefix and suffix left out, and a distance
/// computation that stops as soon as it exceeds what a typo may be. An unknown id
/// among 10,000 modules is ranked in well under a millisecond.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Ids and field names are mostly ASCII: compared as bytes, lowered in place,
    // with no char decoding; any other pair as lowered chars.
    let word_bytes: Option<Vec<u8>> = word
        .is_ascii()
        .then(|| word.bytes().map(|b| b.to_ascii_lowercase()).collect());
    let word_chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let (mut bytes, mut chars) = (Vec::new(), Vec::new());
    let mut rows = Rows::default();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // A worse distance than the best so far cannot win either.
        let limit = |longest: usize| {
            let limit = (longest / 3).max(1);
            best.map_or(limit, |(d, _)| limit.min(d))
        };
        let distance = match &word_bytes {
            Some(word) if candidate.is_ascii() => {
                bytes.clear();
                bytes.extend(candidate.bytes().map(|b| b.to_ascii_lowercase()));
                let limit = limit(bytes.len().max(word.len()));
                rows.distance(word, &bytes, limit)
            }
            _ => {
                chars.clear();
                chars.extend(candidate.chars().flat_map(char::to_lowercase));
                let limit = limit(chars.len().max(word_chars.len()));
                rows.distance(&word_chars, &chars, limit)
            }
        };
        if let Some(distance) = distance {
            if best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
                best = Some((distance, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Three rows of the distance table, kept between candidates.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Rows {
    /// Edit distance counting insertions, deletions, substitutions and swaps of
    /// two neighbouring characters (`titel` → `title` is one edit), if it is at
    /// most `limit`.
    fn distance<T: PartialEq>(&mut self, a: &[T], b: &[T], limit: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > limit {
            return None;
        }
        // What both share at either end costs nothing and changes no distance.
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (a, b) = (&a[prefix..], &b[prefix..]);
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
        if a.is_empty() || b.is_empty() {
            let distance = a.len().max(b.len());
            return (distance <= limit).then_some(distance);
        }
        let width = b.len() + 1;
        for row in [&mut self.before, &mut self.previous, &mut self.current] {
            if row.len() < width {
                row.resize(width, 0); // grown once, for the longest candidate
            }
        }
        for (j, cell) in self.previous[..width].iter_mut().enumerate() {
            *cell = j;
        }
        // Minimum of the row before: a swap reaches two rows back.
        let mut previous_min = 0;
        for i in 1..=a.len() {
            self.current[0] = i;
            let mut row_min = i;
            for j in 1..width {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (self.previous[j] + 1)
                    .min(self.current[j - 1] + 1)
                    .min(self.previous[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(self.before[j - 2] + 1);
                }
                self.current[j] = best;
                row_min = row_min.min(best);
            }
            // A cell comes from the row above or, by a swap, plus one from the row
            // before it: once both are past the limit, every later row is too.
            if row_min > limit && previous_min >= limit {
                return None;
            }
            previous_min = row_min;
            std::mem::swap(&mut self.before, &mut self.previous);
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        let distance = self.previous[width - 1];
        (distance <= limit).then_some(distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["kind", "title", "durationHours"];
        assert_eq!(did_you_mean("knd", fields), Some("kind"));
        assert_eq!(
            did_you_mean("duration_hours", fields),
            Some("durationHours")
        );
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        // An ASCII typo of an accented id, and the other way round.
        assert_eq!(
            did_you_mean("equipes", ["équipes", "familles"]),
            Some("équipes")
        );
        assert_eq!(
            did_you_mean("fàmilles", ["équipes", "familles"]),
            Some("familles")
        );
    }

    /// The full table, as the distance is defined.
    fn reference(a: &[char], b: &[char]) -> usize {
        let width = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * width];
        for i in 0..=a.len() {
            d[i * width] = i;
        }
        for (j, cell) in d.iter_mut().enumerate().take(width) {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                d[i * width + j] = best;
            }
        }
        d[a.len() * width + b.len()]
    }

    /// The shortcuts (length check, shared ends left out, early stop) change no
    /// answer: every pair of words up to 6 letters over a 3-letter alphabet, with
    /// every limit, against the full table.
    #[test]
    fn bounded_distance_agrees_with_the_full_table() {
        let words: Vec<Vec<char>> = (0..=6u32)
            .flat_map(|len| {
                (0..3usize.pow(len)).map(move |mut n| {
                    (0..len)
                        .map(|_| {
                            let c = ['a', 'b', 'c'][n % 3];
                            n /= 3;
                            c
                        })
                        .collect()
                })
            })
            .collect();
        let mut rows = Rows::default();
        let mut checked = 0usize;
        // Every 7th word against every word keeps the test under a second.
        for a in words.iter().step_by(7) {
            for b in &words {
                let full = reference(a, b);
                for limit in 0..=4 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(rows.distance(a, b, limit), expected, "{a:?} {b:?} {limit}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 500_000, "{checked}");
    }

    /// Whatever a check forgot to give, every code's hint says something to do.
    #[test]
    fn every_hint_says_something_even_without_arguments() {
        for &code in Code::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let hint = Diagnostic::new(code, "").hint(lang);
                assert!(
                    hint.chars().any(char::is_alphabetic),
                    "{code:?} ({lang:?}): {hint:?}"
                );
            }
        }
        let without = Diagnostic::new(Code::UnknownField, "/x").arg("known", "`a`");
        assert!(
            !without.hint(Lang::Fr).contains('?'),
            "{}",
            without.hint(Lang::Fr)
        );
    }

    #[test]
    fn fills_arguments_in_each_language() {
        let d = Diagnostic::new(Code::UnknownModule, "/modules/0/requires")
            .arg("id", "atelier")
            .arg("owner", "m1")
            .local("suggestion", "", "");
        assert!(d.message(Lang::Fr).contains("`atelier`"));
        assert!(d.message(Lang::En).contains("`atelier`"));
    }
}

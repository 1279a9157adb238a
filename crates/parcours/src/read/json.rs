//! A JSON reader that remembers where every value came from.
//!
//! `serde_json` stops at the first problem and forgets positions once a value is
//! built. A curriculum designer wants *every* mistake, each at its line and column,
//! so documents are first read into a [`Spanned`] tree: the same values as
//! `serde_json::Value`, each with the byte span it came from, object members kept in
//! file order (duplicates included, so they can be reported). Structural and semantic
//! checks then speak in JSON pointers, and [`LineIndex`] turns a pointer's span back
//! into `line:column`.
//!
//! The reader never panics and never recurses deeper than [`MAX_DEPTH`], whatever the
//! bytes: a 100,000-deep array is one diagnostic, not a stack overflow.

use crate::read::order;
use serde_json::{Map, Number, Value};

/// Deepest nesting of arrays and objects the reader accepts. Real curricula nest a
/// prerequisite expression a few levels deep; this bound keeps the stack small and
/// fixed on every target, WebAssembly included.
pub(crate) const MAX_DEPTH: usize = 128;

/// Byte range `[start, end)` of a value in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    /// First byte of the value.
    pub start: usize,
    /// One past the last byte of the value.
    pub end: usize,
}

/// A JSON value with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned {
    /// The value itself.
    pub node: Node,
    /// Where it stands in the source.
    pub span: Span,
}

/// The kinds of JSON value, as in `serde_json::Value`, but with members in file order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, parsed exactly as `serde_json` would.
    Number(Number),
    /// A string, escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Spanned>),
    /// An object: members in file order, duplicate keys kept.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    /// The key, escapes resolved.
    pub key: String,
    /// Span of the key, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: Spanned,
}

/// What went wrong while reading JSON text. Positions are byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// What was wrong.
    pub kind: SyntaxErrorKind,
    /// Byte offset where it was found.
    pub offset: usize,
}

/// The kinds of JSON syntax errors, each with enough detail for a precise message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SyntaxErrorKind {
    /// The text is empty or only white space.
    Empty,
    /// The text ended inside a value.
    UnexpectedEnd,
    /// A character that cannot start or continue a value here.
    UnexpectedChar(char),
    /// A comma directly before `]` or `}`.
    TrailingComma,
    /// An object key not followed by `:`.
    ExpectedColon,
    /// Something other than `,` or the closing bracket after a value.
    ExpectedCommaOrClose(char),
    /// Something other than a string where an object key belongs.
    ExpectedKey,
    /// An unknown escape such as `\q`.
    InvalidEscape,
    /// A `\u` escape that is not four hex digits or is a lone surrogate.
    InvalidUnicodeEscape,
    /// A raw control character (such as a tab or newline) inside a string.
    ControlCharacter,
    /// A malformed number, or one too large to represent.
    InvalidNumber,
    /// Text after the end of the top-level value.
    TrailingContent,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// Reads a whole JSON document.
pub(crate) fn parse(text: &str) -> Result<Spanned, SyntaxError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    reader.skip_ws();
    if reader.pos >= reader.bytes.len() {
        return Err(reader.error(SyntaxErrorKind::Empty));
    }
    let value = reader.value(0)?;
    reader.skip_ws();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error(SyntaxErrorKind::TrailingContent));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError {
            kind,
            offset: self.pos,
        }
    }

    fn error_at(&self, kind: SyntaxErrorKind, offset: usize) -> SyntaxError {
        SyntaxError { kind, offset }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn current_char(&self) -> Option<char> {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn unexpected(&self) -> SyntaxError {
        match self.current_char() {
            Some(c) => self.error(SyntaxErrorKind::UnexpectedChar(c)),
            None => self.error(SyntaxErrorKind::UnexpectedEnd),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Spanned, SyntaxError> {
        let start = self.pos;
        let node = match self.peek() {
            None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Node::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Node::Number(self.number()?),
            Some(b't') => self.literal("true", Node::Bool(true))?,
            Some(b'f') => self.literal("false", Node::Bool(false))?,
            Some(b'n') => self.literal("null", Node::Null)?,
            Some(_) => return Err(self.unexpected()),
        };
        Ok(Spanned {
            node,
            span: Span {
                start,
                end: self.pos,
            },
        })
    }

    fn literal(&mut self, word: &str, node: Node) -> Result<Node, SyntaxError> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                _ => return Err(self.unexpected()),
            }
        }
        Ok(node)
    }

    fn enter(&self, depth: usize) -> Result<usize, SyntaxError> {
        if depth + 1 > MAX_DEPTH {
            Err(self.error(SyntaxErrorKind::TooDeep))
        } else {
            Ok(depth + 1)
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1; // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            if self.closed(b']')? {
                return Ok(Node::Array(items));
            }
        }
    }

    /// After an item of an array or an object: consumes either the `,` before the
    /// next item (false) or the `close` that ends the group (true).
    fn closed(&mut self, close: u8) -> Result<bool, SyntaxError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    return Err(self.error_at(SyntaxErrorKind::TrailingComma, comma));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
            Some(_) => Err(self.error(SyntaxErrorKind::ExpectedCommaOrClose(char::from(close)))),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let depth = self.enter(depth)?;
        self.pos += 1; // {
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.skip_ws();
            let key_start = self.pos;
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.error(SyntaxErrorKind::ExpectedKey)),
            };
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.error(SyntaxErrorKind::ExpectedColon)),
            }
            self.skip_ws();
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            if self.closed(b'}')? {
                return Ok(Node::Object(members));
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Runs stop only at ASCII bytes, so both ends are char boundaries.
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape_start = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape(escape_start)?;
                            out.push(c);
                            continue;
                        }
                        None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                        Some(_) => {
                            return Err(self.error_at(SyntaxErrorKind::InvalidEscape, escape_start))
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error(SyntaxErrorKind::ControlCharacter)),
            }
        }
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, SyntaxError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
            };
            match digit {
                Some(d) => value = value * 16 + d,
                None => {
                    return Err(self.error_at(SyntaxErrorKind::InvalidUnicodeEscape, escape_start))
                }
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// Reads the four hex digits after `\u` (and a second escape for a surrogate pair).
    fn unicode_escape(&mut self, escape_start: usize) -> Result<char, SyntaxError> {
        let first = self.hex4(escape_start)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error_at(SyntaxErrorKind::InvalidUnicodeEscape, escape_start));
            }
            self.pos += 2;
            let second = self.hex4(escape_start)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error_at(SyntaxErrorKind::InvalidUnicodeEscape, escape_start));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(SyntaxErrorKind::InvalidUnicodeEscape, escape_start))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error_at(SyntaxErrorKind::InvalidNumber, start));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error_at(SyntaxErrorKind::InvalidNumber, start)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error_at(SyntaxErrorKind::InvalidNumber, start));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error_at(SyntaxErrorKind::InvalidNumber, start));
            }
        }
        let lexeme = self.text.get(start..self.pos).unwrap_or_default();
        lexeme
            .parse::<Number>()
            .map_err(|_| self.error_at(SyntaxErrorKind::InvalidNumber, start))
    }
}

impl Spanned {
    /// The same value as a plain `serde_json::Value` (for a duplicate key, the last
    /// member wins, as in `serde_json`; duplicates are reported separately).
    pub(crate) fn to_value(&self) -> Value {
        match &self.node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::Array(items) => Value::Array(items.iter().map(Spanned::to_value).collect()),
            Node::Object(members) => {
                let mut map = Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// The member `key` of an object (the last one, if the key is repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Member> {
        match &self.node {
            Node::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The value at a JSON pointer (RFC 6901), and, when its last step is an object
    /// key, that member's key span.
    pub(crate) fn locate(&self, pointer: &str) -> Option<(&Spanned, Option<Span>)> {
        let mut current = self;
        let mut key_span = None;
        if pointer.is_empty() {
            return Some((current, None));
        }
        let rest = pointer.strip_prefix('/')?;
        for raw in rest.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            match &current.node {
                Node::Object(_) => {
                    let member = current.get(&token)?;
                    key_span = Some(member.key_span);
                    current = &member.value;
                }
                Node::Array(items) => {
                    let index: usize = token.parse().ok()?;
                    current = items.get(index)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((current, key_span))
    }
}

/// Escapes one reference token of a JSON pointer.
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Line starts of a text, to turn byte offsets into 1-based `line:column`.
///
/// Columns count Unicode scalar values (characters), as compilers do, so that an
/// accented French title does not shift the caret.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// Line and column of many offsets at once, in one pass over the text: columns
    /// are counted from the previous offset on the same line, so a thousand
    /// diagnostics on one long (minified) line cost one walk, not a thousand.
    pub(crate) fn positions(&self, text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order::sort_by_key(&mut order, |&i| offsets[i]);
        let mut out = vec![(1, 1); offsets.len()];
        // (line, byte where counting resumes, characters counted up to it)
        let mut cursor: Option<(usize, usize, usize)> = None;
        for i in order {
            let mut offset = offsets[i].min(text.len());
            while offset > 0 && !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line = match self.starts.binary_search(&offset) {
                Ok(l) => l,
                Err(l) => l.saturating_sub(1),
            };
            let (from, counted) = match cursor {
                Some((l, byte, chars)) if l == line && byte <= offset => (byte, chars),
                _ => (self.starts.get(line).copied().unwrap_or(0), 0),
            };
            let chars = counted + text.get(from..offset).map_or(0, |s| s.chars().count());
            cursor = Some((line, offset, chars));
            out[i] = (line + 1, chars + 1);
        }
        out
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
            .min(text.len());
        let end = self
            .starts
            .get(line)
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        let trimmed = text
            .get(start..end)
            .map_or(0, |s| s.trim_end_matches(['\n', '\r']).len());
        (start, start + trimmed)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let (start, end) = self.line_range(text, line);
        text.get(start..end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json_on_valid_text() {
        let text = r#"{"a": [1, -2.5e3, true, null, "é\u00e9\ud83d\ude00\n"], "b": {}, "c": []}"#;
        let ours = parse(text).unwrap().to_value();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn reports_each_kind_of_syntax_error_where_it_is() {
        let cases = [
            ("", SyntaxErrorKind::Empty, 0),
            ("[1,]", SyntaxErrorKind::TrailingComma, 2),
            ("{\"a\" 1}", SyntaxErrorKind::ExpectedColon, 5),
            (
                "{\"a\": 1 \"b\": 2}",
                SyntaxErrorKind::ExpectedCommaOrClose('}'),
                8,
            ),
            ("{1: 2}", SyntaxErrorKind::ExpectedKey, 1),
            ("\"\\q\"", SyntaxErrorKind::InvalidEscape, 1),
            ("\"\\ud800\"", SyntaxErrorKind::InvalidUnicodeEscape, 1),
            ("\"a\tb\"", SyntaxErrorKind::ControlCharacter, 2),
            ("01", SyntaxErrorKind::InvalidNumber, 0),
            ("1e999", SyntaxErrorKind::InvalidNumber, 0),
            ("{} {}", SyntaxErrorKind::TrailingContent, 3),
            ("[1, 2", SyntaxErrorKind::UnexpectedEnd, 5),
            ("tru", SyntaxErrorKind::UnexpectedEnd, 3),
            ("[x]", SyntaxErrorKind::UnexpectedChar('x'), 1),
        ];
        for (text, kind, offset) in cases {
            assert_eq!(
                parse(text),
                Err(SyntaxError { kind, offset }),
                "text {text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(&text).unwrap_err();
        assert_eq!(err.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(err.offset, MAX_DEPTH);
    }

    #[test]
    fn locates_pointers_and_positions() {
        let text = "{\n  \"a/b\": [10, {\"é\": 2}]\n}";
        let root = parse(text).unwrap();
        let (value, key) = root.locate("/a~1b/1/é").unwrap();
        assert_eq!(value.node, Node::Number(2.into()));
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, value.span.start), (2, 21));
        assert_eq!(index.position(text, key.unwrap().start), (2, 16));
        assert_eq!(index.line_text(text, 2), "  \"a/b\": [10, {\"é\": 2}]");
        assert!(root.locate("/missing").is_none());
        let offsets = [value.span.start, key.unwrap().start, 0, text.len()];
        assert_eq!(
            index.positions(text, &offsets),
            vec![(2, 21), (2, 16), (1, 1), (3, 2)]
        );
        assert_eq!(index.line_range(text, 2), (2, 26));
    }
}

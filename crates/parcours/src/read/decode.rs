//! Bytes to text. Documents (curricula, records, instruments, JSON answers) are
//! UTF-8, with or without a byte-order mark; a spreadsheet's CSV export may also be
//! Windows-1252. UTF-16 is recognised and refused with a diagnostic that says so.

use std::borrow::Cow;

use serde::Serialize;

use crate::read::diagnostic::{Code, Diagnostic};
use crate::read::json::LineIndex;

/// The UTF-8 byte-order mark.
pub(crate) const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The bytes after a UTF-8 byte-order mark, or all of them when there is none.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Whether the bytes look like UTF-16: a UTF-16 byte-order mark, or zero bytes
/// making up a quarter or more of the first 64.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let zeros = bytes.iter().take(64).filter(|b| **b == 0).count();
    utf16 || (zeros > 0 && zeros * 4 >= bytes.len().min(64))
}

/// Text from the bytes of a document: UTF-8, with or without a byte-order mark.
/// Anything else is one `encoding` diagnostic that says what the bytes look like.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if looks_like_utf16(bytes) {
        return Err(Diagnostic::new(Code::Encoding, "").local(
            "detail",
            "il semble encodé en UTF-16",
            "it looks like UTF-16",
        ));
    }
    let bytes = without_bom(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, column) = LineIndex::new(prefix).position(prefix, valid);
        let mut d = Diagnostic::new(Code::Encoding, "").local(
            "detail",
            format!("octet invalide à l'octet {valid} ; s'agit-il de Windows-1252 ou de Latin-1 ?"),
            format!("invalid byte at byte {valid}; is it Windows-1252 or Latin-1?"),
        );
        d.line = Some(line);
        d.column = Some(column);
        d
    })
}

/// How the bytes of a CSV file were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 starting with a byte-order mark (Excel's "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// Windows-1252 (Excel's plain "CSV" on a French Windows): bytes that are not
    /// valid UTF-8 are read so.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// How the CLI names it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 at 0x80–0x9F; elsewhere it is Latin-1, byte = code point. The five
/// bytes 1252 leaves undefined map to the C1 controls, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252 bytes.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Text from the bytes of a spreadsheet's CSV file: UTF-8 (with or without a
/// byte-order mark) when the bytes are valid UTF-8, Windows-1252 otherwise. UTF-16
/// is refused.
pub(crate) fn spreadsheet(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), Diagnostic> {
    if looks_like_utf16(bytes) {
        return Err(Diagnostic::new(Code::Encoding, "").local(
            "detail",
            "il semble encodé en UTF-16 ; exportez en « CSV UTF-8 »",
            "it looks like UTF-16; export as \"CSV UTF-8\"",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        if let Ok(text) = std::str::from_utf8(rest) {
            return Ok((Cow::Borrowed(text), Encoding::Utf8Bom));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(_) => Ok((Cow::Owned(windows_1252(bytes)), Encoding::Windows1252)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_decodes_the_french_letters_and_typography() {
        let bytes = b"\xe9t\xe9 \x92 c\x9cur \x80 \x85 \xc9";
        assert_eq!(windows_1252(bytes), "été ’ cœur € … É");
        let (text, encoding) = spreadsheet(b"caf\xe9").unwrap();
        assert_eq!((text.as_ref(), encoding), ("café", Encoding::Windows1252));
        let (text, encoding) = spreadsheet("\u{feff}café".as_bytes()).unwrap();
        assert_eq!((text.as_ref(), encoding), ("café", Encoding::Utf8Bom));
        let (text, encoding) = spreadsheet("café".as_bytes()).unwrap();
        assert_eq!((text.as_ref(), encoding), ("café", Encoding::Utf8));
        assert!(spreadsheet(b"\xff\xfea\0b\0").is_err());
    }
}

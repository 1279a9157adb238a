//! CSV as spreadsheets write it (RFC 4180): records of cells, the separator and the
//! line ends found, and the spreadsheet's column letters. What the cells mean is
//! the business of whoever reads them (positioning answers, for one).

use serde::Serialize;

/// The cell separator of a CSV file, detected from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Delimiter {
    /// `;` (French spreadsheets).
    Semicolon,
    /// `,` (most online forms).
    Comma,
    /// A tab.
    Tab,
}

impl Delimiter {
    /// The character.
    pub fn char(self) -> char {
        match self {
            Delimiter::Semicolon => ';',
            Delimiter::Comma => ',',
            Delimiter::Tab => '\t',
        }
    }

    /// Every separator, in the order detection prefers them.
    pub(crate) const ALL: [Delimiter; 3] = [Delimiter::Semicolon, Delimiter::Comma, Delimiter::Tab];
}

/// The line ends found outside quoted cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LineEnding {
    /// `\r\n` (Windows).
    Crlf,
    /// `\n`.
    Lf,
    /// `\r` alone (old Mac).
    Cr,
    /// More than one kind.
    Mixed,
    /// A single line.
    None,
}

/// One record of a CSV file: a spreadsheet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// 1-based row, as a spreadsheet numbers it (a quoted line break stays in its row).
    pub(crate) row: usize,
    /// The cells, unquoted.
    pub(crate) fields: Vec<String>,
}

/// A quote opened in a cell and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unterminated {
    /// 1-based row.
    pub(crate) row: usize,
    /// 0-based column.
    pub(crate) column: usize,
}

/// Reads CSV records (RFC 4180, as spreadsheets write it): cells separated by
/// `delimiter`; a cell starting with `"` is quoted up to the next lone `"` (`""`
/// stands for one quote) and may hold the separator and line breaks; records end at
/// `\r\n`, `\n` or `\r`. Text after a closing quote is kept, as spreadsheets do.
/// At most `limit` records are read.
pub(crate) fn records(
    text: &str,
    delimiter: char,
    limit: usize,
) -> Result<(Vec<Record>, LineEnding), Unterminated> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut at_start = true;
    let mut quoted_any = false;
    let mut in_quotes = false;
    let (mut crlf, mut lf, mut cr) = (0usize, 0usize, 0usize);
    let mut chars = text.chars().peekable();
    let end_record = |fields: &mut Vec<String>, field: &mut String, out: &mut Vec<Record>| {
        fields.push(std::mem::take(field));
        let row = out.len() + 1;
        out.push(Record {
            row,
            fields: std::mem::take(fields),
        });
    };
    while out.len() < limit {
        let Some(c) = chars.next() else {
            if in_quotes {
                return Err(Unterminated {
                    row: out.len() + 1,
                    column: fields.len(),
                });
            }
            if !fields.is_empty() || !field.is_empty() || quoted_any {
                end_record(&mut fields, &mut field, &mut out);
            }
            break;
        };
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                in_quotes = true;
                quoted_any = true;
                at_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                    crlf += 1;
                } else if c == '\r' {
                    cr += 1;
                } else {
                    lf += 1;
                }
                end_record(&mut fields, &mut field, &mut out);
                at_start = true;
                quoted_any = false;
            }
            c => {
                field.push(c);
                at_start = false;
            }
        }
    }
    let ending = match (crlf > 0, lf > 0, cr > 0) {
        (false, false, false) => LineEnding::None,
        (true, false, false) => LineEnding::Crlf,
        (false, true, false) => LineEnding::Lf,
        (false, false, true) => LineEnding::Cr,
        _ => LineEnding::Mixed,
    };
    Ok((out, ending))
}

/// The spreadsheet letter of a 0-based column: A, B, …, Z, AA, AB, …
pub(crate) fn column_letter(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, delimiter: char) -> Vec<Vec<String>> {
        records(text, delimiter, usize::MAX)
            .unwrap()
            .0
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn csv_records_follow_rfc_4180() {
        assert_eq!(
            parse("a;b\r\n\"x;y\";\"il a dit \"\"oui\"\"\"\r\n", ';'),
            vec![vec!["a", "b"], vec!["x;y", "il a dit \"oui\""]]
        );
        // A quoted line break stays in its cell and its row.
        let recs = records("h1,h2\n\"l1\nl2\",b\nc,d", ',', usize::MAX)
            .unwrap()
            .0;
        assert_eq!(recs[1].fields, vec!["l1\nl2", "b"]);
        assert_eq!(recs[2].row, 3);
        // Empty cells, a trailing separator, no final line break.
        assert_eq!(parse("a,,\n", ','), vec![vec!["a", "", ""]]);
        assert_eq!(parse("\"\"", ','), vec![vec![""]]);
        // A quote inside an unquoted cell is a character.
        assert_eq!(parse("l'a \"b\",c", ','), vec![vec!["l'a \"b\"", "c"]]);
        assert_eq!(parse("", ','), Vec::<Vec<String>>::new());
    }

    #[test]
    fn line_ends_are_reported() {
        let ending = |t: &str| records(t, ';', usize::MAX).unwrap().1;
        assert_eq!(ending("a\r\nb\r\n"), LineEnding::Crlf);
        assert_eq!(ending("a\nb\n"), LineEnding::Lf);
        assert_eq!(ending("a\rb"), LineEnding::Cr);
        assert_eq!(ending("a\r\nb\n"), LineEnding::Mixed);
        assert_eq!(ending("a;b"), LineEnding::None);
        // A line break inside quotes is not a line end.
        assert_eq!(ending("\"a\r\nb\""), LineEnding::None);
    }

    #[test]
    fn an_unclosed_quote_is_located() {
        assert_eq!(
            records("a;b\nc;\"d\ne;f\n", ';', usize::MAX),
            Err(Unterminated { row: 2, column: 1 })
        );
    }

    #[test]
    fn column_letters_follow_spreadsheets() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }
}

//! How figures, dates and fields read: one number formatter per language, one for
//! hours, one for dates, one escaper for Markdown table cells and one quoting for
//! CSV fields, one SVG coordinate and one word wrap for SVG text, used by every
//! view (terminal, Markdown, HTML, CSV, drawings), so that a figure is written the
//! same wherever it is shown. HTML and SVG need no escaper here: their templates
//! (`maud`) escape what they insert.

use std::borrow::Cow;

use parcours::Date;
use parcours::Lang;

/// Rounds to 4 decimals, the precision every figure of parcours is computed to, so
/// that float artefacts (0.30000000000000004) never reach a reader.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A number with at most `decimals` decimals (decimal comma in French), never
/// "-0", and "—" for a number that is not finite: readers get figures, not float
/// artefacts. A negative number starts with the hyphen-minus "-", which
/// spreadsheets and tools read back; see [`terminal_number`] for the terminal.
pub fn number(x: f64, decimals: i32, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let factor = libm::pow(10.0, f64::from(decimals));
    let mut rounded = round4(libm::round(x * factor) / factor);
    if rounded == 0.0 {
        rounded = 0.0;
    }
    let text = format!("{rounded}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A change in a report, with its sign when it has one: "+0,12", "-0,03", and "0"
/// for no change (2 decimals, as [`number`]).
pub fn signed(x: f64, lang: Lang) -> String {
    let text = number(x, 2, lang);
    if text != "0" && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

/// The change from `before` to `after` as the report shows it: the difference of
/// the two figures as printed (2 decimals), so that it never contradicts them,
/// and « inchangé » / « no change » when they print the same — a change smaller
/// than the rounding is no change to a reader.
pub fn change(before: f64, after: f64, lang: Lang) -> String {
    let (b, a) = (number(before, 2, lang), number(after, 2, lang));
    if b == a {
        return match lang {
            Lang::Fr => "inchangé".into(),
            Lang::En => "no change".into(),
        };
    }
    let at2 = |x: f64| libm::round(x * 100.0) / 100.0;
    signed(at2(after) - at2(before), lang)
}

/// A number as the terminal shows it: [`number`] with 2 decimals, but a negative
/// one starts with the minus sign "−" (U+2212), which reads better than the
/// hyphen in running text ("score −1,5").
pub fn terminal_number(x: f64, lang: Lang) -> String {
    let text = number(x, 2, lang);
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// A score term's points as the terminal shows them: always with a sign, even a
/// null term ("+2", "+0", "−1,5"), so that every term says which way it counts.
/// Unlike [`signed`], a small negative that rounds to zero still reads "−0".
pub fn terminal_signed(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return number(x, 2, lang);
    }
    let text = terminal_number(x.abs(), lang);
    if x >= 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// Hours, to 2 decimals, then " h": "1,5 h" ("1.5 h" in English).
pub fn hours(x: f64, lang: Lang) -> String {
    format!("{} h", number(x, 2, lang))
}

/// [`hours`] with a no-break space before "h", for a page that may wrap a line
/// between the number and its unit.
pub fn hours_unbroken(x: f64, lang: Lang) -> String {
    format!("{}\u{a0}h", number(x, 2, lang))
}

/// A date as people read it, one form per language: « 01/03/2026 » (JJ/MM/AAAA, as
/// French forms and letters write it) in French, ISO 8601 (« 2026-03-01 ») in
/// English, where the numeric day-month order is ambiguous. JSON keeps ISO 8601:
/// this is for human text only.
pub fn date(d: &Date, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year()),
        Lang::En => d.to_string(),
    }
}

/// A count and its noun, agreed: « 1 module », « 3 modules ». French takes the
/// singular for 0 and 1 (« 0 module »), English for 1 only (« 0 modules »), so
/// no text needs « module(s) ».
pub fn count(n: usize, one: &str, many: &str, lang: Lang) -> String {
    format!("{n} {}", plural(n, one, many, lang))
}

/// A measured quantity and its noun, agreed as [`count`] does, the number written
/// as [`terminal_number`]: « 1,5 point » (French takes the singular under 2),
/// « 12 points », « 1.5 points ».
pub fn quantity(x: f64, one: &str, many: &str, lang: Lang) -> String {
    let singular = match lang {
        Lang::Fr => x.abs() < 2.0,
        Lang::En => x.abs() == 1.0,
    };
    format!(
        "{} {}",
        terminal_number(x, lang),
        if singular { one } else { many }
    )
}

/// The form of a word that agrees with `n` (see [`count`]), for sentences where
/// the number is not right before the noun (« non comptées »).
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str, lang: Lang) -> &'a str {
    let singular = match lang {
        Lang::Fr => n < 2,
        Lang::En => n == 1,
    };
    if singular {
        one
    } else {
        many
    }
}

/// What comes between a label and its value: « : » with a space before it in
/// French typography, ": " in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

/// A paragraph wrapped to `width` characters (counted as characters, not bytes)
/// without losing a word: unlike [`wrap`], nothing is cut, and a word longer than
/// the width is split so that no line ever overflows a column. An empty text is
/// one empty line, so that a column always has a first line.
pub fn wrap_all(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    // French punctuation never starts or ends a line alone: « sticks to the word
    // after it, and », :, ;, ! and ? to the word before.
    // Borrowed from `text` unless glued: a status wraps hundreds of words, and a
    // copy of each (and of its characters) was most of the work.
    let mut words: Vec<Cow<'_, str>> = Vec::new();
    let mut glue_next = false;
    for word in text.split_whitespace() {
        let closes = word.starts_with('»') || matches!(word, ":" | ";" | "!" | "?");
        match words.last_mut() {
            Some(last) if closes || glue_next => {
                let last = last.to_mut();
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(Cow::Borrowed(word)),
        }
        glue_next = word == "«";
    }
    // Nor does a number that ends the text (« semaine 4 », « étape 1 sur 5 »).
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == ','))
    {
        if let Some(number) = words.pop() {
            if let Some(last) = words.last_mut() {
                let last = last.to_mut();
                last.push(' ');
                last.push_str(&number);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for word in &words {
        let mut word: &str = word;
        let mut len = word.chars().count();
        if used > 0 && used + 1 + len > width {
            out.push(std::mem::take(&mut current));
            used = 0;
        }
        // Here a word longer than the width always starts a line.
        while len > width {
            let cut = word
                .char_indices()
                .nth(width)
                .map_or(word.len(), |(i, _)| i);
            out.push(word[..cut].to_string());
            word = &word[cut..];
            len -= width;
        }
        if used > 0 {
            current.push(' ');
            used += 1;
        }
        used += len;
        current.push_str(word);
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

/// Text for one cell of a Markdown table (or a Markdown line): a "|" would end the
/// cell and a line break the row, so the first is escaped and the second becomes
/// a space.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// One row of a Markdown table, each cell through [`markdown_cell`]: "| a | b |".
pub fn markdown_row<S: AsRef<str>>(cells: &[S]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c.as_ref())).collect();
    format!("| {} |", cells.join(" | "))
}

/// The head of a Markdown table: its header row, then the line under it.
pub fn markdown_head<S: AsRef<str>>(cells: &[S]) -> String {
    format!("{}\n|{}", markdown_row(cells), "---|".repeat(cells.len()))
}

/// One field of a `;`-separated CSV file: quoted (with inner quotes doubled) when
/// it holds a separator, a quote or a line break; as it is otherwise.
pub fn csv_field(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// An SVG coordinate: one decimal is finer than a printed dot and keeps the bytes
/// stable.
pub fn xy(x: f64) -> String {
    let mut out = String::new();
    maud::Render::render_to(&crate::decimal::Xy(x), &mut out);
    out
}

/// Greedy word wrap for SVG text (SVG does not wrap): lines of at most `width`
/// characters, at most `lines` lines, the last one shortened with "…". The caller
/// keeps the full text elsewhere (a data table, a `<title>`).
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits =
            current.is_empty() || current.chars().count() + 1 + word.chars().count() <= width;
        if !fits {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines.max(1) {
        let keep = lines.max(1);
        let rest = out[keep - 1..].join(" ");
        out.truncate(keep - 1);
        let short: String = rest.chars().take(width.saturating_sub(1).max(1)).collect();
        out.push(format!("{}…", short.trim_end()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_same_in_every_view() {
        assert_eq!(number(2.5249, 2, Lang::Fr), "2,52");
        assert_eq!(number(2.5, 2, Lang::En), "2.5");
        assert_eq!(number(-0.001, 2, Lang::Fr), "0");
        assert_eq!(number(f64::NAN, 2, Lang::Fr), "—");
        assert_eq!(number(0.1 + 0.2, 4, Lang::En), "0.3");
        assert_eq!(signed(0.12, Lang::En), "+0.12");
        assert_eq!(signed(-0.03, Lang::Fr), "-0,03");
        assert_eq!(signed(0.001, Lang::Fr), "0");
        // Changes read from the printed figures: never "+0,01" between two equal
        // figures, never "0" between two different ones.
        assert_eq!(change(2.4351, 2.4449, Lang::Fr), "inchangé");
        assert_eq!(change(2.4449, 2.4451, Lang::Fr), "+0,01");
        assert_eq!(change(2.5, 2.5, Lang::En), "no change");
        assert_eq!(change(3.0, 2.56, Lang::En), "-0.44");
        assert_eq!(terminal_number(-1.5, Lang::Fr), "−1,5");
        assert_eq!(terminal_number(-0.001, Lang::Fr), "0");
        assert_eq!(terminal_signed(2.0, Lang::Fr), "+2");
        assert_eq!(terminal_signed(0.0, Lang::Fr), "+0");
        assert_eq!(terminal_signed(-1.333, Lang::Fr), "−1,33");
        assert_eq!(terminal_signed(-0.001, Lang::En), "−0");
        assert_eq!(hours(74.0, Lang::Fr), "74 h");
        assert_eq!(hours(2.5, Lang::En), "2.5 h");
        assert_eq!(hours(80.0 / 60.0, Lang::Fr), "1,33 h");
        assert_eq!(hours_unbroken(5.5, Lang::Fr), "5,5\u{a0}h");
    }

    #[test]
    fn dates_counts_and_colons_have_one_form_per_language() {
        let d = Date::new(2026, 12, 5).unwrap();
        assert_eq!(date(&d, Lang::Fr), "05/12/2026");
        assert_eq!(date(&d, Lang::En), "2026-12-05");
        assert_eq!(count(1, "module", "modules", Lang::Fr), "1 module");
        assert_eq!(count(0, "module", "modules", Lang::Fr), "0 module");
        assert_eq!(count(0, "module", "modules", Lang::En), "0 modules");
        assert_eq!(count(3, "module", "modules", Lang::Fr), "3 modules");
        assert_eq!(plural(2, "comptée", "comptées", Lang::Fr), "comptées");
        assert_eq!(quantity(1.5, "point", "points", Lang::Fr), "1,5 point");
        assert_eq!(quantity(1.5, "point", "points", Lang::En), "1.5 points");
        assert_eq!(quantity(12.0, "point", "points", Lang::Fr), "12 points");
        assert_eq!(
            format!("non comptés{}x", colon(Lang::Fr)),
            "non comptés : x"
        );
        assert_eq!(format!("not counted{}x", colon(Lang::En)), "not counted: x");
    }

    #[test]
    fn wrapped_columns_never_overflow_and_lose_no_word() {
        let text = "Comprendre l’aidance et les besoins des proches aidants";
        let lines = wrap_all(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        // Characters, not bytes: « é » is two bytes and one column.
        assert_eq!(wrap_all("éééé ééé", 4), ["éééé", "ééé"]);
        assert_eq!(wrap_all("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_all("x ééééé", 2), ["x", "éé", "éé", "é"]);
        assert_eq!(wrap_all("", 4), [""]);
        // « and » stay with their words, a colon with the word before it.
        assert_eq!(
            wrap_all("ouvre : « Atelier sketching »", 12),
            ["ouvre :", "« Atelier", "sketching »"]
        );
        assert_eq!(wrap_all("7 h — semaine 4", 12), ["7 h —", "semaine 4"]);
    }

    #[test]
    fn fields_are_escaped_once_for_their_format() {
        assert_eq!(markdown_cell("a | b\nc"), "a \\| b c");
        assert_eq!(markdown_head(&["A", "B|C"]), "| A | B\\|C |\n|---|---|");
        assert_eq!(markdown_row(&["1".to_string()]), "| 1 |");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("dit \"oui\""), "\"dit \"\"oui\"\"\"");
    }
}

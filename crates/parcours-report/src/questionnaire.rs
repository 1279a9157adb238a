//! Collecting the answers: for each college, a printable questionnaire in its own
//! wording, and the empty answer spreadsheet the reader reads back as it is.
//!
//! A committee runs the survey on paper or in a form tool. The questionnaire is
//! one self-contained HTML page per college (A4, large type, every item in the
//! college's plain-language wording when the instrument gives one, the answer
//! scale and « ne sait pas » as boxes to tick). The spreadsheet has exactly the
//! headers [`parcours::read_answers`] matches (the instrument's `answerColumns`,
//! then each item in the same wording), so that the filled sheet is read without
//! editing a header. Neither asks for a name or an e-mail: only the pseudonym
//! column the instrument declares, if any.

use maud::{html, PreEscaped, DOCTYPE};

use parcours::positioning::instrument::{College, Item};
use parcours::{CheckedInstrument, Lang};

use crate::format::csv_field;

/// A4, large type, boxes drawn by CSS: nothing to load, prints as it shows.
const CSS: &str = "@page{size:A4;margin:16mm}\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;font-size:15pt;line-height:1.5;color:#1a1a1a;max-width:48rem;margin:1rem auto;padding:0 1rem}\
h1{font-size:1.5em;margin:.2em 0 .6em}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:2px solid #1f5fa8;break-after:avoid;page-break-after:avoid}\
.who{border:1px solid #8c8c8c;padding:.4em .8em;margin:.8em 0}.who p{margin:.3em 0}\
.line{display:inline-block;min-width:12em;border-bottom:1px solid #404040}\
ol{padding-left:1.4em}li.item{margin:0 0 1em;break-inside:avoid;page-break-inside:avoid}\
.choices{display:flex;flex-wrap:wrap;gap:.3em 1.2em;margin:.3em 0 0;padding:0;list-style:none}\
.choices li{white-space:nowrap}\
.box{display:inline-block;width:1em;height:1em;border:2px solid #1a1a1a;vertical-align:-.15em;margin-right:.35em}\
.note{font-size:.9em;color:#404040}";

/// The statement `college` reads for `item`: its own wording when the instrument
/// gives one, the item's text otherwise.
fn wording<'i>(item: &'i Item, college: &College, lang: Lang) -> &'i str {
    item.wordings
        .iter()
        .find(|w| w.colleges.iter().any(|c| c == &college.id))
        .map_or_else(|| item.text.get(lang), |w| w.text.get(lang))
}

/// The printable questionnaire of one college (`None` for an unknown college).
pub fn html(instr: &CheckedInstrument, college: &str, lang: Lang) -> Option<String> {
    let doc = instr.document();
    let college = instr.colleges().iter().find(|c| c.id == college)?;
    let fr = lang == Lang::Fr;
    let t = |f: &'static str, e: &'static str| if fr { f } else { e };
    let columns = &doc.answer_columns;
    let mut choices: Vec<&str> = doc.scale.points.iter().map(|p| p.label.get(lang)).collect();
    if let Some(dk) = &doc.scale.dont_know {
        choices.push(dk.label.get(lang));
    }
    // Items by theme, numbered through the whole questionnaire.
    let mut sections: Vec<(&str, Vec<(usize, &Item)>)> = Vec::new();
    let mut number = 0;
    for theme in instr.themes() {
        let items: Vec<(usize, &Item)> = instr
            .items()
            .iter()
            .filter(|i| i.theme == theme.id)
            .map(|i| {
                number += 1;
                (number, i)
            })
            .collect();
        if !items.is_empty() {
            sections.push((theme.title.get(lang), items));
        }
    }
    let page = html! {
        (DOCTYPE) "\n"
        html lang=(lang.code()) {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (doc.title.get(lang)) " — " (college.label.get(lang)) } "\n"
                style { (PreEscaped(CSS)) } "\n"
            }
            "\n"
            body {
                "\n"
                h1 { (doc.title.get(lang)) } "\n"
                div class="who" {
                    "\n"
                    p { (columns.college) " : " strong data-college=(college.id) { (college.label.get(lang)) } } "\n"
                    @if let Some(team) = &columns.team {
                        p { (team) " : " span class="line" {} } "\n"
                    }
                    @if let Some(respondent) = &columns.respondent {
                        p { (respondent) " : " span class="line" {} } "\n"
                    }
                    @if let Some(date) = &columns.date {
                        p { (date) " : " span class="line" {} } "\n"
                    }
                    p class="note" {
                        (t(
                            "N'écrivez pas votre nom. Pour chaque phrase, cochez une seule case.",
                            "Do not write your name. For each sentence, tick one box only."
                        ))
                    }
                    "\n"
                }
                "\n"
                @for (title, items) in &sections {
                    h2 { (title) } "\n"
                    ol start=(items.first().map_or(1, |(n, _)| *n)) {
                        "\n"
                        @for (_, item) in items {
                                li class="item" data-item=(item.id) {
                                    (wording(item, college, lang))
                                    ul class="choices" {
                                        @for choice in &choices {
                                            li { span class="box" aria-hidden="true" {} (choice) }
                                        }
                                    }
                                }
                                "\n"
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    };
    let out = page.into_string();
    Some(if fr {
        out.replace(" : ", "\u{a0}: ")
    } else {
        out.replace(" : ", ": ")
    })
}

/// The empty answer spreadsheet of one college, as French spreadsheets open it
/// (UTF-8 with a byte order mark, `;`, CRLF): the instrument's who-answered
/// columns, then one column per item headed by the college's wording, which the
/// reader matches as it is. `None` for an unknown college.
pub fn csv(instr: &CheckedInstrument, college: &str, lang: Lang) -> Option<String> {
    let doc = instr.document();
    let college = instr.colleges().iter().find(|c| c.id == college)?;
    let columns = &doc.answer_columns;
    let mut headers: Vec<&str> = Vec::new();
    headers.extend(columns.date.as_deref());
    headers.extend(columns.respondent.as_deref());
    headers.push(&columns.college);
    headers.extend(columns.team.as_deref());
    for item in instr.items() {
        headers.push(wording(item, college, lang));
    }
    let mut out = String::from("\u{feff}");
    out.push_str(
        &headers
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(";"),
    );
    out.push_str("\r\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours::positioning::answers::Answer;
    use parcours::ReadOptions;
    use std::path::Path;

    fn instrument() -> CheckedInstrument {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../curricula/positioning/instrument.json");
        parcours::load_instrument(&std::fs::read(path).unwrap(), None)
            .value
            .unwrap()
    }

    /// Each college's empty sheet, filled in a spreadsheet (one row: the college
    /// by its label, every item answered by a point's label), reads back with no
    /// diagnostic and every answer in place, in French and English.
    #[test]
    fn each_colleges_sheet_reads_back_without_editing_a_header() {
        let ins = instrument();
        for lang in [Lang::Fr, Lang::En] {
            for college in ins.colleges() {
                let sheet = csv(&ins, &college.id, lang).unwrap();
                assert!(sheet.starts_with('\u{feff}') && sheet.ends_with("\r\n"));
                // No name, no e-mail: only the instrument's columns and its items.
                for header in sheet.trim_start_matches('\u{feff}').trim_end().split(';') {
                    let h = header.to_lowercase();
                    assert!(!h.contains("mail") && h != "nom" && h != "name", "{header}");
                }
                let points = &ins.document().scale.points;
                let mut row = vec![
                    "02/03/2026 10:00".to_string(),
                    "R001".to_string(),
                    college.label.get(lang).to_string(),
                    "Foyer".to_string(),
                ];
                for (i, _) in ins.items().iter().enumerate() {
                    row.push(csv_field(points[i % points.len()].label.get(lang)));
                }
                let filled = format!("{sheet}{}\r\n", row.join(";"));
                let (outcome, report) =
                    parcours::read_answers(&ins, filled.as_bytes(), &ReadOptions::default());
                assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
                assert!(report.ignored_columns.is_empty() && report.unmatched_items.is_empty());
                let table = outcome.value.unwrap();
                let r = &table.respondents[0];
                assert_eq!(r.college, college.id);
                assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
                for (i, a) in r.answers.iter().enumerate() {
                    let expected = points[i % points.len()].value;
                    assert_eq!(*a, Answer::Value(expected), "{}", ins.items()[i].id);
                }
            }
        }
        assert!(csv(&ins, "inconnu", Lang::Fr).is_none());
    }

    /// The questionnaire: the college's own wording, one box per point and « ne
    /// sait pas » for every item, no name asked, a whole page with nothing to load.
    #[test]
    fn each_college_gets_its_printable_questionnaire_in_its_own_words() {
        let ins = instrument();
        let doc = ins.document();
        let boxes = doc.scale.points.len() + usize::from(doc.scale.dont_know.is_some());
        for college in ins.colleges() {
            let page = html(&ins, &college.id, Lang::Fr).unwrap();
            assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
            assert!(page.contains("@page{size:A4"));
            for banned in ["http", "src=", "<script", "<link", "url("] {
                assert!(!page.contains(banned), "{banned}");
            }
            assert_eq!(
                page.matches("class=\"box\"").count(),
                ins.items().len() * boxes
            );
            assert_eq!(page.matches("class=\"item\"").count(), ins.items().len());
            for item in ins.items() {
                // As the page writes it: escaped, a no-break space before « : ».
                let text = maud::html! { (wording(item, college, Lang::Fr)) }
                    .into_string()
                    .replace(" : ", "\u{a0}: ");
                assert!(page.contains(&text), "{}: {}", college.id, item.id);
            }
            assert!(page.contains("Ne sait pas"));
            assert!(page.contains("N'écrivez pas votre nom."));
        }
        // Persons supported read their plain-language wording.
        let pa = html(&ins, "personnes-accompagnees", Lang::Fr).unwrap();
        assert!(pa.contains("Les professionnels connaissent mes droits."));
        let en = html(&ins, "direction", Lang::En).unwrap();
        assert!(en.contains("Do not write your name.") && en.contains("Don't know"));
        assert!(html(&ins, "inconnu", Lang::Fr).is_none());
    }
}

//! The binding's work, in plain Rust: text in, text out, and a [`Refusal`] for
//! everything that is not a result. Nothing here touches JavaScript, so every
//! path — hostile inputs included — is tested natively; `lib.rs` only turns a
//! [`Refusal`] into a JS `Error`.
//!
//! Results are the same JSON text the command line prints (pretty, with a final
//! newline), so a page and a batch job give the same bytes for the same inputs.

use parcours::{
    json_text, Compiled, Date, Diagnostic, DiagnosticOutput, Lang, Learner, Outcome, PlanOptions,
    ProgressOptions, RecommendOptions,
};
use parcours_report::graph::{self, GraphFormat, LearnerView};
use serde::Serialize;
use serde_json::{Map, Value};

/// Largest options object accepted, in bytes: options are a handful of numbers.
const MAX_OPTIONS: usize = 64 * 1024;

/// Why a call gives no result.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The caller used the API wrongly (an unknown language, an option of the
    /// wrong type, a module that does not exist): a programming error to fix.
    Misuse(String),
    /// A document was refused (a learner record that does not read, a record of
    /// another curriculum): its diagnostics say where and how to fix it. A
    /// learner record is personal data: no diagnostic shows a value of it.
    Refused {
        /// One sentence for the error's message.
        message: String,
        /// The diagnostics as JSON text (`[{code, severity, pointer, …}]`).
        diagnostics: String,
    },
}

/// The two languages, from the code a page gives.
pub fn lang(code: &str) -> Result<Lang, Refusal> {
    match code {
        "fr" | "" => Ok(Lang::Fr),
        "en" => Ok(Lang::En),
        _ => Err(Refusal::Misuse(
            "langue inconnue : écrivez \"fr\" ou \"en\" / unknown language: write \"fr\" or \"en\""
                .into(),
        )),
    }
}

/// A French or English message, by `lang`.
fn say(lang: Lang, fr: String, en: String) -> String {
    match lang {
        Lang::En => en,
        _ => fr,
    }
}

/// Diagnostics as JSON text, in `lang`.
pub fn diagnostics_json(list: &[Diagnostic], lang: Lang) -> String {
    let out: Vec<DiagnosticOutput> = list.iter().map(|d| d.to_output(lang)).collect();
    serde_json::to_string(&out).unwrap_or_else(|_| "[]".into())
}

/// A refusal saying what was refused (`what_fr` agrees in gender: « demande
/// refusée »), with the first problem in words.
fn refused(what_fr: &str, what_en: &str, list: &[Diagnostic], lang: Lang) -> Refusal {
    let first = list
        .iter()
        .find(|d| d.severity() == parcours::Severity::Error)
        .or(list.first());
    let detail = first.map_or_else(String::new, |d| {
        let place = if d.pointer.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.pointer)
        };
        format!(" : {}{place} — {}", d.message(lang), d.hint(lang))
    });
    let count = list.len();
    let message = say(
        lang,
        format!("{what_fr}{detail} [{count} problème(s), voir `diagnostics`]"),
        format!(
            "{what_en} refused{} [{count} problem(s), see `diagnostics`]",
            detail.replacen(" : ", ": ", 1)
        ),
    );
    Refusal::Refused {
        message,
        diagnostics: diagnostics_json(list, lang),
    }
}

/// The outcome's value, or its diagnostics as a refusal.
fn value<T>(outcome: Outcome<T>, lang: Lang) -> Result<T, Refusal> {
    match outcome.value {
        Some(v) if !outcome.has_errors() => Ok(v),
        _ => Err(refused(
            "demande refusée",
            "request",
            &outcome.diagnostics,
            lang,
        )),
    }
}

/// A curriculum that loaded, or why not: a bad curriculum is an expected outcome
/// for a designer's page, so it is a value, not an error.
pub struct Loaded {
    /// The compiled curriculum, when it has no error.
    pub curriculum: Option<Compiled>,
    /// Every problem found (warnings too when it loaded).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, checks and compiles a curriculum.
pub fn load(text: &str) -> Loaded {
    // Every diagnostic with its line and column: a designer's page shows them
    // beside the text, warnings included.
    let outcome = parcours::load(text.as_bytes());
    let ok = !outcome.has_errors();
    Loaded {
        curriculum: outcome.value.filter(|_| ok),
        diagnostics: outcome.diagnostics,
    }
}

/// Reads a learner record against `curriculum`.
pub fn learner(curriculum: &Compiled, record: &str, lang: Lang) -> Result<Learner, Refusal> {
    let outcome = parcours::load_learner(curriculum, record.as_bytes());
    match outcome.value {
        Some(l) if !outcome.has_errors() => Ok(l),
        _ => Err(refused(
            "dossier de l'apprenant refusé",
            "learner record",
            &outcome.diagnostics,
            lang,
        )),
    }
}

/// The options object a call was given (JSON text; empty means none), with
/// only the `allowed` keys.
fn options(text: &str, allowed: &[&str], lang: Lang) -> Result<Map<String, Value>, Refusal> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    if text.len() > MAX_OPTIONS {
        return Err(Refusal::Misuse(say(
            lang,
            format!("options : plus de {MAX_OPTIONS} octets ; les options sont quelques nombres"),
            format!("options: over {MAX_OPTIONS} bytes; options are a few numbers"),
        )));
    }
    let list = allowed.join(", ");
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => {
            if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
                let key: String = key.chars().take(40).collect();
                return Err(Refusal::Misuse(say(
                    lang,
                    format!("options : « {key} » n'existe pas ; options possibles : {list}"),
                    format!("options: \"{key}\" does not exist; possible options: {list}"),
                )));
            }
            Ok(map)
        }
        _ => Err(Refusal::Misuse(say(
            lang,
            format!("options : un objet est attendu ({{}} ou {{{list}}})"),
            format!("options: an object is expected ({{}} or {{{list}}})"),
        ))),
    }
}

/// A positive number option (`null` or absent: none).
fn positive(map: &Map<String, Value>, key: &str, lang: Lang) -> Result<Option<f64>, Refusal> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.is_finite() && x > 0.0 => Ok(Some(x)),
            _ => Err(not_positive(key, lang)),
        },
        Some(_) => Err(not_positive(key, lang)),
    }
}

fn not_positive(key: &str, lang: Lang) -> Refusal {
    Refusal::Misuse(say(
        lang,
        format!("options : « {key} » doit être un nombre plus grand que 0"),
        format!("options: \"{key}\" must be a number greater than 0"),
    ))
}

/// A whole-number option of at least 1.
fn whole(map: &Map<String, Value>, key: &str, lang: Lang) -> Result<Option<u64>, Refusal> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > 0) => Ok(n.as_u64()),
        Some(_) => Err(Refusal::Misuse(say(
            lang,
            format!("options : « {key} » doit être un nombre entier, au moins 1"),
            format!("options: \"{key}\" must be a whole number, at least 1"),
        ))),
    }
}

/// A date option, `AAAA-MM-JJ`.
fn date(map: &Map<String, Value>, key: &str, lang: Lang) -> Result<Option<Date>, Refusal> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => match s.parse::<Date>() {
            Ok(d) => Ok(Some(d)),
            Err(_) => Err(not_a_date(key, lang)),
        },
        Some(_) => Err(not_a_date(key, lang)),
    }
}

fn not_a_date(key: &str, lang: Lang) -> Refusal {
    Refusal::Misuse(say(
        lang,
        format!("options : « {key} » doit être une date AAAA-MM-JJ (par exemple 2026-03-02)"),
        format!("options: \"{key}\" must be a date YYYY-MM-DD (for example 2026-03-02)"),
    ))
}

fn recommend_options(text: &str, lang: Lang) -> Result<RecommendOptions, Refusal> {
    let map = options(text, &["top"], lang)?;
    let mut options = RecommendOptions::default();
    if let Some(top) = whole(&map, "top", lang)? {
        options.top = usize::try_from(top).unwrap_or(usize::MAX);
    }
    Ok(options)
}

fn plan_options(text: &str, lang: Lang) -> Result<PlanOptions, Refusal> {
    let map = options(text, &["hoursPerWeek", "nodeBudget"], lang)?;
    Ok(PlanOptions {
        hours_per_week: positive(&map, "hoursPerWeek", lang)?,
        node_budget: whole(&map, "nodeBudget", lang)?,
    })
}

fn progress_options(text: &str, lang: Lang) -> Result<ProgressOptions, Refusal> {
    let map = options(text, &["since"], lang)?;
    Ok(ProgressOptions {
        since: date(&map, "since", lang)?,
    })
}

/// Where the learner stands (`parcours status --format json`).
pub fn status(c: &Compiled, record: &str, lang: Lang) -> Result<String, Refusal> {
    let l = learner(c, record, lang)?;
    Ok(json_text(&value(parcours::status(c, &l), lang)?))
}

/// The individual record (`parcours progress --format json`).
pub fn progress(c: &Compiled, record: &str, options: &str, lang: Lang) -> Result<String, Refusal> {
    let o = progress_options(options, lang)?;
    let l = learner(c, record, lang)?;
    Ok(json_text(&value(parcours::progress(c, &l, &o), lang)?))
}

/// The individual record as a self-contained HTML page (`progress --format html`).
pub fn record_html(
    c: &Compiled,
    record: &str,
    options: &str,
    lang: Lang,
) -> Result<String, Refusal> {
    let o = progress_options(options, lang)?;
    let l = learner(c, record, lang)?;
    let p = value(parcours::progress(c, &l, &o), lang)?;
    Ok(parcours_report::record::html(&p, c, lang))
}

/// The next modules (`parcours recommend --format json`).
pub fn recommend(c: &Compiled, record: &str, options: &str, lang: Lang) -> Result<String, Refusal> {
    let o = recommend_options(options, lang)?;
    let l = learner(c, record, lang)?;
    Ok(json_text(&value(parcours::recommend(c, &l, &o), lang)?))
}

/// Why a module is not (first) recommended (`recommend --why ID --format json`).
pub fn why_not(
    c: &Compiled,
    record: &str,
    module: &str,
    options: &str,
    lang: Lang,
) -> Result<String, Refusal> {
    let o = recommend_options(options, lang)?;
    let l = learner(c, record, lang)?;
    Ok(json_text(&value(
        parcours::why_not(c, &l, module, &o),
        lang,
    )?))
}

/// The shortest individual path (`parcours plan --format json`).
pub fn plan(c: &Compiled, record: &str, options: &str, lang: Lang) -> Result<String, Refusal> {
    let o = plan_options(options, lang)?;
    let l = learner(c, record, lang)?;
    Ok(json_text(&value(parcours::plan(c, &l, &o), lang)?))
}

/// The curriculum drawn as a self-contained SVG (`parcours graph --format svg`),
/// for one learner when a record is given (`--learner`): modules coloured by
/// state and the plan's steps numbered.
pub fn graph_svg(c: &Compiled, record: Option<&str>, lang: Lang) -> Result<String, Refusal> {
    let Some(record) = record else {
        return Ok(graph::graph(c, GraphFormat::Svg, lang));
    };
    let l = learner(c, record, lang)?;
    let status = value(parcours::status(c, &l), lang)?;
    let plan = value(parcours::plan(c, &l, &PlanOptions::default()), lang)?;
    let view = LearnerView {
        status: &status,
        plan: Some(&plan),
    };
    Ok(graph::learner_graph(c, GraphFormat::Svg, lang, &view))
}

/// One respondent's answers as entry positioning: `{recordText, summary}`, where
/// `recordText` is the new record as it is to be stored (the input is never
/// changed). `answers` are the bytes of the answer file (CSV or JSON).
pub fn position(
    c: &Compiled,
    instrument: &str,
    answers: &[u8],
    respondent: &str,
    record: &str,
    options: &str,
    lang: Lang,
) -> Result<String, Refusal> {
    let map = self::options(options, &["date"], lang)?;
    let date = date(&map, "date", lang)?;
    // The instrument's citations of other curricula cannot be checked here (a
    // page holds one curriculum); `position` checks this one is cited.
    let ins = parcours::load_instrument(instrument.as_bytes(), None);
    let ins = match ins.value {
        Some(i) if !ins.has_errors() => i,
        _ => {
            return Err(refused(
                "instrument refusé",
                "instrument",
                &ins.diagnostics,
                lang,
            ))
        }
    };
    let (table, _) = parcours::read_answers(&ins, answers, &parcours::ReadOptions::default());
    let table = match table.value {
        Some(t) if !table.has_errors() => t,
        _ => {
            return Err(refused(
                "réponses refusées",
                "answers",
                &table.diagnostics,
                lang,
            ))
        }
    };
    let options = parcours::PositionOptions { date };
    let done = value(
        parcours::position(&ins, &table, respondent, record.as_bytes(), c, &options),
        lang,
    )?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        record_text: &'a str,
        summary: &'a parcours::positioning::PositionSummary,
    }
    Ok(json_text(&Out {
        record_text: &done.text,
        summary: &done.summary,
    }))
}

#[cfg(test)]
mod tests;

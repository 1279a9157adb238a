//! The action plan, as French spreadsheets open it, and its columns: every column
//! in the spreadsheet, the ones a page has room for in both versions of the
//! committee's report.

use parcours::positioning::analysis::Analysis;
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::team::{ActionKind, ActionRow, TeamPlan};
use parcours::Lang;

use crate::format::{csv_field, number};
use crate::words::{college_label, item_text, theme_title};

/// The spreadsheet's columns.
pub fn headers(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Fr => [
            "Type",
            "Thème",
            "Item(s)",
            "Collèges concernés",
            "Objectif",
            "Action proposée",
            "Effectif",
            "Heures stagiaires",
            "Responsable",
            "Échéance",
            "Indicateur de suivi",
            "Statut",
        ],
        Lang::En => [
            "Type",
            "Theme",
            "Item(s)",
            "Colleges concerned",
            "Objective",
            "Proposed action",
            "Headcount",
            "Trainee-hours",
            "Owner",
            "Deadline",
            "Follow-up indicator",
            "Status",
        ],
    }
}

/// The kind of a row, in words.
pub fn kind(k: ActionKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ActionKind::Priority, Lang::Fr) => "Priorité",
        (ActionKind::Priority, Lang::En) => "Priority",
        (ActionKind::Dialogue, Lang::Fr) => "Sujet de dialogue",
        (ActionKind::Dialogue, Lang::En) => "Subject for dialogue",
        (ActionKind::Strength, Lang::Fr) => "Point fort à consolider",
        (ActionKind::Strength, Lang::En) => "Strength to consolidate",
        // A kind this version of the report does not name yet.
        (_, Lang::Fr) => "Autre",
        (_, Lang::En) => "Other",
    }
}

/// The kind of a row as a stable word, for a page's `data-kind`.
pub fn kind_id(k: ActionKind) -> &'static str {
    match k {
        ActionKind::Priority => "priority",
        ActionKind::Dialogue => "dialogue",
        ActionKind::Strength => "strength",
        _ => "other",
    }
}

/// One row's cells, under [`headers`]: labels, never ids.
pub fn cells(
    action: &ActionRow,
    analysis: &Analysis,
    instr: &CheckedInstrument,
    lang: Lang,
) -> [String; 12] {
    let colleges = action
        .colleges
        .iter()
        .map(|id| college_label(analysis, id, lang).unwrap_or_else(|| id.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let items = action
        .items
        .iter()
        .map(|id| item_text(instr, id, lang))
        .collect::<Vec<_>>()
        .join(" / ");
    [
        kind(action.kind, lang).to_string(),
        theme_title(instr, &action.theme, lang),
        items,
        colleges,
        action.objective.get(lang).to_string(),
        action.action.get(lang).to_string(),
        action.headcount.map_or_else(String::new, |n| n.to_string()),
        action
            .trainee_hours
            .map_or_else(String::new, |t| number(t, 2, lang)),
        action.owner.clone(),
        action.deadline.clone(),
        action.indicator.get(lang).to_string(),
        action.status.get(lang).to_string(),
    ]
}

/// The columns both reports show, out of [`headers`] (the page has no room for
/// twelve): type (with the item it is about), objective, action, colleges,
/// owner, deadline, indicator, status.
pub const SHOWN: [usize; 8] = [0, 4, 5, 3, 8, 9, 10, 11];

/// The headers both reports show ([`SHOWN`], the first one naming the item too).
pub fn shown_headers(lang: Lang) -> [&'static str; 8] {
    let all = headers(lang);
    let mut out = SHOWN.map(|k| all[k]);
    out[0] = match lang {
        Lang::Fr => "Type et item",
        Lang::En => "Type and item",
    };
    out
}

/// One row's cells as both reports show them: a generic objective (« Comprendre
/// pourquoi les avis diffèrent ») means nothing without its item, so the first
/// cell gives the type and the item.
pub fn shown_cells(
    action: &ActionRow,
    analysis: &Analysis,
    instr: &CheckedInstrument,
    lang: Lang,
) -> [String; 8] {
    let all = cells(action, analysis, instr, lang);
    let mut out = SHOWN.map(|k| all[k].clone());
    out[0] = match lang {
        Lang::Fr => format!("{} : « {} »", all[0], all[2]),
        Lang::En => format!("{}: \"{}\"", all[0], all[2]),
    };
    out
}

/// The action plan as French spreadsheets open it: UTF-8 with a byte order
/// mark, `;` between fields, CRLF line ends, French (or English) headers.
pub fn csv(team: &TeamPlan, analysis: &Analysis, instr: &CheckedInstrument, lang: Lang) -> String {
    let headers = headers(lang);
    let mut out = String::from("\u{feff}");
    out.push_str(&headers.join(";"));
    out.push_str("\r\n");
    for row in &team.actions {
        let fields = cells(row, analysis, instr, lang).map(|c| csv_field(&c));
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

//! The action plan, as French spreadsheets open it, and its column headers (the same
//! in the spreadsheet and in both versions of the committee's report).

use parcours::positioning::team::{ActionRow, TeamPlan};
use parcours::Lang;

use crate::format::csv_field;

/// The action plan's columns, the same in the spreadsheet and both reports.
pub fn headers(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Fr => [
            "Objectif",
            "Action",
            "Responsable",
            "Échéance",
            "Indicateur",
        ],
        Lang::En => ["Objective", "Action", "Owner", "Deadline", "Indicator"],
    }
}

/// One action's cells, under [`headers`], the same in the spreadsheet and both
/// reports.
pub fn cells(action: &ActionRow, lang: Lang) -> [&str; 5] {
    [
        action.objective.get(lang),
        action.action.get(lang),
        &action.owner,
        &action.deadline,
        &action.indicator,
    ]
}

/// The action plan as French spreadsheets open it: UTF-8 with a byte order
/// mark, `;` between fields, CRLF line ends, French (or English) headers.
pub fn csv(team: &TeamPlan, lang: Lang) -> String {
    let headers = headers(lang);
    let mut out = String::from("\u{feff}");
    out.push_str(&headers.join(";"));
    out.push_str("\r\n");
    for row in &team.actions {
        let fields = cells(row, lang).map(csv_field);
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

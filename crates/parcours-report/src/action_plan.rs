//! The action plan, as French spreadsheets open it, and its column headers (the same
//! in the spreadsheet and in both versions of the committee's report).

use parcours::positioning::team::TeamPlan;
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

/// The action plan as French spreadsheets open it: UTF-8 with a byte order
/// mark, `;` between fields, CRLF line ends, French (or English) headers.
pub fn csv(team: &TeamPlan, lang: Lang) -> String {
    let headers = headers(lang);
    let mut out = String::from("\u{feff}");
    out.push_str(&headers.join(";"));
    out.push_str("\r\n");
    for row in &team.actions {
        let cells = [
            csv_field(row.objective.get(lang)),
            csv_field(row.action.get(lang)),
            csv_field(&row.owner),
            csv_field(&row.deadline),
            csv_field(&row.indicator),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

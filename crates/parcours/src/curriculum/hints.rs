//! What a designer meant by a value of the wrong type, said in the hint.
//!
//! The structural check knows the schema, not the curriculum: it can say "a number
//! is expected" but not that `"3h30"` is 3.5 hours or that `"maitrise"` is rank 2
//! of the competency's scale. This module reads the document around the value (the
//! competency a level belongs to, its scale) to put the value meant in the hint.

use crate::read::diagnostic::{Code, Diagnostic};
use crate::read::french;
use crate::read::json::{Node, Spanned};

/// Number fields of a curriculum, and whether each takes whole numbers only.
const NUMBER_FIELDS: &[(&str, bool)] = &[
    ("durationHours", false),
    ("minHours", false),
    ("minOptionalHours", false),
    ("minScore", false),
    ("min", false),
    ("w", false),
    ("level", true),
    ("k", true),
    ("minModules", true),
    ("minOptionalModules", true),
    ("validityMonths", true),
    ("n", true),
    ("m", true),
];

/// `d` with a hint that names the value meant, when it can be told.
pub(crate) fn explain(d: Diagnostic, root: &Spanned) -> Diagnostic {
    if d.code != Code::Type {
        return d;
    }
    let pointer = d.pointer.clone();
    let Some((holder, field)) = pointer.rsplit_once('/') else {
        return d;
    };
    let Some(Node::String(found)) = root.locate(&d.pointer).map(|(v, _)| &v.node) else {
        return d;
    };
    let Some(&(_, whole)) = NUMBER_FIELDS.iter().find(|(name, _)| *name == field) else {
        return d;
    };
    let hours = field.ends_with("Hours");
    if let Some(n) = french::number_in_text(found, hours) {
        if whole && n.fract() != 0.0 {
            return d;
        }
        let n = french::decimal_hours(n);
        let plain = french::number_in_text(found, false).is_some();
        return if hours && !plain {
            d.relocal(
                "advice",
                format!("écrivez {n}, sans guillemets : une durée s'écrit en heures décimales (`{found}` = {n})"),
                format!("write {n}, without quotes: a duration is written in decimal hours (`{found}` = {n})"),
            )
        } else if found.contains(',') {
            d.relocal(
                "advice",
                format!("écrivez {n}, sans guillemets, avec un point décimal"),
                format!("write {n}, without quotes, with a decimal point"),
            )
        } else {
            d.relocal(
                "advice",
                format!("écrivez {n}, sans guillemets"),
                format!("write {n}, without quotes"),
            )
        };
    }
    if field == "level" {
        return level_by_name(d, root, holder, found);
    }
    d
}

fn text(node: &Spanned) -> Option<&str> {
    match &node.node {
        Node::String(s) => Some(s),
        _ => None,
    }
}

fn items(node: &Spanned) -> &[Spanned] {
    match &node.node {
        Node::Array(items) => items,
        _ => &[],
    }
}

/// A level written by its id or label: its rank on the scale of the competency it
/// is given for (a `teaches` entry, a `competency` requirement).
fn level_by_name(d: Diagnostic, root: &Spanned, holder: &str, found: &str) -> Diagnostic {
    let Some(competency) = root
        .locate(holder)
        .and_then(|(h, _)| h.get("competency"))
        .and_then(|m| text(&m.value))
    else {
        return d;
    };
    let Some(framework) = root.get("framework").map(|m| &m.value) else {
        return d;
    };
    let scales = framework.get("scales").map_or(&[][..], |m| items(&m.value));
    let declared = framework
        .get("competencies")
        .map_or(&[][..], |m| items(&m.value))
        .iter()
        .find(|c| c.get("id").and_then(|m| text(&m.value)) == Some(competency));
    let scale_id = declared
        .and_then(|c| c.get("scale"))
        .and_then(|m| text(&m.value))
        .or_else(|| framework.get("defaultScale").and_then(|m| text(&m.value)))
        .or_else(|| match scales {
            [only] => only.get("id").and_then(|m| text(&m.value)),
            _ => None,
        });
    let Some(scale_id) = scale_id else {
        return d;
    };
    let Some(scale) = scales
        .iter()
        .find(|s| s.get("id").and_then(|m| text(&m.value)) == Some(scale_id))
    else {
        return d;
    };
    let levels = scale.get("levels").map_or(&[][..], |m| items(&m.value));
    let wanted = french::plain_id(found.trim());
    let names = |level: &Spanned| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        if let Some(id) = level.get("id").and_then(|m| text(&m.value)) {
            names.push(id.to_string());
        }
        if let Some(label) = level.get("label") {
            for lang in ["fr", "en"] {
                if let Some(l) = label.value.get(lang).and_then(|m| text(&m.value)) {
                    names.push(l.to_string());
                }
            }
        }
        names
    };
    let rank = levels
        .iter()
        .position(|l| names(l).iter().any(|n| french::plain_id(n) == wanted));
    match rank {
        Some(rank) => d.relocal(
            "advice",
            format!("`{found}` est le niveau de rang {rank} de l'échelle `{scale_id}` : écrivez {rank} (un niveau s'écrit par son rang, 0 pour le premier)"),
            format!("`{found}` is the level of rank {rank} on scale `{scale_id}`: write {rank} (a level is written by its rank, 0 for the first)"),
        ),
        None if !levels.is_empty() => {
            let ranks: Vec<String> = levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let id = l.get("id").and_then(|m| text(&m.value)).unwrap_or("…");
                    format!("{i} = {id}")
                })
                .collect();
            let ranks = ranks.join(", ");
            d.relocal(
                "advice",
                format!("un niveau s'écrit par son rang sur l'échelle `{scale_id}` : {ranks}"),
                format!("a level is written by its rank on scale `{scale_id}`: {ranks}"),
            )
        }
        None => d,
    }
}

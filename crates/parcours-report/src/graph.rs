//! Drawings of a curriculum's prerequisite graph, as text: Graphviz DOT and Mermaid.
//!
//! Core modules are drawn as solid boxes, optional modules as dashed rounded boxes;
//! required prerequisites are solid arrows, recommended ones dashed; stages are
//! clusters (subgraphs) in stage order. Output depends only on the document, so
//! the same curriculum gives the same bytes.

use parcours::curriculum::compiled::{Compiled, ModuleIx};
use parcours::curriculum::model::ModuleKind;
use parcours::Lang;

use crate::format::hours;

/// The drawing formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

fn escape_dot(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn escape_mermaid(text: &str) -> String {
    text.replace('"', "#quot;")
}

/// Modules grouped by stage (stage order), then the modules without a stage.
fn by_stage(c: &Compiled) -> Vec<(Option<usize>, Vec<ModuleIx>)> {
    let stages = c.document().stages.len();
    let mut groups: Vec<(Option<usize>, Vec<ModuleIx>)> =
        (0..stages).map(|s| (Some(s), Vec::new())).collect();
    let mut loose = Vec::new();
    for (ix, m) in c.module_ixs() {
        match m.stage {
            Some(s) => groups[s.index()].1.push(ix),
            None => loose.push(ix),
        }
    }
    groups.push((None, loose));
    groups
}

/// Edges `(prerequisite, module, required)`, in module then expression order.
fn edges(c: &Compiled) -> Vec<(ModuleIx, ModuleIx, bool)> {
    let mut out = Vec::new();
    for (ix, m) in c.module_ixs() {
        for (cond, required) in [(&m.requires, true), (&m.recommends, false)] {
            if let Some(cond) = cond {
                let mut prereqs = Vec::new();
                cond.modules(&mut prereqs);
                prereqs.dedup();
                for p in prereqs {
                    let edge = (p, ix, required);
                    if !out.contains(&edge) {
                        out.push(edge);
                    }
                }
            }
        }
    }
    out
}

/// Draws the curriculum in `format`, with titles in `lang`.
pub fn graph(c: &Compiled, format: GraphFormat, lang: Lang) -> String {
    match format {
        GraphFormat::Dot => dot(c, lang),
        GraphFormat::Mermaid => mermaid(c, lang),
    }
}

fn module_label(c: &Compiled, ix: ModuleIx, lang: Lang) -> String {
    let m = &c.document().modules[ix.index()];
    format!(
        "{}\n{}",
        m.title.get(lang),
        hours(f64::from(c.module(ix).minutes) / 60.0, lang)
    )
}

fn dot(c: &Compiled, lang: Lang) -> String {
    let doc = c.document();
    let mut out = String::new();
    out.push_str(&format!("digraph \"{}\" {{\n", escape_dot(&doc.id)));
    out.push_str("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    out.push_str(&format!(
        "  label=\"{}\";\n  labelloc=t;\n",
        escape_dot(doc.title.get(lang))
    ));
    for (stage, modules) in by_stage(c) {
        let indent = if stage.is_some() { "    " } else { "  " };
        if let Some(s) = stage {
            let title = doc.stages[s].title.get(lang);
            out.push_str(&format!(
                "  subgraph \"cluster_{}\" {{\n    label=\"{}. {}\";\n    style=rounded;\n",
                escape_dot(&doc.stages[s].id),
                s + 1,
                escape_dot(title)
            ));
        }
        for ix in modules {
            let m = c.module(ix);
            let style = match m.kind {
                ModuleKind::Core => "style=\"filled\", fillcolor=\"#dbe9f6\"",
                ModuleKind::Optional => "style=\"dashed,rounded\"",
            };
            out.push_str(&format!(
                "{indent}\"{}\" [label=\"{}\", {style}];\n",
                escape_dot(&m.id),
                escape_dot(&module_label(c, ix, lang)).replace('\n', "\\n")
            ));
        }
        if stage.is_some() {
            out.push_str("  }\n");
        }
    }
    for (p, m, required) in edges(c) {
        let style = if required { "" } else { " [style=dashed]" };
        out.push_str(&format!(
            "  \"{}\" -> \"{}\"{style};\n",
            escape_dot(&c.module(p).id),
            escape_dot(&c.module(m).id)
        ));
    }
    out.push_str("}\n");
    out
}

fn mermaid(c: &Compiled, lang: Lang) -> String {
    let doc = c.document();
    let mut out = String::from("flowchart LR\n");
    // Mermaid node ids must be simple; module ids may hold `.` or `-`, so use indices.
    let node = |ix: ModuleIx| format!("m{}", ix.index());
    for (stage, modules) in by_stage(c) {
        let indent = if stage.is_some() { "    " } else { "  " };
        if let Some(s) = stage {
            out.push_str(&format!(
                "  subgraph s{s}[\"{}. {}\"]\n",
                s + 1,
                escape_mermaid(doc.stages[s].title.get(lang))
            ));
        }
        for ix in modules {
            let label = escape_mermaid(&module_label(c, ix, lang)).replace('\n', "<br/>");
            let shape = match c.module(ix).kind {
                ModuleKind::Core => format!("[\"{label}\"]"),
                ModuleKind::Optional => format!("(\"{label}\")"),
            };
            out.push_str(&format!("{indent}{}{shape}\n", node(ix)));
        }
        if stage.is_some() {
            out.push_str("  end\n");
        }
    }
    for (p, m, required) in edges(c) {
        let arrow = if required { "-->" } else { "-.->" };
        out.push_str(&format!("  {} {arrow} {}\n", node(p), node(m)));
    }
    let core: Vec<String> = (0..c.modules().len())
        .filter(|&i| c.modules()[i].kind == ModuleKind::Core)
        .map(|i| format!("m{i}"))
        .collect();
    let optional: Vec<String> = (0..c.modules().len())
        .filter(|&i| c.modules()[i].kind == ModuleKind::Optional)
        .map(|i| format!("m{i}"))
        .collect();
    out.push_str("  classDef core fill:#dbe9f6,stroke:#1f4e79,stroke-width:2px\n");
    out.push_str("  classDef optional fill:#ffffff,stroke:#7f7f7f,stroke-dasharray:5 5\n");
    if !core.is_empty() {
        out.push_str(&format!("  class {} core\n", core.join(",")));
    }
    if !optional.is_empty() {
        out.push_str(&format!("  class {} optional\n", optional.join(",")));
    }
    out
}

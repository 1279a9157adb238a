//! Graphviz DOT: stages as clusters, left to right, and a legend cluster.

use std::fmt::Write;

use parcours::curriculum::model::ModuleKind;
use parcours::Lang;

use super::model::{colour, state_key, text_label, words, Drawing, Node, Shape};
use crate::words::module_state;

/// A DOT string's content: quotes and backslashes escaped, line breaks as `\n`
/// (the one escaper of this format).
fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// A node's attributes, without its name.
fn attributes(node: &Node, lang: Lang) -> String {
    let label = text_label(node, lang);
    let fill = colour::fill(node);
    let line = colour::line(node.shape);
    let look = match node.shape {
        Shape::Module(ModuleKind::Core) => "style=\"filled\", penwidth=2".to_string(),
        Shape::Module(_) => "style=\"dashed,rounded,filled\"".to_string(),
        Shape::Junction { required } => format!(
            "shape=box, style=\"{}\", fontsize=10",
            if required {
                "rounded,filled"
            } else {
                "rounded,dashed,filled"
            }
        ),
        Shape::Competency => "shape=ellipse, style=\"filled\"".to_string(),
    };
    format!(
        "label={}, {look}, fillcolor=\"{fill}\", color=\"{line}\"",
        quoted(&label)
    )
}

/// An arrow's attributes (empty for a plain required arrow).
fn arrow(required: bool, label: Option<&str>) -> String {
    let mut parts = Vec::new();
    if !required {
        parts.push(format!("style=dashed, color=\"{}\"", colour::RECOMMENDED));
    }
    if let Some(l) = label {
        parts.push(format!("label={}", quoted(l)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" [{}]", parts.join(", "))
    }
}

pub(super) fn dot(d: &Drawing, lang: Lang) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "digraph {} {{", quoted(&d.id));
    out.push_str("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let _ = writeln!(out, "  label={};\n  labelloc=t;", quoted(&d.title));
    for (b, band) in d.bands.iter().enumerate() {
        let indent = if band.title.is_some() { "    " } else { "  " };
        if let Some(title) = &band.title {
            let _ = writeln!(
                out,
                "  subgraph \"cluster_stage_{}\" {{\n    label={};\n    style=rounded;",
                b + 1,
                quoted(title)
            );
        }
        for (_, node) in d.band_nodes(b) {
            let _ = writeln!(
                out,
                "{indent}{} [{}];",
                quoted(&node.key),
                attributes(node, lang)
            );
        }
        if band.title.is_some() {
            out.push_str("  }\n");
        }
    }
    for e in &d.edges {
        let _ = writeln!(
            out,
            "  {} -> {}{};",
            quoted(&d.nodes[e.from].key),
            quoted(&d.nodes[e.to].key),
            arrow(e.required, e.label.as_deref())
        );
    }
    legend(d, lang, &mut out);
    out.push_str("}\n");
    out
}

/// The legend: one sample of each node and arrow, and the learner's states.
/// Its nodes are named `legend:…`, which no curriculum id can be.
fn legend(d: &Drawing, lang: Lang, out: &mut String) {
    let w = words(lang);
    let _ = writeln!(
        out,
        "  subgraph \"cluster_legend\" {{\n    label={};\n    style=rounded;\n    fontsize=10;\n    node [fontsize=10];",
        quoted(w.legend)
    );
    let sample = Node::sample;
    let nodes = [
        (
            "legend:core",
            sample(w.core, Shape::Module(ModuleKind::Core)),
        ),
        (
            "legend:optional",
            sample(w.optional, Shape::Module(ModuleKind::Optional)),
        ),
        ("legend:competency", sample(w.competency, Shape::Competency)),
        (
            "legend:junction",
            Node {
                detail: Some(w.junction.to_string()),
                ..sample(w.junction_example, Shape::Junction { required: true })
            },
        ),
    ];
    for (key, node) in &nodes {
        let _ = writeln!(out, "    {} [{}];", quoted(key), attributes(node, lang));
    }
    // Arrows between invisible points, each with what it means.
    let arrows = [
        (true, w.required),
        (false, w.recommended),
        (true, w.score),
        (true, w.level),
    ];
    for (i, (required, text)) in arrows.iter().enumerate() {
        let _ = writeln!(
            out,
            "    \"legend:from:{i}\" [shape=point, width=0.05];\n    \"legend:to:{i}\" [shape=point, width=0.05];\n    \"legend:from:{i}\" -> \"legend:to:{i}\"{};",
            arrow(*required, Some(text))
        );
    }
    if d.learner {
        for state in d.states() {
            let node = Node {
                state: Some(state),
                ..sample(module_state(state, lang).1, Shape::Module(ModuleKind::Core))
            };
            let _ = writeln!(
                out,
                "    \"legend:state:{}\" [{}];",
                state_key(state),
                attributes(&node, lang)
            );
        }
        let _ = writeln!(
            out,
            "    \"legend:step\" [label={}, shape=plaintext];",
            quoted(&format!("{}{}{}", w.step_example, w.colon, w.step))
        );
    }
    out.push_str("  }\n");
}

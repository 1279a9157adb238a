//! Mermaid flowchart: stages as subgraphs, left to right, and a legend subgraph.

use std::fmt::Write;

use parcours::curriculum::model::ModuleKind;
use parcours::Lang;

use super::model::{colour, text_label, words, Drawing, Shape};
use crate::words::module_state;

/// A Mermaid label's text, quoted (the one escaper of this format). Mermaid
/// reads labels as HTML and decodes its own `#name;` entities, so `#`, `&`, `<`,
/// `>` and `"` are written as entities (`#35;` first, so that a title holding
/// `#quot;` stays as written); line breaks become `<br/>`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '"' => out.push_str("#quot;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A node's shape around its quoted label.
fn shaped(shape: Shape, label: &str) -> String {
    let label = quoted(label);
    match shape {
        Shape::Module(ModuleKind::Core) => format!("[{label}]"),
        Shape::Module(_) => format!("({label})"),
        Shape::Junction { .. } => format!("{{{{{label}}}}}"),
        Shape::Competency => format!("([{label}])"),
    }
}

/// Mermaid node ids must be simple, and module ids may hold `.` or `-`: nodes
/// are named by their place in the drawing.
fn name(i: usize) -> String {
    format!("n{i}")
}

fn arrow(required: bool, label: Option<&str>) -> String {
    let line = if required { "-->" } else { "-.->" };
    match label {
        Some(l) => format!("{line}|{}|", quoted(l)),
        None => line.to_string(),
    }
}

pub(super) fn mermaid(d: &Drawing, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::from("flowchart LR\n");
    // Writing to a String cannot fail.
    for (b, band) in d.bands.iter().enumerate() {
        let indent = if band.title.is_some() { "    " } else { "  " };
        if let Some(title) = &band.title {
            let _ = writeln!(out, "  subgraph s{b}[{}]", quoted(title));
        }
        for (i, node) in d.band_nodes(b) {
            let label = text_label(node, lang);
            let _ = writeln!(out, "{indent}{}{}", name(i), shaped(node.shape, &label));
        }
        if band.title.is_some() {
            out.push_str("  end\n");
        }
    }
    for e in &d.edges {
        let _ = writeln!(
            out,
            "  {} {} {}",
            name(e.from),
            arrow(e.required, e.label.as_deref()),
            name(e.to)
        );
    }

    // The legend: a sample of each node, and the arrows in words (Mermaid has no
    // free-standing arrow to show).
    let _ = writeln!(out, "  subgraph legend[{}]", quoted(w.legend));
    out.push_str("    direction LR\n");
    let samples = [
        (Shape::Module(ModuleKind::Core), w.core.to_string()),
        (Shape::Module(ModuleKind::Optional), w.optional.to_string()),
        (Shape::Competency, w.competency.to_string()),
        (
            Shape::Junction { required: true },
            format!("{}\n{}", w.junction_example, w.junction),
        ),
    ];
    for (i, (shape, label)) in samples.iter().enumerate() {
        let _ = writeln!(out, "    legend{i}{}", shaped(*shape, label));
    }
    let mut arrows = vec![
        format!("⟶ {}", w.required),
        format!("⇢ {}", w.recommended),
        w.score.to_string(),
        w.level.to_string(),
    ];
    if d.learner {
        arrows.push(format!("{}{}{}", w.step_example, w.colon, w.step));
    }
    let _ = writeln!(out, "    legend_arrows[{}]", quoted(&arrows.join("\n")));
    let states = if d.learner { d.states() } else { Vec::new() };
    for (i, state) in states.iter().enumerate() {
        let _ = writeln!(
            out,
            "    legend_state{i}[{}]",
            quoted(module_state(*state, lang).1)
        );
    }
    out.push_str("  end\n");

    // Looks: kinds by class, learner states by style (they win over the class).
    let _ = writeln!(
        out,
        "  classDef core fill:{},stroke:{},stroke-width:2px",
        colour::CORE,
        colour::CORE_LINE
    );
    let _ = writeln!(
        out,
        "  classDef optional fill:{},stroke:{},stroke-dasharray:5 5",
        colour::OPTIONAL,
        colour::OPTIONAL_LINE
    );
    let _ = writeln!(
        out,
        "  classDef junction fill:{},stroke:{}",
        colour::JUNCTION,
        colour::JUNCTION_LINE
    );
    let _ = writeln!(
        out,
        "  classDef competency fill:{},stroke:{}",
        colour::COMPETENCY,
        colour::COMPETENCY_LINE
    );
    out.push_str("  classDef note fill:#ffffff,stroke:#ffffff,text-align:left\n");
    let class_of = |shape: Shape| match shape {
        Shape::Module(ModuleKind::Core) => "core",
        Shape::Module(_) => "optional",
        Shape::Junction { .. } => "junction",
        Shape::Competency => "competency",
    };
    for class in ["core", "optional", "junction", "competency"] {
        let mut members: Vec<String> = d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| class_of(n.shape) == class)
            .map(|(i, _)| name(i))
            .collect();
        members.extend(
            samples
                .iter()
                .enumerate()
                .filter(|(_, (shape, _))| class_of(*shape) == class)
                .map(|(i, _)| format!("legend{i}")),
        );
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    out.push_str("  class legend_arrows note\n");
    for (i, node) in d.nodes.iter().enumerate() {
        if let Some(state) = node.state {
            let _ = writeln!(out, "  style {} fill:{}", name(i), colour::state(state));
        }
    }
    for (i, state) in states.iter().enumerate() {
        let _ = writeln!(
            out,
            "  style legend_state{i} fill:{}",
            colour::state(*state)
        );
    }
    // Recommended junctions are dashed, as recommended arrows are.
    for (i, node) in d.nodes.iter().enumerate() {
        if node.shape == (Shape::Junction { required: false }) {
            let _ = writeln!(out, "  style {} stroke-dasharray:5 5", name(i));
        }
    }
    out
}

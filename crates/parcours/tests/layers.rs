//! The core's layers, enforced: folders are layers, `read < curriculum < learner <
//! engine < positioning`, and modules at the crate's root (`lib.rs`, `schemas`)
//! stand above them all. A module may import modules of its own layer or of lower
//! ones, never of a higher one, and no two modules may depend on each other, even
//! through others (cycles are found between files).
//!
//! Every `.rs` file under `src/` is a module (`src/learner/state.rs` is
//! `learner::state`, a `mod.rs` is its folder's module, `lib.rs` the root). Its
//! dependencies are the paths it writes that start with `crate::`, `super::`,
//! `self::` or the name of a module it declares (`mod model;` then `model::F`), in
//! `use` lines (groups expanded) and in expressions alike, each resolved to the
//! deepest module file it names. Comments, doc comments, string and character
//! literals and `#[cfg(test)]` modules (tests import freely) are left out, whether
//! inline or in a file of their own (one that opens with `#![cfg(test)]`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// The layers, lowest first; a module outside every folder here (the crate root and
/// its own files) is above them all.
const LAYERS: [&str; 5] = ["read", "curriculum", "learner", "engine", "positioning"];

/// A module: its path, `""` for the crate root.
type Module = String;

/// Where a module first names another: file and 1-based line.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
}

#[test]
fn imports_point_down_the_layers_and_no_module_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = dependency_graph(&src);
    // The test must see the crate as it is: every layer, and enough imports.
    for layer in LAYERS {
        assert!(graph.modules.contains(layer), "no module `{layer}` found");
    }
    assert!(
        graph.edges.values().map(BTreeMap::len).sum::<usize>() > 100,
        "too few imports found: the scanner is broken"
    );

    let mut problems = Vec::new();
    for cycle in cycles(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| {
                let place = &graph.edges[&w[0]][&w[1]];
                format!("{} at {}:{}", name(&w[1]), place.file, place.line)
            })
            .collect();
        problems.push(format!(
            "module cycle: {}\n    ({})",
            cycle
                .iter()
                .map(|m| name(m))
                .collect::<Vec<_>>()
                .join(" -> "),
            steps.join("; ")
        ));
    }
    for (from, targets) in &graph.edges {
        for (to, place) in targets {
            if rank(to) > rank(from) {
                problems.push(format!(
                    "upward import: {} (layer {}) imports {} (layer {}) at {}:{}; \
                     the order is read < curriculum < learner < engine < positioning < crate root",
                    name(from),
                    layer_name(from),
                    name(to),
                    layer_name(to),
                    place.file,
                    place.line
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// The test's own scanner, on cases that must keep working.
#[test]
fn the_scanner_reads_use_groups_and_expressions_but_not_comments_strings_or_tests() {
    let text = r##"
//! See crate::positioning::team in a doc comment.
#[cfg(test)]
mod properties;
use crate::read::{json::{self, Node}, diagnostic::Code as C};
use super::recommend::*;
mod search;
/* crate::positioning::team in a block /* nested */ comment */
fn f<'a>(x: &'a str) -> u32 {
    let _ = "crate::learner::state in a string \" still";
    let _ = r#"crate::learner::unlock in a "raw" string"#;
    let _ = ('"', '\'', x);
    search::run(crate::curriculum::compiled::minutes(1.0), self::g)
}
#[cfg(test)]
mod tests {
    use crate::learner::record::Learner;
}
"##;
    let known: BTreeSet<Module> = [
        "",
        "read",
        "read::json",
        "read::diagnostic",
        "curriculum",
        "curriculum::compiled",
        "learner",
        "learner::state",
        "learner::unlock",
        "learner::record",
        "engine",
        "engine::recommend",
        "engine::plan",
        "engine::plan::search",
        "positioning",
        "positioning::team",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let found: Vec<(Module, usize)> = dependencies(text, "engine::plan", &known)
        .into_iter()
        .collect();
    let expected: Vec<(Module, usize)> = [
        ("curriculum::compiled", 13),
        ("engine::plan::search", 13),
        ("engine::recommend", 6),
        ("read::diagnostic", 5),
        ("read::json", 5),
    ]
    .into_iter()
    .map(|(m, line)| (m.to_string(), line))
    .collect();
    assert_eq!(found, expected);
    // A test module in a file of its own is left out whole.
    assert!(is_test_file(
        "//! Properties.
#![cfg(test)]
use crate::engine::plan;
"
    ));
    assert!(!is_test_file(text));
}

struct Graph {
    modules: BTreeSet<Module>,
    /// For each module, the modules it depends on and where it first names each.
    edges: BTreeMap<Module, BTreeMap<Module, Place>>,
}

fn dependency_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    collect_files(src, &mut files);
    files.retain(|f| !is_test_file(&std::fs::read_to_string(f).unwrap()));
    let modules: BTreeMap<Module, PathBuf> = files
        .iter()
        .map(|f| (module_of(src, f), f.clone()))
        .collect();
    let known: BTreeSet<Module> = modules.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(src.parent().unwrap()).unwrap_or(file);
        let deps = dependencies(&text, module, &known)
            .into_iter()
            .map(|(to, line)| {
                let place = Place {
                    file: shown.display().to_string(),
                    line,
                };
                (to, place)
            })
            .collect();
        edges.insert(module.clone(), deps);
    }
    Graph {
        modules: known,
        edges,
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A test module kept in a file of its own: it opens (after its comments) with
/// `#![cfg(test)]`, and is left out like an inline `#[cfg(test)]` module.
fn is_test_file(text: &str) -> bool {
    blank_comments_and_literals(text)
        .trim_start()
        .starts_with("#![cfg(test)]")
}

/// `src/learner/state.rs` → `learner::state`; `src/engine/plan/mod.rs` →
/// `engine::plan`; `src/lib.rs` → `""`.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The modules `text` (the file of `module`) depends on, each with the line that
/// first names it.
fn dependencies(text: &str, module: &str, known: &BTreeSet<Module>) -> BTreeMap<Module, usize> {
    let code = without_tests(&blank_comments_and_literals(text));
    let tokens = tokenize(&code);
    let children: BTreeSet<&str> = tokens
        .windows(3)
        .filter(|w| w[0].text == "mod" && is_ident(w[1].text) && w[2].text == ";")
        .map(|w| w[1].text)
        .collect();
    let mut paths: Vec<(Vec<&str>, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].text == "use" {
            let end = (i..tokens.len())
                .find(|&j| tokens[j].text == ";")
                .unwrap_or(tokens.len());
            let mut at = i + 1;
            for path in use_tree(&tokens[..end], &mut at, &[]) {
                paths.push((path, tokens[i].line));
            }
            i = end;
            continue;
        }
        // A path in an expression or a type: `a::b::c`, not preceded by `::`.
        let starts_path = is_ident(tokens[i].text)
            && tokens.get(i + 1).is_some_and(|t| t.text == "::")
            && (i == 0 || tokens[i - 1].text != "::");
        if starts_path {
            let mut path = vec![tokens[i].text];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t.text == "::")
                && tokens.get(j + 1).is_some_and(|t| is_ident(t.text))
            {
                path.push(tokens[j + 1].text);
                j += 2;
            }
            paths.push((path, tokens[i].line));
            i = j;
            continue;
        }
        i += 1;
    }
    let here: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let mut out: BTreeMap<Module, usize> = BTreeMap::new();
    for (path, line) in paths {
        let Some(absolute) = resolve(&path, &here, &children) else {
            continue;
        };
        // The deepest module file the path names.
        let target = (0..=absolute.len())
            .rev()
            .map(|n| absolute[..n].join("::"))
            .find(|m| known.contains(m));
        if let Some(target) = target {
            if target != module {
                out.entry(target).or_insert(line);
            }
        }
    }
    out
}

/// The path from the crate root, when `path` is one of the crate's.
fn resolve(path: &[&str], here: &[&str], children: &BTreeSet<&str>) -> Option<Vec<String>> {
    let first = *path.first()?;
    let (mut base, rest): (Vec<&str>, &[&str]) = match first {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (here.to_vec(), &path[1..]),
        "super" => {
            let mut base = here.to_vec();
            let mut rest = path;
            while rest.first() == Some(&"super") {
                base.pop()?;
                rest = &rest[1..];
            }
            (base, rest)
        }
        child if children.contains(child) => (here.to_vec(), path),
        _ => return None,
    };
    base.extend(rest.iter().copied().filter(|s| *s != "self" && *s != "*"));
    Some(base.into_iter().map(String::from).collect())
}

/// Expands a use tree at `tokens[*at]` into full paths (`self` in a group names the
/// group's module, `as` renames are dropped).
fn use_tree<'t>(tokens: &[Token<'t>], at: &mut usize, prefix: &[&'t str]) -> Vec<Vec<&'t str>> {
    let mut path = prefix.to_vec();
    let mut out = Vec::new();
    while *at < tokens.len() {
        let t = tokens[*at].text;
        match t {
            "::" => *at += 1,
            "{" => {
                *at += 1;
                while *at < tokens.len() && tokens[*at].text != "}" {
                    out.extend(use_tree(tokens, at, &path));
                    if tokens.get(*at).is_some_and(|t| t.text == ",") {
                        *at += 1;
                    }
                }
                *at += 1;
                return out;
            }
            "," | "}" => break,
            "as" => *at += 2,
            "pub" | "(" | ")" | "in" if path.is_empty() => *at += 1,
            _ => {
                path.push(t);
                *at += 1;
            }
        }
    }
    out.push(path);
    out
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    line: usize,
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Identifiers, `::`, and every other character on its own.
fn tokenize(code: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = code.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Token {
                text: &code[start..end],
                line,
            });
        } else if c == ':' && chars.peek().is_some_and(|&(_, d)| d == ':') {
            chars.next();
            out.push(Token {
                text: &code[start..start + 2],
                line,
            });
        } else if !c.is_whitespace() {
            out.push(Token {
                text: &code[start..start + c.len_utf8()],
                line,
            });
        }
    }
    out
}

/// The text with comments and the contents of string and character literals
/// replaced by spaces (line breaks kept, so lines still count).
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !ident_before && {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            chars.get(j) == Some(&'"')
        } {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            for _ in i..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < chars.len() {
                let closes =
                    chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#'));
                if closes {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&d) = chars.get(i) {
                    out.push(blank(d));
                }
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal (a lifetime has no closing quote).
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The code without its `#[cfg(test)] mod … { … }` blocks (line breaks kept).
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    let marker = "#[cfg(test)]";
    let mut from = 0;
    while let Some(found) = out[from..].find(marker) {
        let start = from + found;
        let after = &out[start + marker.len()..];
        let rest = after.trim_start();
        let is_mod = rest.starts_with("mod ") || rest.starts_with("pub mod ");
        // `#[cfg(test)] mod properties;` declares a file: nothing to blank here.
        let Some(open) = after
            .find('{')
            .filter(|&open| is_mod && !after[..open].contains(';'))
        else {
            from = start + marker.len();
            continue;
        };
        let open = start + marker.len() + open;
        let mut depth = 0;
        let mut end = out.len();
        for (i, c) in out[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        let blanked: String = out[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(start..end, &blanked);
        from = start + blanked.len();
    }
    out
}

/// One cycle through each strongly connected group of modules, shortest first from
/// its smallest module, closed (`[a, b, a]`).
fn cycles(graph: &Graph) -> Vec<Vec<Module>> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<Module> = BTreeSet::new();
    for start in &graph.modules {
        if seen.contains(start) {
            continue;
        }
        // Breadth-first back to `start`.
        let mut parent: BTreeMap<&Module, &Module> = BTreeMap::new();
        let mut queue: VecDeque<&Module> = VecDeque::from([start]);
        let mut closing: Option<&Module> = None;
        while let Some(m) = queue.pop_front() {
            for next in graph.edges.get(m).into_iter().flat_map(BTreeMap::keys) {
                if next == start {
                    closing = Some(m);
                    break;
                }
                if !parent.contains_key(next) {
                    parent.insert(next, m);
                    queue.push_back(next);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(last) = closing else {
            continue;
        };
        // `last` reaches `start`; walk its parents back to `start`.
        let mut cycle = vec![last.clone()];
        let mut m = last;
        while m != start {
            m = parent[m];
            cycle.push(m.clone());
        }
        cycle.reverse();
        cycle.push(start.clone());
        let members: BTreeSet<Module> = cycle.iter().cloned().collect();
        seen.extend(members);
        out.push(cycle);
    }
    out
}

fn rank(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or("");
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or(LAYERS.len())
}

fn layer_name(module: &str) -> &'static str {
    LAYERS.get(rank(module)).copied().unwrap_or("crate root")
}

fn name(module: &str) -> &str {
    if module.is_empty() {
        "crate (lib.rs)"
    } else {
        module
    }
}

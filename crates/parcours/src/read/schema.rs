//! The published JSON Schemas, and the structural check that uses them.
//!
//! The schemas are generated from the Rust document types by `schemars` (behind the
//! crate's `schema` feature, in `crate::schemas` when it is on), never written by
//! hand, and committed under `curricula/schema/`; a test regenerates them and fails
//! when a committed file differs. This module embeds the committed files, so it
//! knows no document type and the runtime does without schemars. The same schema
//! drives the structural check of a [`Spanned`] document: wrong types, missing and
//! unknown fields, unknown values, numbers out of range — every one reported at its
//! own pointer, in one pass, instead of serde's first error.
//!
//! The checker understands the subset of JSON Schema (draft-07) that schemars emits
//! for our types: `$ref`, `allOf`, `anyOf`, `oneOf` (enumerations of `const`
//! strings, and objects tagged by a `const` property), `type`, `properties`,
//! `required`, `additionalProperties`, `items`, `enum`, `const`, `minimum`,
//! `maximum` and the integer `format`s.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::read::diagnostic::{did_you_mean, Anchor, Code, Diagnostic};
use crate::read::french;
use crate::read::json::{escape_token, Node, Spanned};

/// The documents parcours publishes a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SchemaKind {
    /// `curriculum.schema.json`
    Curriculum,
    /// `learner.schema.json`
    Learner,
    /// `instrument.schema.json`
    Instrument,
    /// `answers.schema.json`
    Answers,
}

impl SchemaKind {
    /// Every kind, for tools that regenerate them all.
    pub const ALL: [SchemaKind; 4] = [
        SchemaKind::Curriculum,
        SchemaKind::Learner,
        SchemaKind::Instrument,
        SchemaKind::Answers,
    ];

    /// The name used on the command line (`parcours schema curriculum`).
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Curriculum => "curriculum",
            SchemaKind::Learner => "learner",
            SchemaKind::Instrument => "instrument",
            SchemaKind::Answers => "answers",
        }
    }

    /// Whether a document its Rust type accepts is valid against its schema too.
    ///
    /// The schemas are generated from the types (`schemars`), and serde enforces
    /// everything they say (types, integer ranges, required, unknown and repeated
    /// fields of a struct) except where a `schemars` attribute adds a constraint
    /// of its own (the instrument's `range(min = 1)`) or a map takes free keys
    /// (answers). Loading skips the schema walk for a document
    /// serde accepted only where this holds; `typed_acceptance_implies_schema`
    /// checks it on every fixture and fuzz corpus.
    pub(crate) fn typed_implies_schema(self) -> bool {
        match self {
            SchemaKind::Curriculum | SchemaKind::Learner => true,
            // A map (answers by question) takes a repeated key's last value in
            // serde; the schema walk reports it as `duplicate-key`.
            SchemaKind::Instrument | SchemaKind::Answers => false,
        }
    }

    /// The file name under `curricula/schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Curriculum => "curriculum.schema.json",
            SchemaKind::Learner => "learner.schema.json",
            SchemaKind::Instrument => "instrument.schema.json",
            SchemaKind::Answers => "answers.schema.json",
        }
    }

    /// The schema as a JSON value (parsed once from [`SchemaKind::text`], then
    /// shared). `Null` if the embedded text were not JSON, which the schema test
    /// rules out.
    pub fn schema(self) -> &'static Value {
        static CURRICULUM: OnceLock<Value> = OnceLock::new();
        static LEARNER: OnceLock<Value> = OnceLock::new();
        static INSTRUMENT: OnceLock<Value> = OnceLock::new();
        static ANSWERS: OnceLock<Value> = OnceLock::new();
        let cell = match self {
            SchemaKind::Curriculum => &CURRICULUM,
            SchemaKind::Learner => &LEARNER,
            SchemaKind::Instrument => &INSTRUMENT,
            SchemaKind::Answers => &ANSWERS,
        };
        cell.get_or_init(|| serde_json::from_str(self.text()).unwrap_or(Value::Null))
    }

    /// The document format version this build reads: the single source of the
    /// document modules' constants (`FORMAT_VERSION`, `LEARNER_FORMAT_VERSION`,
    /// `INSTRUMENT_FORMAT_VERSION`, `ANSWERS_FORMAT_VERSION`).
    pub const fn format_version(self) -> u32 {
        match self {
            SchemaKind::Curriculum => 1,
            SchemaKind::Learner => 1,
            SchemaKind::Instrument => 1,
            SchemaKind::Answers => 1,
        }
    }

    /// The schema as published (the committed file, embedded): pretty-printed, with
    /// a final newline.
    pub fn text(self) -> &'static str {
        match self {
            SchemaKind::Curriculum => {
                include_str!("../../../../curricula/schema/curriculum.schema.json")
            }
            SchemaKind::Learner => include_str!("../../../../curricula/schema/learner.schema.json"),
            SchemaKind::Instrument => {
                include_str!("../../../../curricula/schema/instrument.schema.json")
            }
            SchemaKind::Answers => include_str!("../../../../curricula/schema/answers.schema.json"),
        }
    }
}

/// Checks `root` against `schema`, appending one diagnostic per problem.
/// Stops once `out` holds `limit` diagnostics.
pub(crate) fn check(schema: &Value, root: &Spanned, out: &mut Vec<Diagnostic>, limit: usize) {
    let empty = Map::new();
    let defs = schema
        .get("definitions")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut walker = Walker { defs, out, limit };
    walker.check(schema, root, "");
}

struct Walker<'s, 'o> {
    /// The schema's `definitions`, which `$ref`s point into.
    defs: &'s Map<String, Value>,
    out: &'o mut Vec<Diagnostic>,
    /// Stop walking once this many diagnostics are found.
    limit: usize,
}

/// How a JSON type is named in messages.
fn type_phrase(name: &str) -> (&'static str, &'static str) {
    match name {
        "object" => ("un objet `{…}`", "an object `{…}`"),
        "array" => ("une liste `[…]`", "an array `[…]`"),
        "string" => ("un texte entre guillemets", "a string in quotes"),
        "integer" => ("un nombre entier", "a whole number"),
        "number" => ("un nombre", "a number"),
        "boolean" => ("`true` ou `false`", "`true` or `false`"),
        _ => ("`null`", "`null`"),
    }
}

fn node_type(node: &Node) -> &'static str {
    match node {
        Node::Null => "null",
        Node::Bool(_) => "boolean",
        Node::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Node::Number(_) => "number",
        Node::String(_) => "string",
        Node::Array(_) => "array",
        Node::Object(_) => "object",
    }
}

fn type_matches(expected: &str, node: &Node) -> bool {
    let actual = node_type(node);
    expected == actual || (expected == "number" && actual == "integer")
}

fn join_phrases(names: &[&str]) -> (String, String) {
    let fr: Vec<&str> = names.iter().map(|n| type_phrase(n).0).collect();
    let en: Vec<&str> = names.iter().map(|n| type_phrase(n).1).collect();
    (fr.join(" ou "), en.join(" or "))
}

fn child_pointer(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}

/// The `const` string of a schema, if it is a single-value schema.
fn const_str(schema: &Value) -> Option<&str> {
    schema.get("const").and_then(Value::as_str).or_else(|| {
        match schema
            .get("enum")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([single]) => single.as_str(),
            _ => None,
        }
    })
}

/// A `type` diagnostic: one of the string values `allowed` was expected where
/// `found` stands.
fn not_one_of(pointer: &str, allowed: &[&str], found: &Node) -> Diagnostic {
    let (found_fr, found_en) = type_phrase(node_type(found));
    let allowed = quoted_list(allowed.iter().copied());
    wrong_type(
        pointer,
        (
            format!("l'une des valeurs {allowed}"),
            format!("one of {allowed}"),
        ),
        (found_fr, found_en),
    )
}

/// A `type` diagnostic: `expected` where `found` stands. Its hint (`advice`) says to
/// put the expected kind of value there; a check that knows what was meant (hours
/// written `3h30`, a level by its name) replaces it with the value itself.
pub(crate) fn wrong_type(
    pointer: &str,
    expected: (String, String),
    found: (&str, &str),
) -> Diagnostic {
    Diagnostic::new(Code::Type, pointer)
        .local(
            "advice",
            format!("remplacez cette valeur par {}", expected.0),
            format!("replace this value with {}", expected.1),
        )
        .local("expected", expected.0, expected.1)
        .local("found", found.0, found.1)
}

fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'s> Walker<'s, '_> {
    fn deref(&self, schema: &Value) -> Option<&'s Value> {
        let reference = schema.get("$ref")?.as_str()?;
        let name = reference
            .strip_prefix("#/definitions/")
            .or_else(|| reference.strip_prefix("#/$defs/"))?;
        self.defs.get(name)
    }

    fn check(&mut self, schema: &Value, node: &Spanned, pointer: &str) {
        if self.out.len() >= self.limit {
            return;
        }
        if let Some(target) = self.deref(schema) {
            self.check(target, node, pointer);
            return;
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.check(sub, node, pointer);
            }
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            self.alternatives(any, node, pointer);
        }
        if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
            self.one_of(one, node, pointer);
        }
        if !self.check_type(schema, node, pointer) {
            return;
        }
        self.check_values(schema, node, pointer);
        match &node.node {
            Node::Object(members) => self.object(schema, node, members, pointer),
            Node::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &child_pointer(pointer, &i.to_string()));
                    }
                }
            }
            _ => {}
        }
    }

    /// Checks `type`; returns whether the value may be inspected further.
    fn check_type(&mut self, schema: &Value, node: &Spanned, pointer: &str) -> bool {
        let expected: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return true,
        };
        if expected.iter().any(|t| type_matches(t, &node.node)) {
            return true;
        }
        // `null` stands for "absent" in optional fields; say what a real value must be.
        let shown: Vec<&str> = expected.iter().copied().filter(|t| *t != "null").collect();
        let shown = if shown.is_empty() { expected } else { shown };
        let (expected_fr, expected_en) = join_phrases(&shown);
        self.out.push(wrong_type(
            pointer,
            (expected_fr, expected_en),
            type_phrase(node_type(&node.node)),
        ));
        false
    }

    fn check_values(&mut self, schema: &Value, node: &Spanned, pointer: &str) {
        if let Node::Number(n) = &node.node {
            let value = n.as_f64().unwrap_or(0.0);
            let mut low = schema.get("minimum").and_then(Value::as_f64);
            let mut high = schema.get("maximum").and_then(Value::as_f64);
            match schema.get("format").and_then(Value::as_str) {
                Some("uint32") => {
                    low = low.or(Some(0.0));
                    high = high.or(Some(f64::from(u32::MAX)));
                }
                Some("uint8") => {
                    low = low.or(Some(0.0));
                    high = high.or(Some(f64::from(u8::MAX)));
                }
                Some("uint16") => {
                    low = low.or(Some(0.0));
                    high = high.or(Some(f64::from(u16::MAX)));
                }
                Some("int32") => {
                    low = low.or(Some(f64::from(i32::MIN)));
                    high = high.or(Some(f64::from(i32::MAX)));
                }
                _ => {}
            }
            let below = low.is_some_and(|l| value < l);
            let above = high.is_some_and(|h| value > h);
            if below || above {
                let range = match (low, high) {
                    (Some(l), Some(h)) => format!("{l}–{h}"),
                    (Some(l), None) => format!("≥ {l}"),
                    (None, Some(h)) => format!("≤ {h}"),
                    (None, None) => String::new(),
                };
                self.out.push(
                    Diagnostic::new(Code::OutOfRange, pointer)
                        .input("value", n)
                        .arg("range", range),
                );
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            if let Node::String(s) = &node.node {
                if !names.contains(&s.as_str()) {
                    self.unknown_value(s, &names, pointer);
                }
            }
        }
    }

    fn unknown_value(&mut self, found: &str, allowed: &[&str], pointer: &str) {
        let d = Diagnostic::new(Code::UnknownValue, pointer)
            .input("value", found)
            .arg("allowed", quoted_list(allowed.iter().copied()));
        // A French word for one of the values (`socle`, `présentiel`): the format's
        // own word, rather than the closest spelling.
        let meant = french::enum_word(found, allowed);
        let d = if meant.is_empty() {
            d.suggesting(found, allowed.iter().copied())
        } else {
            let values = quoted_list(meant.iter().copied());
            let (or_fr, or_en) = (values.replace(", ", " ou "), values.replace(", ", " or "));
            d.local(
                "suggestion",
                format!("écrivez {or_fr} : le format emploie ses propres mots, en anglais ; "),
                format!("write {or_en}, the format's own word; "),
            )
        };
        self.out.push(d);
    }

    fn object(
        &mut self,
        schema: &Value,
        node: &Spanned,
        members: &[crate::read::json::Member],
        pointer: &str,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        // Fields an unknown key probably meant: not reported again as missing.
        let mut meant: Vec<&str> = Vec::new();
        // First and last occurrence of each key, found with one map so that an
        // object of 100,000 keys stays linear (scanning the members before and
        // after each one took minutes).
        let mut occurrences: HashMap<&str, (usize, usize)> = HashMap::with_capacity(members.len());
        for (i, member) in members.iter().enumerate() {
            occurrences
                .entry(member.key.as_str())
                .and_modify(|(_, last)| *last = i)
                .or_insert((i, i));
        }
        for (i, member) in members.iter().enumerate() {
            // Past the limit nothing more is kept: neither walked nor ranked.
            if self.out.len() >= self.limit {
                return;
            }
            let child = child_pointer(pointer, &member.key);
            let (first, last) = occurrences
                .get(member.key.as_str())
                .copied()
                .unwrap_or((i, i));
            if first < i {
                // Point at this very key: a pointer would name the last occurrence.
                let mut d =
                    Diagnostic::new(Code::DuplicateKey, child.clone()).input("key", &member.key);
                d.anchor = Anchor::Offset(member.key_span.start);
                self.out.push(d);
                continue;
            }
            if last > i {
                continue; // the last occurrence is the one that counts, and is checked
            }
            match properties.and_then(|p| p.get(&member.key)) {
                Some(property) => self.check(property, &member.value, &child),
                None if closed => {
                    let known: Vec<&str> = properties
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    let d = Diagnostic::new(Code::UnknownField, child)
                        .at_key()
                        // A key is the document's text: masked in private ones.
                        .input("field", &member.key)
                        .arg("known", quoted_list(known.iter().copied()));
                    let d = match did_you_mean(&member.key, known.iter().copied()) {
                        Some(s) => {
                            meant.push(s);
                            d.suggested(s)
                        }
                        None => d.local("suggestion", "", ""),
                    };
                    self.out.push(d);
                }
                None => {
                    if let Some(extra) =
                        schema.get("additionalProperties").filter(|v| v.is_object())
                    {
                        self.check(extra, &member.value, &child);
                    }
                }
            }
        }
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for field in required.iter().filter_map(Value::as_str) {
                if node.get(field).is_none() && !meant.contains(&field) {
                    self.out
                        .push(Diagnostic::new(Code::MissingField, pointer).arg("field", field));
                }
            }
        }
    }

    /// `anyOf`: `null` matches a nullable branch; otherwise the branch that fits best.
    fn alternatives(&mut self, branches: &[Value], node: &Spanned, pointer: &str) {
        let null_ok = |b: &Value| b.get("type").and_then(Value::as_str) == Some("null");
        if matches!(node.node, Node::Null) && branches.iter().any(null_ok) {
            return;
        }
        let candidates: Vec<&Value> = branches.iter().filter(|b| !null_ok(b)).collect();
        self.best_of(&candidates, node, pointer);
    }

    fn best_of(&mut self, branches: &[&Value], node: &Spanned, pointer: &str) {
        if let [only] = branches {
            // One branch (an optional value's): its diagnostics are the best.
            self.check(only, node, pointer);
            return;
        }
        let mut best: Option<Vec<Diagnostic>> = None;
        for branch in branches {
            let mut found = Vec::new();
            let mut walker = Walker {
                defs: self.defs,
                out: &mut found,
                limit: self.limit,
            };
            walker.check(branch, node, pointer);
            if best.as_ref().is_none_or(|b| found.len() < b.len()) {
                let done = found.is_empty();
                best = Some(found);
                if done {
                    break;
                }
            }
        }
        self.out.extend(best.unwrap_or_default());
    }

    fn one_of(&mut self, branches: &[Value], node: &Spanned, pointer: &str) {
        // An enumeration of constant strings (with a description each).
        let constants: Option<Vec<&str>> = branches.iter().map(const_str).collect();
        if let Some(names) = constants {
            match &node.node {
                Node::String(s) if names.contains(&s.as_str()) => {}
                Node::String(s) => self.unknown_value(s, &names, pointer),
                other => {
                    self.out.push(not_one_of(pointer, &names, other));
                }
            }
            return;
        }
        // Objects tagged by a constant property, such as `"type": "allOf"`.
        let resolved: Vec<&Value> = branches
            .iter()
            .map(|b| self.deref(b).unwrap_or(b))
            .collect();
        if let Some(tag) = tag_property(&resolved) {
            let tags: Vec<&str> = resolved
                .iter()
                .filter_map(|b| property(b, tag).and_then(const_str))
                .collect();
            let Node::Object(_) = &node.node else {
                let (expected_fr, expected_en) = type_phrase("object");
                self.out.push(wrong_type(
                    pointer,
                    (expected_fr.to_string(), expected_en.to_string()),
                    type_phrase(node_type(&node.node)),
                ));
                return;
            };
            let Some(member) = node.get(tag) else {
                self.out
                    .push(Diagnostic::new(Code::MissingField, pointer).arg("field", tag));
                return;
            };
            let tag_pointer = child_pointer(pointer, tag);
            let Node::String(value) = &member.value.node else {
                self.out
                    .push(not_one_of(&tag_pointer, &tags, &member.value.node));
                return;
            };
            match tags.iter().position(|t| t == value) {
                Some(i) => {
                    if let Some(branch) = resolved.get(i) {
                        self.check(branch, node, pointer);
                    }
                }
                None => self.unknown_value(value, &tags, &tag_pointer),
            }
            return;
        }
        self.best_of(&resolved, node, pointer);
    }
}

/// The schema of a branch's property `name`.
fn property<'v>(branch: &'v Value, name: &str) -> Option<&'v Value> {
    branch.get("properties")?.get(name)
}

/// The property that every branch fixes to a constant string, if there is one.
fn tag_property<'v>(branches: &[&'v Value]) -> Option<&'v str> {
    let first = branches.first()?.get("properties")?.as_object()?;
    first.iter().find_map(|(name, schema)| {
        const_str(schema)?;
        branches
            .iter()
            .all(|b| property(b, name).and_then(const_str).is_some())
            .then_some(name.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::json::parse;

    fn codes(text: &str) -> Vec<(Code, String)> {
        let root = parse(text).unwrap();
        let mut out = Vec::new();
        check(SchemaKind::Curriculum.schema(), &root, &mut out, usize::MAX);
        out.into_iter().map(|d| (d.code, d.pointer)).collect()
    }

    #[test]
    fn the_root_must_be_an_object() {
        assert_eq!(codes("[]"), vec![(Code::Type, String::new())]);
    }

    #[test]
    fn reports_every_structural_problem_at_its_own_pointer() {
        let text = r#"{"formatVersion": "1", "id": 3, "version": "1", "titel": {}, "languages": ["fr", "de"],
            "audiences": [], "framework": {"scales": [], "competencies": []},
            "modules": [{"id": "m", "title": {"fr": "M"}, "kind": "coer", "durationHours": 2,
                         "format": "workshop", "requires": {"type": "allOf", "of": [{"module": "x"}]}}],
            "completion": {"rule": "coreAndOptional", "minOptionalModules": -1}}"#;
        let found = codes(text);
        let expected = [
            (Code::Type, "/formatVersion"),
            (Code::Type, "/id"),
            (Code::UnknownField, "/titel"),
            (Code::UnknownValue, "/languages/1"),
            (Code::UnknownValue, "/modules/0/kind"),
            (Code::MissingField, "/modules/0/requires/of/0"),
            (Code::OutOfRange, "/completion/minOptionalModules"),
            // `title` is not also reported missing: `titel` was probably meant.
        ];
        for (code, pointer) in expected {
            assert!(
                found.contains(&(code, pointer.to_string())),
                "missing {code:?} at {pointer}; found {found:?}"
            );
        }
        assert_eq!(found.len(), expected.len(), "{found:?}");
    }
}

//! Repairing a document's structure so that its sound parts can still be checked.
//!
//! The structural check ([`crate::read::schema`]) reports every wrong type, missing
//! or unknown field at once, but a document it refuses cannot be decoded into its
//! Rust type, so the semantic checks (unknown ids, cycles, levels out of range)
//! used to wait for the next run. A designer fixing a curriculum by hand then met
//! its problems in passes. Here the refused parts are patched, *only to be
//! checked*: an unknown field is dropped (or moved to the field it probably
//! meant), a missing or ill-typed required value gets a neutral stand-in of its
//! schema's type, an ill-typed optional one is dropped. Every place patched is
//! remembered ([`Repaired::patched`]) so that the caller throws away whatever the
//! semantic checks say about a stand-in: what remains is about parts the designer
//! wrote correctly.
//!
//! Array items are never removed, so that every JSON pointer keeps naming the same
//! value in the source text. The repaired value is never used for anything but
//! checking: a document with a structural error is refused all the same.

use serde_json::{Map, Value};

use crate::read::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::read::json::{self, escape_token, Spanned};
use crate::read::order;
use crate::read::schema;

/// How many times the patched value is checked again and patched further (a
/// stand-in object may miss fields of its own; a moved value may be ill-typed).
const ROUNDS: usize = 4;

/// A document whose structural problems were patched.
#[derive(Debug)]
pub(crate) struct Repaired {
    /// The patched document, valid against its schema.
    pub(crate) value: Value,
    /// Pointers of every value that was replaced, inserted, moved or dropped:
    /// what the checks say at or under one of them is about a stand-in.
    pub(crate) patched: Vec<String>,
}

impl Repaired {
    /// Whether a diagnostic at `pointer` may be about a stand-in: at or under a
    /// patched value. (Conclusions about a whole object or document, which a
    /// stand-in elsewhere may sway, are the caller's to hold back.)
    pub(crate) fn covers(&self, pointer: &str) -> bool {
        self.patched.iter().any(|p| {
            pointer == p
                || pointer
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

/// Patches `root`, whose structural diagnostics against `schema` are `found`, into
/// a value the schema accepts; `None` when that cannot be done (the root itself is
/// of the wrong type, or patches keep failing).
pub(crate) fn repair(schema: &Value, root: &Spanned, found: &[Diagnostic]) -> Option<Repaired> {
    if !root.to_value().is_object() {
        return None;
    }
    let mut value = root.to_value();
    let mut patched = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = found.to_vec();
    for _ in 0..ROUNDS {
        for d in &diagnostics {
            patch(schema, &mut value, d, &mut patched)?;
        }
        let text = serde_json::to_string(&value).ok()?;
        let spanned = json::parse(&text).ok()?;
        diagnostics.clear();
        schema::check(schema, &spanned, &mut diagnostics, usize::MAX);
        if diagnostics.is_empty() {
            order::sort(&mut patched);
            patched.dedup();
            return Some(Repaired { value, patched });
        }
    }
    None
}

/// Applies the patch one diagnostic calls for; `None` when it cannot be patched.
fn patch(
    schema: &Value,
    root: &mut Value,
    d: &Diagnostic,
    patched: &mut Vec<String>,
) -> Option<()> {
    match d.code {
        // The last occurrence is the one kept, and was checked on its own; which
        // one the designer meant is unknown, so the value counts as patched.
        Code::DuplicateKey => {
            patched.push(d.pointer.clone());
            Some(())
        }
        Code::UnknownField => {
            let (holder, key) = parent(&d.pointer)?;
            let object_schema = schema_at(schema, root, &holder)?;
            let known: Vec<&str> = object_schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let meant = did_you_mean(&key, known.iter().copied()).map(str::to_string);
            let object = pointer_mut(root, &holder)?.as_object_mut()?;
            let moved = object.remove(&key);
            patched.push(d.pointer.clone());
            if let (Some(meant), Some(moved)) = (meant, moved) {
                if !object.contains_key(&meant) {
                    object.insert(meant.clone(), moved);
                    patched.push(format!("{holder}/{}", escape_token(&meant)));
                }
            }
            Some(())
        }
        Code::MissingField => {
            let field = d.plain_arg("field")?.to_string();
            let at = format!("{}/{}", d.pointer, escape_token(&field));
            let stand_in = placeholder(schema, schema_at(schema, root, &at)?);
            pointer_mut(root, &d.pointer)?
                .as_object_mut()?
                .insert(field, stand_in);
            patched.push(at);
            Some(())
        }
        Code::Type | Code::UnknownValue | Code::OutOfRange => {
            let (holder, key) = parent(&d.pointer)?;
            let holder_schema = schema_at(schema, root, &holder)?;
            let required = holder_schema
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|f| f.as_str() == Some(key.as_str())));
            let optional_member = pointer(root, &holder)?.is_object() && !required;
            patched.push(d.pointer.clone());
            if optional_member {
                pointer_mut(root, &holder)?.as_object_mut()?.remove(&key);
            } else {
                let stand_in = placeholder(schema, schema_at(schema, root, &d.pointer)?);
                *pointer_mut(root, &d.pointer)? = stand_in;
            }
            Some(())
        }
        _ => None,
    }
}

/// The pointer of the value holding `pointer`, and the last token (unescaped).
fn parent(pointer: &str) -> Option<(String, String)> {
    let slash = pointer.rfind('/')?;
    let token = pointer[slash + 1..].replace("~1", "/").replace("~0", "~");
    Some((pointer[..slash].to_string(), token))
}

fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

fn pointer<'v>(root: &'v Value, at: &str) -> Option<&'v Value> {
    let mut current = root;
    for token in tokens(at) {
        current = match current {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn pointer_mut<'v>(root: &'v mut Value, at: &str) -> Option<&'v mut Value> {
    let mut current = root;
    for token in tokens(at) {
        current = match current {
            Value::Object(map) => map.get_mut(&token)?,
            Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn definitions(schema: &Value) -> Option<&Map<String, Value>> {
    schema.get("definitions").and_then(Value::as_object)
}

/// `schema` with its `$ref`, single `allOf` and nullable `anyOf` wrappers taken
/// off, and a tagged `oneOf` resolved to the branch that fits `value`.
fn resolve<'s>(root_schema: &'s Value, mut schema: &'s Value, value: Option<&Value>) -> &'s Value {
    for _ in 0..32 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference
                .strip_prefix("#/definitions/")
                .or_else(|| reference.strip_prefix("#/$defs/"));
            match name.and_then(|n| definitions(root_schema)?.get(n)) {
                Some(target) => {
                    schema = target;
                    continue;
                }
                None => return schema,
            }
        }
        if schema.get("type").is_none() && schema.get("properties").is_none() {
            if let Some([only]) = schema
                .get("allOf")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                schema = only;
                continue;
            }
            if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
                let not_null: Vec<&Value> = any
                    .iter()
                    .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                    .collect();
                if let Some(first) = not_null.first() {
                    schema = first;
                    continue;
                }
            }
            if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
                if let Some(branch) = tagged_branch(root_schema, branches, value) {
                    schema = branch;
                    continue;
                }
            }
        }
        return schema;
    }
    schema
}

/// The branch of a tagged `oneOf` that `value` belongs to: the one its tag names
/// or, when the tag is missing or unknown, the one whose fields fit its members
/// best (`{"module": "intro"}` is a `module` node that forgot its `type`).
fn tagged_branch<'s>(
    root_schema: &'s Value,
    branches: &'s [Value],
    value: Option<&Value>,
) -> Option<&'s Value> {
    let resolved: Vec<&Value> = branches
        .iter()
        .map(|b| resolve(root_schema, b, None))
        .collect();
    let tag = tag_of(resolved.first()?)?;
    let object = value.and_then(Value::as_object);
    if let Some(name) = object.and_then(|o| o.get(tag)).and_then(Value::as_str) {
        if let Some(b) = resolved.iter().find(|b| branch_tag(b, tag) == Some(name)) {
            return Some(b);
        }
    }
    let keys: Vec<&str> = object
        .map(|o| o.keys().map(String::as_str).filter(|k| *k != tag).collect())
        .unwrap_or_default();
    // Fewest members left unknown, then fewest required fields missing, then the
    // first branch.
    resolved.into_iter().min_by_key(|b| {
        let properties = b.get("properties").and_then(Value::as_object);
        let unknown = keys
            .iter()
            .filter(|k| properties.is_none_or(|p| !p.contains_key(**k)))
            .count();
        let missing = b.get("required").and_then(Value::as_array).map_or(0, |r| {
            r.iter()
                .filter_map(Value::as_str)
                .filter(|f| *f != tag && !keys.contains(f))
                .count()
        });
        (unknown, missing)
    })
}

fn branch_tag<'s>(branch: &'s Value, tag: &str) -> Option<&'s str> {
    let property = branch.get("properties")?.get(tag)?;
    property.get("const").and_then(Value::as_str).or_else(|| {
        match property.get("enum")?.as_array()?.as_slice() {
            [only] => only.as_str(),
            _ => None,
        }
    })
}

/// The property every branch fixes to a constant (`type`, `rule`).
fn tag_of(first: &Value) -> Option<&str> {
    first
        .get("properties")?
        .as_object()?
        .keys()
        .find(|k| branch_tag(first, k).is_some())
        .map(String::as_str)
}

/// The schema of the value at `at` in `root` (resolved as [`resolve`] does).
fn schema_at<'s>(root_schema: &'s Value, root: &Value, at: &str) -> Option<&'s Value> {
    let mut schema = resolve(root_schema, root_schema, Some(root));
    let mut value = Some(root);
    for token in tokens(at) {
        let child = value.and_then(|v| match v {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        });
        let next = schema
            .get("properties")
            .and_then(|p| p.get(&token))
            .or_else(|| schema.get("items"))
            .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))?;
        schema = resolve(root_schema, next, child);
        value = child;
    }
    Some(schema)
}

/// A neutral value that `schema` accepts: the first allowed constant, an empty
/// string or list, the smallest number allowed (at least 1 for a plain number, so a
/// stand-in duration is positive), an object of its required fields.
fn placeholder(root_schema: &Value, schema: &Value) -> Value {
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        // An enumeration of constants, or a tagged union whose branch was not found.
        if let Some(first) = branches.first() {
            let first = resolve(root_schema, first, None);
            return placeholder(root_schema, first);
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let minimum = schema.get("minimum").and_then(Value::as_f64);
    match types.iter().copied().find(|t| *t != "null") {
        Some("string") => Value::String(String::new()),
        Some("integer") => Value::from(minimum.unwrap_or(0.0).max(0.0) as u64),
        Some("number") => Value::from(minimum.unwrap_or(1.0).max(1.0)),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        Some("object") => {
            let mut object = Map::new();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for field in required {
                if let Some(property) = schema.get("properties").and_then(|p| p.get(field)) {
                    let property = resolve(root_schema, property, None);
                    object.insert(field.to_string(), placeholder(root_schema, property));
                }
            }
            Value::Object(object)
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::schema::SchemaKind;

    fn repaired(text: &str) -> Option<Repaired> {
        let root = json::parse(text).unwrap();
        let schema = SchemaKind::Curriculum.schema();
        let mut found = Vec::new();
        schema::check(schema, &root, &mut found, usize::MAX);
        repair(schema, &root, &found)
    }

    #[test]
    fn patches_types_fields_and_tags_and_remembers_where() {
        let text = r#"{"formatVersion": 1, "id": "c", "version": "1", "titre": {"fr": "C"},
            "languages": ["fr"], "audiences": [], "framework": {"scales": [], "competencies": []},
            "modules": [{"id": "m", "title": {"fr": "M"}, "kind": "socle", "durationHours": "3h30",
                         "format": "workshop", "requires": {"module": "x"}, "couleur": 1}],
            "completion": {"rule": "coreAndOptional"}}"#;
        let r = repaired(text).expect("repairable");
        assert_eq!(r.value["title"]["fr"], "C", "`titre` moved to `title`");
        assert_eq!(r.value["modules"][0]["kind"], "core");
        assert_eq!(r.value["modules"][0]["durationHours"], 1.0);
        assert_eq!(r.value["modules"][0]["requires"]["type"], "module");
        assert_eq!(r.value["modules"][0]["requires"]["module"], "x");
        assert!(r.value["modules"][0].get("couleur").is_none());
        assert!(r.covers("/modules/0/durationHours"));
        assert!(!r.covers("/modules/0/requires"), "only the tag was patched");
        assert!(!r.covers("/modules/0/requires/module"));
        assert!(!r.covers("/modules/1/durationHours"));
    }

    #[test]
    fn a_root_of_the_wrong_type_is_not_repaired() {
        assert!(repaired("[]").is_none());
    }
}

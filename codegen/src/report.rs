//! The API change report: what changed in the selected API between two specs, in the API's
//! own terms (operations, parameters in bracket notation, response fields as dotted paths,
//! enum values), with what breaks callers first.
//!
//! Two models are flattened into [`Surface`]s, one entry per thing a caller can touch, keyed
//! by API names so that a Rust rename still pairs up; the diff of the surfaces is rendered as
//! markdown for `generated/API_CHANGES.md`. A change is breaking when code written against
//! the old generated crate may stop compiling or working: something removed, a new required
//! parameter, a changed type or shape (required, nullable, clearable, expandable), a removed
//! enum value.

use crate::model::spelling::Notation;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What a caller sees of one operation, parameter or field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Operation, parameter or response field.
    pub kind: EntryKind,
    /// The type, in words (`string`, `enum CreateSessionLocale`, `list of object X`).
    pub ty: String,
    /// Parameters: must be sent; fields: always present.
    pub required: bool,
    /// May be `null` (responses).
    pub nullable: bool,
    /// Can be cleared with `""` (requests).
    pub clearable: bool,
    /// An id, or the object when expanded.
    pub expandable: bool,
    /// The values of an enum.
    pub values: BTreeSet<String>,
}

/// The three kinds of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// An operation (`POST /v1/billing_portal/sessions`).
    Operation,
    /// A request parameter.
    Parameter,
    /// A response field.
    Field,
}

/// Where an entry is: its scope (an operation such as `POST /v1/billing_portal/sessions`, or
/// a resource such as `billing_portal.session`) and its path in it (`flow_data[type]`,
/// `flow.type`; empty for the operation itself).
pub type Key = (String, String);

/// Every entry of a model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The entries by key.
    pub entries: BTreeMap<Key, Entry>,
}

impl Surface {
    /// Flattens a model.
    pub fn of(api: &Api) -> Self {
        let mut surface = Surface::default();
        for op in &api.operations {
            let scope = format!("{} {}", op.method.as_str(), op.path);
            let params = op
                .params
                .map(|p| api.type_def(p).name.clone())
                .unwrap_or_else(|| "none".into());
            surface.entries.insert(
                (scope.clone(), String::new()),
                Entry {
                    ty: format!(
                        "parameters {params}, answers {}",
                        type_words(api, &op.response)
                    ),
                    required: true,
                    ..Entry::new(EntryKind::Operation)
                },
            );
            if let Some(p) = op.params {
                let mut walk = Walk::new(api, EntryKind::Parameter, &scope);
                walk.named(p, "");
                surface.entries.extend(walk.entries);
            }
            // Responses are keyed by the component they are (shared by several operations),
            // else by the operation.
            let (root, root_scope) = response_root(api, &op.response, &scope);
            if let Some(root) = root {
                let mut walk = Walk::new(api, EntryKind::Field, &root_scope);
                walk.named(root, "");
                surface.entries.extend(walk.entries);
            }
        }
        surface
    }
}

impl Entry {
    fn new(kind: EntryKind) -> Self {
        Self {
            kind,
            ty: String::new(),
            required: false,
            nullable: false,
            clearable: false,
            expandable: false,
            values: BTreeSet::new(),
        }
    }
}

fn response_root(api: &Api, ty: &TypeRef, op_scope: &str) -> (Option<TypeId>, String) {
    match ty {
        TypeRef::Named(id) => {
            let def = api.type_def(*id);
            let scope = match &def.spec_name {
                Some(name) if def.origin.as_str().starts_with("/components/") => name.clone(),
                _ => format!("{op_scope} response"),
            };
            (Some(*id), scope)
        }
        TypeRef::List(inner) | TypeRef::Vec(inner) => response_root(api, inner, op_scope),
        _ => (None, String::new()),
    }
}

/// A depth-first walk of one parameters struct or response type.
struct Walk<'a> {
    api: &'a Api,
    kind: EntryKind,
    scope: &'a str,
    entries: BTreeMap<Key, Entry>,
    /// Types on the current path, so that recursive types end.
    stack: Vec<TypeId>,
}

impl<'a> Walk<'a> {
    fn new(api: &'a Api, kind: EntryKind, scope: &'a str) -> Self {
        Self {
            api,
            kind,
            scope,
            entries: BTreeMap::new(),
            stack: Vec::new(),
        }
    }

    fn child_path(&self, prefix: &str, name: &str) -> String {
        match (self.kind, prefix.is_empty()) {
            (_, true) => name.to_owned(),
            (EntryKind::Parameter, false) => format!("{prefix}[{name}]"),
            _ => format!("{prefix}.{name}"),
        }
    }

    /// Items of a list are `path[]`, in parameters (where Stripe indexes them) and fields.
    fn item_path(&self, path: &str) -> String {
        format!("{path}[]")
    }

    /// Records the fields of a struct (and recurses into the types they hold).
    fn named(&mut self, id: TypeId, prefix: &str) {
        if self.stack.contains(&id) {
            return;
        }
        let TypeKind::Struct(s) = &self.api.type_def(id).kind else {
            return;
        };
        self.stack.push(id);
        for field in &s.fields {
            let path = self.child_path(prefix, &field.wire_name);
            let mut entry = Entry {
                required: matches!(
                    field.shape,
                    FieldShape::Required | FieldShape::RequiredClearable | FieldShape::Nullable
                ),
                nullable: field.shape.is_nullable(),
                clearable: field.shape.is_clearable(),
                ..Entry::new(self.kind)
            };
            self.value(&field.ty, &path, &mut entry);
            self.entries.insert((self.scope.to_owned(), path), entry);
        }
        self.stack.pop();
    }

    /// Describes a value into `entry` and walks into what it contains.
    fn value(&mut self, ty: &TypeRef, path: &str, entry: &mut Entry) {
        if let TypeRef::Expandable(inner) = ty {
            entry.expandable = true;
            // The expanded object is described where it is a resource of its own.
            entry.ty = type_words(self.api, inner);
            return;
        }
        entry.ty = type_words(self.api, ty);
        match ty {
            TypeRef::Named(id) => self.named_value(*id, path, entry),
            TypeRef::Vec(inner) | TypeRef::List(inner) => {
                let item_path = self.item_path(path);
                self.inner_value(inner, &item_path, entry);
            }
            TypeRef::Map(inner) | TypeRef::Clearable(inner) => self.inner_value(inner, path, entry),
            _ => {}
        }
    }

    /// A named type's values (an enum's, a union's arms) go to the entry; a struct is walked.
    fn named_value(&mut self, id: TypeId, path: &str, entry: &mut Entry) {
        match &self.api.type_def(id).kind {
            TypeKind::Enum(e) => {
                entry.values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
            }
            // The arms' types are the values: an arm added or removed shows as one.
            TypeKind::Union(u) => entry.values = union_values(u),
            TypeKind::Struct(_) => self.named(id, path),
        }
    }

    /// The element of a list or map: enum values go to the entry itself; objects are walked.
    fn inner_value(&mut self, ty: &TypeRef, path: &str, entry: &mut Entry) {
        match ty {
            TypeRef::Named(id) => self.named_value(*id, path, entry),
            TypeRef::Vec(inner)
            | TypeRef::List(inner)
            | TypeRef::Map(inner)
            | TypeRef::Clearable(inner) => self.inner_value(inner, path, entry),
            _ => {}
        }
    }
}

/// The arms of a union in words: `card`, `deleted customer`, `string`.
fn union_values(u: &Union) -> BTreeSet<String> {
    u.arms.iter().map(UnionArm::words).collect()
}

/// A type in words, with the Rust name of named types (a rename breaks callers too).
fn type_words(api: &Api, ty: &TypeRef) -> String {
    api.spell(ty, Notation::Words).to_string()
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Whether code written against the old crate may break.
    pub breaking: bool,
    /// The entry's key.
    pub key: Key,
    /// What changed, in words.
    pub what: String,
}

/// The key of the object a parameter or field is in (`a[b][c]` -> `a[b]`, `a.b[].c` ->
/// `a.b`), or `None` at the top.
fn parent(key: &Key) -> Option<Key> {
    let (scope, path) = key;
    if path.is_empty() {
        return None;
    }
    // A top-level parameter's parent is its operation (keyed by the empty path).
    let cut = path.rfind(['[', '.']).unwrap_or(0);
    let parent = path[..cut].trim_end_matches("[]");
    Some((scope.clone(), parent.to_owned()))
}

/// The changes from `old` to `new`, breaking ones first, each group sorted by key.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    for (key, before) in &old.entries {
        if !new.entries.contains_key(key) {
            changes.push(Change {
                breaking: true,
                key: key.clone(),
                what: format!("removed {}", noun(before.kind)),
            });
        }
    }
    for (key, after) in &new.entries {
        let Some(before) = old.entries.get(key) else {
            // A new required parameter breaks callers only where its object was already sent;
            // inside a new optional object, or of a new operation, it is part of that addition.
            let required = after.required && after.kind == EntryKind::Parameter;
            let breaking = required && parent(key).is_none_or(|p| old.entries.contains_key(&p));
            changes.push(Change {
                breaking,
                key: key.clone(),
                what: format!("added {} ({})", noun(after.kind), describe(after)),
            });
            continue;
        };
        let mut breaking = Vec::new();
        if before.ty != after.ty {
            breaking.push(format!("type {} -> {}", before.ty, after.ty));
        }
        for (what, was, is) in [
            ("required", before.required, after.required),
            ("nullable", before.nullable, after.nullable),
            ("clearable", before.clearable, after.clearable),
            ("expandable", before.expandable, after.expandable),
        ] {
            if was != is {
                breaking.push(if is {
                    format!("became {what}")
                } else {
                    format!("no longer {what}")
                });
            }
        }
        let removed: Vec<&String> = before.values.difference(&after.values).collect();
        if !removed.is_empty() {
            breaking.push(format!("removed values {}", values_list(&removed)));
        }
        if !breaking.is_empty() {
            changes.push(Change {
                breaking: true,
                key: key.clone(),
                what: breaking.join("; "),
            });
        }
        let added: Vec<&String> = after.values.difference(&before.values).collect();
        if !added.is_empty() {
            changes.push(Change {
                breaking: false,
                key: key.clone(),
                what: format!("added values {}", values_list(&added)),
            });
        }
    }
    changes.sort_by(|a, b| b.breaking.cmp(&a.breaking).then_with(|| a.key.cmp(&b.key)));
    changes
}

fn noun(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Operation => "operation",
        EntryKind::Parameter => "parameter",
        EntryKind::Field => "field",
    }
}

fn describe(entry: &Entry) -> String {
    let mut words = vec![entry.ty.clone()];
    if entry.kind != EntryKind::Operation {
        words.push(
            if entry.required {
                "required"
            } else {
                "optional"
            }
            .into(),
        );
    }
    for (flag, word) in [
        (entry.nullable, "nullable"),
        (entry.clearable, "clearable"),
        (entry.expandable, "expandable"),
    ] {
        if flag {
            words.push(word.into());
        }
    }
    if !entry.values.is_empty() {
        let values: Vec<&String> = entry.values.iter().collect();
        words.push(format!("values {}", values_list(&values)));
    }
    words.join(", ")
}

fn values_list(values: &[&String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    quoted.join(", ")
}

/// Which spec a side of the report is.
#[derive(Debug, Clone)]
pub struct Release<'a> {
    /// The stripe/openapi tag, if known.
    pub tag: Option<&'a str>,
    /// Stripe's API version.
    pub api_version: &'a str,
}

impl Release<'_> {
    /// `v2349 (API version 2026-07-29.dahlia)`, or `API version 2026-07-29.dahlia` untagged.
    fn title(&self) -> String {
        match self.tag {
            Some(tag) => format!("{tag} (API version {})", self.api_version),
            None => format!("API version {}", self.api_version),
        }
    }
}

/// One section of `API_CHANGES.md`.
pub fn render(old: &Release<'_>, new: &Release<'_>, changes: &[Change]) -> String {
    let mut out = format!("## {}, from {}\n\n", new.title(), old.title());
    if changes.is_empty() {
        out.push_str("No changes to the selected API.\n");
        return out;
    }
    let (breaking, other): (Vec<&Change>, Vec<&Change>) = changes.iter().partition(|c| c.breaking);
    for (title, group) in [("Breaking changes", &breaking), ("Other changes", &other)] {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title} ({})\n", group.len());
        let mut scope: Option<&str> = None;
        for change in group.iter() {
            let (change_scope, path) = &change.key;
            if scope != Some(change_scope) {
                let _ = writeln!(out, "- `{change_scope}`");
                scope = Some(change_scope);
            }
            if path.is_empty() {
                let _ = writeln!(out, "  - {}", change.what);
            } else {
                let _ = writeln!(out, "  - `{path}`: {}", change.what);
            }
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The header of `API_CHANGES.md`.
pub const CHANGES_HEADER: &str = "# API changes\n\nWhat changed in the selected API each time `cargo xtask regen` adopted another release of Stripe's spec (`--spec` or `--tag`), newest first, breaking changes first. Written by regen; review it beside the diff of `spec/selection.json` and `src/generated/`.\n";

/// `API_CHANGES.md` with `section` added as the newest entry. The older sections are kept
/// whatever the header above them says (an older wording of it included).
pub fn prepend(existing: Option<&str>, section: &str) -> String {
    let older = existing
        .and_then(|text| {
            if text.starts_with("## ") {
                Some(text)
            } else {
                text.find("\n## ").map(|at| &text[at + 1..])
            }
        })
        .unwrap_or("")
        .trim_start();
    let mut out = format!("{CHANGES_HEADER}\n{section}");
    if !older.is_empty() {
        out.push('\n');
        out.push_str(older);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(entries: &[(&str, &str, EntryKind, bool)]) -> Surface {
        let mut surface = Surface::default();
        for (scope, path, kind, required) in entries {
            surface.entries.insert(
                ((*scope).to_owned(), (*path).to_owned()),
                Entry {
                    required: *required,
                    ..Entry::new(*kind)
                },
            );
        }
        surface
    }

    #[test]
    fn a_required_parameter_breaks_an_existing_operation_only() {
        use EntryKind::{Operation, Parameter};
        let old = surface(&[("POST /v1/a", "", Operation, true)]);
        let new = surface(&[
            ("POST /v1/a", "", Operation, true),
            ("POST /v1/a", "url", Parameter, true),
            ("POST /v1/b", "", Operation, true),
            ("POST /v1/b", "url", Parameter, true),
            ("POST /v1/b", "x[y]", Parameter, true),
        ]);
        let breaking: Vec<String> = diff(&old, &new)
            .into_iter()
            .filter(|c| c.breaking)
            .map(|c| format!("{} {}", c.key.0, c.key.1))
            .collect();
        assert_eq!(breaking, ["POST /v1/a url"]);
    }

    #[test]
    fn prepend_puts_the_newest_first_and_keeps_older_sections_under_any_header() {
        let first = prepend(
            None,
            "## v2 (API version 2), from v1 (API version 1)\n\nx\n",
        );
        assert!(first.starts_with(CHANGES_HEADER), "{first}");
        let second = prepend(
            Some(&first),
            "## v3 (API version 3), from v2 (API version 2)\n",
        );
        let (v3, v2) = (second.find("## v3").unwrap(), second.find("## v2").unwrap());
        assert!(v3 < v2, "{second}");
        assert_eq!(second.matches(CHANGES_HEADER).count(), 1);

        let old_header = "# API changes\n\nAn older wording.\n\n## v2 (API version 2)\n\nkept\n";
        let third = prepend(Some(old_header), "## v3\n");
        assert!(third.starts_with(CHANGES_HEADER), "{third}");
        assert!(
            third.ends_with("## v2 (API version 2)\n\nkept\n"),
            "{third}"
        );
        assert!(!third.contains("An older wording"), "{third}");
    }
}

//! How spec names become Rust names. Every rule is deterministic and depends only on the name
//! itself, so a spec update renames nothing that did not change.
//!
//! - Types and enum variants are UpperCamelCase; fields and functions are snake_case.
//! - A name that would start with a digit gets the prefix `v`: `V2fa` for types and variants,
//!   `v2fa` for fields.
//! - A field that is a Rust keyword gets a trailing underscore (`type` -> `type_`); raw
//!   identifiers are avoided because `self`, `super` and `crate` cannot be raw.
//! - A type or variant name that would shadow a prelude item or a keyword (`Option`, `Self`)
//!   gets the suffix `Value`.
//! - An enum value with no letters or digits is spelled by its bytes (`+` -> `V2b`); the empty
//!   value is `Empty`.
//! - Identifiers are ASCII: other letters are spelled by their code point (`é` -> `U00e9`, or `u00e9` in snake case), so
//!   every name is a valid identifier that no lint flags.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses itself (prelude, serde, runtime); a spec type must not
/// shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "BTreeMap",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Clearable",
    "Expandable",
    "HasId",
    "List",
    "Timestamp",
    "Value",
];

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The Rust type name for a spec name (`billing_portal.configuration` ->
/// `BillingPortalConfiguration`).
pub fn type_name(spec_name: &str) -> String {
    not_reserved(type_stem(spec_name))
}

/// The start of a type name for a spec name: [`type_name`] before the check against the
/// generated code's own names, for a name that is extended before it is used
/// (`clearable_param` -> `Clearable`, then `ClearableParams`).
pub fn type_stem(spec_name: &str) -> String {
    let name = upper_camel(spec_name);
    if name.is_empty() {
        let hex: String = spec_name.bytes().map(|b| format!("{b:02x}")).collect();
        return format!("V{hex}");
    }
    name
}

/// `name`, or `name` with the suffix `Value` if it would shadow a name the generated code uses.
pub fn not_reserved(name: String) -> String {
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The Rust variant name for an enum value (`en-AU` -> `EnAu`, `es-419` -> `Es419`).
pub fn variant_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    let name = upper_camel(value);
    if name.is_empty() {
        // No letters or digits at all: spell the bytes so distinct values stay distinct.
        let hex: String = value.bytes().map(|b| format!("{b:02x}")).collect();
        return format!("V{hex}");
    }
    if name == "Self" {
        return "SelfValue".to_owned();
    }
    name
}

/// Rule "colliding names": the names of `values` (enum values, or property names), made by
/// `name`, all distinct and none in `reserved`. Values whose plain names collide are named
/// again with their punctuation spelled as words (`Etc/GMT+0` -> `EtcSlashGmtPlus0`,
/// `Etc/GMT-0` -> `EtcSlashGmtMinus0`; `foo_bar` -> `foo_underscore_bar` beside `fooBar` ->
/// `foo_bar`), so the names still say which value is which and do not depend on the order of
/// the values. Names that still collide (values that differ only in case) are numbered in the
/// order of the values, from 2 (`Abc`, `Abc2`).
pub fn distinct_names(
    values: &[&str],
    reserved: &[&str],
    name: impl Fn(&str) -> String,
    numbered: impl Fn(&str, usize) -> String,
) -> Vec<String> {
    let plain: Vec<String> = values.iter().map(|v| name(v)).collect();
    let collides = |i: usize| {
        reserved.contains(&plain[i].as_str())
            || plain
                .iter()
                .enumerate()
                .any(|(j, n)| j != i && *n == plain[i])
    };
    let mut used: std::collections::HashSet<String> =
        reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        let candidate = if collides(i) {
            name(&spelled(value))
        } else {
            plain[i].clone()
        };
        let mut unique = candidate.clone();
        let mut n = 2;
        while used.contains(&unique) {
            unique = numbered(&candidate, n);
            n += 1;
        }
        used.insert(unique.clone());
        out.push(unique);
    }
    out
}

/// `value` with each character that is not a letter or digit written as a word between
/// spaces (`+` -> ` plus `), so that the name made from it keeps what the punctuation said.
fn spelled(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        let word = match c {
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            '+' => "plus",
            '-' => "minus",
            '_' => "underscore",
            '.' => "dot",
            '/' => "slash",
            ' ' => "space",
            ':' => "colon",
            '*' => "star",
            '@' => "at",
            '#' => "hash",
            ',' => "comma",
            '&' => "and",
            '%' => "percent",
            '=' => "equals",
            _ => {
                out.push_str(&format!(" u{:04x} ", c as u32));
                continue;
            }
        };
        out.push(' ');
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// The Rust field (or argument) name for a property name (`type` -> `type_`).
pub fn field_name(wire_name: &str) -> String {
    let name = ascii(&wire_name.to_snake_case(), 'u');
    if name.is_empty() {
        let hex: String = wire_name.bytes().map(|b| format!("{b:02x}")).collect();
        return format!("field_{hex}");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("v{name}");
    }
    if is_keyword(&name) {
        return format!("{name}_");
    }
    name
}

/// Converts a spec name to a Rust function name, in snake case.
pub fn function_name(name: &str) -> String {
    field_name(name)
}

fn upper_camel(name: &str) -> String {
    let name = ascii(&name.to_upper_camel_case(), 'U');
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// What UpperCamelCase names have in common: the words all of them start with, followed by
/// the words all of them end with (`SubscriptionCancelCreationParamMode`,
/// `SubscriptionCancelUpdatingParamMode` -> `SubscriptionCancelMode`; a `Param` word inside
/// the ending is dropped). `None` when they share no ending word.
pub fn common_name(names: &[String]) -> Option<String> {
    let split: Vec<Vec<&str>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min()?;
    let prefix = (0..shortest)
        .take_while(|&i| split.iter().all(|w| w[i] == split[0][i]))
        .count()
        // Leave the last word to the ending, which every name must have.
        .min(shortest - 1);
    let from_end = |w: &Vec<&str>, i: usize| w[w.len() - 1 - i].to_owned();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            split
                .iter()
                .all(|w| from_end(w, i) == from_end(&split[0], i))
        })
        .count();
    if suffix == 0 {
        return None;
    }
    let first = &split[0];
    let ending = &first[first.len() - suffix..];
    // `Param` joins a title to a property name (`…CreationParamMode`); alone it says nothing.
    let ending = ending
        .iter()
        .enumerate()
        .filter(|(i, w)| *i + 1 == ending.len() || !matches!(**w, "Param" | "Params"))
        .map(|(_, w)| *w);
    Some(first[..prefix].iter().copied().chain(ending).collect())
}

/// The words of an UpperCamelCase name: each starts at an uppercase letter.
fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// Spells non-ASCII characters as `marker` and their code point (`U` in type names, `u` in
/// snake-case names).
fn ascii(name: &str, marker: char) -> String {
    if name.is_ascii() {
        return name.to_owned();
    }
    name.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("{marker}{:04x}", u32::from(c))
            }
        })
        .collect()
}

/// The singular of an English resource noun as Stripe's paths spell them (`configurations` ->
/// `configuration`, `entries` -> `entry`, `addresses` -> `address`). Used only to name
/// operations; a wrong singular is harmless, a missing one merely keeps the plural.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes", "uses"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(
            type_name("billing_portal.configuration"),
            "BillingPortalConfiguration"
        );
        assert_eq!(
            type_name("features_creation_param"),
            "FeaturesCreationParam"
        );
        assert_eq!(type_name("2fa_settings"), "V2faSettings");
        assert_eq!(type_name("option"), "OptionValue");
        assert_eq!(type_name("list"), "ListValue");
        assert_eq!(type_name("_"), "V5f");
        assert_eq!(type_name(""), "V");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("en-AU"), "EnAu");
        assert_eq!(variant_name("es-419"), "Es419");
        assert_eq!(variant_name("zh-HK"), "ZhHk");
        assert_eq!(
            variant_name("billing_portal.session"),
            "BillingPortalSession"
        );
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("3d_secure"), "V3dSecure");
        assert_eq!(variant_name("+"), "V2b");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("café"), "CafU00e9");
        assert_eq!(variant_name("²"), "U00b2");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("fooBar"), "foo_bar");
        assert_eq!(field_name("3d_secure"), "v3d_secure");
        assert_eq!(field_name("default_return_url"), "default_return_url");
        assert_eq!(field_name("-"), "field_2d");
        assert_eq!(field_name("naïve"), "nau00efve");
    }

    #[test]
    fn common_names() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_name(&names(&[
                "SubscriptionCancelCreationParamMode",
                "SubscriptionCancelUpdatingParamMode"
            ])),
            Some("SubscriptionCancelMode".into())
        );
        assert_eq!(
            common_name(&names(&[
                "SubscriptionCancelCreationParamProrationBehavior",
                "SubscriptionUpdateUpdatingParamProrationBehavior"
            ])),
            Some("SubscriptionProrationBehavior".into())
        );
        assert_eq!(common_name(&names(&["ThingKind", "OtherStatus"])), None);
        assert_eq!(common_name(&names(&["AB", "AB"])), Some("AB".into()));
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("configurations"), "configuration");
        assert_eq!(singular("sessions"), "session");
        assert_eq!(singular("entries"), "entry");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("statuses"), "status");
        assert_eq!(singular("balance"), "balance");
        assert_eq!(singular("class"), "class");
    }

    #[test]
    fn colliding_names_are_spelled_then_numbered() {
        let names =
            |values: &[&str]| distinct_names(values, &[], variant_name, |n, i| format!("{n}{i}"));
        assert_eq!(
            names(&["Etc/GMT+0", "Etc/GMT-0", "UTC"]),
            ["EtcSlashGmtPlus0", "EtcSlashGmtMinus0", "Utc"]
        );
        assert_eq!(
            names(&["en", "en-AU", "en_AU"]),
            ["En", "EnMinusAu", "EnUnderscoreAu"]
        );
        assert_eq!(names(&["abc", "ABC", "Abc"]), ["Abc", "Abc2", "Abc3"]);
        assert_eq!(
            distinct_names(&["unknown"], &["Unknown"], variant_name, |n, i| format!(
                "{n}{i}"
            )),
            ["Unknown2"],
            "a reserved name is never taken"
        );
        let fields = distinct_names(&["foo_bar", "fooBar"], &[], field_name, |n, i| {
            format!("{n}_{i}")
        });
        assert_eq!(fields, ["foo_underscore_bar", "foo_bar"]);
    }
}

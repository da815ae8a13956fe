//! Odd names that must generate: keywords (also capitalised), digits, empty names, symbols and
//! non-ASCII letters.

use super::*;

#[test]
pub(crate) fn keyword_names() {
    let out = generates("keyword_names.json");
    out.assert_contains(&[
        "pub type_: Option<String>,",
        "pub self_: Option<String>,",
        "pub crate_: Option<String>,",
        "pub super_: Option<String>,",
        "pub fn_: Option<String>,",
        "pub async_: Option<String>,",
        r#"#[serde(rename = "self")]"#,
        "SelfValue,",
        "Crate,",
        // A response enum's value `unknown` must not take the catch-all's name.
        "UnknownValue,",
        "Unknown(String),",
    ]);
    snapshot("keyword_names.json", &out.outline());
}

#[test]
pub(crate) fn keyword_names_capitalised() {
    let out = generates("keyword_names_capitalised.json");
    out.assert_contains(&[
        r#"#[serde(rename = "Self", default, skip_serializing_if = "Option::is_none")]"#,
        "pub self_: Option<String>,",
        "pub crate_: Option<String>,",
        "pub type_: Option<String>,",
        "SelfValue,",
    ]);
    snapshot("keyword_names_capitalised.json", &out.outline());
}

#[test]
pub(crate) fn digit_names() {
    let out = generates("digit_names.json");
    out.assert_contains(&[
        "pub v3d_secure: Option<String>,",
        "pub v1: Option<String>,",
        "pub v2fa: Option<String>,",
        "pub v100_percent: Option<String>,",
        "V3d,",
        "V1,",
        "V100,",
    ]);
    snapshot("digit_names.json", &out.outline());
}

/// The property `""` and the response enum value `""`.
#[test]
pub(crate) fn empty_names() {
    let out = generates("empty_names.json");
    out.assert_contains(&[
        r#"#[serde(rename = "", default, skip_serializing_if = "Option::is_none")]"#,
        "pub field_: Option<String>,",
        r#"#[serde(rename = "")]"#,
        "Empty,",
    ]);
    snapshot("empty_names.json", &out.outline());
}

#[test]
pub(crate) fn symbol_names() {
    let out = generates("symbol_names.json");
    out.assert_contains(&[
        "pub field_2d: Option<String>,",
        "pub field_24: Option<String>,",
        "pub field_2b: Option<String>,",
        "pub field_5f: Option<String>,",
        "V2d,",
        "V24,",
        "V2a,",
    ]);
    snapshot("symbol_names.json", &out.outline());
}

#[test]
pub(crate) fn non_ascii_names() {
    let out = generates("non_ascii_names.json");
    out.assert_contains(&[
        r#"#[serde(rename = "naïve", default, skip_serializing_if = "Option::is_none")]"#,
        "pub nau00efve: Option<String>,",
        "pub u65e5u672cu8a9e: Option<String>,",
        "CafU00e9,",
        "U65e5U672c,",
    ]);
    snapshot("non_ascii_names.json", &out.outline());
}

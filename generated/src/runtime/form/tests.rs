//! The form encoder's tests: each serde shape of the table in the module's docs, escaping,
//! the errors, and the generated parameter types encoded whole.

use super::{encode_pairs, encode_path_segment, to_pairs};
use crate::runtime::Clearable;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The body exactly as it would be sent.
fn form<T: Serialize + ?Sized>(value: &T) -> String {
    encode_pairs(&to_pairs(value).unwrap())
}

fn error<T: Serialize + ?Sized>(value: &T) -> String {
    to_pairs(value).unwrap_err().to_string()
}

fn map<const N: usize>(entries: [(&str, &str); N]) -> BTreeMap<String, String> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[derive(Serialize)]
struct Leaf {
    enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<i64>,
}

#[derive(Serialize)]
struct Middle {
    customer_update: Leaf,
}

#[derive(Serialize)]
struct Top {
    features: Middle,
    #[serde(rename = "type")]
    type_: &'static str,
}

#[test]
fn nested_objects() {
    let top = Top {
        features: Middle {
            customer_update: Leaf {
                enabled: true,
                limit: Some(3),
            },
        },
        type_: "x",
    };
    assert_eq!(
        form(&top),
        "features[customer_update][enabled]=true&features[customer_update][limit]=3&type=x"
    );
    assert_eq!(
        to_pairs(&top).unwrap()[0],
        ("features[customer_update][enabled]".into(), "true".into())
    );
}

#[derive(Serialize)]
struct Product {
    product: &'static str,
    prices: Vec<&'static str>,
}

#[derive(Serialize)]
struct Lists {
    expand: Vec<&'static str>,
    products: Vec<Product>,
    grid: Vec<Vec<u8>>,
    pair: (u8, &'static str),
}

#[test]
fn lists_are_always_indexed() {
    let lists = Lists {
        expand: vec!["a", "b"],
        products: vec![
            Product {
                product: "prod_1",
                prices: vec!["price_a"],
            },
            Product {
                product: "prod_2",
                prices: vec!["price_b", "price_x"],
            },
        ],
        grid: vec![vec![1, 2], vec![], vec![3]],
        pair: (7, "z"),
    };
    assert_eq!(
        form(&lists),
        "expand[0]=a&expand[1]=b\
         &products[0][product]=prod_1&products[0][prices][0]=price_a\
         &products[1][product]=prod_2&products[1][prices][0]=price_b\
         &products[1][prices][1]=price_x\
         &grid[0][0]=1&grid[0][1]=2&grid[2][0]=3\
         &pair[0]=7&pair[1]=z"
    );
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
enum Update {
    TaxId,
}

#[derive(Serialize)]
struct UnitStruct;

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Newtype(i64);

#[derive(Serialize)]
struct Scalars {
    yes: bool,
    no: bool,
    small: i8,
    negative: i64,
    big: u128,
    half: f64,
    tenth: f32,
    whole: f64,
    huge: f64,
    tiny: f64,
    letter: char,
    update: Update,
    wrapped: Newtype,
    nested_some: Option<Option<&'static str>>,
    missing: Option<&'static str>,
    unit: (),
    unit_struct: UnitStruct,
}

#[test]
fn scalars() {
    let scalars = Scalars {
        yes: true,
        no: false,
        small: -8,
        negative: -1_234_567_890_123,
        big: u128::MAX,
        half: 1.5,
        tenth: 0.1,
        whole: 2.0,
        huge: 1e21,
        tiny: 1e-7,
        letter: 'é',
        update: Update::TaxId,
        wrapped: Newtype(42),
        nested_some: Some(Some("s")),
        missing: None,
        unit: (),
        unit_struct: UnitStruct,
    };
    assert_eq!(
        to_pairs(&scalars).unwrap(),
        [
            ("yes", "true"),
            ("no", "false"),
            ("small", "-8"),
            ("negative", "-1234567890123"),
            ("big", "340282366920938463463374607431768211455"),
            ("half", "1.5"),
            ("tenth", "0.1"),
            ("whole", "2"),
            ("huge", "1000000000000000000000"),
            ("tiny", "0.0000001"),
            ("letter", "é"),
            ("update", "tax_id"),
            ("wrapped", "42"),
            ("nested_some", "s"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[derive(Serialize, Default)]
struct Optional {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<&'static str>,
    // Without `skip_serializing_if`, `None` is still left out.
    b: Option<&'static str>,
}

#[derive(Serialize, Default)]
struct Clearing {
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<Clearable<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    list: Option<Clearable<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plain_list: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Clearable<BTreeMap<String, String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<Clearable<Optional>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plain_object: Option<Optional>,
}

#[test]
fn none_is_omitted() {
    assert_eq!(form(&Optional::default()), "");
    assert_eq!(
        form(&Optional {
            a: None,
            b: Some("x")
        }),
        "b=x"
    );
    assert_eq!(form(&Clearing::default()), "");
}

#[test]
fn clear_is_an_empty_value() {
    let clearing = Clearing {
        headline: Some(Clearable::Clear),
        list: Some(Clearable::Clear),
        metadata: Some(Clearable::Clear),
        object: Some(Clearable::Clear),
        ..Clearing::default()
    };
    assert_eq!(form(&clearing), "headline=&list=&metadata=&object=");
}

#[test]
fn empty_clearable_values_clear() {
    let clearing = Clearing {
        headline: Some(Clearable::Set(String::new())),
        list: Some(Clearable::Set(vec![])),
        plain_list: Some(vec![]),
        metadata: Some(Clearable::Set(BTreeMap::new())),
        object: Some(Clearable::Set(Optional::default())),
        plain_object: Some(Optional::default()),
    };
    assert_eq!(form(&clearing), "headline=&list=&metadata=&object=");
}

#[test]
fn empty_plain_list_sends_nothing() {
    let clearing = Clearing {
        plain_list: Some(vec![]),
        ..Clearing::default()
    };
    assert_eq!(to_pairs(&clearing).unwrap(), []);
}

#[test]
fn set_values_are_sent_as_is() {
    let clearing = Clearing {
        headline: Some(Clearable::Set("Hi".into())),
        list: Some(Clearable::Set(vec!["a".into()])),
        metadata: Some(Clearable::Set(map([("k", "v")]))),
        object: Some(Clearable::Set(Optional {
            a: Some("x"),
            b: None,
        })),
        ..Clearing::default()
    };
    assert_eq!(
        form(&clearing),
        "headline=Hi&list[0]=a&metadata[k]=v&object[a]=x"
    );
}

#[test]
fn metadata_key_clear() {
    let clearing = Clearing {
        metadata: Some(Clearable::Set(map([("keep", "1"), ("drop", "")]))),
        ..Clearing::default()
    };
    assert_eq!(form(&clearing), "metadata[drop]=&metadata[keep]=1");
}

#[test]
fn special_characters_are_escaped() {
    let value = "a b&c=d+e[f]g/h?i#j%k é🎉\n\t~-_.";
    let pairs = to_pairs(&map([("x y&z=+é/?#%", value)])).unwrap();
    // Pairs are not yet escaped.
    assert_eq!(pairs, [("x y&z=+é/?#%".to_owned(), value.to_owned())]);
    assert_eq!(
        encode_pairs(&pairs),
        "x%20y%26z%3D%2B%C3%A9%2F%3F%23%25\
         =a%20b%26c%3Dd%2Be[f]g%2Fh%3Fi%23j%25k%20%C3%A9%F0%9F%8E%89%0A%09~-_."
    );
    assert_eq!(
        encode_pairs(&[
            ("a[b][0]".into(), "[]".into()),
            ("AZaz09".into(), String::new()),
        ]),
        "a[b][0]=[]&AZaz09="
    );
    assert_eq!(encode_pairs(&[]), "");
}

#[test]
fn nested_map_keys_are_escaped_inside_brackets() {
    #[derive(Serialize)]
    struct Params {
        metadata: BTreeMap<String, String>,
    }
    let params = Params {
        metadata: map([("order id", "#1")]),
    };
    assert_eq!(form(&params), "metadata[order%20id]=%231");
}

#[test]
fn map_keys() {
    let numbered: BTreeMap<u32, &str> = [(2, "b"), (10, "j")].into();
    assert_eq!(form(&numbered), "2=b&10=j");
    let chars: BTreeMap<char, u8> = [('x', 1)].into();
    assert_eq!(form(&chars), "x=1");
    let enums: BTreeMap<Update, u8> = [(Update::TaxId, 1)].into();
    assert_eq!(form(&enums), "tax_id=1");
    let wrapped: BTreeMap<Newtype, u8> = [(Newtype(-5), 1)].into();
    assert_eq!(form(&wrapped), "-5=1");

    let bools: BTreeMap<bool, u8> = [(true, 1)].into();
    assert_eq!(
        error(&bools),
        "cannot form-encode the parameters: \
         map keys must be strings, characters or integers, not a boolean"
    );
}

#[test]
fn map_keys_with_brackets_are_errors() {
    #[derive(Serialize)]
    struct Params {
        metadata: BTreeMap<String, String>,
    }
    for key in ["a[b]", "a]", "[", ""] {
        let params = Params {
            metadata: map([(key, "v")]),
        };
        let expected = if key.is_empty() {
            "cannot form-encode `metadata`: a key is empty".to_owned()
        } else {
            format!(
                "cannot form-encode `metadata`: the key {key:?} contains `[` or `]`, \
                 which Stripe reads as nesting"
            )
        };
        assert_eq!(error(&params), expected);
    }
}

#[test]
fn top_level_must_be_a_struct_or_map() {
    assert_eq!(
        error("x"),
        "cannot form-encode the parameters: \
         the top level must be a struct or a map, not a string"
    );
    assert_eq!(
        error(&vec![1]),
        "cannot form-encode the parameters: \
         the top level must be a struct or a map, not a sequence"
    );
    assert_eq!(
        error(&None::<Optional>),
        "cannot form-encode the parameters: \
         the top level must be a struct or a map, not `None`"
    );
    // A top-level `Clear` has nowhere to go.
    assert_eq!(
        error(&Clearable::<Optional>::Clear),
        "cannot form-encode the parameters: \
         the top level must be a struct or a map, not a string"
    );
    // Wrappers around a struct are fine, and an empty struct is an empty body.
    assert_eq!(form(&Some(Clearable::Set(Optional::default()))), "");
    assert_eq!(form(&map([("a", "1")])), "a=1");
}

#[test]
fn non_finite_floats_are_errors() {
    #[derive(Serialize)]
    struct Params {
        a: BTreeMap<&'static str, Vec<f64>>,
    }
    let params = Params {
        a: [("b", vec![1.0, f64::NAN])].into(),
    };
    assert_eq!(
        error(&params),
        "cannot form-encode `a[b][1]`: NaN is not a finite number"
    );
    let params = Params {
        a: [("c", vec![f64::NEG_INFINITY])].into(),
    };
    assert_eq!(
        error(&params),
        "cannot form-encode `a[c][0]`: -inf is not a finite number"
    );
}

struct Bytes;

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(b"raw")
    }
}

struct Failing;

impl Serialize for Failing {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("boom"))
    }
}

#[derive(Serialize)]
enum WithData {
    Pair(u8, u8),
    Wrapped(u8),
    Shaped { x: u8 },
}

#[test]
fn unencodable_values_name_their_key() {
    #[derive(Serialize)]
    struct Params<T> {
        outer: Vec<T>,
    }
    assert_eq!(
        error(&Params { outer: vec![Bytes] }),
        "cannot form-encode `outer[0]`: bytes have no form encoding; send text"
    );
    assert_eq!(
        error(&Params {
            outer: vec![WithData::Pair(1, 2)]
        }),
        "cannot form-encode `outer[0]`: \
         the enum variant `WithData::Pair` carries data, which has no form encoding"
    );
    assert_eq!(
        error(&Params {
            outer: vec![WithData::Wrapped(1)]
        }),
        "cannot form-encode `outer[0]`: \
         the enum variant `WithData::Wrapped` carries data, which has no form encoding"
    );
    assert_eq!(
        error(&Params {
            outer: vec![WithData::Shaped { x: 1 }]
        }),
        "cannot form-encode `outer[0]`: \
         the enum variant `WithData::Shaped` carries data, which has no form encoding"
    );
    assert_eq!(
        error(&Params {
            outer: vec![Failing]
        }),
        "cannot form-encode `outer[0]`: boom"
    );
    assert_eq!(error(&Failing), "cannot form-encode the parameters: boom");
}

#[test]
fn path_segments() {
    assert_eq!(encode_path_segment("bpc_1AbC-d_e.f~g"), "bpc_1AbC-d_e.f~g");
    assert_eq!(encode_path_segment("a/b"), "a%2Fb");
    // Dots are unreserved; see the function's documentation for why callers reject `..`.
    assert_eq!(encode_path_segment(".."), "..");
    assert_eq!(encode_path_segment("?x#y"), "%3Fx%23y");
    assert_eq!(encode_path_segment(" "), "%20");
    assert_eq!(encode_path_segment("é"), "%C3%A9");
    assert_eq!(encode_path_segment("[a]%"), "%5Ba%5D%25");
}

#[test]
fn generated_create_configuration_params() {
    use crate::params::{
        BusinessProfileCreateParams, CreateConfigurationParams,
        CustomerUpdateAllowedUpdates as Allowed, CustomerUpdateCreateParams, FeaturesCreateParams,
        SubscriptionUpdateCreateParams, SubscriptionUpdateProductParams,
    };
    let params = CreateConfigurationParams {
        business_profile: Some(BusinessProfileCreateParams {
            headline: Some(Clearable::Clear),
            ..BusinessProfileCreateParams::new()
        }),
        expand: Some(vec!["x".into()]),
        metadata: Some(map([("a", "1"), ("b", "")])),
        name: Some(Clearable::Set("Main portal".into())),
        ..CreateConfigurationParams::new(FeaturesCreateParams {
            customer_update: Some(CustomerUpdateCreateParams {
                allowed_updates: Some(Clearable::Set(vec![Allowed::Email, Allowed::TaxId])),
                ..CustomerUpdateCreateParams::new(true)
            }),
            subscription_update: Some(SubscriptionUpdateCreateParams {
                default_allowed_updates: Some(Clearable::Clear),
                products: Some(Clearable::Set(vec![SubscriptionUpdateProductParams::new(
                    vec!["price_1".into(), "price_2".into()],
                    "prod_1",
                )])),
                ..SubscriptionUpdateCreateParams::new(true)
            }),
            ..FeaturesCreateParams::new()
        })
    };
    assert_eq!(
        form(&params),
        "business_profile[headline]=\
         &expand[0]=x\
         &features[customer_update][allowed_updates][0]=email\
         &features[customer_update][allowed_updates][1]=tax_id\
         &features[customer_update][enabled]=true\
         &features[subscription_update][default_allowed_updates]=\
         &features[subscription_update][enabled]=true\
         &features[subscription_update][products][0][prices][0]=price_1\
         &features[subscription_update][products][0][prices][1]=price_2\
         &features[subscription_update][products][0][product]=prod_1\
         &metadata[a]=1\
         &metadata[b]=\
         &name=Main%20portal"
    );
}

#[test]
fn generated_update_configuration_params_clear_metadata() {
    use crate::params::UpdateConfigurationParams;
    let mut params = UpdateConfigurationParams {
        metadata: Some(Clearable::Clear),
        active: Some(false),
        ..UpdateConfigurationParams::new()
    };
    assert_eq!(form(&params), "active=false&metadata=");
    params.metadata = Some(Clearable::Set(BTreeMap::new()));
    assert_eq!(form(&params), "active=false&metadata=");
    params.metadata = Some(Clearable::Set(map([("k", "")])));
    assert_eq!(form(&params), "active=false&metadata[k]=");
}

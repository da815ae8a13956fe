//! Rule "parameter names": every struct a request is built from is named `<Stem>Params`, and
//! the types inside it `<Stem><Field>`, from the operation's parameters down to the deepest
//! sub-object.
//!
//! An operation's parameters are `CreateSessionParams`, and the enum of its `locale` is
//! `CreateSessionLocale`. One level down, Stripe titles its request objects, but spells the
//! same words several ways: `features_creation_param`, `business_profile_create_param`,
//! `schedule_update_at_period_end_creating_param`, `customer_update_updating_param`,
//! `subscription_update_confirm_discount_params`, `range_query_specs`. Taken as they are, the
//! names of one request read three ways, and `...Param` sits beside `...Params`. So a title's
//! stem is the title without its `_param`, `_params` or `_specs` tail, with a last word
//! `creation` or `creating` read as `create` and `updating` as `update`:
//! `features_creation_param` -> `FeaturesCreateParams`, its `type` enum `FeaturesCreateType`.
//!
//! The name depends only on the title (or, untitled, on the parent's stem and the property),
//! so a spec update renames nothing that did not change, and identical schemas with one title
//! still share one type. Two different schemas whose titles give one stem fall back to their
//! full paths, like any other contested name (`finish/name_claims.rs`), and those are named by
//! the same rule: `CreateAccountCompanyParams`, from the operation's stem and the properties.

use super::naming;

/// The word endings Stripe gives request object titles, removed from a title's stem.
const TITLE_TAILS: &[&str] = &["_params", "_param", "_specs"];

/// A verb at the end of a stem, as Stripe writes it, and how the stem spells it.
const VERB_FORMS: &[(&str, &str)] = &[
    ("_creation", "_create"),
    ("_creating", "_create"),
    ("_updating", "_update"),
];

/// The Rust stem of a request object's `title`: `schedule_update_at_period_end_creating_param`
/// -> `ScheduleUpdateAtPeriodEndCreate`.
pub fn title_stem(title: &str) -> String {
    let mut stem = title;
    if let Some(tail) = TITLE_TAILS.iter().find(|tail| stem.ends_with(*tail))
        && stem.len() > tail.len()
    {
        stem = &stem[..stem.len() - tail.len()];
    }
    let stem = match VERB_FORMS.iter().find(|(form, _)| stem.ends_with(form)) {
        Some((form, verb)) => format!("{}{verb}", &stem[..stem.len() - form.len()]),
        None => stem.to_owned(),
    };
    naming::type_stem(&stem)
}

/// The name of a request struct whose stem is `stem`.
pub fn struct_name(stem: &str) -> String {
    format!("{stem}Params")
}

/// The stem of a request struct's name: what its inner types' names start with. A struct that
/// took its fallback name may not end in `Params`; then the whole name is the stem.
pub fn stem_of(struct_name: &str) -> &str {
    match struct_name.strip_suffix("Params") {
        Some(stem) if !stem.is_empty() => stem,
        _ => struct_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripes_spellings_of_one_verb_give_one_stem() {
        let stems: Vec<String> = [
            "business_profile_create_param",
            "features_creation_param",
            "schedule_update_at_period_end_creating_param",
            "customer_update_updating_param",
            "payment_method_update_param",
            "subscription_update_confirm_discount_params",
            "range_query_specs",
            "flow_data_param",
            "price_data",
        ]
        .iter()
        .map(|t| title_stem(t))
        .collect();
        assert_eq!(
            stems,
            [
                "BusinessProfileCreate",
                "FeaturesCreate",
                "ScheduleUpdateAtPeriodEndCreate",
                "CustomerUpdateUpdate",
                "PaymentMethodUpdate",
                "SubscriptionUpdateConfirmDiscount",
                "RangeQuery",
                "FlowData",
                "PriceData",
            ]
        );
    }

    #[test]
    fn a_title_that_is_only_a_tail_keeps_it() {
        assert_eq!(title_stem("params"), "Params");
        assert_eq!(title_stem("_param"), "Param");
    }

    #[test]
    fn a_stem_may_be_a_name_the_generated_code_uses_its_struct_name_is_not() {
        assert_eq!(title_stem("clearable_param"), "Clearable");
        assert_eq!(
            struct_name(&title_stem("clearable_param")),
            "ClearableParams"
        );
    }

    #[test]
    fn the_stem_of_a_struct_name() {
        assert_eq!(stem_of("FlowDataParams"), "FlowData");
        assert_eq!(stem_of("Params"), "Params");
        assert_eq!(
            stem_of("CreateSessionFlowDataFallback"),
            "CreateSessionFlowDataFallback"
        );
    }
}

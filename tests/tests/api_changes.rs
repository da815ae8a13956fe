//! The API change report between Stripe's v127 and v524 specs (their committed selections).

use codegen::report::{self, Release, Surface};
use portal_tests::selection;

fn model(release: &str) -> codegen::model::Api {
    codegen::build_model(&selection(release), release, &portal_tests::pinned_scope())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn report_between(old: &str, new: &str) -> String {
    let (old_api, new_api) = (model(old), model(new));
    let changes = report::diff(&Surface::of(&old_api), &Surface::of(&new_api));
    report::render(
        &Release {
            tag: Some(old),
            api_version: &old_api.api_version,
        },
        &Release {
            tag: Some(new),
            api_version: &new_api.api_version,
        },
        &changes,
    )
}

#[test]
fn v127_to_v524() {
    let text = report_between("v127", "v524");
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("api_changes_v127_to_v524", text);
    });
}

#[test]
fn the_same_spec_has_no_changes() {
    let api = model("v524");
    assert_eq!(report::diff(&Surface::of(&api), &Surface::of(&api)), []);
}

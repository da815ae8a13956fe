//! Rule "absolute links": no doc of the generated crate links to a path of Stripe's site,
//! which rustdoc would resolve against the crate's own docs.

use portal_tests::workspace_root;

#[test]
fn the_generated_crate_has_no_relative_links() {
    let dir = workspace_root().join("generated/src/generated");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for relative in ["](/", "href=\"/", "href='/"] {
            assert!(!text.contains(relative), "{}: {relative}", path.display());
        }
        read += 1;
    }
    assert!(read > 0, "no generated files in {}", dir.display());
}

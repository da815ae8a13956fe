//! The crate's README is also its rustdoc front page (`generated/src/lib.rs`), where a link to
//! another file of the repository leads nowhere: its links go to the web or to its own
//! headings, and each heading a link names exists.

use std::path::PathBuf;

fn front_page() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated/README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The targets of the page's Markdown links, `[text](target)`.
fn link_targets(page: &str) -> Vec<&str> {
    page.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &page[at + 2..];
            rest.find(')').map(|end| &rest[..end])
        })
        .collect()
}

/// The anchors rustdoc and GitHub give the page's headings: lowercase, spaces to `-`, other
/// punctuation dropped.
fn heading_anchors(page: &str) -> Vec<String> {
    page.lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("#!"))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_front_page_links_to_the_web_or_its_own_headings() {
    let page = front_page();
    let anchors = heading_anchors(&page);
    let targets = link_targets(&page);
    assert!(
        !targets.is_empty(),
        "no link found: the link reader is broken"
    );
    for target in targets {
        if let Some(anchor) = target.strip_prefix('#') {
            assert!(
                anchors.iter().any(|a| a == anchor),
                "generated/README.md links to #{anchor}, which no heading has: {anchors:?}"
            );
        } else {
            assert!(
                target.starts_with("https://"),
                "generated/README.md links to {target}, which rustdoc cannot follow: \
                 name a repository file in words, or link to the web"
            );
        }
    }
}

#[test]
fn the_link_reader_sees_relative_links_and_anchors() {
    let page = "# Features and TLS\nsee [a](../codegen/README.md) and [b](#features-and-tls)";
    assert_eq!(
        link_targets(page),
        ["../codegen/README.md", "#features-and-tls"]
    );
    assert_eq!(heading_anchors(page), ["features-and-tls"]);
}

//! Rule "absolute links": a description's links relative to Stripe's site point at
//! `https://docs.stripe.com`.
//!
//! Stripe writes its descriptions for its own site, so some links are paths
//! (`[Customer management](/customer-management)`, `<a href="/docs/api">`); rustdoc would
//! resolve them against wherever the crate's docs are served, where they are broken. Older
//! releases link to `/docs/...`, the site's previous home, which now lives at the root of
//! `docs.stripe.com`. Done once on the finished model, before the rules that copy fields, so
//! every doc the emitter writes (types, fields, operations, path parameters) has it.

use crate::model::*;

/// Where Stripe's relative links lead.
pub const SITE: &str = "https://docs.stripe.com";

/// The old home of the docs on Stripe's site; what follows it is a path of [`SITE`].
const OLD_DOCS: &str = "/docs";

/// What opens a link's target: markdown, and HTML with either quote.
const OPENERS: [&str; 3] = ["](", "href=\"", "href='"];

/// Makes every relative link of every doc in `api` absolute.
pub fn apply(api: &mut Api) {
    let fix = |doc: &mut Option<String>| {
        if let Some(text) = doc {
            *text = absolute_links(text);
        }
    };
    for op in &mut api.operations {
        fix(&mut op.doc);
        op.path_params.iter_mut().for_each(|p| fix(&mut p.doc));
    }
    for def in &mut api.types {
        fix(&mut def.doc);
        if let TypeKind::Struct(s) = &mut def.kind {
            s.fields.iter_mut().for_each(|f| fix(&mut f.doc));
        }
    }
}

/// `text` with each link target that is a site path (`/x`, not `//host/x`) made absolute.
pub fn absolute_links(text: &str) -> String {
    let mut targets: Vec<usize> = OPENERS
        .iter()
        .flat_map(|opener| text.match_indices(opener).map(|(i, _)| i + opener.len()))
        .collect();
    targets.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for start in targets {
        let target = &text[start..];
        if !target.starts_with('/') || target.starts_with("//") {
            continue;
        }
        let path = target
            .strip_prefix(OLD_DOCS)
            .filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-'))
            .unwrap_or(target);
        out.push_str(&text[copied..start]);
        out.push_str(SITE);
        if !path.starts_with('/') {
            out.push('/');
        }
        copied = start + (target.len() - path.len());
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_become_docs_stripe_com() {
        for (text, expected) in [
            (
                "Related guide: [Customer management](/customer-management)",
                "Related guide: [Customer management](https://docs.stripe.com/customer-management)",
            ),
            (
                "See <a href=\"/docs/api/metadata#x\">metadata</a> and <a href='/docs'>docs</a>.",
                "See <a href=\"https://docs.stripe.com/api/metadata#x\">metadata</a> and <a href='https://docs.stripe.com/'>docs</a>.",
            ),
            (
                "[a](/api/payment_method_configurations) then [b](/docsearch)",
                "[a](https://docs.stripe.com/api/payment_method_configurations) then [b](https://docs.stripe.com/docsearch)",
            ),
        ] {
            assert_eq!(absolute_links(text), expected, "{text}");
        }
    }

    #[test]
    fn absolute_and_other_targets_are_kept() {
        for text in [
            "[metadata](https://docs.stripe.com/api/metadata)",
            "[cdn](//example.com/x) and [anchor](#section) and `f(/x)`",
            "<a href=\"mailto:support@stripe.com\">us</a>, a path /customer-management in prose",
            "",
        ] {
            assert_eq!(absolute_links(text), text);
        }
    }
}

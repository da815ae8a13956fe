//! Spec descriptions as rustdoc, and rustdoc as doc attributes.
//!
//! Stripe's descriptions mix HTML (`<p>`, `<code>`, `<a href>`) with markdown, and contain
//! text that rustdoc would misread: `metadata[key]` looks like an intra-doc link, bare URLs and
//! placeholders like `<currency>` draw warnings, and indented lines would become doctests. This
//! module turns them into markdown that renders as Stripe meant it and builds without warnings.

use proc_macro2::TokenStream;
use quote::quote;

/// Converts a spec description to rustdoc markdown.
pub fn rustdoc(text: &str) -> String {
    let markdown = map_prose(text, html_to_markdown);
    let escaped = map_prose(&markdown, escape_prose);
    tidy_lines(&escaped)
}

/// Applies `f` to the parts of `text` outside inline code spans.
fn map_prose(text: &str, f: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = find_code_tick(rest) {
        let run = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let fence = &rest[start..start + run];
        let after = &rest[start + run..];
        match after.find(fence) {
            Some(end) => {
                out.push_str(&f(&rest[..start]));
                out.push_str(&rest[start..start + run + end + run]);
                rest = &after[end + run..];
            }
            None => {
                // An unmatched backtick is literal text; escape it so nothing pairs with it.
                out.push_str(&f(&rest[..start]));
                out.push_str(&"\\`".repeat(run));
                rest = after;
            }
        }
    }
    out.push_str(&f(rest));
    out
}

/// The first backtick that is not escaped with a backslash.
fn find_code_tick(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'`' && (i == 0 || bytes[i - 1] != b'\\'))
}

fn html_to_markdown(prose: &str) -> String {
    let mut out = String::with_capacity(prose.len());
    let mut rest = prose;
    let mut link_target: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let Some(gt) = tail.find('>') else {
            out.push_str("&lt;");
            rest = &tail[1..];
            continue;
        };
        let inner = &tail[1..gt];
        let (closing, body) = match inner.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, inner.trim_end_matches('/')),
        };
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let replacement = match (name.as_str(), closing) {
            ("p", false) => Some(String::new()),
            ("ul", false) => Some("\n".to_owned()),
            ("ul", true) => Some("\n\n".to_owned()),
            ("p", true) => Some("\n\n".to_owned()),
            ("br", _) => Some("\n".to_owned()),
            ("code", _) => Some("`".to_owned()),
            ("strong", _) | ("b", _) => Some("**".to_owned()),
            ("em", _) | ("i", _) => Some("*".to_owned()),
            ("li", false) => Some("\n- ".to_owned()),
            ("li", true) => Some(String::new()),
            ("a", false) => {
                link_target = attribute(body, "href");
                Some("[".to_owned())
            }
            ("a", true) => Some(match link_target.take() {
                Some(href) => format!("]({href})"),
                None => "]".to_owned(),
            }),
            _ => None,
        };
        match replacement {
            Some(r) => {
                out.push_str(&r);
                rest = &tail[gt + 1..];
            }
            None => {
                // Not markup we know (`<currency>` is a placeholder): show it as text.
                out.push_str("&lt;");
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attribute(tag_body: &str, name: &str) -> Option<String> {
    let start = tag_body.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag_body[start..].find('"')?;
    Some(tag_body[start..start + len].to_owned())
}

/// Escapes brackets that are not markdown links, stray `<` and `>`, and wraps bare URLs.
fn escape_prose(prose: &str) -> String {
    let mut out = String::with_capacity(prose.len() + 8);
    let mut i = 0;
    let bytes = prose.as_bytes();
    while i < prose.len() {
        let rest = &prose[i..];
        if rest.starts_with('[') {
            if let Some(len) = link_len(rest) {
                out.push_str(&rest[..len]);
                i += len;
                continue;
            }
            out.push_str("\\[");
            i += 1;
        } else if rest.starts_with(']') {
            out.push_str("\\]");
            i += 1;
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            let preceded_by_angle = i > 0 && bytes[i - 1] == b'<';
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            if preceded_by_angle {
                out.push_str(url);
            } else {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            i += url.len();
        } else if rest.starts_with('<') && !rest[1..].starts_with("http") {
            out.push_str("&lt;");
            i += 1;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Length of a markdown link `[text](target)` at the start of `s`, if there is one.
fn link_len(s: &str) -> Option<usize> {
    let close = s.find(']')?;
    if s[1..close].contains('[') || !s[close + 1..].starts_with('(') {
        return None;
    }
    let target_len = s[close + 2..].find(')')?;
    let target = &s[close + 2..close + 2 + target_len];
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some(close + 2 + target_len + 1)
}

/// Trims every line (indentation would make a code block), and keeps at most one blank line.
fn tidy_lines(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    // A list item followed directly by a paragraph line would continue the item.
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        out.push(line);
        let next = lines.get(i + 1);
        if line.starts_with("- ") && next.is_some_and(|n| !n.is_empty() && !n.starts_with("- ")) {
            out.push("");
        }
    }
    out.join("\n")
}

/// `#[doc = "..."]` attributes, one per line, from rustdoc markdown.
pub(super) fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Inner `#![doc = "..."]` attributes.
pub(super) fn inner_doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

#[cfg(test)]
mod tests {
    use super::rustdoc;

    #[test]
    fn html_paragraphs_code_and_links() {
        assert_eq!(
            rustdoc("<p>Creates a <code>session</code>. See <a href=\"/docs/x\">the docs</a>.</p>"),
            "Creates a `session`. See [the docs](/docs/x)."
        );
        assert_eq!(rustdoc("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
    }

    #[test]
    fn keeps_markdown_links_and_escapes_other_brackets() {
        assert_eq!(
            rustdoc("Set of [key-value pairs](https://stripe.com/docs/api/metadata)."),
            "Set of [key-value pairs](https://stripe.com/docs/api/metadata)."
        );
        assert_eq!(
            rustdoc("Send settings[mode] here."),
            "Send settings\\[mode\\] here."
        );
        assert_eq!(
            rustdoc("Use `expand[]=x` please"),
            "Use `expand[]=x` please"
        );
    }

    #[test]
    fn bare_urls_and_placeholders() {
        assert_eq!(
            rustdoc("Contact https://support.stripe.com/contact/."),
            "Contact <https://support.stripe.com/contact/>."
        );
        assert_eq!(rustdoc("In <currency> units"), "In &lt;currency> units");
        assert_eq!(rustdoc("`<currency>` stays"), "`<currency>` stays");
    }

    #[test]
    fn no_indented_code_blocks_and_lists_end_cleanly() {
        assert_eq!(rustdoc("a\n\n\n    b  \n"), "a\n\nb");
        assert_eq!(
            rustdoc("<ul><li>one</li><li>two</li></ul>after"),
            "- one\n- two\n\nafter"
        );
    }

    #[test]
    fn unmatched_backtick_is_literal() {
        assert_eq!(rustdoc("a ` b [c]"), "a \\` b \\[c\\]");
    }
}

//! Parsing the `Stripe-Signature` header the way stripe-python reads it: items split on `,`,
//! each item's key up to its first `=` and value up to the next `=`, the first `t` read as
//! Python's `int()` reads it, and every `v1` kept in order.

use super::SignatureError;

/// A header that parsed: its timestamp and its `v1` values, in order, borrowed from it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Header<'a> {
    /// The first `t`, as an integer (the signed message uses its decimal form).
    pub timestamp: i64,
    /// Every `v1` value, in order (possibly empty strings, possibly not hex).
    pub v1: Vec<&'a [u8]>,
}

/// Reads a `Stripe-Signature` header value.
///
/// Like stripe-python's `_get_timestamp_and_signatures` (`[i.split("=", 2) for i in
/// header.split(",")]`, then the first `t`'s `int()` and every `v1`'s value):
/// - keys are compared as they are: neither trimmed nor case-folded (` v1`, `V1` and ` t` are
///   other keys);
/// - an item without `=` is ignored, unless its key is `t` or `v1` (Python's `i[1]` raises
///   there): then the header is malformed;
/// - the value is the text between the first `=` and the next one (`v1=<sig>=extra` gives
///   `<sig>`);
/// - the first `t` counts (stripe-node takes the last); later ones are only required to have
///   a value;
/// - no `t`, or a first `t` that is not an integer, is a malformed header.
///
/// No `v1` is not an error here (the caller reports it after this parse succeeds).
pub(super) fn parse(header: &[u8]) -> Result<Header<'_>, SignatureError> {
    if header.is_empty() {
        return Err(SignatureError::MalformedHeader);
    }
    let mut first_t = None;
    let mut v1 = Vec::new();
    for item in header.split(|&b| b == b',') {
        let mut parts = item.splitn(3, |&b| b == b'=');
        let key = parts.next().unwrap_or_default();
        let value = parts.next();
        match key {
            b"t" => {
                let value = value.ok_or(SignatureError::MalformedHeader)?;
                first_t.get_or_insert(value);
            }
            b"v1" => v1.push(value.ok_or(SignatureError::MalformedHeader)?),
            _ => {}
        }
    }
    let timestamp = first_t
        .and_then(python_int)
        .ok_or(SignatureError::MalformedHeader)?;
    Ok(Header { timestamp, v1 })
}

/// Python's `int(text)` (base 10) for ASCII text, within `i64`: optional ASCII whitespace
/// (space, `\t`, `\n`, `\v`, `\f`, `\r`) around, an optional `+` or `-`, then decimal digits
/// with single `_` allowed between two digits; leading zeros are fine.
///
/// Stricter than Python in two ways, both documented on the module: a value outside `i64`
/// (Python has no limit) and non-ASCII digits or spaces (Python takes `٣` or a no-break
/// space) are refused.
pub(super) fn python_int(text: &[u8]) -> Option<i64> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let start = text.iter().position(|b| !is_space(b))?;
    let end = text.iter().rposition(|b| !is_space(b))? + 1;
    let text = &text[start..end];
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    // Accumulated as a negative number so that i64::MIN reads too.
    let mut value: i64 = 0;
    let mut previous_was_digit = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value.checked_mul(10)?.checked_sub(i64::from(b - b'0'))?;
                previous_was_digit = true;
            }
            b'_' if previous_was_digit => previous_was_digit = false,
            _ => return None,
        }
    }
    // Empty, or ending with `_`.
    if !previous_was_digit {
        return None;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1s(header: &str) -> Vec<&str> {
        parse(header.as_bytes())
            .unwrap()
            .v1
            .iter()
            .map(|v| std::str::from_utf8(v).unwrap())
            .collect()
    }

    fn t(header: &str) -> Result<i64, SignatureError> {
        parse(header.as_bytes()).map(|h| h.timestamp)
    }

    #[test]
    fn reads_t_and_every_v1_in_order() {
        let h = parse(b"t=1780000090,v1=aa,v0=bb,v1=cc,v2=dd").unwrap();
        assert_eq!(h.timestamp, 1780000090);
        assert_eq!(h.v1, [&b"aa"[..], b"cc"]);
    }

    #[test]
    fn the_value_stops_at_the_second_equals_sign() {
        assert_eq!(v1s("t=1,v1=abc=extra=more"), ["abc"]);
        assert_eq!(t("t=5=6,v1=a"), Ok(5));
        assert_eq!(v1s("t=1,v1=="), [""]);
    }

    #[test]
    fn empty_and_absent_values() {
        assert_eq!(v1s("t=1,v1="), [""]);
        assert_eq!(v1s("t=1,v1=,v1=ab"), ["", "ab"]);
        assert_eq!(v1s("t=1"), Vec::<&str>::new());
        // A bare `t` or `v1` item: Python's `i[1]` raises.
        assert_eq!(t("t=1,v1"), Err(SignatureError::MalformedHeader));
        assert_eq!(t("t=1,v1,v1=ab"), Err(SignatureError::MalformedHeader));
        assert_eq!(t("t=1,t,v1=ab"), Err(SignatureError::MalformedHeader));
        assert_eq!(t("t,t=1,v1=ab"), Err(SignatureError::MalformedHeader));
        // A bare unknown item, or an empty one, is ignored.
        assert_eq!(v1s("t=1,foo,,v1=ab,"), ["ab"]);
    }

    #[test]
    fn keys_are_exact() {
        assert_eq!(t(" t=1,v1=a"), Err(SignatureError::MalformedHeader));
        assert_eq!(t("T=1,v1=a"), Err(SignatureError::MalformedHeader));
        assert_eq!(v1s("t=1, v1=a,V1=b,v1 =c"), Vec::<&str>::new());
        // Values are not trimmed either (the compare then fails).
        assert_eq!(v1s("t=1,v1=ab "), ["ab "]);
    }

    #[test]
    fn the_first_t_counts() {
        assert_eq!(t("t=1,t=2,v1=a"), Ok(1));
        // Later ones need only a value; it is never read as an integer.
        assert_eq!(t("t=1,t=abc,v1=a"), Ok(1));
        assert_eq!(t("t=abc,t=1,v1=a"), Err(SignatureError::MalformedHeader));
        assert_eq!(t("v1=a,t=7"), Ok(7));
    }

    #[test]
    fn empty_or_without_t_is_malformed() {
        for header in ["", ",", "hello", "v1=abc", "t", "t=", "=", "==,,"] {
            assert_eq!(
                t(header),
                Err(SignatureError::MalformedHeader),
                "{header:?}"
            );
        }
    }

    #[test]
    fn t_reads_like_python_int() {
        let ok: &[(&str, i64)] = &[
            ("1780000090", 1780000090),
            ("+1780000090", 1780000090),
            ("01780000090", 1780000090),
            (" 1780000090", 1780000090),
            ("1780000090 ", 1780000090),
            ("\t\n\x0b\x0c\r 5 \r", 5),
            ("-100", -100),
            ("-1", -1),
            ("-0", 0),
            ("00", 0),
            ("1_000", 1000),
            ("0_0", 0),
            (" -0_1 ", -1),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
        ];
        for (text, value) in ok {
            assert_eq!(python_int(text.as_bytes()), Some(*value), "{text:?}");
            assert_eq!(t(&format!("t={text},v1=a")), Ok(*value), "{text:?}");
        }
        // Python refuses these too (`\x1c` is Unicode whitespace but not C's `isspace`).
        let refused = [
            "", " ", "+", "-", "+-1", "--1", "+ 5", "1 2", "1.5", "1e3", "0x10", "abc", "NaN",
            "_1", "1_", "1__0", "+_1", "\x1c5",
        ];
        // Python reads these (no-break space, Arabic-Indic digit, no limit); we refuse them.
        let stricter = [
            "\u{a0}5",
            "5\u{a0}",
            "\u{663}",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
        ];
        for text in refused.into_iter().chain(stricter) {
            assert_eq!(python_int(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_do_not_panic() {
        let h = parse(b"t=1,v1=\xff\xfe,\xc3=\x80").unwrap();
        assert_eq!(h.v1, [&b"\xff\xfe"[..]]);
        assert_eq!(t("t=\u{e9}"), Err(SignatureError::MalformedHeader));
        assert_eq!(parse(b"t=\xff1,v1=a"), Err(SignatureError::MalformedHeader));
    }

    #[test]
    fn huge_headers() {
        let mut header = String::from("t=1");
        for _ in 0..100_000 {
            header.push_str(",v1=0123456789abcdef");
        }
        assert_eq!(parse(header.as_bytes()).unwrap().v1.len(), 100_000);
        let garbage = ",".repeat(1 << 20);
        assert_eq!(t(&garbage), Err(SignatureError::MalformedHeader));
    }
}

//! Rule "enum odd values".

use super::*;
use rule_specs::enum_odd_values::params::{CreateSessionKind, CreateSessionParams};
use rule_specs::enum_odd_values::resources::{Session, SessionKind, SessionLocale, SessionStatus};

const WIRE: [&str; 7] = [
    "auto",
    "en-AU",
    "es-419",
    "zh-HK",
    "3d_secure",
    "billing_portal.session",
    "unknown",
];

fn session(kind: &str, locale: Value, status: &str) -> Value {
    json!({"id": "s_1", "kind": kind, "locale": locale, "status": status})
}

#[test]
fn odd_values_map_to_variants() {
    let s: Session = from_json(session("es-419", json!("zh-HK"), "unknown"));
    assert_eq!(s.kind, SessionKind::Es419);
    assert_eq!(s.locale, Some(SessionLocale::ZhHk));
    assert_eq!(s.status, SessionStatus::UnknownValue);
    let s: Session = from_json(session("billing_portal.session", Value::Null, "other"));
    assert_eq!(s.kind, SessionKind::BillingPortalSession);
    assert_eq!(s.locale, None);
    assert_eq!(s.status, SessionStatus::Other);
    let s: Session = from_json(session("3d_secure", json!("en-AU"), "active"));
    assert_eq!(s.kind, SessionKind::V3dSecure);
    assert_eq!(s.locale, Some(SessionLocale::EnAu));
}

#[test]
fn known_response_values_round_trip() {
    for wire in WIRE {
        let kind: SessionKind = from_json(json!(wire));
        assert_eq!(kind.as_str(), wire);
        assert_eq!(to_json(&kind), json!(wire));
    }
    // `unknown` is a value of this enum: its variant is renamed, never the catch-all.
    assert_eq!(
        from_json::<SessionKind>(json!("unknown")),
        SessionKind::UnknownValue
    );
}

#[test]
fn unknown_response_values_are_kept_verbatim() {
    let s: Session = from_json(session("new-Kind.2", json!("pt-BR"), "paused"));
    // The catch-all is `Unknown` in every response enum, whatever values it has.
    assert_eq!(s.kind, SessionKind::Unknown("new-Kind.2".into()));
    assert_eq!(s.locale, Some(SessionLocale::Unknown("pt-BR".into())));
    assert_eq!(s.status, SessionStatus::Unknown("paused".into()));
    assert_eq!(to_json(&s), session("new-Kind.2", json!("pt-BR"), "paused"));
}

#[test]
fn request_enum_is_closed() {
    for (wire, kind) in [
        ("en-AU", CreateSessionKind::EnAu),
        ("es-419", CreateSessionKind::Es419),
        ("3d_secure", CreateSessionKind::V3dSecure),
        (
            "billing_portal.session",
            CreateSessionKind::BillingPortalSession,
        ),
        ("unknown", CreateSessionKind::Unknown),
    ] {
        assert_eq!(kind.as_str(), wire);
        assert_eq!(
            to_json(&CreateSessionParams::new(kind)),
            json!({"kind": wire})
        );
        assert_eq!(from_json::<CreateSessionKind>(json!(wire)), kind);
    }
    let err = serde_json::from_value::<CreateSessionKind>(json!("en-au")).unwrap_err();
    assert!(err.to_string().contains("unknown variant `en-au`"), "{err}");
}

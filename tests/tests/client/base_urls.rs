//! Which base URLs a client accepts, and the URL it then sends to.

use super::*;

async fn plain_http_is_refused_unless_allowed_or_loopback(flavor: Flavor) {
    let err = Settings::new(KEY, "http://example.com", 0)
        .build(flavor)
        .unwrap_err();
    let Error::Config(message) = &err else {
        panic!("expected Error::Config, got {err:?}");
    };
    assert!(message.contains("http://"), "{message}");
    assert!(message.contains("example.com"), "{message}");
    assert_key_hidden(&err);

    let client = Settings::new(KEY, "http://example.com", 0)
        .allow_insecure_http()
        .client(flavor);
    let prepared = client.prepare(&retrieve("bpc_1")).unwrap();
    assert_eq!(
        prepared.url,
        "http://example.com/v1/billing_portal/configurations/bpc_1"
    );

    let client = Settings::new(KEY, "https://proxy.example.com/stripe/", 0).client(flavor);
    let prepared = client.prepare(&retrieve("bpc_1")).unwrap();
    assert_eq!(
        prepared.url,
        "https://proxy.example.com/stripe/v1/billing_portal/configurations/bpc_1"
    );

    for loopback in [
        "http://localhost:12111",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
    ] {
        let built = Settings::new(KEY, loopback, 0).build(flavor);
        assert!(built.is_ok(), "{loopback}: {built:?}");
    }
    let refused = Settings::new(KEY, "ftp://example.com", 0).build(flavor);
    assert!(matches!(refused, Err(Error::Config(_))), "{refused:?}");
}
both_clients!(plain_http_is_refused_unless_allowed_or_loopback);

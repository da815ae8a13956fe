//! Connect: the client-wide `Stripe-Account`, and a request's own winning over it.

use super::*;

async fn sends_the_client_wide_account_and_lets_a_request_override_it(flavor: Flavor) {
    let server = configuration_server().await;
    let client = Settings::new(KEY, server.uri(), 0)
        .stripe_account("acct_default")
        .client(flavor);

    client.send(retrieve("bpc_123")).await.unwrap();
    client
        .send(retrieve("bpc_123").stripe_account("acct_own"))
        .await
        .unwrap();
    client.send(deactivate("bpc_123")).await.unwrap();

    let requests = received(&server).await;
    let accounts: Vec<_> = requests
        .iter()
        .map(|r| header(r, "Stripe-Account"))
        .collect();
    assert_eq!(
        accounts,
        [Some("acct_default"), Some("acct_own"), Some("acct_default")]
    );
    let prepared = client.prepare(&retrieve("bpc_123")).unwrap();
    assert_eq!(prepared.header("Stripe-Account"), Some("acct_default"));
}
both_clients!(sends_the_client_wide_account_and_lets_a_request_override_it);

async fn sends_no_account_when_none_is_set(flavor: Flavor) {
    let server = configuration_server().await;

    client(flavor, &server, 0)
        .send(retrieve("bpc_123"))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(header(&requests[0], "Stripe-Account"), None);
}
both_clients!(sends_no_account_when_none_is_set);

async fn refuses_a_client_wide_account_that_cannot_be_a_header(flavor: Flavor) {
    let err = Settings::new(KEY, "http://127.0.0.1:9", 0)
        .stripe_account("acct_1\r\nX-Injected: 1")
        .build(flavor)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("invalid Stripe-Account header value")),
        "{err:?}"
    );
}
both_clients!(refuses_a_client_wide_account_that_cannot_be_a_header);

//! The secret key, on every error path: no error or `Debug` output of either client holds it.

use super::*;

/// One request against a server that answers once with `answer`.
async fn error_from(
    flavor: Flavor,
    answer: Vec<u8>,
    request: Request<BillingPortalConfiguration>,
) -> Error {
    let server = Server::start(move |_, _| Answer::Bytes(answer.clone())).await;
    client(flavor, &server, 0).send(request).await.unwrap_err()
}

/// Every kind of error, provoked with the key echoed back wherever a server or a caller could
/// put it (error fields, `Request-Id`, HTML pages, JSON keys, header values, map keys, base
/// URLs): none shows the key in `Display`, `Debug` or a source, and where the key was echoed
/// the text says `[redacted]` instead.
async fn the_key_is_hidden_on_every_error_path(flavor: Flavor) {
    let echo_id = format!("req_{KEY}");
    let mut errors: Vec<(&str, bool, Error)> = Vec::new();

    let fields = json!({"error": {
        "type": format!("invalid_request_error {KEY}"), "code": KEY, "decline_code": KEY,
        "message": format!("Invalid API Key provided: {KEY}"), "param": KEY,
        "doc_url": format!("https://stripe.com/docs#{KEY}"),
    }});
    let answer = response_with_id(
        401,
        "application/json",
        &echo_id,
        fields.to_string().as_bytes(),
    );
    errors.push((
        "api error",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let answer = response_with_id(
        200,
        "text/plain",
        &echo_id,
        format!("your key is {KEY}").as_bytes(),
    );
    errors.push((
        "2xx not JSON",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let mut config = configuration_json();
    config["metadata"] = json!({KEY: 5});
    let answer = response_with_id(
        200,
        "application/json",
        &echo_id,
        config.to_string().as_bytes(),
    );
    errors.push((
        "2xx wrong type under a key-named field",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let page = format!("<html>502 for {KEY}</html>");
    let answer = response_with_id(502, "text/html", &echo_id, page.as_bytes());
    errors.push((
        "non-2xx not Stripe's error",
        true,
        error_from(flavor, answer, retrieve()).await,
    ));

    let refused = {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Settings::new(KEY, format!("http://127.0.0.1:{port}"), 0).client(flavor)
    };
    errors.push((
        "connection refused",
        false,
        refused.send(retrieve()).await.unwrap_err(),
    ));

    let silent = Server::start(|_, _| Answer::Silence).await;
    let impatient = Settings::new(KEY, silent.url(), 0)
        .timeout(Duration::from_millis(100))
        .client(flavor);
    errors.push((
        "timeout",
        false,
        impatient.send(retrieve()).await.unwrap_err(),
    ));

    let reset = Server::start(|_, _| {
        Answer::BytesThenReset(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{".to_vec())
    })
    .await;
    errors.push((
        "reset",
        false,
        client(flavor, &reset, 0)
            .send(retrieve())
            .await
            .unwrap_err(),
    ));

    let huge = Server::start(|_, _| {
        Answer::BytesThenSilence(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n".to_vec())
    })
    .await;
    errors.push((
        "too large",
        false,
        capped_client(flavor, &huge, 1024)
            .send(retrieve())
            .await
            .unwrap_err(),
    ));

    let built = Settings::new(KEY, format!("ftp://{KEY}.example.com"), 0).build(flavor);
    errors.push(("config: base URL", true, built.unwrap_err()));

    let server = Server::start(|_, _| Answer::Silence).await;
    let client = client(flavor, &server, 0);
    let header = || retrieve().stripe_account(format!("{KEY}\r\nX-Injected: 1"));
    errors.push((
        "config: header value, sent",
        true,
        client.send(header()).await.unwrap_err(),
    ));
    errors.push((
        "config: header value, prepared",
        true,
        client.prepare(&header()).unwrap_err(),
    ));

    let bad_metadata = || {
        let params = UpdateConfigurationParams {
            metadata: Some(BTreeMap::from([(format!("{KEY}[x]"), "v".to_owned())]).into()),
            ..UpdateConfigurationParams::new()
        };
        operations::update_configuration("bpc_1", &params)
    };
    errors.push((
        "encode, sent",
        true,
        client.send(bad_metadata()).await.unwrap_err(),
    ));
    errors.push((
        "encode, prepared",
        true,
        client.prepare(&bad_metadata()).unwrap_err(),
    ));
    assert!(server.received().is_empty(), "refused requests were sent");

    let mut kinds = BTreeSet::new();
    for (what, echoed, err) in &errors {
        assert_key_hidden(err);
        let text = format!("{err} {err:?}");
        assert_eq!(text.contains("[redacted]"), *echoed, "{what}: {text}");
        kinds.insert(match err {
            Error::Api(_) => "api".to_owned(),
            Error::Decode(e) => format!("decode {}", e.status / 100),
            Error::Transport(e) => format!("transport {:?}", e.kind),
            Error::Config(_) => "config".to_owned(),
            Error::Encode(_) => "encode".to_owned(),
            other => panic!("a new kind of error, add it here: {other:?}"),
        });
    }
    let expected = [
        "api",
        "config",
        "decode 2",
        "decode 5",
        "encode",
        "transport Connect",
        "transport Other",
        "transport Timeout",
        "transport TooLarge",
    ];
    assert_eq!(
        kinds.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );

    // And the values that hold the key.
    let builder = Client::builder(KEY).base_url(server.url());
    let blocking_builder = blocking::Client::builder(KEY).base_url(server.url());
    for text in [
        format!("{builder:?}"),
        format!("{blocking_builder:?}"),
        format!("{client:?}"),
        format!("{:?}", client.prepare(&deactivate()).unwrap()),
    ] {
        assert!(!text.contains(KEY), "{text}");
    }
}
both_clients!(the_key_is_hidden_on_every_error_path);

//! Broken connections: resets, bodies cut short, answers that never come.

use super::*;

/// A reset after half a response is a transport failure; the POST is retried with the same
/// key and body, and succeeds once the server answers.
async fn a_connection_reset_mid_response_is_retried_with_the_same_key(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let half = full[..full.len() / 2].to_vec();
    let server = Server::start(move |n, _| match n {
        0 | 1 => Answer::BytesThenReset(half.clone()),
        _ => Answer::Bytes(full.clone()),
    })
    .await;

    let config = client(flavor, &server, 2).send(deactivate()).await.unwrap();

    assert_eq!(config.id, configuration_id());
    let requests = server.received();
    assert_eq!(requests.len(), 3);
    assert_one_logical_write(&requests);
}
both_clients!(a_connection_reset_mid_response_is_retried_with_the_same_key);

async fn resets_on_every_attempt_end_in_a_transport_error(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::BytesThenReset(full[..100].to_vec())).await;

    let err = client(flavor, &server, 2)
        .send(deactivate())
        .await
        .unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Other, "{err}");
    assert_eq!(transport.attempts, 3);
    assert!(
        err.to_string()
            .starts_with("the connection to Stripe failed ("),
        "{err}"
    );
    assert!(err.to_string().ends_with("; 3 attempts)"), "{err}");
    assert_eq!(err.status(), None);
    assert_key_hidden(&err);
    assert_one_logical_write(&server.received());
}
both_clients!(resets_on_every_attempt_end_in_a_transport_error);

/// A body cut short of its `Content-Length` (the server closes cleanly, too early) is not
/// mistaken for a complete answer.
async fn a_truncated_body_is_a_transport_error_and_retried(flavor: Flavor) {
    let full = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::Bytes(full[..full.len() - 10].to_vec())).await;

    let err = client(flavor, &server, 1)
        .send(retrieve())
        .await
        .unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Other, "{err}");
    assert_eq!(transport.attempts, 2);
    assert_key_hidden(&err);
    assert_eq!(server.received().len(), 2);
}
both_clients!(a_truncated_body_is_a_transport_error_and_retried);

/// No answer at all, and an answer whose body never comes: both end at the timeout, once per
/// attempt, and the total is bounded by the attempts' timeouts plus the backoff.
async fn an_answer_that_never_arrives_times_out_on_every_attempt(flavor: Flavor) {
    let head =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":";
    for (what, stall_after_head) in [("no answer", false), ("headers only", true)] {
        let server = Server::start(move |_, _| {
            if stall_after_head {
                // The head and a few bytes arrive, the rest never does: the connection stays
                // open because the client still waits for 500 bytes.
                Answer::BytesThenSilence(head.to_vec())
            } else {
                Answer::Silence
            }
        })
        .await;
        let client = settings(&server, 1)
            .timeout(Duration::from_millis(300))
            .client(flavor);

        let started = Instant::now();
        let err = client.send(deactivate()).await.unwrap_err();
        let elapsed = started.elapsed();

        let transport = transport_error(&err);
        assert_eq!(transport.kind, TransportKind::Timeout, "{what}: {err}");
        assert_eq!(transport.attempts, 2, "{what}");
        // Two timeouts of 300 ms and one backoff of 20..40 ms.
        assert!(elapsed >= Duration::from_millis(620), "{what}: {elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{what}: {elapsed:?}");
        assert_key_hidden(&err);
        assert_one_logical_write(&server.received());
    }
}
both_clients!(an_answer_that_never_arrives_times_out_on_every_attempt);

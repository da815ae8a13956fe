//! Hostile ids stay one path segment on the wire.

use super::*;

/// Ids that would change the path or add a query if pasted in reach the server as one path
/// segment that decodes back to the id, with no query.
async fn hostile_ids_stay_one_path_segment_on_the_wire(flavor: Flavor) {
    let config = response(
        200,
        "application/json",
        configuration_json().to_string().as_bytes(),
    );
    let server = Server::start(move |_, _| Answer::Bytes(config.clone())).await;
    let client = client(flavor, &server, 0);
    let ids = [
        "a/b", "a?b=c", "a#frag", "../x", "..%2F", "x/..", "sp ace", "é😀", "%2F", "a\r\nb", "\0",
        "a&b=c", "a;b", "+", "~.", "...",
    ];
    for id in ids {
        let request = operations::retrieve_configuration(id, &RetrieveConfigurationParams::new());
        client
            .send(request)
            .await
            .unwrap_or_else(|e| panic!("{id:?}: {e}"));
    }
    let received = server.received();
    assert_eq!(received.len(), ids.len());
    for (id, request) in ids.iter().zip(&received) {
        assert_eq!(request.method, "GET");
        let segment = request
            .target
            .strip_prefix("/v1/billing_portal/configurations/")
            .unwrap_or_else(|| panic!("{id:?}: {}", request.target));
        assert!(
            !segment.contains(['/', '?', '#']),
            "{id:?}: {}",
            request.target
        );
        // The form decoder's unescaping is the path's too, but for `+`, which a path keeps.
        let decoded = form_decoder::pairs(&format!("x={}", segment.replace('+', "%2B"))).unwrap();
        assert_eq!(decoded[0].1, *id, "{}", request.target);
    }
}
both_clients!(hostile_ids_stay_one_path_segment_on_the_wire);

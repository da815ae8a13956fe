//! A storm of 500s is one logical write within the backoff schedule, and many requests at once
//! through one client do not cross.

use super::*;

/// The server applies a write the first time it sees an idempotency key and answers 500 every
/// time: the client stops after `max_retries`, within the backoff schedule, and the server has
/// applied exactly one write.
async fn a_storm_of_500s_is_one_logical_write_within_the_backoff_schedule(flavor: Flavor) {
    let writes: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
    let ledger = writes.clone();
    let server = Server::start(move |_, request| {
        let key = request.header("Idempotency-Key").unwrap_or("").to_owned();
        let mut ledger = ledger.lock().unwrap();
        match ledger.get(&key) {
            Some(first) => assert_eq!(first, &request.body, "same key, other body"),
            None => {
                ledger.insert(key, request.body.clone());
            }
        }
        json_answer(
            500,
            &json!({"error": {"type": "api_error", "message": "Try later"}}),
        )
    })
    .await;

    let started = Instant::now();
    let err = client(flavor, &server, 4)
        .send(deactivate())
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert_eq!(err.status(), Some(500));
    let requests = server.received();
    assert_eq!(requests.len(), 5, "max_retries + 1");
    assert_one_logical_write(&requests);
    assert_eq!(writes.lock().unwrap().len(), 1, "one logical write");
    // Delays: max(initial, min(20 * 2^n, 80) * [0.5, 1)) for n = 0..4: at least
    // 20 + 20 + 40 + 40 = 120 ms, at most 20 + 40 + 80 + 80 = 220 ms, plus the exchanges.
    assert!(elapsed >= Duration::from_millis(120), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(220 + 1000), "{elapsed:?}");
}
both_clients!(a_storm_of_500s_is_one_logical_write_within_the_backoff_schedule);

/// 50 requests at once through one client, each first answered 500 so that retries
/// interleave. The server echoes what it received (idempotency key as the id, body's
/// customer, `Stripe-Account` as `on_behalf_of`): every caller gets its own answer, and no
/// retry carries another request's key, account or body.
async fn fifty_concurrent_requests_through_one_client_do_not_cross(flavor: Flavor) {
    let template = session_json();
    let seen: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let counts = seen.clone();
    let server = Server::start(move |_, request| {
        let key = request.header("Idempotency-Key").unwrap().to_owned();
        let attempt = {
            let mut counts = counts.lock().unwrap();
            let n = counts.entry(key.clone()).or_default();
            *n += 1;
            *n
        };
        if attempt == 1 {
            return json_answer(500, &json!({"error": {"type": "api_error"}}));
        }
        let form = form_decoder::pairs(request.body_text()).unwrap();
        let form: BTreeMap<String, String> = form.into_iter().collect();
        let mut session = template.clone();
        session["id"] = json!(format!("bps_{key}"));
        session["customer"] = json!(form["customer"]);
        session["return_url"] = json!(form["return_url"]);
        session["on_behalf_of"] = json!(request.header("Stripe-Account"));
        json_answer(200, &session)
    })
    .await;
    let client = client(flavor, &server, 2);

    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let params = CreateSessionParams {
                    return_url: Some(format!("https://example.com/{i}")),
                    ..CreateSessionParams::for_customer(format!("cus_{i}"))
                };
                let mut request =
                    operations::create_session(&params).stripe_account(format!("acct_{i}"));
                // Half choose their key; the client makes one for the others.
                if i % 2 == 0 {
                    request = request.idempotency_key(format!("key-{i}"));
                }
                client.send(request).await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let session: BillingPortalSession = task.await.unwrap().unwrap();
        assert_eq!(session.customer, format!("cus_{i}"));
        assert_eq!(session.return_url, Some(format!("https://example.com/{i}")));
        assert_eq!(session.on_behalf_of, Some(format!("acct_{i}")));
        if i % 2 == 0 {
            assert_eq!(session.id, format!("bps_key-{i}"));
        }
        ids.push(session.id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50, "every request had its own idempotency key");

    let requests = server.received();
    assert_eq!(requests.len(), 100, "one 500 and one retry each");
    let mut by_key: HashMap<&str, Vec<&Received>> = HashMap::new();
    for request in &requests {
        by_key
            .entry(request.header("Idempotency-Key").unwrap())
            .or_default()
            .push(request);
    }
    assert_eq!(by_key.len(), 50);
    for (key, attempts) in by_key {
        assert_eq!(attempts.len(), 2, "{key}");
        let form = form_decoder::pairs(attempts[0].body_text()).unwrap();
        let customer = &form.iter().find(|(k, _)| k == "customer").unwrap().1;
        let i = customer.strip_prefix("cus_").unwrap();
        for attempt in &attempts {
            assert_eq!(attempt.body, attempts[0].body, "{key}");
            assert_eq!(
                attempt.header("Stripe-Account"),
                Some(format!("acct_{i}").as_str()),
                "{key}"
            );
            assert_eq!(
                attempt.header("Authorization"),
                Some(format!("Bearer {KEY}").as_str())
            );
            assert_eq!(attempt.target, "/v1/billing_portal/sessions");
        }
    }
}
both_clients!(fifty_concurrent_requests_through_one_client_do_not_cross);

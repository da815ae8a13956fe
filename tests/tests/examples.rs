//! The example programs themselves (`generated/examples/`), run as a user runs them, against a
//! local server answering with the pinned release's fixtures (`STRIPE_API_BASE`): the session
//! examples (async and blocking) print the session's URL, for a customer or a customer
//! account, and open flows;
//! `apply_configuration` sends `portal.toml`, and a misspelt or removed field in a copy of it
//! stops the program, naming the field, before anything is sent.

mod client_support;
use client_support::{configuration_json, session_json};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The session example, with each client.
const SESSION_PROGRAMS: [&str; 2] = ["create_session", "create_session_blocking"];

/// The built example program `name`. The examples are built once per run (a no-op when
/// `cargo test --workspace` has built them already), into the target directory of this test.
fn example(name: &str) -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    let dir = BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--quiet",
                "-p",
                "stripe-billing-portal",
                "--features",
                "blocking,webhooks",
                "--examples",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the examples failed");
        // This test is `<target>/debug/deps/examples-<hash>`; examples are `<target>/debug/examples/`.
        let exe = std::env::current_exe().unwrap();
        exe.parent().unwrap().parent().unwrap().join("examples")
    });
    dir.join(name)
}

/// Runs an example with `STRIPE_API_BASE` set to `server` (off the async runtime's threads).
async fn run(server: &MockServer, name: &str, args: &[&str]) -> Output {
    let mut command = Command::new(example(name));
    command
        .args(args)
        .env("STRIPE_SECRET_KEY", "sk_test_123")
        .env("STRIPE_API_BASE", server.uri())
        .current_dir(portal_tests::workspace_root());
    tokio::task::spawn_blocking(move || command.output().expect("the example runs"))
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn bodies(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect()
}

async fn serving(route: &str, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn create_session_prints_the_url_for_a_customer_or_a_customer_account() {
    let url = session_json()["url"].as_str().unwrap().to_owned();
    for program in SESSION_PROGRAMS {
        for (id, sent) in [
            ("cus_123", "customer=cus_123"),
            ("acct_123", "customer_account=acct_123"),
        ] {
            let server = serving("/v1/billing_portal/sessions", session_json()).await;
            let out = run(&server, program, &[id, "https://example.com/back"]).await;
            assert!(
                out.status.success(),
                "{program} {id}: {}",
                text(&out.stderr)
            );
            assert_eq!(text(&out.stdout), format!("{url}\n"), "{program} {id}");
            assert_eq!(
                bodies(&server).await,
                [format!(
                    "{sent}&return_url=https%3A%2F%2Fexample.com%2Fback"
                )],
                "{program} {id}"
            );
        }
    }
}

#[tokio::test]
async fn create_session_opens_a_flow() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["cus_123", "https://example.com/back", "--cancel", "sub_1"],
            "customer=cus_123\
             &flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Fback\
             &flow_data[after_completion][type]=redirect\
             &flow_data[subscription_cancel][subscription]=sub_1\
             &flow_data[type]=subscription_cancel\
             &return_url=https%3A%2F%2Fexample.com%2Fback",
        ),
        (
            &["--update", "sub_2", "cus_123"],
            "customer=cus_123\
             &flow_data[after_completion][type]=portal_homepage\
             &flow_data[subscription_update][subscription]=sub_2\
             &flow_data[type]=subscription_update",
        ),
        (
            &["acct_123", "--payment-method"],
            "customer_account=acct_123\
             &flow_data[after_completion][type]=portal_homepage\
             &flow_data[type]=payment_method_update",
        ),
    ];
    for program in SESSION_PROGRAMS {
        for (args, sent) in cases {
            let server = serving("/v1/billing_portal/sessions", session_json()).await;
            let out = run(&server, program, args).await;
            assert!(
                out.status.success(),
                "{program} {args:?}: {}",
                text(&out.stderr)
            );
            assert_eq!(bodies(&server).await, [sent], "{program} {args:?}");
        }
        let server = serving("/v1/billing_portal/sessions", session_json()).await;
        let out = run(&server, program, &["cus_123", "--cancel"]).await;
        assert_eq!(
            out.status.code(),
            Some(2),
            "{program}: a flow without its subscription"
        );
        assert!(
            text(&out.stderr).starts_with("usage:"),
            "{program}: {}",
            text(&out.stderr)
        );
        assert!(bodies(&server).await.is_empty(), "{program}");
    }
}

#[tokio::test]
async fn apply_configuration_sends_portal_toml() {
    let server = serving("/v1/billing_portal/configurations", configuration_json()).await;
    let out = run(
        &server,
        "apply_configuration",
        &["generated/examples/portal.toml"],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{}\n", configuration_json()["id"].as_str().unwrap())
    );
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 1);
    for part in [
        "name=Customer%20portal",
        "business_profile[headline]=&",
        "features[subscription_update][schedule_at_period_end][conditions][1][type]=shortening_interval",
    ] {
        assert!(sent[0].contains(part), "{part} not in {}", sent[0]);
    }
}

#[tokio::test]
async fn a_misspelt_or_removed_field_stops_apply_configuration_before_sending() {
    let portal = std::fs::read_to_string(
        portal_tests::workspace_root().join("generated/examples/portal.toml"),
    )
    .unwrap();
    let misspelt = portal.replace("default_return_url =", "defualt_return_url =");
    assert_ne!(misspelt, portal);
    let removed = format!("{portal}\n[features.subscription_pause]\nenabled = false\n");
    let dir = tempfile::tempdir().unwrap();
    for (file, contents, needles) in [
        (
            "misspelt.toml",
            misspelt,
            &[
                "defualt_return_url: unknown field `defualt_return_url`; did you mean `default_return_url`?",
                "line 5",
            ][..],
        ),
        (
            "removed.toml",
            removed,
            &["features.subscription_pause: unknown field `subscription_pause`"][..],
        ),
    ] {
        let path = dir.path().join(file);
        std::fs::write(&path, contents).unwrap();
        let server = serving("/v1/billing_portal/configurations", configuration_json()).await;
        let out = run(&server, "apply_configuration", &[path.to_str().unwrap()]).await;
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{file}: {needle:?} not in {stderr}"
            );
        }
        assert_eq!(bodies(&server).await.len(), 0, "{file}: something was sent");
    }
}

/// The webhook endpoint example, running: its URL and the lines it prints.
struct Endpoint {
    child: std::process::Child,
    addr: String,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Endpoint {
    /// Starts `portal_webhooks` on a free loopback port with `secrets` (and no Stripe key: no
    /// portal route).
    fn start(secrets: &str) -> Self {
        Self::start_with(secrets, &[])
    }

    /// Starts `portal_webhooks` with `secrets` and more of its environment.
    fn start_with(secrets: &str, env: &[(&str, &str)]) -> Self {
        use std::io::BufRead;
        let mut child = Command::new(example("portal_webhooks"))
            .args(["--listen", "127.0.0.1:0"])
            .env_remove("STRIPE_SECRET_KEY")
            .env("STRIPE_WEBHOOK_SECRET", secrets)
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the example starts");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                let _ = send.send(line);
            }
        });
        let mut endpoint = Self {
            child,
            addr: String::new(),
            lines,
            seen: Vec::new(),
        };
        let first = endpoint.line_with("listening on http://");
        endpoint.addr = first
            .trim_start_matches("listening on http://")
            .trim_end_matches("/webhooks/stripe")
            .to_owned();
        endpoint
    }

    /// Waits (up to 20 s) for a printed line containing `needle`.
    fn line_with(&mut self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {needle:?}; printed: {:#?}", self.seen),
            }
        }
    }

    /// POSTs `body` with a `Stripe-Signature` (if any) over HTTP/1.1: the status and body.
    fn post(&self, path: &str, body: &[u8], signature: Option<&str>) -> (u16, String) {
        let headers: Vec<(&str, &str)> = signature
            .map(|signature| ("Stripe-Signature", signature))
            .into_iter()
            .collect();
        let (status, _, body) = self.request(path, body, &headers);
        (status, body)
    }

    /// POSTs `body` with `headers` over HTTP/1.1: the status, the head and the body.
    fn request(&self, path: &str, body: &[u8], headers: &[(&str, &str)]) -> (u16, String, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n",
            self.addr,
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let status = answer
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP answer: {answer:?}"));
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
        (status, head.to_owned(), body.to_owned())
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn event_body(event_type: &str) -> Vec<u8> {
    let path = portal_tests::data_dir()
        .join("webhooks/events")
        .join(format!("{event_type}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn now() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.unwrap().as_secs() as i64
}

#[test]
fn portal_webhooks_verifies_handles_and_refuses_deliveries_over_http() {
    use stripe_billing_portal::webhook::sign;
    const ROUTE: &str = "/webhooks/stripe";
    // Two secrets: the endpoint's secret is being rolled.
    let mut endpoint = Endpoint::start("whsec_old, whsec_new");

    let updated = event_body("billing_portal.configuration.updated");
    let header = sign(&updated, "whsec_new", now());
    assert_eq!(
        endpoint.post(ROUTE, &updated, Some(&header)),
        (200, "ok".into())
    );
    endpoint.line_with("evt_1: portal configuration bpc_");
    let line = endpoint.seen.last().unwrap().clone();
    assert!(
        line.ends_with("updated (active was false, is true)"),
        "{line}"
    );
    // Stripe delivers at least once: the same event again is answered and not handled twice.
    assert_eq!(
        endpoint.post(ROUTE, &updated, Some(&header)),
        (200, "duplicate".into())
    );
    endpoint.line_with("evt_1: already seen, ignored");

    let session = event_body("billing_portal.session.created");
    let header = sign(&session, "whsec_old", now());
    assert_eq!(endpoint.post(ROUTE, &session, Some(&header)).0, 200);
    endpoint.line_with("evt_2: portal session bps_");

    let other = event_body("customer.subscription.updated");
    let header = sign(&other, "whsec_new", now());
    assert_eq!(endpoint.post(ROUTE, &other, Some(&header)).0, 200);
    endpoint.line_with("evt_4: customer.subscription.updated sub_123");

    // Refused with 400, and said why: a changed body, another secret, no header, a replay.
    let mut tampered = session.clone();
    let at = tampered.iter().position(|b| *b == b'0').unwrap();
    tampered[at] = b'1';
    let fresh = sign(&session, "whsec_new", now());
    for (body, header, why) in [
        (
            &tampered,
            Some(fresh.clone()),
            "no signatures found matching",
        ),
        (
            &session,
            Some(sign(&session, "whsec_other", now())),
            "no signatures found matching",
        ),
        (&session, None, "unable to extract timestamp and signatures"),
        (
            &session,
            Some(sign(&session, "whsec_new", now() - 301)),
            "timestamp outside the tolerance zone",
        ),
    ] {
        let (status, answer) = endpoint.post(ROUTE, body, header.as_deref());
        assert_eq!(status, 400, "{why}: {answer}");
        assert!(answer.contains(why), "{why}: {answer}");
        endpoint.line_with("refused: ");
    }

    // Nothing it printed holds a secret or the session's login link.
    let url =
        serde_json::from_slice::<serde_json::Value>(&session).unwrap()["data"]["object"]["url"]
            .as_str()
            .unwrap()
            .to_owned();
    for line in &endpoint.seen {
        assert!(!line.contains("whsec_"), "{line}");
        assert!(!line.contains(&url), "{line}");
    }
}

/// The service's portal route: the logged-in customer (by session cookie, never by an id the
/// request names) gets a new portal session and a `303 See Other` to its URL, which is not
/// printed; no cookie or an unknown one is `401` and reaches no one; Stripe's refusal is `502`.
#[tokio::test(flavor = "multi_thread")]
async fn the_service_redirects_the_logged_in_customer_to_a_new_portal_session() {
    const ROUTE: &str = "/billing/portal";
    let session = session_json();
    let url = session["url"].as_str().unwrap().to_owned();
    let server = serving("/v1/billing_portal/sessions", session).await;
    let uri = server.uri();
    let mut service = Endpoint::start_with(
        "whsec_x",
        &[
            ("STRIPE_SECRET_KEY", "sk_test_123"),
            ("STRIPE_API_BASE", &uri),
            ("PORTAL_LOGINS", "t1=cus_123, t2=acct_456"),
            ("PORTAL_RETURN_URL", "https://example.com/account"),
        ],
    );

    let (status, head, _) = service.request(ROUTE, b"", &[("Cookie", "theme=dark; session=t1")]);
    assert_eq!(status, 303, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("location: {}", url.to_ascii_lowercase())),
        "{head}"
    );
    let (status, head, _) = service.request(ROUTE, b"", &[("Cookie", "session=t2")]);
    assert_eq!(status, 303, "{head}");
    assert_eq!(
        bodies(&server).await,
        [
            "customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount",
            "customer_account=acct_456&return_url=https%3A%2F%2Fexample.com%2Faccount",
        ]
    );

    for cookie in [None, Some("session=t3"), Some("customer=cus_123")] {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        let (status, _, _) = service.request(ROUTE, b"", &headers);
        assert_eq!(status, 401, "{cookie:?}");
    }
    assert_eq!(bodies(&server).await.len(), 2, "nothing sent for no one");

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": {"type": "invalid_request_error", "message": "No such customer"}
        })))
        .mount(&server)
        .await;
    let (status, _, body) = service.request(ROUTE, b"", &[("Cookie", "session=t1")]);
    assert_eq!(
        (status, body.as_str()),
        (502, "the billing portal is unavailable")
    );
    service.line_with("portal session refused");
    assert!(
        service.seen.iter().all(|line| !line.contains(&url)),
        "the login link is printed: {:#?}",
        service.seen
    );
}

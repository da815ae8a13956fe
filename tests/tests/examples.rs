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
                "blocking",
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

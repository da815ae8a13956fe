//! Webhook signature verification (`stripe_billing_portal::webhook`) against Stripe's own
//! verdicts and by properties; the files are its topics:
//!
//! - `sdk_cases`: every case of `tests/data/webhooks/cases.json` gives the verdict of
//!   stripe-python 16.1.0, and of stripe-node 23.2.0 where the two SDKs agree;
//! - `properties`: any input is an answer, never a panic; signing then verifying passes; one
//!   changed byte fails; several secrets; no secret in any output;
//! - `events`: the event bodies of `tests/data/webhooks/events/` read, verified or not, and
//!   bodies that are not events fail as events, not as signatures.
//!
//! The data is made with the SDKs at development time (see `tests/data/webhooks/README.md`);
//! the tests read only the committed files.

mod events;
mod properties;
mod sdk_cases;

use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

/// `tests/data/webhooks/`.
fn data_dir() -> PathBuf {
    portal_tests::data_dir().join("webhooks")
}

/// What one SDK said about a case.
#[derive(Deserialize, Debug, Clone)]
struct Verdict {
    ok: bool,
    /// `"<class or type>: <message>"` when not ok.
    error: Option<String>,
}

/// One case of `cases.json`.
#[derive(Deserialize, Debug, Clone)]
struct Case {
    name: String,
    why: String,
    payload: String,
    /// `None`: no header at all.
    header: Option<String>,
    secret: String,
    /// Seconds; 0 disables the age check in both SDKs; negative in two cases.
    tolerance: i64,
    now: i64,
    python: Verdict,
    node: Verdict,
}

#[derive(Deserialize)]
struct CasesFile {
    cases: Vec<Case>,
}

/// Every case, read once.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let path = data_dir().join("cases.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let file: CasesFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not read: {e}", path.display()));
        file.cases
    })
}

fn case(name: &str) -> &'static Case {
    cases()
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case `{name}` in cases.json"))
}

/// The event types of `events/<type>.json`, with the event id each file holds.
const EVENT_FILES: &[(&str, &str)] = &[
    ("billing_portal.configuration.updated", "evt_1"),
    ("billing_portal.session.created", "evt_2"),
    ("billing_portal.configuration.created", "evt_3"),
    ("customer.subscription.updated", "evt_4"),
];

/// The exact bytes of `events/<event_type>.json`.
fn event_body(event_type: &str) -> Vec<u8> {
    let path = data_dir().join("events").join(format!("{event_type}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

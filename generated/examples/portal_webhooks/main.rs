//! A service's two ends of the Customer Portal, on axum: `POST /billing/portal` opens a portal
//! session for the logged-in customer and redirects the browser to it (see `portal.rs`), and
//! `POST /webhooks/stripe` receives the signed events Stripe sends after the customer acts in
//! the portal: it verifies each one, answers at once, and handles it afterwards.
//!
//! ```sh
//! # Against a real account, with Stripe's CLI forwarding the events (it prints the whsec_):
//! stripe listen --forward-to localhost:4242/webhooks/stripe
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run -p stripe-billing-portal --features webhooks --example portal_webhooks
//!
//! # Register a deployed endpoint with the portal's event types (prints its secret, once):
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-billing-portal --features webhooks --example portal_webhooks -- \
//!     --register https://example.com/webhooks/stripe
//! ```
//!
//! With `STRIPE_SECRET_KEY` set it also serves the portal route (`PORTAL_LOGINS` and
//! `PORTAL_RETURN_URL`, see `portal.rs`):
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_WEBHOOK_SECRET=whsec_... PORTAL_LOGINS=demo=cus_... \
//!     cargo run -p stripe-billing-portal --features webhooks --example portal_webhooks
//! curl -i -X POST --cookie session=demo localhost:4242/billing/portal   # 303, Location: the portal
//! ```
//!
//! `--listen ADDR` (default `127.0.0.1:4242`) picks the address; the first line printed is
//! the URL it listens on. `STRIPE_WEBHOOK_SECRET` may hold several secrets separated by commas
//! (while a secret is rolled, or for several endpoints). `STRIPE_API_BASE` sends `--register`
//! elsewhere (a local mock).
//!
//! What it answers, and why: `400` for a missing or bad signature (a forgery, a wrong secret,
//! a body changed on the way, or a replay older than five minutes); `200` once a verified
//! event is queued (Stripe expects an answer within seconds, so the work happens after
//! answering), and for an event already seen (Stripe delivers at least once); `503` when the
//! queue is full and `500` for a verified body that is not a readable event, so that Stripe
//! delivers them again later.

mod handle;
mod portal;
mod register;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::collections::{HashSet, VecDeque};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use stripe_billing_portal::resources::Event;
use stripe_billing_portal::webhook::{self, Verifier, WebhookError};
use tokio::sync::mpsc;

/// Where Stripe (or `stripe listen`) POSTs the events.
const ROUTE: &str = "/webhooks/stripe";
/// Events waiting to be handled; beyond this the endpoint answers 503 and Stripe retries.
const QUEUE: usize = 1024;
/// How many event ids are remembered to drop redeliveries.
const REMEMBERED: usize = 10_000;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut listen = "127.0.0.1:4242".to_owned();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--register", Some(url)) => return register::run(&url).await,
            ("--listen", Some(addr)) => listen = addr,
            _ => {
                eprintln!("usage: portal_webhooks [--listen ADDR] | --register URL");
                return ExitCode::from(2);
            }
        }
    }
    let secrets = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_default();
    let secrets: Vec<&str> = secrets
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if secrets.is_empty() {
        eprintln!("set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)");
        return ExitCode::from(2);
    }
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (queue, mut events) = mpsc::channel::<Event>(QUEUE);
    let app = Arc::new(App {
        verifier: Verifier::with_secrets(secrets),
        queue,
        seen: Mutex::new(Seen::default()),
    });
    // The work happens here, after Stripe has its answer.
    tokio::spawn(async move {
        while let Some(event) = events.recv().await {
            handle::event(&event);
        }
    });
    let mut router = Router::new().route(ROUTE, post(receive)).with_state(app);
    match portal::Portal::from_env() {
        Ok(Some(portal)) => {
            let route = Router::new()
                .route(portal::ROUTE, post(portal::open))
                .with_state(Arc::new(portal));
            router = router.merge(route);
        }
        Ok(None) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    match listener.local_addr() {
        Ok(addr) => println!("listening on http://{addr}{ROUTE}"),
        Err(e) => eprintln!("error: {e}"),
    }
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// What the handler shares: the verifier, the queue to the worker, the ids already seen.
struct App {
    verifier: Verifier,
    queue: mpsc::Sender<Event>,
    seen: Mutex<Seen>,
}

/// Receives one delivery. The body is taken as raw bytes: the signature covers them exactly, so
/// they must not be parsed and written again before verifying (no `Json` extractor).
async fn receive(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let header = headers
        .get(webhook::SIGNATURE_HEADER)
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    let event = match app.verifier.construct_event(&body, header) {
        Ok(event) => event,
        Err(WebhookError::Signature(e)) => {
            println!("refused: {e}");
            return (StatusCode::BAD_REQUEST, e.to_string());
        }
        Err(WebhookError::Event(e)) => {
            // Signed by Stripe but not readable by this build: a bug to fix, and Stripe keeps
            // the event for redelivery meanwhile.
            println!("unreadable: {e}");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "unreadable event".to_owned(),
            );
        }
    };
    if !app
        .seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(&event.id)
    {
        println!("{}: already seen, ignored", event.id);
        return (StatusCode::OK, "duplicate".to_owned());
    }
    let id = event.id.clone();
    match app.queue.try_send(event) {
        Ok(()) => (StatusCode::OK, "ok".to_owned()),
        Err(_) => {
            // Not handled: let Stripe deliver it again.
            app.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .forget(&id);
            (StatusCode::SERVICE_UNAVAILABLE, "busy".to_owned())
        }
    }
}

/// The ids of the last [`REMEMBERED`] events, to drop redeliveries. (A service with several
/// instances keeps this in its database, with the work the event caused.)
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    /// Whether `id` is new (and remembers it).
    fn insert(&mut self, id: &str) -> bool {
        if !self.ids.insert(id.to_owned()) {
            return false;
        }
        self.order.push_back(id.to_owned());
        if self.order.len() > REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.ids.remove(&oldest);
        }
        true
    }

    fn forget(&mut self, id: &str) {
        self.ids.remove(id);
        self.order.retain(|seen| seen != id);
    }
}

//! Building and using a client leaves the process's state alone: no rustls crypto provider is
//! installed as the process default (a program, or another library, may want to set its own).
//! Nothing else in this test binary sets one: its servers speak plain HTTP.

use super::*;

async fn no_process_default_crypto_provider_is_installed(flavor: Flavor) {
    // A server that accepts and hangs up: an https:// request gets as far as TLS (ureq builds
    // its TLS configuration only then), and fails.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            drop(stream);
        }
    });
    let client = Settings::new(KEY, format!("https://127.0.0.1:{port}"), 0).client(flavor);

    let err = client.send(retrieve("bpc_123")).await.unwrap_err();

    transport_error(&err);
    assert!(
        rustls::crypto::CryptoProvider::get_default().is_none(),
        "a process-wide default crypto provider was installed"
    );
}
both_clients!(no_process_default_crypto_provider_is_installed);

//! TLS: certificates are checked (a certificate no one trusts is refused), a handshake that
//! fails is a connect error, and setting TLS up does not panic.

use super::*;

/// `https://` to a server that answers in plain HTTP: the client's TLS stack (the crate's
/// default features) starts a handshake and fails it, a connect error after every attempt;
/// nothing in setting TLS up panics.
async fn https_to_a_plain_http_server_fails_the_handshake(flavor: Flavor) {
    // Answers each connection at once, before reading anything: the client's ClientHello
    // gets plain HTTP back.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicU64::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::Relaxed);
            let answer = response(200, "application/json", b"{}");
            tokio::spawn(async move {
                let _ = stream.write_all(&answer).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    let client = Settings {
        retry: policy(1),
        ..Settings::new(KEY, format!("https://{addr}"), 1)
    }
    .timeout(Duration::from_secs(5))
    .client(flavor);

    let err = client.send(retrieve()).await.unwrap_err();

    let transport = transport_error(&err);
    assert_eq!(transport.kind, TransportKind::Connect, "{err}");
    assert_eq!(transport.attempts, 2, "{err}");
    assert_eq!(connections.load(Ordering::Relaxed), 2, "one per attempt");
    assert_key_hidden(&err);
}
both_clients!(https_to_a_plain_http_server_fails_the_handshake);

/// A TLS server on loopback presenting `tests/tls/cert.pem`, self-signed and so trusted by no
/// platform; the number of handshakes it completed.
async fn untrusted_tls_server() -> (SocketAddr, Arc<AtomicU64>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tls");
    let certs = CertificateDer::pem_file_iter(dir.join("cert.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("key.pem")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handshakes = Arc::new(AtomicU64::new(0));
    let count = handshakes.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, count) = (acceptor.clone(), count.clone());
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(stream).await {
                    count.fetch_add(1, Ordering::Relaxed);
                    let answer = response(200, "application/json", b"{}");
                    let _ = tls.write_all(&answer).await;
                    let _ = tls.shutdown().await;
                }
            });
        }
    });
    (addr, handshakes)
}

/// A server whose certificate no platform trusts is refused during the handshake, by both
/// clients: a connect error that names the certificate, and no request reaches the server.
/// (A client that skipped verification would get the server's answer instead.)
async fn a_certificate_no_one_trusts_is_refused(flavor: Flavor) {
    let (addr, handshakes) = untrusted_tls_server().await;
    for host in [
        format!("127.0.0.1:{}", addr.port()),
        format!("localhost:{}", addr.port()),
    ] {
        let client = Settings {
            retry: policy(0),
            ..Settings::new(KEY, format!("https://{host}"), 0)
        }
        .timeout(Duration::from_secs(5))
        .client(flavor);

        let err = client.send(retrieve()).await.unwrap_err();

        let transport = transport_error(&err);
        assert_eq!(transport.kind, TransportKind::Connect, "{host}: {err}");
        assert!(
            err.to_string().to_lowercase().contains("certificate"),
            "{host}: the error names the certificate: {err}"
        );
        assert_key_hidden(&err);
    }
    assert_eq!(
        handshakes.load(Ordering::Relaxed),
        0,
        "no handshake completed"
    );
}
both_clients!(a_certificate_no_one_trusts_is_refused);

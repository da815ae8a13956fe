//! What the crate costs a user's whole build: small programs that create a portal session, or
//! receive the portal's webhook events, each built cold (a fresh target directory, dev
//! profile) as a project of its own, with this crate and, as floors, with the same program
//! written by hand on the same crates.
//!
//! The programs with the crate are the examples themselves (`generated/examples/create_session*`,
//! `generated/examples/portal_webhooks/`), copied into a project that depends on nothing else
//! the example does not use (the crate's own dev-dependencies, criterion and toml, are not
//! built); the floors are `xtask/build-cost/floor_*.rs`. Every project gets a copy of the
//! workspace's `Cargo.lock`, so that all build the same versions. Builds alternate between the
//! programs, so that a slow phase of the machine hits all alike.

use super::cargo::{Cargo, tail};
use super::figures::secs;
use super::peak_rss;
use super::timings::{self, Unit};
use crate::samples::median;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// A program measured.
struct Program {
    /// Its package name, and the name of its row.
    name: &'static str,
    /// What it is, for the report.
    what: &'static str,
    /// Its `[dependencies]`.
    dependencies: String,
    /// Its files below the project directory: (path, contents).
    files: Vec<(String, String)>,
    /// The units that are the SDK, whose time is the crate's own.
    sdk_units: &'static [&'static str],
    /// The program it is compared with.
    floor: Option<&'static str>,
}

/// One cold build.
struct Build {
    wall: Duration,
    peak_rss: Option<u64>,
    units: Vec<Unit>,
}

const TOKIO: &str = r#"tokio = { version = "1.54.1", features = ["macros", "rt-multi-thread"] }"#;
const RUSTLS_RING: &str = r#"rustls = { version = "0.23.46", default-features = false, features = ["ring", "std", "tls12"] }"#;
const FLOOR_SESSION: &str = include_str!("../../build-cost/floor_session.rs");
const SERDE_JSON: &str = r#"serde_json = "1.0.145""#;
const AXUM: &str =
    r#"axum = { version = "0.8.9", default-features = false, features = ["http1", "tokio"] }"#;
const TOKIO_SERVER: &str =
    r#"tokio = { version = "1.54.1", features = ["macros", "rt-multi-thread", "net", "sync"] }"#;

fn programs(workspace_root: &Path, with_async_stripe: bool) -> Result<Vec<Program>, String> {
    let examples = workspace_root.join("generated/examples");
    let args = read(&examples.join("create_session/args.rs"))?;
    let crate_path = workspace_root.join("generated");
    let crate_path = crate_path.display();
    Ok([
        Program {
            name: "floor-async",
            what: "no SDK: the POST by hand on reqwest + rustls (ring) + tokio",
            dependencies: [
                r#"reqwest = { version = "0.13.5", default-features = false, features = ["rustls-no-provider"] }"#,
                RUSTLS_RING,
                SERDE_JSON,
                TOKIO,
            ]
            .join("\n"),
            files: vec![
                ("src/main.rs".to_owned(), include_str!("../../build-cost/floor_async.rs").to_owned()),
                ("src/session.rs".to_owned(), FLOOR_SESSION.to_owned()),
            ],
            sdk_units: &[],
            floor: None,
        },
        Program {
            name: "portal-async",
            what: "this crate, default features (async client, rustls with ring): examples/create_session",
            dependencies: format!("stripe-billing-portal = {{ path = {:?} }}\n{TOKIO}", crate_path.to_string()),
            files: vec![
                ("src/main.rs".to_owned(), read(&examples.join("create_session/main.rs"))?),
                ("src/args.rs".to_owned(), args.clone()),
            ],
            sdk_units: &["stripe-billing-portal"],
            floor: Some("floor-async"),
        },
        Program {
            name: "floor-blocking",
            what: "no SDK: the POST by hand on ureq + rustls (ring)",
            dependencies: [
                r#"ureq = { version = "3.5.1", default-features = false, features = ["rustls-no-provider", "platform-verifier"] }"#,
                RUSTLS_RING,
                SERDE_JSON,
            ]
            .join("\n"),
            files: vec![
                ("src/main.rs".to_owned(), include_str!("../../build-cost/floor_blocking.rs").to_owned()),
                ("src/session.rs".to_owned(), FLOOR_SESSION.to_owned()),
            ],
            sdk_units: &[],
            floor: None,
        },
        Program {
            name: "portal-blocking",
            what: "this crate, features blocking + rustls-ring: examples/create_session_blocking",
            dependencies: format!(
                "stripe-billing-portal = {{ path = {:?}, default-features = false, features = [\"blocking\", \"rustls-ring\"] }}",
                crate_path.to_string()
            ),
            files: vec![
                ("src/main.rs".to_owned(), read(&examples.join("create_session_blocking.rs"))?),
                ("src/create_session/args.rs".to_owned(), args),
            ],
            sdk_units: &["stripe-billing-portal"],
            floor: Some("floor-blocking"),
        },
        Program {
            name: "floor-webhooks",
            what: "no SDK: the webhook endpoint by hand on axum + tokio, hmac + sha2, serde_json::Value; reqwest + rustls (ring) to register",
            dependencies: [
                AXUM,
                r#"hmac = "0.13.0""#,
                r#"reqwest = { version = "0.13.5", default-features = false, features = ["rustls-no-provider"] }"#,
                RUSTLS_RING,
                SERDE_JSON,
                r#"sha2 = "0.11.1""#,
                TOKIO_SERVER,
            ]
            .join("\n"),
            files: vec![(
                "src/main.rs".to_owned(),
                include_str!("../../build-cost/floor_webhooks.rs").to_owned(),
            )],
            sdk_units: &[],
            floor: None,
        },
        Program {
            name: "portal-webhooks",
            what: "this crate, default features + webhooks: examples/portal_webhooks (axum endpoint, typed events, --register)",
            dependencies: format!(
                "stripe-billing-portal = {{ path = {:?}, features = [\"webhooks\"] }}\n{AXUM}\n{SERDE_JSON}\n{TOKIO_SERVER}",
                crate_path.to_string()
            ),
            files: example_folder(&examples.join("portal_webhooks"))?,
            sdk_units: &["stripe-billing-portal"],
            floor: Some("floor-webhooks"),
        },
    ]
    .into_iter()
    .chain(with_async_stripe.then(|| Program {
        name: "async-stripe",
        what: "async-stripe 1.0.0-rc.10, billing portal features only, rustls with ring (from the registry)",
        dependencies: [
            r#"async-stripe = { version = "=1.0.0-rc.10", default-features = false, features = ["rustls-ring", "rustls-tls-webpki-roots"] }"#,
            r#"async-stripe-billing = { version = "=1.0.0-rc.10", default-features = false, features = ["billing_portal_session"] }"#,
            r#"tokio = { version = "1", default-features = false, features = ["macros", "rt"] }"#,
        ]
        .join("\n"),
        files: vec![("src/main.rs".to_owned(), include_str!("../../build-cost/async_stripe.rs").to_owned())],
        sdk_units: &[
            "async-stripe",
            "async-stripe-billing",
            "async-stripe-client-core",
            "async-stripe-shared",
            "async-stripe-types",
        ],
        floor: Some("floor-async"),
    }))
    .collect())
}

/// Builds each program cold `runs` times and appends the report to `out`, the commands to
/// `steps`.
pub(super) fn measure(
    cargo: &Cargo,
    workspace_root: &Path,
    runs: usize,
    with_async_stripe: bool,
    out: &mut String,
    steps: &mut String,
) -> Result<(), String> {
    let programs = programs(workspace_root, with_async_stripe)?;
    let scratch = tempfile::Builder::new()
        .prefix("xtask-build-cost-programs-")
        .tempdir()
        .map_err(|e| format!("cannot create a scratch directory: {e}"))?;
    let lock = std::fs::read(workspace_root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read the workspace's Cargo.lock: {e}"))?;
    for program in &programs {
        write_project(&scratch.path().join(program.name), program, &lock)?;
    }
    let mut builds: Vec<Vec<Build>> = programs.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs.max(1) {
        for (program, builds) in programs.iter().zip(&mut builds) {
            builds.push(cold_build(cargo, &scratch.path().join(program.name))?);
        }
    }
    let _ = writeln!(
        steps,
        "  {:>9}  for each of {}: in a project of its own, `cargo build --timings --quiet` into a fresh target dir",
        format!("{} x", runs.max(1)),
        programs
            .iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    report(&programs, &builds, out);
    Ok(())
}

/// Every `.rs` file of an example folder, under `src/`, so that a module the example adds is
/// built too.
fn example_folder(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            files.push((format!("src/{name}"), read(&path)?));
        }
    }
    files.sort();
    Ok(files)
}

/// A source file the programs are made of.
fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write_project(dir: &Path, program: &Program, lock: &[u8]) -> Result<(), String> {
    let manifest = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n\n# A project of its own, not a member of the workspace above it.\n[workspace]\n",
        program.name, program.dependencies
    );
    let files = [("Cargo.toml", manifest)]
        .into_iter()
        .chain(program.files.iter().map(|(p, c)| (p.as_str(), c.clone())));
    for (path, contents) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    std::fs::write(dir.join("Cargo.lock"), lock)
        .map_err(|e| format!("cannot write {}/Cargo.lock: {e}", dir.display()))
}

fn cold_build(cargo: &Cargo, project: &Path) -> Result<Build, String> {
    let target = tempfile::Builder::new()
        .prefix("xtask-build-cost-target-")
        .tempdir()
        .map_err(|e| format!("cannot create a target directory: {e}"))?;
    let mut command = cargo.command(project, target.path());
    command.args(["build", "--timings", "--quiet"]);
    let started = Instant::now();
    let finished = peak_rss::run(&mut command)
        .map_err(|e| format!("cannot run cargo in {}: {e}", project.display()))?;
    let wall = started.elapsed();
    if !finished.status.success() {
        return Err(format!(
            "`cargo build --timings` in {} failed ({}):\n{}",
            project.display(),
            finished.status,
            tail(&finished.stderr, 30)
        ));
    }
    Ok(Build {
        wall,
        peak_rss: finished.peak_rss,
        units: timings::read(target.path())?,
    })
}

fn report(programs: &[Program], builds: &[Vec<Build>], out: &mut String) {
    let _ = writeln!(
        out,
        "whole cold build of a program that creates a session (dev profile, fresh target dir, medians of {} runs)",
        builds.first().map_or(0, Vec::len)
    );
    let _ = writeln!(
        out,
        "{:<16} {:>9} {:>8} {:>10} {:>10}   largest unit",
        "program", "wall", "/ floor", "peak RSS", "SDK units"
    );
    let wall = |name: &str| {
        programs
            .iter()
            .position(|p| p.name == name)
            .map(|i| median(&builds[i].iter().map(|b| b.wall).collect::<Vec<_>>()))
    };
    for (program, builds) in programs.iter().zip(builds) {
        let own = median(&builds.iter().map(|b| b.wall).collect::<Vec<_>>());
        let ratio = program.floor.and_then(wall).map_or_else(
            || "-".to_owned(),
            |floor| format!("{:.2}", own.as_secs_f64() / floor.as_secs_f64().max(1e-9)),
        );
        let mut rss: Vec<u64> = builds.iter().filter_map(|b| b.peak_rss).collect();
        rss.sort_unstable();
        let rss = rss
            .get(rss.len() / 2)
            .map_or_else(|| "n/a".to_owned(), |b| format!("{} MiB", b >> 20));
        let sdk: Vec<Duration> = builds
            .iter()
            .map(|b| {
                let seconds: f64 = b
                    .units
                    .iter()
                    .filter(|u| program.sdk_units.contains(&u.name.as_str()))
                    .map(|u| u.seconds)
                    .sum();
                Duration::from_secs_f64(seconds)
            })
            .collect();
        let sdk = if program.sdk_units.is_empty() {
            "-".to_owned()
        } else {
            secs(median(&sdk))
        };
        let largest = builds
            .last()
            .and_then(|b| {
                b.units
                    .iter()
                    .max_by(|a, b| a.seconds.total_cmp(&b.seconds))
            })
            .map_or_else(String::new, |u| format!("{} {:.1} s", u.label(), u.seconds));
        let _ = writeln!(
            out,
            "{:<16} {:>9} {:>8} {:>10} {:>10}   {largest}",
            program.name,
            secs(own),
            ratio,
            rss,
            sdk
        );
    }
    let _ = writeln!(
        out,
        "(peak RSS: the largest single process of the build, rustc or a build script; SDK units: \
         the crate's own compile, from the timings report)"
    );
    for program in programs {
        let _ = writeln!(out, "  {:<16} {}", program.name, program.what);
    }
    let _ = writeln!(out);
}

//! `cargo xtask`: see `cargo xtask --help`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::{EXIT_BAD_INPUT, EXIT_OK, EXIT_STALE, RegenOptions, fetch_spec, layout::Layout, regen};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Maintenance tasks of the Stripe billing_portal generator",
    after_help = "Exit codes: 0 success; 1 `regen --check` found generated/ stale; 2 bad input (spec, arguments) or environment error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/src/generated/ from the pinned spec (or adopt another with --spec).
    ///
    /// Without --spec, the spec recorded in spec/pinned.toml is used, found through
    /// STRIPE_OPENAPI_SPEC or in spec/cache/ (see `cargo xtask fetch-spec`).
    Regen {
        /// Generate from this spec file (JSON or YAML) and record it in spec/pinned.toml.
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// The stripe/openapi release tag of --spec (default: inferred from its path, e.g. v524).
        #[arg(long, value_name = "TAG", requires = "spec")]
        tag: Option<String>,
        /// Write nothing; exit 1 with a diff if generated/ is not what regen would write.
        #[arg(long)]
        check: bool,
    },
    /// Time regen's in-memory pipeline against a bare JSON parse of the spec (built in
    /// release mode; re-runs itself so when started from a debug build).
    Bench {
        /// The spec to time on (default: the pinned spec).
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// Timed runs of each side.
        #[arg(long, default_value_t = 15)]
        runs: usize,
    },
    /// Time the generated crate's own compile (dev build and check, from a clean target dir,
    /// dependencies built first) against serde_json's, and print its size and the release
    /// size of the session example.
    BuildCost,
    /// Download a release of Stripe's spec into spec/cache/ (default: the pinned release,
    /// whose content hash is then verified).
    FetchSpec {
        /// The stripe/openapi release tag, such as v524.
        tag: Option<String>,
        /// Where releases are served from.
        #[arg(long, value_name = "URL", env = "STRIPE_OPENAPI_BASE_URL")]
        base_url: Option<String>,
    },
}

fn bench(layout: &Layout, spec_path: Option<PathBuf>, runs: usize) -> ExitCode {
    if cfg!(debug_assertions) {
        // Timing unoptimised code would measure the wrong thing.
        let mut args = vec!["run", "--release", "--quiet", "-p", "xtask", "--", "bench"];
        let runs = runs.to_string();
        args.extend(["--runs", &runs]);
        let spec_arg = spec_path.as_ref().map(|p| p.display().to_string());
        if let Some(path) = &spec_arg {
            args.extend(["--spec", path]);
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        return match std::process::Command::new(cargo).args(&args).status() {
            Ok(status) if status.success() => ExitCode::from(EXIT_OK),
            Ok(_) => ExitCode::from(EXIT_BAD_INPUT),
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        };
    }
    let path = match spec_path {
        Some(path) => path,
        None => {
            let located = spec::Pin::load(&layout.pin_file())
                .and_then(|pin| spec::locate(&pin, &layout.cache_dir()));
            match located {
                Ok(doc) => doc.path,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_BAD_INPUT);
                }
            }
        }
    };
    print_report(xtask::bench::run(&path, runs.max(1)))
}

/// Prints a task's report (exit 0), or its error (exit 2).
fn print_report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            });
        }
    };
    let layout = Layout::from_manifest_dir();
    match cli.command {
        Command::Regen { spec, tag, check } => {
            let options = RegenOptions {
                spec,
                tag,
                check,
                download_from: None,
            };
            match regen(&layout, &options) {
                Ok(report) => {
                    if check && report.is_stale() {
                        eprint!("{}", report.diff);
                        eprint!("{}", report.summary(true));
                        eprintln!(
                            "error: generated/ is stale; run `cargo xtask regen` and commit the result"
                        );
                        ExitCode::from(EXIT_STALE)
                    } else {
                        if let Some(section) = &report.api_changes {
                            println!("{section}");
                        }
                        if let Some(why) = &report.api_changes_missing {
                            eprintln!("warning: no API change report: {why}");
                        }
                        print!("{}", report.summary(check));
                        ExitCode::from(EXIT_OK)
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_BAD_INPUT)
                }
            }
        }
        Command::Bench { spec, runs } => bench(&layout, spec, runs),
        Command::BuildCost => print_report(xtask::build_cost::run(layout.root())),
        Command::FetchSpec { tag, base_url } => match fetch_spec(&layout, tag, base_url) {
            Ok((path, doc, verified)) => {
                let check = if verified {
                    "content hash matches spec/pinned.toml"
                } else {
                    "not the pinned release: adopt it with `cargo xtask regen --spec PATH`"
                };
                println!(
                    "fetched {} (API version {}, {}): {check}",
                    path.display(),
                    doc.api_version().unwrap_or("?"),
                    doc.content_hash()
                );
                ExitCode::from(EXIT_OK)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        },
    }
}

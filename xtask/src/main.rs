//! `cargo xtask`: see `cargo xtask --help`.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use xtask::exit::{EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, EXIT_STALE};
use xtask::regen::{RegenOptions, regen};
use xtask::{fetch_spec, fuzz, layout::Layout};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Maintenance tasks of the Stripe billing_portal generator",
    after_help = "Exit codes: 0 success; 1 `regen --check` found generated/ stale, or `fuzz` found a panic or hang; 2 bad input (spec, arguments) or environment error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Work on the workspace at DIR instead of the one this xtask was built in (`bench` runs
    /// regen in a scratch copy so).
    #[arg(long, global = true, hide = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/src/generated/ from the committed selection of the pinned release
    /// (spec/selection.json), or adopt another release with --spec or --tag.
    ///
    /// Adopting selects the billing_portal paths and the schemas they need, writes them to
    /// spec/selection.json and the release to spec/pinned.toml, regenerates, and records what
    /// changed in the API in generated/API_CHANGES.md.
    Regen {
        /// Adopt this spec file: a full spec or an excerpt, JSON or YAML.
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// With --spec: its stripe/openapi release tag (default: inferred from its path, e.g.
        /// v524, else none). Alone: adopt this release, from spec/cache/ or downloaded.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Write nothing; exit 1 with a diff if spec/ or generated/ is not what regen would
        /// write (also checked against the pinned release's full spec when it is cached).
        #[arg(long)]
        check: bool,
    },
    /// Run the generator over every top-level resource group of a full spec and over the whole
    /// /v1/ API, and `cargo check` the output (warnings denied) in a scratch crate under
    /// target/stress/ on the project's runtime; print what generates, what is typed, and what
    /// is kept as JSON and why. Exit 1 if a group fails or the output does not compile.
    Stress {
        /// A full spec, such as Stripe's openapi/spec3.json.
        #[arg(long, value_name = "PATH")]
        spec: PathBuf,
        /// Generate only; do not compile.
        #[arg(long)]
        no_check: bool,
        /// Also list every place of the whole API kept as raw JSON.
        #[arg(long)]
        list: bool,
    },
    /// Write the small test data of other releases into tests/data/ (their selections and
    /// billing_portal fixtures), from release folders holding Stripe's full files.
    TestData {
        /// Release folders, named by their tag, holding spec3.json/.yaml and fixtures3.json.
        #[arg(value_name = "DIR", required = true)]
        releases: Vec<PathBuf>,
        /// Write nothing; exit 1 with a diff if tests/data/ is not what it would write.
        #[arg(long)]
        check: bool,
    },
    /// Read a JSON file and parse it into `serde_json::Value`, and nothing else: the floor of
    /// `bench`'s whole-process comparison.
    #[command(hide = true)]
    ParseJson {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Time regen's in-memory pipeline against a bare JSON parse of the spec (built in
    /// release mode; re-runs itself so when started from a debug build).
    Bench {
        /// The spec to time on (default: the committed selection, spec/selection.json; a full
        /// spec such as v524 is the realistic case).
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// Timed runs of each side.
        #[arg(long, default_value_t = 15)]
        runs: usize,
    },
    /// Time the generated crate's own compile (dev build and check, from a clean target dir,
    /// dependencies built first) against serde_json's, print its size and the release size of
    /// the session example; and build, cold, programs that create a session (async, blocking)
    /// or receive the portal's webhook events (axum), with the crate and by hand (the floors),
    /// reporting wall time, peak memory and the crate's own unit time.
    BuildCost {
        /// Only the crate's own compile.
        #[arg(long, conflicts_with = "programs_only")]
        crate_only: bool,
        /// Only the whole programs.
        #[arg(long)]
        programs_only: bool,
        /// Cold builds of each program.
        #[arg(long, default_value_t = 2, value_name = "N")]
        runs: usize,
        /// Build async-stripe's session program too, for comparison (fetched from the
        /// registry).
        #[arg(long)]
        with_async_stripe: bool,
    },
    /// Download a release of Stripe's spec into spec/cache/ (default: the pinned release,
    /// whose content hash is then verified).
    FetchSpec {
        /// The stripe/openapi release tag, such as v524.
        tag: Option<String>,
        /// Where releases are served from.
        #[arg(long, value_name = "URL", env = "STRIPE_OPENAPI_BASE_URL")]
        base_url: Option<String>,
    },
    /// Run the generator on mutated copies of the small specs in tests/specs/ and
    /// tests/bad_specs/ until the budget is spent: a panic, or a case running longer than
    /// --timeout, is a finding, saved to fuzz/artifacts/ (built in release mode; re-runs itself
    /// so when started from a debug build).
    ///
    /// Deterministic: case N of a seed is always the same input. Without --seconds and
    /// --iterations, runs for 60 seconds.
    Fuzz(FuzzArgs),
}

/// The arguments of `cargo xtask fuzz`.
#[derive(Clone, clap::Args)]
struct FuzzArgs {
    /// Stop after this many seconds.
    #[arg(long, value_name = "N")]
    seconds: Option<u64>,
    /// Stop after this many cases.
    #[arg(long, value_name = "N")]
    iterations: Option<u64>,
    /// The seed of the case generator (default: from the clock; the summary prints it).
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// A case running longer than this many seconds is a hang.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Run one saved input (a finding in fuzz/artifacts/) instead, and print how it ends.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["seconds", "iterations", "seed", "case"])]
    replay: Option<PathBuf>,
    /// Print case N of --seed (its seed file, mutations and input), then run it.
    #[arg(long, value_name = "N", requires = "seed", conflicts_with_all = ["seconds", "iterations"])]
    case: Option<u64>,
}

impl FuzzArgs {
    /// The same arguments, for the release build to re-run with.
    fn to_args(&self) -> Vec<String> {
        let mut args = vec!["--timeout".to_owned(), self.timeout.to_string()];
        let mut push = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                args.extend([name.to_owned(), value]);
            }
        };
        push("--seconds", self.seconds.map(|n| n.to_string()));
        push("--iterations", self.iterations.map(|n| n.to_string()));
        push("--seed", self.seed.map(|n| n.to_string()));
        push(
            "--replay",
            self.replay.as_ref().map(|p| p.display().to_string()),
        );
        push("--case", self.case.map(|n| n.to_string()));
        args
    }
}

/// Set in the child process that runs the cases: the file that holds the running case's number.
const FUZZ_PROGRESS_ENV: &str = "XTASK_FUZZ_PROGRESS";

/// Runs the cases in a child process (this program again), so that a case that takes the
/// process down (a stack overflow aborts it) is still reported: the child keeps the number of
/// its running case in a file, from which the case is made again, saved and printed.
fn supervise_fuzz(corpus: &fuzz::Corpus, args: &FuzzArgs, seed: u64, artifacts: &Path) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("error: cannot find this program to run the cases: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Err(e) = std::fs::create_dir_all(artifacts) {
        eprintln!("error: cannot create {}: {e}", artifacts.display());
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let progress = artifacts.join(format!(".running-{}", std::process::id()));
    let child_args = FuzzArgs {
        seed: Some(seed),
        ..args.clone()
    }
    .to_args();
    let status = std::process::Command::new(exe)
        .arg("fuzz")
        .args(&child_args)
        .env(FUZZ_PROGRESS_ENV, &progress)
        .status();
    let running = fuzz::read_progress(&progress);
    let _ = std::fs::remove_file(&progress);
    let died = match status {
        Ok(status) => match status.code() {
            Some(code) if code == i32::from(EXIT_OK) => return ExitCode::from(EXIT_OK),
            Some(code) if code == i32::from(EXIT_FINDINGS) => return ExitCode::from(EXIT_FINDINGS),
            Some(code) if code == i32::from(EXIT_BAD_INPUT) => {
                return ExitCode::from(EXIT_BAD_INPUT);
            }
            _ => status.to_string(),
        },
        Err(e) => {
            eprintln!("error: cannot run the cases: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let Some(index) = running else {
        eprintln!("error: the fuzzer died ({died}) before its first case");
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let case = fuzz::case_at(corpus, seed, index);
    let mut finding = fuzz::Finding {
        kind: fuzz::FindingKind::Crash,
        message: format!("the process died ({died})"),
        count: 1,
        first_case: index,
        case,
        reduced: None,
        artifacts: Vec::new(),
    };
    match fuzz::save(artifacts, finding.kind, &finding.case.input) {
        Ok(path) => finding.artifacts.push(path),
        Err(e) => eprintln!("warning: {e}"),
    }
    eprint!("{}", fuzz::describe_finding(&finding, seed));
    println!(
        "fuzz: seed {seed}: stopped by a crash in case {index}; fix it and run again (`--seed {seed}` repeats the cases)"
    );
    ExitCode::from(EXIT_FINDINGS)
}

fn fuzz(layout: &Layout, args: FuzzArgs) -> ExitCode {
    if cfg!(debug_assertions) {
        // Unoptimised, the same minutes would run a tenth of the cases.
        let mut command = vec!["run", "--release", "--quiet", "-p", "xtask", "--", "fuzz"];
        let rest = args.to_args();
        command.extend(rest.iter().map(String::as_str));
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        return match std::process::Command::new(cargo).args(&command).status() {
            Ok(status) => match status.code() {
                Some(code) if code == i32::from(EXIT_OK) => ExitCode::from(EXIT_OK),
                Some(code) if code == i32::from(EXIT_FINDINGS) => ExitCode::from(EXIT_FINDINGS),
                _ => ExitCode::from(EXIT_BAD_INPUT),
            },
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        };
    }
    let case_timeout = Duration::from_secs(args.timeout.max(1));
    if let Some(path) = &args.replay {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let input = fuzz::Input::Text { file_name, bytes };
        return match fuzz::replay(input, case_timeout, fuzz::check) {
            Ok(outcome) => {
                match outcome {
                    fuzz::Outcome::Generated => println!("{}: generates", path.display()),
                    fuzz::Outcome::Rejected { message, .. } => {
                        println!("{}: rejected: {message}", path.display())
                    }
                }
                ExitCode::from(EXIT_OK)
            }
            Err((_, message)) => {
                eprintln!("{}: {message}", path.display());
                ExitCode::from(EXIT_FINDINGS)
            }
        };
    }
    let corpus = match fuzz::Corpus::load(layout.root()) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    if let Some(index) = args.case {
        let case = fuzz::case_at(&corpus, seed, index);
        println!("case {index} of seed {seed}: seed file {}", case.seed);
        for mutation in &case.mutations {
            println!("  - {mutation}");
        }
        println!("input:\n{}", fuzz::shown(&case.input));
        return match fuzz::replay(case.input, case_timeout, fuzz::check) {
            Ok(fuzz::Outcome::Generated) => {
                println!("generates");
                ExitCode::from(EXIT_OK)
            }
            Ok(fuzz::Outcome::Rejected { message, .. }) => {
                println!("rejected: {message}");
                ExitCode::from(EXIT_OK)
            }
            Err((_, message)) => {
                eprintln!("{message}");
                ExitCode::from(EXIT_FINDINGS)
            }
        };
    }
    let artifacts = layout.root().join("fuzz/artifacts");
    let progress = match std::env::var_os(FUZZ_PROGRESS_ENV) {
        Some(path) => PathBuf::from(path),
        None => return supervise_fuzz(&corpus, &args, seed, &artifacts),
    };
    let duration = match (args.seconds, args.iterations) {
        (None, None) => Some(Duration::from_secs(60)),
        (seconds, _) => seconds.map(Duration::from_secs),
    };
    let config = fuzz::Config {
        seed,
        iterations: args.iterations,
        duration,
        case_timeout,
        artifacts: Some(artifacts),
        minimize: true,
        verbose: true,
        progress: Some(progress),
    };
    eprintln!(
        "fuzz: seed {seed}, {} seed files, {}",
        corpus.seeds().len(),
        match (duration, args.iterations) {
            (Some(d), Some(n)) => format!("up to {n} cases or {} s", d.as_secs()),
            (Some(d), None) => format!("for {} s", d.as_secs()),
            (None, Some(n)) => format!("{n} cases"),
            (None, None) => String::new(),
        }
    );
    let report = fuzz::run(&corpus, &config, fuzz::check);
    print!("{}", report.summary());
    if report.findings.is_empty() {
        ExitCode::from(EXIT_OK)
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
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
    let path = spec_path.unwrap_or_else(|| layout.selection_file());
    print_report(xtask::bench::run(layout, &path, runs.max(1)))
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
    let layout = cli
        .workspace
        .clone()
        .map_or_else(Layout::from_manifest_dir, Layout::new);
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
                        if options.spec.is_some() || options.tag.is_some() {
                            eprintln!(
                                "error: adopting this release would change spec/ and generated/ as above; run the same command without --check to adopt it"
                            );
                        } else {
                            eprintln!(
                                "error: spec/ or generated/ is stale; run `cargo xtask regen` and commit the result"
                            );
                        }
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
        Command::TestData { releases, check } => {
            let dirs: Vec<&Path> = releases.iter().map(PathBuf::as_path).collect();
            match xtask::test_data::run(&layout, &dirs, check) {
                Ok(report) if check && report.is_stale() => {
                    eprint!("{}", report.diff);
                    eprint!("{}", report.summary(true));
                    eprintln!(
                        "error: tests/data/ is stale; run `cargo xtask test-data` on the same folders and commit the result"
                    );
                    ExitCode::from(EXIT_STALE)
                }
                Ok(report) => {
                    print!("{}", report.summary(check));
                    ExitCode::from(EXIT_OK)
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_BAD_INPUT)
                }
            }
        }
        Command::Stress {
            spec,
            no_check,
            list,
        } => match xtask::stress::run(&layout, &spec, !no_check) {
            Ok(report) => {
                print!("{}", report.summary());
                if list {
                    for place in &report.fallback_places {
                        println!("kept as JSON: {place}");
                    }
                }
                if report.passed() {
                    ExitCode::from(EXIT_OK)
                } else {
                    ExitCode::from(EXIT_FINDINGS)
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        },
        Command::Bench { spec, runs } => bench(&layout, spec, runs),
        Command::ParseJson { path } => match xtask::bench::parse_json(&path) {
            Ok(keys) => {
                println!("{keys}");
                ExitCode::from(EXIT_OK)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        },
        Command::Fuzz(args) => fuzz(&layout, args),
        Command::BuildCost {
            crate_only,
            programs_only,
            runs,
            with_async_stripe,
        } => print_report(xtask::build_cost::run(
            layout.root(),
            xtask::build_cost::Options {
                crate_compile: !programs_only,
                programs: !crate_only,
                runs,
                with_async_stripe,
            },
        )),
        Command::FetchSpec { tag, base_url } => match fetch_spec::fetch(&layout, tag, base_url) {
            Ok((path, doc, verified)) => {
                let check = if verified {
                    "content hash matches spec/pinned.toml"
                } else {
                    "not checked (not the pinned release, or the pin has no full spec hash): adopt it with `cargo xtask regen --tag TAG`"
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

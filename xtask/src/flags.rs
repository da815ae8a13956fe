//! The flags of `cargo xtask`: every command with its arguments, defaults and help text, in
//! one place; each command's module takes its arguments from here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Maintenance tasks of the Stripe billing_portal generator",
    after_help = "Exit codes: 0 success; 1 `regen --check` found generated/ stale, or `fuzz` found a panic or hang; 2 bad input (spec, arguments) or environment error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Work on the workspace at DIR instead of the one this xtask was built in (`bench` runs
    /// regen in a scratch copy so).
    #[arg(long, global = true, hide = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Regenerate generated/src/generated/ from the committed selection of the pinned release
    /// (spec/selection.json), or adopt another release with --spec or --tag.
    ///
    /// Adopting selects the billing_portal paths and the schemas they need, writes them to
    /// spec/selection.json and the release to spec/pinned.toml, regenerates, and records what
    /// changed in the API in generated/API_CHANGES.md.
    Regen(RegenArgs),
    /// Run the generator over every top-level resource group of a full spec and over the whole
    /// /v1/ API, and `cargo check` the output (warnings denied) in a scratch crate under
    /// target/stress/ on the project's runtime; print what generates, what is typed, and what
    /// is kept as JSON and why. Exit 1 if a group fails or the output does not compile.
    Stress(StressArgs),
    /// Write the small test data of other releases into tests/data/ (their selections and
    /// billing_portal fixtures), from release folders holding Stripe's full files.
    TestData(TestDataArgs),
    /// Read a JSON file and parse it into `serde_json::Value`, and nothing else: the floor of
    /// `bench`'s whole-process comparison.
    #[command(hide = true)]
    ParseJson(ParseJsonArgs),
    /// Time regen's in-memory pipeline against a bare JSON parse of the spec (built in
    /// release mode; re-runs itself so when started from a debug build).
    Bench(BenchArgs),
    /// Time the generated crate's own compile (dev build and check, from a clean target dir,
    /// dependencies built first) against serde_json's, print its size and the release size of
    /// the session example; and build, cold, programs that create a session (async, blocking)
    /// or receive the portal's webhook events (axum), with the crate and by hand (the floors),
    /// reporting wall time, peak memory and the crate's own unit time.
    BuildCost(BuildCostArgs),
    /// Download a release of Stripe's spec into spec/cache/ (default: the pinned release,
    /// whose content hash is then verified).
    FetchSpec(FetchSpecArgs),
    /// Run the generator on mutated copies of the small specs in tests/specs/ and
    /// tests/bad_specs/ until the budget is spent: a panic, or a case running longer than
    /// --timeout, is a finding, saved to fuzz/artifacts/ (built in release mode; re-runs itself
    /// so when started from a debug build).
    ///
    /// Deterministic: case N of a seed is always the same input. Without --seconds and
    /// --iterations, runs for 60 seconds.
    Fuzz(FuzzArgs),
}

/// The arguments of `cargo xtask regen`.
#[derive(clap::Args)]
pub struct RegenArgs {
    /// Adopt this spec file: a full spec or an excerpt, JSON or YAML.
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
    /// With --spec: its stripe/openapi release tag (default: inferred from its path, e.g.
    /// v524, else none). Alone: adopt this release, from spec/cache/ or downloaded.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Write nothing; exit 1 with a diff if spec/ or generated/ is not what regen would
    /// write (also checked against the pinned release's full spec when it is cached).
    #[arg(long)]
    pub check: bool,
}

/// The arguments of `cargo xtask stress`.
#[derive(clap::Args)]
pub struct StressArgs {
    /// A full spec, such as Stripe's openapi/spec3.json.
    #[arg(long, value_name = "PATH")]
    pub spec: PathBuf,
    /// Generate only; do not compile.
    #[arg(long)]
    pub no_check: bool,
    /// Also list every place of the whole API kept as raw JSON.
    #[arg(long)]
    pub list: bool,
}

/// The arguments of `cargo xtask test-data`.
#[derive(clap::Args)]
pub struct TestDataArgs {
    /// Release folders, named by their tag, holding spec3.json/.yaml and fixtures3.json.
    #[arg(value_name = "DIR", required = true)]
    pub releases: Vec<PathBuf>,
    /// Write nothing; exit 1 with a diff if tests/data/ is not what it would write.
    #[arg(long)]
    pub check: bool,
}

/// The arguments of `cargo xtask parse-json`.
#[derive(clap::Args)]
pub struct ParseJsonArgs {
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

/// The arguments of `cargo xtask bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// The spec to time on (default: the committed selection, spec/selection.json; a full
    /// spec such as v524 is the realistic case).
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
    /// Timed runs of each side.
    #[arg(long, default_value_t = 15)]
    pub runs: usize,
}

impl BenchArgs {
    /// The same arguments, for the release build to re-run with.
    pub fn to_args(&self) -> Vec<String> {
        let mut args = vec!["--runs".to_owned(), self.runs.to_string()];
        if let Some(path) = &self.spec {
            args.extend(["--spec".to_owned(), path.display().to_string()]);
        }
        args
    }
}

/// The arguments of `cargo xtask build-cost`.
#[derive(clap::Args)]
pub struct BuildCostArgs {
    /// Only the crate's own compile.
    #[arg(long, conflicts_with = "programs_only")]
    pub crate_only: bool,
    /// Only the whole programs.
    #[arg(long)]
    pub programs_only: bool,
    /// Cold builds of each program.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub runs: usize,
    /// Build async-stripe's session program too, for comparison (fetched from the
    /// registry).
    #[arg(long)]
    pub with_async_stripe: bool,
}

/// The arguments of `cargo xtask fetch-spec`.
#[derive(clap::Args)]
pub struct FetchSpecArgs {
    /// The stripe/openapi release tag, such as v524.
    pub tag: Option<String>,
    /// Where releases are served from.
    #[arg(long, value_name = "URL", env = "STRIPE_OPENAPI_BASE_URL")]
    pub base_url: Option<String>,
}

/// The arguments of `cargo xtask fuzz`.
#[derive(Clone, clap::Args)]
pub struct FuzzArgs {
    /// Stop after this many seconds.
    #[arg(long, value_name = "N")]
    pub seconds: Option<u64>,
    /// Stop after this many cases.
    #[arg(long, value_name = "N")]
    pub iterations: Option<u64>,
    /// The seed of the case generator (default: from the clock; the summary prints it).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// A case running longer than this many seconds is a hang.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    /// Run one saved input (a finding in fuzz/artifacts/) instead, and print how it ends.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["seconds", "iterations", "seed", "case"])]
    pub replay: Option<PathBuf>,
    /// Print case N of --seed (its seed file, mutations and input), then run it.
    #[arg(long, value_name = "N", requires = "seed", conflicts_with_all = ["seconds", "iterations"])]
    pub case: Option<u64>,
}

impl FuzzArgs {
    /// The same arguments, for the release build to re-run with.
    pub fn to_args(&self) -> Vec<String> {
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

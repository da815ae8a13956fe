//! `cargo xtask stress --spec FULL`: the generator over every top-level resource group of a full
//! spec and over the whole `/v1/` API at once, each output compiled (`cargo check`, warnings
//! denied) in scratch crates built on the project's runtime. It measures how far the generator
//! is from taking any part of Stripe's API: what fails, what is typed, what is kept as JSON and
//! why. Nothing of its output is committed; it lives under `target/stress/`.

use crate::exit::{self, EXIT_FINDINGS, EXIT_OK};
use crate::flags::StressArgs;
use crate::layout::Layout;
use codegen::model::{Api, TypeKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The prefix standing for the whole API.
pub const WHOLE_API: &str = "/v1/";

/// What one prefix gave.
#[derive(Debug)]
pub enum Outcome {
    /// It generated: types, unions typed, and places kept as raw JSON.
    Generated {
        /// Named types.
        types: usize,
        /// Union types (enums over object or JSON-kind arms).
        unions: usize,
        /// Constructs kept as `serde_json::Value`.
        fallbacks: usize,
    },
    /// The generator refused it, with its message.
    Failed(String),
}

/// What a run found.
#[derive(Debug)]
pub struct StressReport {
    /// By prefix.
    pub outcomes: Vec<(String, Outcome)>,
    /// Constructs kept as raw JSON in the whole-API run, by reason.
    pub fallback_reasons: BTreeMap<String, usize>,
    /// Operations the whole-API run left out, with why.
    pub left_out: Vec<String>,
    /// Every place the whole-API run kept as raw JSON, with why.
    pub fallback_places: Vec<String>,
    /// Tagged shapes (a `type` and a sub-object per kind) the whole-API run made enums of.
    pub tagged: usize,
    /// Tagged shapes the whole-API run lowered as the spec says instead, with why.
    pub not_applied: Vec<String>,
    /// Whether `cargo check` of the scratch crate passed (`None`: not run).
    pub compiled: Option<bool>,
    /// Seconds the generator took over all prefixes.
    pub generate_seconds: f64,
    /// Seconds `cargo check` took.
    pub check_seconds: f64,
}

impl StressReport {
    /// Whether every prefix generated and the output compiled.
    pub fn passed(&self) -> bool {
        self.compiled != Some(false)
            && self
                .outcomes
                .iter()
                .all(|(_, o)| matches!(o, Outcome::Generated { .. }))
    }

    /// The printed report.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let (mut generated, mut types, mut unions, mut fallbacks) = (0, 0, 0, 0);
        for (prefix, outcome) in &self.outcomes {
            match outcome {
                Outcome::Generated {
                    types: t,
                    unions: u,
                    fallbacks: f,
                } => {
                    if prefix != WHOLE_API {
                        generated += 1;
                        types += t;
                        unions += u;
                        fallbacks += f;
                    }
                    let _ = writeln!(
                        out,
                        "{prefix:<45} {t:>5} types {u:>4} unions {f:>4} kept as JSON"
                    );
                }
                Outcome::Failed(message) => {
                    let _ = writeln!(out, "{prefix:<45} FAILED: {message}");
                }
            }
        }
        let groups = self.outcomes.iter().filter(|(p, _)| p != WHOLE_API).count();
        let _ = writeln!(
            out,
            "\ngroups: {generated} of {groups} generate ({types} types, {unions} unions typed, {fallbacks} places kept as JSON, summed over the groups); generating took {:.2} s",
            self.generate_seconds
        );
        if !self.fallback_reasons.is_empty() {
            let _ = writeln!(out, "kept as JSON in the whole {WHOLE_API} API, by reason:");
            for (reason, count) in &self.fallback_reasons {
                let _ = writeln!(out, "  {count:>5}  {reason}");
            }
        }
        let _ = writeln!(
            out,
            "tagged shapes in the whole {WHOLE_API} API: {} made enums of kinds, {} lowered as the spec says",
            self.tagged,
            self.not_applied.len()
        );
        for place in &self.not_applied {
            let _ = writeln!(out, "  {place}");
        }
        for operation in &self.left_out {
            let _ = writeln!(out, "left out of the whole API: {operation}");
        }
        match self.compiled {
            Some(true) => {
                let _ = writeln!(
                    out,
                    "cargo check (warnings denied): passed in {:.1} s",
                    self.check_seconds
                );
            }
            Some(false) => {
                let _ = writeln!(out, "cargo check (warnings denied): FAILED");
            }
            None => {}
        }
        out
    }
}

/// `cargo xtask stress`: runs, and prints the report.
pub fn run(layout: &Layout, args: StressArgs) -> ExitCode {
    let report = match generate_all(layout, &args.spec, !args.no_check) {
        Ok(report) => report,
        Err(e) => return exit::bad_input(e),
    };
    print!("{}", report.summary());
    if args.list {
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

/// Generates every group of `spec_path` and the whole API, writes the scratch crate under
/// `target/stress/`, and (with `compile`) checks it.
pub fn generate_all(
    layout: &Layout,
    spec_path: &Path,
    compile: bool,
) -> Result<StressReport, String> {
    let doc = spec::SpecDocument::read(spec_path).map_err(|e| e.to_string())?;
    let source = spec_path.display().to_string();
    let paths = doc
        .value
        .get("paths")
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| format!("{source}: no `paths` object"))?;
    let mut prefixes: Vec<String> =
        codegen::select::group_prefixes(paths.keys().map(String::as_str))
            .into_iter()
            .filter(|p| p.starts_with(WHOLE_API) && p != WHOLE_API)
            .collect();
    prefixes.push(WHOLE_API.to_owned());

    let started = std::time::Instant::now();
    let mut outcomes = Vec::new();
    let mut modules = Vec::new();
    let mut fallback_reasons = BTreeMap::new();
    let mut left_out = Vec::new();
    let mut fallback_places = Vec::new();
    let mut tagged = 0;
    let mut not_applied = Vec::new();
    let options = codegen::emit::EmitOptions {
        runtime_path: "stripe_billing_portal::runtime".to_owned(),
    };
    for prefix in &prefixes {
        let built = std::panic::catch_unwind(|| {
            codegen::build_model(&doc.value, &source, &codegen::Scope::one(prefix))
        });
        let outcome = match built {
            Err(_) => Outcome::Failed("the generator panicked".to_owned()),
            Ok(Err(e)) => Outcome::Failed(e.to_string()),
            Ok(Ok(api)) => {
                if prefix == WHOLE_API {
                    for fallback in &api.fallbacks {
                        *fallback_reasons.entry(fallback.reason.clone()).or_insert(0) += 1;
                    }
                    fallback_places = api
                        .fallbacks
                        .iter()
                        .map(|f| format!("{}: {}", f.pointer, f.reason))
                        .collect();
                    tagged = api
                        .types
                        .iter()
                        .filter(|t| matches!(&t.kind, TypeKind::Struct(s) if s.tagged.is_some()))
                        .count();
                    not_applied = api
                        .not_applied
                        .iter()
                        .map(|n| format!("{}: {}", n.pointer, n.reason))
                        .collect();
                    left_out = api
                        .left_out
                        .iter()
                        .map(|l| format!("{}: {}", l.operation, l.reason))
                        .collect();
                }
                modules.push((
                    module_name(prefix),
                    codegen::emit::emit_single_file(&api, &options),
                ));
                counts(&api)
            }
        };
        outcomes.push((prefix.clone(), outcome));
    }
    let generate_seconds = started.elapsed().as_secs_f64();

    let crate_dir = layout.root().join("target/stress/crate");
    write_crate(layout, &crate_dir, &modules)?;
    let (compiled, check_seconds) = if compile {
        let started = std::time::Instant::now();
        let ok = check(layout, &crate_dir)?;
        (Some(ok), started.elapsed().as_secs_f64())
    } else {
        (None, 0.0)
    };
    Ok(StressReport {
        outcomes,
        fallback_reasons,
        left_out,
        fallback_places,
        tagged,
        not_applied,
        compiled,
        generate_seconds,
        check_seconds,
    })
}

fn counts(api: &Api) -> Outcome {
    let unions = api
        .types
        .iter()
        .filter(|t| !matches!(t.kind, TypeKind::Struct(_) | TypeKind::Enum(_)))
        .count();
    Outcome::Generated {
        types: api.types.len(),
        unions,
        fallbacks: api.fallbacks.len(),
    }
}

/// `/v1/billing_portal/` -> `v1_billing_portal`; the whole API is `whole_v1`.
fn module_name(prefix: &str) -> String {
    if prefix == WHOLE_API {
        return "whole_v1".to_owned();
    }
    prefix
        .trim_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// How many crates the modules are spread over: rustc checks one crate on one core, so two
/// crates or more keep both of a CI machine's cores busy.
const CRATES: usize = 4;

/// A workspace of [`CRATES`] crates holding one module per prefix (spread by size), on the
/// project's runtime (the generated crate without its client), resolved from the workspace's
/// lock file so that it builds offline.
fn write_crate(layout: &Layout, dir: &Path, modules: &[(String, String)]) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    // Largest first, each to the crate with the least code so far.
    let mut order: Vec<&(String, String)> = modules.iter().collect();
    order.sort_by_key(|(_, code)| std::cmp::Reverse(code.len()));
    let mut buckets: Vec<(usize, Vec<&(String, String)>)> = vec![(0, Vec::new()); CRATES];
    for module in order {
        let smallest = buckets
            .iter_mut()
            .min_by_key(|(size, _)| *size)
            .expect("CRATES > 0");
        smallest.0 += module.1.len();
        smallest.1.push(module);
    }
    let runtime = layout.root().join("generated").display().to_string();
    let mut members = Vec::new();
    for (i, (_, bucket)) in buckets.iter().enumerate() {
        if bucket.is_empty() {
            continue;
        }
        let member = format!("part{i}");
        let manifest = format!(
            "[package]\nname = \"stress-{member}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nstripe-billing-portal = {{ path = {runtime:?}, default-features = false }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
        );
        write(dir.join(&member).join("Cargo.toml"), &manifest)?;
        let mut lib = String::from(
            "//! Resource groups of a full Stripe spec, generated by `cargo xtask stress`.\n",
        );
        for (name, code) in bucket {
            write(
                dir.join(&member).join("src").join(format!("{name}.rs")),
                code,
            )?;
            let _ = writeln!(
                lib,
                "/// Generated from one prefix.\npub mod {name} {{\n    include!(\"{name}.rs\");\n}}"
            );
        }
        write(dir.join(&member).join("src/lib.rs"), &lib)?;
        members.push(format!("{member:?}"));
    }
    write(
        dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )?;
    std::fs::copy(layout.root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    Ok(())
}

/// `cargo check` of the scratch crates with warnings denied; prints the compiler's output.
fn check(layout: &Layout, dir: &Path) -> Result<bool, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["check", "--quiet", "--offline", "--workspace"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            layout.root().join("target/stress/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

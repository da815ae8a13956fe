//! The in-process loop of `cargo xtask fuzz` ([`run_cases`]): cases `0..` of a seed, each on a worker
//! with a time limit, until the budget is spent; findings grouped, saved and reduced; the
//! running case's number kept in a file for a parent process ([`read_progress`]).

use super::artifacts::save;
use super::cases::Corpus;
use super::check::{Outcome, Target};
use super::draw::case_at;
use super::reduce::minimize;
use super::report::{Finding, FindingKind, Report, describe_finding, shown, signature};
use super::worker::{Verdict, Worker};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Case `i` of seed `s` is always the same input.
    pub seed: u64,
    /// Stop after this many cases.
    pub iterations: Option<u64>,
    /// Stop after this long.
    pub duration: Option<Duration>,
    /// A case running longer is a hang.
    pub case_timeout: Duration,
    /// Where findings are saved (`None`: not saved).
    pub artifacts: Option<PathBuf>,
    /// Reduce each panic's input before saving it.
    pub minimize: bool,
    /// Print findings as they come, and progress, to stderr.
    pub verbose: bool,
    /// A file that holds the number of the running case (8 bytes, little-endian), for a parent
    /// process to tell which case took the process down ([`read_progress`]).
    pub progress: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seed: 0,
            iterations: Some(100),
            duration: None,
            case_timeout: Duration::from_secs(10),
            artifacts: None,
            minimize: true,
            verbose: false,
            progress: None,
        }
    }
}

/// Runs cases `0..` of `config.seed` until the budget is spent; every case on a worker thread,
/// under `catch_unwind`, with a time limit.
pub fn run_cases(corpus: &Corpus, config: &Config, target: Target) -> Report {
    let started = Instant::now();
    let mut report = Report {
        seed: config.seed,
        ..Report::default()
    };
    let mut worker = Worker::spawn(target);
    let mut stuck = 0;
    let mut groups: BTreeMap<(FindingKind, String), usize> = BTreeMap::new();
    let mut last_progress = Instant::now();
    let mut progress = config.progress.as_ref().and_then(|path| {
        std::fs::File::create(path)
            .map_err(|e| eprintln!("warning: cannot write {}: {e}", path.display()))
            .ok()
    });
    for index in 0.. {
        if config.iterations.is_some_and(|n| index >= n)
            || config.duration.is_some_and(|d| started.elapsed() >= d)
        {
            break;
        }
        if let Some(file) = &mut progress {
            use std::io::{Seek, Write};
            let _ = file
                .seek(std::io::SeekFrom::Start(0))
                .and_then(|_| file.write_all(&index.to_le_bytes()));
        }
        let case = case_at(corpus, config.seed, index);
        report.cases += 1;
        let verdict = worker.run(&case, config.case_timeout);
        let (kind, message) = match verdict {
            Verdict::Done(Outcome::Generated) => {
                report.generated += 1;
                continue;
            }
            Verdict::Done(Outcome::Rejected { kind, .. }) => {
                *report.rejected.entry(kind).or_default() += 1;
                continue;
            }
            Verdict::Panicked(message) => (FindingKind::Panic, message),
            Verdict::Hung => {
                worker = Worker::spawn(target);
                stuck += 1;
                (
                    FindingKind::Hang,
                    format!("no answer within {:?}", config.case_timeout),
                )
            }
        };
        let key = (kind, signature(&message));
        match groups.get(&key) {
            Some(&i) => report.findings[i].count += 1,
            None => {
                groups.insert(key, report.findings.len());
                let mut finding = Finding {
                    kind,
                    message,
                    count: 1,
                    first_case: index,
                    case: case.clone(),
                    reduced: None,
                    artifacts: Vec::new(),
                };
                if let Some(dir) = &config.artifacts {
                    match save(dir, kind, &case.input) {
                        Ok(path) => finding.artifacts.push(path),
                        Err(e) => eprintln!("warning: {e}"),
                    }
                }
                if config.verbose {
                    eprintln!("{}", describe_finding(&finding, config.seed));
                }
                report.findings.push(finding);
            }
        }
        if stuck >= 2 {
            report.stopped_early = Some(format!(
                "{stuck} cases hung; their threads still hold the CPU"
            ));
            break;
        }
        if config.verbose && last_progress.elapsed() >= Duration::from_secs(10) {
            last_progress = Instant::now();
            eprintln!(
                "fuzz: {} cases, {:.0} s, {} findings",
                report.cases,
                started.elapsed().as_secs_f64(),
                report.findings.len()
            );
        }
    }
    report.elapsed = started.elapsed();
    if config.minimize {
        for finding in &mut report.findings {
            if finding.kind != FindingKind::Panic {
                continue;
            }
            let wanted = signature(&finding.message);
            let reduced = minimize(&finding.case, &mut worker, config.case_timeout, &wanted);
            if let Some(dir) = &config.artifacts {
                match save(dir, finding.kind, &reduced) {
                    Ok(path) => {
                        if !finding.artifacts.contains(&path) {
                            finding.artifacts.push(path);
                        }
                    }
                    Err(e) => eprintln!("warning: {e}"),
                }
            }
            if config.verbose {
                eprintln!(
                    "reduced input of `{}`:\n{}",
                    finding.message,
                    shown(&reduced)
                );
            }
            finding.reduced = Some(reduced);
        }
    }
    report
}

/// The number of the case that was running, from a [`Config::progress`] file.
pub fn read_progress(path: &Path) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    Some(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzz::cases::tests::corpus;
    use crate::fuzz::cases::{Case, Input};
    use crate::fuzz::tree::depth;
    use serde_json::json;
    use std::thread;

    fn boom(case: &Case) -> Outcome {
        if let Input::Document(doc) = &case.input
            && doc.get("paths").is_some()
        {
            panic!("boom at depth {}", depth(doc));
        }
        Outcome::Generated
    }

    fn sleepy(_: &Case) -> Outcome {
        thread::sleep(Duration::from_millis(600));
        Outcome::Generated
    }

    #[test]
    fn a_panicking_target_is_a_finding_saved_and_reduced() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            seed: 7,
            iterations: Some(40),
            artifacts: Some(dir.path().to_owned()),
            ..Config::default()
        };
        let report = run_cases(&corpus(), &config, boom);
        assert_eq!(report.cases, 40);
        // One finding however many cases panicked: the depth in the message is blanked.
        assert_eq!(report.findings.len(), 1, "{}", report.summary());
        let finding = &report.findings[0];
        assert_eq!(finding.kind, FindingKind::Panic);
        assert!(
            finding.message.starts_with("boom at depth "),
            "{}",
            finding.message
        );
        assert!(finding.message.contains(file!()), "{}", finding.message);
        assert!(finding.count > 20, "{}", report.summary());
        // Reduced to the smallest document that still has `paths`.
        let Some(Input::Document(reduced)) = &finding.reduced else {
            panic!("not reduced: {:?}", finding.reduced);
        };
        assert_eq!(reduced, &json!({"paths": {}}));
        assert!(!finding.artifacts.is_empty());
        for path in &finding.artifacts {
            assert!(path.starts_with(dir.path()));
            assert!(
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("panic-")
            );
            assert!(path.exists());
        }
        assert!(
            report.summary().contains("findings: 1 ("),
            "{}",
            report.summary()
        );
    }

    #[test]
    fn a_hanging_target_is_a_finding() {
        let config = Config {
            seed: 1,
            iterations: Some(3),
            case_timeout: Duration::from_millis(100),
            ..Config::default()
        };
        let report = run_cases(&corpus(), &config, sleepy);
        assert_eq!(report.findings.len(), 1, "{}", report.summary());
        assert_eq!(report.findings[0].kind, FindingKind::Hang);
        // Two stuck threads are enough: the run stops rather than fill the machine.
        assert_eq!(report.cases, 2);
        assert!(report.stopped_early.is_some());
    }
}

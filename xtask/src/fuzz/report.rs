//! What a run found and how it is told: findings (cases that went wrong the same way, by
//! [`signature`]), the run's [`Report`] and its summary, and inputs shown on the terminal.

use super::cases::{Case, Input};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

/// What went wrong in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// The target panicked.
    Panic,
    /// The target did not finish within the time limit.
    Hang,
    /// The process died (a stack overflow aborts it).
    Crash,
}

impl FindingKind {
    /// `panic`, `hang` or `crash`.
    pub fn word(self) -> &'static str {
        match self {
            FindingKind::Panic => "panic",
            FindingKind::Hang => "hang",
            FindingKind::Crash => "crash",
        }
    }
}

/// Cases that went wrong the same way (same panic location and message shape, or a hang).
#[derive(Debug, Clone)]
pub struct Finding {
    /// Panic or hang.
    pub kind: FindingKind,
    /// The panic message and location (for a hang, the time limit).
    pub message: String,
    /// How many cases went wrong this way.
    pub count: u64,
    /// The first such case's number (`--seed S` and this reproduce it).
    pub first_case: u64,
    /// The first such case.
    pub case: Case,
    /// Its input, reduced (when minimizing).
    pub reduced: Option<Input>,
    /// Where the inputs were saved.
    pub artifacts: Vec<PathBuf>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The seed.
    pub seed: u64,
    /// Cases run.
    pub cases: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Cases that generated code.
    pub generated: u64,
    /// Cases rejected with an error, by error kind.
    pub rejected: BTreeMap<String, u64>,
    /// Panics and hangs, grouped.
    pub findings: Vec<Finding>,
    /// Why the run stopped before its budget, if it did.
    pub stopped_early: Option<String>,
}

impl Report {
    /// Rejected cases in all.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// The summary printed at the end of a run.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.cases as f64 / secs
        } else {
            0.0
        };
        let percent = |n: u64| {
            if self.cases == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.cases as f64
            }
        };
        let _ = writeln!(
            out,
            "fuzz: seed {}: {} cases in {secs:.1} s ({rate:.1} cases/s)",
            self.seed, self.cases
        );
        let _ = writeln!(
            out,
            "  generated code: {} ({:.1}%)",
            self.generated,
            percent(self.generated)
        );
        let rejected = self.rejected_total();
        let _ = writeln!(
            out,
            "  rejected with an error: {rejected} ({:.1}%); top kinds:",
            percent(rejected)
        );
        let mut kinds: Vec<(&String, &u64)> = self.rejected.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (kind, n) in kinds.iter().take(12) {
            let _ = writeln!(out, "    {n:>7}  {kind}");
        }
        if kinds.len() > 12 {
            let rest: u64 = kinds.iter().skip(12).map(|(_, n)| **n).sum();
            let _ = writeln!(out, "    {rest:>7}  ({} other kinds)", kinds.len() - 12);
        }
        let found: u64 = self.findings.iter().map(|f| f.count).sum();
        let _ = writeln!(out, "  findings: {} ({found} cases)", self.findings.len());
        for finding in &self.findings {
            let _ = writeln!(
                out,
                "    {} x{} (first: case {} of seed {}, from {}): {}",
                finding.kind.word(),
                finding.count,
                finding.first_case,
                self.seed,
                finding.case.seed,
                finding.message
            );
            for path in &finding.artifacts {
                let _ = writeln!(out, "      saved {}", path.display());
            }
        }
        if let Some(why) = &self.stopped_early {
            let _ = writeln!(out, "  stopped early: {why}");
        }
        out
    }
}

/// A finding as printed when found: what, where from, how to reproduce, and the input.
pub fn describe_finding(finding: &Finding, seed: u64) -> String {
    let mut out = format!(
        "fuzz: {} in case {} of seed {} (seed file {}): {}\n",
        finding.kind.word(),
        finding.first_case,
        seed,
        finding.case.seed,
        finding.message
    );
    for mutation in &finding.case.mutations {
        let _ = writeln!(out, "  - {mutation}");
    }
    for path in &finding.artifacts {
        let _ = writeln!(
            out,
            "  saved {} (re-run it with `cargo xtask fuzz --replay {}`)",
            path.display(),
            path.display()
        );
    }
    let _ = writeln!(out, "input:\n{}", shown(&finding.case.input));
    out
}

/// An input as text for the terminal: pretty JSON when short, else compact; cut at 4000
/// characters.
pub fn shown(input: &Input) -> String {
    let mut text = String::from_utf8_lossy(&input.bytes()).into_owned();
    if let Input::Document(doc) = input
        && text.len() > 4000
    {
        text = doc.to_string();
    }
    match text.char_indices().nth(4000) {
        Some((cut, _)) => format!("{}\n... ({} bytes in all)", &text[..cut], text.len()),
        None => text,
    }
}

/// What makes two panics the same finding: the location and the message with numbers blanked.
pub(super) fn signature(message: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for ch in message.chars().take(300) {
        if ch.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_blank_numbers() {
        assert_eq!(
            signature("index out of bounds: the len is 3 but the index is 12 (at a.rs:4:5)"),
            "index out of bounds: the len is N but the index is N (at a.rs:N:N)"
        );
    }
}

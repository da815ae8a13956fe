//! The units of a build and their durations, read from the report `cargo build --timings`
//! writes (`<target>/cargo-timings/cargo-timing.html`, whose `UNIT_DATA` is JSON).

use std::path::Path;

/// One unit of a build: a crate's compile or a build script's run.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Unit {
    pub name: String,
    /// What of the crate: empty for its library, ` build script`, ` (run)`, ` name "bin"`...
    pub target: String,
    pub seconds: f64,
}

impl Unit {
    /// `name` and, when it is not the library, which target.
    pub(super) fn label(&self) -> String {
        format!("{}{}", self.name, self.target)
    }
}

/// The units of the last build with `--timings` into `target_dir`.
pub(super) fn read(target_dir: &Path) -> Result<Vec<Unit>, String> {
    let path = target_dir.join("cargo-timings/cargo-timing.html");
    let html = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&html).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse(html: &str) -> Result<Vec<Unit>, String> {
    const START: &str = "const UNIT_DATA = ";
    let at = html
        .find(START)
        .ok_or("no UNIT_DATA (has cargo's timings report changed?)")?;
    let json = &html[at + START.len()..];
    let data: serde_json::Value = serde_json::Deserializer::from_str(json)
        .into_iter()
        .next()
        .ok_or("UNIT_DATA is empty")?
        .map_err(|e| format!("UNIT_DATA is not JSON: {e}"))?;
    let units = data.as_array().ok_or("UNIT_DATA is not a list")?;
    units
        .iter()
        .map(|unit| {
            let text = |key: &str| unit.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            Ok(Unit {
                name: text("name").ok_or("a unit without a name")?,
                target: text("target").unwrap_or_default(),
                seconds: unit
                    .get("duration")
                    .and_then(serde_json::Value::as_f64)
                    .ok_or("a unit without a duration")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_units_of_a_timings_report() {
        let html = r#"<script>
const UNIT_DATA = [
  {"i": 0, "name": "itoa", "version": "1.0.18", "mode": "todo", "target": "",
   "start": 0.13, "duration": 0.2, "sections": null},
  {"i": 1, "name": "ring", "version": "0.17.14", "mode": "run-custom-build",
   "target": " build script (run)", "start": 0.5, "duration": 7.25, "sections": null}
];
const CONCURRENCY_DATA = [];
</script>"#;
        let units = parse(html).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].label(), "itoa");
        assert_eq!(units[1].label(), "ring build script (run)");
        assert_eq!(units[1].seconds, 7.25);
        assert!(parse("<html></html>").unwrap_err().contains("no UNIT_DATA"));
    }
}

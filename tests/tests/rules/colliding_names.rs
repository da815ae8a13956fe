//! Rule "colliding names" (`naming::distinct_names`): values and properties whose Rust names
//! would be the same get names that spell their punctuation, numbered where only case differs;
//! on the wire each keeps its own name.

use super::*;
use rule_specs::colliding_names::params::{CreateReportRunParams, CreateReportRunTimezone};
use rule_specs::colliding_names::resources::{ReportRun, ReportRunStatus};

#[test]
fn request_values_keep_their_wire_names() {
    for (tz, wire) in [
        (CreateReportRunTimezone::EtcSlashGmtPlus0, "Etc/GMT+0"),
        (CreateReportRunTimezone::EtcSlashGmtMinus0, "Etc/GMT-0"),
        (CreateReportRunTimezone::Utc, "UTC"),
    ] {
        let mut params = CreateReportRunParams::new();
        params.timezone = Some(tz);
        assert_eq!(to_json(&params), json!({"timezone": wire}));
        assert_eq!(from_json::<CreateReportRunTimezone>(json!(wire)), tz);
    }
}

#[test]
fn response_fields_and_values_round_trip() {
    let json = json!({"id": "r_1", "fooBar": "text", "foo_bar": 7, "status": "EN_AU"});
    let run: ReportRun = from_json(json.clone());
    assert_eq!((run.foo_bar.as_str(), run.foo_underscore_bar), ("text", 7));
    assert_eq!(run.status, ReportRunStatus::EnUnderscoreAu2);
    assert_eq!(to_json(&run), json);
    let other: ReportRun =
        from_json(json!({"id": "r", "fooBar": "", "foo_bar": 0, "status": "en_AU"}));
    assert_eq!(other.status, ReportRunStatus::EnUnderscoreAu);
}

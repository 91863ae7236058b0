//! What the rule tests share: the example report (longde-2024), copies of it changed in one place,
//! and a check of them.
#![allow(dead_code)] // each test binary uses some of these

use nianbao_core::check::Options;
use nianbao_core::{check, CheckResult, Report};
use serde_json::{json, Value};

pub fn example() -> Value {
    serde_json::from_str(include_str!("../../../../tests/data/longde-2024.json")).unwrap()
}

pub fn run(report: &Value) -> CheckResult {
    run_with(report, Options::default())
}

pub fn run_with(report: &Value, options: Options) -> CheckResult {
    let report: Report = serde_json::from_value(report.clone()).expect("a report");
    check(&report, options)
}

/// The example with one cell set: `with("requests.new.total", json!(16))`.
pub fn with(cell: &str, value: Value) -> Value {
    let mut report = example();
    let mut parts = cell.split('.');
    let (t, r, c) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    report[t][r][c] = value;
    report
}

pub fn rules(result: &CheckResult) -> Vec<&str> {
    result.findings.iter().map(|f| f.rule).collect()
}

pub fn only<'a>(result: &'a CheckResult, rule: &str) -> &'a nianbao_core::Finding {
    let matching: Vec<_> = result.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(matching.len(), 1, "one {rule} finding expected in {:#?}", result.findings);
    matching[0]
}

/// Last year's report for longde-2024, consistent with it: carried forward 0, 15 documents in force.
pub fn previous_year() -> Value {
    let mut previous = example();
    previous["year"] = json!(2023);
    previous["proactive"]["normative_documents"] = json!({"issued": 2, "repealed": 0, "in_force": 15});
    previous
}

pub fn with_previous(previous: &Value) -> Options {
    Options { previous: Some(Box::new(serde_json::from_value(previous.clone()).unwrap())), ..Default::default() }
}

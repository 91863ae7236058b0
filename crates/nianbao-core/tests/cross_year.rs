//! The cross-year rules, with last year's report given in the options or loaded later, and what
//! decides that it is last year's report of the same issuer.

use nianbao_core::check::Options;
use nianbao_core::{Checker, Report, Severity};
use serde_json::{json, Value};

mod common;
use common::{example, only, previous_year, run, run_with, with_previous};

#[test]
fn cross_year_rules_pass_with_a_consistent_previous_report() {
    let result = run_with(&example(), with_previous(&previous_year()));
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
    // Without last year's report they are not evaluated at all.
    assert!(run(&example()).findings.is_empty());
}

#[test]
fn cross_year_carried_over() {
    let mut previous = previous_year();
    previous["requests"]["carried_forward"]["natural_person"] = json!(2);
    previous["requests"]["carried_forward"]["total"] = json!(2);
    let result = run_with(&example(), with_previous(&previous));
    let rules: Vec<(&str, &str)> = result.findings.iter().map(|f| (f.rule, f.id.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("cross_year.carried_over", "cross_year.carried_over:natural_person"),
            ("cross_year.carried_over", "cross_year.carried_over:total")
        ]
    );
    let f = &result.findings[0];
    assert_eq!((f.severity, f.expected.as_deref(), f.actual.as_deref()), (Severity::Warning, Some("2"), Some("0")));
    assert_eq!(f.cells, ["requests.carried_over.natural_person"]);
    assert!(f.message.contains("上年年报"), "{}", f.message);
    // A warning: the report can still be submitted, and no cell of this year is "fixed" for it.
    assert!(result.ok && result.suggestions.is_empty());
}

#[test]
fn cross_year_in_force() {
    let mut previous = previous_year();
    previous["proactive"]["normative_documents"]["in_force"] = json!(20);
    let result = run_with(&example(), with_previous(&previous));
    let f = only(&result, "cross_year.in_force");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("19"), Some("14")));
    assert_eq!(f.id, "cross_year.in_force:normative_documents");
}

#[test]
fn the_checker_loads_last_years_report_later() {
    let report: Report = serde_json::from_value(example()).unwrap();
    let mut checker = Checker::new(report, Options::default());
    let mut previous = previous_year();
    previous["proactive"]["normative_documents"]["in_force"] = json!(20);
    let changes = checker.set_previous(Some(serde_json::from_value(previous).unwrap()));
    assert_eq!(
        changes.changed.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["cross_year.in_force:normative_documents"]
    );
    let changes = checker.set_previous(None);
    assert_eq!(changes.resolved, ["cross_year.in_force:normative_documents"]);
}

#[test]
fn previous_is_read_from_options() {
    let read = |v: Value| serde_json::from_value::<Options>(v).map_err(|e| e.to_string());
    assert_eq!(read(json!({"previous": previous_year()})).unwrap().previous.unwrap().year, Some(2023));
    assert!(read(json!({"previous": 7})).unwrap_err().starts_with("option previous"));
}

#[test]
fn a_previous_report_of_another_issuer_or_year_is_named() {
    let mut previous = previous_year();
    previous["year"] = json!(2022);
    let result = run_with(&example(), with_previous(&previous));
    let f = only(&result, "cross_year.previous");
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("隆德县人民政府 2023"), Some("隆德县人民政府 2022"))
    );
    // The report itself is no previous report either.
    assert!(run_with(&example(), with_previous(&example())).findings.iter().any(|f| f.rule == "cross_year.previous"));
    assert!(!run_with(&example(), with_previous(&previous_year()))
        .findings
        .iter()
        .any(|f| f.rule == "cross_year.previous"));
}

#[test]
fn cross_year_findings_point_at_this_years_cell() {
    let mut previous = previous_year();
    previous["requests"]["carried_forward"]["research"] = json!(1);
    let result = run_with(&example(), with_previous(&previous));
    let f = result.findings.iter().find(|f| f.id == "cross_year.carried_over:research").unwrap();
    assert_eq!(f.cell, Some("requests.carried_over.research"));
}

#[test]
fn issuers_are_the_same_without_spaces_only() {
    use nianbao_core::check::{issuer_key, same_issuer};
    assert!(same_issuer("隆德县 人民政府", "隆德县人民政府"));
    assert!(same_issuer("隆德县\u{3000}人民政府\n", "隆德县人民政府"));
    assert!(!same_issuer("隆德县人民政府", "隆德县人民政府办公室"));
    assert_eq!(issuer_key(" 隆德县 人民政府 "), "隆德县人民政府");
}

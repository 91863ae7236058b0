//! Cells an import could not read (`Options::unread`): no sum is judged on them, no fix is built on
//! them, no blank is reported for them; the checker keeps this up to date as cells are typed.

mod common;

use common::{run_with, with};
use nianbao_core::check::{Checker, Options};
use nianbao_core::schema::cell_index;
use nianbao_core::{CellValue, Report};
use serde_json::json;

fn ids(cells: &[&str]) -> Vec<u16> {
    cells.iter().map(|c| cell_index(c).unwrap()).collect()
}

fn unread(cells: &[&str]) -> Options {
    Options { unread: ids(cells), ..Default::default() }
}

#[test]
fn no_fix_is_built_on_an_unread_cell() {
    // 「（一）予以公开」「自然人」 mistyped (11 for 10): the search names it.
    let report = with("requests.disclosed.natural_person", json!(11));
    let read = run_with(&report, Options::default());
    assert_eq!(read.suggestions.len(), 1);
    assert_eq!(read.suggestions[0].changes[0].cell, "requests.disclosed.natural_person");
    // Unread, the cell is unknown: nothing is wrong that can be told, and nothing is proposed for it.
    let result = run_with(&report, unread(&["requests.disclosed.natural_person"]));
    assert_eq!(result.errors, 0, "{:#?}", result.findings);
    assert!(result.suggestions.is_empty());
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["sums.not_assessable", "sums.not_assessable"]);
    // Another cell of its row unread: the error is still found, and no fix touches the unread cell.
    let result = run_with(&report, unread(&["requests.disclosed.total"]));
    assert!(result.findings.iter().any(|f| f.rule == "requests.result_total"));
    for s in &result.suggestions {
        assert!(s.changes.iter().all(|c| c.cell != "requests.disclosed.total"), "{:?}", s.changes);
    }
    for f in result.findings.iter().filter_map(|f| f.fix.as_ref()) {
        assert_ne!(f.cell, "requests.disclosed.total");
    }
}

#[test]
fn an_unread_cell_is_not_blank() {
    let report = with("appeals.review.upheld", json!(null));
    let blank = run_with(&report, Options::default());
    assert!(blank.findings.iter().any(|f| f.rule == "cell.blank"));
    let result = run_with(&report, unread(&["appeals.review.upheld"]));
    let found: Vec<(&str, &str)> = result.findings.iter().map(|f| (f.rule, f.id.as_str())).collect();
    assert_eq!(found, [("sums.not_assessable", "sums.not_assessable:appeals.total")]);
    assert_eq!(result.findings[0].cells, ["appeals.review.upheld"]);
    assert_eq!((result.errors, result.warnings), (0, 1));
}

#[test]
fn typing_into_an_unread_cell_makes_it_read() {
    let report: Report = serde_json::from_value(with("appeals.review.upheld", json!(null))).unwrap();
    let mut checker = Checker::new(report, unread(&["appeals.review.upheld"]));
    assert_eq!(checker.unread(), ids(&["appeals.review.upheld"]));
    let changes = checker.set(cell_index("appeals.review.upheld").unwrap(), CellValue::from_integer(5));
    assert_eq!(changes.resolved, ["sums.not_assessable:appeals.total"]);
    assert!(checker.unread().is_empty());
    assert_eq!((changes.errors, changes.warnings), (0, 0));
    assert_eq!(checker.result().findings, []);
    // Marked unread again (a new import): the finding is back, counted once.
    let changes = checker.set_unread(&ids(&["appeals.review.upheld", "appeals.review.total"]));
    assert_eq!(changes.changed.len(), 1, "{:#?}", changes.changed);
    assert_eq!(changes.changed[0].cells, ["appeals.review.upheld", "appeals.review.total"]);
    assert_eq!(checker.result().warnings, 1);
    let changes = checker.set_unread(&[]);
    assert_eq!(changes.resolved, ["sums.not_assessable:appeals.total"]);
}

#[test]
fn the_option_names_a_cell_id_that_is_wrong() {
    let options: Options = serde_json::from_value(json!({ "unread": ["requests.new.total"] })).unwrap();
    assert_eq!(options.unread, ids(&["requests.new.total"]));
    let error = serde_json::from_value::<Options>(json!({ "unread": ["requests.nwe.total"] })).unwrap_err();
    assert!(error.to_string().contains("\"requests.nwe.total\" is not a cell id"), "{error}");
    let error = serde_json::from_value::<Options>(json!({ "unread": "requests.new.total" })).unwrap_err();
    assert!(error.to_string().contains("list of cell ids"), "{error}");
}

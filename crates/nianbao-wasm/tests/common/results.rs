//! Results are built in JS from numbers and one text (src/results.rs), not parsed from serde's JSON:
//! every way a result leaves the module must give the very objects serde's JSON would, key order
//! included, for reports with every kind of finding.

use js_sys::JSON;
use nianbao_core::check::{Checker, Options};
use nianbao_core::schema::{cell_index, cells, CellIndex};
use nianbao_core::{CellValue, Report};
use nianbao_wasm::{check, JsChecker};
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const EXAMPLE: &str = include_str!("../../../../tests/data/longde-2024.json");
const PROSE: &str = include_str!("../../../../tests/data/longde-2024.txt");

/// The object as JS writes it, and serde's JSON of the native value as JS writes it back.
fn same(built: JsValue, native: &impl Serialize, what: &str) {
    let expected = JSON::stringify(&JSON::parse(&serde_json::to_string(native).unwrap()).unwrap()).unwrap();
    assert_eq!(String::from(JSON::stringify(&built).unwrap()), String::from(expected), "{what}");
}

/// What the checker holds — totals, every cell's value, the report — as the twin's serde JSON.
fn same_state(checker: &JsChecker, twin: &Checker, what: &str) {
    same(checker.totals(), &twin.totals(), &format!("{what}: totals"));
    let values: Vec<String> = (0..cells().len()).map(|i| twin.report().value(i as CellIndex).display()).collect();
    same(checker.values(), &values, &format!("{what}: values"));
    same(checker.report(), twin.report(), &format!("{what}: report"));
}

fn with(edits: &[(&str, Value)]) -> Value {
    let mut report: Value = serde_json::from_str(EXAMPLE).unwrap();
    for (path, value) in edits {
        let mut at = &mut report;
        for key in path.split('.') {
            at = &mut at[key];
        }
        *at = value.clone();
    }
    report
}

/// Reports with every kind of finding: sums broken by one cell (a fix), by two (several answers,
/// ambiguous), blanks, text, a too large number, a 万元 amount too fine, unknown keys, wrong
/// metadata, prose that disagrees with the tables, and options (blanks, last year, unread cells).
fn corpus() -> Vec<(&'static str, Value, Value)> {
    let none = json!({});
    vec![
        ("clean", with(&[]), none.clone()),
        ("one cell wrong", with(&[("requests.disclosed.natural_person", json!(12))]), none.clone()),
        ("one cell of table 四 wrong", with(&[("appeals.review.upheld", json!(9))]), none.clone()),
        (
            "two cells wrong",
            with(&[("requests.new.commercial", json!(3)), ("requests.disclosed.natural_person", json!(12))]),
            none.clone(),
        ),
        ("a total wrong", with(&[("requests.new.total", json!(99))]), none.clone()),
        (
            "blanks, text, too large, too fine",
            with(&[
                ("requests.new.research", Value::Null),
                ("requests.new.legal_service", json!("十二")),
                ("proactive.penalty.decisions", json!(1e12)),
                ("proactive.fees.amount", json!("611.12812")),
            ]),
            json!({"blanks": "warning"}),
        ),
        (
            "a count over 2^53, a 万元 amount, text, reasons, no issuer",
            with(&[
                ("requests.new.other_org", json!("9007199254740993")),
                ("proactive.fees.amount", json!("12.5")),
                ("appeals.review.other", json!("见附件")),
                ("reasons", json!({"requests.row_total:new": "已核实", "proactive.in_force_floor:rules": ""})),
                ("year", json!("2024")),
                ("issuer", Value::Null),
            ]),
            none.clone(),
        ),
        (
            "unknown keys and wrong metadata",
            with(&[("requests.new.totl", json!(1)), ("year", json!("二〇二四")), ("issuer", Value::Null)]),
            none.clone(),
        ),
        ("prose that disagrees", with(&[("text", json!(PROSE)), ("requests.new.total", json!(40))]), none.clone()),
        (
            "last year's report, reasons, unread cells",
            with(&[("reasons", json!({"proactive.in_force_floor:rules": "已核实"}))]),
            json!({"previous": with(&[("year", json!(2023))]), "unread": ["appeals.review.upheld"]}),
        ),
    ]
}

#[wasm_bindgen_test]
fn check_results_are_serdes_objects() {
    for (what, report, options) in corpus() {
        let native = Report::from_json(&report.to_string()).unwrap();
        let native_options: Options = serde_json::from_value(options.clone()).unwrap();
        let built = check(JsValue::from_str(&report.to_string()), Some(JsValue::from_str(&options.to_string())));
        same(built.unwrap(), &nianbao_core::check(&native, native_options.clone()), what);
        let mut checker =
            JsChecker::new(JsValue::from_str(&report.to_string()), Some(JsValue::from_str(&options.to_string())))
                .unwrap();
        let mut twin = Checker::new(native, native_options);
        same(checker.result(), &twin.result(), what);
        same(checker.unexplained_warnings(), &twin.unexplained_warnings(), what);
        same_state(&checker, &twin, what);
        // Edits: one that breaks a sum, one that mends it, a field, last year's report, unread cells.
        for (cell, value) in [("requests.new.commercial", 7.0), ("requests.new.commercial", 2.0)] {
            let index = cell_index(cell).unwrap();
            let built = checker.set(JsValue::from_str(cell), JsValue::from_f64(value)).unwrap();
            same(built, &twin.set(index, CellValue::from_integer(value as i128)), what);
            checker.set_at(JsValue::from_f64(f64::from(index)), JsValue::from_f64(value)).unwrap();
            same(checker.last_changes(), &twin.set(index, CellValue::from_integer(value as i128)), what);
        }
        let built = checker.set_field("issuer".into(), JsValue::from_str("别的机关")).unwrap();
        same(built, &twin.set_field("issuer", Some("别的机关".into())).unwrap(), what);
        let previous = with(&[("year", json!(2023)), ("appeals.review.upheld", json!(1))]);
        let built = checker.set_previous(JsValue::from_str(&previous.to_string())).unwrap();
        same(built, &twin.set_previous(Some(Report::from_json(&previous.to_string()).unwrap())), what);
        let unread = cell_index("requests.new.research").unwrap();
        let built = checker.set_unread(JSON::parse("[\"requests.new.research\"]").unwrap()).unwrap();
        same(built, &twin.set_unread(&[unread]), what);
        same_state(&checker, &twin, &format!("{what}, after the edits"));
    }
}

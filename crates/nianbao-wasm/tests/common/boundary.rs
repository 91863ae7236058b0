//! Tests of the real JS boundary, run by `wasm-pack test` in Node (tests/node.rs) and in headless
//! Chromium and Firefox (tests/web.rs): reports go in as JS values, results come out as JS values
//! and are compared with what the core computes natively.

use js_sys::{Function, JSON};
use nianbao_core::check::Options;
use nianbao_core::Report;
use nianbao_wasm::{cell_index_js, check, schema, JsChecker};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const EXAMPLE: &str = include_str!("../../../../tests/data/longde-2024.json");

fn js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap()
}

fn js_eval(expression: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expression});")).call0(&JsValue::NULL).unwrap()
}

fn back(value: JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(&value).unwrap())).unwrap()
}

fn native(report: &Value) -> Value {
    let report: Report = serde_json::from_value(report.clone()).unwrap();
    serde_json::to_value(nianbao_core::check(&report, Options::default())).unwrap()
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

/// The message of an error thrown across the boundary; it must be a real `Error`.
fn error_message(result: Result<impl Sized, wasm_bindgen::JsError>) -> String {
    let error: JsValue = result.err().expect("an error").into();
    let error = error.dyn_into::<js_sys::Error>().expect("a real Error object");
    error.message().into()
}

#[wasm_bindgen_test]
fn a_report_goes_in_and_findings_come_out_as_computed_natively() {
    let result = back(check(js(&example()), None).unwrap());
    assert_eq!(result, native(&example()));
    assert_eq!(result["ok"], json!(true));

    let mut mistyped = example();
    mistyped["requests"]["disclosed"]["natural_person"] = json!(12);
    let result = back(check(js(&mistyped), None).unwrap());
    assert_eq!(result, native(&mistyped));
    assert_eq!(
        result["suggestions"][0]["changes"],
        json!([{"cell": "requests.disclosed.natural_person", "from": "12", "to": "10"}])
    );
    assert_eq!(
        result["findings"][0]["fix"],
        json!({
            "cell": "requests.disclosed.natural_person",
            "value": "10",
            "message": "「（一）予以公开」「自然人」应为 10（现为 12）",
            "message_en": "“(1) Disclosed” / “Natural persons” should be 10 (now 12)"
        })
    );
}

#[wasm_bindgen_test]
fn json_text_is_accepted_too() {
    let result = back(check(JsValue::from_str(EXAMPLE), None).unwrap());
    assert_eq!(result, native(&example()));
}

/// Report text goes to the core as it is: numbers that a JSON.parse round trip would change (past
/// 2^53, 17 significant digits) are read as written, whichever function the text is given to.
#[wasm_bindgen_test]
fn json_text_keeps_its_numbers_exactly() {
    let text = EXAMPLE.replacen("\"research\": 0", "\"research\": 9007199254740993", 1).replacen(
        "\"amount\": \"611.1281\"",
        "\"amount\": 611.12810000000001",
        1,
    );
    let actual = |result: &Value, rule: &str| {
        result["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).map(|f| f["actual"].clone())
    };
    let result = back(check(JsValue::from_str(&text), None).unwrap());
    assert_eq!(actual(&result, "cell.too_large"), Some(json!("9007199254740993")));
    assert_eq!(actual(&result, "fees.precision"), Some(json!("611.12810000000001")));
    // A byte-order mark before the text is skipped, as before.
    assert_eq!(back(check(JsValue::from_str(&format!("\u{feff}{text}")), None).unwrap()), result);

    let mut checker = JsChecker::new(JsValue::from_str(&text), None).unwrap();
    assert_eq!(back(checker.result()), result);
    assert_eq!(checker.value("proactive.fees.amount".into()).unwrap(), "611.12810000000001");
    assert_eq!(back(checker.report())["requests"]["new"]["research"], json!("9007199254740993"));

    // Last year's report as text, given to setPrevious or in the options as text.
    let previous = EXAMPLE.replacen("\"year\": 2024", "\"year\": 2023", 1).replacen(
        "\"carried_forward\": {\"natural_person\": 0",
        "\"carried_forward\": {\"natural_person\": 9007199254740993",
        1,
    );
    let carried = |changes: &Value, list: &str| {
        changes[list].as_array().unwrap().iter().find(|f| f["id"] == "cross_year.carried_over:natural_person").cloned()
    };
    let changes = back(checker.set_previous(JsValue::from_str(&previous)).unwrap());
    assert_eq!(carried(&changes, "changed").unwrap()["expected"], json!("9007199254740993"));
    let options = JsValue::from_str(&format!("{{\"previous\": {previous}}}"));
    let result = back(check(JsValue::from_str(EXAMPLE), Some(options)).unwrap());
    assert_eq!(carried(&result, "findings").unwrap()["expected"], json!("9007199254740993"));
    // Text that is not JSON is named as such, report or options.
    assert!(
        error_message(check(JsValue::from_str("{\"year\": 2024,"), None)).starts_with("the report is not valid JSON: ")
    );
    let bad = JsValue::from_str("{\"blanks\": ");
    assert!(
        error_message(check(JsValue::from_str(EXAMPLE), Some(bad))).starts_with("check options is not valid JSON: ")
    );
}

/// An object's numbers are read as JSON.stringify writes them, exactly, exponent and all: the same
/// values `Checker.set` gets for them.
#[wasm_bindgen_test]
fn an_objects_numbers_are_read_as_javascript_writes_them() {
    let report = js_eval(&format!(
        "(() => {{ const r = {EXAMPLE}; r.proactive.penalty.decisions = 1e21; r.proactive.fees.amount = 1e-7; \
         r.requests.new.research = 0.1 + 0.2; return r; }})()"
    ));
    let result = back(check(report.clone(), None).unwrap());
    let found: Vec<(&str, &str)> = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("cell.") || f["rule"] == "fees.precision")
        .map(|f| (f["rule"].as_str().unwrap(), f["actual"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("cell.too_large", "1000000000000000000000"),
            ("fees.precision", "0.0000001"),
            ("cell.not_integer", "0.30000000000000004")
        ]
    );
    let checker = JsChecker::new(report, None).unwrap();
    let mut typed = JsChecker::new(js(&example()), None).unwrap();
    for (cell, value) in [
        ("proactive.penalty.decisions", "1e21"),
        ("proactive.fees.amount", "1e-7"),
        ("requests.new.research", "0.1 + 0.2"),
    ] {
        typed.set(cell.into(), js_eval(value)).unwrap();
        assert_eq!(checker.value(cell.into()).unwrap(), typed.value(cell.into()).unwrap(), "{cell}");
    }
    assert_eq!(back(checker.result()), back(typed.result()));
}

#[wasm_bindgen_test]
fn options_cross_the_boundary() {
    let mut report = example();
    report["requests"]["new"]["research"] = json!("/");
    let options = js(&json!({"blanks": "warning"}));
    let result = back(check(js(&report), Some(options)).unwrap());
    assert_eq!((result["ok"].clone(), result["warnings"].clone()), (json!(true), json!(1)));
    let bad = js(&json!({"blank": "warning"}));
    assert!(error_message(check(js(&report), Some(bad))).contains("unknown option \"blank\""));
}

#[wasm_bindgen_test]
fn wrong_types_give_an_error_or_findings_never_a_trap() {
    assert!(error_message(check(JsValue::from_str("a string"), None)).contains("not valid JSON"));
    assert!(error_message(check(JsValue::from_f64(42.0), None)).contains("object"));
    assert!(error_message(check(JsValue::UNDEFINED, None)).contains("object"));
    assert!(error_message(check(js_eval("[1, 2, 3]"), None)).contains("object"));
    assert!(error_message(check(js_eval("Symbol('x')"), None)).contains("symbol"));
    assert!(error_message(check(js_eval("() => 1"), None)).contains("function"));

    // Inside a report, a wrong value is a finding on its cell.
    let report = js_eval(
        "{ requests: { new: { natural_person: NaN, commercial: Infinity, research: [1], social_welfare: {a: 1}, legal_service: -0, other_org: 1e309, total: Symbol('s') } } }",
    );
    let result = back(check(report, None).unwrap());
    let not_numbers: Vec<&str> = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "cell.not_a_number")
        .map(|f| f["cell"].as_str().unwrap())
        .collect();
    assert_eq!(
        not_numbers,
        [
            "requests.new.natural_person",
            "requests.new.commercial",
            "requests.new.research",
            "requests.new.social_welfare",
            "requests.new.other_org",
            "requests.new.total"
        ]
    );
    // -0 is zero, not a problem.
    assert!(!result["findings"].as_array().unwrap().iter().any(|f| f["cell"] == "requests.new.legal_service"));

    // A row that is not an object is named.
    let result = back(check(js(&json!({"requests": {"new": "15"}})), None).unwrap());
    assert!(result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "report.wrong_type" && f["message"].as_str().unwrap().contains("requests.new")));
}

#[wasm_bindgen_test]
fn a_throwing_getter_is_an_error_and_nothing_is_left_broken() {
    let hostile = js_eval("{ get requests() { throw new Error('boom') } }");
    assert!(error_message(check(hostile.clone(), None)).contains("boom"));
    assert!(error_message(JsChecker::new(hostile, None)).contains("boom"));
    // The module still works afterwards.
    assert_eq!(back(check(js(&example()), None).unwrap())["ok"], json!(true));
}

#[wasm_bindgen_test]
fn prototype_keys_are_reported_and_pollute_nothing() {
    let report =
        JSON::parse(r#"{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}"#).unwrap();
    let result = back(check(report, None).unwrap());
    let unknown: Vec<&str> = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "report.unknown_key")
        .map(|f| f["actual"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["__proto__", "constructor"]);
    assert_eq!(js_eval("({}).polluted"), JsValue::UNDEFINED);
}

#[wasm_bindgen_test]
fn the_checker_returns_what_an_edit_changed() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    let changes = back(checker.set("requests.disclosed.natural_person".into(), JsValue::from_str("１２")).unwrap());
    assert_eq!(changes["errors"], json!(2));
    assert_eq!(changes["changed"].as_array().unwrap().len(), 2);
    assert_eq!(changes["suggestions"][0]["changes"][0]["to"], json!("10"));
    let changes = back(checker.set("requests.disclosed.natural_person".into(), JsValue::from_f64(10.0)).unwrap());
    assert_eq!(changes["resolved"].as_array().unwrap().len(), 2);
    assert_eq!(changes["ok"], json!(true));

    assert!(error_message(checker.set("requests.nope.total".into(), JsValue::from_f64(1.0)))
        .contains("unknown cell id \"requests.nope.total\""));
    // Still usable after an error, and the report comes back as canonical JSON.
    checker.set("proactive.fees.amount".into(), JsValue::from_str("611.1281")).unwrap();
    assert_eq!(back(checker.report()), example());
}

#[wasm_bindgen_test]
fn schema_has_every_cell() {
    let schema = back(schema().unwrap());
    assert_eq!(schema["cells"].as_array().unwrap().len(), 200);
    assert_eq!(schema["tables"][1]["sections"][0]["rows"][2]["label"], json!("（一）予以公开"));
}

#[wasm_bindgen_test]
fn the_keystroke_path_returns_flags_and_details_on_demand() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    assert_eq!(checker.last_changes(), JsValue::NULL);
    let licensing = cell_index_js("proactive.licensing.decisions".into()).unwrap();
    // Nothing to redraw: no finding and no total changes.
    assert_eq!(checker.set_at(licensing.into(), JsValue::from_f64(4514.0)).unwrap(), 0);
    let disclosed = cell_index_js("requests.disclosed.natural_person".into()).unwrap();
    assert_eq!(checker.set_at(disclosed.into(), JsValue::from_str("12")).unwrap(), 3, "findings and totals changed");
    let changes = back(checker.last_changes());
    assert_eq!(changes["errors"], json!(2));
    assert_eq!(changes["totals"].as_array().unwrap().len(), 2);
    // The same edit through set() gives the same changes.
    let mut other = JsChecker::new(js(&example()), None).unwrap();
    assert_eq!(back(other.set("requests.disclosed.natural_person".into(), JsValue::from_str("12")).unwrap()), changes);
    assert!(error_message(checker.set_at(200.into(), JsValue::NULL)).contains("no cell at index 200"));
    assert!(error_message(cell_index_js("requests.nope.total".into())).contains("unknown cell id"));
}

#[wasm_bindgen_test]
fn set_at_says_when_the_cell_reads_otherwise_than_typed() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    let licensing = cell_index_js("proactive.licensing.decisions".into()).unwrap();
    // Typed as it reads: no need to ask for the value.
    assert_eq!(checker.set_at(licensing.into(), JsValue::from_str("4514")).unwrap(), 0);
    assert_eq!(
        checker.set_at(licensing.into(), JsValue::from_str("45x")).unwrap() & 4,
        0,
        "text that is no number reads as typed"
    );
    // Trimmed or normalised: flag 4, and value() says what it reads.
    for (typed, reads) in [(" 4514 ", "4514"), ("４５１４", "4514"), ("-", "")] {
        let flags = checker.set_at(licensing.into(), JsValue::from_str(typed)).unwrap();
        assert_eq!(flags & 4, 4, "{typed:?}");
        assert_eq!(checker.value("proactive.licensing.decisions".into()).unwrap(), reads, "{typed:?}");
    }
    // Never for a number or null, whatever it reads.
    assert_eq!(checker.set_at(licensing.into(), JsValue::from_f64(4514.0)).unwrap() & 4, 0);
    assert_eq!(checker.set_at(licensing.into(), JsValue::NULL).unwrap() & 4, 0);
}

#[wasm_bindgen_test]
fn values_are_every_cells_value_in_the_schemas_order() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    checker.set("proactive.licensing.decisions".into(), JsValue::from_str(" ４５１４ ")).unwrap();
    checker.set("requests.disclosed.natural_person".into(), JsValue::NULL).unwrap();
    let values = back(checker.values());
    let ids: Vec<String> = back(schema().unwrap())["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(values.as_array().unwrap().len(), 200);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(values[i], json!(checker.value(id.as_str().into()).unwrap()), "{id}");
    }
    assert_eq!(values[ids.iter().position(|id| id == "proactive.licensing.decisions").unwrap()], json!("4514"));
    assert_eq!(values[ids.iter().position(|id| id == "requests.disclosed.natural_person").unwrap()], json!(""));
}

#[wasm_bindgen_test]
fn js_numbers_are_read_exactly() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    checker.set("proactive.fees.amount".into(), js_eval("611.1281")).unwrap();
    assert_eq!(checker.value("proactive.fees.amount".into()).unwrap(), "611.1281");
    checker.set("proactive.fees.amount".into(), js_eval("0.1 + 0.2")).unwrap();
    assert_eq!(checker.value("proactive.fees.amount".into()).unwrap(), "0.30000000000000004");
    let changes = back(checker.set("proactive.penalty.decisions".into(), js_eval("1e21")).unwrap());
    assert_eq!(changes["changed"][0]["rule"], json!("cell.too_large"));
    let changes = back(checker.set("proactive.penalty.decisions".into(), js_eval("NaN")).unwrap());
    assert_eq!(changes["changed"][0]["rule"], json!("cell.not_a_number"));
}

#[wasm_bindgen_test]
fn a_wrong_type_where_a_string_is_expected_is_an_error_not_a_trap() {
    let mut checker = JsChecker::new(js(&example()), None).unwrap();
    for wrong in [JsValue::from_f64(42.0), JsValue::NULL, JsValue::UNDEFINED, js_eval("[1, 2]"), js_eval("({})")] {
        assert!(error_message(checker.set(wrong.clone(), JsValue::from_f64(1.0))).contains("must be a string"));
        assert!(error_message(checker.set_field(wrong.clone(), JsValue::from_str("x"))).contains("must be a string"));
        assert!(error_message(cell_index_js(wrong.clone())).contains("must be a string"));
        assert!(error_message(nianbao_wasm::import_report(wrong)).contains("must be a string"));
    }
    // A number where a field's text is expected is taken as its digits.
    checker.set_field("year".into(), JsValue::from_f64(2024.0)).unwrap();
    assert_eq!(back(checker.report())["year"], json!(2024));
    // An index that is not a whole number in range is an error, never another cell.
    for bad in [-1.0, 1.5, 200.0, f64::NAN] {
        assert!(error_message(checker.set_at(JsValue::from_f64(bad), JsValue::NULL)).contains("no cell at index"));
    }
    assert!(error_message(checker.set_at(JsValue::from_str("3"), JsValue::NULL)).contains("no cell at index \"3\""));
    // A 10 MB argument is quoted short.
    let huge = JsValue::from_str(&"x".repeat(10 * 1024 * 1024));
    assert!(error_message(checker.set(huge, JsValue::NULL)).len() < 300);
    // A bigint is the number it holds, whichever way it arrives.
    checker.set("proactive.penalty.decisions".into(), js_eval("28649n")).unwrap();
    assert_eq!(checker.value("proactive.penalty.decisions".into()).unwrap(), "28649");
    // And the checker still works.
    assert_eq!(back(checker.result())["ok"], json!(true));
}

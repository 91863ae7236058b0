//! A report read from its JSON text gets every number exactly as written, whatever its size or
//! number of digits: no number passes through a binary float on its way to a cell.
//!
//! "As written" means the exact decimal value of the JSON number, shown in its plain form: an
//! exponent is applied (1e3 is the number 1000, 6.111281E2 is 611.1281), trailing zeros after the
//! point do not count (0.10 is 0.1, as the string "0.10" is), and -0 is 0. Only text in a string
//! is taken as typed by a clerk, where "1e3" is not a number (tests/rules.rs, cell_not_a_number).
//! A number too large or too small to hold is quoted as written, but for its exponent, which
//! serde_json spells with a small e and a sign (1E400 is quoted as 1e+400).

mod common;

use common::only;
use nianbao_core::check::Options;
use nianbao_core::schema::cell_index;
use nianbao_core::{check, CheckResult, Report};

const EXAMPLE: &str = include_str!("../../../tests/data/longde-2024.json");

/// The example's text with one JSON value replaced, as it would be written in a file.
fn text_with(find: &str, replace: &str) -> String {
    assert!(EXAMPLE.contains(find), "{find} is in the example");
    EXAMPLE.replacen(find, replace, 1)
}

fn read(text: &str) -> Report {
    Report::from_json(text).expect("a report")
}

fn run(text: &str) -> CheckResult {
    check(&read(text), Options::default())
}

fn research(number: &str) -> String {
    text_with("\"research\": 0", &format!("\"research\": {number}"))
}

fn amount(number: &str) -> String {
    text_with("\"amount\": \"611.1281\"", &format!("\"amount\": {number}"))
}

fn cell(report: &Report, id: &str) -> String {
    report.value(cell_index(id).unwrap()).display()
}

#[test]
fn a_count_past_2_to_the_53_is_read_exactly() {
    for count in ["9007199254740993", "18446744073709551617", "123456789012345678901234567890"] {
        let f = only(&run(&research(count)), "cell.too_large").clone();
        assert_eq!(f.actual.as_deref(), Some(count));
        assert_eq!(f.cells, ["requests.new.research"]);
    }
}

#[test]
fn an_amount_with_17_significant_digits_is_read_exactly() {
    let result = run(&amount("611.12810000000001"));
    assert_eq!(only(&result, "fees.precision").actual.as_deref(), Some("611.12810000000001"));
    // …and written back as read, so a report that is saved and read again keeps it.
    let written = serde_json::to_string(&read(&amount("611.12810000000001"))).unwrap();
    assert!(written.contains("\"amount\":\"611.12810000000001\""), "{written}");
    // What a binary float would have made of it is fine, so the warning comes from the text alone.
    assert!(run(&amount("611.1281")).findings.is_empty());
}

#[test]
fn numbers_are_their_exact_decimal_value() {
    let cases = [
        ("1e3", "1000"),
        ("1E+3", "1000"),
        ("6.111281E2", "611.1281"),
        ("1.5e-3", "0.0015"),
        ("0.10", "0.1"),
        ("611.12810", "611.1281"),
        ("-0", "0"),
        ("-0.0", "0"),
        ("0.30000000000000004", "0.30000000000000004"),
        ("0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827"),
    ];
    for (written, value) in cases {
        assert_eq!(cell(&read(&amount(written)), "proactive.fees.amount"), value, "{written}");
    }
    // A count written with an exponent or a zero fraction is a whole number, and fine.
    assert!(run(&research("0e5")).ok);
    assert!(run(&research("0.0")).ok);
    assert!(run(&research("-0")).findings.is_empty());
    // 1e21 is 1000000000000000000000, too large rather than not a number; 1e400 too.
    for (huge, actual) in [("1e21", "1000000000000000000000"), ("1E400", "1e+400"), ("1e2147483647", "1e+2147483647")] {
        assert_eq!(only(&run(&research(huge)), "cell.too_large").actual.as_deref(), Some(actual), "{huge}");
    }
    // Tiny beyond any statistic: not a number, quoted as written.
    assert_eq!(only(&run(&amount("1e-400")), "cell.not_a_number").actual.as_deref(), Some("1e-400"));
}

#[test]
fn a_number_where_an_object_or_text_belongs_is_named_as_written() {
    let table = text_with("\"appeals\": {", "\"appeals\": 1.50, \"unused\": {");
    let f = only(&run(&table), "report.wrong_type").clone();
    assert_eq!(f.actual.as_deref(), Some("1.50"));
    let year = text_with("\"year\": 2024", "\"year\": 2024.0");
    assert_eq!(only(&run(&year), "report.wrong_type").actual.as_deref(), Some("2024.0"));
    let issuer = EXAMPLE.replacen("\"issuer\": \"", "\"issuer\": 1e999, \"x\": \"", 1);
    assert_eq!(only(&run(&issuer), "report.wrong_type").actual.as_deref(), Some("1e+999"));
    // The report itself, and the options.
    for (text, found) in
        [("2024.5", "2024.5"), ("-0", "-0"), ("1e400", "1e+400"), ("99999999999999999999", "99999999999999999999")]
    {
        let error = Report::from_json(text).unwrap_err();
        assert!(error.starts_with("a report is an object"), "{error}");
        assert!(error.ends_with(&format!("not {found}")), "{error}");
    }
    let error = serde_json::from_str::<Options>("1.5").unwrap_err().to_string();
    assert!(error.contains("options are an object") && error.contains("not 1.5"), "{error}");
}

/// serde_json hands a number over as a map with one private key; an object of the input that
/// holds that key is still an object, never a number, and the key an unknown one.
#[test]
fn an_object_with_serde_jsons_number_key_is_not_a_number() {
    const KEY: &str = "\"$serde_json::private::Number\"";
    let in_cell = research(&format!("{{{KEY}: \"12\"}}"));
    assert_eq!(only(&run(&in_cell), "cell.not_a_number").actual.as_deref(), Some("{…}"));
    let escaped = research("{\"$serde_json::private::Numbe\\u0072\": \"\\u0031\\u0032\"}");
    assert_eq!(only(&run(&escaped), "cell.not_a_number").actual.as_deref(), Some("{…}"));
    let as_row = text_with("\"requests\": {", &format!("\"requests\": {{{KEY}: [1, {{}}],"));
    let f = only(&run(&as_row), "report.unknown_key").clone();
    assert_eq!(f.actual.as_deref(), Some("requests.$serde_json::private::Number"));
    let at_top = EXAMPLE.replacen('{', &format!("{{{KEY}: \"1\","), 1);
    let f = only(&run(&at_top), "report.unknown_key").clone();
    assert_eq!(f.actual.as_deref(), Some("$serde_json::private::Number"));
    let as_reason = EXAMPLE.replacen('{', &format!("{{\"reasons\": {{{KEY}: 5}},"), 1);
    assert!(run(&as_reason)
        .findings
        .iter()
        .any(|f| f.rule == "report.wrong_type" && f.message_en.contains("reasons.$serde_json::private::Number")));
    let error = serde_json::from_str::<Options>(&format!("{{{KEY}: \"1\"}}")).unwrap_err().to_string();
    assert!(error.contains("unknown option \"$serde_json::private::Number\""), "{error}");
}

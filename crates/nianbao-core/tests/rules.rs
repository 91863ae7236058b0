//! Every rule of the catalogue on the example report (longde-2024) and copies of it changed in one
//! place; and the search for the wrong cell, over every cell of table 三.

use nianbao_core::check::{BlankSeverity, Options};
use nianbao_core::schema::{cell_index, cells};
use nianbao_core::{CellValue, Checker, Report, Severity};
use serde_json::{json, Value};

mod common;
use common::{example, only, previous_year, rules, run, run_with, with, with_previous};

#[test]
fn the_example_report_passes_every_rule() {
    let result = run(&example());
    assert!(result.ok, "{:#?}", result.findings);
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
    assert_eq!((result.errors, result.warnings), (0, 0));
    assert!(result.suggestions.is_empty());
}

#[test]
fn schema_has_200_cells_with_unique_ids() {
    assert_eq!(cells().len(), 200);
    let mut ids: Vec<&str> = cells().iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200);
    assert_eq!(
        cell_index("requests.disclosed.natural_person").map(|i| cells()[i as usize].label(false)),
        Some("「（一）予以公开」「自然人」".into())
    );
    assert_eq!(
        cells()[cell_index("requests.withheld_state_secret.other_org").unwrap() as usize].label(false),
        "「（三）不予公开 1.属于国家秘密」「法人或其他组织·其他」"
    );
}

#[test]
fn cell_blank() {
    let result = run(&with("requests.new.research", Value::Null));
    let f = only(&result, "cell.blank");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells, vec!["requests.new.research"]);
    assert!(f.message.contains("「一、本年新收政府信息公开申请数量」「法人或其他组织·科研机构」"), "{}", f.message);
    assert!(!result.ok);
    // For reviewers of published reports, a blank is a warning, and "/" is a blank.
    let result = run_with(
        &with("requests.new.research", json!("/")),
        Options { blanks: BlankSeverity::Warning, ..Default::default() },
    );
    assert_eq!(only(&result, "cell.blank").severity, Severity::Warning);
    assert!(result.ok);
    // A missing cell is blank too.
    let mut report = example();
    report["appeals"]["review"].as_object_mut().unwrap().remove("pending");
    assert_eq!(only(&run(&report), "cell.blank").cells, vec!["appeals.review.pending"]);
}

#[test]
fn a_blank_never_hides_an_arithmetic_error() {
    // 予以公开 has 10 自然人; blank it and the row and column sums, counting it as 0, both fail.
    let result = run(&with("requests.disclosed.natural_person", Value::Null));
    assert!(rules(&result).contains(&"cell.blank"));
    assert!(rules(&result).contains(&"requests.row_total"));
    assert!(rules(&result).contains(&"requests.result_total"));
}

#[test]
fn cell_not_a_number() {
    for typed in ["十二", "12件", "1e3", "abc"] {
        let result = run(&with("requests.new.natural_person", json!(typed)));
        let f = only(&result, "cell.not_a_number");
        assert_eq!(f.actual.as_deref(), Some(typed));
        assert!(f.message.contains(typed));
    }
    // Clerks' ways of writing numbers are fine.
    for typed in ["14", " 14 ", "１４", "14.0"] {
        assert!(run(&with("requests.new.natural_person", json!(typed))).ok, "{typed}");
    }
    assert!(run(&with("proactive.licensing.decisions", json!("4,513"))).ok);
    assert!(run(&with("proactive.licensing.decisions", json!("４，５１３"))).ok);
}

#[test]
fn cell_negative() {
    let result = run(&with("proactive.penalty.decisions", json!(-1)));
    let f = only(&result, "cell.negative");
    assert_eq!(f.cells, vec!["proactive.penalty.decisions"]);
    assert_eq!(f.actual.as_deref(), Some("-1"));
    assert!(run(&with("proactive.fees.amount", json!("-0.5"))).findings.iter().any(|f| f.rule == "cell.negative"));
}

#[test]
fn cell_not_integer() {
    let f = run(&with("proactive.licensing.decisions", json!(4513.5))).findings;
    assert_eq!(f.iter().map(|f| f.rule).collect::<Vec<_>>(), vec!["cell.not_integer"]);
    // Amounts may have decimals.
    assert!(run(&with("proactive.fees.amount", json!("12.5"))).ok);
}

#[test]
fn cell_too_large() {
    let result = run(&with("proactive.penalty.decisions", json!(2147483648i64)));
    let f = only(&result, "cell.too_large");
    assert_eq!(f.expected.as_deref(), Some("2147483647"));
    assert!(run(&with("proactive.penalty.decisions", json!(2147483647i64))).ok);
    let huge = "9".repeat(50);
    assert_eq!(
        only(&run(&with("proactive.penalty.decisions", json!(huge))), "cell.too_large").actual.as_deref(),
        Some(huge.as_str())
    );
}

#[test]
fn fees_precision_is_exact() {
    let result = run(&with("proactive.fees.amount", json!("611.12815")));
    let f = only(&result, "fees.precision");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.actual.as_deref(), Some("611.12815"));
    assert!(result.ok);
    // Four places is 1 元 and fine; trailing zeros do not count; as a JSON number it is read exactly.
    assert!(run(&with("proactive.fees.amount", json!("611.12810"))).findings.is_empty());
    assert!(run(&with("proactive.fees.amount", json!(611.1281))).findings.is_empty());
}

#[test]
fn requests_row_total() {
    let result = run(&with("requests.disclosed.total", json!(12)));
    let f = only(&result, "requests.row_total");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("11"), Some("12")));
    assert_eq!(f.cells.len(), 7);
    assert!(f.cells.contains(&"requests.disclosed.total"));
    assert!(f.message.contains("「（一）予以公开」行"), "{}", f.message);
    assert!(f.message_en.contains("(1) Disclosed"), "{}", f.message_en);
}

#[test]
fn requests_result_total() {
    let result = run(&with("requests.result_total.commercial", json!(2)));
    let f = result.findings.iter().find(|f| f.rule == "requests.result_total").unwrap();
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("1"), Some("2")));
    assert_eq!(f.cells.len(), 22);
    assert!(f.message.contains("「法人或其他组织·商业企业」列"), "{}", f.message);
}

#[test]
fn requests_balance() {
    let result = run(&with("requests.carried_forward.research", json!(3)));
    let f = only(&result, "requests.balance");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("0"), Some("3")));
    let mut cells = f.cells.clone();
    cells.sort();
    assert_eq!(
        cells,
        [
            "requests.carried_forward.research",
            "requests.carried_over.research",
            "requests.new.research",
            "requests.result_total.research"
        ]
    );
}

#[test]
fn appeals_total() {
    let result = run(&with("appeals.litigation_after_review.total", json!(5)));
    let f = only(&result, "appeals.total");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("4"), Some("5")));
    assert!(f.message.contains("「行政诉讼 复议后起诉」"), "{}", f.message);
    // One equation, five cells: any of them could be the wrong one, and the checker says so.
    assert!(result.ambiguous && f.fix.is_none());
    assert_eq!(result.suggestions.len(), 5);
    assert!(result
        .suggestions
        .iter()
        .any(|s| s.changes[0].cell == "appeals.litigation_after_review.total" && s.changes[0].to == "4"));
}

#[test]
fn proactive_in_force_floor() {
    // 行政规范性文件: issued 1, repealed 2, in force 14. Issue 20 with none repealed: 14 < 20 − 0.
    let mut report = with("proactive.normative_documents.issued", json!(20));
    report["proactive"]["normative_documents"]["repealed"] = json!(0);
    let result = run(&report);
    let f = only(&result, "proactive.in_force_floor");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("20"), Some("14")));
    assert!(result.ok, "a warning does not block");
    // Exactly at the floor is fine.
    let mut report = with("proactive.normative_documents.issued", json!(14));
    report["proactive"]["normative_documents"]["repealed"] = json!(0);
    assert!(run(&report).findings.is_empty());
}

#[test]
fn unknown_keys_are_findings_not_silently_dropped() {
    let mut report = example();
    let row = report["requests"]["new"].as_object_mut().unwrap();
    let v = row.remove("natural_person").unwrap();
    row.insert("natual_person".into(), v);
    let result = run(&report);
    let f = only(&result, "report.unknown_key");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.actual.as_deref(), Some("requests.new.natual_person"));
    assert_eq!(f.expected.as_deref(), Some("requests.new.natural_person"));
    assert!(f.message.contains("requests.new.natural_person"));
    // …and the cell it was meant for is blank.
    assert!(result.findings.iter().any(|f| f.rule == "cell.blank" && f.cells == ["requests.new.natural_person"]));

    let mut report = example();
    report["requestz"] = json!({});
    assert_eq!(only(&run(&report), "report.unknown_key").expected.as_deref(), Some("requests"));
}

#[test]
fn wrong_types_are_findings() {
    let mut report = example();
    report["requests"]["new"] = json!("15");
    let result = run(&report);
    let f = only(&result, "report.wrong_type");
    assert_eq!(f.actual.as_deref(), Some("\"15\""));
    for value in [json!([1, 2]), json!({"a": 1}), json!(true)] {
        let result = run(&with("requests.new.natural_person", value));
        assert_eq!(only(&result, "cell.not_a_number").cells, vec!["requests.new.natural_person"]);
    }
    assert!(serde_json::from_value::<Report>(json!("a string")).unwrap_err().to_string().contains("object"));
    assert!(serde_json::from_value::<Report>(json!([1])).is_err());
    assert_eq!(only(&run(&json!({"format": "2019"})), "report.format").actual.as_deref(), Some("2019"));
}

#[test]
fn round_trip_keeps_everything() {
    let report: Report = serde_json::from_value(example()).unwrap();
    let written = serde_json::to_value(&report).unwrap();
    assert_eq!(written, example());
    let typed: Report = serde_json::from_value(with("requests.new.natural_person", json!("十二"))).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap()["requests"]["new"]["natural_person"], json!("十二"));
}

/// Every cell id of table 三, with its value in the example.
fn table_three() -> Vec<(String, i64)> {
    let example = example();
    cells()
        .iter()
        .filter(|c| c.table.key == "requests")
        .map(|c| (c.id.clone(), example["requests"][c.row.key][c.column.key].as_i64().unwrap()))
        .collect()
}

#[test]
fn one_mistyped_cell_of_table_three_is_found_with_its_value() {
    for (id, original) in table_three() {
        for typed in [original + 1, original + 7, if original > 0 { 0 } else { 3 }] {
            let result = run(&with(&id, json!(typed)));
            assert!(!result.ok, "{id} = {typed}");
            assert_eq!(result.suggestions.len(), 1, "{id} = {typed}: {:#?}", result.suggestions);
            assert!(!result.ambiguous);
            let change = &result.suggestions[0].changes;
            assert_eq!(change.len(), 1);
            assert_eq!(
                (change[0].cell, change[0].to.as_str(), change[0].from.as_str()),
                (id.as_str(), original.to_string().as_str(), typed.to_string().as_str())
            );
            // Every sum finding points at that cell and offers the original value.
            for f in result.findings.iter().filter(|f| f.rule.starts_with("requests.")) {
                assert_eq!(f.cell, Some(id.as_str()));
                assert_eq!(f.fix.as_ref().map(|x| x.value.clone()), Some(original.to_string()));
            }
        }
    }
}

#[test]
fn two_mistyped_cells_get_a_smallest_answer_that_makes_every_equation_hold() {
    let cells3 = table_three();
    let mut checked = 0;
    for (i, (a, va)) in cells3.iter().enumerate().step_by(5) {
        for (b, vb) in cells3.iter().skip(i + 1).step_by(11) {
            let mut report = with(a, json!(va + 2));
            let (t, r, c) = split(b);
            report[t][r][c] = json!(vb + 3);
            let result = run(&report);
            assert!(!result.ok);
            assert!(!result.suggestions.is_empty(), "{a}+2, {b}+3: no suggestion");
            let size = result.suggestions[0].changes.len();
            assert!(size <= 2);
            assert_eq!(result.ambiguous, result.suggestions.len() > 1);
            for s in &result.suggestions {
                assert_eq!(s.changes.len(), size, "all answers are equally small");
                let mut fixed = report.clone();
                for change in &s.changes {
                    let (t, r, c) = split(change.cell);
                    fixed[t][r][c] = json!(change.to.parse::<i64>().unwrap());
                }
                let after = run(&fixed);
                assert!(
                    after.findings.iter().all(|f| !f.rule.starts_with("requests.")),
                    "{a}, {b}: {} leaves {:#?}",
                    s.message,
                    after.findings
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50);
}

#[test]
fn when_answers_are_equally_small_it_says_so() {
    // Move one request from 商业企业 to 自然人 within 予以公开: the row still adds up, two columns do
    // not, and any of the three rows with a 自然人 request could be the one moved.
    let mut report = with("requests.disclosed.natural_person", json!(11));
    report["requests"]["disclosed"]["commercial"] = json!(0);
    let result = run(&report);
    assert!(result.ambiguous);
    let rows: Vec<&str> = result.suggestions.iter().map(|s| split(s.changes[0].cell).1).collect();
    assert_eq!(rows, ["disclosed", "withheld_enforcement_file", "unable_not_held"]);
    assert!(result.findings.iter().all(|f| f.fix.is_none()), "no single fix is claimed");
    // Deterministic.
    assert_eq!(run(&report), result);
}

fn split(id: &str) -> (&str, &str, &str) {
    let mut p = id.split('.');
    (p.next().unwrap(), p.next().unwrap(), p.next().unwrap())
}

#[test]
fn the_checker_returns_only_what_an_edit_changed() {
    let report: Report = serde_json::from_value(example()).unwrap();
    let mut checker = Checker::new(report, Options::default());
    let cell = cell_index("requests.disclosed.natural_person").unwrap();
    let changes = checker.set(cell, CellValue::parse("12"));
    let mut ids: Vec<&str> = changes.changed.iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["requests.result_total:natural_person", "requests.row_total:disclosed"]);
    assert!(changes.resolved.is_empty());
    assert!(!changes.ok);
    assert_eq!(changes.errors, 2);
    assert_eq!(
        changes.totals.iter().map(|t| (t.cell, t.value.as_deref())).collect::<Vec<_>>(),
        [("requests.disclosed.total", Some("13")), ("requests.result_total.natural_person", Some("16"))]
    );
    // Half-typed text: one cell finding, the sums skip the cell.
    let changes = checker.set(cell, CellValue::parse("1x"));
    assert_eq!(changes.changed.iter().map(|f| f.rule).collect::<Vec<_>>(), ["cell.not_a_number"]);
    assert_eq!(changes.resolved.len(), 2);
    // Back to the right value: everything resolved.
    let changes = checker.set(cell, CellValue::parse("10"));
    assert_eq!(changes.resolved, ["cell.not_a_number:requests.disclosed.natural_person"]);
    assert!(changes.changed.is_empty() && changes.ok);
    assert_eq!(checker.result(), run(&example()));
}

#[test]
fn the_checker_agrees_with_a_full_check_after_any_edits() {
    let report: Report = serde_json::from_value(example()).unwrap();
    let mut checker = Checker::new(report, Options::default());
    let mut expected = example();
    for (step, (id, value)) in table_three().into_iter().step_by(3).take(30).enumerate() {
        let typed = json!(value + (step as i64 % 4));
        checker.set(cell_index(&id).unwrap(), CellValue::from_integer(typed.as_i64().unwrap() as i128));
        let (t, r, c) = split(&id);
        expected[t][r][c] = typed;
        assert_eq!(checker.result(), run(&expected), "after step {step}");
    }
}

#[test]
fn options_name_what_is_wrong() {
    let read = |v: Value| serde_json::from_value::<Options>(v).map_err(|e| e.to_string());
    assert_eq!(
        read(json!({"blanks": "warning"})),
        Ok(Options { blanks: BlankSeverity::Warning, ..Default::default() })
    );
    assert_eq!(read(json!(null)), Ok(Options::default()));
    assert!(read(json!({"blank": "warning"})).unwrap_err().contains("unknown option \"blank\""));
    assert!(read(json!({"blanks": "warn"})).unwrap_err().contains("\"error\" or \"warning\""));
    assert!(read(json!("warning")).unwrap_err().contains("an object such as"));
}

#[test]
fn warning_reasons_travel_with_the_report() {
    let mut report = with("proactive.normative_documents.issued", json!(20));
    report["proactive"]["normative_documents"]["repealed"] = json!(0);
    let parsed: Report = serde_json::from_value(report.clone()).unwrap();
    let mut checker = Checker::new(parsed, Options::default());
    let warnings = checker.unexplained_warnings();
    assert_eq!(
        warnings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["proactive.in_force_floor:normative_documents"]
    );
    checker.set_reason("proactive.in_force_floor:normative_documents", Some("  ".into()));
    assert_eq!(checker.unexplained_warnings().len(), 1, "a blank reason is no reason");
    checker.set_reason("proactive.in_force_floor:normative_documents", Some("上年数据有误，已更正".into()));
    assert!(checker.unexplained_warnings().is_empty());
    let written = serde_json::to_value(checker.report()).unwrap();
    assert_eq!(written["reasons"], json!({"proactive.in_force_floor:normative_documents": "上年数据有误，已更正"}));
    let again: Report = serde_json::from_value(written).unwrap();
    assert!(Checker::new(again, Options::default()).unexplained_warnings().is_empty());
    assert!(run(&json!({"reasons": {"x": 3}})).findings.iter().any(|f| f.rule == "report.wrong_type"));
}

#[test]
fn metadata_fields_are_set_and_checked() {
    let mut checker = Checker::new(Report::default(), Options::default());
    checker.set_field("issuer", Some("隆德县人民政府".into())).unwrap();
    checker.set_field("year", Some(" 2024 ".into())).unwrap();
    assert!(checker.set_field("isuer", Some("x".into())).unwrap_err().contains("unknown field"));
    let written = serde_json::to_value(checker.report()).unwrap();
    assert_eq!((written["issuer"].as_str(), written["year"].as_i64()), (Some("隆德县人民政府"), Some(2024)));
}

#[test]
fn a_report_without_issuer_or_year_says_so() {
    let mut report = example();
    report.as_object_mut().unwrap().remove("issuer");
    report["year"] = json!("二〇二四");
    let result = run(&report);
    let missing = only(&result, "report.missing_field");
    assert_eq!(missing.expected.as_deref(), Some("issuer"));
    assert!(missing.message.contains("发布机关"));
    // A year that is not a year is named once, as a wrong type, in each language.
    let wrong = only(&result, "report.wrong_type");
    assert!(wrong.message.contains("年份"), "{}", wrong.message);
    assert!(wrong.message_en.is_ascii() || !wrong.message_en.contains("年份"), "{}", wrong.message_en);
    assert!(wrong.message_en.contains("a year such as 2024"), "{}", wrong.message_en);
}

#[test]
fn no_cell_is_named_when_the_answer_is_ambiguous() {
    let result = run(&with("appeals.review.upheld", json!(6)));
    assert!(result.ambiguous);
    let f = only(&result, "appeals.total");
    assert_eq!(f.cell, None, "several cells could be wrong: none is singled out");
    assert_eq!(f.fix, None);
}

#[test]
fn long_text_is_quoted_short() {
    let mut report = example();
    report["requests"]["new"] = json!("很长的文字".repeat(100));
    let f = only(&run(&report), "report.wrong_type").clone();
    assert!(f.message.chars().count() < 120, "{}", f.message);
    assert!(f.actual.unwrap().ends_with("…\""));
}

#[test]
fn a_fix_carries_its_own_message_and_a_blank_is_called_blank() {
    let result = run(&with("requests.disclosed.natural_person", json!(12)));
    let fix = result.findings[0].fix.clone().unwrap();
    assert_eq!(fix.message, "「（一）予以公开」「自然人」应为 10（现为 12）");
    assert_eq!(fix.message, result.suggestions[0].message, "the same words everywhere");
    // A blank cell that should hold 10: it is blank, not 0.
    let result = run(&with("requests.disclosed.natural_person", Value::Null));
    assert_eq!(result.suggestions[0].changes[0].from, "");
    assert!(result.suggestions[0].message.contains("（现为空白）"), "{}", result.suggestions[0].message);
    assert!(result.suggestions[0].message_en.contains("(now blank)"));
}

#[test]
fn findings_about_no_cell_name_their_field() {
    let mut report = example();
    report.as_object_mut().unwrap().remove("issuer");
    report["text"] = json!("受理申请99件。");
    let result = run(&report);
    let fields: Vec<(&str, Option<&str>)> = result.findings.iter().map(|f| (f.rule, f.field)).collect();
    assert_eq!(fields, [("report.missing_field", Some("issuer")), ("text.count", Some("text"))]);
    let result = run(&with("requests.new.total", json!(16)));
    assert!(result.findings.iter().all(|f| f.field.is_none()));
}

#[test]
fn warnings_without_reasons_are_listed_in_the_result() {
    let mut report = with("proactive.normative_documents.issued", json!(20));
    report["proactive"]["normative_documents"]["repealed"] = json!(0);
    assert_eq!(run(&report).unexplained, ["proactive.in_force_floor:normative_documents"]);
    report["reasons"] = json!({"proactive.in_force_floor:normative_documents": "上年漏报"});
    assert!(run(&report).unexplained.is_empty());
}

#[test]
fn a_year_is_taken_as_typed() {
    let mut checker = Checker::new(serde_json::from_value(example()).unwrap(), Options::default());
    checker.set_field("year", Some("２０２４".into())).unwrap();
    assert_eq!(checker.report().year, Some(2024));
    let changes = checker.set_field("year", Some("二〇二四".into())).unwrap();
    assert_eq!(
        changes.changed.iter().map(|f| (f.rule, f.field)).collect::<Vec<_>>(),
        [("report.wrong_type", Some("year"))]
    );
    let changes = checker.set_field("year", Some("2024".into())).unwrap();
    assert_eq!(changes.resolved, ["report.wrong_type:year"]);
}

#[test]
fn the_schema_says_what_each_total_adds_up() {
    let schema = nianbao_core::describe::schema();
    let total = schema.cells.iter().find(|c| c.id == "appeals.review.total").unwrap();
    assert!(total.total);
    assert_eq!(
        total.parts,
        ["appeals.review.upheld", "appeals.review.corrected", "appeals.review.other", "appeals.review.pending"]
    );
    let result_total = schema.cells.iter().find(|c| c.id == "requests.result_total.natural_person").unwrap();
    assert_eq!(result_total.parts.len(), 21);
    assert!(schema.cells.iter().find(|c| c.id == "requests.disclosed.commercial").unwrap().parts.is_empty());
}

#[test]
fn report_fields_are_named_as_the_clerk_knows_them() {
    let mut report = example();
    report["year"] = json!("二〇二四");
    let f = only(&run(&report), "report.wrong_type").clone();
    assert!(f.message.starts_with("“报告年度”应为年份"), "{}", f.message);
    assert!(f.message_en.starts_with("“report year” should be"), "{}", f.message_en);
    let mut previous = previous_year();
    previous["year"] = json!(2020);
    let result = run_with(&example(), with_previous(&previous));
    assert_eq!(only(&result, "cross_year.previous").field, Some("previous"));
}

#[test]
fn a_huge_unknown_key_is_quoted_short_and_costs_no_time() {
    let mut report = example();
    report["requests"]["x".repeat(1_000_000)] = json!({});
    let started = std::time::Instant::now();
    let f = only(&run(&report), "report.unknown_key").clone();
    assert!(started.elapsed().as_secs() < 2, "took {:?}", started.elapsed());
    assert!(f.message.chars().count() < 200, "{}", f.message.chars().count());
    assert_eq!(f.expected, None);
}

#[test]
fn a_pasted_document_in_a_cell_is_quoted_short() {
    let result = run(&with("requests.new.research", json!("x".repeat(100_000))));
    let f = only(&result, "cell.not_a_number");
    assert!(f.message.chars().count() < 200 && f.actual.as_ref().unwrap().chars().count() <= 65, "{}", f.message.len());
    let result = run(&with("requests.new.research", json!("9".repeat(100_000))));
    assert!(only(&result, "cell.too_large").message.chars().count() < 200);
    let read = |v: Value| serde_json::from_value::<Options>(v).map_err(|e| e.to_string());
    let mut options = serde_json::Map::new();
    options.insert("k".repeat(100_000), json!(1));
    assert!(read(Value::Object(options)).unwrap_err().chars().count() < 200);
}

#[test]
fn the_schema_names_every_row_in_full_once() {
    let schema = serde_json::to_value(nianbao_core::describe::schema()).unwrap();
    let rows = schema["rows"].as_array().unwrap();
    // 2 + 1 + 2 + 1 + 1 (table 二), 25 (三), 3 (四: 行政复议 and the two 行政诉讼 groups)
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "a row listed twice: {ids:?}");
    let secret = rows.iter().find(|r| r["id"] == "requests.withheld_state_secret").unwrap();
    assert_eq!(secret["label"], "（三）不予公开 1.属于国家秘密");
    let disclosed = rows.iter().find(|r| r["id"] == "requests.disclosed").unwrap();
    assert_eq!(disclosed["label"], "（一）予以公开");
    assert_eq!(
        ids.len(),
        cells().iter().map(|c| (c.table.key, c.row.key)).collect::<std::collections::BTreeSet<_>>().len()
    );
}

#[test]
fn every_rule_has_a_category_and_blanks_are_missing() {
    let schema = serde_json::to_value(nianbao_core::describe::schema()).unwrap();
    let category = |id: &str| {
        schema["rules"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["category"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(category("cell.blank"), "missing");
    assert_eq!(category("report.missing_field"), "missing");
    assert_eq!(category("requests.balance"), "sum");
    assert_eq!(category("cross_year.in_force"), "cross_year");
    assert_eq!(category("text.count"), "text");
}

#[test]
fn a_wrong_type_goes_once_the_field_is_set() {
    // report.wrong_type never cleared: setting the issuer kept the error about the number 5.
    let mut checker = Checker::new(Report::from_json(r#"{"issuer": 5, "text": 7}"#).unwrap(), Options::default());
    let ids = |c: &Checker| c.result().findings.into_iter().map(|f| f.id).collect::<Vec<_>>();
    assert!(ids(&checker).contains(&"report.wrong_type:issuer".to_string()));
    let changes = checker.set_field("issuer", Some("隆德县人民政府".into())).unwrap();
    assert!(changes.resolved.contains(&"report.wrong_type:issuer".to_string()), "{changes:#?}");
    assert!(!ids(&checker).iter().any(|id| id.ends_with(":issuer")), "{:?}", ids(&checker));
    assert!(ids(&checker).contains(&"report.wrong_type:text".to_string()), "only the field set is cleared");
    checker.set_field("text", None).unwrap();
    assert!(!ids(&checker).iter().any(|id| id.starts_with("report.wrong_type")), "{:?}", ids(&checker));
}

//! Importing published reports: every input shape, cell for cell. The demo-2023 fixtures were
//! written for this project from the official layout, with non-zero values in every cell so that a
//! shifted column cannot go unnoticed.

use nianbao_import::import;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The imported report as canonical JSON, without the prose (which the expected JSON does not have).
fn tables_of(input: &str) -> Value {
    let imported = import(input).unwrap_or_else(|e| panic!("{e}"));
    assert!(imported.unplaced.is_empty(), "unplaced: {:#?}", imported.unplaced);
    assert!(imported.missing_rows.is_empty(), "missing: {:?}", imported.missing_rows);
    let mut json = serde_json::to_value(&imported.report).unwrap();
    json.as_object_mut().unwrap().remove("text");
    json
}

/// Compares cell by cell, so a failure names the cell.
fn assert_same(actual: Value, expected: Value) {
    for table in ["proactive", "requests", "appeals"] {
        for (row, columns) in expected[table].as_object().unwrap() {
            for (column, value) in columns.as_object().unwrap() {
                assert_eq!(&actual[table][row][column], value, "{table}.{row}.{column}");
            }
        }
    }
    assert_eq!(actual, expected);
}

#[test]
fn longde_tab_separated_text_imports_to_the_example_json() {
    assert_same(
        tables_of(include_str!("../../../tests/data/longde-2024.txt")),
        json(include_str!("../../../tests/data/longde-2024.json")),
    );
}

#[test]
fn markdown_and_pipe_tables() {
    assert_same(
        tables_of(include_str!("../../../tests/data/import/demo-2023.md")),
        json(include_str!("../../../tests/data/import/demo-2023.json")),
    );
}

#[test]
fn html_with_spans_line_breaks_blank_cells_and_wrappers() {
    // One <td></td> in the middle of a row stays blank (null), never 0.
    let expected = json(include_str!("../../../tests/data/import/demo-2023-html.json"));
    assert_eq!(expected["requests"]["withheld_process_info"]["research"], Value::Null);
    assert_same(tables_of(include_str!("../../../tests/data/import/demo-2023.html")), expected);
}

#[test]
fn html_scripts_and_handlers_never_reach_the_text() {
    let imported = import(include_str!("../../../tests/data/import/demo-2023.html")).unwrap();
    let text = imported.report.text.unwrap();
    for hostile in ["pwned", "onerror", "javascript:", "<script", "<iframe", "color:red"] {
        assert!(!text.contains(hostile), "{hostile} in {text}");
    }
    assert!(text.contains("信息公开的及时性仍需提高"));
}

#[test]
fn pdf_extracted_text() {
    assert_same(
        tables_of(include_str!("../../../tests/data/import/demo-2023-pdf.txt")),
        json(include_str!("../../../tests/data/import/demo-2023.json")),
    );
}

#[test]
fn title_gives_issuer_and_year() {
    let imported = import(include_str!("../../../tests/data/longde-2024.txt")).unwrap();
    assert_eq!((imported.report.issuer.as_deref(), imported.report.year), (Some("隆德县人民政府"), Some(2024)));
    let imported = import(include_str!("../../../tests/data/import/demo-2023.md")).unwrap();
    assert_eq!((imported.report.issuer.as_deref(), imported.report.year), (Some("示范市教育局"), Some(2023)));
}

#[test]
fn a_slash_stays_blank_and_is_reported_by_cell_blank() {
    let text = include_str!("../../../tests/data/longde-2024.txt").replace("规章\t0\t0\t0", "规章\t/\t0\t0");
    let imported = import(&text).unwrap();
    let json = serde_json::to_value(&imported.report).unwrap();
    assert_eq!(json["proactive"]["rules"]["issued"], Value::Null);
    let result = nianbao_core::check(&imported.report, nianbao_core::Options::default());
    assert!(result.findings.iter().any(|f| f.rule == "cell.blank" && f.cells == ["proactive.rules.issued"]));
}

#[test]
fn what_cannot_be_placed_is_listed_with_its_line() {
    // A row that lost a number: 6 values where 7 are expected.
    let text = include_str!("../../../tests/data/longde-2024.txt")
        .replace("⇥⇥2.重复申请⇥0⇥0⇥0⇥0⇥0⇥0⇥0".replace('⇥', "\t").as_str(), "\t\t2.重复申请\t0\t0\t0\t0\t0\t0");
    let imported = import(&text).unwrap();
    assert_eq!(imported.unplaced.len(), 1, "{:#?}", imported.unplaced);
    let line = text.lines().position(|l| l.contains("2.重复申请")).unwrap() + 1;
    assert_eq!(imported.unplaced[0].line, line);
    assert!(imported.unplaced[0].reason.contains("2.重复申请"));
    assert!(imported.missing_rows.contains(&"requests.not_processed_repeated".to_string()));
}

#[test]
fn a_text_without_tables_is_a_clear_error() {
    let error = import("隆德县2024年政府信息公开工作年度报告\n\n一、总体情况\n今年工作很好。").unwrap_err();
    assert!(error.contains("no table"), "{error}");
    assert!(error.contains("一、本年新收政府信息公开申请数量") || error.contains("规章"), "{error}");
}

#[test]
fn a_line_before_the_title_is_not_part_of_the_issuer() {
    let text = include_str!("../../../tests/data/longde-2024.txt")
        .replace("# 隆德县 2024 年", "以下表格可直接复制。\n# 隆德县 2024 年");
    assert_eq!(import(&text).unwrap().report.issuer.as_deref(), Some("隆德县人民政府"));
}

#[test]
fn a_published_report_is_checked_for_tables_prose_and_structure() {
    let imported = import(include_str!("../../../tests/data/longde-2024.txt")).unwrap();
    let result = nianbao_core::check(
        &imported.report,
        nianbao_core::Options { blanks: nianbao_core::BlankSeverity::Warning, ..Default::default() },
    );
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
    // Change a prose figure and a table cell of the published text: both are reported.
    let text = include_str!("../../../tests/data/longde-2024.txt")
        .replace("其中予以公开 11 件", "其中予以公开 12 件")
        .replace("⇥(一) 予以公开⇥10".replace('⇥', "\t").as_str(), "\t(一) 予以公开\t10");
    let imported = import(&text).unwrap();
    let result = nianbao_core::check(
        &imported.report,
        nianbao_core::Options { blanks: nianbao_core::BlankSeverity::Warning, ..Default::default() },
    );
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"text.count"), "{rules:?}");
}

//! Unread is not blank: a row the import could not read is unknown to the check — its sums are not
//! assessable (one warning per rule, naming its cells), never an arithmetic error of the report —
//! while a cell printed blank stays a blank.

use nianbao_core::check::{check, BlankSeverity, CheckResult, Options};
use nianbao_core::schema::cell_index;
use nianbao_import::{import, Imported};

const LONGDE: &str = include_str!("../../../tests/data/longde-2024.txt");
const ROW: &str = "requests.unable_not_held";

/// Checked as a reviewer checks a published report: blanks are warnings, unread cells unknown.
fn review(imported: &Imported) -> CheckResult {
    let unread = imported.unread.iter().map(|id| cell_index(id).unwrap()).collect();
    check(&imported.report, Options { blanks: BlankSeverity::Warning, unread, ..Default::default() })
}

fn rules(result: &CheckResult) -> Vec<(&str, String)> {
    result.findings.iter().map(|f| (f.rule, f.id.clone())).collect()
}

/// The label of 「（四）无法提供 1.本机关不掌握相关政府信息」 (3 requests) as no reader recognises it.
fn unrecognisable() -> String {
    LONGDE.replace("1.本机关不掌握相关政府信息", "1.本单位没有该项信息")
}

#[test]
fn a_row_not_found_gives_no_error_only_a_not_assessable_warning_per_rule() {
    let imported = import(&unrecognisable()).unwrap();
    assert_eq!(imported.missing_rows, [ROW]);
    let cells: Vec<String> =
        ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
            .iter()
            .map(|c| format!("{ROW}.{c}"))
            .collect();
    assert_eq!(imported.unread, cells);
    // Its numbers are not lost into the row before it: that row is read, the numbers named.
    assert!(imported.unplaced.iter().any(|u| u.text == "3 0 0 0 0 0 3" && u.reason.contains("本机关不掌握")));

    let result = review(&imported);
    assert_eq!((result.errors, result.ok), (0, true), "{:#?}", result.findings);
    assert_eq!(
        rules(&result),
        [
            ("sums.not_assessable", "sums.not_assessable:requests.row_total".to_string()),
            ("sums.not_assessable", "sums.not_assessable:requests.result_total".to_string()),
        ]
    );
    for finding in &result.findings {
        assert_eq!(finding.cells, cells);
        assert!(finding.message.contains("「（四）无法提供 1.本机关不掌握相关政府信息」整行"), "{}", finding.message);
        assert!(finding.message_en.contains("could not be read"), "{}", finding.message_en);
    }
    // One row: its scope is named; all seven columns: said so.
    assert!(
        result.findings[0].message.contains("有 1 项无法核对（（四）无法提供 1.本机关不掌握"),
        "{}",
        result.findings[0].message
    );
    assert!(result.findings[1].message.contains("有 7 项无法核对（每一列）"), "{}", result.findings[1].message);
    assert!(
        result.findings[1].message_en.contains("cannot be checked for every column (7)"),
        "{}",
        result.findings[1].message_en
    );
    assert!(result.suggestions.is_empty());

    // Without `unread` the same import looks like a report whose （七）总计 is wrong: the false
    // error this option exists to prevent.
    let blind = check(&imported.report, Options { blanks: BlankSeverity::Warning, ..Default::default() });
    assert!(blind.findings.iter().any(|f| f.rule == "requests.result_total"));
}

#[test]
fn with_the_row_present_its_errors_are_found_as_usual() {
    let wrong = LONGDE.replace("1.本机关不掌握相关政府信息\t3", "1.本机关不掌握相关政府信息\t4");
    let imported = import(&wrong).unwrap();
    assert!(imported.unread.is_empty());
    let result = review(&imported);
    let errors: Vec<&str> =
        result.findings.iter().filter(|f| f.severity == nianbao_core::Severity::Error).map(|f| f.rule).collect();
    assert_eq!(errors, ["requests.row_total", "requests.result_total"]);
    assert!(result.findings.iter().all(|f| f.rule != "sums.not_assessable"));
    // The same mistyped row, unreadable: nothing is said about numbers that were never read.
    let imported = import(&wrong.replace("1.本机关不掌握相关政府信息", "1.本单位没有该项信息")).unwrap();
    assert_eq!(review(&imported).errors, 0);
}

#[test]
fn the_prose_figure_of_an_unread_row_is_not_assessed() {
    // 「其中予以公开 11 件」 against a （一）予以公开 row that could not be read.
    let text = LONGDE.replace("(一) 予以公开", "(一) 全部公开的");
    let imported = import(&text).unwrap();
    assert_eq!(imported.missing_rows, ["requests.disclosed"]);
    let result = review(&imported);
    assert!(result.findings.iter().all(|f| f.rule == "sums.not_assessable"), "{:#?}", rules(&result));
    let blind = check(&imported.report, Options { blanks: BlankSeverity::Warning, ..Default::default() });
    assert!(blind.findings.iter().any(|f| f.rule == "text.count"));
}

#[test]
fn a_cell_printed_blank_stays_a_blank() {
    let text = LONGDE.replace("1.本机关不掌握相关政府信息\t3\t0", "1.本机关不掌握相关政府信息\t3\t/");
    let imported = import(&text).unwrap();
    assert!(imported.unread.is_empty() && imported.missing_rows.is_empty());
    let result = review(&imported);
    assert_eq!(rules(&result), [("cell.blank", "cell.blank:requests.unable_not_held.commercial".to_string())]);
    assert_eq!(result.findings[0].severity, nianbao_core::Severity::Warning);
}

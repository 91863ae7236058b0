//! Rows whose cell borders were lost (「…申请数量141000015」): split only when exactly one split
//! satisfies the row's total and the table's column equations; otherwise unread and named, so
//! that the check reports not-assessable, never an error.

use nianbao_core::check::{check, BlankSeverity, CheckResult, Options};
use nianbao_core::schema::{self, cell_index};
use nianbao_core::Severity;
use nianbao_import::{import, Imported};
use std::time::{Duration, Instant};

const LONGDE: &str = include_str!("../../../tests/data/longde-2024.txt");

/// The example with the numbers of the row labelled `label` printed as one digit string: right
/// after the label (`to_label`), or as one cell of its own.
fn glue(text: &str, label: &str, to_label: bool) -> String {
    let first = text.lines().position(|l| l.contains(label)).unwrap_or_else(|| panic!("{label} not printed"));
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let Some(at) = line.find(label).filter(|_| i == first) else { return line.to_string() };
            let (head, rest) = line.split_at(at + label.len());
            let digits: String = rest.split('\t').filter(|c| !c.trim().is_empty()).collect();
            assert!(digits.chars().all(|c| c.is_ascii_digit()), "{label}: {rest}");
            format!("{head}{}{digits}", if to_label { "" } else { "\t" })
        })
        .collect();
    assert_ne!(lines.join("\n"), text.replace("\r\n", "\n").trim_end(), "{label} not glued");
    lines.join("\n")
}

/// Table 三's rows as printed in the example: the text after which its numbers stand.
const REQUEST_LABELS: &[(&str, &str)] = &[
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("disclosed", "(一) 予以公开"),
    ("partially_disclosed", "不计其他情形）"),
    ("withheld_state_secret", "1.属于国家秘密"),
    ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("withheld_security_stability", "3.危及“三安全一稳定”"),
    ("withheld_third_party_rights", "4.保护第三方合法权益"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("withheld_process_info", "6.属于四类过程性信息"),
    ("withheld_enforcement_file", "7.属于行政执法案卷"),
    ("withheld_administrative_query", "8.属于行政查询事项"),
    ("unable_not_held", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear_after_correction", "3.补正后申请内容仍不明确"),
    ("not_processed_petition", "1.信访举报投诉类申请"),
    ("not_processed_repeated", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    ("not_processed_reconfirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("result_total", "(七) 总计"),
    ("carried_forward", "四、结转下年度继续办理"),
];

fn label(row: &str) -> &'static str {
    REQUEST_LABELS.iter().find(|(r, _)| *r == row).map(|(_, l)| *l).unwrap()
}

fn glue_row(text: &str, row: &str, to_label: bool) -> String {
    glue(text, label(row), to_label)
}

fn review(imported: &Imported) -> CheckResult {
    let unread = imported.unread.iter().map(|id| cell_index(id).unwrap()).collect();
    check(&imported.report, Options { blanks: BlankSeverity::Warning, unread, ..Default::default() })
}

fn cells_of(row: &str) -> Vec<usize> {
    schema::cells().iter().enumerate().filter(|(_, c)| c.id.starts_with(&format!("{row}."))).map(|(i, _)| i).collect()
}

#[test]
fn the_glue_helper_glues_every_row_of_table_three() {
    for (row, _) in REQUEST_LABELS {
        let glued = glue_row(LONGDE, row, true);
        assert_eq!(glued.lines().count(), LONGDE.lines().count(), "{row}");
    }
}

#[test]
fn each_glued_row_of_table_three_reads_exactly_the_printed_values() {
    let plain = import(LONGDE).unwrap();
    for (row, _) in REQUEST_LABELS {
        for to_label in [true, false] {
            let imported = import(&glue_row(LONGDE, row, to_label)).unwrap();
            assert_eq!(imported.report.values, plain.report.values, "{row} (glued to its label: {to_label})");
            assert!(imported.unread.is_empty() && imported.unplaced.is_empty(), "{row}: {:#?}", imported.unplaced);
            let id = format!("requests.{row}");
            assert_eq!(imported.split.len(), 1, "{row}");
            let split = &imported.split[0];
            assert_eq!(split.rows, std::slice::from_ref(&id));
            let printed: Vec<String> = cells_of(&id).iter().map(|&c| plain.report.values[c].display()).collect();
            assert_eq!(split.values, printed);
            assert_eq!(split.text, printed.concat());
            assert_eq!(LONGDE.lines().nth(split.line - 1).map(|l| l.contains(label(row))), Some(true));
        }
    }
}

#[test]
fn rows_one_after_another_glued_are_read_or_left_unread_never_misread() {
    // Every pair of table 三's rows glued: a row that is read has exactly the printed values; a
    // row that is not is unread and named, and the check finds no error.
    let plain = import(LONGDE).unwrap();
    let mut read_pairs = 0;
    for (i, (a, _)) in REQUEST_LABELS.iter().enumerate() {
        for (b, _) in &REQUEST_LABELS[i + 1..] {
            let text = glue_row(&glue_row(LONGDE, a, true), b, false);
            let imported = import(&text).unwrap();
            for (c, (value, truth)) in imported.report.values.iter().zip(&plain.report.values).enumerate() {
                let id = &schema::cells()[c].id;
                assert!(value == truth || imported.unread.contains(id), "{a}+{b}: {id} read as {value:?}");
            }
            let unread_rows = imported.missing_rows.len();
            assert_eq!(imported.split.len() + unread_rows, 2, "{a}+{b}");
            assert_eq!(imported.unplaced.len(), unread_rows, "{a}+{b}: each unread row is named");
            assert_eq!(review(&imported).errors, 0, "{a}+{b}");
            read_pairs += usize::from(unread_rows == 0);
        }
    }
    // Almost every pair is read: its column equations tell the splits apart.
    assert!(read_pairs >= 290, "{read_pairs} of 300 pairs read");
}

#[test]
fn two_splits_that_satisfy_the_sums_leave_the_rows_unread_and_named() {
    // 「141000015」 is 14 1 0 0 0 0 15 or 1 4 10 0 0 0 15; with 本年新收 and （七）总计 both
    // glued, the balance of each column holds either way: nothing tells them apart.
    let text = glue_row(&glue_row(&glue_row(LONGDE, "new", true), "result_total", true), "disclosed", true);
    let imported = import(&text).unwrap();
    assert!(imported.split.is_empty(), "{:#?}", imported.split);
    assert_eq!(imported.missing_rows, ["requests.new", "requests.disclosed", "requests.result_total"]);
    assert_eq!(imported.unread.len(), 21);
    let new = imported.unplaced.iter().find(|u| u.text == "141000015" && u.reason.contains("本年新收")).unwrap();
    assert!(new.reason_en.starts_with("glued digits: 2 possible splits"), "{}", new.reason_en);
    assert!(new.reason.contains("2 种拆分"), "{}", new.reason);
    let disclosed = imported.unplaced.iter().find(|u| u.text == "101000011").unwrap();
    assert!(disclosed.reason_en.contains("2 possible splits"), "{}", disclosed.reason_en);

    let result = review(&imported);
    assert_eq!((result.errors, result.ok), (0, true), "{:#?}", result.findings);
    assert!(!result.findings.is_empty());
    for finding in &result.findings {
        assert_eq!((finding.rule, finding.severity), ("sums.not_assessable", Severity::Warning), "{finding:#?}");
    }
}

#[test]
fn digits_that_no_split_adds_up_leave_the_row_unread_without_an_error() {
    // 「10 1 0 0 0 0 12」 glued: no split's parts add up to its last number.
    let text = glue_row(LONGDE, "disclosed", true).replace("101000011", "101000012");
    let imported = import(&text).unwrap();
    assert_eq!(imported.missing_rows, ["requests.disclosed"]);
    assert!(imported.split.is_empty());
    let unplaced = imported.unplaced.iter().find(|u| u.text == "101000012").unwrap();
    assert!(unplaced.reason_en.starts_with("glued digits: 0 possible splits"), "{}", unplaced.reason_en);
    let result = review(&imported);
    assert_eq!(result.errors, 0, "{:#?}", result.findings);
    assert!(result.findings.iter().all(|f| f.rule == "sums.not_assessable"));
}

#[test]
fn the_one_split_of_the_row_is_not_taken_when_it_breaks_a_column() {
    // 「3000004」 splits one way only across its row (3 0 0 0 0 1 4) but then 其他 and 总计 of
    // （七）总计 no longer add up: whether the row or the column is wrong cannot be told.
    let text = glue_row(LONGDE, "unable_not_held", true).replace("3000003", "3000014");
    let imported = import(&text).unwrap();
    assert_eq!(imported.missing_rows, ["requests.unable_not_held"]);
    let unplaced = imported.unplaced.iter().find(|u| u.text == "3000014").unwrap();
    assert!(unplaced.reason_en.contains("0 possible splits"), "{}", unplaced.reason_en);
    assert!(unplaced.reason_en.contains("1 add up across the row but break the columns' equations"));
    assert_eq!(review(&imported).errors, 0);
}

#[test]
fn a_number_shorter_than_the_row_is_not_taken_for_glued_digits() {
    // One number where seven belong: too few digits to be the row glued; said as before.
    let text = LONGDE.replace("1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3", "1.本机关不掌握相关政府信息\t30");
    let imported = import(&text).unwrap();
    assert_eq!(imported.missing_rows, ["requests.unable_not_held"]);
    let unplaced = imported.unplaced.iter().find(|u| u.text == "30").unwrap();
    assert!(unplaced.reason_en.contains("should have 7 numbers but 1 were found"), "{}", unplaced.reason_en);
}

#[test]
fn digits_after_two_labels_in_one_token_are_not_taken_by_the_first() {
    // 「1.本机关不掌握…信息2.没有现成信息…0000000」: the digits are the second row's; the first row
    // (3 requests) must not be read as zeros.
    let text = LONGDE.replace(
        "1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3\n\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0",
        "1.本机关不掌握相关政府信息2.没有现成信息需要另行制作0000000",
    );
    assert_ne!(text, LONGDE);
    let imported = import(&text).unwrap();
    assert!(
        imported.missing_rows.contains(&"requests.unable_not_held".to_string()),
        "{:?} {:?} {:?}",
        imported.missing_rows,
        imported.split,
        imported.unplaced
    );
    assert!(imported.split.iter().all(|s| !s.rows.contains(&"requests.unable_not_held".to_string())));
    assert_eq!(review(&imported).errors, 0);
}

#[test]
fn table_two_rows_are_never_split() {
    // No equation ties a row of table 二 together: 「1214」 could be 1 2 14 or 12 1 4.
    for (label, row) in [("行政规范性文件", "proactive.normative_documents"), ("规章", "proactive.rules")] {
        for to_label in [true, false] {
            let imported = import(&glue(LONGDE, label, to_label)).unwrap();
            assert!(imported.split.is_empty(), "{label}");
            assert!(imported.missing_rows.contains(&row.to_string()), "{label}: {:?}", imported.missing_rows);
            assert_eq!(review(&imported).errors, 0, "{label}");
        }
    }
}

#[test]
fn table_four_printed_as_one_digit_string_is_split_by_its_three_totals() {
    let plain = import(LONGDE).unwrap();
    let text = LONGDE.replace("5\t1\t0\t0\t6\t0\t0\t1\t0\t1\t3\t0\t0\t1\t4", "510060010130014");
    let imported = import(&text).unwrap();
    assert_eq!(imported.report.values, plain.report.values);
    assert_eq!(imported.split.len(), 1);
    assert_eq!(imported.split[0].rows.len(), 3);
    assert_eq!(imported.split[0].values.join(" "), "5 1 0 0 6 0 0 1 0 1 3 0 0 1 4");
}

#[test]
fn a_sixty_digit_string_is_refused_at_once() {
    let digits = "1".repeat(59) + "7";
    let text = glue_row(LONGDE, "new", true).replace("141000015", &digits);
    let start = Instant::now();
    let imported = import(&text).unwrap();
    assert!(start.elapsed() < Duration::from_secs(1), "{:?}", start.elapsed());
    assert_eq!(imported.missing_rows, ["requests.new"]);
    let unplaced = imported.unplaced.iter().find(|u| u.text == digits).unwrap();
    assert!(unplaced.reason_en.contains("60 digits"), "{}", unplaced.reason_en);
    assert_eq!(review(&imported).errors, 0);
}

#[test]
fn a_long_string_within_the_cap_is_searched_in_bounded_time() {
    // 40 digits of ones: many ways to try, few that add up; the search ends quickly either way.
    let text = glue_row(LONGDE, "new", true).replace("141000015", &"1".repeat(40));
    let start = Instant::now();
    let imported = import(&text).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert_eq!(imported.missing_rows, ["requests.new"]);
    assert_eq!(review(&imported).errors, 0);
}

#[test]
fn the_whole_of_table_three_glued_is_read_in_bounded_time_and_never_misread() {
    let plain = import(LONGDE).unwrap();
    let text = REQUEST_LABELS.iter().fold(LONGDE.to_string(), |text, (row, _)| glue_row(&text, row, true));
    let start = Instant::now();
    let imported = import(&text).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    for (c, (value, truth)) in imported.report.values.iter().zip(&plain.report.values).enumerate() {
        let id = &schema::cells()[c].id;
        assert!(value == truth || imported.unread.contains(id), "{id} read as {value:?}");
    }
    // Every row but the three whose two splits each satisfy every sum (see above) is split.
    assert_eq!(imported.missing_rows, ["requests.new", "requests.disclosed", "requests.result_total"]);
    assert_eq!(imported.split.len(), 22);
    assert_eq!(review(&imported).errors, 0);
}

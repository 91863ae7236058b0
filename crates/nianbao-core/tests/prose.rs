//! The prose against the tables (text.*), the structure of a published report (structure.*) and
//! the 较上年 figures against last year's report.

use nianbao_core::{check, CheckResult, Options, Report};
use serde_json::{json, Value};

/// longde-2024: 15 new requests, 0 carried over, 11 disclosed, 1 withheld, 3 unable, 15 concluded;
/// review 6, litigation 1 + 4; 行政规范性文件 issued 1, repealed 2, in force 14.
fn example_with(text: &str) -> Value {
    let mut report: Value = serde_json::from_str(include_str!("../../../tests/data/longde-2024.json")).unwrap();
    report["text"] = json!(text);
    report
}

fn run(report: &Value, options: Options) -> CheckResult {
    check(&serde_json::from_value::<Report>(report.clone()).unwrap(), options)
}

fn text_rules(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    run(&example_with(text), Options::default())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("text."))
        .map(|f| (f.rule.to_string(), f.expected, f.actual))
        .collect()
}

fn agrees(text: &str) {
    assert_eq!(text_rules(text), [], "{text}");
}

fn disagrees(text: &str, rule: &str, expected: &str, actual: &str) {
    assert_eq!(text_rules(text), [(rule.to_string(), Some(expected.to_string()), Some(actual.to_string()))], "{text}");
}

#[test]
fn counts_of_each_figure() {
    for (right, wrong, expected, actual) in [
        ("全年共收到政府信息公开申请15件。", "全年共收到政府信息公开申请16件。", "15", "16"),
        ("新收政府信息公开申请 15 件。", "新收政府信息公开申请 51 件。", "15", "51"),
        ("其中予以公开11件。", "其中予以公开12件。", "11", "12"),
        ("部分公开0件。", "部分公开2件。", "0", "2"),
        ("不予公开1件。", "不予公开3件。", "1", "3"),
        ("无法提供3件。", "无法提供4件。", "3", "4"),
        ("不予处理0件。", "不予处理1件。", "0", "1"),
        ("其他处理0件。", "其他处理5件。", "0", "5"),
        ("全部办结，共答复15件。", "全部办结，共答复14件。", "15", "14"),
        ("结转下年度继续办理0件。", "结转下年度继续办理2件。", "0", "2"),
        ("上年结转政府信息公开申请0件。", "上年结转政府信息公开申请3件。", "0", "3"),
        ("发生政府信息公开行政复议6件。", "发生政府信息公开行政复议7件。", "6", "7"),
        ("行政诉讼5件。", "行政诉讼1件。", "5", "1"),
        ("制发行政规范性文件1件，废止2件。", "制发行政规范性文件3件。", "1", "3"),
        ("现行有效规范性文件14件。", "现行有效规范性文件41件。", "14", "41"),
        ("本年制发规章0件。", "本年制发规章2件。", "0", "2"),
    ] {
        agrees(right);
        disagrees(wrong, "text.count", expected, actual);
    }
}

#[test]
fn full_width_digits_and_thousands_separators() {
    agrees("全年共收到政府信息公开申请１５件。");
    disagrees("全年共收到政府信息公开申请1,500件。", "text.count", "15", "1500");
}

#[test]
fn received_may_include_the_requests_carried_over() {
    let mut report = example_with("受理政府信息公开申请18件（含上年结转3件）。");
    report["requests"]["carried_over"] = json!({"natural_person": 3, "commercial": 0, "research": 0, "social_welfare": 0, "legal_service": 0, "other_org": 0, "total": 3});
    // Keep the balance: 15 + 3 = 15 concluded + 3 carried forward.
    report["requests"]["carried_forward"] = report["requests"]["carried_over"].clone();
    let result = run(&report, Options::default());
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
}

#[test]
fn received_and_answered_with_carried_over_in_brackets() {
    // 受理 is this year's new requests; 答复 counts the ones carried over too (「受理3259件，答复3278件（含上年度结转77件…）」).
    let mut report = example_with("受理15件，答复18件（含上年度结转3件）。");
    report["requests"]["carried_over"] = json!({"natural_person": 3, "commercial": 0, "research": 0, "social_welfare": 0, "legal_service": 0, "other_org": 0, "total": 3});
    report["requests"]["disclosed"]["natural_person"] = json!(13);
    report["requests"]["disclosed"]["total"] = json!(14);
    report["requests"]["result_total"]["natural_person"] = json!(17);
    report["requests"]["result_total"]["total"] = json!(18);
    let result = run(&report, Options::default());
    assert!(result.findings.is_empty(), "{:#?}", result.findings);
}

#[test]
fn a_split_is_not_compared_with_the_wrong_total() {
    // 「受理15件，其中11件予以公开，3件无法提供」: 11 and 3 are not the received count.
    agrees("受理15件，其中11件予以公开，3件无法提供。");
    disagrees("受理15件，其中12件予以公开，3件无法提供。", "text.count", "11", "12");
}

#[test]
fn other_business_is_not_a_request_count() {
    // longde-2024's own prose: 群众诉求 are not requests for information.
    agrees("政府网站“领导信箱”“在线投诉”共受理群众诉求 116 件，及时应答率 100%。");
}

#[test]
fn percentages_are_recomputed_and_rounded_as_written() {
    agrees("受理申请15件，其中予以公开11件，占比73.33%。");
    agrees("受理申请15件，其中予以公开11件，占比73.3%。");
    agrees("受理申请15件，其中予以公开11件，占73%。");
    disagrees("受理申请15件，其中予以公开11件，占比75%。", "text.percentage", "73", "75");
    // 2/3 = 66.666…: 66.67 rounded; 66.66 is truncated, and the finding says so.
    let mut report = example_with("受理申请15件，其中无法提供3件，占比20%。");
    assert!(run(&report, Options::default()).findings.is_empty());
    report["text"] = json!("共处理申请3件，其中予以公开2件，占比66.66%。");
    report["requests"] = example_with("")["requests"].clone();
    let result = run(&report, Options::default());
    let f = result.findings.iter().find(|f| f.rule == "text.percentage").expect("a percentage finding");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("13.33"), Some("66.66")));
}

#[test]
fn truncation_is_named() {
    // 11 / 15 = 73.333…; 1 of 3 = 33.333…; use 2 of 3 within a report of 3 requests.
    let mut report = example_with("共收到申请3件，其中予以公开2件，占比66.66%。");
    for row in ["new", "disclosed", "result_total"] {
        report["requests"][row] = json!({"natural_person": 3, "commercial": 0, "research": 0, "social_welfare": 0, "legal_service": 0, "other_org": 0, "total": 3});
    }
    report["requests"]["disclosed"]["natural_person"] = json!(2);
    report["requests"]["disclosed"]["total"] = json!(2);
    report["requests"]["withheld_enforcement_file"]["natural_person"] = json!(1);
    report["requests"]["withheld_enforcement_file"]["total"] = json!(1);
    report["requests"]["unable_not_held"]["natural_person"] = json!(0);
    report["requests"]["unable_not_held"]["total"] = json!(0);
    report["requests"]["result_total"]["natural_person"] = json!(3);
    let result = run(&report, Options::default());
    let f = result
        .findings
        .iter()
        .find(|f| f.rule == "text.percentage")
        .unwrap_or_else(|| panic!("{:#?}", result.findings));
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("66.67"), Some("66.66")));
    assert!(f.message.contains("截断"), "{}", f.message);
    assert!(f.message_en.contains("truncated"), "{}", f.message_en);
    assert!(f.message.contains("共收到申请3件"), "the finding quotes the sentence: {}", f.message);
}

#[test]
fn change_on_last_year_needs_last_years_report() {
    let text = "2024年全县受理政府信息公开申请15件，较往年下降34.78%。";
    // Without last year's report nothing can be said.
    agrees(text);
    let mut previous: Value = serde_json::from_str(include_str!("../../../tests/data/longde-2024.json")).unwrap();
    previous["requests"]["new"]["natural_person"] = json!(22);
    previous["requests"]["new"]["total"] = json!(23);
    let options = |p: &Value| Options {
        previous: Some(Box::new(serde_json::from_value(p.clone()).unwrap())),
        ..Default::default()
    };
    let findings: Vec<_> = run(&example_with(text), options(&previous))
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("text."))
        .collect();
    assert!(findings.is_empty(), "15 against 23 is −34.78%: {findings:#?}");
    previous["requests"]["new"]["total"] = json!(20);
    let findings: Vec<_> =
        run(&example_with(text), options(&previous)).findings.into_iter().filter(|f| f.rule == "text.change").collect();
    assert_eq!(findings.len(), 1);
    assert_eq!((findings[0].expected.as_deref(), findings[0].actual.as_deref()), (Some("-25.00"), Some("-34.78")));
}

fn structure_rules(text: &str, year: i64) -> Vec<String> {
    structure_ids(text, year).into_iter().map(|(rule, _)| rule).collect()
}

/// The structure findings of the example with this text and year: (rule, id).
fn structure_ids(text: &str, year: i64) -> Vec<(String, String)> {
    let mut report = example_with(text);
    report["year"] = json!(year);
    run(&report, Options::default())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("structure."))
        .map(|f| (f.rule.to_string(), f.id))
        .collect()
}

const SIX_PARTS: &str = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告统计数据从2024年1月1日至12月31日。\n一、总体情况\n…\n二、主动公开政府信息情况\n…\n三、收到和处理政府信息公开申请情况\n…\n四、政府信息公开行政复议、行政诉讼情况\n…\n五、存在的主要问题及改进情况\n…\n六、其他需要报告的事项\n…";

#[test]
fn structure_of_a_whole_report() {
    assert_eq!(structure_rules(SIX_PARTS, 2024), Vec::<String>::new());
    assert_eq!(
        structure_rules(&SIX_PARTS.replace("五、存在的主要问题及改进情况", "五、其他"), 2024),
        ["structure.parts"]
    );
    let swapped = SIX_PARTS
        .replace("五、存在的主要问题及改进情况", "TMP")
        .replace("六、其他需要报告的事项", "五、存在的主要问题及改进情况")
        .replace("TMP", "六、其他需要报告的事项");
    assert_eq!(structure_rules(&swapped, 2024), ["structure.order"]);
    assert_eq!(structure_rules(&SIX_PARTS.replace("六部分组成", "五部分组成"), 2024), ["structure.part_count"]);
    assert_eq!(structure_rules(SIX_PARTS, 2023), ["structure.period"]);
    assert_eq!(
        structure_rules(
            &SIX_PARTS.replace("一、总体情况\n…", "一、总体情况\nXX县政府信息公开工作（编写说明：此处概述）"),
            2024
        ),
        ["structure.template", "structure.template"]
    );
}

#[test]
fn prose_typed_in_a_form_is_not_held_to_the_table_headings() {
    let prose_only = "一、总体情况\n…\n五、存在的主要问题及改进情况\n…\n六、其他需要报告的事项\n…";
    assert_eq!(structure_rules(prose_only, 2024), Vec::<String>::new());
}

#[test]
fn endless_figures_do_not_pile_up_findings() {
    let text = "收到申请1件。".repeat(50_000);
    let started = std::time::Instant::now();
    let result = run(&example_with(&text), Options::default());
    let counts = result.findings.iter().filter(|f| f.rule == "text.count").count();
    assert_eq!(counts, nianbao_core::prose::MAX_CLAIMS);
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

// ------------------------------------------------------------------ defects found in review

#[test]
fn a_count_too_large_to_take_a_share_of_gives_no_overflow() {
    // 100 × count overflowed (a panic natively, a wrapped number in the release wasm).
    let text = "2024年，本机关收到申请100000000000000000000000000000000000000件，其中予以公开的占比50%。";
    let rules: Vec<String> = text_rules(text).into_iter().map(|(rule, _, _)| rule).collect();
    assert_eq!(rules, ["text.count"], "the count is wrong; no share of it can be computed");
}

#[test]
fn a_percentage_with_forty_decimal_places_is_recomputed_at_eight() {
    // 10i128.pow(40) overflowed, and 15 of 15 was said to be 0.0000865…%.
    let stated = "0.0000000000000000000000000000000000000001";
    let text = format!("2024年，本机关收到政府信息公开申请15件，其中予以公开15件，占比{stated}%。");
    let result = run(&example_with(&text), Options::default());
    let f = result.findings.iter().find(|f| f.rule == "text.percentage").expect("a percentage finding");
    assert_eq!((f.expected.as_deref(), f.actual.as_deref()), (Some("100.00000000"), Some(stated)));
    assert!(f.message.contains("15 ÷ 15"), "{}", f.message);
    // Written at no more places than that, it agrees when right.
    agrees("2024年，本机关收到政府信息公开申请15件，其中予以公开11件，占比73.33333333%。");
}

#[test]
fn two_sentences_with_one_problem_get_two_finding_ids() {
    let twice =
        |text: &str| text.replace("…\n二、", "本报告由五部分组成。本报告统计数据从2023年1月1日至12月31日。\n二、");
    let found = structure_ids(&twice(&SIX_PARTS.replace("六部分组成", "五部分组成")), 2023 + 1);
    let rules: Vec<&str> = found.iter().map(|(rule, _)| rule.as_str()).collect();
    assert_eq!(rules, ["structure.part_count", "structure.part_count", "structure.period"], "{found:?}");
    let mut ids: Vec<&str> = found.iter().map(|(_, id)| id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one id each: {found:?}");
    // The very same sentence twice still gives two ids.
    let same = SIX_PARTS.replace("六部分组成", "五部分组成").replace("\n一、", "本报告由五部分组成\n一、");
    let found = structure_ids(&same, 2024);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_ne!(found[0].1, found[1].1);
}

fn text_ids(text: &str) -> Vec<String> {
    run(&example_with(text), Options::default())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("text."))
        .map(|f| f.id)
        .collect()
}

#[test]
fn a_claims_id_stays_put_when_prose_is_added_above_it() {
    let claim = "全年共收到政府信息公开申请16件。";
    let alone = text_ids(claim);
    assert_eq!(alone.len(), 1);
    assert!(alone[0].starts_with("text.count:received:"), "{alone:?}");
    // A wrong figure written above it: the first claim keeps its id, and the new one has its own.
    let above = text_ids(&format!("其中予以公开12件。{claim}"));
    assert_eq!(above.len(), 2, "{above:?}");
    assert!(above.contains(&alone[0]), "{above:?} should keep {alone:?}");
    // A reason given for it still applies after the prose above changed.
    let mut report = example_with(&format!("其中予以公开11件。{claim}"));
    report["reasons"] = json!({ alone[0].clone(): "另有 1 件为咨询" });
    assert_eq!(run(&report, Options::default()).unexplained, Vec::<String>::new());
    // The same claim written twice is two findings with two ids.
    let twice = text_ids(&format!("{claim}{claim}"));
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0], twice[1]);
}

//! Labels as real reports print them: declared variants (规范性文件, 其他法律行政止公开, 行政法复议,
//! 钩稽关系, other titles of part 五, labels numbered otherwise or not at all), a group printed as one
//! row, and near matches taken only when unique. Each import says which label it matched to which
//! row when the match was not exact.

use nianbao_import::{import, How, Imported};
use serde_json::Value;

const LONGDE: &str = include_str!("../../../tests/data/longde-2024.txt");

fn expected() -> Value {
    serde_json::from_str(include_str!("../../../tests/data/longde-2024.json")).unwrap()
}

/// Every cell of the import against the published report, but the rows named in `unread`.
fn assert_read_as_published(imported: &Imported, unread_rows: &[&str]) {
    let actual = serde_json::to_value(&imported.report).unwrap();
    let expected = expected();
    for table in ["proactive", "requests", "appeals"] {
        for (row, columns) in expected[table].as_object().unwrap() {
            let id = format!("{table}.{row}");
            for (column, value) in columns.as_object().unwrap() {
                let want = if unread_rows.contains(&id.as_str()) { &Value::Null } else { value };
                assert_eq!(&actual[table][row][column], want, "{id}.{column}");
            }
        }
    }
    assert_eq!(imported.missing_rows, unread_rows, "{:#?}", imported.unplaced);
}

/// `(row, how)` of every match that was not exact.
fn matched(imported: &Imported) -> Vec<(&str, How)> {
    imported.matched.iter().map(|m| (m.row.as_str(), m.how)).collect()
}

fn import_ok(text: &str) -> Imported {
    let imported = import(text).unwrap_or_else(|e| panic!("{e}"));
    assert!(imported.unplaced.is_empty(), "{:#?}", imported.unplaced);
    imported
}

#[test]
fn the_published_labels_need_no_variant() {
    let imported = import_ok(LONGDE);
    assert_read_as_published(&imported, &[]);
    assert!(imported.matched.is_empty(), "{:#?}", imported.matched);
}

#[test]
fn each_declared_variant_is_read_into_its_row_and_named() {
    let cases = [
        ("\n行政规范性文件\t", "\n规范性文件\t", "proactive.normative_documents", "规范性文件"),
        (
            "2.其他法律行政法规禁止公开",
            "2.其他法律行政止公开",
            "requests.withheld_prohibited_by_law",
            "其他法律行政止公开",
        ),
        ("\n行政复议\t", "\n行政法复议\t", "appeals.review", "行政法复议"),
        ("(一) 予以公开", "予以公开", "requests.disclosed", "予以公开"),
        ("1.属于国家秘密", "（1）属于国家秘密", "requests.withheld_state_secret", "属于国家秘密"),
    ];
    for (official, printed, row, label) in cases {
        assert!(LONGDE.contains(official), "{official}");
        let imported = import_ok(&LONGDE.replacen(official, printed, 1));
        assert_read_as_published(&imported, &[]);
        assert_eq!(matched(&imported), [(row, How::Variant)], "{printed}");
        assert_eq!(imported.matched[0].label, label);
        let at = LONGDE.find(official).unwrap() + official.len() - official.trim_start_matches('\n').len();
        let line = LONGDE[..at].matches('\n').count() + 1;
        assert_eq!(imported.matched[0].line, line, "{printed}");
    }
}

#[test]
fn table_three_without_its_title_starts_at_its_note_even_misspelt() {
    let untitled = LONGDE.replace("### 三、收到和处理政府信息公开申请情况", "");
    for note in ["勾稽关系", "钩稽关系"] {
        let imported = import_ok(&untitled.replace("勾稽关系", note));
        assert_read_as_published(&imported, &[]);
    }
}

#[test]
fn part_five_titled_otherwise_still_ends_the_tables() {
    let text = LONGDE.replace("五、存在的主要问题及改进情况", "五、存在的问题及改进情况")
        + "\n2025年将加强培训 3 次，做好 12 项工作。\n";
    let imported = import_ok(&text);
    assert_read_as_published(&imported, &[]);
    // The structure check knows the title too: no heading is missing.
    let result = nianbao_core::check(&imported.report, nianbao_core::Options::default());
    assert!(!result.findings.iter().any(|f| f.rule == "structure.parts"), "{:#?}", result.findings);
}

#[test]
fn other_handling_printed_as_one_row_leaves_its_three_rows_unread() {
    let start = LONGDE.find("(六) 其他处理").unwrap();
    let end = LONGDE.find("\t(七) 总计").unwrap();
    let text = format!("{}(六) 其他处理\t\t0\t0\t0\t0\t0\t0\t0\n{}", &LONGDE[..start], &LONGDE[end..]);
    let imported = import_ok(&text);
    let rows = ["requests.other_no_correction", "requests.other_unpaid_fee", "requests.other_misc"];
    assert_read_as_published(&imported, &rows);
    assert_eq!(matched(&imported), [("requests.other", How::Variant)]);
    assert_eq!(imported.unread.len(), 21);
    assert!(imported.unread.iter().all(|id| rows.iter().any(|r| id.starts_with(&format!("{r}.")))));
}

#[test]
fn a_typo_is_read_by_the_near_match_when_only_one_place_is_near() {
    let text = LONGDE.replace("1.本机关不掌握相关政府信息", "1.本机关不掌握相关政府信");
    let imported = import_ok(&text);
    assert_read_as_published(&imported, &[]);
    assert_eq!(matched(&imported), [("requests.unable_not_held", How::Near)]);
    assert_eq!(imported.matched[0].label, "本机关不掌握相关政府信");
    // Two characters wrong in a long label: still near.
    let imported = import_ok(&LONGDE.replace("2.没有现成信息需要另行制作", "2.没有现存信息需另行制作"));
    assert_eq!(matched(&imported), [("requests.unable_needs_creation", How::Near)]);
    assert_read_as_published(&imported, &[]);
}

#[test]
fn a_near_match_in_two_places_is_reported_not_guessed() {
    let text = LONGDE
        .replace("1.本机关不掌握相关政府信息", "1.本机关不掌握相关政府信")
        .replace("(四) 无法提供", "(四) 本机关不掌握相关政府的信息");
    let imported = import(&text).unwrap();
    assert!(imported.matched.is_empty(), "{:#?}", imported.matched);
    assert_eq!(imported.missing_rows, ["requests.unable_not_held"]);
    let reason = imported.unplaced.iter().find(|u| u.reason.contains("本机关不掌握相关政府信息")).expect("named");
    assert!(reason.reason_en.contains("cannot be told"), "{reason:#?}");
    // A label too far from any row is not guessed either: the row stays unread.
    let imported = import(&LONGDE.replace("1.本机关不掌握相关政府信息", "1.本单位没有该项信息")).unwrap();
    assert!(imported.matched.is_empty());
    assert_eq!(imported.missing_rows, ["requests.unable_not_held"]);
}

//! Properties over generated reports: consistent reports pass, one changed cell is found with its
//! value, two changed cells get a correction that makes every sum hold, checking is deterministic,
//! and JSON out and back in is the identity. The case count is bounded (PROPTEST_CASES overrides).

use nianbao_core::schema::{cell_index, cells};
use nianbao_core::{check, CellValue, Options, Report};
use proptest::prelude::*;

const APPLICANTS: [&str; 6] =
    ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"];

fn set(report: &mut Report, id: &str, value: i128) {
    report.values[cell_index(id).unwrap_or_else(|| panic!("{id}")) as usize] = CellValue::from_integer(value);
}

fn get(report: &Report, id: &str) -> i128 {
    match report.value(cell_index(id).unwrap()) {
        CellValue::Number(d) => d.as_integer().unwrap(),
        other => panic!("{id} is {other:?}"),
    }
}

/// A value as published reports have them: mostly 0 and small numbers, sometimes large.
fn count() -> impl Strategy<Value = i128> {
    prop_oneof![4 => Just(0i128), 4 => 0i128..20, 2 => 0i128..5_000, 1 => 0i128..5_000_000]
}

prop_compose! {
    /// A report in which every equation holds, of any size up to the limits.
    fn consistent_report()(
        results in proptest::collection::vec(proptest::collection::vec(count(), 6), 21),
        carried_forward in proptest::collection::vec(count(), 6),
        share_carried_over in proptest::collection::vec(0.0f64..=1.0, 6),
        appeals in proptest::collection::vec(proptest::collection::vec(count(), 4), 3),
        documents in proptest::collection::vec((count(), count(), count()), 2),
        decisions in proptest::collection::vec(count(), 3),
        fee_units in 0i128..10_000_000_000,
    ) -> Report {
        let mut report = Report {
            format: Some("2021".into()),
            issuer: Some("示例县人民政府".into()),
            year: Some(2025),
            ..Default::default()
        };
        let mut rows_unique: Vec<&str> = cells().iter().filter(|c| c.table.key == "requests").map(|c| c.row.key).collect();
        rows_unique.dedup();
        let result_rows = &rows_unique[2..23];
        for (c, column) in APPLICANTS.iter().enumerate() {
            for (r, row) in result_rows.iter().enumerate() {
                set(&mut report, &format!("requests.{row}.{column}"), results[r][c]);
            }
            let total: i128 = results.iter().map(|r| r[c]).sum();
            set(&mut report, &format!("requests.result_total.{column}"), total);
            set(&mut report, &format!("requests.carried_forward.{column}"), carried_forward[c]);
            // 一 + 二 = 三 + 四: split what came in between this year's and last year's.
            let incoming = total + carried_forward[c];
            let carried_over = (incoming as f64 * share_carried_over[c]).floor() as i128;
            set(&mut report, &format!("requests.carried_over.{column}"), carried_over);
            set(&mut report, &format!("requests.new.{column}"), incoming - carried_over);
        }
        for row in rows_unique.iter() {
            let total: i128 = APPLICANTS.iter().map(|c| get(&report, &format!("requests.{row}.{c}"))).sum();
            set(&mut report, &format!("requests.{row}.total"), total);
        }
        for (g, group) in ["review", "litigation_direct", "litigation_after_review"].iter().enumerate() {
            for (k, column) in ["upheld", "corrected", "other", "pending"].iter().enumerate() {
                set(&mut report, &format!("appeals.{group}.{column}"), appeals[g][k]);
            }
            set(&mut report, &format!("appeals.{group}.total"), appeals[g].iter().sum());
        }
        for (row, (issued, repealed, extra)) in ["rules", "normative_documents"].iter().zip(&documents) {
            set(&mut report, &format!("proactive.{row}.issued"), *issued);
            set(&mut report, &format!("proactive.{row}.repealed"), *repealed);
            set(&mut report, &format!("proactive.{row}.in_force"), (issued - repealed).max(0) + extra);
        }
        for (row, value) in ["licensing", "penalty", "enforcement"].iter().zip(&decisions) {
            set(&mut report, &format!("proactive.{row}.decisions"), *value);
        }
        let fee = format!("{}.{:04}", fee_units / 10_000, fee_units % 10_000);
        report.values[cell_index("proactive.fees.amount").unwrap() as usize] = CellValue::parse(&fee);
        report
    }
}

/// Cells of tables 三 and 四, by index.
fn table_cell() -> impl Strategy<Value = usize> {
    let indices: Vec<usize> =
        cells().iter().enumerate().filter(|(_, c)| c.table.key != "proactive").map(|(i, _)| i).collect();
    proptest::sample::select(indices)
}

fn equations_hold(report: &Report) -> bool {
    check(report, Options::default()).findings.iter().all(|f| {
        !matches!(f.rule, "requests.row_total" | "requests.result_total" | "requests.balance" | "appeals.total")
    })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_consistent_report_has_no_finding(report in consistent_report()) {
        let result = check(&report, Options::default());
        prop_assert!(result.findings.is_empty(), "{:#?}", result.findings);
    }

    #[test]
    fn one_changed_cell_is_found_with_its_value(report in consistent_report(), cell in table_cell(), typed in count(), bump in 1i128..1000) {
        let original = match report.values[cell] { CellValue::Number(d) => d.as_integer().unwrap(), _ => unreachable!() };
        let wrong = if typed != original { typed } else { original + bump };
        let mut changed = report.clone();
        changed.values[cell] = CellValue::from_integer(wrong);
        let result = check(&changed, Options::default());
        prop_assert!(!result.ok, "a changed cell must be detected");
        let expected = (cells()[cell].id.clone(), wrong.to_string(), original.to_string());
        let answers: Vec<(String, String, String)> = result.suggestions.iter()
            .filter(|s| s.changes.len() == 1)
            .map(|s| (s.changes[0].cell.to_string(), s.changes[0].from.clone(), s.changes[0].to.clone()))
            .collect();
        if cells()[cell].table.key == "requests" {
            // Row and column equations cross only at that cell: exactly one answer.
            prop_assert_eq!(answers, vec![expected]);
        } else {
            // Table 四 has one equation per group: any of its five cells could be the wrong one
            // (unless values would go below 0), so the changed cell with its value is among the
            // answers, and only when it is the sole answer is it named as the wrong cell.
            prop_assert!(answers.contains(&expected), "{:?} not in {:?}", expected, answers);
            prop_assert_eq!(result.ambiguous, answers.len() > 1);
        }
    }

    #[test]
    fn two_changed_cells_get_a_correction_that_makes_every_sum_hold(
        report in consistent_report(), a in table_cell(), b in table_cell(), da in 1i128..50, db in 1i128..50,
    ) {
        prop_assume!(a != b);
        // In table 四 each cell is in one equation only: raising a group's total and one of its
        // parts by the same amount leaves every sum holding, and no check can see it.
        let (ca, cb) = (&cells()[a], &cells()[b]);
        let total_and_part = ca.table.key == "appeals" && ca.row.key == cb.row.key
            && (ca.column.key == "total") != (cb.column.key == "total");
        prop_assume!(!(total_and_part && da == db));
        let mut changed = report.clone();
        for (cell, delta) in [(a, da), (b, db)] {
            let value = match changed.values[cell] { CellValue::Number(d) => d.as_integer().unwrap(), _ => unreachable!() };
            changed.values[cell] = CellValue::from_integer(value + delta);
        }
        let result = check(&changed, Options::default());
        prop_assert!(!result.ok, "two changed cells must be detected");
        prop_assert!(!result.suggestions.is_empty(), "reverting both cells is always a correction of two");
        let size = result.suggestions[0].changes.len();
        for suggestion in &result.suggestions {
            prop_assert_eq!(suggestion.changes.len(), size, "all answers are equally small");
            let mut fixed = changed.clone();
            for change in &suggestion.changes {
                fixed.values[cell_index(change.cell).unwrap() as usize] = CellValue::parse(&change.to);
            }
            prop_assert!(equations_hold(&fixed), "{} leaves a sum broken", suggestion.message);
        }
    }

    #[test]
    fn checking_is_deterministic(report in consistent_report(), cell in table_cell(), typed in count()) {
        let mut changed = report;
        changed.values[cell] = CellValue::from_integer(typed);
        prop_assert_eq!(check(&changed, Options::default()), check(&changed, Options::default()));
    }

    #[test]
    fn json_out_and_back_in_is_the_identity(report in consistent_report(), blank in table_cell(), text in ".{0,40}") {
        let mut report = report;
        report.values[blank] = CellValue::Blank;
        report.text = Some(text);
        let json = serde_json::to_string(&report).unwrap();
        prop_assert_eq!(Report::from_json(&json).unwrap(), report);
    }
}

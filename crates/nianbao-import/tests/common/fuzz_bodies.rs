//! What each fuzz target does with its input, shared by the libFuzzer targets (fuzz/) and by the
//! regression test that replays their seeds and every crash ever found (../fuzz_regressions.rs).
#![allow(dead_code)]

use nianbao_core::schema::cells;
use nianbao_core::{check, BlankSeverity, CellValue, Checker, Options, Report};
use std::sync::OnceLock;

/// JSON text → report → every rule. Must never panic.
pub fn read_report(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = Report::from_json(&text) {
        let result = check(&report, Options::default());
        assert_eq!(result.ok, result.errors == 0);
    }
}

/// Published text or HTML → report → every rule, as a reviewer would check it. Must never panic.
pub fn import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = nianbao_import::import(&text) {
        check(&imported.report, Options { blanks: BlankSeverity::Warning, ..Default::default() });
    }
}

/// A sequence of cell edits through the incremental checker must end where a full check of the
/// same report ends: the keystroke path and the server agree.
pub fn edits(data: &[u8]) {
    let mut checker = Checker::new(Report::default(), Options::default());
    let mut report = Report::default();
    for chunk in data.chunks(4) {
        let [cell, kind, a, b] = match *chunk {
            [c, k, a, b] => [c, k, a, b],
            _ => break,
        };
        let index = cell as usize % cells().len();
        let value = match kind % 6 {
            0 => CellValue::Blank,
            1 => CellValue::from_integer(i128::from(a)),
            2 => CellValue::from_integer(i128::from(u16::from_le_bytes([a, b]))),
            3 => CellValue::from_integer(-i128::from(a)),
            4 => CellValue::parse(&String::from_utf8_lossy(&[a, b])),
            _ => CellValue::parse(&format!("{}.{}", a, b)),
        };
        checker.set(index as u16, value.clone());
        report.values[index] = value;
    }
    assert_eq!(checker.result(), check(&report, Options::default()));
}

/// Prose → claims and structure → checked against the example report's tables and, for 较上年
/// figures, against itself as last year's. The prose is untrusted: its figures must never overflow.
pub fn prose(data: &[u8]) {
    static EXAMPLE: OnceLock<Report> = OnceLock::new();
    let example = EXAMPLE.get_or_init(|| {
        Report::from_json(include_str!("../../../../tests/data/longde-2024.json")).expect("the example")
    });
    let text = String::from_utf8_lossy(data).into_owned();
    let mut checker =
        Checker::new(example.clone(), Options { previous: Some(Box::new(example.clone())), ..Default::default() });
    checker.set_field("text", Some(text)).expect("text is a field");
    let result = checker.result();
    let mut ids: Vec<&str> = result.findings.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    assert!(ids.windows(2).all(|w| w[0] != w[1]), "two findings share an id: {ids:?}");
}

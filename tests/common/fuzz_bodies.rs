//! What each fuzz target does with its input, shared by the libFuzzer targets (fuzz/) and by the
//! regression test that replays their seeds and every crash ever found (tests/fuzz_regressions.rs).
#![allow(dead_code)]

use nianbao::schema::cells;
use nianbao::{check, BlankSeverity, CellValue, Checker, Options, Report};

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
    if let Ok(imported) = nianbao::import::import(&text) {
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

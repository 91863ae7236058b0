// Ten thousand quiet keystrokes and ten thousand that break and mend a sum, for callgrind.
use nianbao_core::schema::cell_index;
use nianbao_core::{CellValue, Checker, Options, Report};

fn main() {
    let report = Report::from_json(include_str!("../../../tests/data/longde-2024.json")).unwrap();
    let mut checker = Checker::new(report, Options::default());
    let quiet = cell_index("proactive.licensing.decisions").unwrap();
    let breaking = cell_index("requests.disclosed.natural_person").unwrap();
    let mode = std::env::args().nth(1).unwrap_or_default();
    for i in 0..10_000 {
        let (cell, value) =
            if mode == "breaking" { (breaking, ["10", "11"][i % 2]) } else { (quiet, ["4513", "4514"][i % 2]) };
        std::hint::black_box(checker.set(cell, CellValue::parse(value)));
    }
}

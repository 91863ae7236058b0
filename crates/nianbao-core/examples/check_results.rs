// The bench's mix for callgrind (`node scripts/bench.mjs node`): the example report, every other one
// with a cell of table 三 or 四 raised, checked (the wasm writes results itself: src/results.rs).
use nianbao_core::schema::cells;
use nianbao_core::{check, CellValue, Options, Report};

fn main() {
    let text = include_str!("../../../tests/data/longde-2024.json");
    let report = Report::from_json(text).unwrap();
    let changeable: Vec<usize> = (0..cells().len()).filter(|&c| !cells()[c].id.starts_with("proactive.")).collect();
    let runs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let mut findings = 0;
    for i in 0..runs {
        let mut r = report.clone();
        if i % 2 == 1 {
            let c = changeable[(i * 7919) % changeable.len()];
            let n = r.values[c].display().parse::<i128>().unwrap_or(0);
            r.values[c] = CellValue::from_integer(n + 1 + (i % 5) as i128);
        }
        let result = check(std::hint::black_box(&r), Options::default());
        findings += result.findings.len();
    }
    println!("{findings} findings");
}

// Times the core natively: one-cell edits and whole checks (not part of the tests).
use nianbao_core::schema::cell_index;
use nianbao_core::{check, CellValue, Checker, Options, Report};
use std::time::Instant;

fn main() {
    let text = include_str!("../../../tests/data/longde-2024.json");
    let n = 20_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(Report::from_json(text).unwrap());
    }
    println!("read JSON text: {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let report = Report::from_json(text).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(check(&report, Options::default()));
    }
    println!("check (consistent): {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let mut broken = report.clone();
    broken.values[cell_index("requests.disclosed.natural_person").unwrap() as usize] = CellValue::from_integer(12);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(check(&broken, Options::default()));
    }
    println!("check (one cell wrong): {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let mut two = broken.clone();
    two.values[cell_index("requests.new.commercial").unwrap() as usize] = CellValue::from_integer(3);
    let t = Instant::now();
    for _ in 0..2000 {
        std::hint::black_box(check(&two, Options::default()));
    }
    println!("check (two cells wrong): {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / 2000.0);
    let mut checker = Checker::new(report.clone(), Options::default());
    let quiet = cell_index("proactive.licensing.decisions").unwrap();
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(checker.set(quiet, CellValue::from_integer(4513 + (i % 2) as i128)));
    }
    println!("set (quiet): {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let breaking = cell_index("requests.disclosed.natural_person").unwrap();
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(checker.set(breaking, CellValue::from_integer(10 + (i % 2) as i128)));
    }
    println!("set (breaking): {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}

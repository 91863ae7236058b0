// Imports the example report padded to a size, as `node scripts/bench.mjs import` does (its prose
// repeated before table 二), for callgrind and for timing natively (not part of the tests):
//   cargo run --release -p nianbao-import --example import_big -- [KB, default 100] [runs, default 1]
//   valgrind --tool=callgrind target/release/examples/import_big 1000
// KB counts UTF-16 code units, as the bench's `text.length` does; bytes are printed too, for
// instructions per byte.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a number"));
    let kb = args.next().unwrap_or(100);
    let runs = args.next().unwrap_or(1);
    let text = include_str!("../../../tests/data/longde-2024.txt");
    let paragraph = text.lines().find(|l| l.starts_with("2024年，隆德县")).unwrap().to_string() + "\n\n";
    let units = |s: &str| s.encode_utf16().count();
    let copies = (kb * 1024).saturating_sub(units(text)).div_ceil(units(&paragraph));
    let big = text
        .replace("## 二、主动公开政府信息情况", &format!("{}## 二、主动公开政府信息情况", paragraph.repeat(copies)));
    let t = Instant::now();
    for _ in 0..runs {
        let imported = nianbao_import::import(std::hint::black_box(&big)).unwrap();
        assert_eq!(imported.missing_rows.len(), 0);
    }
    let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    let kb = units(&big) as f64 / 1024.0;
    println!("{kb:.0} KB ({} bytes): {ms:.3} ms, {:.1} µs/KB", big.len(), ms * 1e3 / kb);
}

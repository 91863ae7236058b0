// Reads and checks the example report a thousand times, as a bulk review does, for callgrind.
fn main() {
    let text = include_str!("../../../tests/data/longde-2024.json");
    for _ in 0..1000 {
        let report = nianbao_core::Report::from_json(std::hint::black_box(text)).unwrap();
        std::hint::black_box(nianbao_core::check(&report, nianbao_core::Options::default()));
    }
}

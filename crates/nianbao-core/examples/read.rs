// One thousand reads of the example report, for `valgrind --tool=callgrind` (not part of the tests).
fn main() {
    let text = include_str!("../../../tests/data/longde-2024.json");
    for _ in 0..1000 {
        std::hint::black_box(nianbao_core::Report::from_json(std::hint::black_box(text)).unwrap());
    }
}

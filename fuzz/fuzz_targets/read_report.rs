#![no_main]

#[path = "../../crates/nianbao-import/tests/common/fuzz_bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::read_report(data));

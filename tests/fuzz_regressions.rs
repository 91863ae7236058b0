//! Replays every fuzz seed and every input that ever crashed a fuzz target (fuzz/seeds/<target>/)
//! through the same code the targets run, so a fixed crash stays fixed.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/fuzz_bodies.rs"]
mod bodies;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        body(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count > 0, "no seeds in {}", dir.display());
}

#[test]
fn read_report_seeds_and_crashes() {
    replay("read_report", bodies::read_report);
}

#[test]
fn import_seeds_and_crashes() {
    replay("import", bodies::import);
}

#[test]
fn edits_seeds_and_crashes() {
    replay("edits", bodies::edits);
}

//! Replays every fuzz seed through the same code the targets run, so a fixed crash stays fixed: the
//! crashes kept in fuzz/seeds/<target>/ and the inputs in tests/data that scripts/fuzz.sh seeds the
//! targets with (the same choice of files as there).

#[path = "common/fuzz_bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of `dir` (and its subfolders) whose extension is one of `extensions` (any when empty).
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for path in entries.map(|e| e.unwrap().path()) {
        if path.is_dir() {
            found.extend(files(&path, extensions));
        } else if extensions.is_empty()
            || path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
        {
            found.push(path);
        }
    }
    found
}

fn replay(target: &str, data_extensions: &[&str], body: fn(&[u8])) {
    let mut seeds = files(&root().join("fuzz/seeds").join(target), &[]);
    if !data_extensions.is_empty() {
        seeds.extend(files(&root().join("tests/data"), data_extensions));
    }
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for path in seeds {
        body(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
    }
}

#[test]
fn read_report_seeds_and_crashes() {
    replay("read_report", &["json"], bodies::read_report);
}

#[test]
fn import_seeds_and_crashes() {
    replay("import", &["txt", "md", "html"], bodies::import);
}

#[test]
fn edits_seeds_and_crashes() {
    replay("edits", &[], bodies::edits);
}

#[test]
fn prose_seeds_and_crashes() {
    replay("prose", &["txt", "md"], bodies::prose);
}

#!/usr/bin/env bash
# npm run fuzz: runs each libFuzzer target (fuzz/fuzz_targets) for FUZZ_SECONDS (default 300) or
# FUZZ_RUNS executions (inputs up to FUZZ_MAX_LEN bytes), starting from the test inputs in
# tests/data and the crashes kept in fuzz/seeds/<target>/, and prints executions and findings.
# The targets are built with debug assertions and overflow checks on (fuzz/Cargo.toml's profile).
# A crash is saved under fuzz/artifacts/<target>/: copy it into fuzz/seeds/<target>/ so that
# `cargo test -p nianbao-import --test fuzz_regressions` replays it for good. Not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo fuzz passes -Z flags; the stable toolchain accepts them with RUSTC_BOOTSTRAP (no nightly here).
export RUSTC_BOOTSTRAP=1
SECONDS_EACH=${FUZZ_SECONDS:-300}
# The crate has no unsafe code, so AddressSanitizer finds nothing that a panic would not;
# without it the targets run several times faster. FUZZ_SANITIZER=address turns it back on.
SANITIZER=${FUZZ_SANITIZER:-none}
# Which test inputs seed which target; crates/nianbao-import/tests/fuzz_regressions.rs replays the same.
seeds_from_data() {
  case "$1" in
    read_report) find tests/data -name '*.json' ;;
    import) find tests/data -name '*.txt' -o -name '*.md' -o -name '*.html' ;;
    prose) find tests/data -name '*.txt' -o -name '*.md' ;;
  esac
}
for target in ${FUZZ_TARGETS:-read_report import edits prose}; do
  mkdir -p "fuzz/corpus/$target"
  cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  seeds_from_data "$target" | while read -r seed; do cp -n "$seed" "fuzz/corpus/$target/"; done
  limit=(-max_total_time="$SECONDS_EACH")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  echo "== fuzz $target (${FUZZ_RUNS:-$SECONDS_EACH s})"
  cargo fuzz run --release --debug-assertions --sanitizer "$SANITIZER" "$target" "fuzz/corpus/$target" -- \
    "${limit[@]}" -timeout=5 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-16384}" -print_final_stats=1 2>&1 \
    | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==|.*(panicked|ERROR|crash|Test unit written))" || true
done

#!/usr/bin/env bash
# Every test: formatting, lints, the native core, the wasm boundary in Node, Chromium and Firefox,
# the built npm package and CLI in Node, and the form end to end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/bootstrap-test.sh
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p nianbao-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
# The form's first module: the binding's `form` feature over the core without `prose` and `unread`.
cargo clippy -p nianbao-wasm --target wasm32-unknown-unknown --no-default-features --features form -- -D warnings
step "cargo test (the core and the importer natively; the TypeScript declarations)"
cargo test --workspace
# wasm-pack test runs in the binding crate, where its webdriver.json is.
step "wasm-pack test --node"
(cd crates/nianbao-wasm && wasm-pack test --node)
step "wasm-pack test --headless --chrome"
(cd crates/nianbao-wasm && wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)")
step "wasm-pack test --headless --firefox"
(cd crates/nianbao-wasm && wasm-pack test --headless --firefox --geckodriver "$(command -v geckodriver)")
step "npm run build (release package, wasm-opt)"
node scripts/build.mjs
step "packaging: npm pack, install and use the tarball (Node, TypeScript, Chromium, Vite, webpack)"
node --test --test-reporter=tap tests/packaging/*.test.mjs
step "node --test (package, CLI, form end to end, hostile input, the collecting server)"
shopt -s nullglob
node --test --test-reporter=tap tests/node/*.test.mjs tests/e2e/*.test.mjs tests/hostile/*.test.mjs tests/server/*.test.mjs

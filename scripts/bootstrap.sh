#!/usr/bin/env bash
# Installs what building and serving need and is missing (`npm start`, `npm run build`); quick when
# nothing is. What only the tests need is in scripts/bootstrap-test.sh, so that a first `npm start`
# never waits for browsers. Follows ../shared/docs/toolchain.md (the recipe verified on these machines).
set -euo pipefail
cd "$(dirname "$0")/.."

# The wasm-bindgen CLI must be exactly the version the crate pins.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM_PACK_VERSION=0.15.1
export PATH="$HOME/.cargo/bin:$PATH"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\b"; then
  # Not --locked: one of the CLI's locked dependencies is not on crates.io any more.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# One npm ci for the build's wasm-opt (binaryen, 104 MB) and the tests' playwright-core and axe-core
# (17 MB, plain JavaScript with no install script: no browser download). Measured from npm's cache:
# 2.4 s for binaryen alone, 3.9 s for all three; not worth a second lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

#!/usr/bin/env bash
# Installs what only the tests need and is missing (`npm test` runs it after scripts/bootstrap.sh):
# the browsers and their drivers for wasm-pack test and the end-to-end tests, and the fonts the
# form's screenshots need. Quick when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Debian packages only the tests use. A test that needs another one adds it here, one a line,
# with what needs it.
TEST_PACKAGES=(
  chromium          # wasm-pack test --chrome, tests/e2e, tests/hostile/browser, tests/packaging
  chromium-driver   # wasm-pack test --chrome
  firefox-esr       # wasm-pack test --firefox
  fonts-noto-cjk    # Chinese glyphs in the form's screenshots (tests/e2e)
)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need_apt=()
for package in "${TEST_PACKAGES[@]}"; do installed "$package" || need_apt+=("$package"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bootstrap-test: apt-get install ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# wasm-pack test --firefox drives Firefox through geckodriver, which Debian does not package.
command -v geckodriver >/dev/null || cargo install geckodriver --locked

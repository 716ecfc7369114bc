#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then every check in order.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n==> %s\n' "$*"; }

step "tools"
scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32, with the page's split points as Trunk builds it)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown --features split -- -D warnings

step "native tests"
mkdir -p target
# Kept for the summary at the end: what this machine could not check (SKIPPED, NOT TESTED).
cargo test --locked 2>&1 | tee target/native-tests.log

step "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test 'web*'

step "release build (trunk)"
cargo fetch --locked
trunk build --release --offline

step "release build under a sub-path, as GitHub Pages serves it (make dist PUBLIC_URL=/isoflop/)"
rm -rf target/e2e-subpath
make --no-print-directory dist PUBLIC_URL=/isoflop/ DIST=target/e2e-subpath/isoflop

step "end-to-end tests (headless Chromium against dist/)"
node e2e/run.mjs

step "benchmark smoke run (make bench QUICK=1: checks it runs; timings are reported, never judged)"
scripts/bench.sh --quick --json target/bench/bench-ci.json

step "not checked on this machine"
# shared_file_skips_loudly_when_absent skips on purpose (it tests the SKIPPED line itself).
if grep -E '^(SKIPPED|NOT TESTED):' target/native-tests.log | grep -v 'shared_file_skips_loudly_when_absent'; then
  echo "(the lines above name what this run could not check; every other test ran)"
else
  echo "nothing: every native test checked what it names"
fi

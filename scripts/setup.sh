#!/usr/bin/env bash
# Installs what isoflop needs, idempotently: each step is skipped when its tool is
# already there at the pinned version. Uses only crates.io, npm and Debian's packages.
#   scripts/setup.sh build   -> wasm32 target, trunk, wasm-bindgen-cli, wasm-split-cli, npm
#                               packages (wasm-opt)
#   scripts/setup.sh test    -> the above, plus Debian's chromium and chromium-driver and
#                               fonts-noto-cjk
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_SPLIT_VERSION=0.2.4
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
what="${1:-build}"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  say "installing trunk ${TRUNK_VERSION} (takes ~6 min the first time)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
fi

# --locked is deliberately absent: wasm-bindgen-cli's lock file names a crate version
# the registry no longer has.
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
fi

# Cuts the page's wasm into the parts fetched after its first screen (scripts/split.mjs). 0.2.4
# is the first that reads wasm-bindgen 0.2.128+'s casts right.
if ! cargo install --list | grep -q "^wasm_split_cli_support v${WASM_SPLIT_VERSION}:"; then
  say "installing wasm-split-cli ${WASM_SPLIT_VERSION}"
  cargo install wasm_split_cli_support --version "${WASM_SPLIT_VERSION}" --locked --features build-binary
fi

# npm packages (binaryen's wasm-opt, playwright-core, axe-core) from the lock file.
if ! (cd "$ROOT" && node -e '
  const lock = require("./package-lock.json").packages;
  for (const [p, m] of Object.entries(lock)) {
    if (!p) continue;
    let v; try { v = require("./" + p + "/package.json").version; } catch { process.exit(1); }
    if (v !== m.version) process.exit(1);
  }' 2>/dev/null); then
  say "installing npm packages from package-lock.json"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

if [ "$what" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium chromium-driver
  fi
  # A CJK font, so the 中文 page's screenshots and canvas text measurements are real.
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "installing Debian's fonts-noto-cjk"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends fonts-noto-cjk fontconfig
  fi
fi
say "tools ready"

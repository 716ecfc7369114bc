#!/usr/bin/env bash
# `make bench`: measures isoflop's size and speed against baselines run in the same command and
# prints one table (targets shown as met / not met; nothing here fails on a timing).
#
#   scripts/bench.sh [--quick] [--json PATH]      (default PATH: target/bench/bench.json)
#
# --quick: fewer of the paper's 4500 starts for native and scipy alike (every 43rd: 105), no wasm
# `paper` fit, a smaller bootstrap in the page's panel, no criterion benches. CI-sized.
#
# Installs what it needs, idempotently: the test tools (scripts/setup.sh test), scipy + numpy
# from PyPI into target/bench-venv, twiggy from crates.io. When one cannot be had, the table
# says so and the rest still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

SCIPY_VERSION=1.17.1
NUMPY_VERSION=2.4.6
TWIGGY_VERSION=0.8.0
# Read at run time, never copied into the repository. (The override is for trying the synthetic path.)
DATA_FILE="${ISOFLOP_BENCH_DATA_FILE:-../shared/data/epoch_svg_extracted_data.csv}"

quick=0
json=target/bench/bench.json
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --json) json="${2:?--json needs a path}"; shift ;;
    *) echo "usage: scripts/bench.sh [--quick] [--json PATH]" >&2; exit 2 ;;
  esac
  shift
done

OUT=target/bench
DIST=target/bench-dist
VENV=target/bench-venv
mkdir -p "$OUT"
rm -f "$OUT"/{native,scipy,browser,twiggy,criterion}.json "$OUT"/notes.txt
note() { printf '%s\n' "$*" >>"$OUT/notes.txt"; printf '[bench] note: %s\n' "$*" >&2; }
say() { printf '\n[bench] %s\n' "$*" >&2; }
started=$(date +%s)

# ---- tools -------------------------------------------------------------------------------
say "tools"
scripts/setup.sh test >&2

if ! "$VENV/bin/python" -c "import scipy, numpy, sys; sys.exit(scipy.__version__ != '$SCIPY_VERSION' or numpy.__version__ != '$NUMPY_VERSION')" 2>/dev/null; then
  say "installing scipy $SCIPY_VERSION and numpy $NUMPY_VERSION into $VENV"
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "scipy==$SCIPY_VERSION" "numpy==$NUMPY_VERSION"; } >&2; then
    note "scipy could not be installed: no scipy baseline in this run"
  fi
fi

if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION\$"; then
  say "installing twiggy $TWIGGY_VERSION"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked >&2 || note "twiggy could not be installed: no wasm size breakdown in this run"
fi

# ---- data --------------------------------------------------------------------------------
if [ -f "$DATA_FILE" ]; then
  data="$DATA_FILE"
  echo "Epoch AI's extraction of Chinchilla Fig. 4 ($DATA_FILE)" >"$OUT/data.txt"
else
  data="$OUT/synthetic.csv"
  python3 scripts/bench_scipy.py --synthetic "$data"
  echo "SYNTHETIC: $DATA_FILE is absent; 245 generated runs of the same shape ($data)" >"$OUT/data.txt"
  note "$DATA_FILE is absent: the fit rows use a SYNTHETIC data set of the same shape"
fi
export ISOFLOP_BENCH_DATA="$ROOT/$data"

# ---- 1. size -----------------------------------------------------------------------------
say "release build into $DIST (dist/ is left alone)"
cargo fetch >&2
# The shipped wasm has no names (wasm-opt drops them): the split step also writes a twin of the
# page's main module with names kept, for twiggy.
named="$ROOT/$OUT/named/isoflop_named.wasm"
rm -rf "$OUT/named" && mkdir -p "$OUT/named"
ISOFLOP_SPLIT_NAMED="$named" trunk build --release --offline --dist "$DIST" >&2

if command -v twiggy >/dev/null; then
  say "twiggy on a named twin of the shipped main module"
  if twiggy top -n 20 -f json "$named" >"$OUT/twiggy-top.json"; then
    node -e '
      const fs = require("fs");
      const top = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      fs.writeFileSync(process.argv[2], JSON.stringify({
        file: process.argv[3], named_bytes: fs.statSync(process.argv[3]).size, top }, null, 2));
    ' "$OUT/twiggy-top.json" "$OUT/twiggy.json" "$named"
  else
    note "twiggy breakdown failed (see the log above)"
  fi
fi

# ---- 4a/5. native fit timings (opt-level 3, as the command line is built) ------------------
if [ "$quick" = 1 ]; then stride=43; reps=5; else stride=1; reps=20; fi
export CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
say "native fit (stride $stride)"
cargo bench --bench fit_native -- --data "$ISOFLOP_BENCH_DATA" --stride "$stride" --reps "$reps" \
  --bootstrap 1000 >"$OUT/native.json"

# ---- 4b. scipy baseline, single-threaded BLAS (threads only thrash on 240 points) ---------
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import scipy" 2>/dev/null; then
  say "scipy baseline (stride $stride; the full 4500 starts take minutes)"
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$VENV/bin/python" scripts/bench_scipy.py --data "$ISOFLOP_BENCH_DATA" --stride "$stride" >"$OUT/scipy.json"
fi

# ---- 2, 3, 4c, 4d. the page in headless Chromium -----------------------------------------
say "headless Chromium: load, interaction, wasm fits, fit panel"
browser_args=(--dist "$DIST" --data "$ISOFLOP_BENCH_DATA" --out "$OUT/browser.json")
[ "$quick" = 1 ] && browser_args+=(--quick)
node e2e/bench.mjs "${browser_args[@]}"

# ---- 5. criterion micro-benchmarks (not in quick mode) -----------------------------------
if [ "$quick" = 0 ]; then
  say "criterion: hot math"
  rm -rf target/criterion/allocation_* target/criterion/objective_* target/criterion/lbfgs_*
  cargo bench --bench hot_math -- --warm-up-time 1 --measurement-time 4 >&2
  node -e '
    const fs = require("fs"), path = require("path");
    const out = {};
    for (const name of fs.readdirSync("target/criterion")) {
      const f = (x) => path.join("target/criterion", name, "new", x);
      if (!/^(allocation|objective|lbfgs)_/.test(name) || !fs.existsSync(f("estimates.json"))) continue;
      const e = JSON.parse(fs.readFileSync(f("estimates.json"), "utf8"));
      const id = JSON.parse(fs.readFileSync(f("benchmark.json"), "utf8")).full_id;
      out[id] = { median_ns: e.median.point_estimate, mean_ns: e.mean.point_estimate };
    }
    fs.writeFileSync(process.argv[1], JSON.stringify(out, null, 2));
' "$OUT/criterion.json"
fi

# ---- 6. the bytes 中文 adds: an English-only twin of the page (not in quick mode) ----------
en_args=()
if [ "$quick" = 0 ]; then
  say "English-only twin build (every Chinese string replaced by its English)"
  rm -rf "$OUT/dist-en"
  if ISOFLOP_CATALOG_ENGLISH_ONLY=1 trunk build --release --offline --dist "$OUT/dist-en" >&2; then
    en_args=(--dist-en "$OUT/dist-en")
  else
    note "the English-only twin did not build: no figure for the bytes 中文 adds"
  fi
fi

# ---- the table and the JSON --------------------------------------------------------------
mkdir -p "$(dirname "$json")"
node scripts/bench-report.mjs --dir "$OUT" --dist "$DIST" ${en_args[@]+"${en_args[@]}"} --json "$json" --quick "$quick" \
  --seconds "$(($(date +%s) - started))"

# isoflop: `make serve` to use it, `make test` to check everything. Both install what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
PUBLIC_URL ?= /
DIST ?= dist

.PHONY: serve test dist setup bench clean

## serve: install what is missing, build the release page, serve it on http://127.0.0.1:8080
serve: setup
	cargo fetch
	@echo "isoflop: building, then serving at http://127.0.0.1:8080/"
	trunk serve --release --offline --address 127.0.0.1 --port 8080

## test: install what is missing, then fmt, clippy (native + wasm32), native tests,
## browser tests (wasm-bindgen-test in headless Chromium), release build, end-to-end tests
test:
	scripts/test.sh

## dist: release build into dist/ (or DIST=dir) for a static host; PUBLIC_URL=/isoflop/ for a sub-path
dist: setup
	cargo fetch
	trunk build --release --offline --public-url "$(PUBLIC_URL)" --dist "$(DIST)"

## bench: size and speed against baselines run in the same command, as one table and a JSON
## file; QUICK=1 for the CI-sized run, JSON=path to choose where the JSON goes
bench:
	scripts/bench.sh $(if $(QUICK),--quick) $(if $(JSON),--json "$(JSON)")

setup:
	scripts/setup.sh build

clean:
	cargo clean
	rm -rf dist

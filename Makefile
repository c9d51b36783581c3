# The steps CI runs (`make ci`), each usable on its own. `./scripts/test.sh` installs what is
# missing and then runs `make ci`; `./scripts/start.sh` builds and starts the app.
.PHONY: ci fmt fmt-check clippy test-core core-isolation ui-check ui-test ui-build shell-build build e2e bindings icons regions start hooks

CARGO ?= cargo

ci: fmt-check core-isolation test-core ui-check ui-test build clippy e2e

fmt:
	$(CARGO) fmt --all

fmt-check:
	@echo "== formatting (cargo fmt) =="
	$(CARGO) fmt --all --check

clippy: ui-build
	@echo "== lints (clippy, whole workspace) =="
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# `cargo test` at the root must build no Tauri crate and need no UI.
core-isolation:
	@echo "== the core depends on no Tauri crate =="
	@if $(CARGO) tree -p etalase -e normal,build,dev --prefix none | grep -q '^tauri'; then \
		echo "the core crate depends on tauri"; exit 1; fi

test-core:
	@echo "== core tests (cargo test) =="
	$(CARGO) test

ui-check:
	@echo "== UI type check (svelte-check) =="
	cd ui && npm run --silent check

ui-test:
	@echo "== UI tests (vitest) =="
	cd ui && npm run --silent test

ui-build:
	cd ui && npm run --silent build

shell-build: ui-build
	$(CARGO) build -p etalase-desktop

build: shell-build
	$(CARGO) build -p etalase --bin etalase

e2e: build
	@echo "== end-to-end tests (real window: tauri-driver + WebKitWebDriver under Xvfb) =="
	cd tests/e2e && timeout 600 xvfb-run -a --server-args="-screen 0 1366x850x24" \
		node --test --test-concurrency=1 vendor.test.mjs planner.test.mjs exchange.test.mjs

# Regenerate ui/src/backend/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test --test core bindings

icons:
	cd ui && npm run icons

regions:
	python3 scripts/extract_regions.py

start:
	./scripts/start.sh

# Use the repository's git hooks (a formatting check before each commit).
hooks:
	git config core.hooksPath .githooks

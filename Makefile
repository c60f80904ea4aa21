# Self-documenting Makefile: `make help` lists every target with its description.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk
# Make's own commands run the app locally; production serves `gunicorn wsgi:app` instead.
export APP_ENV ?= development
ASSETS_STAMP := static/.assets-built

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: $(VENV)/.installed $(ASSETS_STAMP) chromium ## Install Python and npm dependencies and build the GOV.UK assets (idempotent)

# The browser tests (tests/browser, marker `browser`) drive Debian's Chromium through Playwright,
# which cannot download its own browser here.
.PHONY: chromium
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium chromium-driver)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend's CSS asks for /assets/fonts and /assets/images, so they sit at the root of
# static/, which is served at /assets. All of it is generated and git-ignored.
$(ASSETS_STAMP): node_modules/.package-lock.json
	rm -rf static/govuk-frontend static/fonts static/images static/manifest.json
	mkdir -p static/govuk-frontend
	cp $(GOVUK_DIST)/govuk-frontend.min.css $(GOVUK_DIST)/govuk-frontend.min.css.map static/govuk-frontend/
	cp $(GOVUK_DIST)/govuk-frontend.min.js $(GOVUK_DIST)/govuk-frontend.min.js.map static/govuk-frontend/
	cp -R $(GOVUK_DIST)/assets/fonts $(GOVUK_DIST)/assets/images $(GOVUK_DIST)/assets/manifest.json static/
	touch $@

.PHONY: migrate
migrate: install ## Apply database migrations to DATABASE_URL (default: SQLite under instance/)
	$(FLASK) db upgrade

.PHONY: demo
demo: migrate ## Load the demo organisations, users and records (idempotent)
	$(FLASK) demo load

CELERY := $(BIN)/celery -A app.jobs.worker
# The worker's own schedule (-B) runs the sweep in development; production runs one `beat`.
WORKER_ARGS ?= --loglevel INFO -B

.PHONY: run
run: demo ## Install, migrate, load demo data, and serve on http://127.0.0.1:5000 with a worker beside it (Ctrl-C stops both)
	@$(CELERY) worker $(WORKER_ARGS) & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(FLASK) run --host $(HOST) --port $(PORT)

.PHONY: worker
worker: migrate ## Run a background worker alone (emails), with the sweep's schedule
	$(CELERY) worker $(WORKER_ARGS)

.PHONY: test
test: install ## Install, then run every test, the API fuzzing and a short load test (set TEST_DATABASE_URL to use PostgreSQL)
	$(BIN)/pytest $(PYTEST_ARGS)
	@# The fuzzer and the load test always run on PostgreSQL (databases of their own), so once
	@# is enough: with the embedded run, not again when the suite itself runs on PostgreSQL.
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
	  $(MAKE) --no-print-directory fuzz && $(MAKE) --no-print-directory load-test; fi

# Its own PostgreSQL database (fuzz_api, recreated each run), never the test one. Hostile
# payloads over every operation (tests/api/test_adversarial.py) run beside it, in the suite.
FUZZ_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/fuzz_api
.PHONY: fuzz
fuzz: install ## Fuzz every JSON API operation with schemathesis against gunicorn on PostgreSQL
	FUZZ_DATABASE_URL=$(FUZZ_DATABASE_URL) $(BIN)/python scripts/fuzz_api.py $(FUZZ_ARGS)

# Its own PostgreSQL database (journeys_bench, wiped each run), never the test one.
JOURNEYS_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/journeys_bench
.PHONY: load-test
load-test: install ## 10 simulated users for 20 s on two servers and PostgreSQL; fails on any lost answer, 5xx or double submission
	$(BIN)/python bench/journeys.py --users 10 --seconds 20 --fail-on-errors \
	  --postgresql-url $(JOURNEYS_DATABASE_URL)

# Databases of their own on this server (journeys_bench, case_log_bench, tenure_bench...),
# never the test one. Takes under 10 minutes; not part of CI, which keeps its smoke runs.
BENCH_POSTGRES_SERVER ?= postgresql://postgres@127.0.0.1:5432
.PHONY: bench
bench: install ## Run every benchmark (under 10 min) and write bench/results.md with its charts
	$(BIN)/python bench/run_all.py --postgresql-server $(BENCH_POSTGRES_SERVER) $(BENCH_ARGS)

.PHONY: lint
lint: install ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: clean
clean: ## Remove the virtualenv, node_modules and built assets
	rm -rf $(VENV) node_modules static/govuk-frontend static/fonts static/images static/manifest.json $(ASSETS_STAMP)

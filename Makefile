# Vitrine: `make run` serves the site with demo content; `make test` runs everything.
# Both set up what they need (a virtualenv from requirements.lock, and for the tests
# Chromium, PostgreSQL and Java) on a machine with Python 3.12+ and make.

PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# Biome (JavaScript and CSS linter), pinned and checksummed by scripts/fetch-test-tools.
BIOME := $(VENV)/share/biome/biome
FETCH_BIOME := $(BIN)/python scripts/fetch-test-tools --share $(VENV)/share biome
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=vitrine.settings.test
# Python's bytecode caches are written, even where the environment turns them off
# (PYTHONDONTWRITEBYTECODE): without them, every Python process a command starts (each
# test worker, each gunicorn worker or `manage.py` a test runs) compiles Vitrine's sources
# and its tests again, and pytest rewrites every test module's asserts again. They go
# to __pycache__ folders, which git ignores.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run demo test test-deps lint check test-sqlite test-postgres test-browser test-stack \
	format lock clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { \
	  echo "error: $(PYTHON) not found. Vitrine needs Python 3.12+ (Django 6); set PYTHON=..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "error: $(PYTHON) is older than 3.12, which Django 6 needs; set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalled whenever the lock changes; every package is checked against the lock's
# hashes (scripts/install-requirements: uv, itself pinned in the lock).
$(VENV)/.installed: requirements.lock scripts/install-requirements | $(BIN)/python
	scripts/install-requirements $(BIN)/python
	touch $@

install: $(VENV)/.installed

# --- The site -------------------------------------------------------------------

# The address every absolute link names (canonicals, feeds, e-mailed links): where
# runserver listens, unless SITE_URL is given. migrate puts it in the Site record.
demo run: export SITE_URL ?= http://$(ADDR):$(PORT)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

run: demo
	$(MANAGE) runserver $(ADDR):$(PORT)

# --- Tests ----------------------------------------------------------------------

# lint, check and the three suites (scripts/test-all), in one throwaway PostgreSQL
# cluster; the test databases are migrated once, while the linters run.
test: install test-deps
	scripts/with-postgres scripts/test-all
	@echo "All checks and tests passed."

test-deps: install
	scripts/system-deps
	$(BIN)/python scripts/fetch-test-tools --share $(VENV)/share

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(FETCH_BIOME)
	$(BIOME) ci
	# The floors between apps (docs/architecture.md), contracts in pyproject.toml.
	$(BIN)/lint-imports

check: install
	$(TEST_SETTINGS) $(MANAGE) check --fail-level WARNING
	$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run

# Work stealing: a worker that runs out of tests takes the other's queue rather than idling
# while one slow test (the admin walk, the backup) ends its share (5:10 against 6:16 on SQLite).
test-sqlite: install
	$(BIN)/pytest -n auto --dist worksteal --ignore=tests/browser --ignore=tests/stack

# On the PostgreSQL server DATABASE_URL names (scripts/test-all's), else a throwaway one.
test-postgres: install
	$(if $(filter postgres%,$(DATABASE_URL)),,scripts/with-postgres) \
	  $(BIN)/pytest -n auto --dist worksteal --ignore=tests/browser --ignore=tests/stack

test-browser: install
	$(BIN)/pytest -n auto --dist worksteal tests/browser

# The whole production stack on loopback (scripts/with-stack: Varnish, two gunicorn app
# servers, PostgreSQL, Redis) and the tests that go through it. The tests themselves talk
# HTTP (and run `manage.py` with the stack's settings): DATABASE_URL is the stack's
# business, not theirs.
test-stack: install
	scripts/with-stack env -u DATABASE_URL $(BIN)/pytest tests/stack

# --- Maintenance -------------------------------------------------------------------

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates
	$(FETCH_BIOME)
	$(BIOME) check --write

# Re-pin every dependency (with hashes, for every platform) after editing pyproject.toml.
lock: install
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --universal \
	  --python-version 3.12 --no-header --quiet --index-url https://pypi.org/simple \
	  -o requirements.lock

clean:
	rm -rf $(VENV) staticfiles

# Benchmark, not a test: 10,000 shops in a throwaway SQLite file, then in a throwaway
# PostgreSQL cluster; prints render times and query counts (docs/benchmarks.md).
.PHONY: bench
bench: install
	$(BIN)/python bench/run.py
	scripts/with-postgres $(BIN)/python bench/run.py

# Requests per second through the stack (scripts/with-stack): the front cache, Django with
# its caches warm, Django with none, and a static file; docs/benchmarks.md keeps them.
.PHONY: bench-throughput
bench-throughput: install
	scripts/system-deps bench
	STACK_STATIC_COMPRESSION=true scripts/with-stack $(BIN)/python bench/throughput.py

# Instructions per request under callgrind (issue 19): the demo town in a throwaway SQLite
# file, each page's count noise-free whatever else the host runs (docs/benchmarks.md).
.PHONY: bench-callgrind
bench-callgrind: install
	$(BIN)/python bench/callgrind.py

# Lighthouse (mobile) on the nine page types against gunicorn with the production
# settings and a throwaway seeded database; records the scores in docs/lighthouse.md.
.PHONY: lighthouse
lighthouse: install
	scripts/system-deps lighthouse
	$(BIN)/python bench/lighthouse.py

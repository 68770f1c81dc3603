# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   - set up, load demo data and serve http://127.0.0.1:8000
#   make test  - run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: install run test test-faults lint check audit bench fault-db messages clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

# Tools for the browser tests (axe-core, the Nu HTML checker) and the map
# data; skipped where npm is missing, and the tests then say what is absent.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm fehlt: Browser-Tests mit axe und Nu HTML Checker werden übersprungen."; fi

install: $(INSTALLED) node_modules/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py demo_login
	LANGUAGES=de,en,ja,es,uk SERVE_MEDIA=true SITE_URL=http://127.0.0.1:8000 $(PY) manage.py runserver 127.0.0.1:8000

# One worker per core (pytest-xdist), each taking whole test files, so a
# browser module loads its demo data once. TEST_WORKERS=0 runs in one process.
# pytest exits with 5 when it collected no tests; that must fail loudly.
TEST_WORKERS ?= auto
test: install
	@$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "ERROR: pytest collected no tests." >&2; exit 1; fi; \
	exit $$status

# Templates: djlint's formatting and rules, configured in pyproject.toml,
# and no HTML template line over 160 characters, which djlint's formatter
# leaves to the author.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates/ --check
	$(VENV)/bin/djlint templates/ --lint
	@! grep -rnE --include='*.html' '^.{161,}' templates/ || \
	(echo "Template lines over 160 characters (above)." >&2; exit 1)

check: install
	$(PY) manage.py makemigrations --check --dry-run

# Known vulnerabilities in the Python and npm dependencies and the bundled
# CKEditor, from the registries' advisories; accepted ones are listed with
# their reason in .ci/audit and docs/security.md.
audit: install
	$(PY) .ci/audit

# Measures the public pages on PostgreSQL under gunicorn (one sync worker
# per core; BENCH_ARGS="--workers N" for another number) with wrk, with and
# without each cache, then 16 readers beside an editor saving articles
# through the admin, and writes docs/performance.md (about 17 minutes at
# 10,000 articles). The target pages with all caches empty are measured in
# turn with the commit the performance work started from, served from a git
# worktree (BENCH_ARGS="--start REV" for another commit). ARTICLES=100000 for the
# large data set, reported in docs/performance-100k.md. It starts a Redis of
# its own; the CI never runs it.
ARTICLES ?= 10000
BENCH_REPORT ?= docs/performance$(if $(filter 100000,$(ARTICLES)),-100k).md
BENCH_DB_NAME ?= partnership_bench
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB_NAME)
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $(BENCH_DB_NAME)" -c "CREATE DATABASE $(BENCH_DB_NAME)"
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py migrate --noinput --verbosity 0
	rm -rf $(CURDIR)/media-bench
	DATABASE_URL=$(BENCH_DB) MEDIA_ROOT=$(CURDIR)/media-bench $(PY) manage.py generate_bench_data --articles $(ARTICLES)
	$(PY) manage.py collectstatic --noinput --verbosity 0
	LANGUAGES=de,en,ja,es,uk DATABASE_URL=$(BENCH_DB) MEDIA_ROOT=$(CURDIR)/media-bench $(PY) manage.py run_bench --report $(BENCH_REPORT) $(BENCH_ARGS)

# The fault suite (tests/test_faults.py, about a minute): gunicorn on a
# PostgreSQL cluster and a Redis of its own while both are stopped and
# restarted under load; prints the table in docs/security.md. Needs
# PostgreSQL's binaries and redis-server; touches no running server.
test-faults: install
	$(PY) -m pytest tests/test_faults.py --run-faults $(PYTEST_ARGS)

fault-db: test-faults

# The public site's strings into every catalogue in partnership/locale, then
# compiled. The .mo files are committed, so only this target needs GNU
# gettext. German is the source: there is no de catalogue. Which files are
# scanned is the project's makemessages command's business (the admin and
# staff e-mails stay German); tests/test_catalogues.py fails when a
# catalogue is behind the sources, incomplete or not compiled.
messages: install
	$(PY) manage.py makemessages --all
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=staticfiles

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

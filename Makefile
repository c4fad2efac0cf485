# The two commands of the README:
#   make run    set up and start the portal with demo data (embedded default)
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

.env:
	$(BIN)/python scripts/write_env.py .env

# Links in emails and the printed logins point at the port actually served.
run: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Cổng Dân vận: http://127.0.0.1:$(PORT)  (Ctrl-C to stop web, worker and beat)"
	@echo ""
	$(BIN)/honcho start --port $(PORT)

test: $(VENV)/.dev .env
	@bash scripts/ensure_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Refresh the Vietnamese catalogue after changing strings (needs GNU gettext);
# the compiled .mo is committed so a fresh machine needs no gettext.
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete --no-location --ignore ".venv/*" --ignore "staticfiles/*" --ignore "var/*" --ignore "tests/*"
	$(BIN)/python manage.py compilemessages --locale vi --ignore ".venv/*"

# Every benchmark of bench/ on PostgreSQL, each printing its ratios against the targets of issue 14 (see
# bench/README.md). They run on generated provinces kept beside DATABASE_URL's database (danvan_bench_<N>,
# bench/common.py): the first run makes those of 100,000 and 1,000,000 petitions (about 30 minutes here).
# BENCH_N sets the size of the national-scale ones. A benchmark that misses a target (or fails its check)
# exits non-zero: make marks it "(ignored)" and runs the others (the leading "-").
BENCH_N ?= 1000000
bench: $(VENV)/.dev .env
	@test -n "$$DATABASE_URL" || { echo "make bench runs on PostgreSQL: set DATABASE_URL=postgres://user:password@host:port/name (the role may CREATEDB)."; exit 1; }
	-$(BIN)/python bench/workdays_bench.py
	@# The generator writes into the database it is given: a scratch one, dropped after.
	-psql -X -q "$$DATABASE_URL" -c 'DROP DATABASE IF EXISTS danvan_bench_generate' -c 'CREATE DATABASE danvan_bench_generate' \
	  && DATABASE_URL="$${DATABASE_URL%/*}/danvan_bench_generate" $(BIN)/python manage.py migrate --noinput -v0 \
	  && DATABASE_URL="$${DATABASE_URL%/*}/danvan_bench_generate" $(BIN)/python bench/generate_bench.py 20000; \
	  psql -X -q "$$DATABASE_URL" -c 'DROP DATABASE IF EXISTS danvan_bench_generate'
	@# register_bench.py and pages_bench.py (each page against its SQL) at 100,000 and at 1,000,000 petitions,
	@# then each page's growth between the two (≤ 1.3×); --make generates a missing database.
	-$(BIN)/python bench/growth_bench.py --make
	-$(BIN)/python bench/dashboard_bench.py --n $(BENCH_N)
	-$(BIN)/python bench/alerts_bench.py --n $(BENCH_N)
	-$(BIN)/python bench/serve_bench.py --n $(BENCH_N)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

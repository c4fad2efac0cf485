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

bench: $(VENV)/.dev .env
	$(BIN)/python bench/workdays_bench.py
	$(BIN)/python bench/alerts_bench.py
	$(BIN)/python bench/dashboard_bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

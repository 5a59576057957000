# Suivi: `make run` serves the app with sample data, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Django 6 needs Python 3.12+: the first of python3.13 / python3.12 that runs
# (a pyenv shim that is on PATH but not enabled does not count).
PYTHON ?= $(shell for c in python3.13 python3.12 \
	  $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13*/bin/python3.13 2>/dev/null) \
	  $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3.12 2>/dev/null); do \
	  $$c -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: run serve test test-browser lint format typecheck corpus bench bench-exports load messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Suivi needs python3.13 or python3.12 on PATH." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py extend_calendar
	DEBUG=1 $(PY) manage.py recompute_due_dates
	DEBUG=1 $(PY) manage.py ensure_roles
	DEBUG=1 $(PY) manage.py load_sample_data
	DEBUG=1 $(PY) manage.py ensure_admin
	@echo "Suivi is at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	DEBUG=1 SUIVI_BASE_URL=$${SUIVI_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

# Production: gunicorn behind a reverse proxy (docs/deploy.md). Needs SECRET_KEY,
# ALLOWED_HOSTS, DATABASE_URL, EMAIL_URL and SUIVI_BASE_URL in the environment.
WORKERS ?= 4
serve: $(VENV)/.installed
	DJANGO_ENV=$${DJANGO_ENV:-production} $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_ENV=$${DJANGO_ENV:-production} $(PY) manage.py migrate --noinput
	DJANGO_ENV=$${DJANGO_ENV:-production} $(PY) manage.py ensure_roles
	DJANGO_ENV=$${DJANGO_ENV:-production} $(VENV)/bin/gunicorn tracker.project.wsgi \
	  --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --no-control-socket \
	  --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

test: $(VENV)/.installed lint typecheck
	$(PY) -m pytest -m "not browser" -n 2

test-browser: $(VENV)/.installed
	$(PY) -m pytest -m browser

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy .

corpus: $(VENV)/.installed
	$(PY) bench/corpus.py

# Every page beside the admin's changelist and its bare query, on 2,000 texts
# and on a tenth of them (manage.py generate_load fills both databases once):
# a table, and bench/results.json. PostgreSQL unless DATABASE_URL says otherwise.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/suivi_bench
bench: $(VENV)/.installed
	DATABASE_URL=$${DATABASE_URL:-$(BENCH_DATABASE_URL)} $(PY) bench/pages.py

# Time and peak memory of the CSV and XLSX downloads of 20,000 follow-ups.
bench-exports: $(VENV)/.installed
	$(PY) bench/exports.py --rows 20000

# 20 signed-in editors on the dashboard and the follow-up list for 60 s, served by
# gunicorn (4 workers) on loopback: requests/s, median and p95 per page (docs/load.md).
load: $(VENV)/.installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/suivi_bench} $(PY) bench/load.py

messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages --locale fr --ignore '.venv/*' --ignore 'var/*'
	DEBUG=1 $(PY) manage.py compilemessages --locale fr --ignore '.venv/*'

clean:
	rm -rf $(VENV) var

# Two commands for a fresh machine: `make run` and `make test` (see README.md).

PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$HOME/.pyenv/versions/3.1[234]*/bin/python3 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format clean browser serve bench worker vendor

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Alliance needs Python 3.12 or newer (Django 6)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 $(MANAGE) migrate --no-input
	DEBUG=1 $(MANAGE) seed --address http://$(HOST):$(PORT)
	@echo "Alliance at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/en/admin/)"
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# The background worker that sends registration e-mails from the database queue
# (django-tasks-db); run it beside `make run`. Failed sends are retried with backoff.
worker: install
	DEBUG=1 $(MANAGE) db_worker --queue-name '*'

# The production stack, natively: gunicorn and the background worker against local
# PostgreSQL and Redis (DATABASE_URL, REDIS_URL; SECRET_KEY required). See README.md.
serve: install
	HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

# Load test of the production stack, with the trivial Django and nginx floors in the
# same run (about 20 minutes; BENCH_ARGS=--quick for 2-second runs): results in
# bench/RESULTS.md. wrk and nginx come from Debian; as root, the bench installs them
# when missing (nginx: bench/static_path.py).
bench: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; \
		else echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; fi; \
	fi
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The browser tests drive Debian's Chromium (never `playwright install`) and inject
# axe-core from npm; node runs ical.js (npm) over the calendar feeds; Redocly CLI (npm) lints the OpenAPI document; xmllint checks schedule.xml; Debian's nginx serves the published site (tests/test_nginx.py); gettext's xgettext reads the strings
# of the code for tests/test_translations.py. Without them those tests skip,
# saying why (fail under CI).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && apt-get install -y -qq chromium || echo "Could not install chromium: browser tests will skip."; \
	fi
	@if ! command -v xmllint >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get install -y -qq libxml2-utils || { apt-get update -qq && apt-get install -y -qq libxml2-utils; } \
			|| echo "Could not install xmllint: its schedule.xml check will skip."; \
	fi
	@if [ ! -x /usr/sbin/nginx ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static || { apt-get update -qq && apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static; } \
			|| echo "Could not install nginx: the test of deploy/nginx.conf will skip."; \
	fi
	@if ! command -v xgettext >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get install -y -qq gettext || { apt-get update -qq && apt-get install -y -qq gettext; } \
			|| echo "Could not install gettext: the check that the catalogs are current will skip."; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/ical.js/package.json ] || [ ! -x node_modules/.bin/redocly ] || [ ! -f node_modules/jsqr/dist/jsQR.js ]; then \
		if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund || echo "npm install failed: accessibility checks will skip."; \
		else echo "npm not found: accessibility checks will skip."; fi; \
	fi
	@$(MAKE) --no-print-directory vendor

# JavaScript from npm that pages use, copied into the static files (never a CDN):
# jsQR, the check-in page's QR decoder where the browser has no BarcodeDetector.
# The copy is committed, so a deploy needs no npm; this refreshes it.
vendor:
	@if [ -f node_modules/jsqr/dist/jsQR.js ]; then \
		mkdir -p registration/static/registration/vendor; \
		cp node_modules/jsqr/dist/jsQR.js registration/static/registration/vendor/jsQR.js; \
		cp node_modules/jsqr/LICENSE registration/static/registration/vendor/jsQR.LICENSE; \
	fi

test: install browser
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts

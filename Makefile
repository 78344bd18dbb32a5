# aduan — the commands a new user and CI need. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean

install: $(STAMP)

# Reinstall only when the dependency list changes; the package itself is editable.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/aduan demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/router.py
	$(BIN)/python bench/labels.py
	$(BIN)/python bench/routing.py
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/retrain.py

clean:
	rm -rf $(VENV) var build *.egg-info

# Run `make help` for the list of targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2

.DEFAULT_GOAL := help

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@echo "Setting up $(VENV) with $(PYTHON) (pinned versions from requirements.lock)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)"
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv with pinned dependencies and a python3 kernel

reports: $(STAMP) ## Build every scheduled report into reports/
	$(BIN)/python -m analysis run --jobs $(JOBS)

test: $(STAMP) ## Run the whole test suite (unit, notebooks, end to end)
	$(BIN)/python -m pytest -q
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks/
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval tests/notebooks/ \
		--nbval-sanitize-with tests/notebooks/sanitize.cfg

lint: $(STAMP) ## Check style with ruff (code and notebooks)
	$(BIN)/ruff check analysis tests benchmarks notebooks

lab: $(STAMP) ## Open JupyterLab in the project's environment
	$(BIN)/jupyter lab notebooks/

list: $(STAMP) ## List notebooks, parameters and scenarios
	$(BIN)/python -m analysis list

bench: $(STAMP) ## Run the benchmark scripts and print their results
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lock: $(STAMP) ## Re-pin requirements.lock from the current environment
	{ echo "# Pinned versions of every package the project installs (Python 3.11)."; \
	  echo "# Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean: ## Remove the environment (reports are kept)
	rm -rf $(VENV)

.PHONY: help setup reports test lint lab list bench lock clean

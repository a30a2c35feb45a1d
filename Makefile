# Run `make help` for the list of targets.
SHELL := /bin/bash
# The first Python 3.11 on PATH that can create a virtual environment (has venv + ensurepip).
PYTHON ?= $(shell for p in python3.11 python3; do command -v $$p >/dev/null 2>&1 && \
	$$p -c 'import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 11))' \
	2>/dev/null && command -v $$p && break; done)
# The environment: VENV=/path, else an active conda environment other than base
# (conda activate analysis; environment.yml), else .venv in the project.
VENV ?= $(if $(filter-out base,$(CONDA_DEFAULT_ENV)),$(CONDA_PREFIX),.venv)
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2

.DEFAULT_GOAL := help

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
	  if [ -z "$(PYTHON)" ]; then \
	    echo "No Python 3.11 with the venv module on PATH (Debian/Ubuntu: apt-get install python3.11-venv; or set PYTHON=/path/to/python3.11)." >&2; \
	    exit 1; \
	  fi; \
	  echo "Creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	fi
	@echo "Installing pinned dependencies from requirements.lock into $(VENV)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)"
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv with pinned dependencies and a python3 kernel

reports: $(STAMP) ## Build every scheduled report, bokmål and nynorsk, into reports/ (ARGS=--changed, --pdf, ...)
	$(BIN)/python -m analysis run --jobs $(JOBS) --language nb,nn $(ARGS)

# Two tiers (README, "Tests"): `make test` before every commit, `make test-all` in CI.
PYTEST_WORKERS ?= 2
GOLDEN = $(BIN)/python -m pytest -q -p no:cacheprovider --nbval tests/notebooks/ \
		--nbval-sanitize-with tests/notebooks/sanitize.cfg

test: $(STAMP) ## Fast tier: unit, property, contract tests, one schedule build, samples of pages and exports
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) -m "not full"
	$(GOLDEN)

test-all: $(STAMP) ## Everything: also every page in the browser at both widths, every export, notebook smoke runs
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS)
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks/
	$(GOLDEN)

lint: $(STAMP) ## Check style with ruff (code and notebooks)
	$(BIN)/ruff check analysis tests benchmarks notebooks

catalogs: $(STAMP) ## Extract report text and update the language catalogs (analysis/locale/)
	$(BIN)/python -m analysis catalogs

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


.PHONY: help setup reports test test-all lint lab list bench lock clean catalogs

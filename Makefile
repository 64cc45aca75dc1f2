# The front door: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help test report check environment clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

test: $(STAMP) ## create .venv from the lock file and run the whole test suite
	$(BIN)/python -m pytest

report: $(STAMP) ## create .venv and check the data (reports come with the reports issue)
	$(BIN)/dantoc check

environment: $(STAMP) ## rewrite environment.yml from requirements.lock (conda users)
	$(BIN)/python -m dantoc_analysis.environment > environment.yml

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) reports .pytest_cache

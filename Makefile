# The front door: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Some machines set PYTHONDONTWRITEBYTECODE; then every kernel of every report compiles pandas and
# matplotlib again (a fresh clone's `make report`: 21 s of reports instead of 13). The venv and the
# package's __pycache__ are ours to write (git-ignored), and compiling lazily beats uv's
# --compile-bytecode, which compiles every installed file up front.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help test report check environment browser clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# uv installs the lock in seconds where pip takes minutes; pip fetches uv itself from PyPI, at the
# version the lock pins, so nothing beyond python3 and make is needed.
UV_PIN := $(shell grep -i '^uv==' requirements.lock)
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV_PIN)
	$(UV) -r requirements.lock
	$(UV) --no-deps -e .
	touch $(STAMP)

test: $(STAMP) browser ## create .venv from the lock file and run the whole test suite
	$(BIN)/python -m pytest

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser: ## install Debian's chromium if missing (needs root and apt-get)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped (CI installs it)"; fi; \
	fi

report: $(STAMP) ## create .venv, run every report notebook, write reports/index.html
	$(BIN)/dantoc report --all

environment: $(STAMP) ## rewrite environment.yml from requirements.lock (conda users)
	$(BIN)/python -m dantoc_analysis.environment > environment.yml

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) reports .pytest_cache

# Every target creates .venv on first use, so a fresh clone needs only Python 3.11+ and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test check bench docs clean

$(BIN)/python:
	@echo "==> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "==> installing partreg into $(VENV)"
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "==> installing partreg and its development tools into $(VENV)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

demo: $(STAMP)
	@echo "==> validating the bundled Middlesbrough register (register/)"
	$(BIN)/partreg validate --root .
	@echo "==> the committee's table for 2023, as in the paper of 14 December 2023"
	$(BIN)/partreg status --root . --year 2023 --today 2023-12-14
	@echo "==> the annual assurance report for the Audit Committee, as Word, HTML and Markdown (build/demo/)"
	@mkdir -p build/demo
	for format in docx html md; do \
		$(BIN)/partreg report --root . --year 2023 --today 2023-12-14 --format $$format \
			--output build/demo/assurance-2023.$$format --force || exit 1; \
	done

check: $(DEV_STAMP)
	@echo "==> ruff"
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	@echo "==> mypy --strict"
	$(BIN)/mypy
	@echo "==> docs are current"
	$(BIN)/python scripts/gen_docs.py --check

test: check
	@echo "==> pytest"
	$(BIN)/python -m pytest

bench: $(STAMP)
	@echo "==> benchmark: 5,000 partnerships"
	$(BIN)/python bench/run.py --partnerships 5000
	@echo "==> benchmark: spreadsheet export and import of 5,000 partnerships"
	$(BIN)/python bench/import_export.py --partnerships 5000

docs: $(DEV_STAMP)
	@echo "==> regenerating docs/cli.md and docs/rules.md"
	$(BIN)/python scripts/gen_docs.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# Two commands on a fresh machine with Python 3.11 and make: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# .installed: everything (running, tests, notebooks) for make test and make install;
# .installed-run: only what running needs, for make run.
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench install chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

install: $(STAMP)

# The review pages' browser test drives Debian's chromium; installed here when missing (as root or with sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium missing: installing Debian's chromium package for the browser tests"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

run: $(RUN_STAMP)
	$(BIN)/vnie run corpus/ --out outputs/ --review
	@echo "Tables: outputs/<table>/ (Parquet; pandas.read_parquet('outputs/officials')). Runs: $(BIN)/vnie status"
	@echo "Review every extracted fact in its sentence: open outputs/review/index.html in a browser"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

bench: $(RUN_STAMP)
	$(BIN)/python -m pipeline.bench

clean:
	rm -rf $(VENV)
	find outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

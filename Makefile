# twbio: two commands do everything on a fresh machine with Python 3.11 and make.
#   make run   - create the virtualenv, install, full refresh of warehouse/inbox/ into warehouse/twbio.duckdb
#   make test  - install if needed and run the test suite

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install bench dev clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/twbio refresh

# one worker per core; a file's tests stay on one worker (they share module fixtures)
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/extraction.py --reports ../shared/corpus --icdar ../shared/benchmarks/icdar2013
	$(BIN)/python bench/refresh.py

# the Dagster UI and daemon on the warehouse's own instance (warehouse/.dagster): every
# refresh, from `make run`, a sensor or the schedule, is a run there
dev: $(STAMP)
	$(BIN)/twbio dev

clean:
	rm -rf warehouse/twbio.duckdb warehouse/.staging warehouse/extracted warehouse/quarantine warehouse/exports \
	       warehouse/quality warehouse/docs warehouse/site warehouse/site.new warehouse/site.old \
	       warehouse/last_refresh.json warehouse/.dagster warehouse/.dbt dbt_project/target dbt_project/logs

# policykg — the README's two commands are `make demo` and `make test`.
# Both run in the project's own virtual environment, .venv, made on first use: Debian's system Python refuses
# `pip install` outside one (PEP 668), and a venv keeps the user's other projects untouched.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP_FLAGS ?= -q --disable-pip-version-check

.PHONY: install demo test lint notebooks neo4j-start neo4j-stop bench

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: could not create $(VENV) with $(PYTHON) (on Debian: apt-get install python3-venv)" >&2; exit 1; }

# Installed again only when pyproject.toml changes; one stamp per set of extras.
$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[$*]'
	@touch $@

install: $(VENV)/.installed-test

# corpus → graph (embedded networkx) → out/graph.{json,graphml,gexf}, out/*.html and the table of shared measures
demo: install
	$(BIN)/policykg build corpus/ -o out/

lint: install
	$(BIN)/ruff check .

# ruff, then the whole suite.  Outside CI, only tests needing Neo4j (Java, Maven), chromium or ../shared skip,
# each with its reason (-rs lists them); CI=true makes them fail instead.  The Neo4j tests start a server of
# their own: the bundled one and its data are never touched.
test: lint
	$(BIN)/python -m pytest -q -rs

# Jupyter in the same venv, opened on notebooks/
notebooks: install $(VENV)/.installed-notebooks
	$(BIN)/jupyter lab notebooks/

neo4j-start: install
	$(BIN)/policykg neo4j start

neo4j-stop: install
	$(BIN)/policykg neo4j stop

bench: install
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/query_bench.py
	$(BIN)/python bench/hostile_bench.py
	$(BIN)/python bench/page_bench.py
	$(BIN)/python bench/scale_bench.py

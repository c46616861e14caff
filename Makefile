# policykg — the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
PIP_FLAGS ?= -q --disable-pip-version-check

.PHONY: install demo test lint neo4j-start neo4j-stop bench

install:
	$(PYTHON) -m pip install $(PIP_FLAGS) -e '.[test]'

# corpus → graph (embedded networkx) → out/graph.{json,graphml,gexf}, out/*.html and the table of shared measures
demo: install
	policykg build corpus/ -o out/

lint:
	ruff check .

# ruff, then the whole suite; Neo4j and browser tests skip on a machine without them (CI=true makes them fail instead)
test: install lint
	$(PYTHON) -m pytest -q -rs

neo4j-start: install
	policykg neo4j start

neo4j-stop:
	policykg neo4j stop

bench: install
	$(PYTHON) bench/extract_bench.py
	$(PYTHON) bench/load_bench.py
	$(PYTHON) bench/query_bench.py
	$(PYTHON) bench/hostile_bench.py
	$(PYTHON) bench/page_bench.py
	$(PYTHON) bench/scale_bench.py

"""The floors of the package, read from its source: what may import what.

Data flows one way — read → clean → outline → names → graph → queries → CLI — over a ground floor (model,
schema, errors, names, records) that imports nothing else of policykg.  Imports inside functions count: a
lazy import is still a dependency.
"""

from __future__ import annotations

import ast

import pytest
from builders import package_modules

MODULES = package_modules()
FLOOR = {"policykg", "policykg.model", "policykg.schema", "policykg.errors", "policykg.names", "policykg.records"}
CLI = {"policykg.cli", "policykg.commands", "policykg.__main__"}
# What a reader of an input format may use besides the floor and the other readers: the data files and the
# character tables.  Never a recognizer (duties, institutions, measures, areas, structure …).
READER_MAY_USE = {"policykg.extract", "policykg.extract.lexicon", "policykg.extract.ideographs"}


def _imports(name: str) -> set[str]:
    """The policykg modules ``name`` imports (a ``from package import submodule`` names the submodule)."""
    tree = ast.parse(MODULES[name].read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & MODULES.keys()
    return {m for m in found if m == "policykg" or m.startswith("policykg.")}


GRAPH = {name: _imports(name) for name in MODULES}


def _offenders(sources: set[str], forbidden) -> list[str]:
    return sorted(f"{s} imports {t}" for s in sources for t in GRAPH[s] if forbidden(t))


def test_the_import_graph_is_read_from_the_source():
    """Kind: guard of the guard.  The parser sees real edges, so an empty list below means something."""
    assert "policykg.extract.pipeline" in GRAPH["policykg.cli"] | GRAPH.get("policykg.commands", set())
    assert "policykg.model" in GRAPH["policykg.graph.build"]
    assert len(MODULES) > 40


def test_the_ground_floor_imports_nothing_above_it():
    assert _offenders(FLOOR & MODULES.keys(), lambda t: t not in FLOOR) == []


def test_extract_never_imports_graph_queries_or_the_cli():
    extract = {m for m in MODULES if m.startswith("policykg.extract")}
    assert _offenders(extract, lambda t: t.startswith(("policykg.graph", "policykg.queries")) or t in CLI) == []


def test_graph_never_imports_queries():
    graph = {m for m in MODULES if m.startswith("policykg.graph")}
    assert _offenders(graph, lambda t: t.startswith("policykg.queries") or t in CLI) == []


def test_nothing_imports_the_cli():
    assert _offenders(MODULES.keys() - CLI, lambda t: t in CLI) == []


@pytest.mark.parametrize("reader", sorted(m for m in MODULES if m.startswith("policykg.extract.readers")))
def test_readers_import_no_recognizer(reader):
    allowed = FLOOR | READER_MAY_USE
    assert _offenders({reader}, lambda t: t not in allowed and not t.startswith("policykg.extract.readers")) == []

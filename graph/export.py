"""Write and read the embedded graph: node-link JSON (policykg's own format), GraphML and GEXF."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from policykg.errors import InputError
from policykg.graph.formats import Element, Gexf, GraphML
from policykg.records import strict_json
from policykg.schema import AREA, DOCUMENT, INSTITUTION, LABELS, MEASURE, REL_TYPES, RESPONSIBLE_FOR, ROLE_RANK

# What every query and page reads of a node without checking: a graph.json lacking one of these (hand-edited,
# written by another tool) is refused when it is read, not met as a KeyError half-way through a query.
_REQUIRED: dict[str, tuple[str, ...]] = {
    DOCUMENT: ("source",), INSTITUTION: ("name",), AREA: ("name", "document"),
    MEASURE: ("text", "document"),
}


def write_node_link(g: nx.DiGraph, path: Path) -> None:
    data = nx.node_link_data(g, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_node_link(path: Path) -> nx.DiGraph:
    """The graph write_node_link wrote; InputError naming the file when it is not one (truncated, hand-edited,
    nodes or relationships lacking what the queries read)."""
    try:
        data = strict_json(Path(path).read_text(encoding="utf-8"))
        g = nx.node_link_graph(data, directed=True, multigraph=False, edges="edges")
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:  # ValueError: JSON, UTF-8
        raise InputError(path, f"not a policykg graph (node-link JSON): {type(exc).__name__}: {exc}") from None
    problem = _schema_problem(g)
    if problem:
        raise InputError(path, f"not a policykg graph: {problem}")
    return g


def _schema_problem(g: nx.DiGraph) -> str | None:
    """The first node or relationship that lacks what build_graph always writes, described in one line."""
    for n, d in g.nodes(data=True):
        label = d.get("label")
        if label not in LABELS:
            return f"node {n!r} has no known label ({label!r})"
        missing = [k for k in _REQUIRED[label] if not isinstance(d.get(k), str)]
        if missing:
            return f"{label} node {n!r} lacks {', '.join(missing)}"
        if "document" in _REQUIRED[label] and g.nodes.get(d["document"], {}).get("label") != DOCUMENT:
            return f"{label} node {n!r} names document {d['document']!r}, which is not in the graph"
    for a, b, d in g.edges(data=True):
        if d.get("type") not in REL_TYPES:
            return f"relationship {a!r} → {b!r} has no known type ({d.get('type')!r})"
        if d["type"] == RESPONSIBLE_FOR and d.get("role") not in ROLE_RANK:
            return f"RESPONSIBLE_FOR {a!r} → {b!r} has no known role ({d.get('role')!r})"
    return None


def _write(fmt: GraphML | Gexf, g: nx.DiGraph, path: Path) -> None:
    """A graph held in memory through the same element writers the streaming build uses (graph/stream.py)."""
    with Path(path).open("w", encoding="utf-8") as out:
        out.write(fmt.header)
        for n, d in g.nodes(data=True):
            out.write(fmt.node(Element(n, d)))
        out.write(fmt.nodes_end)
        for number, (u, v, d) in enumerate(g.edges(data=True)):
            out.write(fmt.edge(Element(u, d, v, number)))
        out.write(fmt.footer)


def write_graphml(g: nx.DiGraph, path: Path) -> None:
    """GraphML as Gephi, igraph and R read it (graph/formats.py Element.xml)."""
    _write(GraphML(), g, path)


def write_gexf(g: nx.DiGraph, path: Path) -> None:
    """GEXF 1.2 as Gephi reads it (graph/formats.py Element.xml)."""
    _write(Gexf(), g, path)

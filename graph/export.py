"""Write and read the embedded graph: node-link JSON (policykg's own format), GraphML and GEXF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import InputError
from policykg.extract.readers.chars import clean_chars
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


def _xml_value(value: Any) -> Any:
    """A value GraphML and GEXF can hold: lists (institution aliases) become '|'-joined strings, and text
    loses the characters XML 1.0 forbids (the reader strips them already; graphs from elsewhere may not)."""
    if isinstance(value, (list, tuple)):
        value = "|".join(map(str, value))
    return clean_chars(value) if isinstance(value, str) else value


def _gephi_copy(g: nx.DiGraph) -> nx.DiGraph:
    """The graph as GraphML and GEXF readers (Gephi, igraph, R) want it.

    Both formats hold XML-safe scalars only (``_xml_value``).  The node's kind (Document, Area, Measure,
    Institution) goes into an ordinary ``type`` attribute and ``label`` becomes the caption Gephi shows
    (name, title or the first 30 characters of a measure).  The relationship goes into ``relation``,
    because GEXF reserves an edge's ``type`` for directed/undirected and Gephi could not filter HAS_MEASURE
    from RESPONSIBLE_FOR by it; ``role`` stays as it is.
    """
    h = nx.DiGraph()
    for n, d in g.nodes(data=True):
        props = {k: _xml_value(v) for k, v in d.items()}
        props["type"] = props.pop("label")
        props["label"] = props.get("name") or props.get("title") or props.get("text", _xml_value(n))[:30]
        h.add_node(_xml_value(n), **props)
    for u, v, d in g.edges(data=True):
        props = {k: _xml_value(val) for k, val in d.items()}
        props["relation"] = props.pop("type")
        h.add_edge(_xml_value(u), _xml_value(v), **props)
    return h


def write_graphml(g: nx.DiGraph, path: Path) -> None:
    nx.write_graphml(_gephi_copy(g), path, encoding="utf-8")


def write_gexf(g: nx.DiGraph, path: Path) -> None:
    nx.write_gexf(_gephi_copy(g), path, encoding="utf-8")

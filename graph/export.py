"""Write and read the embedded graph: node-link JSON (policykg's own format), GraphML and GEXF."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from extract.errors import InputError


def write_node_link(g: nx.DiGraph, path: Path) -> None:
    data = nx.node_link_data(g, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_node_link(path: Path) -> nx.DiGraph:
    """The graph write_node_link wrote; InputError naming the file when it is not one (truncated, hand-edited)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=False, edges="edges")
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:  # ValueError: JSON, UTF-8
        raise InputError(path, f"not a policykg graph (node-link JSON): {type(exc).__name__}: {exc}") from None


def _gephi_copy(g: nx.DiGraph) -> nx.DiGraph:
    """The graph as GraphML and GEXF readers (Gephi, igraph, R) want it.

    Both formats hold scalars only, so lists (institution aliases) become '|'-joined strings.  The node's
    kind (Document, Area, Measure, Institution) goes into an ordinary ``type`` attribute and ``label``
    becomes the caption Gephi shows (name, title or the first 30 characters of a measure).  The
    relationship goes into ``relation``, because GEXF reserves an edge's ``type`` for directed/undirected
    and Gephi could not filter HAS_MEASURE from RESPONSIBLE_FOR by it; ``role`` stays as it is.
    """
    h = nx.DiGraph()
    for n, d in g.nodes(data=True):
        props = {k: "|".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in d.items()}
        props["type"] = props.pop("label")
        props["label"] = d.get("name") or d.get("title") or d.get("text", n)[:30]
        h.add_node(n, **props)
    for u, v, d in g.edges(data=True):
        props = dict(d)
        props["relation"] = props.pop("type")
        h.add_edge(u, v, **props)
    return h


def write_graphml(g: nx.DiGraph, path: Path) -> None:
    nx.write_graphml(_gephi_copy(g), path, encoding="utf-8")


def write_gexf(g: nx.DiGraph, path: Path) -> None:
    nx.write_gexf(_gephi_copy(g), path, encoding="utf-8")

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


def _scalar_copy(g: nx.DiGraph) -> nx.DiGraph:
    """GraphML and GEXF hold scalars only: lists (institution aliases) become '|'-joined strings."""
    h = g.copy()
    for _, d in h.nodes(data=True):
        for k, v in list(d.items()):
            if isinstance(v, (list, tuple)):
                d[k] = "|".join(map(str, v))
    return h


def write_graphml(g: nx.DiGraph, path: Path) -> None:
    nx.write_graphml(_scalar_copy(g), path, encoding="utf-8")


def write_gexf(g: nx.DiGraph, path: Path) -> None:
    h = _scalar_copy(g)
    for n, d in h.nodes(data=True):  # Gephi shows the 'label' attribute as the node caption
        d["kind_label"] = d["label"]
        d["label"] = d.get("name") or d.get("title") or d.get("text", n)[:30]
    nx.write_gexf(h, path, encoding="utf-8")

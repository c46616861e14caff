"""Nodes by label (and areas by name), computed once per embedded graph instead of once per query.

Scanning every node of a large graph for each question costs more than linear time in practice (the
node dicts stop fitting in the CPU caches), and most questions need one label only.  The index is kept
per graph object (weakly, so graphs are still freed) and rebuilt if nodes were added or removed since
(number_of_nodes is O(1); number_of_edges would cost a full pass).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import Any

import networkx as nx

Node = tuple[str, dict[str, Any]]


class _Index:
    def __init__(self, g: nx.DiGraph) -> None:
        self.size = g.number_of_nodes()
        by_label: dict[str, list[Node]] = defaultdict(list)
        for n, d in g.nodes(data=True):
            by_label[d.get("label")].append((n, d))
        self.by_label = dict(by_label)
        areas: dict[str, list[str]] = defaultdict(list)
        for n, d in self.by_label.get("Area", []):
            areas[d["name"]].append(n)
        self.areas_by_name = dict(areas)


_INDEX: weakref.WeakKeyDictionary[nx.DiGraph, _Index] = weakref.WeakKeyDictionary()


def _index(g: nx.DiGraph) -> _Index:
    held = _INDEX.get(g)
    if held is None or held.size != g.number_of_nodes():
        held = _INDEX[g] = _Index(g)
    return held


def nodes_with_label(g: nx.DiGraph, label: str) -> list[Node]:
    """(node id, attribute dict) of every node with this label."""
    return _index(g).by_label.get(label, [])


def areas_by_name(g: nx.DiGraph) -> dict[str, list[str]]:
    """Area node ids per area name (one name may head areas in several documents)."""
    return _index(g).areas_by_name

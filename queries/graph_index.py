"""Nodes by label, computed once per embedded graph instead of once per query.

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
_INDEX: weakref.WeakKeyDictionary[nx.DiGraph, tuple[int, dict[str, list[Node]]]] = weakref.WeakKeyDictionary()


def nodes_with_label(g: nx.DiGraph, label: str) -> list[Node]:
    """(node id, attribute dict) of every node with this label."""
    size = g.number_of_nodes()
    held = _INDEX.get(g)
    if held is None or held[0] != size:
        index: dict[str, list[Node]] = defaultdict(list)
        for n, d in g.nodes(data=True):
            index[d.get("label")].append((n, d))
        held = _INDEX[g] = (size, dict(index))
    return held[1].get(label, [])

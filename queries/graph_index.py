"""Nodes by label, areas by name and the measure texts, computed once per embedded graph, not per query.

Scanning every node of a large graph for each question costs more than linear time in practice (the
node dicts stop fitting in the CPU caches), and most questions need one label only.  The index is kept
per graph object (weakly, so graphs are still freed) and rebuilt if nodes were added or removed since
(number_of_nodes is O(1); number_of_edges would cost a full pass).  The measure texts are also kept as
one string, so a substring search is one C-level scan of contiguous memory instead of a Python loop
over tens of thousands of scattered dicts.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import networkx as nx

from policykg.schema import AREA, MEASURE

Node = tuple[str, dict[str, Any]]
T = TypeVar("T")
SEPARATOR = "\x00"  # never in a measure text (the reader rejects binary input)


@dataclass(frozen=True)
class MeasureTexts:
    """Every measure text joined by SEPARATOR; ``starts[i]`` is where ``nodes[i]``'s text begins."""

    joined: str
    starts: list[int]
    nodes: list[str]

    def containing(self, term: str) -> list[str]:
        """Measures whose text contains ``term`` (which must not contain SEPARATOR), in index order."""
        hits = []
        pos = self.joined.find(term)
        while pos != -1:
            i = bisect_right(self.starts, pos) - 1
            hits.append(self.nodes[i])
            nxt = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.joined)
            pos = self.joined.find(term, nxt)
        return hits


class _Index:
    def __init__(self, g: nx.DiGraph) -> None:
        self.size = g.number_of_nodes()
        by_label: dict[str, list[Node]] = defaultdict(list)
        for n, d in g.nodes(data=True):
            by_label[d.get("label")].append((n, d))
        self.by_label = dict(by_label)
        areas: dict[str, list[str]] = defaultdict(list)
        for n, d in self.by_label.get(AREA, []):
            areas[d["name"]].append(n)
        self.areas_by_name = dict(areas)
        self.derived: dict[str, Any] = {}

    @cached_property
    def measure_texts(self) -> MeasureTexts:
        nodes = self.by_label.get(MEASURE, [])
        starts, at = [], 0
        for _, d in nodes:
            starts.append(at)
            at += len(d["text"]) + 1
        return MeasureTexts(SEPARATOR.join(d["text"] for _, d in nodes), starts, [n for n, _ in nodes])


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


def measures_containing(g: nx.DiGraph, term: str) -> list[str]:
    """Measure node ids whose text contains ``term`` (plain substring test, as ``term in text``)."""
    if SEPARATOR in term:
        return []
    return _index(g).measure_texts.containing(term)


def derived(g: nx.DiGraph, name: str, compute: Callable[[nx.DiGraph], T]) -> T:
    """``compute(g)``, kept with the graph's index under ``name``: a query's own structure, built once per graph."""
    held = _index(g).derived
    if name not in held:
        held[name] = compute(g)
    return held[name]

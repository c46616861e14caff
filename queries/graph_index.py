"""Nodes by label and areas by name, computed once per embedded graph, not per query, and what else a query
derives from the graph (``derived``), such as the measure texts joined for substring search (``JoinedTexts``).

Scanning every node of a large graph for each question costs more than linear time in practice (the
node dicts stop fitting in the CPU caches), and most questions need one label only.  The index is kept
per graph object (weakly, so graphs are still freed) and rebuilt if nodes were added or removed since
(number_of_nodes is O(1); number_of_edges would cost a full pass).  Texts are kept as one string, so a
substring search is one C-level scan of contiguous memory instead of a Python loop over tens of thousands
of scattered dicts.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import networkx as nx

from policykg.schema import AREA

Node = tuple[str, dict[str, Any]]
T = TypeVar("T")
SEPARATOR = "\x00"  # never in a measure text (the reader rejects binary input)


@dataclass(frozen=True)
class JoinedTexts(Generic[T]):
    """Texts joined by SEPARATOR; ``starts[i]`` is where the text of ``items[i]`` begins.

    >>> JoinedTexts.of([("a", "推进就业"), ("b", "稳定物价"), ("c", "就业优先")]).containing("就业")
    ['a', 'c']
    """

    joined: str
    starts: list[int]
    items: list[T]

    @classmethod
    def of(cls, pairs: list[tuple[T, str]]) -> JoinedTexts[T]:
        """From (item, text) pairs, kept in this order; a text must not contain SEPARATOR."""
        starts, at = [], 0
        for _, text in pairs:
            starts.append(at)
            at += len(text) + 1
        return cls(SEPARATOR.join(text for _, text in pairs), starts, [item for item, _ in pairs])

    def containing(self, term: str) -> list[T]:
        """The items whose text contains ``term`` (plain substring test, as ``term in text``), in order."""
        if SEPARATOR in term:
            return []
        hits = []
        pos = self.joined.find(term)
        while pos != -1:
            i = bisect_right(self.starts, pos) - 1
            hits.append(self.items[i])
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


def derived(g: nx.DiGraph, name: str, compute: Callable[[nx.DiGraph], T]) -> T:
    """``compute(g)``, kept with the graph's index under ``name``: a query's own structure, built once per graph."""
    held = _index(g).derived
    if name not in held:
        held[name] = compute(g)
    return held[name]

"""Finding a unit in the embedded graph by its canonical name or any alias (市司法局 → 上海市司法局)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from policykg.names import resolve_unit_name
from policykg.schema import INSTITUTION


def unit_node(institutions: Iterable[tuple[str, dict[str, Any]]], name: str) -> str:
    """Node id of the institution called ``name`` (canonical or alias) among (node id, attributes) pairs.

    Callers pass whatever institution list they hold (every node scanned here, the label index in queries),
    so the name → node step exists once.
    """
    institutions = list(institutions)
    canonical = resolve_unit_name(name, {d["name"]: d.get("aliases", []) for _, d in institutions})
    return next(n for n, d in institutions if d["name"] == canonical)


def resolve_unit(g: nx.DiGraph, name: str) -> str:
    """Node id of the institution called ``name`` (canonical or alias)."""
    return unit_node(((n, d) for n, d in g.nodes(data=True) if d.get("label") == INSTITUTION), name)

"""Finding a unit in the embedded graph by its canonical name or any alias (市司法局 → 上海市司法局)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import networkx as nx

from extract.errors import PolicykgError

# Administrative levels that open a region-less short form: policy texts write 市司法局 for 上海市司法局 and
# 省经信厅 for 浙江省经济和信息化厅, so a name starting with one may stand for a canonical name ending with it.
LEVEL_PREFIXES = ("省", "市", "区", "县", "州")


class UnknownUnitError(PolicykgError):
    """The name matches no institution; the message lists the closest known names."""

    def __init__(self, name: str, known: list[str]) -> None:
        # No cutoff: the user always gets the nearest names to choose from, however far.
        close = difflib.get_close_matches(name, sorted(set(known)), n=5, cutoff=0.0)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        super().__init__(f"unknown unit {name!r}{hint}")


class AmbiguousUnitError(PolicykgError):
    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(f"unit {name!r} is ambiguous: {', '.join(sorted(candidates))}; give the full name")


def resolve_unit_name(name: str, units: dict[str, list[str]]) -> str:
    """Canonical name for ``name`` given {canonical: aliases}.

    Exact canonical name first, then aliases the texts used, then — for a short form such as 市司法局 that a
    text never used — the canonical names it is the regional tail of (上海市司法局).  Several hits are ambiguous.

    Kept free of any backend so that networkx and Neo4j (which passes the same mapping read back from the
    server) resolve names identically.
    """
    if name in units:
        return name
    hits = [canonical for canonical, aliases in units.items() if name in aliases]
    if not hits and name.startswith(LEVEL_PREFIXES):
        hits = [canonical for canonical in units if canonical.endswith(name) and len(canonical) > len(name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousUnitError(name, hits)
    known = list(units) + [a for aliases in units.values() for a in aliases]
    raise UnknownUnitError(name, known)


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
    return unit_node(((n, d) for n, d in g.nodes(data=True) if d.get("label") == "Institution"), name)

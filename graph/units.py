"""Finding a unit in the embedded graph by its canonical name or any alias (市司法局 → 上海市司法局)."""

from __future__ import annotations

import difflib

import networkx as nx

from extract.errors import PolicykgError


class UnknownUnitError(PolicykgError):
    """The name matches no institution; the message lists the closest known names."""

    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=5, cutoff=0.3)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        super().__init__(f"unknown unit {name!r}{hint}")


class AmbiguousUnitError(PolicykgError):
    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(f"unit {name!r} is ambiguous: {', '.join(sorted(candidates))}; give the full name")


def resolve_unit_name(name: str, units: dict[str, list[str]]) -> str:
    """Canonical name for ``name`` given {canonical: aliases}; exact canonical match wins over aliases.

    Kept free of any backend so that networkx and Neo4j (which passes the same mapping read back from the
    server) resolve names identically.
    """
    if name in units:
        return name
    hits = [canonical for canonical, aliases in units.items() if name in aliases]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousUnitError(name, hits)
    known = list(units) + [a for aliases in units.values() for a in aliases]
    raise UnknownUnitError(name, known)


def unit_names(g: nx.DiGraph) -> dict[str, list[str]]:
    return {d["name"]: list(d.get("aliases", [])) for _, d in g.nodes(data=True) if d.get("label") == "Institution"}


def resolve_unit(g: nx.DiGraph, name: str) -> str:
    """Node id of the institution called ``name`` (canonical or alias)."""
    canonical = resolve_unit_name(name, unit_names(g))
    return next(n for n, d in g.nodes(data=True) if d.get("label") == "Institution" and d["name"] == canonical)

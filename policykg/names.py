"""Names the user types — units, areas, documents — resolved to what the graph holds, on any backend.

Kept on the ground floor, free of networkx and Neo4j: each backend passes the candidates it holds, so
市司法局 finds 上海市司法局 on either, and an unknown name fails with the same one-line message.  One
closest-match rule serves every kind of name: the five nearest known names, however far, so the user
always has something to choose from.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from policykg.errors import AmbiguousNameError, UnknownNameError

# Administrative levels that open a region-less short form: policy texts write 市司法局 for 上海市司法局 and
# 省经信厅 for 浙江省经济和信息化厅, so a name starting with one may stand for a canonical name ending with it.
LEVEL_PREFIXES = ("省", "市", "区", "县", "州")


def closest(name: str, known: Iterable[str], n: int = 5) -> list[str]:
    """The ``n`` known names nearest to ``name``, nearest first.

    >>> closest("市司法", ["上海市司法局", "市场监管局", "教育局"], n=2)
    ['上海市司法局', '市场监管局']
    """
    return difflib.get_close_matches(name, sorted(set(known)), n=n, cutoff=0.0)


def unknown(kind: str, name: str, known: Iterable[str]) -> UnknownNameError:
    """The error for a ``kind`` name (unit, area, document) that matches none of ``known``."""
    return UnknownNameError(kind, name, closest(name, known))


def resolve_unit_name(name: str, units: Mapping[str, Iterable[str]]) -> str:
    """Canonical name for ``name`` given {canonical: aliases}.

    Exact canonical name first, then aliases the texts used, then — for a short form such as 市司法局 that a
    text never used — the canonical names it is the regional tail of (上海市司法局).  Several hits are ambiguous.

    >>> resolve_unit_name("市司法局", {"上海市司法局": [], "上海市教育委员会": ["市教委"]})
    '上海市司法局'
    >>> resolve_unit_name("市教委", {"上海市司法局": [], "上海市教育委员会": ["市教委"]})
    '上海市教育委员会'
    """
    if name in units:
        return name
    hits = [canonical for canonical, aliases in units.items() if name in aliases]
    if not hits and name.startswith(LEVEL_PREFIXES):
        hits = [canonical for canonical in units if canonical.endswith(name) and len(canonical) > len(name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousNameError(f"unit {name!r} is ambiguous: {', '.join(sorted(hits))}; give the full name")
    raise unknown("unit", name, [*units, *(a for aliases in units.values() for a in aliases)])


def resolve_area(name: str, areas: Mapping[str, Any]) -> Any:
    """What ``areas`` holds under ``name`` (areas belong to documents, so one name may head several)."""
    if name not in areas:
        raise unknown("area", name, areas)
    return areas[name]


def resolve_document(name: str, docs: Iterable[Mapping[str, Any]]) -> str:
    """Document id for an id, source or title (``docs``: rows with id, source, title).

    >>> resolve_document("b.txt", [{"id": "doc-1", "source": "a.txt"}, {"id": "doc-2", "source": "b.txt"}])
    'doc-2'
    """
    docs = list(docs)
    for key in ("id", "source", "title"):
        hits = sorted({d["id"] for d in docs if d.get(key) == name})
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousNameError(f"document {name!r} is ambiguous ({len(hits)} documents); give its id or source")
    raise unknown("document", name, [d.get("title") or d["source"] for d in docs])

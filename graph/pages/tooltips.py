"""What a page says about a node when the pointer rests on it: the full text and its context, in plain text.

vis-network shows string titles as text, never as HTML, so nothing here is escaped.  graph/ does no text
processing: these are names, measure texts and counts read from the graph.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from policykg.graph.pages.styles import KIND_STYLES, ROLE_NAMES
from policykg.schema import AREA, HAS_MEASURE, INSTITUTION, MEASURE, RESPONSIBLE_FOR, ROLE_RANK, ROLES


def document_name(g: nx.DiGraph, doc_id: str | None) -> str:
    d = g.nodes[doc_id] if doc_id in g else {}
    return d.get("title") or d.get("source") or "—"


def caption(d: dict[str, Any]) -> str:
    """The text a node is known by: name, title, measure text or source, else its id."""
    return d.get("name") or d.get("title") or d.get("text") or d.get("source") or d["id"]


def duties(g: nx.DiGraph, measure: str) -> list[tuple[str, str]]:
    """(unit name, role) of a measure, leads first."""
    rows = [(g.nodes[u]["name"], d["role"]) for u, d in g.pred[measure].items()
            if d.get("type") == RESPONSIBLE_FOR]
    return sorted(rows, key=lambda r: (ROLE_RANK[r[1]], r[0]))


def role_counts(g: nx.DiGraph, unit: str) -> Counter[str]:
    return Counter(d["role"] for d in g.succ[unit].values() if d.get("type") == RESPONSIBLE_FOR)


def degree(g: nx.DiGraph, n: str) -> int:
    """g.degree(n) without building a degree view per call (a third of the page's cost at corpus scale)."""
    return len(g.pred[n]) + len(g.succ[n])


def measure_count(g: nx.DiGraph, n: str) -> int:
    """Measures an area or a document heads (its HAS_MEASURE edges)."""
    return sum(1 for e in g.succ[n].values() if e.get("type") == HAS_MEASURE)


def role_summary(counts: Counter[str]) -> str:
    """Counts per role, strongest first, roles without measures left out.

    >>> role_summary(Counter({"support": 1, "lead": 2}))
    '牵头 2 项 · 配合 1 项'
    """
    return " · ".join(f"{ROLE_NAMES[r]} {counts[r]} 项" for r in ROLES if counts[r])


def _measure_tooltip(g: nx.DiGraph, n: str, d: dict[str, Any]) -> str:
    lines = [f"任务:{d['text']}", f"领域:{d.get('area') or '—'}", f"文件:{document_name(g, d.get('document'))}"]
    if d.get("deadline"):
        lines.append(f"期限:{d['deadline']}")
    held = duties(g, n)
    if held:
        lines.append("单位:" + "、".join(f"{name}({ROLE_NAMES[role]})" for name, role in held))
    return "\n".join(lines)


def _institution_tooltip(g: nx.DiGraph, n: str, d: dict[str, Any]) -> str:
    lines = [f"单位:{d['name']}"]
    if d.get("aliases"):
        lines.append("别名:" + "、".join(d["aliases"]))
    if d.get("kind"):
        lines.append(f"类型:{KIND_STYLES.get(d['kind'], (d['kind'],))[0]}")
    summary = role_summary(role_counts(g, n))
    return "\n".join(lines + ([summary] if summary else []))


def node_tooltip(g: nx.DiGraph, n: str) -> str:
    """Plain text: the full measure text and its context, a unit's aliases and duties, a document's facts."""
    d = g.nodes[n]
    label = d["label"]
    if label == MEASURE:
        return _measure_tooltip(g, n, d)
    if label == INSTITUTION:
        return _institution_tooltip(g, n, d)
    if label == AREA:
        return f"领域:{d['name']}\n文件:{document_name(g, d.get('document'))}\n任务 {measure_count(g, n)} 项"
    lines = [f"文件:{d.get('title') or '—'}", f"来源:{d.get('source', '—')}"]
    lines += [f"{key}:{d[prop]}" for key, prop in (("日期", "date"), ("地区", "region")) if d.get(prop)]
    return "\n".join(lines + [f"任务 {measure_count(g, n)} 项"])

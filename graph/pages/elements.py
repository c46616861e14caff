"""A page as vis-network sees it: node and edge rows with their style, the legends, and seeded positions.

The rows are the JSON handed to vis-network (``id``, ``from``, ``to``, ``color`` … are its names), so they stay
dicts; ``group_key`` is what the legend's checkboxes filter on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from policykg.graph.pages.styles import (
    LABEL_LIMITS,
    NODE_STYLES,
    ROLE_NAMES,
    ROLE_STYLES,
    STRUCTURE_STYLE,
    EdgeStyle,
    short,
    size,
)
from policykg.graph.pages.tooltips import caption, degree, node_tooltip
from policykg.schema import INSTITUTION, RESPONSIBLE_FOR


@dataclass
class Page:
    """One HTML page: vis-network rows plus the legend that doubles as the filter menu."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    node_legend: list[dict[str, Any]]
    edge_legend: list[dict[str, Any]]
    min_shared: bool = False  # show the "at least N shared measures" filter
    note: str = ""  # shown beside the counts (the overview says how to open measures)
    # overview only: the script file of each document's measures, relative to the page (document id → path)
    parts: dict[str, str] | None = None


def edge_style(d: dict[str, Any], roles: dict[str, EdgeStyle] = ROLE_STYLES) -> tuple[str, EdgeStyle]:
    """The legend key and style of a graph edge: its role for a duty, else the one structure style."""
    if d.get("type") == RESPONSIBLE_FOR:
        return d["role"], roles[d["role"]]
    return "structure", STRUCTURE_STYLE


def node_legend(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    present = Counter(n["group_key"] for n in nodes)
    return [{"key": key, "name": s.name, "color": s.color, "glyph": s.glyph, "count": present[key]}
            for key, s in NODE_STYLES.items() if present[key]]


def edge_legend(edges: list[dict[str, Any]], styles: dict[str, EdgeStyle]) -> list[dict[str, Any]]:
    present = Counter(e["group_key"] for e in edges)
    return [{"key": key, "name": s.name, "color": s.color, "width": s.width,
             "dash": " ".join(map(str, s.dashes)) if s.dashes else "", "count": present[key]}
            for key, s in styles.items() if present[key]]


def node_row(g: nx.DiGraph, n: str, tooltip: str | None = None) -> dict[str, Any]:
    d = g.nodes[n]
    style = NODE_STYLES[d["label"]]
    return {"id": n, "label": short(caption(d), LABEL_LIMITS[d["label"]]),
            "title": node_tooltip(g, n) if tooltip is None else tooltip,
            "group_key": d["label"], "shape": style.shape, "color": style.color, "size": size(degree(g, n))}


def edge_row(g: nx.DiGraph, u: str, v: str, d: dict[str, Any], edge_id: str, seeded: bool,
             roles: dict[str, EdgeStyle] = ROLE_STYLES) -> dict[str, Any]:
    key, style = edge_style(d, roles)
    row = {"id": edge_id, "from": u, "to": v, "group_key": key, "color": style.color, "width": style.width,
           "dashes": style.dashes}
    if seeded and key == "structure":
        row["physics"] = False
    if d.get("type") == RESPONSIBLE_FOR:
        row["title"] = f"{g.nodes[u]['name']} {ROLE_NAMES[d['role']]}\n{g.nodes[v]['text']}"
    return row


def place(rows: list[dict[str, Any]], g: nx.DiGraph, pos: dict[str, tuple[float, float]]) -> None:
    """Seed positions; the hierarchy is held still, physics only moves the linked units."""
    for row in rows:
        row["x"], row["y"] = (round(c, 1) for c in pos[row["id"]])
        if row["group_key"] != INSTITUTION or degree(g, row["id"]) == 0:
            row["physics"] = False

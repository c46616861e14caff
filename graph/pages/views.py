"""The pages drawn from the whole graph or part of it: every node and edge, and the co-responsibility network.

A unit's own page is the whole-graph page of its neighbourhood with the unit emphasised.
"""

from __future__ import annotations

import networkx as nx

from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.pages.elements import Page, edge_legend, edge_row, node_legend, node_row, place
from policykg.graph.pages.layout import seed_layout
from policykg.graph.pages.render import IMPROVED_LAYOUT_MAX_NODES
from policykg.graph.pages.styles import (
    LABEL_LIMITS,
    NODE_STYLES,
    ROLE_STYLES,
    SHARED_STYLE,
    STRUCTURE_STYLE,
    UNKNOWN_KIND,
    kind_styles,
    short,
    size,
)
from policykg.graph.pages.tooltips import node_tooltip
from policykg.schema import HAS_MEASURE, INSTITUTION, RESPONSIBLE_FOR

TOOLTIP_MAX_MEASURES = 12


def graph_page(g: nx.DiGraph, title: str, focus: str | None = None) -> Page:
    """Every node and edge of ``g``, styled by node type and duty role; ``focus`` is drawn emphasised."""
    nodes = []
    for n in g:
        row = node_row(g, n)
        if n == focus:
            style = NODE_STYLES[g.nodes[n]["label"]]
            row.update(size=max(row["size"], 30), borderWidth=4, color={"background": style.color,
                                                                          "border": "#000000"},
                       font={"size": 20, "bold": True})
        nodes.append(row)
    seeded = len(nodes) > IMPROVED_LAYOUT_MAX_NODES
    if seeded:  # the hierarchy stays where seed_layout puts it; physics only moves the linked units
        place(nodes, g, seed_layout(g))
    edges = [edge_row(g, u, v, d, f"e{i}", seeded) for i, (u, v, d) in enumerate(g.edges(data=True))]
    styles = {**ROLE_STYLES, "structure": STRUCTURE_STYLE}
    return Page(title, nodes, edges, node_legend(nodes), edge_legend(edges, styles))


def _shared_tooltip(g: nx.DiGraph, p: nx.Graph, u: str, v: str, weight: int, measures: list[str]) -> str:
    """The pair and the measures they share, the first TOOLTIP_MAX_MEASURES of them in full."""
    texts = [g.nodes[m]["text"] for m in measures]
    lines = [f"{p.nodes[u]['name']} — {p.nodes[v]['name']}", f"共同任务 {weight} 项:"]
    lines += [f"{k}. {t}" for k, t in enumerate(texts[:TOOLTIP_MAX_MEASURES], 1)]
    if weight > TOOLTIP_MAX_MEASURES:
        lines.append(f"…另有 {weight - TOOLTIP_MAX_MEASURES} 项")
    return "\n".join(lines)


def coresponsibility_page(g: nx.DiGraph, title: str) -> Page:
    """Units as nodes coloured by kind; edge width = number of shared measures, tooltip listing them."""
    p = coresponsibility_network(g)
    kinds = kind_styles({g.nodes[n].get("kind") for n in p})
    shape = NODE_STYLES[INSTITUTION].shape
    nodes = []
    for n in p:
        d = g.nodes[n]
        kind = d.get("kind") or UNKNOWN_KIND
        partners = p.degree(n)
        tooltip = node_tooltip(g, n) + f"\n与 {partners} 个单位有共同任务"
        nodes.append({"id": n, "label": short(d["name"], LABEL_LIMITS[INSTITUTION]), "title": tooltip,
                      "group_key": kind, "shape": shape, "color": kinds[kind][1], "size": size(partners)})
    edges = []
    for i, (u, v, d) in enumerate(p.edges(data=True)):
        weight = d["weight"]
        edges.append({"id": f"e{i}", "from": u, "to": v, "group_key": "shared", "shared": weight,
                      "width": min(weight, 16), "color": SHARED_STYLE.color,
                      "title": _shared_tooltip(g, p, u, v, weight, d["measures"])})
    legend = [{"key": k, "name": name, "color": color, "glyph": NODE_STYLES[INSTITUTION].glyph,
               "count": sum(1 for n in nodes if n["group_key"] == k)} for k, (name, color) in kinds.items()]
    return Page(title, nodes, edges, legend, edge_legend(edges, {"shared": SHARED_STYLE}), min_shared=True)


def unit_neighbourhood(g: nx.DiGraph, unit: str) -> nx.DiGraph:
    """The unit, its measures, their areas and documents, and the other units charged with those measures."""
    measures = [v for v, d in g.succ[unit].items() if d.get("type") == RESPONSIBLE_FOR]
    keep = {unit, *measures}
    for m in measures:
        keep.update(u for u, d in g.pred[m].items()
                    if d.get("type") in (RESPONSIBLE_FOR, HAS_MEASURE))
    return g.subgraph(keep)

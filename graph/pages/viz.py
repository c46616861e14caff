"""Interactive HTML pages of the policy graph that analysts open offline or mail as one file.

Three pages: the whole graph, the co-responsibility network (units joined by the measures they share) and
the neighbourhood of one unit.  Each page inlines the vis-network build that pyvis ships, so it loads
nothing from the network.  We render our own template rather than ``pyvis.Network.write_html`` because
pyvis 0.3.2 links Bootstrap and tom-select from a CDN even with ``cdn_resources="in_line"``, writes in the
platform encoding, runs 1,000 stabilisation iterations (minutes on 1,500 nodes) and checks node membership
in lists on every add (quadratic on thousands of nodes).

graph/ does no text processing: labels are truncations of names and measure texts, tooltips the full text.

At corpus scale (more than ``FULL_PAGE_MAX_NODES`` nodes) graph.html is an overview instead: documents, areas
and units with their measure counts, each unit linked to the areas it is charged in (one edge per unit and
area, width and tooltip by the number of measures).  Measures and their texts come on demand: clicking a
document (or one of its areas) loads that document's measures and duties from graph-documents/<n>.js beside
the page (a ``<script>`` file, which a page opened from disk may load), placed where the seed layout puts
them.  So the page holds no measure text, stays within a few MB and settles within seconds at any size;
sub-areas, then all areas, join the documents' files when the overview would be too big (``OVERVIEW_MAX_NODES``).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from policykg.errors import PolicykgError
from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.units import resolve_unit
from policykg.schema import ROLE_RANK, ROLES

VIS_VERSION = "vis-9.1.2"
TEMPLATE_DIR = Path(__file__).parent / "templates"
CJK_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

# Stabilisation is bounded so that a page of thousands of nodes settles within seconds; physics is switched
# off once it is done so the layout stays put and the browser idles.
STABILIZATION_ITERATIONS = 200
# Kamada–Kawai seeding ("improvedLayout") is quadratic; only worth it on small pages.  Larger graph pages start
# from seed_layout with the document hierarchy held still, and the iterations shrink as the moving nodes grow
# (headless Chromium: ~15 ms per iteration per 1,000 moving nodes), so stabilisation stays within seconds.
IMPROVED_LAYOUT_MAX_NODES = 150
NODE_ITERATION_BUDGET = 300_000
MIN_ITERATIONS = 20
SEED_SPACING = 22.0  # distance between neighbouring measures in a seeded cluster
TOOLTIP_MAX_MEASURES = 12
# Past this many nodes graph.html is an overview and each document's measures are loaded on demand (the 72
# government work reports make 7,840 nodes, a 6.7 MB page that settles in about 2 s; four times that is 27 MB).
FULL_PAGE_MAX_NODES = 10_000
# The overview keeps every area, else the top-level ones, while documents, areas and units stay within this many
# nodes (vis-network's cost of adding a document's measures grows with the nodes already drawn).
OVERVIEW_MAX_NODES = 8_000
DOCUMENTS_DIR = "graph-documents"  # beside graph.html: one script per document, loaded on demand


@dataclass(frozen=True)
class NodeStyle:
    name: str  # legend text
    shape: str  # vis-network shape with the label outside, so size follows degree
    color: str
    glyph: str  # the legend's symbol for the shape


@dataclass(frozen=True)
class EdgeStyle:
    name: str
    color: str
    width: float
    dashes: bool | list[int]


NODE_STYLES: dict[str, NodeStyle] = {
    "Document": NodeStyle("文件", "star", "#e15759", "★"),
    "Area": NodeStyle("领域", "square", "#f28e2b", "■"),
    "Measure": NodeStyle("任务", "dot", "#4e79a7", "●"),
    "Institution": NodeStyle("单位", "diamond", "#59a14f", "◆"),
}
ROLE_STYLES: dict[str, EdgeStyle] = {  # lead solid, support dashed, mentioned dotted and thin
    "lead": EdgeStyle("牵头", "#1f3a5f", 2.6, False),
    "support": EdgeStyle("配合", "#1f3a5f", 1.6, [8, 5]),
    "mentioned": EdgeStyle("提及", "#8a8a8a", 0.8, [2, 4]),
}
ROLE_NAMES = {role: style.name for role, style in ROLE_STYLES.items()}
# The overview draws duties solid: canvas dashes cost per dash in graph units, and a unit's edges there cross the
# whole layout (one redraw of 4,000 dashed edges at 16× the reports took 6 s).  Support is told by a lighter colour.
OVERVIEW_ROLE_STYLES: dict[str, EdgeStyle] = {
    "lead": EdgeStyle("牵头", "#1f3a5f", 2.6, False),
    "support": EdgeStyle("配合", "#7096c4", 1.6, False),
    "mentioned": EdgeStyle("提及", "#a8a8a8", 0.8, False),
}
STRUCTURE_STYLE = EdgeStyle("结构(文件·领域·任务)", "#cccccc", 0.7, False)
SHARED_STYLE = EdgeStyle("共同任务(线宽=项数)", "#7f7f7f", 3.0, False)
LABEL_LIMITS = {"Document": 18, "Area": 14, "Measure": 14, "Institution": 20}

# Institution kinds (schema: "party, government, judicial, service, social"; the extractor adds enterprise)
# colour the co-responsibility page;
# each documented kind keeps its colour on every page, other kinds take the spare colours in name order.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "party": ("党委机关", "#e15759"), "government": ("政府部门", "#4e79a7"), "judicial": ("司法机关", "#b07aa1"),
    "service": ("服务机构", "#59a14f"), "social": ("社会组织", "#f28e2b"), "enterprise": ("企业", "#76b7b2"),
}
SPARE_COLORS = ["#edc948", "#9c755f", "#ff9da7", "#86bcb6"]
UNKNOWN_KIND = "未分类"
UNKNOWN_COLOR = "#bab0ac"


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


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _size(degree: int) -> float:
    return round(min(7 + 3.5 * math.sqrt(degree), 48), 1)


def _document_name(g: nx.DiGraph, doc_id: str | None) -> str:
    d = g.nodes[doc_id] if doc_id in g else {}
    return d.get("title") or d.get("source") or "—"


def _caption(d: dict[str, Any]) -> str:
    return d.get("name") or d.get("title") or d.get("text") or d.get("source") or d["id"]


def _duties(g: nx.DiGraph, measure: str) -> list[tuple[str, str]]:
    """(unit name, role) of a measure, leads first."""
    rows = [(g.nodes[u]["name"], d["role"]) for u, d in g.pred[measure].items()
            if d.get("type") == "RESPONSIBLE_FOR"]
    return sorted(rows, key=lambda r: (ROLE_RANK[r[1]], r[0]))


def _role_counts(g: nx.DiGraph, unit: str) -> Counter[str]:
    return Counter(d["role"] for d in g.succ[unit].values() if d.get("type") == "RESPONSIBLE_FOR")


def _degree(g: nx.DiGraph, n: str) -> int:
    """g.degree(n) without building a degree view per call (a third of the page's cost at corpus scale)."""
    return len(g.pred[n]) + len(g.succ[n])


def _measure_count(g: nx.DiGraph, n: str) -> int:
    """Measures an area or a document heads (its HAS_MEASURE edges)."""
    return sum(1 for e in g.succ[n].values() if e.get("type") == "HAS_MEASURE")


def _role_summary(counts: Counter[str]) -> str:
    return " · ".join(f"{ROLE_NAMES[r]} {counts[r]} 项" for r in ROLES if counts[r])


def node_tooltip(g: nx.DiGraph, n: str) -> str:
    """Plain text (vis-network shows string titles as text, never as HTML): the full measure text and its context."""
    d = g.nodes[n]
    label = d["label"]
    if label == "Measure":
        lines = [f"任务:{d['text']}", f"领域:{d.get('area') or '—'}", f"文件:{_document_name(g, d.get('document'))}"]
        if d.get("deadline"):
            lines.append(f"期限:{d['deadline']}")
        duties = _duties(g, n)
        if duties:
            lines.append("单位:" + "、".join(f"{name}({ROLE_NAMES[role]})" for name, role in duties))
        return "\n".join(lines)
    if label == "Institution":
        lines = [f"单位:{d['name']}"]
        if d.get("aliases"):
            lines.append("别名:" + "、".join(d["aliases"]))
        if d.get("kind"):
            lines.append(f"类型:{KIND_STYLES.get(d['kind'], (d['kind'],))[0]}")
        summary = _role_summary(_role_counts(g, n))
        return "\n".join(lines + ([summary] if summary else []))
    if label == "Area":
        return f"领域:{d['name']}\n文件:{_document_name(g, d.get('document'))}\n任务 {_measure_count(g, n)} 项"
    lines = [f"文件:{d.get('title') or '—'}", f"来源:{d.get('source', '—')}"]
    lines += [f"{key}:{d[prop]}" for key, prop in (("日期", "date"), ("地区", "region")) if d.get(prop)]
    return "\n".join(lines + [f"任务 {_measure_count(g, n)} 项"])


def _edge_style(d: dict[str, Any], roles: dict[str, EdgeStyle] = ROLE_STYLES) -> tuple[str, EdgeStyle]:
    if d.get("type") == "RESPONSIBLE_FOR":
        return d["role"], roles[d["role"]]
    return "structure", STRUCTURE_STYLE


def _node_legend(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    present = Counter(n["group_key"] for n in nodes)
    return [{"key": key, "name": s.name, "color": s.color, "glyph": s.glyph, "count": present[key]}
            for key, s in NODE_STYLES.items() if present[key]]


def _edge_legend(edges: list[dict[str, Any]], styles: dict[str, EdgeStyle]) -> list[dict[str, Any]]:
    present = Counter(e["group_key"] for e in edges)
    return [{"key": key, "name": s.name, "color": s.color, "width": s.width,
             "dash": " ".join(map(str, s.dashes)) if s.dashes else "", "count": present[key]}
            for key, s in styles.items() if present[key]]


def _node_row(g: nx.DiGraph, n: str, tooltip: str | None = None) -> dict[str, Any]:
    d = g.nodes[n]
    style = NODE_STYLES[d["label"]]
    return {"id": n, "label": _short(_caption(d), LABEL_LIMITS[d["label"]]),
            "title": node_tooltip(g, n) if tooltip is None else tooltip,
            "group_key": d["label"], "shape": style.shape, "color": style.color, "size": _size(_degree(g, n))}


def _edge_row(g: nx.DiGraph, u: str, v: str, d: dict[str, Any], edge_id: str, seeded: bool,
              roles: dict[str, EdgeStyle] = ROLE_STYLES) -> dict[str, Any]:
    key, style = _edge_style(d, roles)
    row = {"id": edge_id, "from": u, "to": v, "group_key": key, "color": style.color, "width": style.width,
           "dashes": style.dashes}
    if seeded and key == "structure":
        row["physics"] = False
    if d.get("type") == "RESPONSIBLE_FOR":
        row["title"] = f"{g.nodes[u]['name']} {ROLE_NAMES[d['role']]}\n{g.nodes[v]['text']}"
    return row


def _place(rows: list[dict[str, Any]], g: nx.DiGraph, pos: dict[str, tuple[float, float]]) -> None:
    """Seed positions; the hierarchy is held still, physics only moves the linked units."""
    for row in rows:
        row["x"], row["y"] = (round(c, 1) for c in pos[row["id"]])
        if row["group_key"] != "Institution" or _degree(g, row["id"]) == 0:
            row["physics"] = False


def graph_page(g: nx.DiGraph, title: str, focus: str | None = None) -> Page:
    """Every node and edge of ``g``, styled by node type and duty role; ``focus`` is drawn emphasised."""
    nodes = []
    for n in g:
        row = _node_row(g, n)
        if n == focus:
            style = NODE_STYLES[g.nodes[n]["label"]]
            row.update(size=max(row["size"], 30), borderWidth=4, color={"background": style.color,
                                                                          "border": "#000000"},
                       font={"size": 20, "bold": True})
        nodes.append(row)
    seeded = len(nodes) > IMPROVED_LAYOUT_MAX_NODES
    if seeded:  # the hierarchy stays where seed_layout puts it; physics only moves the linked units
        _place(nodes, g, seed_layout(g))
    edges = [_edge_row(g, u, v, d, f"e{i}", seeded) for i, (u, v, d) in enumerate(g.edges(data=True))]
    styles = {**ROLE_STYLES, "structure": STRUCTURE_STYLE}
    return Page(title, nodes, edges, _node_legend(nodes), _edge_legend(edges, styles))


def _measure_home(g: nx.DiGraph, m: str) -> str | None:
    """The node a measure hangs under in the overview: its innermost area, else its document."""
    area = next((u for u, e in g.pred[m].items()
                 if e.get("type") == "HAS_MEASURE" and g.nodes[u]["label"] == "Area"), None)
    return area or g.nodes[m].get("document")


def _overview_nodes(g: nx.DiGraph, labels: dict[str, str]) -> set[str]:
    """Documents and units, with every area, else with the top-level areas, else alone: the first that fits
    ``OVERVIEW_MAX_NODES`` (areas left out come with their document's measures)."""
    base = {n for n, lab in labels.items() if lab in ("Document", "Institution")}
    areas = [n for n, lab in labels.items() if lab == "Area"]
    top = [n for n in areas if not any(e.get("type") == "SUBAREA_OF" for e in g.succ[n].values())]
    for level in (areas, top):
        if len(base) + len(level) <= OVERVIEW_MAX_NODES:
            return base | set(level)
    return base


def overview_page(g: nx.DiGraph, title: str) -> tuple[Page, list[tuple[str, dict[str, Any]]]]:
    """The overview of a large graph and, per document, the rows its measures add when it is opened.

    Returns the page and ``[(document id, {"nodes", "edges"})]``: the measures (with their full tooltips), the
    areas when the overview leaves them out, and their edges.  Edge ids are unique across the page and parts.
    """
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    docs = [n for n, lab in labels.items() if lab == "Document"]
    shown = _overview_nodes(g, labels)
    with_areas = any(labels[n] == "Area" for n in shown)
    pos = seed_layout(g)
    measures = sum(1 for lab in labels.values() if lab == "Measure")
    # Each unit's duties folded onto the overview node each measure hangs under (its area, else its document).
    folded: dict[tuple[str, str], Counter[str]] = {}
    for u, v, d in g.edges(data=True):
        if d.get("type") == "RESPONSIBLE_FOR":
            home = _measure_home(g, v)
            if home is not None and home not in shown:
                home = g.nodes[v].get("document")
            folded.setdefault((u, home), Counter())[d["role"]] += 1
    degree: Counter[str] = Counter()
    for u, v in folded:
        degree[u] += 1
        degree[v] += 1
    nodes = []
    for n in g:
        if n in shown:
            if labels[n] == "Institution":
                row = _node_row(g, n)
                row["size"] = _size(degree[n])
            else:  # a click on a document or an area opens the document's measures
                row = _node_row(g, n, node_tooltip(g, n) + "\n点击展开任务")
                row["size"] = _size(degree[n] + _measure_count(g, n))
                row["part"] = n if labels[n] == "Document" else g.nodes[n].get("document")
            nodes.append(row)
    _place(nodes, g, pos)
    for row in nodes:
        if row["group_key"] == "Institution" and degree[row["id"]] == 0:
            row["physics"] = False
    edges: list[dict[str, Any]] = []
    for u, v, d in g.edges(data=True):
        if u in shown and v in shown:
            edges.append(_edge_row(g, u, v, d, f"e{len(edges)}", True, OVERVIEW_ROLE_STYLES))
    for (unit, home), roles in folded.items():
        if home is None:
            continue
        role = min(roles, key=ROLE_RANK.__getitem__)
        style = OVERVIEW_ROLE_STYLES[role]
        total = sum(roles.values())
        edges.append({"id": f"e{len(edges)}", "from": unit, "to": home, "group_key": role, "color": style.color,
                      "width": round(style.width * (1 + math.log2(total)), 1), "dashes": style.dashes,
                      "title": f"{g.nodes[unit]['name']} — {_caption(g.nodes[home])}\n任务 {total} 项:"
                               + _role_summary(roles)})
    parts = []
    next_edge = len(edges)
    for doc in docs:
        own = [v for v, e in g.succ[doc].items() if e.get("type") in ("HAS_AREA", "HAS_MEASURE")]
        own_nodes = [x for x in own if x not in shown]
        rows = [_node_row(g, x) for x in own_nodes]
        _place(rows, g, pos)
        part_edges = []
        for x in own_nodes:
            for u, e in g.pred[x].items():
                part_edges.append(_edge_row(g, u, x, e, f"e{next_edge}", True, OVERVIEW_ROLE_STYLES))
                next_edge += 1
            for v, e in g.succ[x].items():
                if e.get("type") == "SUBAREA_OF":
                    part_edges.append(_edge_row(g, x, v, e, f"e{next_edge}", True, OVERVIEW_ROLE_STYLES))
                    next_edge += 1
        parts.append((doc, {"nodes": rows, "edges": part_edges}))
    styles = {**OVERVIEW_ROLE_STYLES, "structure": STRUCTURE_STYLE}
    node_legend = _node_legend(nodes)
    style = NODE_STYLES["Measure"]
    node_legend.insert(2 if with_areas else 1, {"key": "Measure", "name": style.name, "color": style.color,
                                               "glyph": style.glyph, "count": measures})
    note = f"概览:共 {measures} 项任务,点击文件或领域展开其任务"
    files = {doc: f"{DOCUMENTS_DIR}/{i}.js" for i, (doc, _) in enumerate(parts)}
    return Page(title, nodes, edges, node_legend, _edge_legend(edges, styles), note=note, parts=files), parts


def _kind_styles(kinds: set[str | None]) -> dict[str, tuple[str, str]]:
    """kind key → (legend name, colour): documented kinds first, other kinds after, missing kind last."""
    styles = {k: v for k, v in KIND_STYLES.items() if k in kinds}
    others = sorted(k for k in kinds if k and k not in KIND_STYLES)
    styles.update({k: (k, SPARE_COLORS[i % len(SPARE_COLORS)]) for i, k in enumerate(others)})
    if None in kinds:
        styles[UNKNOWN_KIND] = (UNKNOWN_KIND, UNKNOWN_COLOR)
    return styles


def coresponsibility_page(g: nx.DiGraph, title: str) -> Page:
    """Units as nodes coloured by kind; edge width = number of shared measures, tooltip listing them."""
    p = coresponsibility_network(g)
    kinds = _kind_styles({g.nodes[n].get("kind") for n in p})
    shape = NODE_STYLES["Institution"].shape
    nodes = []
    for n in p:
        d = g.nodes[n]
        kind = d.get("kind") or UNKNOWN_KIND
        partners = p.degree(n)
        tooltip = node_tooltip(g, n) + f"\n与 {partners} 个单位有共同任务"
        nodes.append({"id": n, "label": _short(d["name"], LABEL_LIMITS["Institution"]), "title": tooltip,
                      "group_key": kind, "shape": shape, "color": kinds[kind][1], "size": _size(partners)})
    edges = []
    for i, (u, v, d) in enumerate(p.edges(data=True)):
        weight = d["weight"]
        texts = [g.nodes[m]["text"] for m in d["measures"]]
        lines = [f"{p.nodes[u]['name']} — {p.nodes[v]['name']}", f"共同任务 {weight} 项:"]
        lines += [f"{k}. {t}" for k, t in enumerate(texts[:TOOLTIP_MAX_MEASURES], 1)]
        if weight > TOOLTIP_MAX_MEASURES:
            lines.append(f"…另有 {weight - TOOLTIP_MAX_MEASURES} 项")
        edges.append({"id": f"e{i}", "from": u, "to": v, "group_key": "shared", "shared": weight,
                      "width": min(weight, 16), "color": SHARED_STYLE.color, "title": "\n".join(lines)})
    legend = [{"key": k, "name": name, "color": color, "glyph": NODE_STYLES["Institution"].glyph,
               "count": sum(1 for n in nodes if n["group_key"] == k)} for k, (name, color) in kinds.items()]
    return Page(title, nodes, edges, legend, _edge_legend(edges, {"shared": SHARED_STYLE}), min_shared=True)


def unit_neighbourhood(g: nx.DiGraph, unit: str) -> nx.DiGraph:
    """The unit, its measures, their areas and documents, and the other units charged with those measures."""
    measures = [v for v, d in g.succ[unit].items() if d.get("type") == "RESPONSIBLE_FOR"]
    keep = {unit, *measures}
    for m in measures:
        keep.update(u for u, d in g.pred[m].items()
                    if d.get("type") in ("RESPONSIBLE_FOR", "HAS_MEASURE"))
    return g.subgraph(keep)


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _sunflower(k: int, spacing: float) -> list[tuple[float, float]]:
    """k points evenly filling a disc of radius spacing·√k (Vogel's spiral), spacing apart."""
    return [(spacing * math.sqrt(j + 0.5) * math.cos(j * GOLDEN_ANGLE),
             spacing * math.sqrt(j + 0.5) * math.sin(j * GOLDEN_ANGLE)) for j in range(k)]


def _document_cluster(doc_areas: dict[str | None, list[str]]) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions around a document at (0, 0): a ring of area discs, each area's measures filling its disc."""
    discs = [(area, members, SEED_SPACING * math.sqrt(len(members) + 1)) for area, members in doc_areas.items()]
    circumference = sum(2 * r for *_, r in discs)
    ring = max(circumference / (2 * math.pi), max(r for *_, r in discs))
    pos: dict[str, tuple[float, float]] = {}
    walked = 0.0
    for area, members, r in discs:
        theta = 2 * math.pi * (walked + r) / circumference
        walked += 2 * r
        cx, cy = ring * math.cos(theta), ring * math.sin(theta)
        if area is not None:
            pos[area] = (cx, cy)
        for m, (dx, dy) in zip(members, _sunflower(len(members) + 1, SEED_SPACING)[1:], strict=True):
            pos[m] = (cx + dx, cy + dy)
    return pos, ring + max(r for *_, r in discs)


def _pack(radii: list[float]) -> list[tuple[float, float]]:
    """Centres for discs of the given radii, in order, row by row into a roughly square block."""
    gap = 4 * SEED_SPACING
    width = 1.2 * math.sqrt(sum((2 * r + gap) ** 2 for r in radii))
    x = y = row_height = 0.0
    centres = []
    for r in radii:
        d = 2 * r + gap
        if x > 0 and x + d > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centres.append((x + r, y + r))
        x += d
        row_height = max(row_height, d)
    return centres


def seed_layout(g: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Positions that already show the document → area → measure hierarchy, in O(n).

    Force-directed physics from random positions needs hundreds of iterations on thousands of nodes (minutes
    in a browser).  Here each document is a ring of area discs filled with the area's measures; documents are
    packed row by row in graph order; units start at the centroid of what they are charged with (or issued),
    so shared units land between the clusters that share them; units linked to nothing form a last disc.
    """
    clusters: dict[str, dict[str | None, list[str]]] = {}
    for n, d in g.nodes(data=True):
        if d["label"] == "Document":
            clusters.setdefault(n, {})
        elif d["label"] == "Area" and d.get("document"):
            clusters.setdefault(d["document"], {}).setdefault(n, [])
    for n, d in g.nodes(data=True):
        if d["label"] == "Measure" and d.get("document"):
            area = next((u for u, e in g.pred[n].items()
                         if e.get("type") == "HAS_MEASURE" and g.nodes[u]["label"] == "Area"), None)
            clusters.setdefault(d["document"], {}).setdefault(area, []).append(n)
    placed = [(doc, *(_document_cluster(areas) if areas else ({}, SEED_SPACING))) for doc, areas in clusters.items()]
    units = [n for n, d in g.nodes(data=True) if d["label"] == "Institution"]
    unlinked = [u for u in units if _degree(g, u) == 0]
    stray_disc = _sunflower(len(unlinked), 2 * SEED_SPACING)
    radii = [radius for *_, radius in placed] + ([2 * SEED_SPACING * math.sqrt(len(unlinked))] if unlinked else [])
    centres = _pack(radii)
    pos: dict[str, tuple[float, float]] = {}
    for (doc, local, _), (ox, oy) in zip(placed, centres, strict=False):
        if doc in g:
            pos[doc] = (ox, oy)
        pos.update({n: (ox + x, oy + y) for n, (x, y) in local.items()})
    if unlinked:
        ox, oy = centres[-1]
        pos.update({u: (ox + x, oy + y) for u, (x, y) in zip(unlinked, stray_disc, strict=True)})
    for j, unit in enumerate(u for u in units if u not in pos):
        anchors = [pos[v] for v in nx.all_neighbors(g, unit) if v in pos] or [(0.0, 0.0)]
        r, theta = SEED_SPACING * (1 + j % 5) / 2, j * GOLDEN_ANGLE  # keep units sharing a centroid apart
        pos[unit] = (sum(x for x, _ in anchors) / len(anchors) + r * math.cos(theta),
                     sum(y for _, y in anchors) / len(anchors) + r * math.sin(theta))
    return pos


def stabilization_iterations(n_moving: int) -> int:
    return max(MIN_ITERATIONS, min(STABILIZATION_ITERATIONS, NODE_ITERATION_BUDGET // max(n_moving, 1)))


def options(n_nodes: int, n_moving: int | None = None) -> dict[str, Any]:
    """vis-network options tuned so that thousands of nodes settle within seconds.

    ``n_moving``: nodes taking part in physics (default all); the iteration budget is spent on them.
    """
    return {
        "autoResize": True,
        "nodes": {"font": {"face": CJK_FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 1000,
                        "hideEdgesOnZoom": n_nodes > 1000},
        "layout": {"improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX_NODES, "randomSeed": 7},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.012, "springLength": 90,
                                 "springConstant": 0.08, "damping": 0.6, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "updateInterval": 20, "fit": True,
                              "iterations": stabilization_iterations(n_nodes if n_moving is None else n_moving)},
            "minVelocity": 1.5,
            "maxVelocity": 60,
            "timestep": 0.5,
        },
    }


def _script_json(value: Any) -> Markup:
    """JSON safe inside <script>: no '</script>', '<!--' or line separators can end or break the block."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))


def vis_dir() -> Path:
    """The vis-network build inside the installed pyvis package, found without importing pyvis (which pulls
    in IPython, half a second)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise PolicykgError("pyvis is not installed: pip install pyvis==0.3.2 (the pages inline its vis-network)")
    return Path(spec.submodule_search_locations[0]) / "templates" / "lib" / VIS_VERSION


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    base = vis_dir()
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    return Markup(js), Markup(css)


def render_page(page: Page) -> str:
    """The complete self-contained HTML of a page."""
    js, css = _vis_assets()
    # The font stack goes into <style>, where HTML entities are not decoded: it is our constant, not escaped.
    moving = sum(1 for n in page.nodes if n.get("physics", True))
    data = {"nodes": page.nodes, "edges": page.edges, "options": options(len(page.nodes), moving),
            "parts": page.parts or {}}
    return _environment().get_template("network.html").render(
        page=page, vis_js=js, vis_css=css, font=Markup(CJK_FONT), data=_script_json(data))


def write_page(page: Page, path: Path) -> Path:
    path.write_text(render_page(page), encoding="utf-8")
    return path


def write_graph_page(g: nx.DiGraph, path: Path, title: str = "政策知识图谱") -> Path:
    """graph.html: the whole graph, or past ``FULL_PAGE_MAX_NODES`` the overview plus one script per document.

    Scripts of an earlier, larger run that this one does not write are removed, so the folder never holds
    measures of documents the page does not know.
    """
    folder = path.parent / DOCUMENTS_DIR
    written: set[Path] = set()
    if g.number_of_nodes() <= FULL_PAGE_MAX_NODES:
        write_page(graph_page(g, title), path)
    else:
        page, parts = overview_page(g, title)
        folder.mkdir(exist_ok=True)
        assert page.parts is not None
        for doc, rows in parts:
            part = path.parent / page.parts[doc]
            part.write_text(f"policykg.expand({_script_json(doc)}, {_script_json(rows)});\n", encoding="utf-8")
            written.add(part)
        write_page(page, path)
    if folder.is_dir():
        for stale in folder.glob("*.js"):
            if stale not in written:
                stale.unlink()
    return path


def unit_filename(name: str) -> str:
    """unit-<name>.html with characters that file systems reject replaced."""
    return "unit-" + re.sub(r'[\\/:*?"<>|\s]+', "_", name) + ".html"


def write_pages(g: nx.DiGraph, out_dir: Path, unit: str | None = None) -> list[Path]:
    """graph.html, coresponsibility.html and, given ``unit`` (canonical name or alias), unit-<name>.html."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    focus = resolve_unit(g, unit) if unit is not None else None  # fail on an unknown unit before writing
    pages = [
        write_graph_page(g, out_dir / "graph.html"),
        write_page(coresponsibility_page(g, "单位共同责任网络"), out_dir / "coresponsibility.html"),
    ]
    if focus is not None:
        name = g.nodes[focus]["name"]
        page = graph_page(unit_neighbourhood(g, focus), f"{name} 的任务与协作单位", focus=focus)
        pages.append(write_page(page, out_dir / unit_filename(name)))
    return pages

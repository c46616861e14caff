"""graph.html at corpus scale: an overview whose measures are loaded per document when it is opened.

Past ``FULL_PAGE_MAX_NODES`` nodes graph.html shows documents, areas and units with their measure counts,
each unit linked to the areas it is charged in (one edge per unit and area, width and tooltip by the number of
measures).  Clicking a document (or one of its areas) loads that document's measures and duties from
graph-documents/<n>.js beside the page (a ``<script>`` file, which a page opened from disk may load), placed
where the seed layout puts them.  So the page holds no measure text, stays within a few MB and settles within
seconds at any size; sub-areas, then all areas, join the documents' files when the overview would be too big
(``OVERVIEW_MAX_NODES``).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.graph.pages.elements import Page, edge_legend, edge_row, node_legend, node_row, place
from policykg.graph.pages.layout import innermost_area, seed_layout
from policykg.graph.pages.render import script_json, write_page
from policykg.graph.pages.styles import NODE_STYLES, OVERVIEW_ROLE_STYLES, STRUCTURE_STYLE, size
from policykg.graph.pages.tooltips import caption, measure_count, node_tooltip, role_summary
from policykg.graph.pages.views import graph_page
from policykg.schema import (
    AREA,
    DOCUMENT,
    HAS_AREA,
    HAS_MEASURE,
    INSTITUTION,
    MEASURE,
    RESPONSIBLE_FOR,
    ROLE_RANK,
    SUBAREA_OF,
)

# Past this many nodes graph.html is an overview and each document's measures are loaded on demand (the 72
# government work reports make 7,840 nodes, a 6.7 MB page that settles in about 2 s; four times that is 27 MB).
FULL_PAGE_MAX_NODES = 10_000
# The overview keeps every area, else the top-level ones, while documents, areas and units stay within this many
# nodes (vis-network's cost of adding a document's measures grows with the nodes already drawn).
OVERVIEW_MAX_NODES = 8_000
DOCUMENTS_DIR = "graph-documents"  # beside graph.html: one script per document, loaded on demand

Folded = dict[tuple[str, str | None], Counter[str]]  # (unit, overview node) -> measures per role
Part = tuple[str, dict[str, Any]]  # (document id, {"nodes", "edges"}) a document's script adds


def _overview_nodes(g: nx.DiGraph, labels: dict[str, str]) -> set[str]:
    """Documents and units, with every area, else with the top-level areas, else alone: the first that fits
    ``OVERVIEW_MAX_NODES`` (areas left out come with their document's measures)."""
    base = {n for n, lab in labels.items() if lab in (DOCUMENT, INSTITUTION)}
    areas = [n for n, lab in labels.items() if lab == AREA]
    top = [n for n in areas if not any(e.get("type") == SUBAREA_OF for e in g.succ[n].values())]
    for level in (areas, top):
        if len(base) + len(level) <= OVERVIEW_MAX_NODES:
            return base | set(level)
    return base


def _fold_duties(g: nx.DiGraph, shown: set[str]) -> Folded:
    """Each unit's duties folded onto the overview node each measure hangs under (its area, else its document)."""
    folded: Folded = {}
    for u, v, d in g.edges(data=True):
        if d.get("type") == RESPONSIBLE_FOR:
            home = innermost_area(g, v) or g.nodes[v].get("document")
            if home is not None and home not in shown:
                home = g.nodes[v].get("document")
            folded.setdefault((u, home), Counter())[d["role"]] += 1
    return folded


def _node_rows(g: nx.DiGraph, labels: dict[str, str], shown: set[str], folded: Folded,
               pos: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """The shown nodes, sized by their folded edges; a document or area opens its document's part on a click."""
    degree: Counter[str | None] = Counter()
    for u, v in folded:
        degree[u] += 1
        degree[v] += 1
    nodes = []
    for n in g:
        if n in shown:
            if labels[n] == INSTITUTION:
                row = node_row(g, n)
                row["size"] = size(degree[n])
            else:  # a click on a document or an area opens the document's measures
                row = node_row(g, n, node_tooltip(g, n) + "\n点击展开任务")
                row["size"] = size(degree[n] + measure_count(g, n))
                row["part"] = n if labels[n] == DOCUMENT else g.nodes[n].get("document")
            nodes.append(row)
    place(nodes, g, pos)
    for row in nodes:
        if row["group_key"] == INSTITUTION and degree[row["id"]] == 0:
            row["physics"] = False
    return nodes


def _edges(g: nx.DiGraph, shown: set[str], folded: Folded) -> list[dict[str, Any]]:
    """The graph's edges between shown nodes, then one edge per unit and overview node it has duties under."""
    edges: list[dict[str, Any]] = []
    for u, v, d in g.edges(data=True):
        if u in shown and v in shown:
            edges.append(edge_row(g, u, v, d, f"e{len(edges)}", True, OVERVIEW_ROLE_STYLES))
    for (unit, home), roles in folded.items():
        if home is None:
            continue
        role = min(roles, key=ROLE_RANK.__getitem__)
        style = OVERVIEW_ROLE_STYLES[role]
        total = sum(roles.values())
        edges.append({"id": f"e{len(edges)}", "from": unit, "to": home, "group_key": role, "color": style.color,
                      "width": round(style.width * (1 + math.log2(total)), 1), "dashes": style.dashes,
                      "title": f"{g.nodes[unit]['name']} — {caption(g.nodes[home])}\n任务 {total} 项:"
                               + role_summary(roles)})
    return edges


def _parts(g: nx.DiGraph, docs: list[str], shown: set[str], pos: dict[str, tuple[float, float]],
           next_edge: int) -> list[Part]:
    """Per document, its nodes the overview leaves out and their edges; edge ids continue from next_edge."""
    parts = []
    for doc in docs:
        own = [v for v, e in g.succ[doc].items() if e.get("type") in (HAS_AREA, HAS_MEASURE)]
        own_nodes = [x for x in own if x not in shown]
        rows = [node_row(g, x) for x in own_nodes]
        place(rows, g, pos)
        part_edges = []
        for x in own_nodes:
            for u, e in g.pred[x].items():
                part_edges.append(edge_row(g, u, x, e, f"e{next_edge}", True, OVERVIEW_ROLE_STYLES))
                next_edge += 1
            for v, e in g.succ[x].items():
                if e.get("type") == SUBAREA_OF:
                    part_edges.append(edge_row(g, x, v, e, f"e{next_edge}", True, OVERVIEW_ROLE_STYLES))
                    next_edge += 1
        parts.append((doc, {"nodes": rows, "edges": part_edges}))
    return parts


def overview_page(g: nx.DiGraph, title: str) -> tuple[Page, list[Part]]:
    """The overview of a large graph and, per document, the rows its measures add when it is opened.

    Returns the page and ``[(document id, {"nodes", "edges"})]``: the measures (with their full tooltips), the
    areas when the overview leaves them out, and their edges.  Edge ids are unique across the page and parts.
    """
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    docs = [n for n, lab in labels.items() if lab == DOCUMENT]
    shown = _overview_nodes(g, labels)
    with_areas = any(labels[n] == AREA for n in shown)
    pos = seed_layout(g)
    measures = sum(1 for lab in labels.values() if lab == MEASURE)
    folded = _fold_duties(g, shown)
    nodes = _node_rows(g, labels, shown, folded, pos)
    edges = _edges(g, shown, folded)
    parts = _parts(g, docs, shown, pos, len(edges))
    styles = {**OVERVIEW_ROLE_STYLES, "structure": STRUCTURE_STYLE}
    legend = node_legend(nodes)
    style = NODE_STYLES[MEASURE]
    legend.insert(2 if with_areas else 1, {"key": MEASURE, "name": style.name, "color": style.color,
                                          "glyph": style.glyph, "count": measures})
    note = f"概览:共 {measures} 项任务,点击文件或领域展开其任务"
    files = {doc: f"{DOCUMENTS_DIR}/{i}.js" for i, (doc, _) in enumerate(parts)}
    return Page(title, nodes, edges, legend, edge_legend(edges, styles), note=note, parts=files), parts


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
            part.write_text(f"policykg.expand({script_json(doc)}, {script_json(rows)});\n", encoding="utf-8")
            written.add(part)
        write_page(page, path)
    if folder.is_dir():
        for stale in folder.glob("*.js"):
            if stale not in written:
                stale.unlink()
    return path



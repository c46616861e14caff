"""Seed positions for large pages: the document → area → measure hierarchy drawn at once, in O(n).

Force-directed physics from random positions needs hundreds of iterations on thousands of nodes (minutes in
a browser); from these positions vis-network only has to move the units, and the hierarchy is held still.
"""

from __future__ import annotations

import math

import networkx as nx

from policykg.graph.pages.tooltips import degree
from policykg.schema import AREA, DOCUMENT, HAS_MEASURE, INSTITUTION, MEASURE

SEED_SPACING = 22.0  # distance between neighbouring measures in a seeded cluster
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def innermost_area(g: nx.DiGraph, measure: str) -> str | None:
    """The area a measure hangs under (its area's HAS_MEASURE edge), None for a measure outside every area."""
    return next((u for u, e in g.pred[measure].items()
                 if e.get("type") == HAS_MEASURE and g.nodes[u]["label"] == AREA), None)


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
    """Centres for discs of the given radii, in order, row by row into a roughly square block.

    >>> _pack([10.0, 10.0, 10.0])  # two discs fit a row (4·SEED_SPACING apart), the third starts the next
    [(10.0, 10.0), (118.0, 10.0), (10.0, 118.0)]
    """
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
        if d["label"] == DOCUMENT:
            clusters.setdefault(n, {})
        elif d["label"] == AREA and d.get("document"):
            clusters.setdefault(d["document"], {}).setdefault(n, [])
    for n, d in g.nodes(data=True):
        if d["label"] == MEASURE and d.get("document"):
            area = innermost_area(g, n)
            clusters.setdefault(d["document"], {}).setdefault(area, []).append(n)
    placed = [(doc, *(_document_cluster(areas) if areas else ({}, SEED_SPACING))) for doc, areas in clusters.items()]
    units = [n for n, d in g.nodes(data=True) if d["label"] == INSTITUTION]
    unlinked = [u for u in units if degree(g, u) == 0]
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

"""`policykg build` / `policykg pages`: the page files, written as UTF-8 into one folder.

graph.html (the whole graph, or the overview at corpus scale), coresponsibility.html and, for a named unit,
unit-<name>.html.  An unknown unit fails before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from policykg.graph.pages.overview import write_graph_page
from policykg.graph.pages.render import write_page
from policykg.graph.pages.views import coresponsibility_page, graph_page, unit_neighbourhood
from policykg.graph.units import resolve_unit


def unit_filename(name: str) -> str:
    """unit-<name>.html with characters that file systems reject replaced.

    >>> unit_filename("上海市 司法局/法治办")
    'unit-上海市_司法局_法治办.html'
    """
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

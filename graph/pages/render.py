"""A page as one self-contained HTML file: our template, the vis-network build inlined, options tuned for size.

We render our own template (templates/network.html) rather than ``pyvis.Network.write_html`` because pyvis
0.3.2 links Bootstrap and tom-select from a CDN even with ``cdn_resources="in_line"``, writes in the platform
encoding, runs 1,000 stabilisation iterations (minutes on 1,500 nodes) and checks node membership in lists on
every add (quadratic on thousands of nodes).  The page loads nothing from the network.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from policykg.errors import PolicykgError
from policykg.graph.pages.elements import Page
from policykg.graph.pages.styles import CJK_FONT

VIS_VERSION = "vis-9.1.2"
TEMPLATE_DIR = Path(__file__).parent / "templates"

# Stabilisation is bounded so that a page of thousands of nodes settles within seconds; physics is switched
# off once it is done so the layout stays put and the browser idles.
STABILIZATION_ITERATIONS = 200
# Kamada–Kawai seeding ("improvedLayout") is quadratic; only worth it on small pages.  Larger graph pages start
# from seed_layout with the document hierarchy held still, and the iterations shrink as the moving nodes grow
# (headless Chromium: ~15 ms per iteration per 1,000 moving nodes), so stabilisation stays within seconds.
IMPROVED_LAYOUT_MAX_NODES = 150
NODE_ITERATION_BUDGET = 300_000
MIN_ITERATIONS = 20


def stabilization_iterations(n_moving: int) -> int:
    """Iterations for n_moving nodes in physics: the budget shared out, within [MIN_ITERATIONS, the bound].

    >>> stabilization_iterations(100), stabilization_iterations(3000), stabilization_iterations(10**6)
    (200, 100, 20)
    """
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


def script_json(value: Any) -> Markup:
    """JSON safe inside <script>: no '</script>', '<!--' or line separators can end or break the block.

    >>> print(script_json({"t": "</script>"}))
    {"t": "\\u003c/script\\u003e"}
    """
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
        page=page, vis_js=js, vis_css=css, font=Markup(CJK_FONT), data=script_json(data))


def write_page(page: Page, path: Path) -> Path:
    path.write_text(render_page(page), encoding="utf-8")
    return path

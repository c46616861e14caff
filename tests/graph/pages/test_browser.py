"""The pages in a real browser (Debian chromium, headless): offline, exact data, quick physics, Chinese drawn.

Never downloads a browser: Playwright drives /usr/bin/chromium.  Every request that is not file:// is
aborted and recorded; a page that asks for anything outside its own file fails.
"""

from __future__ import annotations

import importlib.util
import io
import time
from pathlib import Path

import pytest
from builders import require

from policykg.graph.build import build_graph
from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.pages.overview import FULL_PAGE_MAX_NODES, overview_page
from policykg.graph.pages.views import unit_neighbourhood
from policykg.graph.pages.write import write_pages

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLE_SECONDS = 10


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.is_file(), f"{CHROMIUM} is absent (apt-get install chromium fonts-noto-cjk)")
    require(importlib.util.find_spec("playwright") is not None, "playwright (python) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file, with the console errors and the outside requests it made."""

    def __init__(self, browser, path: Path, timeout_s: float = 60) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route(lambda url: not url.startswith("file://"), self._refuse)
        started = time.monotonic()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.policykg && window.policykg.ready", timeout=timeout_s * 1000)
        self.seconds = time.monotonic() - started

    def _refuse(self, route) -> None:
        self.outside.append(route.request.url)
        route.abort()

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[policykg.nodes.length, policykg.edges.length]"))

    def close(self) -> None:
        self.page.close()


def _extract(paths: list[Path]):
    from policykg.extract.pipeline import extract_paths

    result = extract_paths(paths, jobs=1, progress=False)
    assert not result.errors, result.errors
    return result.documents


@pytest.fixture(scope="module")
def seed_pages(seed_path, tmp_path_factory):
    g = build_graph(_extract([seed_path]))
    unit = max((n for n, d in g.nodes(data=True) if d["label"] == "Institution"), key=g.out_degree)
    out = tmp_path_factory.mktemp("seed-pages")
    written = write_pages(g, out, unit=g.nodes[unit]["name"])
    return g, unit, written


def test_seed_pages_open_offline_with_the_graphs_exact_counts(browser, seed_pages):
    g, unit, (graph_html, core_html, unit_html) = seed_pages
    core = coresponsibility_network(g)
    assert core.number_of_edges() > 0, "the seed document must give units that share measures"
    hood = unit_neighbourhood(g, unit)
    for path, expected in [(graph_html, g), (core_html, core), (unit_html, hood)]:
        opened = Opened(browser, path)
        try:
            assert opened.errors == [], f"{path.name}: console errors {opened.errors}"
            assert opened.outside == [], f"{path.name}: requests outside the file {opened.outside}"
            assert opened.counts() == (expected.number_of_nodes(), expected.number_of_edges()), path.name
        finally:
            opened.close()


def test_legend_filters_and_search_work(browser, seed_pages):
    g, unit, (graph_html, _, _) = seed_pages
    measures = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Measure")
    opened = Opened(browser, graph_html)
    try:
        page = opened.page
        hidden = "policykg.nodes.get({filter: n => n.hidden}).length"
        page.locator('#legend input[data-key="Measure"]').uncheck()
        assert page.evaluate(hidden) == measures
        page.locator('#legend input[data-key="Measure"]').check()
        assert page.evaluate(hidden) == 0
        page.fill("#search", g.nodes[unit]["name"])
        page.press("#search", "Enter")
        assert unit in page.evaluate("policykg.network.getSelectedNodes()")
        assert page.locator("#search-status").inner_text().startswith("1 / ")
    finally:
        opened.close()


def _ink(png: bytes) -> list[tuple[int, int]]:
    """Coordinates of the pixels that are not the white background."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    width = img.size[0]
    return [(i % width, i // width) for i, v in enumerate(img.tobytes()) if v < 200]


def test_chinese_labels_are_drawn(browser, seed_pages):
    """Screenshot the canvas with and without labels: the difference is the drawn labels, in a CJK font."""
    _, _, (_, core_html, _) = seed_pages
    opened = Opened(browser, core_html)
    try:
        page = opened.page
        assert page.evaluate("document.fonts.check('14px \"Noto Sans CJK SC\"', '司法局')"), "Noto Sans CJK SC absent"
        page.evaluate("document.getElementById('legend').hidden = true")
        canvas = page.locator("#network canvas")
        with_labels = set(_ink(canvas.screenshot()))
        page.evaluate("policykg.nodes.update(policykg.nodes.getIds().map(id => ({id, label: ' '})))")
        page.wait_for_timeout(300)
        without_labels = set(_ink(canvas.screenshot()))
        label_ink = with_labels - without_labels
        assert len(label_ink) > 500, f"only {len(label_ink)} label pixels: Chinese labels not drawn"
    finally:
        opened.close()


@pytest.mark.shared
def test_government_reports_graph_settles_within_seconds(browser, shared_dir, tmp_path):
    g = build_graph(_extract([shared_dir / "corpus" / "government_work_reports.jsonl"]))
    [graph_html, _] = write_pages(g, tmp_path)
    opened = Opened(browser, graph_html, timeout_s=SETTLE_SECONDS)
    # past FULL_PAGE_MAX_NODES (the reports: ~15k nodes) graph.html is the overview, measures on demand
    page = overview_page(g, "")[0] if g.number_of_nodes() > FULL_PAGE_MAX_NODES else None
    expected = (len(page.nodes), len(page.edges)) if page else (g.number_of_nodes(), g.number_of_edges())
    try:
        assert opened.seconds < SETTLE_SECONDS
        assert opened.errors == [] and opened.outside == []
        assert opened.counts() == expected
        assert opened.page.evaluate("policykg.network.physics.physicsEnabled") is False
    finally:
        opened.close()


def test_overview_opens_a_documents_measures_on_a_click(browser, seed_path, tmp_path, monkeypatch):
    """Past the threshold the page shows no measures; a click on the document loads its script from disk and
    adds every measure and duty, after which the page holds the whole graph."""
    from policykg.graph.pages import overview as viz

    g = build_graph(_extract([seed_path]))
    monkeypatch.setattr(viz, "FULL_PAGE_MAX_NODES", 10)
    [graph_html, _] = write_pages(g, tmp_path)
    measures = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Measure")
    [doc] = [n for n, d in g.nodes(data=True) if d["label"] == "Document"]
    opened = Opened(browser, graph_html)
    try:
        page = opened.page
        assert opened.counts()[0] == g.number_of_nodes() - measures
        text = g.nodes[next(n for n, d in g.nodes(data=True) if d["label"] == "Measure")]["text"][:12]
        page.fill("#search", text)
        page.press("#search", "Enter")
        assert page.locator("#search-status").inner_text() == "无匹配(任务文字在展开文件后可搜索)"
        page.evaluate("id => policykg.network.body.emitter.emit('click', {nodes: [id], edges: []})", doc)
        page.wait_for_function(f"policykg.nodes.length === {g.number_of_nodes()}", timeout=10_000)
        assert page.locator("#search-status").inner_text() == f"已展开 {measures} 个节点"
        assert page.evaluate("id => policykg.open(id)", doc) == 0, "a document opens once"
        assert opened.errors == [] and opened.outside == []
        page.press("#search", "Enter")  # the same query again, now over the opened measures
        assert page.locator("#search-status").inner_text().startswith("1 / "), "loaded measures are searchable"
    finally:
        opened.close()

"""graph.html at corpus scale: page size and time to settle in headless chromium at 1×, 4× and 16× the reports.

    python bench/page_bench.py [--copies 1,4,16] [--repeat 2] [--full]

The graph is the 72 government work reports (../shared/corpus/government_work_reports.jsonl) copied with
distinct document, area and measure ids and the same institutions (bench/query_bench.py's copy_documents).
For each scale: nodes of the graph, whether graph.html is the whole graph or the overview, seconds to write
it, its size (and the size of the per-document measure scripts beside it), seconds from navigation until
the layout has settled (``policykg.ready``) in /usr/bin/chromium via Playwright, and milliseconds to open the
largest document's measures on the overview, each the best of ``--repeat`` openings (other load on a shared
machine only ever adds time).  Targets at 16×: <= 10 MB and <= 5 s.  Ratios are against the
1× page of the same run.  ``--full`` also measures the whole-graph page at every scale (the baseline that an
overview replaces: at 16× about 100 MB and half a minute).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from query_bench import CORPUS, copy_documents  # noqa: E402

from policykg.extract.pipeline import extract_paths  # noqa: E402
from policykg.graph.build import build_graph  # noqa: E402
from policykg.graph.pages import overview as viz  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_S = 120


def settle(browser, path: Path, open_largest: str | None, repeat: int) -> tuple[float, float, float | None]:
    """Best of ``repeat`` openings: seconds to ready, the page's own stabilisation ms, ms to open one document."""
    runs = [_settle_once(browser, path, open_largest) for _ in range(repeat)]
    return (min(r[0] for r in runs), min(r[1] for r in runs),
            None if open_largest is None else min(r[2] for r in runs))


def _settle_once(browser, path: Path, open_largest: str | None) -> tuple[float, float, float | None]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        started = time.monotonic()
        page.goto(path.as_uri())
        page.wait_for_function("window.policykg && window.policykg.ready", timeout=TIMEOUT_S * 1000)
        seconds = time.monotonic() - started
        stab = page.evaluate("policykg.stabilizationMs")
        opened = None
        if open_largest is not None:
            opened = page.evaluate("id => { const t = performance.now(); return policykg.open(id).then("
                                   "() => performance.now() - t); }", open_largest)
        return seconds, stab, opened
    finally:
        page.close()


def mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--copies", default="1,4,16")
    p.add_argument("--repeat", type=int, default=2, help="openings per page; the best is kept (default 2)")
    p.add_argument("--full", action="store_true", help="also measure the whole-graph page at every scale")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    a = p.parse_args()
    from playwright.sync_api import sync_playwright

    base = extract_paths([a.corpus]).documents
    rows = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for copies in (int(c) for c in a.copies.split(",")):
            g = build_graph(copy_documents(base, copies))
            out = Path(tmp) / f"x{copies}"
            out.mkdir()
            t = time.perf_counter()
            path = viz.write_graph_page(g, out / "graph.html")
            write_s = time.perf_counter() - t
            overview = g.number_of_nodes() > viz.FULL_PAGE_MAX_NODES
            parts = sum(f.stat().st_size for f in (out / viz.DOCUMENTS_DIR).glob("*.js")) if overview else 0
            largest = None
            if overview:
                docs = [n for n, d in g.nodes(data=True) if d["label"] == "Document"]
                largest = max(docs, key=g.out_degree)
            seconds, stab, opened = settle(browser, path, largest, a.repeat)
            rows.append((copies, g.number_of_nodes(), "overview" if overview else "whole graph", write_s,
                         path.stat().st_size, parts, seconds, stab, opened))
            if a.full and overview:
                t = time.perf_counter()
                full = viz.write_page(viz.graph_page(g, "政策知识图谱"), out / "full.html")
                write_s = time.perf_counter() - t
                seconds, stab, _ = settle(browser, full, None, a.repeat)
                rows.append((copies, g.number_of_nodes(), "whole graph", write_s, full.stat().st_size, 0,
                             seconds, stab, None))
        browser.close()
    print(f"{'scale':>5} {'nodes':>7} {'page':12} {'write s':>8} {'MB':>6} {'parts MB':>9} {'settle s':>9} "
          f"{'stab. s':>8} {'open doc ms':>12}")
    for copies, n, kind, write_s, size, parts, seconds, stab, opened in rows:
        print(f"{copies:>4}× {n:>7} {kind:12} {write_s:>8.2f} {mb(size):>6} {mb(parts) if parts else '':>9} "
              f"{seconds:>9.2f} {stab / 1000:>8.2f} {'' if opened is None else f'{opened:.0f}':>12}")
    one = rows[0]
    last = [r for r in rows if r[2] == "overview"] or rows
    big = last[-1]
    print(f"{big[0]}× vs {one[0]}×: page size {big[4] / one[4]:.2f}x, settle time {big[6] / one[6]:.2f}x; "
          f"target at 16×: <= 10 MB {'OK' if big[4] <= 10e6 else 'OVER'}, <= 5 s {'OK' if big[6] <= 5 else 'OVER'}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (shared machine: times are upper bounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

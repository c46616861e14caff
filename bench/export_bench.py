"""What the graph files cost against the graph build, on the government work reports (1×).

    python bench/export_bench.py [--corpus FILE] [--repeat 3]

Extracts the reports once (not timed), then times in CPU seconds (best of ``--repeat``): build_graph of the
documents, writing graph.json, writing GraphML + GEXF from that graph (graph.export), and, where the streaming
build exists (graph/stream.py), the whole streamed write (extraction.jsonl + the three graph files from the
documents).  Issue 13 point 3: GraphML + GEXF must not cost more than the graph build itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl"

from policykg.extract.pipeline import extract_paths  # noqa: E402
from policykg.graph.build import build_graph  # noqa: E402
from policykg.graph.export import write_gexf, write_graphml, write_node_link  # noqa: E402


def _cpu(step: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        step()
        best = min(best, time.process_time() - started)
    return best


def _streamed(docs: list, out: Path, repeat: int) -> list[tuple[str, float]]:
    """The streaming build's writers, where they exist: GraphML + GEXF alone from the documents' rows (made
    once, not timed), and the whole write from the documents."""
    try:
        from policykg.graph.formats import Gexf, GraphML
        from policykg.graph.stream import graph_rows, write_graph_files, write_streamed
    except ImportError:
        return []
    rows = list(graph_rows(docs))
    folder = out / "streamed"
    folder.mkdir()
    return [("streamed GraphML + GEXF (from rows)",
             _cpu(lambda: write_graph_files(rows, folder, (GraphML, Gexf)), repeat)),
            ("streamed: jsonl + json + GraphML + GEXF", _cpu(lambda: write_streamed(docs, folder), repeat))]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    docs = extract_paths([a.corpus]).documents
    g = build_graph(docs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows = [("build_graph", _cpu(lambda: build_graph(docs), a.repeat)),
                ("graph.json (node-link)", _cpu(lambda: write_node_link(g, out / "graph.json"), a.repeat)),
                ("GraphML + GEXF", _cpu(lambda: (write_graphml(g, out / "g.graphml"), write_gexf(g, out / "g.gexf")),
                                        a.repeat))]
        rows += _streamed(docs, out, a.repeat)
    print(f"{len(docs)} documents, {g.number_of_nodes()} nodes, {g.number_of_edges()} edges ({ROOT.name})")
    build = rows[0][1]
    for name, seconds in rows:
        print(f"{name:<42} {seconds:>7.3f} s CPU  {seconds / build:>5.2f}x build_graph")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

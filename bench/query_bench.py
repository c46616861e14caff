"""Latency of every named query on Neo4j and on networkx, at 1× and 10× the government-work-reports graph.

The 10× graph is what ten times as many reports would look like: every document copied with distinct
document, area and measure ids (and a copy suffix on source and title), the SAME institutions — units
recur across years, they do not multiply.  For each query and backend the script prints p50 and p95 over
repeated runs and the 10×/1× ratio of p50; below 10 means the query grows no worse than linearly.  Beside
them, each answer's size and its floor: the time to copy the answer (its rows and their lists), with no
graph read, at 1× and 10× (a query whose answer grows 10× cannot grow less than this does).

Usage: python bench/query_bench.py [--reps 30] [--copies 10]
It starts a Neo4j server of its own (bench/scratch_db.py) and empties that one; the user's server is never used.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, not whichever policykg the environment installed

from scratch_db import clear, scratch_settings  # noqa: E402

from policykg.extract.pipeline import extract_paths  # noqa: E402
from policykg.graph.build import build_graph  # noqa: E402
from policykg.graph.neo4j.load import load_documents  # noqa: E402
from policykg.graph.neo4j.session import open_session  # noqa: E402
from policykg.graph.neo4j.settings import Neo4jSettings  # noqa: E402
from policykg.model import Document  # noqa: E402
from policykg.queries import QUERIES, unit_centrality, unit_pairs  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl"


def copy_documents(docs: list[Document], copies: int) -> list[Document]:
    """``copies`` versions of every document with distinct ids; institutions (by name) are shared."""
    out = []
    for k in range(copies):
        if k == 0:
            out.extend(docs)
            continue
        suffix = f"-copy{k}"
        for d in docs:
            areas = [dataclasses.replace(a, id=a.id + suffix, parent_id=a.parent_id and a.parent_id + suffix)
                     for a in d.areas]
            measures = [dataclasses.replace(m, id=m.id + suffix, area_id=m.area_id and m.area_id + suffix)
                        for m in d.measures]
            out.append(dataclasses.replace(d, id=d.id + suffix, source=f"{d.source}#copy{k}",
                                           title=d.title and f"{d.title} (copy {k})", areas=areas, measures=measures))
    return out


def busiest_area(g) -> str:
    """The area name heading the most measures, counting sub-areas (so SUBAREA_OF* is exercised)."""
    weight: Counter[str] = Counter()
    for a, d in g.nodes(data=True):
        if d.get("label") != "Area":
            continue
        measures = sum(1 for _, _, e in g.out_edges(a, data=True) if e["type"] == "HAS_MEASURE")
        node = a
        while node is not None:  # credit the area and every enclosing area
            weight[g.nodes[node]["name"]] += measures
            node = next((p for _, p, e in g.out_edges(node, data=True) if e["type"] == "SUBAREA_OF"), None)
    return min(weight, key=lambda n: (-weight[n], n))


def bench_arguments(g) -> dict[str, dict[str, Any]]:
    """Realistic arguments read from the 1× graph: the busiest pair, the most central unit (by an alias when
    it has one), the busiest area."""
    pair = unit_pairs.run_nx(g, top=1)[0]
    central = unit_centrality.run_nx(g, top=1)[0]["unit"]
    aliases = next(d.get("aliases", []) for _, d in g.nodes(data=True) if d.get("name") == central)
    unit = aliases[0] if aliases else central
    return {
        "shared_measures": {"unit_a": pair["unit_a"], "unit_b": pair["unit_b"]},
        "unit_pairs": {"top": 20},
        "unit_measures": {"unit": unit},
        "area_units": {"area": busiest_area(g)},
        "unit_profile": {"unit": unit},
        "measure_search": {"term": "就业"},
        "recurring_measures": {"min_docs": 2},
        "unit_centrality": {"top": 20},
    }


WARM_UP_S = 2.0


def timings(run, reps: int) -> tuple[float, float, float]:
    """Wall p50, wall p95 and CPU p50 of this process, in milliseconds, after warm-up runs for WARM_UP_S
    seconds, at least five (query plan cache, page cache, the server's JIT: on a server just started, as at
    1×, five runs left most queries 2-5× slower than the same query at 10× later).  CPU time is immune to
    other load on the machine; for Neo4j it covers only the client's share (driver decoding and the Python
    shaping of rows), not the server's."""
    deadline, runs = time.perf_counter() + WARM_UP_S, 0
    while runs < 5 or time.perf_counter() < deadline:
        run()
        runs += 1
    walls, cpus = [], []
    for _ in range(reps):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    walls.sort()
    return statistics.median(walls), walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))], statistics.median(cpus)


def answer_floor(rows: list[dict[str, Any]], reps: int) -> float:
    """p50 ms of copying the answer, each row a fresh dict and each list value a fresh list of the same items:
    what handing back an answer of that size costs in Python whatever the graph, so a query whose answer
    grows 10× (more rows, or longer lists in its rows) has this floor under its 10×/1× ratio."""
    def make() -> list[dict[str, Any]]:
        return [{k: v[:] if isinstance(v, list) else v for k, v in row.items()} for row in rows]
    return timings(make, reps)[0]


def measure(settings: Neo4jSettings, docs: list[Document], args: dict[str, dict[str, Any]],
            reps: int) -> dict[tuple[str, str], tuple[float, float, float]]:
    clear(settings)
    stats = load_documents(settings, docs, batch_size=5000)
    g = build_graph(docs)
    # A long-lived process holding a big graph would do the same: without it every full collection of
    # Python's cyclic GC walks the whole graph, and the query that happens to trigger it pays for that.
    gc.collect()
    gc.freeze()
    print(f"  loaded {len(docs)} documents ({stats['elements']} elements, {stats['seconds']} s)", file=sys.stderr)
    out = {}
    with open_session(settings) as session:
        for name, module in QUERIES.items():
            kw = args[name]
            answer = module.run_nx(g, **kw)
            if module.run_neo4j(session, **kw) != answer:
                held = session.run("MATCH (d:Document) RETURN count(d) AS n").single()["n"]
                raise SystemExit(f"query_bench: {name}: Neo4j and networkx disagree; Neo4j holds {held} documents "
                                 f"of {len(docs)} loaded (another process using the server?)")
            out[name, "neo4j"] = timings(lambda m=module, kw=kw: m.run_neo4j(session, **kw), reps)
            out[name, "networkx"] = timings(lambda m=module, kw=kw: m.run_nx(g, **kw), reps)
            out[name, "answer"] = (len(answer), answer_floor(answer, reps), 0.0)
    gc.unfreeze()
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--copies", type=int, default=10)
    p.add_argument("--corpus", type=Path, default=CORPUS)
    a = p.parse_args()
    settings = scratch_settings()
    result = extract_paths([a.corpus])
    base = result.documents
    g = build_graph(base)
    args = bench_arguments(g)
    print(f"{len(base)} documents from {a.corpus.name}; arguments: {args}", file=sys.stderr)
    one = measure(settings, base, args, a.reps)
    many = measure(settings, copy_documents(base, a.copies), args, a.reps)
    n = f"{a.copies}×"
    head = (f"{'query':19} {'backend':8} {'p50 1×':>7} {'p95 1×':>7} {'p50 ' + n:>8} {'p95 ' + n:>8} {'ratio':>6}"
            f"  {'cpu 1×':>7} {'cpu ' + n:>8} {'ratio':>6}")
    print(head)
    print("-" * len(head))
    for (name, backend), (p50, p95, cpu) in one.items():
        if backend == "answer":
            continue
        p50n, p95n, cpun = many[name, backend]
        print(f"{name:19} {backend:8} {p50:7.1f} {p95:7.1f} {p50n:8.1f} {p95n:8.1f} {p50n / p50:6.1f}"
              f"  {cpu:7.1f} {cpun:8.1f} {cpun / max(cpu, 0.01):6.1f}")
    print(f"\n{'query':19} {'rows 1×':>8} {'rows ' + n:>9} {'floor 1×':>9} {'floor ' + n:>9} {'ratio':>6}"
          "   (rows of the answer; floor: ms to copy it)")
    for name in QUERIES:
        (rows, floor, _), (rows_n, floor_n, _) = one[name, "answer"], many[name, "answer"]
        print(f"{name:19} {rows:8} {rows_n:9} {floor:9.3f} {floor_n:9.3f} {floor_n / max(floor, 1e-3):6.1f}")
    print(f"milliseconds; p50/p95 wall time, cpu = p50 CPU time of this process; ratio = {n} / 1× "
          f"(≤ {a.copies}: no worse than linear); floor = p50 of copying the answer (answer_floor); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Neo4j load rate: the batched loader against the naive one-statement-per-element loader, same server, same run.

The naive loader is how most Chinese knowledge-graph projects fill Neo4j: one auto-commit MERGE per node
and per relationship (py2neo `graph.merge` in a loop).  It gets the same uniqueness constraints as the
batched loader, so the difference measured is round trips and commits, not missing indexes.  The naive
loader may run on a sample of whole documents (--naive-elements); its rate is then measured on that
sample and the full-corpus time extrapolated from it.  The first batched run is the first load after the
server started (warmed up by start_server as `policykg neo4j start` does; --no-warm-up: as before it was);
it is reported beside the warm runs.

Then, at each of --scales (copies of the corpus with distinct ids, bench/query_bench.py), the batched loader
is held against the offline `neo4j-admin database import full` of the same graph, written as the import
tool's CSV into a stopped private server (bench/scratch_db.py); that server is then started and must hold
the same counts.  Both rates count the elements of the merged graph; the target is loader/import >= 0.5
at the largest scale.

Usage: python bench/load_bench.py [JSONL_OR_DIR] [--batch-size N] [--repeat N] [--scales 1,16]
       [--naive-elements N | --naive-all] [--no-warm-up]
Starts a Neo4j server of its own (bench/scratch_db.py), CLEARED before each load; the user's server is never used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, not whichever policykg the environment installed

from query_bench import copy_documents  # noqa: E402
from scratch_db import clear, import_server, scratch_settings  # noqa: E402

from policykg.extract.pipeline import extract_paths  # noqa: E402
from policykg.graph.build import build_graph, counts  # noqa: E402
from policykg.graph.neo4j import server  # noqa: E402
from policykg.graph.neo4j.load import BATCH_SIZE, load_documents  # noqa: E402
from policykg.graph.neo4j.session import open_session  # noqa: E402
from policykg.graph.neo4j.settings import Neo4jSettings  # noqa: E402
from policykg.graph.rows import document_elements  # noqa: E402
from policykg.model import Document  # noqa: E402

DEFAULT_INPUT = ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl"
TARGET_RATIO = 20
TARGET_RATE = 10_000
TARGET_IMPORT_RATIO = 0.5


def db_counts(settings: Neo4jSettings) -> dict[str, int]:
    with open_session(settings) as session:
        out = {r["k"]: r["c"] for r in session.run("MATCH (n) RETURN labels(n)[0] AS k, count(*) AS c")}
        out.update({r["k"]: r["c"] for r in session.run("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c")})
    return out


def naive_load(settings: Neo4jSettings, docs: list[Document]) -> int:
    """One auto-commit statement per node and per relationship; returns the number of elements sent."""
    sent = 0
    with open_session(settings, write=True) as session:
        for doc in docs:
            nodes, rels = document_elements(doc)
            label_of = {n.id: n.label for n in nodes}
            for n in nodes:
                session.run(f"MERGE (n:{n.label} {{id: $id}}) SET n += $props", id=n.id, props=n.props).consume()
            for r in rels:
                session.run(f"MATCH (a:{label_of[r.start]} {{id: $start}}) MATCH (b:{label_of[r.end]} "
                            f"{{id: $end}}) MERGE (a)-[r:{r.type}]->(b) SET r += $props",
                            start=r.start, end=r.end, props=r.props).consume()
            sent += len(nodes) + len(rels)
    return sent


def sample(docs: list[Document], elements: int) -> list[Document]:
    """Whole documents from the start of the corpus until about `elements` elements."""
    out, size = [], 0
    for doc in docs:
        if size >= elements:
            break
        nodes, rels = document_elements(doc)
        out.append(doc)
        size += len(nodes) + len(rels)
    return out


def batched_runs(settings: Neo4jSettings, docs: list[Document], total: int, args: argparse.Namespace,
                 expected: dict[str, int]) -> float:
    """The batched loader args.repeat times from empty; the first run is the first load after the server
    started (cold JIT and page cache), the others warm.  Returns the median rate of the warm runs."""
    rates = []
    for i in range(args.repeat):
        clear(settings)
        stats = load_documents(settings, docs, batch_size=args.batch_size)
        rates.append(total / stats["seconds"])
        print(f"  batched run {i + 1}{' (first load after start)' if i == 0 else ''}: {stats['seconds']:.2f} s, "
              f"{stats['transactions']} transactions, {rates[-1]:,.0f} elements/s")
    held = db_counts(settings)
    assert held == expected, f"Neo4j holds {held}, networkx {expected}"
    warm = statistics.median(rates[1:] or rates)
    print(f"first load after start vs warm: {rates[0]:,.0f} vs {warm:,.0f} elements/s "
          f"(warm {warm / rates[0]:.1f}x faster)")
    return warm


def naive_run(settings: Neo4jSettings, docs: list[Document], args: argparse.Namespace) -> tuple[int, float, str]:
    """The naive loader on a sample (or all) of docs: (elements sent, seconds, what was loaded)."""
    naive_docs = docs if args.naive_all else sample(docs, args.naive_elements)
    clear(settings)
    t0 = time.perf_counter()
    sent = naive_load(settings, naive_docs)
    seconds = time.perf_counter() - t0
    clear(settings)
    return sent, seconds, "whole corpus" if len(naive_docs) == len(docs) else f"first {len(naive_docs)} documents"


def against_import(settings: Neo4jSettings, docs: list[Document], scale: int, batch_size: int) -> float:
    """The batched loader and `neo4j-admin database import full` on the same graph (the corpus copied
    ``scale`` times); both stores must hold the same counts.  Returns loader rate / import rate."""
    many = copy_documents(docs, scale)
    g = build_graph(many)
    elements = g.number_of_nodes() + g.number_of_edges()
    expected = {k: v for k, v in counts(g).items() if v}
    clear(settings)
    loaded = load_documents(settings, many, batch_size=batch_size)
    assert db_counts(settings) == expected, f"{scale}×: the loader's store differs from networkx"
    folder = Path(tempfile.mkdtemp(prefix="policykg-import-"))
    try:
        t_csv, t_import, lay = import_server(g, folder)
        imported = server.start_server(lay)
        try:
            held = db_counts(imported)
        finally:
            server.stop_server(lay)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert held == expected, f"{scale}×: the imported store holds {held}, the loader's {expected}"
    loader, tool = elements / loaded["seconds"], elements / t_import
    print(f"{scale:>3}× ({elements:,} elements): loader {loaded['seconds']:.1f} s = {loader:,.0f}/s; "
          f"import {t_import:.1f} s = {tool:,.0f}/s (+ {t_csv:.1f} s writing its CSV: "
          f"{elements / (t_import + t_csv):,.0f}/s); loader/import {loader / tool:.2f}")
    return loader / tool


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", default=str(DEFAULT_INPUT))
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--repeat", type=int, default=3, help="batched runs (the median of the warm ones is reported)")
    ap.add_argument("--naive-elements", type=int, default=4000, help="naive loader sample size")
    ap.add_argument("--naive-all", action="store_true", help="run the naive loader on the whole corpus")
    ap.add_argument("--scales", default="1,16", help="copies of the corpus for the loader/import comparison")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--no-warm-up", action="store_true", help="start the server without the loader's warm-up")
    args = ap.parse_args()

    settings = scratch_settings(warm=not args.no_warm_up)
    t0 = time.perf_counter()
    docs = extract_paths([Path(args.input)], jobs=args.jobs).documents
    t_extract = time.perf_counter() - t0
    g = build_graph(docs)
    expected = {k: v for k, v in counts(g).items() if v}
    total = sum(len(n) + len(r) for n, r in map(document_elements, docs))
    print(f"corpus: {args.input}: {len(docs)} documents, {total:,} graph elements "
          f"({g.number_of_nodes():,} nodes, {g.number_of_edges():,} relationships after merging); "
          f"extracted in {t_extract:.1f} s")
    print(f"Neo4j at {settings.uri}; each load starts from an empty database")
    batched = batched_runs(settings, docs, total, args, expected)
    again = load_documents(settings, docs, batch_size=args.batch_size)
    assert db_counts(settings) == expected and again["unchanged"] == len(docs)
    sent, t_naive, scope = naive_run(settings, docs, args)
    naive = sent / t_naive

    print(f"(a) batched loader (UNWIND {args.batch_size} rows, grouped transactions): {batched:,.0f} elements/s "
          f"(median of the warm runs) -> {total / batched:.1f} s for the corpus")
    print(f"(b) naive loader (one auto-commit MERGE per element): {sent:,} elements ({scope}) in {t_naive:.1f} s "
          f"= {naive:,.0f} elements/s -> {total / naive:.0f} s for the corpus"
          f"{'' if scope == 'whole corpus' else ' (extrapolated)'}")
    print(f"(c) second load of the same corpus: {again['seconds']:.2f} s, {again['unchanged']} documents found "
          f"unchanged, {again['nodes_created'] + again['relationships_created']} elements written")
    ratio = batched / naive
    verdict = {True: "met", False: "MISSED"}
    print(f"ratio batched/naive: {ratio:.1f}x (target >= {TARGET_RATIO}x: {verdict[ratio >= TARGET_RATIO]}); "
          f"batched rate target >= {TARGET_RATE:,}/s: {verdict[batched >= TARGET_RATE]}")
    print("(d) batched loader against the offline import (elements of the merged graph, same graph, same store "
          "counts):")
    ratios = {scale: against_import(settings, docs, scale, args.batch_size) for scale in
              map(int, args.scales.split(","))}
    top = max(ratios)
    print(f"loader/import at {top}×: {ratios[top]:.2f} (target >= {TARGET_IMPORT_RATIO}: "
          f"{verdict[ratios[top] >= TARGET_IMPORT_RATIO]}); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

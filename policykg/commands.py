"""The commands' handlers: each reads its arguments, calls the stages, and prints what it did.

Only the CLI (policykg.cli) imports this module.  Each handler imports the stages it needs inside itself, so
`policykg --help` or `policykg query` starts without loading jieba, pdfminer or the Neo4j driver.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import UsageError

if TYPE_CHECKING:  # annotations only
    import networkx as nx

    from policykg.extract.pipeline import ExtractResult
    from policykg.graph.neo4j.settings import Neo4jSettings
    from policykg.model import Document


def _neo4j_settings(args: argparse.Namespace) -> Neo4jSettings:
    from policykg.graph.neo4j.settings import Neo4jSettings

    return Neo4jSettings.resolve(uri=args.uri, user=args.user, password=args.password, database=args.database)


def _progress(args: argparse.Namespace) -> bool:
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def _extract(args: argparse.Namespace, output: Path) -> ExtractResult:
    """Extract every path but the command's own output, with the user's unit list; report each failed
    file in one line and go on."""
    from policykg.errors import printable
    from policykg.extract.pipeline import extract_paths
    from policykg.extract.user_units import apply_unit_list, resolve_unit_list

    units = resolve_unit_list(args.units)  # read before any document: a malformed row stops nothing half-done
    result = extract_paths([Path(p) for p in args.paths], jobs=args.jobs, progress=_progress(args),
                           exclude=frozenset({output.resolve()}))
    result.documents[:] = [apply_unit_list(doc, units) for doc in result.documents]
    for err in result.errors:
        print(f"policykg: {printable(err)}", file=sys.stderr)
    return result


def _nothing_read(out: Path) -> int:
    """No document could be read: the previous outputs are worth more than empty ones."""
    from policykg.errors import printable

    print(f"policykg: no document could be read; {printable(out)} left as it was", file=sys.stderr)
    return 1


def _documents(n: int) -> str:
    return f"{n} document" if n == 1 else f"{n} documents"


def _write_jsonl(docs: Iterable[Document], path: Path) -> None:
    from policykg.records import write_records

    with path.open("w", encoding="utf-8") as fh:
        write_records(docs, fh)


def _read_jsonl(path: Path) -> list[Document]:
    from policykg.records import read_records

    if path.is_dir():
        path = path / "extraction.jsonl"
    if not path.is_file():
        raise UsageError(f"{path}: no such file (run `policykg build` or `policykg extract` first)")
    return read_records(path)


def _load_graph(path: Path) -> nx.DiGraph:
    from policykg.graph.export import read_node_link

    if path.is_dir():
        path = path / "graph.json"
    if not path.is_file():
        raise UsageError(f"{path}: no such graph (run `policykg build PATH -o out/` first)")
    return read_node_link(path)


def cmd_extract(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_file_target, replaced_file

    out = Path(args.output)
    check_file_target(out, [Path(p) for p in args.paths])
    result = _extract(args, out)
    if not result.documents:
        return _nothing_read(out)
    with replaced_file(out) as tmp:
        _write_jsonl(result.documents, tmp)
    print(f"{_documents(len(result.documents))} → {out}", file=sys.stderr)
    return 1 if result.errors else 0


def _write_build(g: nx.DiGraph, docs: list[Document], out: Path, viz: bool) -> list[Path]:
    """extraction.jsonl, graph.json/.graphml/.gexf and the pages, replacing the previous set in one swap."""
    from policykg.graph.export import write_gexf, write_graphml, write_node_link
    from policykg.graph.outputs import replaced_folder

    with replaced_folder(out) as tmp:
        _write_jsonl(docs, tmp / "extraction.jsonl")
        write_node_link(g, tmp / "graph.json")
        write_graphml(g, tmp / "graph.graphml")
        write_gexf(g, tmp / "graph.gexf")
        pages = []
        if viz:
            from policykg.graph.pages.write import write_pages

            pages = write_pages(g, tmp)
    return [out / page.name for page in pages]


def cmd_build(args: argparse.Namespace) -> int:
    from policykg.graph.build import build_graph, counts
    from policykg.graph.outputs import check_folder_target
    from policykg.queries import unit_pairs
    from policykg.queries.format import print_rows

    out = Path(args.output)
    check_folder_target(out, [Path(p) for p in args.paths])
    result = _extract(args, out)
    if not result.documents:
        return _nothing_read(out)
    g = build_graph(result.documents)
    pages = _write_build(g, result.documents, out, viz=not args.no_viz)
    summary = ", ".join(f"{v} {k}" for k, v in counts(g).items() if v)
    print(f"{_documents(len(result.documents))} → {out}/ ({summary})", file=sys.stderr)
    for page in pages:
        print(f"wrote {page}", file=sys.stderr)
    if args.neo4j:
        from policykg.graph.neo4j.load import load_documents

        stats = load_documents(_neo4j_settings(args), result.documents, batch_size=args.batch_size,
                               progress=_progress(args))
        print(f"loaded into Neo4j: {stats}", file=sys.stderr)
    rows = unit_pairs.run_nx(g, top=args.top, min_shared=1)
    print("Unit pairs sharing measures:")
    print_rows(rows, args.format, columns=["unit_a", "unit_b", "shared", "measures"])
    return 1 if result.errors else 0


def cmd_table(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_file_target, replaced_file
    from policykg.queries.duty_table import WRITERS

    out = Path(args.output)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise UsageError(f"-o {out}: the table is written as {' or '.join(WRITERS)}")
    check_file_target(out, [Path(p) for p in args.paths], ours=lambda path: path.suffix.lower() in WRITERS)
    result = _extract(args, out)
    if not result.documents:
        return _nothing_read(out)
    with replaced_file(out) as tmp:
        writer(result.documents, tmp)
    rows = sum(len(doc.measures) for doc in result.documents)
    print(f"{_documents(len(result.documents))}, {rows} measures → {out}", file=sys.stderr)
    return 1 if result.errors else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from policykg.extract.evaluate import evaluate_paths, format_report

    report = evaluate_paths(Path(args.gold), Path(args.pred), warn=lambda line: print(line, file=sys.stderr))
    print(format_report(report, details=args.details))
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    from policykg.graph.neo4j import server

    return {"start": server.start, "stop": server.stop, "status": server.status}[args.action]()


def cmd_load(args: argparse.Namespace) -> int:
    from policykg.graph.neo4j.load import load_documents

    docs = _read_jsonl(Path(args.input))
    stats = load_documents(_neo4j_settings(args), docs, batch_size=args.batch_size, progress=_progress(args))
    print(f"loaded {_documents(len(docs))}: {stats}", file=sys.stderr)
    return 0


def _parse_params(pairs: list[str]) -> dict[str, object]:
    params: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--param {pair!r}: expected key=value")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


def cmd_cypher(args: argparse.Namespace) -> int:
    from policykg.graph.neo4j.cypher import execute
    from policykg.queries.format import print_rows

    result = execute(_neo4j_settings(args), args.query, _parse_params(args.param), write=args.write)
    if result.columns or args.format != "table":
        print_rows(result.rows(args.format), args.format, columns=result.columns)
    if result.counters:
        print(result.counters, file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import os

    from policykg.queries import QUERIES, SPECS
    from policykg.queries.format import print_rows

    if args.list or not getattr(args, "query_spec", None):
        width = max(len(spec.command) for spec in SPECS.values())
        for spec in SPECS.values():
            print(f"{spec.command:<{width}}  {spec.summary}")
        return 0 if args.list else 2
    spec = args.query_spec
    module, kwargs = QUERIES[spec.name], spec.kwargs(args)
    if args.neo4j or (os.environ.get("NEO4J_URI") and not args.graph):
        from policykg.graph.neo4j.session import open_session

        with open_session(_neo4j_settings(args)) as session:
            rows = module.run_neo4j(session, **kwargs)
    else:
        rows = module.run_nx(_load_graph(Path(args.graph or "out")), **kwargs)
    print_rows(rows, args.format, columns=module.COLUMNS)
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_folder_target, staged_files
    from policykg.graph.pages.write import write_pages

    out = Path(args.output)
    check_folder_target(out, [])
    g = _load_graph(Path(args.graph))
    with staged_files(out) as tmp:
        pages = write_pages(g, tmp, unit=args.unit)
    for page in pages:
        print(f"wrote {out / page.name}", file=sys.stderr)
    return 0

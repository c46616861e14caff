"""The commands' handlers: each reads its arguments, calls the stages, and prints what it did.

Only the CLI (policykg.cli) imports this module.  Each handler imports the stages it needs inside itself, so
`policykg --help` or `policykg query` starts without loading jieba, pdfminer or the Neo4j driver.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import UsageError

if TYPE_CHECKING:  # annotations only
    from collections.abc import Callable, Iterator

    import networkx as nx

    from policykg.extract.pipeline import ExtractStream
    from policykg.graph.neo4j.settings import Neo4jSettings
    from policykg.model import Document
    from policykg.queries.unit_pairs import PairTally


def _neo4j_settings(args: argparse.Namespace) -> Neo4jSettings:
    from policykg.graph.neo4j.settings import Neo4jSettings

    return Neo4jSettings.resolve(uri=args.uri, user=args.user, password=args.password, database=args.database)


def _progress(args: argparse.Namespace) -> bool:
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def _stream(args: argparse.Namespace, output: Path) -> ExtractStream:
    """The documents of every path but the command's own output as they are extracted, with the user's unit
    list applied; the stream's ``errors`` is complete once it is exhausted."""
    from policykg.extract.pipeline import ExtractStream
    from policykg.extract.user_units import resolve_unit_list

    units = resolve_unit_list(args.units)  # read before any document: a malformed row stops nothing half-done
    return ExtractStream([Path(p) for p in args.paths], jobs=args.jobs, progress=_progress(args),
                         exclude=frozenset({output.resolve()}), units=units)


def _print_errors(errors: list[str]) -> None:
    """Each failed file in one line: the rest of the batch went on."""
    from policykg.errors import printable

    for err in errors:
        print(f"policykg: {printable(err)}", file=sys.stderr)


class _NothingRead(Exception):
    """No document came out of the stream: raised inside the replaced output so that it is left as it was."""


def _nothing_read(out: Path) -> int:
    """No document could be read: the previous outputs are worth more than empty ones."""
    from policykg.errors import printable

    print(f"policykg: no document could be read; {printable(out)} left as it was", file=sys.stderr)
    return 1


def _documents(n: int) -> str:
    return f"{n} document" if n == 1 else f"{n} documents"


def _build_file(path: Path, name: str, missing: str) -> Path:
    """``path`` itself, or the file ``name`` of the build folder it names; UsageError when there is none."""
    if path.is_dir():
        path = path / name
    if not path.is_file():
        raise UsageError(f"{path}: {missing}")
    return path


def _load_jsonl(args: argparse.Namespace, path: Path, ours: bool = False) -> dict[str, object]:
    """Load the extraction file ``path`` names into Neo4j, record by record as it is read (load.load_documents).

    A file the user gives is read through once before Neo4j is contacted, one record at a time: a damaged
    line anywhere is reported and nothing is loaded, as when the loader held the whole list.  ``ours``: the
    build's own file, just written from the model, is counted by its lines instead."""
    from policykg.graph.neo4j.load import load_documents
    from policykg.records import count_records, read_records

    path = _build_file(path, "extraction.jsonl", "no such file (run `policykg build` or `policykg extract` first)")
    total = count_records(path) if ours else sum(1 for _ in read_records(path))
    return load_documents(lambda: _neo4j_settings(args), read_records(path), batch_size=args.batch_size,
                          progress=_progress(args), total=total)


def _load_graph(path: Path) -> nx.DiGraph:
    from policykg.graph.export import read_node_link

    return read_node_link(_build_file(path, "graph.json", "no such graph (run `policykg build PATH -o out/` first)"))


def _write_streamed(args: argparse.Namespace, out: Path,
                    write: Callable[[Iterator[Document], Path], None]) -> tuple[int, int, bool] | None:
    """Extract args.paths into ``write(documents, tmp)``, the documents handed over as they finish, inside the
    temporary file that replaces ``out`` only when all went well; returns (documents, measures, whether some
    input failed), or None when no document came out (``out`` left as it was, the reason printed)."""
    from policykg.graph.outputs import replaced_file

    stream, n, measures = _stream(args, out), 0, 0

    def documents() -> Iterator[Document]:
        nonlocal n, measures
        for doc in stream:  # each one written as it finishes, then let go of
            n, measures = n + 1, measures + len(doc.measures)
            yield doc

    try:
        with replaced_file(out) as tmp:
            write(documents(), tmp)
            _print_errors(stream.errors)
            if not n:
                raise _NothingRead
    except _NothingRead:
        _nothing_read(out)
        return None
    return n, measures, bool(stream.errors)


def cmd_extract(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_file_target
    from policykg.records import write_records

    out = Path(args.output)
    check_file_target(out, [Path(p) for p in args.paths])

    def write(docs: Iterator[Document], tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            write_records(docs, fh)

    done = _write_streamed(args, out, write)
    if done is None:
        return 1
    print(f"{_documents(done[0])} → {out}", file=sys.stderr)
    return 1 if done[2] else 0


def _write_build(args: argparse.Namespace, out: Path) -> tuple[int, dict[str, int], list[Path], PairTally, bool]:
    """extraction.jsonl, graph.json and the --exports (.graphml, .gexf) written as documents are extracted, then
    the pages from the finished extraction, replacing the previous set in one swap; _NothingRead leaves it as
    it was."""
    from policykg.graph.build import build_graph
    from policykg.graph.formats import EXPORTS, NodeLink
    from policykg.graph.outputs import replaced_folder
    from policykg.graph.stream import write_streamed
    from policykg.queries.unit_pairs import PairTally
    from policykg.records import read_records

    stream, tally = _stream(args, out), PairTally()
    with replaced_folder(out) as tmp:
        formats = (NodeLink, *(EXPORTS[name] for name in args.exports))
        n, counts = write_streamed(stream, tmp, sinks=[tally.add], formats=formats)
        _print_errors(stream.errors)
        if not n:
            raise _NothingRead
        pages = []
        if not args.no_viz:
            from policykg.graph.pages.write import write_pages

            pages = write_pages(build_graph(read_records(tmp / "extraction.jsonl")), tmp)
    return n, dict(counts), [out / page.name for page in pages], tally, bool(stream.errors)


def cmd_build(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_folder_target
    from policykg.queries.format import print_rows

    out = Path(args.output)
    check_folder_target(out, [Path(p) for p in args.paths])
    try:
        n, counts, pages, tally, failed = _write_build(args, out)
    except _NothingRead:
        return _nothing_read(out)
    summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    print(f"{_documents(n)} → {out}/ ({summary})", file=sys.stderr)
    for page in pages:
        print(f"wrote {page}", file=sys.stderr)
    if args.neo4j:
        stats = _load_jsonl(args, out, ours=True)  # after the swap: a failed build never reaches the database
        print(f"loaded into Neo4j: {stats}", file=sys.stderr)
    print("Unit pairs sharing measures:")
    print_rows(tally.rows(top=args.top, min_shared=1), args.format, columns=["unit_a", "unit_b", "shared", "measures"])
    return 1 if failed else 0


def cmd_table(args: argparse.Namespace) -> int:
    from policykg.graph.outputs import check_file_target
    from policykg.queries.duty_table import WRITERS

    out = Path(args.output)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise UsageError(f"-o {out}: the table is written as {' or '.join(WRITERS)}")
    check_file_target(out, [Path(p) for p in args.paths], ours=lambda path: path.suffix.lower() in WRITERS)
    done = _write_streamed(args, out, writer)  # either writer takes the documents as they finish
    if done is None:
        return 1
    print(f"{_documents(done[0])}, {done[1]} measures → {out}", file=sys.stderr)
    return 1 if done[2] else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from policykg.extract.evaluate import evaluate_paths, format_report

    report = evaluate_paths(Path(args.gold), Path(args.pred), warn=lambda line: print(line, file=sys.stderr))
    print(format_report(report, details=args.details))
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    from policykg.graph.neo4j import server

    return {"start": server.start, "stop": server.stop, "status": server.status}[args.action]()


def cmd_load(args: argparse.Namespace) -> int:
    stats = _load_jsonl(args, Path(args.input))
    print(f"loaded {_documents(int(stats['documents']))}: {stats}", file=sys.stderr)
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

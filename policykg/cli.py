"""policykg command line: the only module that ties extract → graph → queries together.

Exit codes: 0 success; 1 some input file failed (the others were processed), no input could be read, the
one file a command reads (extraction.jsonl, graph.json) is malformed, or the output could not be written
(disk full); 2 usage or settings error (bad arguments, an -o that is a folder, a file, an input or read-only,
Neo4j unreachable, wrong password, unknown unit); 130 interrupted (Ctrl-C, SIGTERM).  Expected errors print
one line on stderr, never a traceback.  Outputs are replaced whole or not at all (graph/outputs.py).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from policykg.errors import PolicykgError, UsageError

if TYPE_CHECKING:  # annotations only: the modules themselves are imported by the handlers that need them
    import networkx as nx

    from policykg.extract.pipeline import ExtractResult
    from policykg.graph.neo4j.settings import Neo4jSettings
    from policykg.model import Document
    from policykg.queries.params import QuerySpec

DESCRIPTION = """\
policykg reads Chinese policy documents (实施意见, 工作方案, 任务分工表, 政府工作报告 …; .txt, .html, .docx,
.xlsx, .pdf) and answers who is charged with what: the reform areas, the measures, and the institutions that
lead or support each one, as a graph you query here, in Neo4j, in notebooks, in Excel or in Gephi.

  policykg build corpus/ -o out/                 extract, build the graph, write exports and pages
  policykg query unit-pairs --top 5              which units share the most measures
  policykg table corpus/ -o duties.xlsx          the 责任分工表: measure, lead, support, deadline
  policykg query --list                          every named question
"""


def _add_neo4j_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Neo4j connection (default: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)")
    g.add_argument("--uri", help="Bolt URI, e.g. neo4j://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io")
    g.add_argument("--user", help="user name (default neo4j)")
    g.add_argument("--password", help="password (default: NEO4J_PASSWORD or the bundled server's password file)")
    g.add_argument("--database", help="database name (default neo4j)")


def _add_corpus_options(p: argparse.ArgumentParser, output: str, default: str | None = None) -> None:
    """The inputs, -o, -j and --units of the commands that extract a corpus (extract, table, build)."""
    p.add_argument("paths", nargs="+", help="files or directories (.txt .html .docx .xlsx .pdf .jsonl)")
    p.add_argument("-o", "--output", required=default is None, default=default, help=output)
    p.add_argument("-j", "--jobs", type=_at_least(1), default=1, help="worker processes")
    _add_units_option(p)


def _add_units_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--units", metavar="FILE.tsv",
                   help="your unit list: alias<TAB>canonical[<TAB>kind[<TAB>region]] "
                        "(default: ~/.config/policykg/units.tsv when it exists)")


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


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in the project's one-line form (argparse prints the usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"policykg: {message} (see `{self.prog} --help`)\n")


def _at_least(minimum: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{raw!r} must be {minimum} or more")
        return value

    parse.__name__ = "number"
    return parse


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policykg")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _query_specs() -> list[QuerySpec]:
    from policykg.queries import SPECS

    return list(SPECS.values())


def _quiet_option() -> argparse.ArgumentParser:
    """-q/--quiet for after a subcommand's name; SUPPRESS keeps a -q given before the name from being reset."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress bar")
    return p


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="policykg", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"policykg {_version()}")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    quiet = _quiet_option()
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    formats = ["table", "csv", "json"]

    def _sub(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        s = sub.add_parser(name, parents=[quiet], **kwargs)
        s.set_defaults(parser=s)  # the innermost parser names the closest option to a typo
        return s

    s = _sub("extract", help="extract documents to JSON Lines")
    _add_corpus_options(s, output="output .jsonl")
    s.set_defaults(func=cmd_extract)

    s = _sub("table", help="the 责任分工表 of a corpus (measure, lead, support, deadline …) as .xlsx or .csv")
    _add_corpus_options(s, output="duties.xlsx (with the unit × unit edge list) or duties.csv")
    s.set_defaults(func=cmd_table)

    s = _sub("build", help="extract, build the graph, write exports and HTML, print shared measures")
    _add_corpus_options(s, output="output directory (default out/)", default="out")
    s.add_argument("--top", type=_at_least(0), default=15, help="unit pairs to print")
    s.add_argument("--format", choices=formats, default="table")
    s.add_argument("--no-viz", action="store_true", help="skip the HTML pages")
    s.add_argument("--neo4j", action="store_true", help="also load the graph into Neo4j")
    s.add_argument("--batch-size", type=_at_least(1), default=1000)
    _add_neo4j_options(s)
    s.set_defaults(func=cmd_build)

    s = _sub("evaluate", help="F1 per document of an extraction against gold files")
    s.add_argument("gold", help="a gold file or a directory of them (../shared/gold)")
    s.add_argument("pred", help="the extraction (.jsonl) of the corpus")
    s.add_argument("--details", action="store_true", help="also list every missed and spurious item")
    s.set_defaults(func=cmd_evaluate)

    s = _sub("neo4j", help="the bundled local Neo4j Community server")
    s.add_argument("action", choices=["start", "stop", "status"])
    s.set_defaults(func=cmd_neo4j)

    s = _sub("load", help="load out/extraction.jsonl into Neo4j")
    s.add_argument("input", nargs="?", default="out", help="build directory or .jsonl (default out/)")
    s.add_argument("--batch-size", type=_at_least(1), default=1000)
    _add_neo4j_options(s)
    s.set_defaults(func=cmd_load)

    s = _sub("cypher", help="run Cypher on Neo4j (read-only unless --write)")
    s.add_argument("query")
    s.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="JSON or string value")
    s.add_argument("--format", choices=formats, default="table")
    s.add_argument("--write", action="store_true", help="allow the query to change data")
    _add_neo4j_options(s)
    s.set_defaults(func=cmd_cypher)

    s = _sub("query", help="a named question, e.g. `policykg query unit-pairs --top 5` (--list lists them)")
    s.add_argument("--list", action="store_true", help="list every query with one line each")
    query_options = argparse.ArgumentParser(add_help=False, parents=[quiet])
    query_options.add_argument("--graph", help="embedded graph: build directory or graph.json (default out/)")
    query_options.add_argument("--neo4j", action="store_true", help="ask Neo4j instead of the embedded graph")
    query_options.add_argument("--format", choices=formats, default="table")
    _add_neo4j_options(query_options)
    queries = s.add_subparsers(dest="query_command", metavar="QUERY")
    for spec in _query_specs():
        spec.add_parser(queries, [query_options])
    s.set_defaults(func=cmd_query)

    s = _sub("viz", help="write the interactive HTML pages")
    s.add_argument("--graph", default="out", help="build directory or graph.json (default out/)")
    s.add_argument("-o", "--output", default="out")
    s.add_argument("--unit", help="also write the neighbourhood page of this unit (aliases accepted)")
    s.set_defaults(func=cmd_viz)
    return p


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary outputs are removed and the previous ones stay."""
    raise KeyboardInterrupt


def _query_argv(argv: list[str]) -> list[str]:
    """The query's name first after ``query`` (so its options may come before it too), and the older
    ``top=5`` spelling as ``--top 5``."""
    from policykg.queries import SPECS
    from policykg.queries.params import key_value_options

    by_command = {name: spec for spec in SPECS.values() for name in (spec.name, spec.command)}
    if "query" not in argv:
        return argv
    at = argv.index("query") + 1
    named = next((i for i in range(at, len(argv)) if argv[i] in by_command), None)
    if named is None:
        return argv
    rest = argv[at:named] + argv[named + 1:]
    return argv[:at] + [argv[named]] + key_value_options(by_command[argv[named]], rest)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parsed arguments; an unknown option is a UsageError that names the closest real one."""
    from policykg.queries.params import closest_option

    args, extra = parser.parse_known_args(argv)
    if extra:
        used = getattr(args, "parser", None)  # the innermost subcommand's parser
        hint = closest_option(used, extra[0]) if extra[0].startswith("--") and used else None
        raise UsageError(f"unrecognized argument {extra[0]!r}" + (f"; did you mean {hint}?" if hint else ""))
    return args


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    in_main_thread = threading.current_thread() is threading.main_thread()  # signal() works there only
    previous = signal.signal(signal.SIGTERM, _interrupted) if in_main_thread else None
    try:
        args = _parse(parser, _query_argv(list(sys.argv[1:] if argv is None else argv)))
        return args.func(args)
    except PolicykgError as exc:  # every expected error: one line, and the exit code its class carries
        print(f"policykg: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("policykg: interrupted; earlier outputs left as they were", file=sys.stderr)
        return 130
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)

"""policykg command line: the parser and main(); the handlers are in policykg.commands, the only other
module that ties extract → graph → queries together.

Exit codes: 0 success; 1 some input file failed (the others were processed), no input could be read, the
one file a command reads (extraction.jsonl, graph.json) is malformed, or the output could not be written
(disk full); 2 usage or settings error (bad arguments, an -o that is a folder, a file, an input or read-only,
Neo4j unreachable, wrong password, unknown unit); 130 interrupted (Ctrl-C, SIGTERM).  Expected errors print
one line on stderr, never a traceback.  Outputs are replaced whole or not at all (graph/outputs.py).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from policykg import commands
from policykg.errors import PolicykgError, UsageError

if TYPE_CHECKING:  # annotations only: the modules themselves are imported by the handlers that need them

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


def _exports(raw: str) -> tuple[str, ...]:
    """--exports graphml,gexf | graphml | gexf | none."""
    names = tuple(n.strip().lower() for n in raw.split(",") if n.strip() and n.strip().lower() != "none")
    wrong = [n for n in names if n not in ("graphml", "gexf")]
    if wrong:
        raise argparse.ArgumentTypeError(f"{wrong[0]!r} is none of graphml, gexf, none")
    return names


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


FORMATS = ["table", "csv", "json"]


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="policykg", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"policykg {_version()}")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    quiet = _quiet_option()
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        s = sub.add_parser(name, parents=[quiet], help=help)
        s.set_defaults(parser=s)  # the innermost parser names the closest option to a typo
        return s

    _corpus_commands(add)
    _neo4j_commands(add)
    _query_command(add("query", "a named question, e.g. `policykg query unit-pairs --top 5` (--list lists them)"),
                   quiet)
    s = add("viz", "write the interactive HTML pages")
    s.add_argument("--graph", default="out", help="build directory or graph.json (default out/)")
    s.add_argument("-o", "--output", default="out")
    s.add_argument("--unit", help="also write the neighbourhood page of this unit (aliases accepted)")
    s.set_defaults(func=commands.cmd_viz)
    return p


def _corpus_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """extract, table, build and evaluate: the commands that read documents."""
    s = add("extract", "extract documents to JSON Lines")
    _add_corpus_options(s, output="output .jsonl")
    s.set_defaults(func=commands.cmd_extract)

    s = add("table", "the 责任分工表 of a corpus (measure, lead, support, deadline …) as .xlsx or .csv")
    _add_corpus_options(s, output="duties.xlsx (with the unit × unit edge list) or duties.csv")
    s.set_defaults(func=commands.cmd_table)

    s = add("build", "extract, build the graph, write exports and HTML, print shared measures")
    _add_corpus_options(s, output="output directory (default out/)", default="out")
    s.add_argument("--top", type=_at_least(0), default=15, help="unit pairs to print")
    s.add_argument("--format", choices=FORMATS, default="table")
    s.add_argument("--no-viz", action="store_true", help="skip the HTML pages")
    s.add_argument("--exports", type=_exports, default=("graphml", "gexf"), metavar="graphml,gexf",
                   help="files for Gephi, R and igraph beside graph.json: both (default), one, or none")
    s.add_argument("--neo4j", action="store_true", help="also load the graph into Neo4j")
    s.add_argument("--batch-size", type=_at_least(1), default=5000)  # load.BATCH_SIZE
    _add_neo4j_options(s)
    s.set_defaults(func=commands.cmd_build)

    s = add("evaluate", "F1 per document of an extraction against gold files")
    s.add_argument("gold", help="a gold file or a directory of them (../shared/gold)")
    s.add_argument("pred", help="the extraction (.jsonl) of the corpus")
    s.add_argument("--details", action="store_true", help="also list every missed and spurious item")
    s.set_defaults(func=commands.cmd_evaluate)


def _neo4j_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """neo4j, load and cypher: the bundled server and the commands that talk to a server."""
    s = add("neo4j", "the bundled local Neo4j Community server")
    s.add_argument("action", choices=["start", "stop", "status"])
    s.set_defaults(func=commands.cmd_neo4j)

    s = add("load", "load out/extraction.jsonl into Neo4j")
    s.add_argument("input", nargs="?", default="out", help="build directory or .jsonl (default out/)")
    s.add_argument("--batch-size", type=_at_least(1), default=5000)  # load.BATCH_SIZE
    _add_neo4j_options(s)
    s.set_defaults(func=commands.cmd_load)

    s = add("cypher", "run Cypher on Neo4j (read-only unless --write)")
    s.add_argument("query")
    s.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="JSON or string value")
    s.add_argument("--format", choices=FORMATS, default="table")
    s.add_argument("--write", action="store_true", help="allow the query to change data")
    _add_neo4j_options(s)
    s.set_defaults(func=commands.cmd_cypher)


def _query_command(s: argparse.ArgumentParser, quiet: argparse.ArgumentParser) -> None:
    """`query`, with one subcommand per named question (its options from the question's signature)."""
    s.add_argument("--list", action="store_true", help="list every query with one line each")
    query_options = argparse.ArgumentParser(add_help=False, parents=[quiet])
    query_options.add_argument("--graph", help="embedded graph: build directory or graph.json (default out/)")
    query_options.add_argument("--neo4j", action="store_true", help="ask Neo4j instead of the embedded graph")
    query_options.add_argument("--format", choices=FORMATS, default="table")
    _add_neo4j_options(query_options)
    queries = s.add_subparsers(dest="query_command", metavar="QUERY")
    for spec in _query_specs():
        spec.add_parser(queries, [query_options])
    s.set_defaults(func=commands.cmd_query)


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

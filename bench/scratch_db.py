"""The benchmarks' scratch database: a Neo4j server of their own, so that emptying it can never cost a user data.

Shared by load_bench.py and query_bench.py (each run as a script from bench/, which puts this folder on
sys.path).  The server is started the way the tests start theirs, through graph.server.start_server on a
private layout (temporary folder, free ports, random password, the bundled server's jars), but with the
bundled server's memory sizes so that the figures stand for what `policykg neo4j start` gives a user.
NEO4J_URI and the bundled server are never used.

import_server() fills another private server offline with `neo4j-admin database import full`, the yardstick
load_bench.py holds the batched loader against.
"""

from __future__ import annotations

import atexit
import csv
import dataclasses
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import PolicykgError
from policykg.graph.neo4j import server
from policykg.graph.neo4j.layout import HEAP, PAGECACHE, write_conf
from policykg.graph.neo4j.load import ensure_schema
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.schema import LABELS, REL_TYPES


def scratch_settings(warm: bool = True) -> Neo4jSettings:
    """Start the benchmark's own server, warmed up as `policykg neo4j start` does unless warm is False; it is
    stopped and its folder removed when the process exits (normally, on Ctrl-C, or on SIGTERM, which is turned
    into a normal exit).  A failed start is SystemExit(2)."""
    folder = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        lay = dataclasses.replace(server.private_layout(folder / "neo4j"), heap=HEAP,
                                  pagecache=PAGECACHE)
        atexit.register(server.stop_server, lay)  # before the start, so a server that never answers is stopped too
        settings = server.start_server(lay, warm=warm)
    except PolicykgError as exc:
        print(f"bench: no Neo4j of its own: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    print(f"bench: Neo4j of its own at {settings.uri} (in {folder}, removed at exit)", file=sys.stderr)
    return settings


def clear(settings: Neo4jSettings) -> None:
    """Delete every node and relationship in batches; constraints and indexes stay (and are ensured)."""
    with open_session(settings, write=True) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        ensure_schema(session)


# Property types for the import tool's header; a list is an array split on ARRAY_DELIMITER.
_CSV_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: in no name or alias


def _csv_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {list}:
        return "string[]"
    assert len(kinds) == 1 and kinds <= _CSV_TYPES.keys(), f"one scalar type per property, not {kinds}"
    return _CSV_TYPES[kinds.pop()]


def _write_csv(path: Path, fixed: list[str], rows: list[tuple[list[Any], dict[str, Any]]]) -> Path:
    """One header line (the fixed columns, then every property with its type) and one line per row."""
    props = sorted({k for _, p in rows for k in p})
    types = {k: _csv_type([p[k] for _, p in rows if k in p]) for k in props}
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow([*fixed, *(f"{k}:{types[k]}" for k in props)])
        for head, p in rows:
            cells = [p.get(k) for k in props]
            out.writerow([*head, *(ARRAY_DELIMITER.join(c) if isinstance(c, list) else c for c in cells)])
    return path


def write_import_csv(g: nx.DiGraph, folder: Path) -> list[str]:
    """The graph as the import tool's CSV (one node file per label, one relationship file per type); returns
    the import command's --nodes/--relationships arguments.  The node's ``id`` property is its :ID column."""
    folder.mkdir(parents=True, exist_ok=True)
    args = []
    for label in LABELS:
        rows = [([n, label], {k: v for k, v in d.items() if k not in ("label", "id")})
                for n, d in g.nodes(data=True) if d["label"] == label]
        args.append(f"--nodes={_write_csv(folder / f'{label}.csv', ['id:ID', ':LABEL'], rows)}")
    for rel_type in REL_TYPES:
        rows = [([a, b, rel_type], {k: v for k, v in d.items() if k != "type"})
                for a, b, d in g.edges(data=True) if d["type"] == rel_type]
        path = _write_csv(folder / f"{rel_type}.csv", [":START_ID", ":END_ID", ":TYPE"], rows)
        args.append(f"--relationships={path}")
    return args


def import_server(g: nx.DiGraph, folder: Path) -> tuple[float, float, server.Layout]:
    """`neo4j-admin database import full` of ``g`` into a new, stopped private server under ``folder``.

    Returns (seconds writing the CSV, seconds of the import command, the layout: start it to read the store).
    The password is set before the import, so the imported store starts like any other.
    """
    lay = dataclasses.replace(server.private_layout(folder / "neo4j"), heap=HEAP, pagecache=PAGECACHE)
    write_conf(lay)
    password = secrets.token_urlsafe(18)
    server.set_initial_password(lay, password)
    lay.password_file.write_text(password + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    args = write_import_csv(g, folder / "csv")
    t_csv = time.perf_counter() - t0
    env = {**os.environ, "NEO4J_HOME": str(lay.home), "NEO4J_CONF": str(lay.conf)}
    command = ["java", "-cp", f"{lay.lib}/*", server.ADMIN_CLASS, "database", "import", "full", "neo4j",
               *args, f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true", "--overwrite-destination"]
    t0 = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder)  # its import.report
    t_import = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"bench: neo4j-admin database import failed: {(proc.stderr or proc.stdout)[-800:]}")
    return t_csv, t_import, lay

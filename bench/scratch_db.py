"""The benchmarks' scratch database: a Neo4j server of their own, so that emptying it can never cost a user data.

Shared by load_bench.py and query_bench.py (each run as a script from bench/, which puts this folder on
sys.path).  The server is started the way the tests start theirs, through graph.server.start_server on a
private layout (temporary folder, free ports, random password, the bundled server's jars), but with the
bundled server's memory sizes so that the figures stand for what `policykg neo4j start` gives a user.
NEO4J_URI and the bundled server are never used.
"""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from policykg.errors import PolicykgError
from policykg.graph.neo4j import server
from policykg.graph.neo4j.layout import HEAP, PAGECACHE
from policykg.graph.neo4j.load import ensure_schema
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings


def scratch_settings() -> Neo4jSettings:
    """Start the benchmark's own server; it is stopped and its folder removed when the process exits
    (normally, on Ctrl-C, or on SIGTERM, which is turned into a normal exit).  A failed start is SystemExit(2)."""
    folder = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        lay = dataclasses.replace(server.private_layout(folder / "neo4j"), heap=HEAP,
                                  pagecache=PAGECACHE)
        atexit.register(server.stop_server, lay)  # before the start, so a server that never answers is stopped too
        settings = server.start_server(lay)
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

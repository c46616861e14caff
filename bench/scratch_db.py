"""The benchmarks' scratch database: they empty Neo4j before each load, so only a local server is accepted.

Shared by load_bench.py and query_bench.py (each run as a script from bench/, which puts this folder on
sys.path), so the refusal of a remote server (say Aura, named by NEO4J_URI) and the emptying live once.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from graph.neo4j_load import ensure_schema
from graph.neo4j_session import open_session
from graph.settings import Neo4jSettings

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def local_settings() -> Neo4jSettings:
    """The resolved settings, or SystemExit (code 2) when they point at a server that is not on this machine."""
    settings = Neo4jSettings.resolve()
    if urlsplit(settings.uri).hostname not in LOCAL_HOSTS:
        print(f"refusing to clear non-local Neo4j {settings.uri}", file=sys.stderr)
        raise SystemExit(2)
    return settings


def clear(settings: Neo4jSettings) -> None:
    """Delete every node and relationship in batches; constraints and indexes stay (and are ensured)."""
    with open_session(settings, write=True) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        ensure_schema(session)

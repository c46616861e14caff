"""`policykg cypher`: run one parameterised Cypher statement, read-only unless the caller asks to write.

Read-only is enforced by the server, not by guessing from the text: the session's default access mode
is READ and the statement runs in execute_read, so a CREATE/MERGE/DELETE/SET is refused by Neo4j and
reported as "add --write".  Results become plain dicts and lists, printable as a table, CSV or JSON.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship

from graph.neo4j_session import Neo4jQueryError, open_session
from graph.settings import Neo4jSettings

ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"


class WriteRefused(Neo4jQueryError):
    """A statement that changes data ran without write=True (the CLI's --write)."""


def plain(value: Any) -> Any:
    """Driver values as JSON-ready Python: nodes and relationships become property dicts."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # temporal and spatial values


def _collect(runner: neo4j.ManagedTransaction | neo4j.Session, query: str,
             params: dict[str, Any]) -> tuple[list[dict], list[str]]:
    result = runner.run(query, params)
    columns = list(result.keys())
    rows = [{k: plain(v) for k, v in record.items()} for record in result]
    return rows, columns


def run_cypher(settings: Neo4jSettings, query: str, params: dict[str, Any],
               write: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and column names of query run with params; a write without write=True raises WriteRefused."""
    try:
        with open_session(settings, write=write) as session:
            if write:
                # Auto-commit, so that a researcher's batched write (CALL { … } IN TRANSACTIONS) can run,
                # and a non-idempotent CREATE is never retried behind the user's back.
                return _collect(session, query, params)
            return session.execute_read(_collect, query, params)
    except Neo4jQueryError as exc:
        if not write and ACCESS_MODE_ERROR in str(exc):
            raise WriteRefused("this query changes data and runs read-only: add --write to allow it") from None
        raise

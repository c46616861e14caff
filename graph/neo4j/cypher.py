"""`policykg cypher`: run one parameterised Cypher statement, read-only unless the caller asks to write.

Read-only is enforced by the server, not by guessing from the text: the session's default access mode
is READ and the statement runs in execute_read, so a CREATE/MERGE/DELETE/SET is refused by Neo4j and
reported as "add --write".  Results become plain dicts and lists for CSV and JSON, Cypher literals such as
``(:Institution {name: "…"})`` for the terminal table, and a write reports its counters the way cypher-shell
does ("Deleted 51 nodes, Deleted 80 relationships").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship

from policykg.errors import Neo4jQueryError, WriteRefused
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings

ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"


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


def _literal_map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {literal(v)}" for k, v in sorted(props.items())) + "}" if props else ""


def literal(value: Any) -> str:
    """A driver value as Cypher writes it: (:Label {k: v}), [:TYPE {k: v}], paths, lists, quoted strings."""
    if isinstance(value, Node):
        labels = "".join(f":{label}" for label in sorted(value.labels))
        return "(" + " ".join(filter(None, (labels, _literal_map(dict(value))))) + ")"
    if isinstance(value, Relationship):
        return "[" + " ".join(filter(None, (f":{value.type}", _literal_map(dict(value))))) + "]"
    if isinstance(value, Path):
        out = literal(value.start_node)
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            forward = rel.start_node is not None and rel.start_node.element_id != node.element_id
            out += f"-{literal(rel)}->" if forward else f"<-{literal(rel)}-"
            out += literal(node)
        return out
    if isinstance(value, dict):
        return _literal_map(value) or "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


# cypher-shell's words for each counter, in its order
_COUNTERS = (("nodes_created", "Added {} nodes"), ("relationships_created", "Created {} relationships"),
             ("properties_set", "Set {} properties"), ("labels_added", "Added {} labels"),
             ("nodes_deleted", "Deleted {} nodes"), ("relationships_deleted", "Deleted {} relationships"),
             ("labels_removed", "Removed {} labels"), ("indexes_added", "Added {} indexes"),
             ("indexes_removed", "Removed {} indexes"), ("constraints_added", "Added {} constraints"),
             ("constraints_removed", "Removed {} constraints"))


def counters_text(counters: Any) -> str:
    """``Deleted 51 nodes, Deleted 80 relationships``; empty when the statement changed nothing."""
    return ", ".join(words.format(n) for attr, words in _COUNTERS if (n := getattr(counters, attr, 0)))


@dataclass(frozen=True)
class CypherResult:
    """The records of one statement with their driver values, its columns and what it changed."""

    records: list[dict[str, Any]]
    columns: list[str]
    counters: str

    def rows(self, fmt: str = "json") -> list[dict[str, Any]]:
        """Plain values for csv/json; Cypher literals for the terminal table."""
        convert = literal if fmt == "table" else plain
        return [{k: convert(v) for k, v in record.items()} for record in self.records]


def _collect(runner: neo4j.ManagedTransaction | neo4j.Session, query: str, params: dict[str, Any]) -> CypherResult:
    result = runner.run(query, params)
    columns = list(result.keys())
    records = [dict(record.items()) for record in result]
    return CypherResult(records, columns, counters_text(result.consume().counters))


def execute(settings: Neo4jSettings, query: str, params: dict[str, Any], write: bool = False) -> CypherResult:
    """Run query with params; a write without write=True raises WriteRefused."""
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


def run_cypher(settings: Neo4jSettings, query: str, params: dict[str, Any],
               write: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Plain rows and column names of query run with params (for notebooks and tests)."""
    result = execute(settings, query, params, write=write)
    return result.rows(), result.columns

"""Load extracted documents into Neo4j so that it holds exactly what graph.build.build_graph holds.

Both backends consume graph.rows.document_elements rows, so labels, properties, relationship types and
the role property cannot drift apart.  Loading is by document: each document's old subgraph (same id, or
same source with other content) is removed and the new one created in the SAME transaction, so a failure
leaves either the old or the new document, never half of one.  A document's id comes from its cleaned text,
not its path: the same content read as corpus/x.txt, as /abs/corpus/x.txt or after a move is the same
document, so its subgraph stays and only its source property is updated.  Documents share a transaction (up to
TX_ELEMENTS graph elements) and rows travel in UNWIND batches of batch_size: one round trip per batch
and one commit per many documents, instead of one of each per element, is what makes this fast.
Institutions are shared across documents: their aliases are unioned and their kind is the first one
seen, as in build_graph; an institution left with no relationship after a replacement is deleted.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
from tqdm import tqdm

from policykg.errors import PolicykgError
from policykg.graph.neo4j.batches import (
    Prepared,
    chunks,
    combined,
    institution_params,
    node_params,
    prepare,
    rel_params,
    transaction_groups,
)
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.graph.neo4j.statements import (
    AWAIT_SEARCH_INDEX,
    CREATE_NODES,
    CREATE_RELS,
    DELETE_DOCUMENTS,
    DELETE_ORPHANS,
    MERGE_INSTITUTIONS,
    MOVE_DOCUMENTS,
    SCHEMA,
    STORED_DOCUMENTS,
    STORED_INSTITUTIONS,
    TOUCHED_INSTITUTIONS,
)
from policykg.model import Document
from policykg.schema import INSTITUTION, LABELS, REL_TYPES

# Each commit costs a log flush and the index updates (tens of ms here), so documents are grouped
# into transactions of about this many elements; the transaction state stays far below the 1 GB heap.
TX_ELEMENTS = 20_000

# Rows per UNWIND statement: at 4x the corpus 5,000 took 8.9-10.1 s where 1,000 took 10.0-11.8 s (fewer
# statements to plan and answer); 10,000 gained nothing more.  The CLI's --batch-size default is the same.
BATCH_SIZE = 5000

COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set")


@dataclass
class LoadStats:
    documents: int = 0
    unchanged: int = 0
    transactions: int = 0
    elements: int = 0
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))

    def add(self, summary: neo4j.ResultSummary) -> None:
        for name in COUNTERS:
            self.counters[name] += getattr(summary.counters, name)


def _without_source(nodes: dict[str, dict[str, Any]], doc_id: str) -> dict[str, dict[str, Any]]:
    return {i: ({k: v for k, v in n.items() if k != "source"} if i == doc_id else n) for i, n in nodes.items()}


def _holds_document(held: dict[str, Any], p: Prepared) -> bool:
    """The database's nodes and relationships of p's document are exactly p's rows (source aside)."""
    # The document's own nodes and its relationships as the database returns them (properties(n) holds id).
    own = {row.id: {"id": row.id, **row.props} for label, rows in p.nodes.items()
           if label != INSTITUTION for row in rows}
    rels = {(row.start, row.type, row.end): row.props for rows in p.rels.values() for row in rows}
    held_nodes = {n["id"]: n for n in held["nodes"]}
    return (_without_source(held_nodes, p.doc.id) == _without_source(own, p.doc.id)
            and {(a, t, b): props for a, t, b, props in held["rels"]} == rels)


def _unchanged(tx: neo4j.ManagedTransaction, group: list[Prepared]) -> dict[str, bool]:
    """Documents of the group the database already holds exactly (the rows prepare made of them), each with
    whether only its source differs (the same content by another path, or a moved file).

    Skipping them makes a second load of the same input write nothing at all, instead of deleting and
    recreating an identical subgraph.
    """
    stored = {r["id"]: r for r in tx.run(STORED_DOCUMENTS, ids=[p.doc.id for p in group])}
    if not stored:
        return {}
    inst_ids = [i.id for p in group if p.doc.id in stored for i in p.doc.institutions]
    institutions = {r["props"]["id"]: r["props"] for r in tx.run(STORED_INSTITUTIONS, ids=inst_ids)}
    same: dict[str, bool] = {}
    for p in group:
        held = stored.get(p.doc.id)
        if held is None or not _holds_document(held, p):
            continue
        if all(_institution_holds(institutions.get(row.id), row.props) for row in p.nodes.get(INSTITUTION, [])):
            own = next(n for n in held["nodes"] if n["id"] == p.doc.id)
            same[p.doc.id] = own.get("source") != p.doc.source
    return same


def _institution_holds(stored: dict[str, Any] | None, wanted: dict[str, Any]) -> bool:
    """A shared institution already carries this document's name, aliases and (some) kind."""
    return (stored is not None and stored.get("name") == wanted["name"]
            and set(wanted.get("aliases", [])) <= set(stored.get("aliases", []))
            and ("kind" not in wanted or "kind" in stored))


def _create(tx: neo4j.ManagedTransaction, group: list[Prepared], batch_size: int) -> Iterator[neo4j.Result]:
    """Write the group's nodes (per label) and relationships (per type and end labels), batch_size rows a time:
    institutions MERGEd, the rest CREATEd (see statements.CREATE_NODES).

    The results are not consumed here: the driver sends each statement and waits only for the previous one
    to finish (Bolt answers in order), so the next batch is encoded while the server writes the current one.
    """
    nodes, rels = combined(group)
    for label in LABELS:  # Document first, Institution last: any order works, this one reads best in logs
        if label == INSTITUTION:
            query, rows = MERGE_INSTITUTIONS, institution_params(nodes.get(label, []))
        else:
            query, rows = CREATE_NODES.format(label=label), node_params(nodes.get(label, []))
        for chunk in chunks(rows, batch_size):
            yield tx.run(query, rows=chunk)
    for (rel_type, start, end), rel_rows in sorted(rels.items()):
        assert rel_type in REL_TYPES and start in LABELS and end in LABELS
        query = CREATE_RELS.format(type=rel_type, start=start, end=end)
        for chunk in chunks(rel_params(rel_rows), batch_size):
            yield tx.run(query, rows=chunk)


def write_group(tx: neo4j.ManagedTransaction, group: list[Prepared], batch_size: int,
                 loading: list[str]) -> tuple[list[neo4j.ResultSummary], int]:
    """Replace the group's changed documents: delete their old subgraphs, create the new ones, drop orphans.
    An unchanged document read from another path only gets its new source.

    Returns the statement summaries and the number of documents found unchanged (moved ones included).
    """
    unchanged = _unchanged(tx, group)
    summaries: list[neo4j.ResultSummary] = []
    moved = [{"id": p.doc.id, "source": p.doc.source} for p in group if unchanged.get(p.doc.id)]
    if moved:
        summaries.append(tx.run(MOVE_DOCUMENTS, rows=moved).consume())
    group = [p for p in group if p.doc.id not in unchanged]
    if not group:
        return summaries, len(unchanged)
    old = {"ids": [p.doc.id for p in group], "sources": [p.doc.source for p in group], "loading": loading}
    touched = tx.run(TOUCHED_INSTITUTIONS, old).single(strict=True)["touched"]
    summaries.append(tx.run(DELETE_DOCUMENTS, old).consume())
    summaries.extend([result.consume() for result in list(_create(tx, group, batch_size))])
    if touched:
        keep = [row.id for p in group for row in p.nodes.get(INSTITUTION, [])]
        summaries.append(tx.run(DELETE_ORPHANS, ids=touched, keep=keep).consume())
    return summaries, len(unchanged)


class _Seen:
    """The ids of the documents of this load so far, per source, for DELETE_DOCUMENTS' $loading: a document
    read from the same path earlier in the load must not be replaced by a later one (see statements.py).
    Ids only, a few bytes per document, and only those of the group's sources are sent."""

    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = defaultdict(set)

    def add(self, group: list[Prepared]) -> list[str]:
        """Record the group's documents; returns the ids loaded so far (the group's included) at its sources."""
        for p in group:
            self._ids[p.doc.source].add(p.doc.id)
        return sorted({i for source in {p.doc.source for p in group} for i in self._ids[source]})


def ensure_schema(session: neo4j.Session) -> None:
    """Uniqueness constraints (which also index the ids MERGE looks up) and the CJK full-text index."""
    for statement in SCHEMA:
        session.run(statement).consume()


def load_documents(settings: Neo4jSettings | Callable[[], Neo4jSettings], docs: Iterable[Document],
                   batch_size: int = BATCH_SIZE, progress: bool = False, tx_elements: int = TX_ELEMENTS,
                   total: int | None = None) -> dict[str, Any]:
    """Load (or replace) docs; returns counts of what changed and the element rate.

    docs is consumed lazily, one transaction's documents at a time (a generator reading a file works), so
    what is held is the current group, not the corpus.  batch_size is the number of rows per UNWIND
    statement; documents are grouped into one transaction up to tx_elements graph elements (a bigger
    document goes alone, never split).  The first group is read before Neo4j is contacted: a malformed
    first document, or any in a small load, fails before anything is written; a later one fails after the
    earlier groups were committed, each whole (the CLI reads a user's file through first, so none is);
    settings may be a function giving them, called only then (the CLI's password lookup).  total is the
    progress bar's (None: no total).
    """
    if batch_size < 1:
        raise PolicykgError(f"--batch-size must be at least 1, not {batch_size}")
    groups = transaction_groups(map(prepare, docs), max(tx_elements, batch_size))  # prepare fails before writes
    first = next(groups, None)
    stats, seen = LoadStats(), _Seen()
    started = time.perf_counter()
    with open_session(settings() if callable(settings) else settings, write=True) as session:
        ensure_schema(session)
        with tqdm(total=total, unit="doc", desc="Neo4j", disable=not progress) as bar:
            for group in itertools.chain([first], groups) if first else ():
                summaries, unchanged = session.execute_write(write_group, group, batch_size, seen.add(group))
                for summary in summaries:
                    stats.add(summary)
                stats.documents += len(group)
                stats.elements += sum(p.size for p in group)
                stats.unchanged += unchanged
                stats.transactions += 1
                bar.update(len(group))
        session.run(AWAIT_SEARCH_INDEX).consume()
    seconds = time.perf_counter() - started
    return {
        "documents": stats.documents,
        "unchanged": stats.unchanged,
        "elements": stats.elements,
        "transactions": stats.transactions,
        **stats.counters,
        "seconds": round(seconds, 3),
        "elements_per_s": round(stats.elements / seconds) if seconds > 0 else None,
    }

"""Load extracted documents into Neo4j so that it holds exactly what graph.build.build_graph holds.

Both backends consume graph.build.document_elements rows, so labels, properties, relationship types and
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

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
from tqdm import tqdm

from policykg.errors import PolicykgError
from policykg.graph.build import document_elements, merge_institution
from policykg.graph.neo4j_session import open_session
from policykg.graph.settings import Neo4jSettings
from policykg.model import Document
from policykg.schema import CONSTRAINTS, INDEXES, LABELS, REL_TYPES

Row = dict[str, Any]
# Each commit costs a log flush and a full-text index update (tens of ms here), so documents are grouped
# into transactions of about this many elements; the transaction state stays far below the 1 GB heap.
TX_ELEMENTS = 20_000

# Labels and types come from policykg.schema, never from user text; values are parameters.
SCHEMA = [*CONSTRAINTS, *INDEXES]

# What the database holds of documents with these ids: their own nodes (document, areas, measures) and
# every relationship into them, which is all of the document's relationships (each ends at its own node).
STORED_DOCUMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
WITH d, [d] + [(d)-[:HAS_AREA|HAS_MEASURE]->(x) | x] AS own
RETURN d.id AS id,
  [n IN own | properties(n)] AS nodes,
  COLLECT { UNWIND own AS n MATCH (n)<-[r]-(a) RETURN [a.id, type(r), n.id, properties(r)] } AS rels
"""

STORED_INSTITUTIONS = "MATCH (i:Institution) WHERE i.id IN $ids RETURN properties(i) AS props"

# Institutions attached to the documents about to be replaced: candidates for deletion once orphaned.
TOUCHED_INSTITUTIONS = """
MATCH (d:Document) WHERE d.id IN $ids OR (d.source IN $sources AND NOT d.id IN $loading)
CALL (d) {
  MATCH (i:Institution)-[:ISSUED]->(d) RETURN i.id AS inst
  UNION
  MATCH (d)-[:HAS_MEASURE]->(:Measure)<-[:RESPONSIBLE_FOR]-(i:Institution) RETURN i.id AS inst
}
RETURN collect(DISTINCT inst) AS touched
"""

# Every area and measure hangs off its document, so the subgraph is found by traversal, not by scan.
# $loading: every document of this load call; another one read from the same path must not replace it (a file
# moved away and a new file in its place, loaded together), since its own id decides what happens to it.
DELETE_DOCUMENTS = """
MATCH (d:Document) WHERE d.id IN $ids OR (d.source IN $sources AND NOT d.id IN $loading)
CALL (d) { MATCH (d)-[:HAS_AREA|HAS_MEASURE]->(x) DETACH DELETE x }
DETACH DELETE d
"""

DELETE_ORPHANS = """
MATCH (i:Institution) WHERE i.id IN $ids AND NOT i.id IN $keep AND NOT (i)--()
DELETE i
"""

# The same content by another path spelling, or a moved file: the document keeps its subgraph.
MOVE_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.source = row.source"

MERGE_NODES = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"

# aliases: union, sorted like build_graph; kind: the first one seen wins.
MERGE_INSTITUTIONS = """
UNWIND $rows AS row
MERGE (n:Institution {id: row.id})
ON CREATE SET n += row.props
WITH n, row
SET n.aliases = COLLECT { UNWIND coalesce(n.aliases, []) + row.props.aliases AS a RETURN DISTINCT a ORDER BY a },
    n.kind = coalesce(n.kind, row.props.kind)
"""

MERGE_RELS = """
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})
MATCH (b:{end} {{id: row.end}})
MERGE (a)-[r:{type}]->(b)
SET r += row.props
"""


@dataclass
class _Prepared:
    """One document's rows, grouped the way the statements consume them."""

    doc: Document
    nodes: dict[str, list[Row]]  # label -> node rows
    rels: dict[tuple[str, str, str], list[Row]]  # (type, start label, end label) -> rel rows

    @property
    def size(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


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


def _prepare(doc: Document) -> _Prepared:
    try:
        nodes, rels = document_elements(doc)
    except KeyError as exc:
        raise PolicykgError(f"{doc.source}: {exc} is named as issuer or duty holder but is not among "
                            "the document's institutions") from None
    by_label: dict[str, list[Row]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for n in nodes:
        by_label[n["label"]].append({"id": n["id"], "props": n["props"]})
        label_of[n["id"]] = n["label"]
    by_type: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rels:
        missing = [end for end in (r["start"], r["end"]) if end not in label_of]
        if missing:
            raise PolicykgError(f"{doc.source}: {r['type']} relationship refers to unknown node {missing[0]}")
        key = (r["type"], label_of[r["start"]], label_of[r["end"]])
        by_type[key].append({"start": r["start"], "end": r["end"], "props": r["props"]})
    return _Prepared(doc, dict(by_label), dict(by_type))


def _groups(prepared: Iterable[_Prepared], limit: int) -> Iterator[list[_Prepared]]:
    """Whole documents per transaction, up to limit elements (one bigger document goes alone)."""
    group: list[_Prepared] = []
    size = 0
    for p in prepared:
        if group and size + p.size > limit:
            yield group
            group, size = [], 0
        group.append(p)
        size += p.size
    if group:
        yield group


def _merge_institution_rows(rows: list[Row]) -> list[Row]:
    """One row per institution id within a statement: aliases unioned, first kind kept (as build_graph)."""
    merged: dict[str, Row] = {}
    for row in rows:
        held = merged.get(row["id"])
        if held is None:
            merged[row["id"]] = {"id": row["id"], "props": dict(row["props"])}
        else:
            merge_institution(held["props"], row["props"])
    return list(merged.values())


def _without_source(nodes: dict[str, dict[str, Any]], doc_id: str) -> dict[str, dict[str, Any]]:
    return {i: ({k: v for k, v in n.items() if k != "source"} if i == doc_id else n) for i, n in nodes.items()}


def _unchanged(tx: neo4j.ManagedTransaction, group: list[_Prepared]) -> dict[str, bool]:
    """Documents of the group the database already holds exactly (the rows _prepare made of them), each with
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
        if p.doc.id not in stored:
            continue
        # The document's own nodes and its relationships as the database returns them (properties(n) holds id).
        own = {row["id"]: {"id": row["id"], **row["props"]} for label, rows in p.nodes.items()
               if label != "Institution" for row in rows}
        rels = {(row["start"], rel_type, row["end"]): row["props"]
                for (rel_type, _, _), rows in p.rels.items() for row in rows}
        held = stored[p.doc.id]
        held_nodes = {n["id"]: n for n in held["nodes"]}
        if (_without_source(held_nodes, p.doc.id) != _without_source(own, p.doc.id)
                or {(a, t, b): props for a, t, b, props in held["rels"]} != rels):
            continue
        if all(_institution_holds(institutions.get(row["id"]), row["props"]) for row in p.nodes.get("Institution", [])):
            same[p.doc.id] = held_nodes[p.doc.id].get("source") != p.doc.source
    return same


def _institution_holds(stored: dict[str, Any] | None, wanted: dict[str, Any]) -> bool:
    """A shared institution already carries this document's name, aliases and (some) kind."""
    return (stored is not None and stored.get("name") == wanted["name"]
            and set(wanted.get("aliases", [])) <= set(stored.get("aliases", []))
            and ("kind" not in wanted or "kind" in stored))


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write_group(tx: neo4j.ManagedTransaction, group: list[_Prepared], batch_size: int,
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
    nodes: dict[str, list[Row]] = defaultdict(list)
    rels: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for p in group:
        for label, rows in p.nodes.items():
            nodes[label].extend(rows)
        for key, rows in p.rels.items():
            rels[key].extend(rows)
    for label in LABELS:  # Document first, Institution last: any order works, this one reads best in logs
        if label == "Institution":
            query, rows = MERGE_INSTITUTIONS, _merge_institution_rows(nodes.get(label, []))
        else:
            query, rows = MERGE_NODES.format(label=label), nodes.get(label, [])
        for chunk in _chunks(rows, batch_size):
            summaries.append(tx.run(query, rows=chunk).consume())
    for (rel_type, start, end), rows in sorted(rels.items()):
        assert rel_type in REL_TYPES and start in LABELS and end in LABELS
        query = MERGE_RELS.format(type=rel_type, start=start, end=end)
        for chunk in _chunks(rows, batch_size):
            summaries.append(tx.run(query, rows=chunk).consume())
    if touched:
        keep = [row["id"] for row in nodes.get("Institution", [])]
        summaries.append(tx.run(DELETE_ORPHANS, ids=touched, keep=keep).consume())
    return summaries, len(unchanged)


def ensure_schema(session: neo4j.Session) -> None:
    """Uniqueness constraints (which also index the ids MERGE looks up) and the CJK full-text index."""
    for statement in SCHEMA:
        session.run(statement).consume()


def load_documents(settings: Neo4jSettings, docs: list[Document], batch_size: int = 1000,
                   progress: bool = False, tx_elements: int = TX_ELEMENTS) -> dict[str, Any]:
    """Load (or replace) docs; returns counts of what changed and the element rate.

    batch_size is the number of rows per UNWIND statement; documents are grouped into one transaction
    up to tx_elements graph elements (a bigger document goes alone, never split).
    """
    if batch_size < 1:
        raise PolicykgError(f"--batch-size must be at least 1, not {batch_size}")
    prepared = [_prepare(doc) for doc in docs]  # a malformed document fails before anything is written
    stats = LoadStats(documents=len(docs), elements=sum(p.size for p in prepared))
    started = time.perf_counter()
    with open_session(settings, write=True) as session:
        ensure_schema(session)
        with tqdm(total=len(docs), unit="doc", desc="Neo4j", disable=not progress) as bar:
            loading = [p.doc.id for p in prepared]
            for group in _groups(prepared, max(tx_elements, batch_size)):
                summaries, unchanged = session.execute_write(_write_group, group, batch_size, loading)
                for summary in summaries:
                    stats.add(summary)
                stats.unchanged += unchanged
                stats.transactions += 1
                bar.update(len(group))
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

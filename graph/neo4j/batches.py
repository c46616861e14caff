"""The document's rows (graph/rows.py), grouped the way the loader's statements consume them.

A node statement is per label and a relationship statement per (type, start label, end label), since Cypher
cannot take a label as a parameter; so a document's rows are grouped by those keys once, and turned into the
parameter lists ($rows) only when they are sent.  Documents are grouped into transactions of whole documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from policykg.errors import PolicykgError
from policykg.graph.rows import NodeRow, RelRow, document_elements, merge_institution, unique_nodes, unique_rels
from policykg.model import Document

Params = dict[str, Any]  # one row of a statement's $rows parameter
RelKey = tuple[str, str, str]  # (type, start label, end label)


@dataclass
class Prepared:
    """One document's rows, grouped per statement."""

    doc: Document
    nodes: dict[str, list[NodeRow]]  # label -> node rows
    rels: dict[RelKey, list[RelRow]]

    @property
    def size(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


def prepare(doc: Document) -> Prepared:
    """The document's rows grouped per label and per relationship key; a dangling reference is one error line."""
    try:
        nodes, rels = document_elements(doc)
    except KeyError as exc:
        raise PolicykgError(f"{doc.source}: {exc} is named as issuer or duty holder but is not among "
                            "the document's institutions") from None
    by_label: dict[str, list[NodeRow]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for n in nodes:
        by_label[n.label].append(n)
        label_of[n.id] = n.label
    by_type: dict[RelKey, list[RelRow]] = defaultdict(list)
    for r in rels:
        missing = [end for end in (r.start, r.end) if end not in label_of]
        if missing:
            raise PolicykgError(f"{doc.source}: {r.type} relationship refers to unknown node {missing[0]}")
        by_type[(r.type, label_of[r.start], label_of[r.end])].append(r)
    return Prepared(doc, dict(by_label), dict(by_type))


def transaction_groups(prepared: Iterable[Prepared], limit: int) -> Iterator[list[Prepared]]:
    """Whole documents per transaction, up to limit elements (one bigger document goes alone)."""
    group: list[Prepared] = []
    size = 0
    for p in prepared:
        if group and size + p.size > limit:
            yield group
            group, size = [], 0
        group.append(p)
        size += p.size
    if group:
        yield group


def combined(group: list[Prepared]) -> tuple[dict[str, list[NodeRow]], dict[RelKey, list[RelRow]]]:
    """The rows of every document of a group, per label and per relationship key, in document order."""
    nodes: dict[str, list[NodeRow]] = defaultdict(list)
    rels: dict[RelKey, list[RelRow]] = defaultdict(list)
    for p in group:
        for label, rows in p.nodes.items():
            nodes[label].extend(rows)
        for key, rows in p.rels.items():
            rels[key].extend(rows)
    return nodes, rels


def node_params(rows: list[NodeRow]) -> list[Params]:
    """One row per node id (a measure written twice in a document, a document read from two files): the loader
    CREATEs these nodes, so it sends what MERGE would have left."""
    return [{"id": row.id, "props": row.props} for row in unique_nodes(rows)]


def rel_params(rows: list[RelRow]) -> list[Params]:
    """One row per (start, end) of a relationship type, as for node_params."""
    return [{"start": row.start, "end": row.end, "props": row.props} for row in unique_rels(rows)]


def institution_params(rows: list[NodeRow]) -> list[Params]:
    """One row per institution id within a statement: aliases unioned, first kind kept (as build_graph)."""
    merged: dict[str, Params] = {}
    for row in rows:
        held = merged.get(row.id)
        if held is None:
            merged[row.id] = {"id": row.id, "props": dict(row.props)}
        else:
            merge_institution(held["props"], row.props)
    return list(merged.values())


def chunks(rows: list[Params], size: int) -> Iterator[list[Params]]:
    """Consecutive slices of at most size rows: one UNWIND statement each."""
    for i in range(0, len(rows), size):
        yield rows[i:i + size]

"""unit_pairs(top, min_shared, roles, document): unit pairs ranked by the number of measures they share.

This is the co-responsibility network (graph.coresponsibility) as a table: one row per pair of units named
for the same measures, heaviest first.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.rows import NodeRow, RelRow
from policykg.queries.lookup import document_id_neo4j, document_id_nx
from policykg.queries.params import check_roles
from policykg.queries.rows import fetch, top_n
from policykg.schema import INSTITUTION, MEASURE, RESPONSIBLE_FOR, ROLES

# a.name < b.name counts each unordered pair once; DISTINCT guards against a unit holding two roles on m.
CYPHER = """
MATCH (a:Institution)-[ra:RESPONSIBLE_FOR]->(m:Measure)<-[rb:RESPONSIBLE_FOR]-(b:Institution)
WHERE a.name < b.name AND ra.role IN $roles AND rb.role IN $roles
  AND ($document IS NULL OR m.document = $document)
WITH DISTINCT a.name AS unit_a, b.name AS unit_b, m
WITH unit_a, unit_b, count(m) AS shared, collect(m.text) AS measures
WHERE shared >= $min_shared
RETURN unit_a, unit_b, shared, measures
"""
COLUMNS = ["unit_a", "unit_b", "shared", "measures"]
HELP = {"top": "pairs to show, 0 for all", "min_shared": "least number of shared measures",
        "roles": "roles that count, comma-separated (lead,support,mentioned)",
        "document": "only this document (title, source or id)"}
EXAMPLE = "policykg query unit-pairs --top 5 --min-shared 2 --roles lead,support"


def _finish(rows: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    for r in rows:  # orientation by Python's code-point order, whatever the server's string collation
        r["unit_a"], r["unit_b"] = sorted((r["unit_a"], r["unit_b"]))
        r["measures"] = sorted(r["measures"])
    rows.sort(key=lambda r: (-r["shared"], r["unit_a"], r["unit_b"]))
    return top_n(rows, top)


def run_nx(g: nx.DiGraph, top: int | None = 20, min_shared: int = 1, roles: tuple[str, ...] = ROLES,
           document: str | None = None) -> list[dict[str, Any]]:
    doc_id = document_id_nx(g, document) if document else None
    net = coresponsibility_network(g, check_roles(roles), doc_id)
    rows = []
    for u, v, d in net.edges(data=True):
        if d["weight"] < min_shared:
            continue
        rows.append({"unit_a": net.nodes[u]["name"], "unit_b": net.nodes[v]["name"], "shared": d["weight"],
                     "measures": [g.nodes[m]["text"] for m in d["measures"]]})
    return _finish(rows, top)


def run_neo4j(session: Any, top: int | None = 20, min_shared: int = 1, roles: tuple[str, ...] = ROLES,
              document: str | None = None) -> list[dict[str, Any]]:
    doc_id = document_id_neo4j(session, document) if document else None
    rows = fetch(session, CYPHER, roles=list(check_roles(roles)), document=doc_id, min_shared=min_shared)
    return _finish(rows, top)


class PairTally:
    """``run_nx(g, top, min_shared)`` over every role and document, counted from the rows of a streaming build
    (graph.stream.graph_rows) instead of the graph: only measures named for two units or more are kept, as
    the set of units holding each (so a duty counts once, whatever its role) and their texts."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.holders: dict[str, set[str]] = {}

    def add(self, nodes: list[NodeRow], rels: list[RelRow]) -> None:
        """One document's rows."""
        held: dict[str, set[str]] = defaultdict(set)
        for r in rels:
            if r.type == RESPONSIBLE_FOR and r.props.get("role") in ROLES:
                held[r.end].add(r.start)
        for n in nodes:
            if n.label == INSTITUTION:
                self.names.setdefault(n.id, n.props["name"])
            elif n.label == MEASURE and len(held.get(n.id, ())) > 1:
                self.texts[n.id] = n.props["text"]
                self.holders[n.id] = held[n.id]

    def rows(self, top: int | None = 20, min_shared: int = 1) -> list[dict[str, Any]]:
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        for measure, units in self.holders.items():
            for a, b in combinations(sorted(units), 2):
                shared[a, b].append(self.texts[measure])
        rows = [{"unit_a": self.names[a], "unit_b": self.names[b], "shared": len(texts), "measures": texts}
                for (a, b), texts in shared.items() if len(texts) >= min_shared]
        return _finish(rows, top)

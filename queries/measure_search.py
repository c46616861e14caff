"""measure_search(term): the measures whose text contains a term, with the units charged with each.

On Neo4j the full-text index ``measure_text`` (CJK analyzer: overlapping character bigrams) finds the
candidates without reading every measure.  For a term of two or more Han characters every measure
containing it is a phrase hit (the term's bigrams occur consecutively in the text), and the index may
match more loosely (across punctuation), so hits are filtered with CONTAINS: the rows equal networkx's
plain substring search.  Any other term (one character, digits, Latin) is not guaranteed to be a
phrase hit, so it falls back to scanning measures with CONTAINS.  Rows come one record per document (a
record per measure would cost the driver several times more).

On networkx every measure's row is made once per graph, in the rows' final order, and the texts joined in
that order (``graph_index.JoinedTexts``): a search is one scan of the joined texts, and its hits are already
sorted.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import networkx as nx

from policykg.errors import PolicykgError
from policykg.queries.graph_index import JoinedTexts, derived, nodes_with_label
from policykg.queries.rows import document_label, fetch, nulls_last
from policykg.schema import MEASURE, RESPONSIBLE_FOR, ROLES

FULLTEXT_INDEX = "measure_text"
_FULLTEXT_MATCH = """
CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node AS m
WHERE m.text CONTAINS $term
"""
_SCAN_MATCH = """
MATCH (m:Measure) WHERE m.text CONTAINS $term
"""
_ROWS = """
CALL (m) {
  OPTIONAL MATCH (i:Institution)-[r:RESPONSIBLE_FOR]->(m)
  RETURN collect(CASE r.role WHEN 'lead' THEN i.name END) AS lead,
         collect(CASE r.role WHEN 'support' THEN i.name END) AS support,
         collect(CASE r.role WHEN 'mentioned' THEN i.name END) AS mentioned
}
WITH m.document AS id, collect([m.area, m.text, lead, support, mentioned]) AS measures
MATCH (d:Document {id: id})
RETURN coalesce(d.title, d.source) AS document, measures
"""
CYPHER_FULLTEXT = _FULLTEXT_MATCH + _ROWS
CYPHER_SCAN = _SCAN_MATCH + _ROWS
COLUMNS = ["document", "area", "measure", *ROLES]
HELP = {"term": "text to find in measures"}
EXAMPLE = "policykg query measure-search 调解 --format csv"


def uses_fulltext(term: str) -> bool:
    """True when the bigram index is sure to find every measure containing ``term``."""
    return len(term) >= 2 and all(unicodedata.name(ch, "").startswith("CJK ") and "IDEOGRAPH" in
                                  unicodedata.name(ch, "") for ch in term)


def _finish(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        for role in ROLES:
            r[role] = sorted(r[role])
    return sorted(rows, key=lambda r: (r["document"], nulls_last(r["area"]), r["measure"],
                                         *(r[role] for role in ROLES)))


def _check(term: str) -> str:
    term = term.strip()
    if not term:
        raise PolicykgError("measure_search: give a non-empty term")
    return term


_LEAD, _SUPPORT, _MENTIONED = ROLES  # a row's names, in ROLES order
Row = tuple[str, str | None, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _searchable(g: nx.DiGraph) -> JoinedTexts[Row]:
    """Every measure's row, in the rows' order, joined by text (kept with the graph's index).  A row is kept
    as one tuple with tuples of names, so a hit's copy reads one object, not a dict and three lists."""
    rows = []
    for m, props in nodes_with_label(g, MEASURE):
        row: dict[str, Any] = {"document": document_label(g.nodes[props["document"]]), "area": props.get("area"),
                               "measure": props["text"], **{role: [] for role in ROLES}}
        for inst, d in g.pred[m].items():
            if d["type"] == RESPONSIBLE_FOR:
                row[d["role"]].append(g.nodes[inst]["name"])
        rows.append(row)
    return JoinedTexts.of([((r["document"], r["area"], r["measure"], *(tuple(r[role]) for role in ROLES)),
                            r["measure"]) for r in _finish(rows)])


def run_nx(g: nx.DiGraph, term: str) -> list[dict[str, Any]]:
    term = _check(term)
    return [{"document": document, "area": area, "measure": text, _LEAD: list(lead), _SUPPORT: list(support),
             _MENTIONED: list(mentioned)}
            for document, area, text, lead, support, mentioned in derived(g, "measure_search", _searchable)
            .containing(term)]


def run_neo4j(session: Any, term: str) -> list[dict[str, Any]]:
    term = _check(term)
    if uses_fulltext(term):
        found = fetch(session, CYPHER_FULLTEXT, index=FULLTEXT_INDEX, phrase=f'"{term}"', term=term)
    else:
        found = fetch(session, CYPHER_SCAN, term=term)
    return _finish([{"document": doc["document"], "area": area, "measure": text,
                     **dict(zip(ROLES, roles, strict=True))}
                    for doc in found for area, text, *roles in doc["measures"]])


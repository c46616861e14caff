"""recurring_measures(min_docs, top): measures worded alike in several documents — policy diffusion.

Two measures recur when their normalised texts are equal: Unicode NFKC (full-width → half-width), every
punctuation mark, symbol and space removed, Latin letters lower-cased.  So 建立健全公证工作标准。 and
“建立健全公证工作标准” are one measure.  Cypher has no such text function without plugins, so on Neo4j
the statement only reads each measure's text and document back and the same Python grouping runs on both
backends: the rows cannot differ, and the server cost is one pass over the measures.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from queries.params import parser_for
from queries.rows import document_label, fetch, top_n

MEASURES_CYPHER = "MATCH (m:Measure) RETURN m.text AS text, m.document AS document"
DOCUMENTS_CYPHER = """
MATCH (d:Document)
RETURN d.id AS id, coalesce(d.title, d.source) AS label, d.region AS region, d.date AS date
"""
COLUMNS = ["measure", "documents", "occurrences", "titles", "regions", "dates"]
_DROPPED = ("P", "S", "Z", "C")  # Unicode categories: punctuation, symbols, separators, control/format


def normalise(text: str) -> str:
    """The comparison key of a measure text (see the module docstring)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower()
                   if not unicodedata.category(ch).startswith(_DROPPED))


def recurring(measures: Iterable[tuple[str, str]], docs: dict[str, dict[str, Any]],
              min_docs: int) -> list[dict[str, Any]]:
    """Group (text, document id) pairs by normalised text; keep groups spread over ``min_docs`` documents."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for text, doc in measures:
        key = normalise(text)
        if key:
            groups[key].append((text, doc))
    rows = []
    for members in groups.values():
        doc_ids = {doc for _, doc in members}
        if len(doc_ids) < min_docs:
            continue
        wording = Counter(text for text, _ in members)
        rows.append({
            "measure": min(wording, key=lambda t: (-wording[t], t)),  # the most common wording
            "documents": len(doc_ids),
            "occurrences": len(members),
            "titles": sorted(docs[d]["label"] for d in doc_ids),
            "regions": sorted({docs[d]["region"] for d in doc_ids if docs[d].get("region")}),
            "dates": sorted({docs[d]["date"] for d in doc_ids if docs[d].get("date")}),
        })
    return sorted(rows, key=lambda r: (-r["documents"], -r["occurrences"], r["measure"]))


def run_nx(g: nx.DiGraph, min_docs: int = 2, top: int | None = 50) -> list[dict[str, Any]]:
    docs = {n: {"label": document_label(d), "region": d.get("region"), "date": d.get("date")}
            for n, d in g.nodes(data=True) if d.get("label") == "Document"}
    measures = ((d["text"], d["document"]) for _, d in g.nodes(data=True) if d.get("label") == "Measure")
    return top_n(recurring(measures, docs, min_docs), top)


def run_neo4j(session: Any, min_docs: int = 2, top: int | None = 50) -> list[dict[str, Any]]:
    docs = {r["id"]: r for r in fetch(session, DOCUMENTS_CYPHER)}
    measures = ((r["text"], r["document"]) for r in fetch(session, MEASURES_CYPHER))
    return top_n(recurring(measures, docs, min_docs), top)


parse_args = parser_for(run_nx, "recurring_measures")

"""recurring_measures(min_docs, similarity, top): measures worded alike in several documents — policy diffusion.

Two measures recur when their normalised texts are equal: Unicode NFKC (full-width → half-width), every
punctuation mark, symbol and space removed, Latin letters lower-cased.  So 建立健全公证工作标准。 and
“建立健全公证工作标准” are one measure.  With ``similarity`` below 1, normalised texts whose sets of
character bigrams have a Jaccard similarity of at least that value are joined as well (transitively), so
a measure reworded a little from one year's report to the next still counts as the same measure.

Cypher has no such text functions without plugins, so on Neo4j the statement only reads each measure's
text and document back and the same Python grouping runs on both backends: the rows cannot differ, and
the server's work is one pass over the measures.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from extract.errors import PolicykgError
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


def bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 2] for i in range(len(key) - 1)) or frozenset([key])


def similar_keys(keys: list[str], threshold: float) -> list[int]:
    """Cluster label per key: keys joined when their bigram Jaccard similarity reaches ``threshold``.

    Prefix filtering keeps this far from quadratic: with each bigram set ordered rarest first, two sets
    with Jaccard >= t must share a bigram within their first |s| - ceil(t·|s|) + 1 bigrams, so only keys
    meeting in those prefixes are compared.
    """
    sets = [bigrams(k) for k in keys]
    freq = Counter(b for s in sets for b in s)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        ordered = sorted(s, key=lambda b: (freq[b], b))
        prefix = ordered[:len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        candidates = {j for b in prefix for j in index[b]}
        for j in candidates:
            if len(s & sets[j]) >= threshold * len(s | sets[j]):
                parent[find(i)] = find(j)
        for b in prefix:
            index[b].append(i)
    return [find(i) for i in range(len(keys))]


def recurring(measures: Iterable[tuple[str, str]], docs: dict[str, dict[str, Any]], min_docs: int,
              similarity: float) -> list[dict[str, Any]]:
    """Group (text, document id) pairs by normalised text (and similarity); keep groups in ``min_docs`` documents."""
    if not 0 < similarity <= 1:
        raise PolicykgError(f"recurring_measures: similarity must be in (0, 1], not {similarity}")
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for text, doc in measures:
        key = normalise(text)
        if key:
            by_key[key].append((text, doc))
    groups: dict[Any, list[tuple[str, str]]] = by_key
    if similarity < 1:
        keys = sorted(by_key)
        groups = defaultdict(list)
        for key, label in zip(keys, similar_keys(keys, similarity), strict=True):
            groups[label].extend(by_key[key])
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
    return sorted(rows, key=lambda r: (-r["documents"], -r["occurrences"], r["measure"], r["titles"]))


def run_nx(g: nx.DiGraph, min_docs: int = 2, similarity: float = 1.0, top: int | None = 50) -> list[dict[str, Any]]:
    docs = {n: {"label": document_label(d), "region": d.get("region"), "date": d.get("date")}
            for n, d in g.nodes(data=True) if d.get("label") == "Document"}
    measures = ((d["text"], d["document"]) for _, d in g.nodes(data=True) if d.get("label") == "Measure")
    return top_n(recurring(measures, docs, min_docs, similarity), top)


def run_neo4j(session: Any, min_docs: int = 2, similarity: float = 1.0,
              top: int | None = 50) -> list[dict[str, Any]]:
    docs = {r["id"]: r for r in fetch(session, DOCUMENTS_CYPHER)}
    measures = ((r["text"], r["document"]) for r in fetch(session, MEASURES_CYPHER))
    return top_n(recurring(measures, docs, min_docs, similarity), top)


parse_args = parser_for(run_nx, "recurring_measures")

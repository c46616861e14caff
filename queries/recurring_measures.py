"""recurring_measures(min_docs, similarity, top): measures worded alike in several documents — policy diffusion.

Two measures recur when their normalised texts are equal: Unicode NFKC (full-width → half-width), Latin
letters lower-cased, everything but letters and digits (punctuation, symbols, spaces) removed.
So 建立健全公证工作标准。 and “建立健全公证工作标准” are one measure.  With ``similarity`` below 1,
normalised texts whose sets of
character bigrams have a Jaccard similarity of at least that value are joined as well (transitively), so
a measure reworded a little from one year's report to the next still counts as the same measure.

Cypher has no such text functions without plugins, so on Neo4j the statement only reads the measure
texts back, one record per document (a record per measure would cost the driver ten times more), and the
same Python grouping runs on both backends: the rows cannot differ.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from extract.errors import PolicykgError
from queries.graph_index import nodes_with_label
from queries.rows import document_label, fetch, top_n

CYPHER = """
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS id, coalesce(d.title, d.source) AS label, d.region AS region, d.date AS date,
       collect(m.text) AS texts
"""
COLUMNS = ["measure", "documents", "occurrences", "titles", "regions", "dates"]
HELP = {"min_docs": "least number of documents a measure recurs in",
        "similarity": "character-bigram Jaccard similarity that joins rewordings (1 = same normalised text)",
        "top": "measures to show, 0 for all"}
EXAMPLE = "policykg query recurring-measures --min-docs 3 --top 10"
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The comparison key of a measure text (see the module docstring)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


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


def _most_common_wording(texts: list[str]) -> str:
    """The wording used most often, ties to the first in code-point order (most groups have one wording)."""
    if len(set(texts)) == 1:
        return texts[0]
    counts = Counter(texts)
    return min(counts, key=lambda t: (-counts[t], t))


def recurring(documents: Iterable[dict[str, Any]], min_docs: int, similarity: float,
              top: int | None) -> list[dict[str, Any]]:
    """Rows for documents given as {id, label, region, date, texts}: groups found in ``min_docs`` documents."""
    if not 0 < similarity <= 1:
        raise PolicykgError(f"recurring_measures: similarity must be in (0, 1], not {similarity}")
    docs = {d["id"]: d for d in documents}
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc in docs.values():
        for text in doc["texts"]:
            key = normalise(text)
            if key:
                by_key[key].append((text, doc["id"]))
    groups: list[list[tuple[str, str]]] = list(by_key.values())
    if similarity < 1:
        keys = sorted(by_key)
        joined: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key, label in zip(keys, similar_keys(keys, similarity), strict=True):
            joined[label].extend(by_key[key])
        groups = list(joined.values())
    ranked = []
    for members in groups:
        doc_ids = {doc for _, doc in members}
        if len(doc_ids) >= min_docs:
            measure = _most_common_wording([text for text, _ in members])
            ranked.append((-len(doc_ids), -len(members), measure, doc_ids))
    ranked.sort(key=lambda r: r[:3])  # groups have distinct wordings, so this order is total
    return [{"measure": measure, "documents": -n_docs, "occurrences": -n,
             "titles": sorted(docs[d]["label"] for d in doc_ids),
             "regions": sorted({docs[d]["region"] for d in doc_ids if docs[d].get("region")}),
             "dates": sorted({docs[d]["date"] for d in doc_ids if docs[d].get("date")})}
            for n_docs, n, measure, doc_ids in top_n(ranked, top)]


def run_nx(g: nx.DiGraph, min_docs: int = 2, similarity: float = 1.0, top: int | None = 50) -> list[dict[str, Any]]:
    docs = {n: {"id": n, "label": document_label(d), "region": d.get("region"), "date": d.get("date"),
                "texts": []} for n, d in nodes_with_label(g, "Document")}
    for _, m in nodes_with_label(g, "Measure"):
        docs[m["document"]]["texts"].append(m["text"])
    return recurring(docs.values(), min_docs, similarity, top)


def run_neo4j(session: Any, min_docs: int = 2, similarity: float = 1.0,
              top: int | None = 50) -> list[dict[str, Any]]:
    return recurring(fetch(session, CYPHER), min_docs, similarity, top)


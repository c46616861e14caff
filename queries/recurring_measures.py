"""recurring_measures(min_docs, similarity, top): measures worded alike in several documents — policy diffusion.

Two measures recur when their keys are equal: ``graph.rows.measure_key`` (Unicode NFKC, Latin letters
lower-cased, everything but letters and digits removed), computed once when the graph is built and stored as
the measure's ``text_key`` property on both backends.  So 建立健全公证工作标准。 and “建立健全公证工作标准” are one
measure.  With ``similarity`` below 1, keys whose sets of character bigrams have a Jaccard similarity of at
least that value are joined as well (transitively), so a measure reworded a little from one year's report to
the next still counts as the same measure.

No query compares measures with each other at similarity 1 (the default).  On networkx the groups of equal keys
are ranked once per graph and kept with its index (``queries.graph_index.derived``), each group's row made when a
query first reaches it; a query copies the first rows.  On Neo4j the keys are counted from the range index on
(text_key, document) (``policykg.schema``), in index order, without reading a measure; the statement returns only
the groups that can reach the top rows: ranked by documents and occurrences no lower than the top-th group, ties
included, because the final order breaks ties by wording, in Python, on both backends (the rows cannot differ).
Below 1 the keys of every measure are read (one record per document) and joined by ``similar_keys``.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

import networkx as nx

from policykg.errors import PolicykgError
from policykg.graph.rows import measure_key
from policykg.queries.graph_index import derived, nodes_with_label
from policykg.queries.rows import document_label, fetch
from policykg.schema import DOCUMENT, MEASURE

# The groups that can reach the top rows, read from the index on (text_key, document) alone: the keys are
# counted in index order (documents and occurrences, no measure read), ranked, cut at the top-th group with
# its ties (the final order breaks ties by wording, in Python), and only then are the cut groups' texts read,
# by index seeks.  Lists rather than maps between the steps: tens of thousands of maps cost more than the scan.
CYPHER_GROUPS = """
MATCH (m:Measure) WHERE m.text_key > '' AND m.document IS NOT NULL
WITH m.text_key AS key, count(DISTINCT m.document) AS documents, count(*) AS occurrences
WHERE documents >= $min_docs
WITH key, documents, occurrences ORDER BY documents DESC, occurrences DESC
WITH collect(key) AS keys, collect(documents) AS ds, collect(occurrences) AS os
WITH keys, ds, os, CASE WHEN $top IS NULL OR $top < 1 OR size(keys) <= $top THEN null ELSE $top - 1 END AS e
UNWIND [i IN range(0, size(keys) - 1)
        WHERE e IS NULL OR ds[i] > ds[e] OR (ds[i] = ds[e] AND os[i] >= os[e]) | keys[i]] AS key
MATCH (m:Measure) WHERE m.text_key = key AND m.document IS NOT NULL
RETURN key, collect(m.text) AS texts, collect(m.document) AS docs
"""
CYPHER_DOCUMENTS = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, coalesce(d.title, d.source) AS label, d.region AS region, d.date AS date
"""
# Every measure, one record per document (a record per measure would cost the driver ten times more).
CYPHER = """
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS id, coalesce(d.title, d.source) AS label, d.region AS region, d.date AS date,
       collect([m.text, coalesce(m.text_key, '')]) AS measures
"""
COLUMNS = ["measure", "documents", "occurrences", "titles", "regions", "dates"]
HELP = {"min_docs": "least number of documents a measure recurs in",
        "similarity": "character-bigram Jaccard similarity that joins rewordings (1 = same normalised text)",
        "top": "measures to show, 0 for all"}
EXAMPLE = "policykg query recurring-measures --min-docs 3 --top 10"
# A group ranked: (-documents, -occurrences, wording, document ids); sorted, these are the rows' order.
Ranked = tuple[int, int, str, frozenset[str]]


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


def _rank(groups: Iterable[tuple[list[str], list[str]]]) -> list[Ranked]:
    """Groups given as (texts, their documents), in the rows' order."""
    ranked = [(-len(set(docs)), -len(texts), _most_common_wording(texts), frozenset(docs)) for texts, docs in groups]
    ranked.sort(key=lambda r: r[:3])  # groups have distinct wordings, so this order is total
    return ranked


def _row(group: Ranked, document: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """A group's row; ``document(id)``: {label, region, date}."""
    n_docs, n, measure, doc_ids = group
    docs = [document(d) for d in doc_ids]
    return {"measure": measure, "documents": -n_docs, "occurrences": -n,
            "titles": sorted(d["label"] for d in docs),
            "regions": sorted({d["region"] for d in docs if d.get("region")}),
            "dates": sorted({d["date"] for d in docs if d.get("date")})}


def _cut(ranked: list[Ranked], min_docs: int, top: int | None) -> int:
    """How many of the first groups are found in at least ``min_docs`` documents, at most ``top``."""
    found = bisect_right(ranked, -min_docs, key=itemgetter(0))  # ranked by -documents first
    return min(found, top) if top else found


def _rows(ranked: list[Ranked], min_docs: int, top: int | None,
          document: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the groups found in at least ``min_docs`` documents."""
    return [_row(group, document) for group in ranked[:_cut(ranked, min_docs, top)]]


def _check(similarity: float) -> None:
    if not 0 < similarity <= 1:
        raise PolicykgError(f"recurring_measures: similarity must be in (0, 1], not {similarity}")


def recurring(documents: Iterable[dict[str, Any]], min_docs: int, similarity: float,
              top: int | None) -> list[dict[str, Any]]:
    """Rows for documents given as {id, label, region, date, texts[, keys]}: groups found in ``min_docs`` documents.

    ``keys`` (parallel to ``texts``) are the stored keys; without them they are computed from the texts.
    """
    _check(similarity)
    docs = {d["id"]: d for d in documents}
    by_key: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for doc in docs.values():
        keys = doc.get("keys") or [measure_key(t) for t in doc["texts"]]
        for text, key in zip(doc["texts"], keys, strict=True):
            if key:
                texts, ids = by_key[key]
                texts.append(text)
                ids.append(doc["id"])
    groups = list(by_key.values())
    if similarity < 1:
        keys = sorted(by_key)
        joined: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for key, label in zip(keys, similar_keys(keys, similarity), strict=True):
            joined[label][0].extend(by_key[key][0])
            joined[label][1].extend(by_key[key][1])
        groups = list(joined.values())
    return _rows(_rank(groups), min_docs, top, docs.__getitem__)


def _key(props: dict[str, Any]) -> str:
    """A measure node's stored key (computed for a graph written before keys were stored)."""
    key = props.get("text_key")
    return measure_key(props["text"]) if key is None else key


def _ranked_groups(g: nx.DiGraph) -> list[Ranked]:
    """Every group of equal keys in ``g``, ranked."""
    by_key: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for _, m in nodes_with_label(g, MEASURE):
        key = _key(m)
        if key:
            by_key[key][0].append(m["text"])
            by_key[key][1].append(m["document"])
    return _rank(by_key.values())


class _GroupRows:
    """A graph's groups of equal keys, ranked, each group's row made the first time a query reaches it (kept
    with the graph's index): a query copies its first rows, so its cost is that of its answer, not of looking
    up and sorting the titles of every document a measure recurs in, again at each query."""

    def __init__(self, g: nx.DiGraph) -> None:
        self.ranked = _ranked_groups(g)
        self.document = _nx_document(g)
        self.rows: list[dict[str, Any]] = []  # the rows of self.ranked[:len(self.rows)]

    def first(self, min_docs: int, top: int | None) -> list[dict[str, Any]]:
        n = _cut(self.ranked, min_docs, top)
        self.rows.extend(_row(group, self.document) for group in self.ranked[len(self.rows):n])
        return [{k: v[:] if isinstance(v, list) else v for k, v in row.items()} for row in self.rows[:n]]


def _nx_document(g: nx.DiGraph) -> Callable[[str], dict[str, Any]]:
    def document(n: str) -> dict[str, Any]:
        d = g.nodes[n]
        return {"label": document_label(d), "region": d.get("region"), "date": d.get("date")}
    return document


def run_nx(g: nx.DiGraph, min_docs: int = 2, similarity: float = 1.0, top: int | None = 50) -> list[dict[str, Any]]:
    _check(similarity)
    if similarity == 1:
        return derived(g, "recurring_measures", _GroupRows).first(min_docs, top)
    docs = {n: {"id": n, **_nx_document(g)(n), "texts": [], "keys": []} for n, _ in nodes_with_label(g, DOCUMENT)}
    for _, m in nodes_with_label(g, MEASURE):
        docs[m["document"]]["texts"].append(m["text"])
        docs[m["document"]]["keys"].append(_key(m))
    return recurring(docs.values(), min_docs, similarity, top)


def run_neo4j(session: Any, min_docs: int = 2, similarity: float = 1.0,
              top: int | None = 50) -> list[dict[str, Any]]:
    _check(similarity)
    if similarity == 1:
        ranked = _rank((r["texts"], r["docs"]) for r in fetch(session, CYPHER_GROUPS, min_docs=min_docs, top=top))
        ids = sorted(set().union(*(r[3] for r in ranked)))
        docs = {d["id"]: d for d in fetch(session, CYPHER_DOCUMENTS, ids=ids)} if ids else {}
        return _rows(ranked, min_docs, top, docs.__getitem__)
    docs = [{**d, "texts": [t for t, _ in d["measures"]], "keys": [k for _, k in d["measures"]]}
            for d in fetch(session, CYPHER)]
    return recurring(docs, min_docs, similarity, top)


"""Build the embedded networkx graph from extracted documents.

Schema (shared with Neo4j, node keys are the model's stable ids; names in policykg.schema):

    (:Institution)-[:ISSUED]->(:Document)
    (:Document)-[:HAS_AREA]->(:Area)-[:SUBAREA_OF]->(:Area)
    (:Document)-[:HAS_MEASURE]->(:Measure)      every measure of the document
    (:Area)-[:HAS_MEASURE]->(:Measure)          the measure's innermost area
    (:Institution)-[:RESPONSIBLE_FOR {role}]->(:Measure)   role: lead | support | mentioned

Node attributes: ``label`` plus the properties of the document's rows (graph/rows.py), which the Neo4j
loader sends too, so both backends hold the same properties.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from policykg.graph.rows import merge_institution
from policykg.graph.stream import graph_rows
from policykg.model import Document
from policykg.schema import INSTITUTION, LABELS, REL_TYPES


def build_graph(docs: Iterable[Document]) -> nx.DiGraph:
    """One directed graph holding every document; institutions are shared across documents (a document met
    twice is held once: graph_rows)."""
    g = nx.DiGraph()
    for nodes, rels in graph_rows(docs):
        for n in nodes:
            if n.label == INSTITUTION and n.id in g:
                merge_institution(g.nodes[n.id], n.props)
                continue
            g.add_node(n.id, label=n.label, id=n.id, **n.props)
        for r in rels:
            g.add_edge(r.start, r.end, type=r.type, **r.props)
    return g


def counts(g: nx.DiGraph) -> dict[str, int]:
    """Node count per label and relationship count per type: what Neo4j must hold after a load."""
    out: dict[str, int] = {label: 0 for label in LABELS}
    out.update({t: 0 for t in REL_TYPES})
    for _, d in g.nodes(data=True):
        out[d["label"]] += 1
    for _, _, d in g.edges(data=True):
        out[d["type"]] += 1
    return out

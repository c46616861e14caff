"""Build the embedded networkx graph from extracted documents.

Schema (shared with Neo4j, node keys are the model's stable ids):

    (:Institution)-[:ISSUED]->(:Document)
    (:Document)-[:HAS_AREA]->(:Area)-[:SUBAREA_OF]->(:Area)
    (:Document)-[:HAS_MEASURE]->(:Measure)      every measure of the document
    (:Area)-[:HAS_MEASURE]->(:Measure)          the measure's innermost area
    (:Institution)-[:RESPONSIBLE_FOR {role}]->(:Measure)   role: lead | support | mentioned

Node attributes: ``label`` plus the properties below; properties whose value is None are left out,
as Neo4j stores no nulls, so both backends hold the same properties.  A measure also carries ``text_key``, its
normalised text (``measure_key``), computed once here so that queries group recurring measures by an equal
property instead of normalising and comparing texts at query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import networkx as nx

from policykg.model import Document
from policykg.schema import LABELS, REL_TYPES

_NOT_ALNUM = re.compile(r"[\W_]+")


def measure_key(text: str) -> str:
    """The key under which measures worded alike are one measure: Unicode NFKC (full-width → half-width), Latin
    letters lower-cased, everything but letters and digits (punctuation, symbols, spaces) removed.

    So 建立健全公证工作标准。 and “建立健全公证工作标准” share a key.  "" (a text of signs only) recurs with nothing.
    """
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


def _props(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


def document_elements(doc: Document) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and relationships of one document as plain rows.

    Every backend (networkx here, the Neo4j loader) consumes these same rows, so the two graphs cannot
    drift apart.  A node row is ``{"label", "id", "props"}``; a relationship row is
    ``{"type", "start", "end", "props"}``.  Institution rows carry only this document's aliases;
    backends union aliases across documents.
    """
    nodes: list[dict[str, Any]] = [
        {"label": "Document", "id": doc.id,
         "props": _props(source=doc.source, title=doc.title, date=doc.date, region=doc.region)}
    ]
    rels: list[dict[str, Any]] = []
    for inst in doc.institutions:
        nodes.append({"label": "Institution", "id": inst.id,
                      "props": _props(name=inst.name, aliases=sorted(set(inst.aliases)), kind=inst.kind)})
    inst_ids = {inst.name: inst.id for inst in doc.institutions}
    for issuer in doc.issuers:
        rels.append({"type": "ISSUED", "start": inst_ids[issuer], "end": doc.id, "props": {}})
    for area in doc.areas:
        nodes.append({"label": "Area", "id": area.id, "props": _props(name=area.name, document=doc.id)})
        rels.append({"type": "HAS_AREA", "start": doc.id, "end": area.id, "props": {}})
        if area.parent_id:
            rels.append({"type": "SUBAREA_OF", "start": area.id, "end": area.parent_id, "props": {}})
    for m in doc.measures:
        span = m.span or (None, None)
        nodes.append({"label": "Measure", "id": m.id,
                      "props": _props(text=m.text, text_key=measure_key(m.text), area=m.area, document=doc.id,
                                      span_start=span[0], span_end=span[1], deadline=m.deadline)})
        rels.append({"type": "HAS_MEASURE", "start": doc.id, "end": m.id, "props": {}})
        if m.area_id:
            rels.append({"type": "HAS_MEASURE", "start": m.area_id, "end": m.id, "props": {}})
        for name, role in m.roles().items():
            rels.append({"type": "RESPONSIBLE_FOR", "start": inst_ids[name], "end": m.id,
                         "props": {"role": role}})
    return nodes, rels


def merge_institution(held: dict[str, Any], props: dict[str, Any]) -> None:
    """Fold another document's properties of the same institution into ``held``, in place.

    Aliases are unioned (sorted) and the first kind seen is kept.  build_graph and the Neo4j loader (for
    rows of one statement) both call this, and the loader's MERGE_INSTITUTIONS does the same in Cypher,
    so an institution named by several documents ends up identical in both backends.
    """
    held["aliases"] = sorted(set(held.get("aliases", [])) | set(props.get("aliases", [])))
    if "kind" not in held and "kind" in props:
        held["kind"] = props["kind"]


def build_graph(docs: Iterable[Document]) -> nx.DiGraph:
    """One directed graph holding every document; institutions are shared across documents."""
    g = nx.DiGraph()
    for doc in docs:
        nodes, rels = document_elements(doc)
        for n in nodes:
            if n["label"] == "Institution" and n["id"] in g:
                merge_institution(g.nodes[n["id"]], n["props"])
                continue
            g.add_node(n["id"], label=n["label"], id=n["id"], **n["props"])
        for r in rels:
            g.add_edge(r["start"], r["end"], type=r["type"], **r["props"])
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

"""The rows every backend is built from: one document as node and relationship rows.

networkx (graph/build.py), the Neo4j loader (graph/neo4j/) and, through the networkx graph, the pages all
consume these same rows, so the backends cannot drift apart in labels, properties, relationship types or the
role property.  The rows are small frozen dataclasses rather than dicts so that a misspelt key is an
AttributeError at the hand-off, not a silently missing property in one backend.

Properties whose value is None are left out, as Neo4j stores no nulls, so both backends hold the same
properties.  A measure also carries ``text_key`` (``measure_key``), computed once here so that queries group
recurring measures by an equal property instead of normalising and comparing texts at query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from policykg.model import Document
from policykg.schema import (
    AREA,
    DOCUMENT,
    HAS_AREA,
    HAS_MEASURE,
    INSTITUTION,
    ISSUED,
    MEASURE,
    RESPONSIBLE_FOR,
    SUBAREA_OF,
)

_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class NodeRow:
    """One node: its label (policykg.schema.LABELS), its stable id and its non-null properties."""

    label: str
    id: str
    props: dict[str, Any]


@dataclass(frozen=True)
class RelRow:
    """One relationship from node id ``start`` to node id ``end`` (type from policykg.schema.REL_TYPES)."""

    type: str
    start: str
    end: str
    props: dict[str, Any]


def measure_key(text: str) -> str:
    """The key under which measures worded alike are one measure: Unicode NFKC (full-width → half-width), Latin
    letters lower-cased, everything but letters and digits (punctuation, symbols, spaces) removed.

    So 建立健全公证工作标准。 and “建立健全公证工作标准” share a key.  "" (a text of signs only) recurs with nothing.

    >>> measure_key("建立健全公证工作标准。") == measure_key("“建立健全公证工作标准”")
    True
    >>> measure_key("推进ＡＩ　应用(试点)")
    '推进ai应用试点'
    >>> measure_key("——;")
    ''
    """
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).lower())


def _props(**kw: Any) -> dict[str, Any]:
    """The keyword arguments that are not None (Neo4j stores no nulls).

    >>> _props(name="上海市司法局", kind=None)
    {'name': '上海市司法局'}
    """
    return {k: v for k, v in kw.items() if v is not None}


def _measure_rows(doc: Document, inst_ids: dict[str, str]) -> tuple[list[NodeRow], list[RelRow]]:
    nodes: list[NodeRow] = []
    rels: list[RelRow] = []
    for m in doc.measures:
        span = m.span or (None, None)
        nodes.append(NodeRow(MEASURE, m.id, _props(text=m.text, text_key=measure_key(m.text), area=m.area,
                                                   document=doc.id, span_start=span[0], span_end=span[1],
                                                   deadline=m.deadline)))
        rels.append(RelRow(HAS_MEASURE, doc.id, m.id, {}))
        if m.area_id:
            rels.append(RelRow(HAS_MEASURE, m.area_id, m.id, {}))
        for name, role in m.roles().items():
            rels.append(RelRow(RESPONSIBLE_FOR, inst_ids[name], m.id, {"role": role}))
    return nodes, rels


def document_elements(doc: Document) -> tuple[list[NodeRow], list[RelRow]]:
    """Nodes and relationships of one document.

    Institution rows carry only this document's aliases; backends union aliases across documents
    (``merge_institution``).  An issuer or duty holder missing from the document's institutions raises KeyError.
    """
    nodes = [NodeRow(DOCUMENT, doc.id, _props(source=doc.source, title=doc.title, date=doc.date, region=doc.region))]
    rels: list[RelRow] = []
    for inst in doc.institutions:
        nodes.append(NodeRow(INSTITUTION, inst.id,
                             _props(name=inst.name, aliases=sorted(set(inst.aliases)), kind=inst.kind)))
    inst_ids = {inst.name: inst.id for inst in doc.institutions}
    for issuer in doc.issuers:
        rels.append(RelRow(ISSUED, inst_ids[issuer], doc.id, {}))
    for area in doc.areas:
        nodes.append(NodeRow(AREA, area.id, _props(name=area.name, document=doc.id)))
        rels.append(RelRow(HAS_AREA, doc.id, area.id, {}))
        if area.parent_id:
            rels.append(RelRow(SUBAREA_OF, area.id, area.parent_id, {}))
    measure_nodes, measure_rels = _measure_rows(doc, inst_ids)
    return nodes + measure_nodes, rels + measure_rels


def unique_nodes(rows: Iterable[NodeRow]) -> list[NodeRow]:
    """One row per node id, in first-seen order, later properties over earlier ones (as a graph's add_node and
    Neo4j's MERGE … SET n += props leave a node written twice: a measure repeated in its text).

    >>> [r.props for r in unique_nodes([NodeRow("Measure", "m1", {"a": 1}), NodeRow("Measure", "m1", {"b": 2})])]
    [{'a': 1, 'b': 2}]
    """
    merged: dict[str, NodeRow] = {}
    for n in rows:
        held = merged.get(n.id)
        merged[n.id] = n if held is None else NodeRow(n.label, n.id, {**held.props, **n.props})
    return list(merged.values())


def unique_rels(rows: Iterable[RelRow]) -> list[RelRow]:
    """One row per (start, end), in first-seen order, later properties over earlier ones (see unique_nodes)."""
    merged: dict[tuple[str, str], RelRow] = {}
    for r in rows:
        held = merged.get((r.start, r.end))
        merged[r.start, r.end] = r if held is None else RelRow(r.type, r.start, r.end, {**held.props, **r.props})
    return list(merged.values())


def merge_institution(held: dict[str, Any], props: dict[str, Any]) -> None:
    """Fold another document's properties of the same institution into ``held``, in place.

    Aliases are unioned (sorted) and the first kind seen is kept.  build_graph and the Neo4j loader (for
    rows of one statement) both call this, and the loader's MERGE_INSTITUTIONS does the same in Cypher,
    so an institution named by several documents ends up identical in both backends.

    >>> held = {"name": "上海市司法局", "aliases": ["市司法局"]}
    >>> merge_institution(held, {"name": "上海市司法局", "aliases": ["司法局", "市司法局"], "kind": "government"})
    >>> held
    {'name': '上海市司法局', 'aliases': ['司法局', '市司法局'], 'kind': 'government'}
    """
    held["aliases"] = sorted(set(held.get("aliases", [])) | set(props.get("aliases", [])))
    if "kind" not in held and "kind" in props:
        held["kind"] = props["kind"]

"""The rows every backend is built from (graph/rows.py), on a sentence of the seed document."""

from __future__ import annotations

import dataclasses

import pytest

from policykg.graph.build import build_graph
from policykg.graph.rows import NodeRow, RelRow, document_elements
from policykg.model import Area, Document, Duty, Institution, Measure, area_id, document_id, measure_id
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

# The opening clauses of a measure of corpus/shanghai_judicial_reform_2018.txt (深化监狱体制和机制改革, under
# 健全完善司法行政执行体制)
PENALTY = "完善刑罚执行制度,严格规范监狱减刑、假释、暂予监外执行制度。"
TOP, SUB = "健全完善司法行政执行体制", "深化监狱体制和机制改革"


def seed_sentence_document() -> Document:
    doc_id = document_id("shanghai-judicial-reform-rows")
    top, sub = area_id(doc_id, (TOP,)), area_id(doc_id, (TOP, SUB))
    measure = Measure(measure_id(doc_id, PENALTY), PENALTY, SUB, sub, span=(120, 150),
                      duties=[Duty("上海市监狱管理局", "support"), Duty("上海市监狱管理局", "lead"),
                              Duty("上海市高级人民法院", "support")])
    institutions = [Institution("中共上海市委办公厅", ["市委办公厅"], "party"),
                    Institution("上海市监狱管理局", ["市监狱管理局", "市监狱管理局"], "government"),
                    Institution("上海市高级人民法院")]
    return Document(doc_id, "corpus/shanghai_judicial_reform_2018.txt", "关于加快推进司法行政改革的实施意见", None,
                    "上海市", ["中共上海市委办公厅"], [Area(top, TOP), Area(sub, SUB, TOP, top)], [measure],
                    institutions)


def test_a_document_becomes_typed_rows_in_document_institution_area_measure_order():
    doc = seed_sentence_document()
    nodes, rels = document_elements(doc)
    assert all(isinstance(n, NodeRow) for n in nodes) and all(isinstance(r, RelRow) for r in rels)
    assert [n.label for n in nodes] == [DOCUMENT, INSTITUTION, INSTITUTION, INSTITUTION, AREA, AREA, MEASURE]
    # None is left out (Neo4j stores no nulls): the document has no date, the court no kind
    assert nodes[0].props == {"source": doc.source, "title": doc.title, "region": "上海市"}
    assert nodes[2].props == {"name": "上海市监狱管理局", "aliases": ["市监狱管理局"], "kind": "government"}
    assert nodes[3].props == {"name": "上海市高级人民法院", "aliases": []}
    measure = nodes[-1]
    assert measure.props == {"text": PENALTY, "text_key": "完善刑罚执行制度严格规范监狱减刑假释暂予监外执行制度",
                             "area": SUB, "document": doc.id, "span_start": 120, "span_end": 150}


def test_relationships_carry_the_strongest_role_of_a_unit_named_twice():
    doc = seed_sentence_document()
    nodes, rels = document_elements(doc)
    ids = {n.props.get("name"): n.id for n in nodes}
    m = doc.measures[0].id
    assert [(r.type, r.start, r.end, r.props) for r in rels] == [
        (ISSUED, ids["中共上海市委办公厅"], doc.id, {}),
        (HAS_AREA, doc.id, ids[TOP], {}),
        (HAS_AREA, doc.id, ids[SUB], {}),
        (SUBAREA_OF, ids[SUB], ids[TOP], {}),
        (HAS_MEASURE, doc.id, m, {}),
        (HAS_MEASURE, ids[SUB], m, {}),
        (RESPONSIBLE_FOR, ids["上海市监狱管理局"], m, {"role": "lead"}),
        (RESPONSIBLE_FOR, ids["上海市高级人民法院"], m, {"role": "support"}),
    ]


def test_a_duty_holder_missing_from_the_institutions_is_a_key_error_naming_it():
    doc = seed_sentence_document()
    doc.measures[0].duties.append(Duty("上海市人民检察院", "support"))
    with pytest.raises(KeyError, match="上海市人民检察院"):
        document_elements(doc)


def test_rows_are_frozen_so_no_backend_can_change_what_another_receives():
    nodes, _ = document_elements(seed_sentence_document())
    with pytest.raises(dataclasses.FrozenInstanceError):
        nodes[0].label = MEASURE  # type: ignore[misc]


def test_the_networkx_graph_holds_exactly_the_rows():
    doc = seed_sentence_document()
    nodes, rels = document_elements(doc)
    g = build_graph([doc])
    assert {n: d for n, d in g.nodes(data=True)} == {n.id: {"label": n.label, "id": n.id, **n.props} for n in nodes}
    assert {(u, v): d for u, v, d in g.edges(data=True)} == {(r.start, r.end): {"type": r.type, **r.props}
                                                              for r in rels}

"""The co-responsibility projection shared by the pages and the queries."""

from __future__ import annotations

from extract.model import Document, Measure, measure_id
from graph.build import build_graph
from graph.coresponsibility import coresponsibility_network
from graph.viz import write_pages
from queries import unit_pairs


def test_documents_without_duties_give_an_empty_network_and_still_render(tmp_path):
    measure = Measure(id=measure_id("doc-x", "完善统计制度"), text="完善统计制度")
    doc = Document(id="doc-x", source="x.txt", measures=[measure])
    g = build_graph([doc])
    assert coresponsibility_network(g).number_of_nodes() == 0
    assert unit_pairs.run_nx(g, top=5) == []
    assert {p.name for p in write_pages(g, tmp_path)} == {"graph.html", "coresponsibility.html"}

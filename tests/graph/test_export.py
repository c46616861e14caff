"""GraphML and GEXF as Gephi, igraph and R read them: every node keeps its kind, every edge its relation and
role as ordinary attributes, read back here with networkx."""

from __future__ import annotations

import networkx as nx
import pytest
from builders import DATA

from policykg.extract.pipeline import extract_paths
from policykg.graph.build import build_graph
from policykg.graph.export import write_gexf, write_graphml

TASKLIST = DATA / "tasklist.txt"


@pytest.fixture(scope="module")
def g() -> nx.DiGraph:
    return build_graph(extract_paths([TASKLIST]).documents)


def _expected_node(d: dict) -> dict:
    props = {k: "|".join(v) if isinstance(v, list) else v for k, v in d.items() if k != "label"}
    return {**props, "type": d["label"], "label": d.get("name") or d.get("title") or d.get("text")[:30]}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_node_and_edge_attribute_round_trips(fmt, g, tmp_path):
    path = tmp_path / f"graph.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(g, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(g.nodes)
    for n, d in g.nodes(data=True):
        expected = _expected_node(d)
        if fmt == "gexf" and "id" in expected:  # GEXF keeps a node's id in the node itself, not as an attribute
            assert expected.pop("id") == n
        assert dict(back.nodes[n]) == expected
    assert back.number_of_edges() == g.number_of_edges()
    for u, v, d in g.edges(data=True):
        got = {k: val for k, val in back.edges[u, v].items() if k != "id"}  # the reader numbers edges
        assert got == {**{k: val for k, val in d.items() if k != "type"}, "relation": d["type"]}


def test_gephi_can_filter_duties_by_relation_and_role(g, tmp_path):
    write_gexf(g, tmp_path / "graph.gexf")
    back = nx.read_gexf(tmp_path / "graph.gexf")
    duties = [(u, v, d["role"]) for u, v, d in back.edges(data=True) if d["relation"] == "RESPONSIBLE_FOR"]
    assert len(duties) == sum(1 for *_, d in g.edges(data=True) if d["type"] == "RESPONSIBLE_FOR") > 20
    assert {role for *_, role in duties} == {"lead", "support"}
    assert "HAS_MEASURE" in {d["relation"] for *_, d in back.edges(data=True)}
    text = (tmp_path / "graph.gexf").read_text("utf-8")
    assert 'type="RESPONSIBLE_FOR"' not in text and 'type="HAS_MEASURE"' not in text

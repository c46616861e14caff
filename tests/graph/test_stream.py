"""The streaming build writes the same graph as build_graph: graph.json, GraphML and GEXF read back with networkx
hold the same nodes, attributes and edges (in another order), and the unit-pair summary counted from the stream
equals run_nx on the whole graph."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from builders import DATA, ROOT

from policykg.extract.pipeline import extract_paths
from policykg.graph.build import build_graph, counts
from policykg.graph.export import read_node_link, write_node_link
from policykg.graph.stream import write_streamed
from policykg.queries import unit_pairs

INPUTS = {"corpus": ROOT / "corpus", "tasklist": DATA / "tasklist.txt"}


@pytest.fixture(scope="module", params=sorted(INPUTS))
def built(request, tmp_path_factory) -> tuple[list, nx.DiGraph, Path, unit_pairs.PairTally]:
    docs = extract_paths([INPUTS[request.param]]).documents
    folder = tmp_path_factory.mktemp(request.param)
    tally = unit_pairs.PairTally()
    n, written = write_streamed(iter(docs), folder, sinks=[tally.add])
    g = build_graph(docs)
    assert n == len(docs) and dict(written) == counts(g)
    return docs, g, folder, tally


def _gephi(d: dict) -> dict:
    """A node's attributes as GraphML/GEXF hold them (graph/formats.py Element.xml)."""
    props = {k: "|".join(v) if isinstance(v, list) else v for k, v in d.items() if k != "label"}
    return {**props, "type": d["label"], "label": d.get("name") or d.get("title") or d.get("text")[:30]}


def _edges(g: nx.DiGraph, drop: tuple[str, ...] = ()) -> dict:
    return {(u, v): {k: x for k, x in d.items() if k not in drop} for u, v, d in g.edges(data=True)}


def test_graph_json_holds_build_graphs_graph(built, tmp_path):
    _, g, folder, _ = built
    back = read_node_link(folder / "graph.json")
    # node_link_graph takes a node's "id" for the node itself, as it does reading networkx's own file
    assert dict(back.nodes(data=True)) == {n: {k: v for k, v in d.items() if k != "id"} for n, d in g.nodes(data=True)}
    assert _edges(back) == _edges(g) and back.number_of_edges() == g.number_of_edges()
    write_node_link(g, tmp_path / "nx.json")
    assert nx.utils.graphs_equal(back, read_node_link(tmp_path / "nx.json"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_hold_build_graphs_graph(built, fmt):
    _, g, folder, _ = built
    back = nx.read_graphml(folder / "graph.graphml") if fmt == "graphml" else nx.read_gexf(folder / "graph.gexf")
    expected = {n: _gephi(d) for n, d in g.nodes(data=True)}
    if fmt == "gexf":  # GEXF keeps a node's id in the element, and numbers the edges
        expected = {n: {k: v for k, v in d.items() if k != "id"} for n, d in expected.items()}
    assert dict(back.nodes(data=True)) == expected
    relations = {e: {**{k: v for k, v in d.items() if k != "type"}, "relation": d["type"]}
                 for e, d in _edges(g).items()}
    assert _edges(back, drop=("id",)) == relations and back.number_of_edges() == g.number_of_edges()


def test_no_part_file_is_left_behind(built):
    assert sorted(p.name for p in built[2].iterdir()) == ["extraction.jsonl", "graph.gexf", "graph.graphml",
                                                          "graph.json"]


def test_the_summary_counted_from_the_stream_equals_run_nx(built):
    _, g, _, tally = built
    for top in (20, 3, 0):
        assert tally.rows(top=top, min_shared=1) == unit_pairs.run_nx(g, top=top, min_shared=1)
    assert tally.rows(top=0) and tally.rows(top=0, min_shared=2) == unit_pairs.run_nx(g, top=0, min_shared=2)


def test_a_document_met_twice_is_one_in_every_file(built, tmp_path):
    """The same text in two files: one id, so build_graph and the streamed files hold its first copy once."""
    docs, _, _, _ = built
    twice = [*docs, dataclasses.replace(docs[0], source="elsewhere/copy.txt")]
    write_streamed(twice, tmp_path)
    g = build_graph(twice)
    assert g.nodes[docs[0].id]["source"] == docs[0].source
    write_node_link(g, tmp_path / "nx.json")
    assert nx.utils.graphs_equal(read_node_link(tmp_path / "graph.json"), read_node_link(tmp_path / "nx.json"))
    assert len((tmp_path / "extraction.jsonl").read_text("utf-8").splitlines()) == len(twice)


def test_an_undeclared_attribute_is_refused_not_written(tmp_path):
    from policykg.graph.formats import Element, GraphML

    with pytest.raises(ValueError, match="'colour' is not declared"):
        GraphML().node(Element("n1", {"label": "Area", "id": "n1", "name": "x", "colour": "red"}))


def test_two_jobs_write_byte_identical_outputs(tmp_path):
    """-j 2 hands documents to two workers; the stream keeps input order, so every file is the same bytes."""
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        subprocess.run([sys.executable, "-m", "policykg", "-q", "build", str(ROOT / "corpus"), "-o", str(out),
                        "-j", str(jobs)], cwd=ROOT, check=True, capture_output=True)
        outs.append({p.name: p.read_bytes() for p in out.iterdir() if p.name != "graph.gexf"} |
                    {"graph.gexf": _undated((out / "graph.gexf").read_bytes())})
    assert outs[0].keys() == outs[1].keys() >= {"extraction.jsonl", "graph.json", "graph.graphml", "graph.html"}
    assert outs[0] == outs[1]


def _undated(gexf: bytes) -> bytes:
    """GEXF carries the day it was written; two runs either side of midnight differ there only."""
    import re

    return re.sub(rb'lastmodifieddate="[^"]*"', b"", gexf)


def test_exports_none_leaves_out_the_gephi_files_and_keeps_graph_json(tmp_path):
    """--exports: GraphML and GEXF cost more than the graph itself, so a build that needs neither skips them;
    graph.json stays, it is what `policykg query` and `viz` read."""
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "policykg", "-q", "build", str(ROOT / "corpus"), "-o", str(out),
                    "--no-viz", "--exports", "none"], cwd=ROOT, check=True, capture_output=True)
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {"extraction.jsonl", "graph.json"}
    done = subprocess.run([sys.executable, "-m", "policykg", "-q", "build", str(ROOT / "corpus"), "-o", str(out),
                           "--exports", "gexf,csv"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "'csv' is none of graphml, gexf, none" in done.stderr

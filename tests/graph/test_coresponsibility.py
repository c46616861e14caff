"""The co-responsibility projection shared by the pages and the queries."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from builders import ROOT

from policykg.graph.build import build_graph
from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.pages.write import write_pages
from policykg.model import Document, Measure, measure_id
from policykg.queries import unit_pairs


def test_documents_without_duties_give_an_empty_network_and_still_render(tmp_path):
    measure = Measure(id=measure_id("doc-x", "完善统计制度"), text="完善统计制度")
    doc = Document(id="doc-x", source="x.txt", measures=[measure])
    g = build_graph([doc])
    assert coresponsibility_network(g).number_of_nodes() == 0
    assert unit_pairs.run_nx(g, top=5) == []
    assert {p.name for p in write_pages(g, tmp_path)} == {"graph.html", "coresponsibility.html"}


def test_pages_and_exports_do_not_depend_on_string_hashing(tmp_path):
    """Kind: run-to-run determinism.  The bipartite projection walks sets, whose order follows PYTHONHASHSEED;
    two builds of the same corpus under different seeds must write the same bytes."""
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "policykg", "-q", "build", str(ROOT / "corpus"), "-o", str(out)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(out.iterdir()) if p.suffix in {".html", ".gexf", ".graphml", ".json"}})
    assert digests[0] == digests[1]
    assert "coresponsibility.html" in digests[0]

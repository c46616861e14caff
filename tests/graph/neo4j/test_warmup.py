"""The warm-up `policykg neo4j start` runs: the loader's statements, rolled back, on a server holding data."""

from __future__ import annotations

import pytest
from builders import corpus_docs, neo4j_counts, neo4j_dump, nx_dump

from policykg.graph.build import build_graph, counts
from policykg.graph.neo4j.batches import prepare
from policykg.graph.neo4j.load import load_documents
from policykg.graph.neo4j.server import free_ports, warm_or_skip
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.graph.neo4j.warmup import synthetic_documents, warm_up
from policykg.schema import LABELS, REL_TYPES


@pytest.mark.neo4j
def test_warm_up_leaves_the_users_data_and_adds_nothing(empty_neo4j):
    """Kind: the user's data is sacred.  A loaded corpus is node for node the same after the warm-up, and the
    synthetic documents the warm-up wrote were rolled back, their institutions too."""
    docs = corpus_docs()
    load_documents(empty_neo4j, docs)
    before = neo4j_dump(empty_neo4j)
    assert warm_up(empty_neo4j, rounds=2) > 0
    assert neo4j_dump(empty_neo4j) == before == nx_dump(build_graph(docs))
    assert neo4j_counts(empty_neo4j) == counts(build_graph(docs))
    with open_session(empty_neo4j) as session:
        left = session.run("MATCH (n) WHERE n.id CONTAINS 'policykg-warm-up' OR n.name CONTAINS 'policykg-warm-up' "
                           "RETURN count(n) AS c").single()["c"]
    assert left == 0


def test_synthetic_documents_use_every_statement_the_loader_sends():
    """The warm-up plans what a real load plans: every label and every relationship type the loader writes."""
    prepared = [prepare(doc) for doc in synthetic_documents("t", count=2, measures=3)]
    assert {label for p in prepared for label in p.nodes} == set(LABELS)
    assert {key[0] for p in prepared for key in p.rels} == set(REL_TYPES)
    assert len({p.doc.id for p in prepared}) == 2


def test_a_failed_warm_up_is_one_line_and_start_goes_on(capsys):
    """Kind: an optional step failing.  The warm-up only speeds the first load; a server it cannot reach or
    write (here: nothing listens on the port) gives one line on stderr, not a failed `neo4j start`."""
    (port,) = free_ports(1)
    warm_or_skip(Neo4jSettings(uri=f"neo4j://127.0.0.1:{port}", user="neo4j", password="unused", database="neo4j"))
    err = capsys.readouterr().err
    assert err.startswith("policykg: Neo4j started; its warm-up was skipped (") and err.count("\n") == 1

"""The Neo4j loader on a real server: Neo4j holds exactly what networkx holds, reloads change nothing,
a changed document replaces only its own subgraph, and a failure leaves no half document behind."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from builders import (
    HOTLINE,
    LEGAL_AID,
    ROOT,
    SEED,
    corpus_docs,
    handmade_docs,
    handmade_document,
    neo4j_counts,
    neo4j_dump,
    nx_dump,
    quoted_doc,
)

import policykg.graph.neo4j.load as neo4j_load
from policykg.errors import PolicykgError
from policykg.extract.pipeline import extract_paths
from policykg.graph.build import build_graph, counts
from policykg.graph.neo4j.load import load_documents
from policykg.graph.neo4j.session import open_session
from policykg.model import Institution
from policykg.schema import LABELS

pytestmark = pytest.mark.neo4j

def test_neo4j_holds_exactly_what_networkx_holds(empty_neo4j):
    docs = corpus_docs()
    stats = load_documents(empty_neo4j, docs, batch_size=7, tx_elements=7)
    g = build_graph(docs)
    assert neo4j_counts(empty_neo4j) == counts(g)
    assert neo4j_dump(empty_neo4j) == nx_dump(g)
    # each document exceeds 7 elements: documents are never split, so one transaction each
    assert stats["transactions"] == stats["documents"] == len(docs) >= 2
    hotline = neo4j_dump(empty_neo4j)[0][Institution(HOTLINE).id][1]
    assert hotline == {"id": Institution(HOTLINE).id, "name": HOTLINE, "aliases": ["12345热线"], "kind": "service"}


def test_second_load_changes_nothing(empty_neo4j):
    docs = corpus_docs()
    load_documents(empty_neo4j, docs)
    before_counts, before = neo4j_counts(empty_neo4j), neo4j_dump(empty_neo4j)
    stats = load_documents(empty_neo4j, docs, batch_size=3)
    assert stats["unchanged"] == len(docs)
    assert stats["nodes_created"] == stats["nodes_deleted"] == stats["properties_set"] == 0
    assert stats["relationships_created"] == stats["relationships_deleted"] == 0
    assert neo4j_counts(empty_neo4j) == before_counts
    assert neo4j_dump(empty_neo4j) == before


def _without_sources(dump: tuple[dict, dict]) -> tuple[dict, dict]:
    nodes, rels = dump
    return {i: (lbl, {k: v for k, v in props.items() if k != "source"}) for i, (lbl, props) in nodes.items()}, rels


def _document_sources(settings) -> list[str]:
    with open_session(settings) as session:
        return [r["s"] for r in session.run("MATCH (d:Document) RETURN d.source AS s ORDER BY s")]


def test_the_same_content_by_another_path_spelling_is_the_samehandmade_document(empty_neo4j, monkeypatch):
    """Identity by content (issue 8): corpus/x.txt then /abs/corpus/x.txt creates and deletes nothing."""
    monkeypatch.chdir(ROOT)
    relative = extract_paths([Path("corpus") / SEED.name]).documents
    absolute = extract_paths([SEED.resolve()]).documents
    assert relative[0].source != absolute[0].source and relative[0].id == absolute[0].id
    load_documents(empty_neo4j, relative)
    before = neo4j_dump(empty_neo4j)
    stats = load_documents(empty_neo4j, absolute)
    assert stats["nodes_created"] == stats["nodes_deleted"] == 0
    assert stats["relationships_created"] == stats["relationships_deleted"] == 0
    assert stats["unchanged"] == 1 and stats["properties_set"] == 1  # the source, nothing else
    assert _without_sources(neo4j_dump(empty_neo4j)) == _without_sources(before)
    assert _document_sources(empty_neo4j) == [absolute[0].source]


def test_a_moved_file_is_the_same_document_with_its_new_source(empty_neo4j, tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "archive").mkdir()
    first = tmp_path / "inbox" / "judicial.txt"
    first.write_bytes(SEED.read_bytes())
    load_documents(empty_neo4j, extract_paths([first]).documents + [quoted_doc()])
    before = neo4j_dump(empty_neo4j)
    moved = first.rename(tmp_path / "archive" / "2018-上海司法改革.txt")
    docs = extract_paths([moved]).documents
    stats = load_documents(empty_neo4j, docs)
    assert stats["nodes_created"] == stats["nodes_deleted"] == stats["relationships_deleted"] == 0
    assert _document_sources(empty_neo4j) == sorted([docs[0].source, quoted_doc().source])
    assert str(moved) in docs[0].source
    assert _without_sources(neo4j_dump(empty_neo4j)) == _without_sources(before)
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([*docs, quoted_doc()]))


@pytest.mark.parametrize("newcomer_first", [False, True])
def test_a_moved_file_and_a_new_file_in_its_place_load_together(empty_neo4j, newcomer_first):
    """The old path now holds other content: the moved document keeps its subgraph, the new one is added.
    Documents are streamed, so when the newcomer's transaction comes first the moved document is not known
    yet: it is replaced at its old path and created again by its own transaction, the same graph at the end."""
    shanghai, zhejiang = handmade_docs()
    load_documents(empty_neo4j, [shanghai])
    moved = dataclasses.replace(shanghai, source="archive/shanghai.txt")
    newcomer = dataclasses.replace(zhejiang, source=shanghai.source)
    docs = [newcomer, moved] if newcomer_first else [moved, newcomer]
    stats = load_documents(empty_neo4j, docs, batch_size=1, tx_elements=1)  # one transaction each
    assert (stats["nodes_deleted"] > 0) is newcomer_first
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([newcomer, moved]))
    assert load_documents(empty_neo4j, docs)["unchanged"] == 2


def test_documents_are_consumed_one_transaction_at_a_time(empty_neo4j, monkeypatch):
    """Kind: streaming.  The loader takes a generator (the JSONL read record by record) and reads it only as
    far as the transaction it writes, plus the one document that showed the group was full."""
    docs = [*corpus_docs(), *handmade_docs(), quoted_doc()]
    read: list[int] = []
    consumed_at_write: list[int] = []

    def stream():
        for doc in docs:
            read.append(1)
            yield doc

    write_group = neo4j_load.write_group
    monkeypatch.setattr(neo4j_load, "write_group", lambda tx, group, *rest: (
        consumed_at_write.append(len(read)), write_group(tx, group, *rest))[1])
    stats = load_documents(empty_neo4j, stream(), batch_size=5, tx_elements=1)  # one transaction per document
    assert stats["documents"] == stats["transactions"] == len(docs) >= 4
    # execute_write may retry a function, never on this healthy server: one call per transaction
    assert consumed_at_write == [min(i + 2, len(docs)) for i in range(len(docs))]
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph(docs))


def test_institutions_shared_across_loads_union_aliases(empty_neo4j):
    shanghai, zhejiang = handmade_docs()
    aid = dataclasses.replace(zhejiang, institutions=[
        Institution("浙江省司法厅", ["浙江司法厅"], None), Institution("浙江省财政厅", ["省财政厅"], "government")])
    other = dataclasses.replace(quoted_doc(), issuers=["浙江省司法厅"], institutions=[
        *quoted_doc().institutions, Institution("浙江省司法厅", ["省司法厅"], "government")])
    load_documents(empty_neo4j, [aid])
    load_documents(empty_neo4j, [other])  # a separate load: the union happens in the database
    node = neo4j_dump(empty_neo4j)[0][Institution("浙江省司法厅").id][1]
    assert node["aliases"] == ["浙江司法厅", "省司法厅"] and node["kind"] == "government"
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([aid, other]))


def test_documents_of_one_load_sharing_a_source_are_all_kept(empty_neo4j):
    """Like build_graph, one load keeps every input document even when a source repeats (e.g. a scrape)."""
    shanghai, zhejiang = handmade_docs()
    twin = dataclasses.replace(zhejiang, source=shanghai.source)
    load_documents(empty_neo4j, [shanghai, twin], batch_size=1, tx_elements=1)  # separate transactions
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([shanghai, twin]))


def test_changed_document_replaces_only_its_own_subgraph(empty_neo4j):
    shanghai, zhejiang = handmade_docs()
    hotline = quoted_doc()
    load_documents(empty_neo4j, [shanghai, zhejiang, hotline])
    nodes_before, _ = neo4j_dump(empty_neo4j)
    # Same source, new content: one measure reworded (new id), the other dropped, 财政厅 no longer named.
    changed = handmade_document(
        zhejiang.source, zhejiang.title + "(修订)", "2019-04", "浙江省", ["浙江省司法厅"], [(LEGAL_AID, None)],
        [("进一步扩大刑事法律援助覆盖面", LEGAL_AID, [("浙江省司法厅", "lead")])],
        [Institution("浙江省司法厅", ["省司法厅"], "government")])
    assert changed.id != zhejiang.id
    load_documents(empty_neo4j, [changed])
    nodes_after, _ = neo4j_dump(empty_neo4j)
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([shanghai, changed, hotline]))
    old_ids = {zhejiang.id, *(m.id for m in zhejiang.measures), *(a.id for a in zhejiang.areas)}
    assert not old_ids & set(nodes_after)
    assert Institution("浙江省财政厅").id not in nodes_after  # left with no relationship: deleted
    untouched = {n: v for n, v in nodes_before.items() if n not in old_ids and n != Institution("浙江省财政厅").id}
    assert {n: nodes_after[n] for n in untouched} == untouched  # the other documents' nodes, property for property


def test_same_document_id_with_new_extraction_drops_stale_elements(empty_neo4j):
    shanghai = handmade_docs()[0]
    load_documents(empty_neo4j, [shanghai, quoted_doc()])
    # A better extractor finds fewer measures and reassigns a duty in the very same text (same id).
    measures = [dataclasses.replace(m, duties=m.duties[:1]) for m in shanghai.measures[1:]]
    re_extracted = dataclasses.replace(shanghai, measures=measures)
    load_documents(empty_neo4j, [re_extracted])
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([re_extracted, quoted_doc()]))


def test_a_changed_role_deadline_or_alias_alone_is_not_taken_for_unchanged(empty_neo4j):
    """Same ids, same shape: only a relationship property, a node property or an alias differs."""
    shanghai = handmade_docs()[0]
    first = shanghai.measures[0]
    demoted = dataclasses.replace(first, duties=[dataclasses.replace(first.duties[0], role="support"),
                                                 *first.duties[1:]])
    variants = [
        dataclasses.replace(shanghai, measures=[demoted, *shanghai.measures[1:]]),
        dataclasses.replace(shanghai, measures=[dataclasses.replace(first, deadline="2019年底"),
                                                *shanghai.measures[1:]]),
        dataclasses.replace(shanghai, institutions=[
            dataclasses.replace(shanghai.institutions[0], aliases=["市委办", *shanghai.institutions[0].aliases]),
            *shanghai.institutions[1:]]),
    ]
    for variant in variants:
        load_documents(empty_neo4j, [shanghai])  # back to the original, so each variant differs in one thing
        stats = load_documents(empty_neo4j, [variant])
        assert stats["unchanged"] == 0
        assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([variant]))


def test_failure_mid_document_leaves_nothing_of_it(empty_neo4j, monkeypatch):
    shanghai = handmade_docs()[0]
    load_documents(empty_neo4j, [shanghai])
    before = neo4j_dump(empty_neo4j)
    changed = dataclasses.replace(shanghai, id="doc-changed", measures=shanghai.measures[:2])
    # RESPONSIBLE_FOR is written after the document's nodes and other relationships: fail there, at run time.
    monkeypatch.setattr(neo4j_load, "CREATE_RELS", neo4j_load.CREATE_RELS + (
        "WITH r, row WHERE type(r) = 'RESPONSIBLE_FOR' RETURN 1 / (size(row.start) - size(row.start)) AS boom"))
    with pytest.raises(PolicykgError, match="ArithmeticError"):
        load_documents(empty_neo4j, [changed], batch_size=2)
    # The replacement and the failed creation were one transaction: the old document is intact, nothing new.
    assert neo4j_dump(empty_neo4j) == before
    monkeypatch.undo()
    load_documents(empty_neo4j, [changed])
    assert neo4j_dump(empty_neo4j) == nx_dump(build_graph([changed]))


def test_schema_has_id_constraints_and_a_cjk_fulltext_index(empty_neo4j):
    load_documents(empty_neo4j, corpus_docs())
    with open_session(empty_neo4j) as session:
        constrained = {r["labelsOrTypes"][0] for r in session.run(
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' "
            "AND properties = ['id'] RETURN labelsOrTypes")}
        index = session.run("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'measure_text' "
                            "RETURN options").single()
        hits = [r["text"] for r in session.run(
            "CALL db.index.fulltext.queryNodes('measure_text', $q) YIELD node RETURN node.text AS text", q="热线")]
    assert constrained >= set(LABELS)
    assert index["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    # updated in the background, and the load waited for it: the hits below were searched right after it
    assert index["options"]["indexConfig"]["fulltext.eventually_consistent"] is True
    # CJK bigrams find 热线 inside longer runs of Chinese: the hand-made measure and the seed's 12348 hotline
    assert len(hits) == 2 and '推动"12345"热线与110联动' in hits
    assert any("“12348”公共法律服务热线平台建设" in h for h in hits)


def test_load_rejects_a_relationship_to_an_unknown_node(empty_neo4j):
    broken = dataclasses.replace(quoted_doc(), issuers=["不存在的机关"])
    with pytest.raises(PolicykgError, match="tests/hotline.txt"):
        load_documents(empty_neo4j, [handmade_docs()[1], broken])
    assert neo4j_counts(empty_neo4j)["Document"] == 0  # checked before anything is written


def test_a_measure_written_twice_and_a_document_read_twice_are_created_once(empty_neo4j):
    """Kind: duplicate rows.  The loader CREATEs a document's own nodes and relationships, so rows with one id
    (a measure repeated in its text, the same content in two files of one load) must reach Neo4j once, as
    networkx holds them."""
    shanghai = handmade_docs()[0]
    repeated = dataclasses.replace(shanghai, measures=[*shanghai.measures, shanghai.measures[0]])
    load_documents(empty_neo4j, [repeated, dataclasses.replace(repeated, source="tests/copy.txt")])
    nodes, rels = neo4j_dump(empty_neo4j)
    expected_nodes, expected_rels = nx_dump(build_graph([repeated]))
    assert nodes.keys() == expected_nodes.keys() and rels.keys() == expected_rels.keys()

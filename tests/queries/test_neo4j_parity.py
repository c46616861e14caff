"""Parity: every named query gives the same rows on the real Neo4j server as on the embedded networkx graph."""

from __future__ import annotations

import json

import pytest
from builders import GY, LEGAL_AID, LS, SERVICE, SS, TASKLIST_PAIR, handmade_docs, seed_and_tasklist

from policykg import cli
from policykg.errors import UnknownNameError
from policykg.graph.build import build_graph
from policykg.graph.neo4j.load import load_documents
from policykg.graph.neo4j.session import open_session
from policykg.queries import QUERIES

pytestmark = pytest.mark.neo4j

HANDMADE_CASES = [
    ("shared_measures", {"unit_a": SS, "unit_b": LS}),
    ("shared_measures", {"unit_a": "市司法局", "unit_b": "市高院"}),
    ("unit_pairs", {"top": 5}),
    ("unit_pairs", {"top": None, "roles": ("lead", "support")}),
    ("unit_pairs", {"document": "浙江省深化司法行政改革工作方案"}),
    ("unit_measures", {"unit": "市司法局"}),
    ("unit_measures", {"unit": GY, "roles": ("support",)}),
    ("area_units", {"area": SERVICE}),
    ("area_units", {"area": LEGAL_AID}),
    ("unit_profile", {"unit": "市高级法院", "partners": 2}),
    ("unit_profile", {"unit": "市委办公厅"}),
    ("measure_search", {"term": "律师事务所"}),  # full-text index
    ("measure_search", {"term": "援"}),  # one character: CONTAINS scan
    ("recurring_measures", {}),
    ("recurring_measures", {"similarity": 0.6, "top": None}),
    ("unit_centrality", {"top": None}),
]

# The seed and the task list as extracted: aliases (省经信厅), full-text and scan search, sub-areas.
CORPUS_CASES = [
    ("shared_measures", {"unit_a": "商事调解组织", "unit_b": "律师事务所"}),
    ("shared_measures", {"unit_a": "省发展改革委", "unit_b": "省经信厅"}),
    ("unit_pairs", {"top": 10}),
    ("unit_pairs", {"top": None, "roles": ("lead", "support")}),
    ("unit_pairs", {"top": None, "document": "浙江省人民政府办公厅关于印发浙江省数字经济发展重点任务分工方案的通知"}),
    ("unit_measures", {"unit": "省经信厅"}),
    ("unit_measures", {"unit": "律师事务所"}),
    ("area_units", {"area": "培育数字经济发展新动能"}),
    ("area_units", {"area": "建设完备的公共法律服务体系"}),
    ("unit_profile", {"unit": "省发展改革委"}),
    ("unit_profile", {"unit": "商事调解组织", "partners": 3}),
    ("unit_profile", {"unit": "市司法局"}),  # short form of 上海市司法局
    ("measure_search", {"term": "数字经济"}),
    ("measure_search", {"term": "5G"}),
    ("measure_search", {"term": "律师"}),
    ("recurring_measures", {"min_docs": 1, "top": None}),
    ("recurring_measures", {"min_docs": 1, "top": 3}),  # the cut falls among groups tied by documents and uses
    ("recurring_measures", {"min_docs": 1, "similarity": 0.5, "top": None}),
    ("unit_centrality", {"top": None}),
]


def assert_parity(settings, g, cases: list[tuple[str, dict]]) -> None:
    """Each case gives non-empty, identical rows on both backends; all mismatches reported at once."""
    failures = []
    with open_session(settings) as session:
        for name, kwargs in cases:
            module = QUERIES[name]
            on_neo4j, on_nx = module.run_neo4j(session, **kwargs), module.run_nx(g, **kwargs)
            if not on_nx:
                failures.append(f"{name}{kwargs}: no rows, the case proves nothing")
            elif on_neo4j != on_nx:
                i = next(i for i in range(len(on_nx) + 1) if on_neo4j[i:i + 1] != on_nx[i:i + 1])
                failures.append(f"{name}{kwargs}: {len(on_neo4j)} vs {len(on_nx)} rows; row {i}: "
                                f"{on_neo4j[i:i + 1]} on Neo4j, {on_nx[i:i + 1]} on networkx")
    assert not failures, "\n".join(failures)


@pytest.fixture
def handmade(empty_neo4j):
    docs = handmade_docs()
    load_documents(empty_neo4j, docs)
    return empty_neo4j, build_graph(docs)


def test_handmade_parity(handmade):
    assert_parity(*handmade, HANDMADE_CASES)


def test_corpus_parity(empty_neo4j):
    docs = seed_and_tasklist()
    load_documents(empty_neo4j, docs)
    g = build_graph(docs)
    assert_parity(empty_neo4j, g, CORPUS_CASES)
    with open_session(empty_neo4j) as session:
        tasklist = "浙江省人民政府办公厅关于印发浙江省数字经济发展重点任务分工方案的通知"
        first = QUERIES["unit_pairs"].run_neo4j(session, top=1, document=tasklist)[0]
        [shared] = QUERIES["shared_measures"].run_neo4j(session, "商事调解组织", "律师事务所")
    assert (first["unit_a"], first["unit_b"], first["shared"]) == (*TASKLIST_PAIR, 4)
    assert shared["measure"].startswith("支持商事调解组织、律师事务所等按照市场化方式运作")


def test_every_query_has_a_case():
    assert {name for name, _ in HANDMADE_CASES} == {name for name, _ in CORPUS_CASES} == set(QUERIES)


def test_errors_are_the_same_on_neo4j(handmade):
    settings, g = handmade
    with open_session(settings) as session:
        for module, kwargs, error in [
            (QUERIES["unit_profile"], {"unit": "上海市司法厅"}, UnknownNameError),
            (QUERIES["area_units"], {"area": "深化律师制度"}, UnknownNameError),
            (QUERIES["unit_pairs"], {"document": "浙江省深化司法行政改革方案"}, UnknownNameError),
        ]:
            with pytest.raises(error) as on_neo4j:
                module.run_neo4j(session, **kwargs)
            with pytest.raises(error) as on_nx:
                module.run_nx(g, **kwargs)
            assert str(on_neo4j.value) == str(on_nx.value)
            assert "closest known:" in str(on_neo4j.value)


def test_cli_query_on_neo4j(handmade, capsys):
    settings, _ = handmade
    conn = ["--uri", settings.uri, "--user", settings.user, f"--password={settings.password}"]
    assert cli.main(["query", "shared_measures", "市司法局", "市高院", "--neo4j", *conn, "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["role_a"] == "lead" and row["role_b"] == "support" and row["measure"].startswith("以人民调解中心为平台")
    assert cli.main(["query", "unit_measures", "市司法厅", "--neo4j", *conn]) == 2
    assert "closest known:" in capsys.readouterr().err

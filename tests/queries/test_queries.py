"""The eight named queries on the embedded (networkx) graph, on documents built by hand from the seed's sentences.

The hand-built documents pin exact rows independently of the extractor; the parity tests
(tests/queries/test_neo4j_parity.py) then prove Neo4j gives the very same rows on real extractions.
"""

from __future__ import annotations

import json

import pytest
from builders import (
    CZ,
    GY,
    JCY,
    JY,
    LAWYERS,
    LEGAL_AID,
    LS,
    LX,
    M_AID,
    M_CENTRE,
    M_LAWYERS,
    M_MARKET,
    M_PRISON,
    MEDIATION,
    PRISON,
    SERVICE,
    SH_TITLE,
    SJ,
    SS,
    TASKLIST_PAIR,
    ZJ_TITLE,
    handmade_docs,
    seed_and_tasklist,
)

from policykg import cli
from policykg.errors import UnknownNameError
from policykg.graph.build import build_graph
from policykg.graph.export import write_node_link
from policykg.graph.rows import measure_key
from policykg.queries import (
    QUERIES,
    area_units,
    measure_search,
    recurring_measures,
    shared_measures,
    unit_centrality,
    unit_measures,
    unit_pairs,
    unit_profile,
)
from policykg.queries.format import to_frame


@pytest.fixture(scope="module")
def g():
    return build_graph(handmade_docs())


@pytest.fixture(scope="module")
def corpus_graph():
    return build_graph(seed_and_tasklist())


def test_seed_shared_measure_of_mediation_organisations_and_law_firms(corpus_graph):
    [row] = shared_measures.run_nx(corpus_graph, "商事调解组织", "律师事务所")
    assert row["measure"].startswith("支持商事调解组织、律师事务所等按照市场化方式运作")
    assert row["area"] == MEDIATION and row["document"].startswith("上海明确司法行政改革70项任务")


def test_seed_short_form_resolves_to_the_shanghai_bureau(corpus_graph):
    [row] = unit_profile.run_nx(corpus_graph, "市司法局")  # the seed always writes 上海市司法局
    assert row["unit"] == "上海市司法局"
    with pytest.raises(UnknownNameError, match="closest known: 上海市司法局"):
        unit_profile.run_nx(corpus_graph, "上海市司法厅")


def test_tasklist_pair_sharing_most_measures_ranks_first(corpus_graph):
    """Within the task list (the shipped State Council documents share more measures among ministries)."""
    tasklist = "浙江省人民政府办公厅关于印发浙江省数字经济发展重点任务分工方案的通知"
    first, second = unit_pairs.run_nx(corpus_graph, top=2, document=tasklist)
    assert (first["unit_a"], first["unit_b"], first["shared"]) == (*TASKLIST_PAIR, 4)
    assert second["shared"] == 2
    assert len(shared_measures.run_nx(corpus_graph, "省发展改革委", "省经信厅")) == 4  # aliases


def test_registry_holds_the_eight_queries_with_matching_backends():
    assert list(QUERIES) == ["shared_measures", "unit_pairs", "unit_measures", "area_units", "unit_profile",
                             "measure_search", "recurring_measures", "unit_centrality"]
    import inspect

    for name, module in QUERIES.items():
        nx_params = list(inspect.signature(module.run_nx).parameters.values())[1:]
        neo_params = list(inspect.signature(module.run_neo4j).parameters.values())[1:]
        assert nx_params == neo_params, name
        assert isinstance(module.COLUMNS, list)


def test_shared_measures_of_mediation_organisations_and_law_firms(g):
    rows = shared_measures.run_nx(g, SS, LS)
    assert rows == [{"measure": M_MARKET, "role_a": "mentioned", "role_b": "mentioned", "area": MEDIATION,
                     "document": SH_TITLE}]


def test_shared_measures_resolves_aliases(g):
    rows = shared_measures.run_nx(g, "市司法局", "市高院")
    assert [(r["measure"], r["role_a"], r["role_b"]) for r in rows] == [(M_CENTRE, "lead", "support")]


def test_unknown_unit_lists_the_closest_names(g):
    with pytest.raises(UnknownNameError) as exc:
        shared_measures.run_nx(g, "上海市司法厅", LS)
    message = str(exc.value)
    assert "unknown unit '上海市司法厅'" in message and SJ in message and "\n" not in message


def test_same_unit_twice_is_refused(g):
    with pytest.raises(Exception, match="same unit"):
        shared_measures.run_nx(g, SJ, "市司法局")


def test_unit_pairs_ranks_the_pair_sharing_most_measures_first(g):
    rows = unit_pairs.run_nx(g, top=3)
    assert rows[0] == {"unit_a": SJ, "unit_b": LS, "shared": 2, "measures": sorted([M_MARKET, M_LAWYERS])}
    assert all(r["shared"] == 1 for r in rows[1:]) and len(rows) == 3
    assert [r["shared"] for r in unit_pairs.run_nx(g, top=None, min_shared=2)] == [2]


def test_unit_pairs_by_role_and_document(g):
    rows = unit_pairs.run_nx(g, top=None, roles=("lead", "support"))
    pairs = {(r["unit_a"], r["unit_b"]) for r in rows}
    assert (SJ, LS) not in pairs  # the law firms are only mentioned
    assert ("浙江省司法厅", "浙江省财政厅") in pairs and (JCY, GY) in pairs  # names in code-point order
    zj = unit_pairs.run_nx(g, top=None, document=ZJ_TITLE)
    assert [(r["unit_a"], r["unit_b"]) for r in zj] == [("浙江省司法厅", "浙江省财政厅")]
    with pytest.raises(UnknownNameError, match=ZJ_TITLE):
        unit_pairs.run_nx(g, document="浙江省深化司法行政改革方案")


def test_unit_measures_groups_by_area_and_role(g):
    rows = unit_measures.run_nx(g, "市高院")
    assert rows == [
        {"document": SH_TITLE, "area": MEDIATION, "role": "support", "count": 1, "measures": [M_CENTRE]},
        {"document": SH_TITLE, "area": PRISON, "role": "support", "count": 1, "measures": [M_PRISON]},
    ]
    lead_only = unit_measures.run_nx(g, SJ, roles=("lead",))
    assert [(r["area"], r["count"]) for r in lead_only] == [(MEDIATION, 2), (LEGAL_AID, 1), (LAWYERS, 1)]


def test_area_units_covers_sub_areas(g):
    rows = area_units.run_nx(g, SERVICE)
    assert rows[0] == {"unit": SJ, "measures": 4, "lead": 4, "support": 0, "mentioned": 0,
                       "areas": sorted([MEDIATION, LAWYERS, LEGAL_AID])}
    assert {r["unit"]: r["measures"] for r in rows[1:]} == {LS: 2, SS: 1, GY: 1, LX: 1, CZ: 1}
    assert JY not in {r["unit"] for r in rows}  # prison reform is another branch
    # 完善法律援助制度 heads an area in both documents: both count
    assert {r["unit"] for r in area_units.run_nx(g, LEGAL_AID)} == {SJ, CZ, "浙江省司法厅", "浙江省财政厅"}
    with pytest.raises(UnknownNameError, match=LAWYERS):
        area_units.run_nx(g, "深化律师制度")


def test_unit_profile(g):
    [row] = unit_profile.run_nx(g, "市高级法院", partners=2)
    assert row == {"unit": GY, "aliases": ["市高级法院", "市高院"], "kind": "judicial", "issued": [],
                   "documents": [SH_TITLE], "areas": sorted([MEDIATION, PRISON]), "measures": 2, "lead": 0,
                   "support": 2, "mentioned": 0, "partners": [f"{JCY} (1)", f"{SJ} (1)"]}
    [issuer] = unit_profile.run_nx(g, "市委办公厅")
    assert issuer["issued"] == [SH_TITLE] and issuer["measures"] == 0 and issuer["partners"] == []


def test_measure_search_is_a_substring_search(g):
    rows = measure_search.run_nx(g, "律师事务所")
    assert [r["measure"] for r in rows] == [M_MARKET, M_LAWYERS]  # by document, area (创新… < 深化…), text
    assert rows[0]["lead"] == [SJ] and rows[0]["mentioned"] == [SS, LS] and rows[1]["support"] == [LX]
    assert [r["document"] for r in measure_search.run_nx(g, "法律援助")] == [SH_TITLE, ZJ_TITLE]
    assert measure_search.uses_fulltext("法律援助") and not measure_search.uses_fulltext("援")
    assert not measure_search.uses_fulltext("12348上海")


def test_measure_search_rows_are_the_callers_own(g):
    """Kind: a result edited by its caller (a notebook appending to a list) must not change the next answer,
    although every row is made from one index kept with the graph."""
    first = measure_search.run_nx(g, "律师事务所")
    first[0]["lead"].append("某单位")
    first[0]["measure"] = "改写"
    again = measure_search.run_nx(g, "律师事务所")
    assert again[0]["lead"] == [SJ] and again[0]["measure"] == M_MARKET


def test_recurring_measures_match_across_punctuation(g):
    key = measure_key("进一步扩大民事，行政法律援助覆盖面。")
    assert key == measure_key(M_AID) == "进一步扩大民事行政法律援助覆盖面"
    rows = recurring_measures.run_nx(g)
    assert len(rows) == 1
    assert rows[0]["documents"] == 2 and rows[0]["titles"] == sorted([SH_TITLE, ZJ_TITLE])
    assert rows[0]["regions"] == ["上海市", "浙江省"] and rows[0]["dates"] == ["2018-11-27", "2019-03"]
    assert recurring_measures.run_nx(g, min_docs=3) == []


def test_recurring_measures_rows_kept_with_the_graph_are_handed_out_as_copies():
    """Kind: rows kept between queries.  A group's row is made once per graph; what a caller does to an answer
    (a notebook sorting a title list) must not reach the next answer."""
    g = build_graph(handmade_docs())
    first = recurring_measures.run_nx(g, min_docs=1, top=1)
    first[0]["titles"].clear()
    first[0]["documents"] = 0
    again = recurring_measures.run_nx(g, min_docs=1, top=None)
    assert again[0]["documents"] == 2 and again[0]["titles"] == sorted([SH_TITLE, ZJ_TITLE])
    assert len(again) > 1 and again == recurring_measures.run_nx(g, min_docs=1, top=None)


def test_recurring_measures_by_bigram_similarity():
    docs = [{"id": "d18", "label": "2018年报告", "region": None, "date": "2018", "texts": [M_LAWYERS]},
            {"id": "d19", "label": "2019年报告", "region": None, "date": "2019",
             "texts": ["完善律师执业保障机制，加强律师事务所管理", "严格规范监狱减刑"]}]
    assert recurring_measures.recurring(docs, 2, 1.0, None) == []
    [row] = recurring_measures.recurring(docs, 2, 0.8, None)
    assert row["documents"] == 2 and row["titles"] == ["2018年报告", "2019年报告"] and row["dates"] == ["2018", "2019"]
    assert row["measure"] == M_LAWYERS  # one wording each: the first in code-point order ("," < "，")
    assert recurring_measures.recurring(docs, 2, 0.9, None) == []
    with pytest.raises(Exception, match="similarity"):
        recurring_measures.recurring(docs, 2, 1.5, None)


def test_unit_centrality_puts_the_justice_bureau_at_the_centre(g):
    rows = unit_centrality.run_nx(g, top=None)
    assert rows[0]["unit"] == SJ and rows[0]["degree"] == 5 and rows[0]["strength"] == 6
    assert 0 < rows[0]["betweenness"] <= 1 and round(rows[0]["betweenness"], 6) == rows[0]["betweenness"]
    assert len(rows) == 10  # every unit with a partner; the issuers have none


def test_roles_are_checked(g):
    with pytest.raises(Exception, match="leader"):
        unit_pairs.run_nx(g, roles=("leader",))


def test_rows_become_a_dataframe(g):
    frame = to_frame(unit_pairs.run_nx(g, top=2), unit_pairs.COLUMNS)
    assert list(frame.columns) == unit_pairs.COLUMNS and frame.iloc[0]["shared"] == 2


def test_cli_query_json_and_unknown_unit(g, tmp_path, capsys):
    write_node_link(g, tmp_path / "graph.json")
    graph = ["--graph", str(tmp_path)]
    code = cli.main(["query", "shared_measures", "市司法局", "市高院", *graph, "--format", "json"])
    assert code == 0
    assert [r["measure"] for r in json.loads(capsys.readouterr().out)] == [M_CENTRE]
    code = cli.main(["query", "unit_profile", "市司法厅", *graph])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("policykg: unknown unit '市司法厅'") and "市司法局" in err
    assert cli.main(["query", "unit_pairs", "top=1", "roles=lead,support", *graph]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "(1 row)"

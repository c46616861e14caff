"""The HTML pages: self-contained, the graph's exact data, styled by type and role, text safely escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policykg.errors import UnknownNameError
from policykg.graph.build import build_graph
from policykg.graph.coresponsibility import coresponsibility_network
from policykg.graph.pages.layout import seed_layout
from policykg.graph.pages.render import MIN_ITERATIONS, STABILIZATION_ITERATIONS, options
from policykg.graph.pages.write import unit_filename, write_pages
from policykg.model import Area, Document, Duty, Institution, Measure, area_id, document_id, measure_id

MEDIATION = "支持商事调解组织、律师事务所等按照市场化方式运作,根据当事人需求提供矛盾纠纷多元化解服务"
PEOPLE_MEDIATION = "以人民调解中心为平台,推动人民调解与行政调解、司法调解联动衔接机制建设"
PENALTY = "完善刑罚执行制度,严格规范监狱减刑、假释、暂予监外执行制度"
TITLE = "关于加快推进司法行政改革的实施意见"


def seed_document(extra_measure: str | None = None,
                  extra_duties: tuple[tuple[str, str], ...] = (("上海市司法局", "support"),)) -> Document:
    """Sentences of the seed document with the duties a responsibility table would assign them."""
    doc_id = document_id("shanghai-judicial-reform-test")
    ids: dict[str, str] = {}
    areas = []
    for name, parent in [("健全完善司法行政执行体制", None), ("深化监狱体制和机制改革", "健全完善司法行政执行体制"),
                         ("建设完备的公共法律服务体系", None), ("创新人民调解制度机制", "建设完备的公共法律服务体系")]:
        ids[name] = area_id(doc_id, tuple(p for p in (parent, name) if p))
        areas.append(Area(ids[name], name, parent, ids.get(parent)))
    rows = [
        (PENALTY, "深化监狱体制和机制改革",
         [("上海市监狱管理局", "lead"), ("上海市高级人民法院", "support"), ("上海市人民检察院", "support")]),
        (PEOPLE_MEDIATION, "创新人民调解制度机制", [("上海市司法局", "lead"), ("上海市高级人民法院", "support")]),
        (MEDIATION, "创新人民调解制度机制",
         [("上海市司法局", "lead"), ("商事调解组织", "mentioned"), ("律师事务所", "mentioned")]),
    ]
    if extra_measure:
        rows.append((extra_measure, "创新人民调解制度机制", list(extra_duties)))
    measures = [Measure(measure_id(doc_id, text), text, area, ids[area], deadline="2019年底" if area else None,
                        duties=[Duty(n, r) for n, r in duties]) for text, area, duties in rows]
    institutions = [
        Institution("上海市司法局", ["市司法局"], "government"),
        Institution("上海市监狱管理局", ["市监狱管理局"], "government"),
        Institution("上海市高级人民法院", ["市高级人民法院"], "judicial"),
        Institution("上海市人民检察院", ["市人民检察院"], "judicial"),
        Institution("商事调解组织", [], "social"),
        Institution("律师事务所", [], "service"),
        Institution("中共上海市委办公厅", ["市委办公厅"], "party"),
    ]
    return Document(doc_id, "corpus/shanghai_judicial_reform_2018.txt", TITLE, "2018-11", "上海市",
                    ["中共上海市委办公厅"], areas, measures, institutions)


def page_data(path: Path) -> dict:
    """The JSON the page hands to vis-network."""
    html = path.read_text(encoding="utf-8")
    match = re.search(r"var DATA = (\{.*?\});\n", html)
    assert match, f"no data block in {path}"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory):
    g = build_graph([seed_document()])
    out = tmp_path_factory.mktemp("pages")
    return g, {p.name: p for p in write_pages(g, out, unit="市司法局")}


def test_writes_three_pages_unit_by_alias(pages):
    _, written = pages
    assert sorted(written) == ["coresponsibility.html", "graph.html", "unit-上海市司法局.html"]


@pytest.mark.parametrize("name", ["graph.html", "coresponsibility.html", "unit-上海市司法局.html"])
def test_page_is_self_contained_utf8(pages, name):
    html = pages[1][name].read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "page links an external resource"
    assert "<script src" not in html and "<link rel=\"stylesheet\"" not in html
    assert "vis.Network" in html and "vis-network" in html  # the library itself is inlined
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' in html


def test_graph_page_holds_every_node_and_edge_with_styles(pages):
    g, written = pages
    data = page_data(written["graph.html"])
    assert len(data["nodes"]) == g.number_of_nodes() == 15
    assert len(data["edges"]) == g.number_of_edges()
    nodes = {n["id"]: n for n in data["nodes"]}
    shapes = {n["group_key"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"Document": "star", "Area": "square", "Measure": "dot", "Institution": "diamond"}
    measure = next(n for n in data["nodes"] if n["title"].startswith(f"任务:{MEDIATION}"))
    assert measure["label"] == MEDIATION[:13] + "…"
    assert "领域:创新人民调解制度机制" in measure["title"] and f"文件:{TITLE}" in measure["title"]
    assert "上海市司法局(牵头)" in measure["title"] and "律师事务所(提及)" in measure["title"]
    by_role = {e["group_key"]: e for e in data["edges"]}
    assert by_role["lead"]["dashes"] is False
    assert isinstance(by_role["support"]["dashes"], list)
    assert by_role["mentioned"]["width"] < by_role["support"]["width"] < by_role["lead"]["width"]
    # size follows degree: the unit charged with two measures outweighs one named once
    bureau = next(n for n in data["nodes"] if n["label"] == "上海市司法局")
    firm = next(n for n in data["nodes"] if n["label"] == "律师事务所")
    assert bureau["size"] > firm["size"]
    assert all(n["id"] in nodes for e in data["edges"] for n in (nodes[e["from"]], nodes[e["to"]]))


def test_coresponsibility_page_weights_and_lists_shared_measures(pages):
    g, written = pages
    data = page_data(written["coresponsibility.html"])
    p = coresponsibility_network(g)
    assert len(data["nodes"]) == p.number_of_nodes() == 6
    assert len(data["edges"]) == p.number_of_edges()
    names = {n["id"]: n["label"] for n in data["nodes"]}
    pairs = {frozenset((names[e["from"]], names[e["to"]])): e for e in data["edges"]}
    firm_pair = pairs[frozenset(("商事调解组织", "律师事务所"))]
    assert firm_pair["shared"] == 1 and firm_pair["width"] == 1
    assert MEDIATION in firm_pair["title"] and "共同任务 1 项" in firm_pair["title"]
    court_pair = pairs[frozenset(("上海市司法局", "上海市高级人民法院"))]
    assert PEOPLE_MEDIATION in court_pair["title"] and MEDIATION not in court_pair["title"]
    kinds = {n["label"]: n["group_key"] for n in data["nodes"]}
    assert kinds["上海市高级人民法院"] == "judicial" and kinds["律师事务所"] == "service"


def test_coresponsibility_edge_width_grows_with_shared_measures(tmp_path):
    extra = "建立完善政府购买公共法律服务机制"
    g = build_graph([seed_document(extra, (("上海市司法局", "lead"), ("上海市高级人民法院", "support")))])
    data = page_data(write_pages(g, tmp_path)[1])
    names = {n["id"]: n["label"] for n in data["nodes"]}
    pairs = {frozenset((names[e["from"]], names[e["to"]])): e for e in data["edges"]}
    court_pair = pairs[frozenset(("上海市司法局", "上海市高级人民法院"))]
    assert court_pair["shared"] == 2 and court_pair["width"] == 2
    assert "共同任务 2 项" in court_pair["title"] and extra in court_pair["title"]
    assert pairs[frozenset(("商事调解组织", "律师事务所"))]["width"] == 1


def test_unit_page_is_the_units_neighbourhood(pages):
    g, written = pages
    data = page_data(written["unit-上海市司法局.html"])
    labels = {n["label"] for n in data["nodes"]}
    # the bureau, its two measures, their area and document, and the units sharing those measures
    assert {"上海市司法局", "上海市高级人民法院", "商事调解组织", "律师事务所", "创新人民调解制度机制"} <= labels
    assert "上海市监狱管理局" not in labels and "深化监狱体制和机制改革" not in labels
    assert len(data["nodes"]) == 8
    focus = next(n for n in data["nodes"] if n["label"] == "上海市司法局")
    assert focus["borderWidth"] == 4


def test_unknown_unit_fails_before_writing(tmp_path):
    g = build_graph([seed_document()])
    with pytest.raises(UnknownNameError, match="市司法厅"):
        write_pages(g, tmp_path, unit="市司法厅")
    assert list(tmp_path.iterdir()) == []


def test_text_cannot_break_out_of_the_script(tmp_path):
    evil = '推进</script><script>alert("x")</script>改革 & <!-- 建设'
    g = build_graph([seed_document(extra_measure=evil)])
    graph_html = write_pages(g, tmp_path)[0]
    html = graph_html.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<!-- 建设" not in html
    data = page_data(graph_html)
    assert any(n["title"].startswith(f"任务:{evil}") for n in data["nodes"])


def test_physics_is_bounded_for_large_pages():
    small, large = options(40), options(6000)
    assert small["layout"]["improvedLayout"] is True
    assert large["layout"]["improvedLayout"] is False
    assert small["physics"]["stabilization"]["iterations"] == STABILIZATION_ITERATIONS
    assert MIN_ITERATIONS <= large["physics"]["stabilization"]["iterations"] < STABILIZATION_ITERATIONS


def test_seed_layout_places_measures_around_their_area():
    g = build_graph([seed_document()])
    pos = seed_layout(g)
    assert set(pos) == set(g)
    mediation_area = next(n for n, d in g.nodes(data=True) if d.get("name") == "创新人民调解制度机制")
    prison_area = next(n for n, d in g.nodes(data=True) if d.get("name") == "深化监狱体制和机制改革")
    measure = next(n for n, d in g.nodes(data=True) if d.get("text") == MEDIATION)

    def dist(a: str, b: str) -> float:
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    assert dist(measure, mediation_area) < dist(measure, prison_area)
    assert len(set(pos.values())) == len(pos)


def test_unit_filename_replaces_path_characters():
    assert unit_filename("上海市司法局") == "unit-上海市司法局.html"
    assert unit_filename("A/B 局") == "unit-A_B_局.html"


def test_cli_viz_writes_pages_and_rejects_unknown_unit(tmp_path, capsys):
    from policykg.cli import main
    from policykg.graph.export import write_node_link

    write_node_link(build_graph([seed_document()]), tmp_path / "graph.json")
    assert main(["viz", "--graph", str(tmp_path), "-o", str(tmp_path / "html"), "--unit", "市司法局"]) == 0
    assert (tmp_path / "html" / "unit-上海市司法局.html").is_file()
    assert main(["viz", "--graph", str(tmp_path), "-o", str(tmp_path / "html"), "--unit", "市司法厅"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("policykg: unknown unit '市司法厅'")


def test_large_pages_start_from_the_seed_layout_with_the_hierarchy_held_still(tmp_path):
    """Past 150 nodes every node gets a position; only units linked to something take part in physics."""
    doc = seed_document()
    area = doc.areas[-1]
    for k in range(200):
        text = f"{MEDIATION}(第{k + 1}批)"
        doc.measures.append(Measure(measure_id(doc.id, text), text, area.name, area.id,
                                    duties=[Duty("上海市司法局", "lead"), Duty("律师事务所", "support")]))
    g = build_graph([doc])
    graph_html, _, unit_html = write_pages(g, tmp_path, unit="上海市司法局")
    for path in (graph_html, unit_html):
        data = page_data(path)
        assert all("x" in n and "y" in n for n in data["nodes"])
        moving = sorted(n["label"] for n in data["nodes"] if n.get("physics", True))
        assert "律师事务所" in moving and "上海市司法局" in moving
        assert all(n["group_key"] == "Institution" for n in data["nodes"] if n.get("physics", True))
        assert data["options"]["layout"]["improvedLayout"] is False



def _part(path: Path) -> tuple[str, dict]:
    """(document id, rows) of a graph-documents/<n>.js script."""
    match = re.fullmatch(r'policykg\.expand\((".*?"), (\{.*\})\);\n', path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path} is not one policykg.expand call"
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_past_the_threshold_graph_html_is_an_overview_and_measures_come_per_document(tmp_path, monkeypatch):
    """Corpus scale: the page holds documents, areas and units with counts; measure texts are in the document's
    script, which adds exactly the graph's missing nodes and edges."""
    from policykg.graph.pages import overview as viz

    g = build_graph([seed_document(extra_measure=PENALTY + "(二)")])
    monkeypatch.setattr(viz, "FULL_PAGE_MAX_NODES", 5)
    graph_html = write_pages(g, tmp_path)[0]
    data = page_data(graph_html)
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    assert {n["id"] for n in data["nodes"]} == {n for n, lab in labels.items() if lab != "Measure"}
    assert PENALTY not in graph_html.read_text(encoding="utf-8"), "no measure text in the overview"
    [(doc, script)] = data["parts"].items()
    part_doc, rows = _part(tmp_path / script)
    assert part_doc == doc == next(n for n, lab in labels.items() if lab == "Document")
    assert {n["id"] for n in rows["nodes"]} == {n for n, lab in labels.items() if lab == "Measure"}
    assert any(n["title"].startswith(f"任务:{PENALTY}\n") for n in rows["nodes"])
    measure_edges = {(u, v) for u, v in g.edges() if labels[v] == "Measure"}
    assert {(e["from"], e["to"]) for e in rows["edges"]} == measure_edges
    ids = [e["id"] for e in data["edges"] + rows["edges"]]
    assert len(ids) == len(set(ids))
    # duties folded per unit and area: 上海市司法局 leads two measures and supports one in 创新人民调解制度机制
    sj = next(n for n, d in g.nodes(data=True) if d.get("name") == "上海市司法局")
    area = next(n for n, d in g.nodes(data=True) if d.get("name") == "创新人民调解制度机制")
    [folded] = [e for e in data["edges"] if e["from"] == sj]
    assert folded["to"] == area and folded["group_key"] == "lead" and folded["dashes"] is False
    assert folded["title"].endswith("任务 3 项:牵头 2 项 · 配合 1 项")
    assert next(n for n in data["nodes"] if n["id"] == area)["part"] == doc
    html = graph_html.read_text(encoding="utf-8")
    assert 'data-key="Measure"' in html and "共 4 项任务" in html, "the legend and the header count the measures"
    # back under the threshold: the whole graph again, and no script left of the overview
    monkeypatch.setattr(viz, "FULL_PAGE_MAX_NODES", 10_000)
    graph_html = write_pages(g, tmp_path)[0]
    assert len(page_data(graph_html)["nodes"]) == g.number_of_nodes()
    assert list((tmp_path / viz.DOCUMENTS_DIR).glob("*.js")) == []


def test_an_overview_too_big_keeps_top_level_areas_then_none(tmp_path, monkeypatch):
    from policykg.graph.pages import overview as viz

    g = build_graph([seed_document()])
    monkeypatch.setattr(viz, "FULL_PAGE_MAX_NODES", 5)
    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    base = sum(1 for lab in labels.values() if lab in ("Document", "Institution"))
    expected = [(base + 2, {"健全完善司法行政执行体制", "建设完备的公共法律服务体系"}), (base, set())]
    for budget, areas in expected:
        monkeypatch.setattr(viz, "OVERVIEW_MAX_NODES", budget)
        data = page_data(write_pages(g, tmp_path)[0])
        assert {g.nodes[n["id"]]["name"] for n in data["nodes"] if n["group_key"] == "Area"} == areas
        [script] = data["parts"].values()
        _, rows = _part(tmp_path / script)
        shown = {n["id"] for n in data["nodes"]} | {n["id"] for n in rows["nodes"]}
        assert shown == set(g), "the areas left out come with their document's measures"
        every_edge = {(e["from"], e["to"]) for e in data["edges"] + rows["edges"]}
        assert {(u, v) for u, v in g.edges() if labels[v] in ("Area", "Measure")} <= every_edge

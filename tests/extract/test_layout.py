"""Layout of real State Council documents: metadata lines, front matter, sections without tasks, items with
one or several notes (../shared/gold/GUIDE.md, Areas and Measures)."""

from __future__ import annotations

from policykg.extract.pipeline import extract_document
from policykg.extract.readers import RawDocument
from policykg.model import Document

HEAD = """标题：国务院关于做好当前和今后一个时期促进就业工作的若干意见
发文机关：国务院
发文字号：国发〔2018〕39号

国务院关于做好当前和今后一个时期
促进就业工作的若干意见
国发〔2018〕39号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
"""


def _extract(body: str) -> Document:
    return extract_document(RawDocument(source="x.txt", text=HEAD + body))


def test_metadata_lines_give_title_and_issuer_and_front_matter_states_no_measure():
    doc = _extract("一、支持企业稳定发展\n"
                   "（一）加大稳岗支持力度。对不裁员的参保企业返还失业保险费。（人力资源社会保障部负责）\n")
    assert doc.title == "国务院关于做好当前和今后一个时期促进就业工作的若干意见"
    assert doc.issuers == ["国务院"]
    assert [m.text for m in doc.measures] == [
        "加大稳岗支持力度。对不裁员的参保企业返还失业保险费"]
    names = {i.name for i in doc.institutions}
    assert "发文机关" not in names and "国务院各部委" not in names  # labels and the addressee line assign nothing


def test_a_section_that_states_no_tasks_yields_neither_areas_nor_measures():
    doc = _extract("一、总体要求\n（一）指导思想。坚持稳中求进工作总基调，推动高质量发展。\n"
                   "二、主要任务\n（一）加大稳岗支持力度。返还失业保险费。（财政部负责）\n")
    assert [a.name for a in doc.areas] == ["主要任务"]
    assert [m.area for m in doc.measures] == ["主要任务"]


def test_an_item_with_several_notes_gives_one_measure_per_note_under_its_title():
    # 国办发〔2018〕128号: the item's paragraphs each end in a note; the item's title becomes an area
    doc = _extract("二、主要任务\n（一）强化顶层设计引领，发挥政府宏观指导作用。建立“无废城市”建设指标体系。"
                   "（生态环境部牵头，国家统计局参与）\n优化固体废物管理体制机制，强化部门分工协作。建立部门责任清单。"
                   "（生态环境部指导，试点城市政府负责落实）\n")
    assert [(a.name, a.parent) for a in doc.areas] == [
        ("主要任务", None), ("强化顶层设计引领,发挥政府宏观指导作用", "主要任务")]  # widths folded
    assert [m.text for m in doc.measures] == [
        "建立“无废城市”建设指标体系", "优化固体废物管理体制机制,强化部门分工协作。建立部门责任清单"]
    assert {(d.institution, d.role) for d in doc.measures[1].duties} == {
        ("生态环境部", "lead"), ("试点城市人民政府", "support")}


def test_national_document_units_get_national_canonical_names_and_region_null():
    doc = _extract("（一）发挥融资担保作用支持小微企业。引导金融资源支持创业就业。"
                   "（财政部、工业和信息化部、人民银行、银保监会负责）\n")
    assert doc.region is None
    assert [d.institution for d in doc.measures[0].duties] == [
        "财政部", "工业和信息化部", "中国人民银行", "中国银行保险监督管理委员会"]

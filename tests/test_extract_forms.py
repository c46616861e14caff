"""Forms of policy wording beyond the seed: nested brackets in duty notes, city and provincial short names,
units as the subject of a measure, region-prefixed service centres.  Sentences written for these tests in
the wording of Sichuan/Chengdu and Guangdong work plans and news reports."""

from __future__ import annotations

import pytest

from extract.clean import clean_text
from extract.duties import find_notes
from extract.institutions import canonical_name, scan
from extract.pipeline import extract_document
from extract.read import RawDocument
from extract.region import regions
from extract.segment import tokens

CHENGDU = regions()["成都市"]
GUANGDONG = regions()["广东省"]
SICHUAN = regions()["四川省"]


def _doc(text: str):
    return extract_document(RawDocument(source="t.txt", text=text))


def _duties(measure) -> set[tuple[str, str]]:
    return {(d.institution, d.role) for d in measure.duties}


def test_nested_brackets_stay_inside_a_duty_note():
    line = clean_text("3.健全社区发展治理联席会议制度"
                      "（牵头单位：市委组织部、市委社治委；配合单位：各区（市）县党委）。")
    (note,) = find_notes(line)
    assert line[note.start:note.end] == "(牵头单位:市委组织部、市委社治委;配合单位:各区(市)县党委)"
    assert note.duties == [("市委组织部", "lead"), ("市委社治委", "lead"), ("各区(市)县党委", "support")]


def test_nested_note_leaves_the_measure_text_and_names_a_collective_unit():
    doc = _doc("成都市2024年城乡社区发展治理工作要点\n"
               "一、完善党建引领机制\n"
               "1.健全社区发展治理联席会议制度（牵头单位：市委组织部、市委社治委；配合单位：各区（市）县党委）。\n")
    [m] = doc.measures
    assert m.text == "健全社区发展治理联席会议制度"
    assert _duties(m) == {("中共成都市委组织部", "lead"), ("中共成都市委城乡社区发展治理委员会", "lead"),
                          ("各区(市)县党委", "support")}


@pytest.mark.parametrize(("written", "region", "canonical"), [
    ("市住建局", CHENGDU, "成都市住房和城乡建设局"),
    ("省住建厅", SICHUAN, "四川省住房和城乡建设厅"),
    ("市城管委", CHENGDU, "成都市城市管理委员会"),
    ("市委社治委", CHENGDU, "中共成都市委城乡社区发展治理委员会"),
    ("成都市委社治委", SICHUAN, "中共成都市委城乡社区发展治理委员会"),
    ("市委统战部", CHENGDU, "中共成都市委统一战线工作部"),
    ("市委政法委", CHENGDU, "中共成都市委政法委员会"),
    ("市编办", CHENGDU, "中共成都市委机构编制委员会办公室"),
    ("市委文明办", CHENGDU, "中共成都市委文明办"),  # a party unit by rule, short name kept (full forms vary)
    ("省人社厅", GUANGDONG, "广东省人力资源和社会保障厅"),
    ("市人社局", CHENGDU, "成都市人力资源和社会保障局"),
    ("市交通局", CHENGDU, "成都市交通运输局"),
    ("市应急局", CHENGDU, "成都市应急管理局"),
    ("省医保局", GUANGDONG, "广东省医疗保障局"),
    ("省税务局", GUANGDONG, "国家税务总局广东省税务局"),
    ("省市场监管局", GUANGDONG, "广东省市场监督管理局"),
    ("人民银行广州分行", GUANGDONG, "中国人民银行广州分行"),
    ("中国人民银行广州分行", GUANGDONG, "中国人民银行广州分行"),
    ("市住建局", GUANGDONG, "市住建局"),  # 市 in a province text: every city's bureau, left generic
])
def test_short_names_of_city_and_provincial_departments(written, region, canonical):
    assert canonical_name(written, region)[0] == canonical


def _units(text, region):
    return [(m.surface, m.canonical) for m in scan(tokens(text), region, [])]


def test_short_names_are_whole_mentions_in_running_text():
    assert _units("市委社治委、市住建局、市城管委会同市委统战部开展调研", CHENGDU) == [
        ("市委社治委", "中共成都市委城乡社区发展治理委员会"), ("市住建局", "成都市住房和城乡建设局"),
        ("市城管委", "成都市城市管理委员会"), ("市委统战部", "中共成都市委统一战线工作部")]


def test_a_branch_is_not_cut_to_its_head():
    assert _units("人民银行广州分行、省地方金融监管局联合开展专项行动", GUANGDONG) == [
        ("人民银行广州分行", "中国人民银行广州分行"), ("省地方金融监管局", "广东省地方金融监督管理局")]
    # the head of a longer name is not a unit of its own: 上海市人民政府 in 上海市人民政府办公厅
    assert _units("上海市人民政府办公厅印发通知", regions()["上海市"]) == [
        ("上海市人民政府办公厅", "上海市人民政府办公厅")]

"""The seed document (a Shanghai news page on 《关于加快推进司法行政改革的实施意见》): what must show."""

from __future__ import annotations

import json

import pytest

from policykg.extract.pipeline import extract_paths


@pytest.fixture(scope="module")
def seed(seed_path):
    result = extract_paths([seed_path])
    assert result.errors == []
    assert len(result.documents) == 1
    return result.documents[0]


def _measure(doc, prefix):
    found = [m for m in doc.measures if m.text.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r}: {len(found)} measures"
    return found[0]


def test_document_facts(seed):
    assert seed.region == "上海市"
    assert seed.date == "2018-11-27"
    assert seed.title == "上海明确司法行政改革70项任务,2019年底将全部完成"
    assert seed.issuers == ["中共上海市委办公厅", "上海市人民政府办公厅"]


def test_lead_sentences_are_top_level_areas(seed):
    top = [a.name for a in seed.areas if a.parent is None]
    assert top == [
        "健全完善司法行政执行体制",
        "建设完备的公共法律服务体系",
        "完善司法行政保障机制",
        "健全完善司法行政队伍正规化、专业化、职业化建设长效机制",
        "研究探索优化司法行政职权配置",
    ]


def test_aspect_area_has_its_lead_sentence_as_parent(seed):
    area = next(a for a in seed.areas if a.name == "深化监狱体制和机制改革")
    assert area.parent == "健全完善司法行政执行体制"
    parent = next(a for a in seed.areas if a.id == area.parent_id)
    assert parent.name == "健全完善司法行政执行体制"


def test_measures_in_their_area_without_framing(seed):
    m = _measure(seed, "建立执法过程全程记录制度")
    assert m.text == "建立执法过程全程记录制度"  # 完善执法证据保全机制 has its own verb: a measure of its own
    assert m.area == "深化监狱体制和机制改革"
    # framing 《实施意见》要求 / 上海将 / 上海市将 is not part of any measure
    assert not [m.text for m in seed.measures if m.text.startswith(("《", "上海"))]


def test_measure_text_is_its_span_in_the_cleaned_text(seed, seed_path):
    from policykg.extract.clean import clean_text

    text = clean_text(seed_path.read_text(encoding="utf-8"))
    for m in seed.measures:
        assert text[m.span[0]:m.span[1]] == m.text
        assert not m.text.endswith(("。", ";", ",", "；", "，"))


def test_narrative_is_not_a_measure(seed):
    texts = [m.text for m in seed.measures]
    for narrative in ("界面新闻记者", "李强", "主要从5个方面", "研究起草", "明确司法行政改革70项任务"):
        assert not [t for t in texts if narrative in t], narrative


def test_repeated_body_gives_no_duplicate_measure(seed):
    texts = [m.text for m in seed.measures]
    assert len(texts) == len(set(texts))
    # counted by hand (tests/data/seed_gold.json): 7+3+4 | 1+3+4+6+6+2+2+4 | 4+2 | 6 | 2
    assert len(texts) == 56


def test_units_sharing_a_measure_are_mentioned(seed):
    m = _measure(seed, "支持商事调解组织、律师事务所等按照市场化方式运作")
    roles = {(d.institution, d.role) for d in m.duties}
    assert roles == {("商事调解组织", "mentioned"), ("律师事务所", "mentioned")}


def test_institutions_canonical_with_aliases(seed):
    units = {i.name: set(i.aliases) for i in seed.institutions}
    assert "上海市司法局" in units
    assert "市委办公厅" in units["中共上海市委办公厅"]
    assert "市委深改组" in units["中共上海市委全面深化改革领导小组"]
    assert {"商事调解组织", "律师事务所"} <= set(units)


def test_media_and_roles_appear_nowhere(seed):
    dumped = json.dumps(seed.to_record(), ensure_ascii=False)
    assert "界面新闻" not in dumped
    assert "视觉中国" not in dumped
    names = {i.name for i in seed.institutions} | {a for i in seed.institutions for a in i.aliases}
    assert not names & {"律师", "人民陪审员", "公职律师", "12348热线", "大数据平台"}
    assert not [n for n in names if "《" in n]


def test_every_duty_names_a_listed_institution(seed):
    names = {i.name for i in seed.institutions}
    assert {d.institution for m in seed.measures for d in m.duties} <= names
    assert set(seed.issuers) <= names

"""Precision on long real texts: the 72 government work reports (1954–2025, 1.12 M characters).

Verb phrases in front of a unit (充分发挥中国农业银行), one-character suffixes inside ordinary words (试办,
大部, 开好局) and 组织 the verb (国务院组织力量) once made junk "institutions"; the real units must stay.
The review of the past year (2018年工作回顾) tells achievements, which are no measures.
"""

from __future__ import annotations

import pytest

from extract.lexicon import words
from extract.model import Document
from extract.pipeline import extract_paths

pytestmark = pytest.mark.shared

JUNK = [
    # a verb or adverb phrase swallowed in front of the unit
    "充分发挥中国农业银行", "积极参与世贸组织", "严格控制行政机关", "检查上市公司", "继续执行人大常委会",
    "大力发展企业集团", "響應中央人民政府", "由县经委", "充分发挥政法机关", "核销企业银行", "企事业单位新建培训中心",
    "国务院委托国家计委", "建议全国人民代表大会", "高度评价七十七国集团", "统筹安排中国科学院",
    # a one-character suffix inside an ordinary word
    "网上可办", "少办", "试办", "不办", "社办", "独立自主自办", "跨省通办", "该办", "个部", "大部",
    "开好局", "社会主义现代化国家开好局", "官厅", "该院", "北京市申办", "惩办",
    # 组织 the verb, or a generic noun, not a unit
    "原则组织", "市场变化组织", "生产组织", "国务院组织", "精心组织", "小商小贩组织", "企业合理组织",
    # a programme; political epithets
    "智慧海关", "南斯拉夫修正主义集团", "日本垄断资本集团", "林彪反党集团", "资产阶级司令部", "司令部",
]
REAL = ["国家统计局", "国家开发银行", "中国农业银行", "上海合作组织", "全国人民代表大会常务委员会",
        "世界贸易组织", "亚太经合组织", "国际货币基金组织", "七十七国集团", "国家计划机关", "中国人民银行",
        "社会组织", "国家计委", "教育部", "国务院办公厅"]


@pytest.fixture(scope="module")
def reports(shared_dir) -> list[Document]:
    result = extract_paths([shared_dir / "corpus" / "government_work_reports.jsonl"], jobs=2)
    assert not result.errors
    assert len(result.documents) == 72
    return result.documents


@pytest.fixture(scope="module")
def institutions(reports) -> set[str]:
    return {i.name for d in reports for i in d.institutions}


@pytest.mark.parametrize("name", JUNK)
def test_junk_is_no_institution(institutions, name):
    assert name not in institutions


def test_no_institution_starts_with_a_name_breaker(institutions):
    breakers = tuple(words("name_breakers.txt"))
    assert sorted(n for n in institutions if n.startswith(breakers)) == []


def test_no_institution_is_a_polemic_clique(institutions):
    epithets = words("epithets.txt")
    assert sorted(n for n in institutions if any(e in n for e in epithets)) == []


@pytest.mark.parametrize("name", REAL)
def test_real_units_are_kept(institutions, name):
    assert name in institutions



def test_review_of_the_past_year_yields_no_measures(reports):
    [report] = [d for d in reports if d.title == "2019年中华人民共和国国务院政府工作报告"]
    texts = [m.text for m in report.measures]
    # the review holds no measure, so it is no area either (areas are headings above measures)
    assert "2018年工作回顾" not in [a.name for a in report.areas]
    assert [m.text for m in report.measures if m.area == "2018年工作回顾"] == []
    assert "全面建立河长制、湖长制" not in texts  # done in 2018
    assert "深化利率市场化改革,降低实际利率水平" in texts  # to do in 2019
    assert len(texts) > 200


def test_national_reports_have_no_region(reports):
    # The 1997 report names 香港 often (its return that year); a national title still means no region.
    assert {d.region for d in reports} == {None}

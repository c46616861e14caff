"""A 任务分工表 (tests/data/tasklist.txt, a Zhejiang work plan) using every duty form the parser knows.

Unit pair sharing the most measures: 浙江省发展和改革委员会 (省发展改革委) & 浙江省经济和信息化厅 (省经信厅) share 4
(items 1-4); no other pair shares more than 2.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from builders import DATA

from policykg.extract.pipeline import extract_paths

TASKLIST = DATA / "tasklist.txt"
FGW = "浙江省发展和改革委员会"
JXT = "浙江省经济和信息化厅"
KJT = "浙江省科学技术厅"
CZT = "浙江省财政厅"
SWT = "浙江省商务厅"
SJJ = "浙江省大数据发展管理局"
SCJG = "浙江省市场监督管理局"

# item number → (measure text, {(unit, role)}, deadline); texts after width folding (，→ ,)
EXPECTED = {
    1: ("加快5G网络建设,推进重点区域5G网络全覆盖,2020年底前建成5G基站2万个",
        {(JXT, "lead"), (FGW, "support"), ("浙江省通信管理局", "support")}, "2020年底"),
    2: ("推进数据中心集约化建设,统筹布局全省大型和超大型数据中心",
        {(FGW, "lead"), (JXT, "support"), (SJJ, "support")}, None),
    3: ("建立数字经济统计监测制度,定期发布全省数字经济发展指数",
        {("浙江省统计局", "lead"), (JXT, "lead"), (FGW, "lead")}, None),
    4: ("实施集成电路产业提升工程,支持重点企业开展关键核心技术攻关;推动软件和信息服务业做大做强",
        {(JXT, "lead"), (FGW, "lead"), (KJT, "lead")}, None),
    5: ("实施重大科技专项,突破一批关键核心技术", {(KJT, "lead")}, None),
    6: ("推进制造业数字化改造,培育一批“未来工厂”", {(JXT, "lead"), (KJT, "support"), (CZT, "support")}, None),
    7: ("发展跨境电子商务,高水平建设中国(杭州)跨境电子商务综合试验区",
        {(SWT, "lead"), ("杭州海关", "support"), (SCJG, "support")}, None),
    8: ("加大财政资金支持力度,统筹省级产业发展专项资金支持数字经济发展", {(CZT, "lead"), (JXT, "support")}, None),
    9: ("加强数字经济人才培养,支持高校开设数字经济相关专业",
        {("浙江省教育厅", "lead"), ("浙江省人力资源和社会保障厅", "lead")}, None),
    10: ("推行包容审慎监管,建立健全平台经济监管规则", {(SCJG, "lead")}, None),
    11: ("落实数字经济发展各项政策措施,加强督促检查", {("各地级以上市人民政府", "lead")}, None),
    12: ("开展国家数字经济创新发展试验区创建,总结推广典型经验", {(FGW, "lead"), (SWT, "support"), (SJJ, "support")},
         "2021年底"),
}


@pytest.fixture(scope="module")
def plan():
    result = extract_paths([TASKLIST])
    assert result.errors == []
    return result.documents[0]


def test_document_facts(plan):
    assert plan.region == "浙江省"
    assert plan.date == "2019-06-10"
    assert plan.issuers == ["浙江省人民政府办公厅"]


def test_numbered_headings_nest(plan):
    parents = {a.name: a.parent for a in plan.areas}
    assert parents == {
        "加快数字基础设施建设": None,
        "推进新型基础设施布局": "加快数字基础设施建设",
        "完善数字经济统计监测": "加快数字基础设施建设",
        "培育数字经济发展新动能": None,
        "壮大数字产业": "培育数字经济发展新动能",
        "推动产业数字化转型": "培育数字经济发展新动能",
        "优化数字经济发展环境": None,
        "强化要素保障": "优化数字经济发展环境",
        "营造良好发展环境": "优化数字经济发展环境",
    }


def test_every_numbered_item_is_exactly_one_measure(plan):
    assert [m.text for m in plan.measures] == [text for text, _, _ in EXPECTED.values()]
    assert plan.measures[3].area == "壮大数字产业"  # the ； inside item 4 does not split it


@pytest.mark.parametrize("item", sorted(EXPECTED))
def test_every_duty_form_parsed_with_role_and_canonical_name(plan, item):
    text, duties, deadline = EXPECTED[item]
    measure = plan.measures[item - 1]
    assert measure.text == text
    assert {(d.institution, d.role) for d in measure.duties} == duties
    assert measure.deadline == deadline


def test_abbreviations_become_aliases(plan):
    units = {i.name: i.aliases for i in plan.institutions}
    assert units[JXT] == ["省经信厅"]
    assert units[FGW] == ["省发展改革委"]
    assert "杭州海关" in units  # a region not followed by 省/市 is part of the name, not a qualifier


def test_pair_sharing_most_measures(plan):
    shared: Counter[tuple[str, str]] = Counter()
    for m in plan.measures:
        for pair in combinations(sorted({d.institution for d in m.duties}), 2):
            shared[pair] += 1
    (top, count), (_, runner_up) = shared.most_common(2)
    assert top == tuple(sorted((FGW, JXT)))
    assert count == 4
    assert runner_up == 2

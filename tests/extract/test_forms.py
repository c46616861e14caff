"""Forms of policy wording beyond the seed: nested brackets in duty notes, city and provincial short names,
units as the subject of a measure, region-prefixed service centres.  Sentences written for these tests in
the wording of Sichuan/Chengdu and Guangdong work plans and news reports."""

from __future__ import annotations

import pytest

from policykg.extract.canonical import canonical_name
from policykg.extract.clean import clean_text
from policykg.extract.duties import find_notes
from policykg.extract.mentions import scan
from policykg.extract.pipeline import extract_document
from policykg.extract.readers import RawDocument
from policykg.extract.region import regions
from policykg.extract.segment import tokens

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
    ("市残联", CHENGDU, "成都市残疾人联合会"),
    ("市工商联", CHENGDU, "成都市工商业联合会"),
    ("市中院", CHENGDU, "成都市中级人民法院"),
    ("市退役军人局", CHENGDU, "成都市退役军人事务局"),
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


@pytest.mark.parametrize(("sentence", "units"), [
    # 知识产权局, 中医药局, 旅游局 alone are national units (国家知识产权局 …); after a level character, also
    # glued to 由, and after the content words of a merged department (文化 广电), they end a local one
    ("市知识产权局、市文化广电旅游局联合开展专项行动",
     [("市知识产权局", "成都市知识产权局"), ("市文化广电旅游局", "成都市文化广电旅游局")]),
    ("由市中医药局牵头", [("市中医药局", "成都市中医药局")]),
    # no level character right before the short name: it is not made local, nor merged with a verb
    ("支持文化旅游局开展调研", [("旅游局", "旅游局")]),
    ("加强与知识产权局的沟通", [("知识产权局", "知识产权局")]),
])
def test_a_level_character_makes_a_national_short_name_local(sentence, units):
    assert _units(sentence, CHENGDU) == units


GD_NEWS = (
    "广东出台优化营商环境实施意见\n"
    "记者从省市场监管局获悉，广东省人民政府办公厅近日印发《关于进一步优化营商环境的实施意见》（以下简称《实施意见》）。\n"
    "《实施意见》要求深化商事制度改革。\n"
    "在提升市场主体登记便利度方面，省市场监管局将牵头建立企业开办全程网上办理机制；"
    "由省政务服务数据管理局牵头，会同省发展改革委编制政务服务事项标准化清单。\n"
    "各地级以上市人民政府要推进工程建设项目审批制度改革，压减审批时间。"
    "省人力资源社会保障厅负责搭建线上招聘服务平台。省司法厅牵头开展证明事项告知承诺制试点。"
    "省财政厅、省税务局要落实各项减税降费政策。\n"
    "《实施意见》还强调，对新技术新业态实行包容审慎监管。\n"
)


@pytest.fixture(scope="module")
def gd_news():
    return _doc(GD_NEWS)


@pytest.mark.parametrize(("text", "duties"), [
    ("建立企业开办全程网上办理机制", {("广东省市场监督管理局", "lead")}),
    ("编制政务服务事项标准化清单", {("广东省政务服务数据管理局", "lead"), ("广东省发展和改革委员会", "support")}),
    ("推进工程建设项目审批制度改革", {("各地级以上市人民政府", "lead")}),
    ("压减审批时间", {("各地级以上市人民政府", "lead")}),  # a clause of its own verb, its subject carried over
    ("搭建线上招聘服务平台", {("广东省人力资源和社会保障厅", "lead")}),
    ("开展证明事项告知承诺制试点", {("广东省司法厅", "lead")}),
    ("落实各项减税降费政策", {("广东省财政厅", "lead"), ("国家税务总局广东省税务局", "lead")}),
    ("对新技术新业态实行包容审慎监管", set()),
])
def test_a_unit_subject_leads_the_measure_that_starts_at_its_verb(gd_news, text, duties):
    [m] = [m for m in gd_news.measures if m.text == text]
    assert {(d.institution, d.role) for d in m.duties if d.role != "mentioned"} == duties


def test_unit_subject_measures_keep_their_areas_and_narrative_stays_out(gd_news):
    areas = {m.text: m.area for m in gd_news.measures}
    assert areas["建立企业开办全程网上办理机制"] == "提升市场主体登记便利度"
    assert areas["推进工程建设项目审批制度改革"] == areas["压减审批时间"] == "深化商事制度改革"
    assert areas["对新技术新业态实行包容审慎监管"] == "深化商事制度改革"  # 还强调 outside a 方面 paragraph
    assert len(gd_news.measures) == 8
    assert not [m for m in gd_news.measures if "获悉" in m.text or "印发" in m.text]


@pytest.mark.parametrize(("clause", "measure", "duties"), [
    ("省司法厅牵头，省公安厅配合，开展证明事项清理", "开展证明事项清理",
     [("省司法厅", "lead"), ("省公安厅", "support")]),
    ("省财政厅和省教育厅要加大学前教育投入", "加大学前教育投入", [("省财政厅", "lead"), ("省教育厅", "lead")]),
    ("由市住建局负责,会同市城管委联合开展老旧小区改造", "开展老旧小区改造",
     [("市住建局", "lead"), ("市城管委", "support")]),
    ("市委社治委要会同市民政局开展社区分类评估", "开展社区分类评估", [("市委社治委", "lead"), ("市民政局", "support")]),
    # the unit helped leads, the subject supports
    ("省财政厅要配合省发展改革委制定专项资金管理办法", "制定专项资金管理办法",
     [("省发展改革委", "lead"), ("省财政厅", "support")]),
    ("省发展改革委将于2024年底前出台实施细则", "出台实施细则", [("省发展改革委", "lead")]),
])
def test_unit_subject_forms(clause, measure, duties):
    from policykg.extract.subjects import subject

    found = subject(clean_text(clause))
    assert clean_text(clause)[found.length:] == measure
    assert found.duties == duties


@pytest.mark.parametrize("clause", [
    "上海市司法局研究起草了《实施意见》",  # what a unit did: no modal, no duty word
    "上海市司法局负责人介绍",
    "该局将建立企业信用档案",  # 该局 is no name
    "发展企业集团要防止盲目扩大规模",  # a verb starts the "name"
    "以后各机关增加的人员应该加以严格的限制",
])
def test_no_unit_subject(clause):
    from policykg.extract.subjects import subject

    assert subject(clause) is None


def test_a_verb_inside_the_object_of_dui_makes_no_measure():
    from policykg.extract.measures import is_measure

    assert is_measure("对重点行业领域加强全链条监管")
    assert not is_measure("对林彪、“四人帮”推行的反革命路线进行批判")  # 推行的: an attribute inside the object


@pytest.mark.parametrize(("sentence", "units"), [
    ("由市智慧蓉城运行中心负责城市运行态势监测", [("市智慧蓉城运行中心", "成都市智慧蓉城运行中心")]),
    ("依托市政务服务中心推行“一窗通办”", [("市政务服务中心", "成都市政务服务中心")]),
    ("健全区(市)县社会矛盾纠纷调处化解中心运行机制",
     [("区(市)县社会矛盾纠纷调处化解中心", "区(市)县社会矛盾纠纷调处化解中心")]),
    ("各区(市)县党委要履行主体责任", [("各区(市)县党委", "各区(市)县党委")]),
    # a service named where it stands in a list of levels, or in a community, keeps its bare name
    ("深化市、区政务服务中心建设", [("政务服务中心", "政务服务中心")]),
    ("建好社区党群服务中心", [("党群服务中心", "党群服务中心")]),
    ("推进智慧海关建设", []),  # 智慧 right before the suffix: a programme
])
def test_region_prefixed_service_centres(sentence, units):
    assert _units(sentence, CHENGDU) == units


def test_chengdu_work_plan_with_unit_subjects_and_centres():
    doc = _doc("成都市2024年城乡社区发展治理工作要点\n"
               "二、提升城市运行效能\n"
               "市智慧蓉城运行中心要牵头建立城市运行“一网统管”工作机制。"
               "由市委社治委牵头，会同市住建局、市城管委推进老旧院落改造。\n")
    got = {m.text: _duties(m) for m in doc.measures}
    assert got == {
        "建立城市运行“一网统管”工作机制": {("成都市智慧蓉城运行中心", "lead")},
        "推进老旧院落改造": {("中共成都市委城乡社区发展治理委员会", "lead"), ("成都市住房和城乡建设局", "support"),
                        ("成都市城市管理委员会", "support")},
    }
    assert {m.area for m in doc.measures} == {"提升城市运行效能"}


@pytest.mark.parametrize(("clause", "measure"), [
    ("下一步,上海将完善公共法律服务体系", "完善公共法律服务体系"),
    ("此外,《实施意见》还明确,建立律师调解制度", "建立律师调解制度"),
    ("《实施意见》同时提出,推行证明事项告知承诺制", "推行证明事项告知承诺制"),
])
def test_linking_words_and_added_speech_verbs_are_framing(clause, measure):
    from policykg.extract.measures import framing_length, is_measure

    rest = clause[framing_length(clause):]
    assert rest == measure
    assert is_measure(rest)


def test_comma_joined_unit_subjects_are_separate_measures():
    doc = _doc("广东省推进政务服务改革实施方案\n"
               "一、提升政务服务效能\n"
               "在数据共享方面，省政务服务数据管理局将牵头建立数据共享责任清单机制，"
               "省人力资源社会保障厅负责搭建就业服务线上平台，完善就业信息发布机制。\n")
    got = [(m.text, m.area, _duties(m)) for m in doc.measures]
    assert got == [
        ("建立数据共享责任清单机制", "数据共享", {("广东省政务服务数据管理局", "lead")}),
        ("搭建就业服务线上平台", "数据共享", {("广东省人力资源和社会保障厅", "lead")}),
        # a clause with its own verb is a measure of its own; the paragraph's last subject carries over
        ("完善就业信息发布机制", "数据共享", {("广东省人力资源和社会保障厅", "lead")}),
    ]


@pytest.mark.parametrize(("sentence", "units"), [
    # a national head and a provincial bureau spelling the canonical name together are one unit
    ("国家税务总局广东省税务局联合开展专项行动", [("国家税务总局广东省税务局", "国家税务总局广东省税务局")]),
    # a stem of verbs (城乡社区发展治理, department_stems.txt) does not cut the full name
    ("中共成都市委城乡社区发展治理委员会印发通知",
     [("中共成都市委城乡社区发展治理委员会", "中共成都市委城乡社区发展治理委员会")]),
])
def test_full_names_written_out(sentence, units):
    assert _units(sentence, GUANGDONG) == units


@pytest.mark.parametrize(("note", "duties", "deadline"), [
    ("市委社治委牵头,各区(市)县落实", [("市委社治委", "lead"), ("各区(市)县", "support")], None),  # B supports A
    ("牵头责任单位:市民政局;配合责任单位:市财政局、市住建局;完成时限:2024年内",
     [("市民政局", "lead"), ("市财政局", "support"), ("市住建局", "support")], "2024年内"),
    ("市民政局牵头,2024年内完成", [("市民政局", "lead")], "2024年内"),
])
def test_more_duty_note_forms(note, duties, deadline):
    from policykg.extract.duties import parse_note

    assert parse_note(note) == (duties, deadline)


def test_a_verb_phrase_in_brackets_is_no_note():
    from policykg.extract.duties import parse_note

    assert parse_note("抓好落实") is None


@pytest.mark.parametrize(("clause", "measure"), [
    ("《实施意见》明确要求,压减企业开办时间至1个工作日", "压减企业开办时间至1个工作日"),
    ("各地各部门要破除招投标领域各类隐性壁垒", "破除招投标领域各类隐性壁垒"),
    ("在工程建设领域,全面推行告知承诺制", "在工程建设领域,全面推行告知承诺制"),
])
def test_more_framing_verbs_and_prepositions(clause, measure):
    from policykg.extract.measures import framing_length, is_measure

    rest = clause[framing_length(clause):]
    assert rest == measure
    assert is_measure(rest)


def test_numbered_items_with_unit_subjects_and_a_deadline_note():
    doc = _doc("成都市2024年城乡社区发展治理工作要点\n"
               "一、夯实基层基础\n"
               "1.由市委社治委牵头，会同市民政局开展社区分类治理试点（完成时限：2024年底）。\n"
               "2.市民政局负责开展城乡社区服务设施评估。\n"
               "3.健全小区治理机制（牵头单位：市住建局；配合单位：各区（市）县政府）。\n")
    got = [(m.text, m.area, m.deadline, _duties(m)) for m in doc.measures]
    assert got == [
        ("开展社区分类治理试点", "夯实基层基础", "2024年底",
         {("中共成都市委城乡社区发展治理委员会", "lead"), ("成都市民政局", "support")}),
        ("开展城乡社区服务设施评估", "夯实基层基础", None, {("成都市民政局", "lead")}),
        ("健全小区治理机制", "夯实基层基础", None, {("成都市住房和城乡建设局", "lead"), ("各区(市)县政府", "support")}),
    ]
    assert [a.name for a in doc.areas] == ["夯实基层基础"]  # the deadline note made no heading

"""The recognition rules one by one, on sentences from real policy texts."""

from __future__ import annotations

import pytest

from policykg.extract.canonical import canonical_name
from policykg.extract.duties import find_notes, parse_note
from policykg.extract.measures import framing_length, is_measure, own_clause_starts
from policykg.extract.mentions import scan
from policykg.extract.meta import date_of, issuer_names
from policykg.extract.region import detect_region, regions
from policykg.extract.segment import tokens

SHANGHAI = regions()["上海市"]
ZHEJIANG = regions()["浙江省"]


@pytest.mark.parametrize("name", ["上海市司法局", "市委深改组", "公共法律服务中心", "省经信厅", "省发展改革委"])
def test_unit_names_are_single_tokens(name):
    assert name in tokens(f"提请{name}会议审议")


@pytest.mark.parametrize(("written", "region", "canonical"), [
    ("市司法局", SHANGHAI, "上海市司法局"),
    ("市委办公厅", SHANGHAI, "中共上海市委办公厅"),
    ("上海市委办公厅", SHANGHAI, "中共上海市委办公厅"),
    ("市政府办公厅", SHANGHAI, "上海市人民政府办公厅"),
    ("市委深改组", SHANGHAI, "中共上海市委全面深化改革领导小组"),
    ("省经信厅", ZHEJIANG, "浙江省经济和信息化厅"),
    ("省发展改革委", ZHEJIANG, "浙江省发展和改革委员会"),
    ("省财政厅", ZHEJIANG, "浙江省财政厅"),  # not in the table: qualified by rule
    ("浙江省经信厅", SHANGHAI, "浙江省经济和信息化厅"),  # an explicit region wins over the document's
    ("市司法局", ZHEJIANG, "市司法局"),  # 市 in a province text: every city's bureau, left generic
    ("杭州海关", ZHEJIANG, "杭州海关"),
    ("各地级以上市人民政府", ZHEJIANG, "各地级以上市人民政府"),
    ("律师事务所", None, "律师事务所"),
])
def test_canonical_names(written, region, canonical):
    assert canonical_name(written, region)[0] == canonical


def _units(text, region=SHANGHAI):
    return [m.canonical for m in scan(tokens(text), region, [])]


def test_scan_merges_region_and_content_words_but_not_media_or_roles():
    assert _units("界面新闻记者从上海市司法局获悉") == ["上海市司法局"]
    assert _units("支持商事调解组织、律师事务所等按照市场化方式运作") == ["商事调解组织", "律师事务所"]
    assert _units("中共中央政治局委员、上海市市委书记李强") == []
    assert _units("发展壮大公职律师、公司律师队伍,选任首批人民陪审员") == []
    assert _units("完善“12348”公共法律服务热线平台建设,建设智慧司法行政大数据平台") == []
    assert _units("加快构建新发展格局,优化区域经济布局") == []
    assert _units("配合单位:杭州海关", ZHEJIANG) == ["杭州海关"]  # region + 海关 is a name ...
    assert _units("位于市中心的上海中心,坚持以人民为中心") == []  # ... region + 中心 is not


def test_scan_skips_given_ranges():
    text = "按照《上海市司法局工作规则》,上海市司法局负责"
    book = (text.index("《"), text.index("》") + 1)
    found = list(scan(tokens(text), SHANGHAI, [book]))
    assert [m.start for m in found] == [text.index(",") + 1]


@pytest.mark.parametrize(("note", "duties", "deadline"), [
    ("牵头单位：省发展改革委；配合单位：省经信厅、省财政厅；完成时限：2019年底",
     [("省发展改革委", "lead"), ("省经信厅", "support"), ("省财政厅", "support")], "2019年底"),
    ("省经信厅牵头，省发展改革委、省科技厅配合",
     [("省经信厅", "lead"), ("省发展改革委", "support"), ("省科技厅", "support")], None),
    ("责任单位：省统计局、省经信厅", [("省统计局", "lead"), ("省经信厅", "lead")], None),
    ("省教育厅、省人力社保厅按职责分工负责", [("省教育厅", "lead"), ("省人力社保厅", "lead")], None),
    ("省科技厅负责，2020年底前完成", [("省科技厅", "lead")], "2020年底前"),
    ("各地级以上市人民政府结合实际落实", [("各地级以上市人民政府", "lead")], None),
])
def test_duty_note_forms(note, duties, deadline):
    assert parse_note(note) == (duties, deadline)


@pytest.mark.parametrize("not_a_note", ["以下简称《实施意见》", "2018-2020年", "试行", "含港澳台地区"])
def test_brackets_that_are_not_duty_notes(not_a_note):
    assert parse_note(not_a_note) is None


def test_notes_found_in_a_line_with_offsets():
    line = "11.落实各项政策措施,加强督促检查。各地级以上市人民政府结合实际落实。"
    (note,) = find_notes(line)
    assert line[note.start:note.end] == "各地级以上市人民政府结合实际落实"


@pytest.mark.parametrize(("clause", "measure"), [
    ("《实施意见》要求完善刑罚执行制度", "完善刑罚执行制度"),
    ("上海将完善强制隔离戒毒执法审批制度", "完善强制隔离戒毒执法审批制度"),
    ("上海市还将健全完善专业人才引进制度", "健全完善专业人才引进制度"),
    ("《实施意见》提出要拓展金融等新型领域公证业务", "拓展金融等新型领域公证业务"),
    ("《实施意见》要求以人民调解中心为平台,推动调解联动", "以人民调解中心为平台,推动调解联动"),
])
def test_framing_is_stripped_and_the_rest_is_a_measure(clause, measure):
    rest = clause[framing_length(clause):]
    assert rest == measure
    assert is_measure(rest)


@pytest.mark.parametrize(("clause", "own"), [
    ("提高公共法律服务水平", False),  # a result clause after a measure stays with it (GUIDE: Measures)
    ("要确保完成各项目标任务", True),  # framed by 要: a statement of its own (2011年政府工作报告)
    ("首先要加快以电力为中心的能源建设", True),  # framed by 首先要 (1982年政府工作报告)
    ("推进依法行政", True),
])
def test_a_result_verb_after_framing_opens_its_own_measure(clause, own):
    """Kind: framed result clauses.  Only an unframed clause of purpose or result joins the measure before it."""
    assert (own_clause_starts("加强管理，" + clause, 0, len(clause) + 5) == {5}) is own


@pytest.mark.parametrize("narrative", [
    "2018年11月27日,界面新闻记者从上海市司法局获悉",
    "中共中央政治局委员、上海市市委书记李强在审议《实施意见》时强调",
    "《实施意见》主要从5个方面着力,提出了70项改革任务",
    "上海明确司法行政改革70项任务",
    "为增强改革的系统性、整体性、协同性,破解改革发展中存在的体制性、机制性问题",
])
def test_narrative_is_not_a_measure(narrative):
    assert not is_measure(narrative[framing_length(narrative):])


def test_region_from_title_then_dominant_name():
    assert detect_region("浙江省人民政府办公厅关于印发…的通知", "省经信厅牵头") == ZHEJIANG
    assert detect_region(None, "上海将推进……上海市还将……上海司法行政……" * 2) == SHANGHAI
    # a national text naming provinces in passing has no region
    assert detect_region("政府工作报告", "支持香港、澳门发展。" + "全国" * 3000) is None
    # a national title wins over a body dominated by one region (the 1997 report on Hong Kong's return)
    body = "香港回归祖国。" * 20 + "今年经济工作的主要任务。" * 100
    assert detect_region(None, body).full == "香港特别行政区"
    assert detect_region("1997年中华人民共和国国务院政府工作报告", body) is None


def test_issuers_and_date():
    text = ("近期,上海市委办公厅、市政府办公厅正式印发《关于加快推进司法行政改革的实施意见》。\n"
            "2018年11月27日,界面新闻记者获悉。")
    assert issuer_names(text) == ["上海市委办公厅", "市政府办公厅"]
    assert date_of(text, None) == "2018-11-27"
    assert date_of(text, "2018") == "2018-11-27"
    assert date_of("报告全文", "2025") == "2025"


def test_collective_units_keep_their_mark():
    guangdong = regions()["广东省"]
    assert _units("各地级以上市人民政府,省政府各部门", guangdong) == ["各地级以上市人民政府", "广东省人民政府"]
    assert canonical_name("省直有关单位", guangdong)[0] == "省直有关单位"


def test_note_on_the_next_line_and_other_numbering_styles():
    from policykg.extract.pipeline import extract_document
    from policykg.extract.readers import RawDocument

    text = (
        "广东省优化营商环境重点任务分工方案\n"
        "一、深化“放管服”改革\n"
        "1、推进“证照分离”改革全覆盖。\n"
        "牵头单位：省市场监管局；配合单位：省司法厅、省商务厅\n"
        "（1）清理规范涉企经营许可事项(省市场监管局、省司法厅按职责分工负责)\n"
        "（2）建立健全涉企经营许可事项清单管理制度。\n"
    )
    doc = extract_document(RawDocument(source="gd.txt", text=text))
    assert doc.region == "广东省"
    got = [(m.text, m.area, sorted((d.institution, d.role) for d in m.duties)) for m in doc.measures]
    assert got == [
        ("推进“证照分离”改革全覆盖", "深化“放管服”改革",
         [("广东省司法厅", "support"), ("广东省商务厅", "support"), ("广东省市场监督管理局", "lead")]),
        ("清理规范涉企经营许可事项", "深化“放管服”改革", [("广东省司法厅", "lead"), ("广东省市场监督管理局", "lead")]),
        ("建立健全涉企经营许可事项清单管理制度", "深化“放管服”改革", []),
    ]


@pytest.mark.parametrize(("sentence", "units"), [
    # a verb or adverb never starts a unit name (name_breakers.txt); jieba fuses 充分发挥, 积极参与
    ("充分发挥中国农业银行、中国农业发展银行在农村金融中的骨干和支柱作用", ["中国农业银行", "中国农业发展银行"]),
    ("坚定维护多边贸易体制，积极参与世贸组织改革。", ["世贸组织"]),
    ("继续执行人大常委会的决议", ["人大常委会"]),
    ("广东省清远县试行由县经委统一领导全县企业", ["县经委"]),  # 由县: an HMM token starting with a stop word
    # a one-character suffix after one character names a unit only when listed (short_unit_names.txt)
    ("90%以上的政务服务实现网上可办", []),
    ("不办或者少办不是急需的事", []),
    ("试办期货市场", []),
    ("各级党委和政府要切实负起责任", ["各级党委"]),
    # 组织 the verb: before its object (verb_objects.txt) or after the unit that organises
    ("去年以来，国务院组织力量研究深化医药卫生体制改革", ["国务院"]),  # the unit itself, not 国务院组织
    ("企业按照市场变化组织生产", []),
    ("把小商小贩组织起来", []),
    ("出席上海合作组织峰会", ["上海合作组织"]),
    ("举办上合组织青岛峰会", ["上合组织"]),
    # a political epithet is no organisation
    ("同南斯拉夫修正主义集团进行斗争", []),
])
def test_unit_names_in_report_sentences(sentence, units):
    assert _units(sentence, region=None) == units


@pytest.mark.parametrize(("heading", "review"), [
    ("2018年工作回顾", True),
    ("过去五年工作回顾", True),
    ("关于过去五年的政府工作", True),
    ("“九五”时期国民经济和社会发展的回顾", True),
    ("1998年工作回顾和1999年工作的总体要求", False),  # also announces the coming year's work
    ("2019年政府工作任务", False),
    ("发展环境", True),  # a 规划's situation chapter: achievements and challenges, no tasks (国办发〔2021〕43号)
    ("发展基础", True),
    ("优化发展环境", False),  # a task heading that names the environment to improve
])
def test_review_headings(heading, review):
    from policykg.extract.areas import is_review

    assert is_review(heading) is review


def test_a_level_character_glued_to_a_stop_word_starts_the_name():
    text = "具体工作由市信访办负责"  # jieba: 由市 / 信访办
    [m] = scan(tokens(text), SHANGHAI, [])
    assert (m.surface, m.canonical, text[m.start:m.end]) == ("市信访办", "上海市信访办", "市信访办")


def test_mentions_keep_their_offsets_after_many_tokens_and_a_stray_control_character():
    # the candidate search joins the tokens with a NUL: one inside a token must not shift the names after it
    text = "加强统筹协调，" * 300 + "由市信访办负责"
    [m] = scan(tokens(text), SHANGHAI, [])
    assert text[m.start:m.end] == "市信访办"
    stray = ["具体", "工作", "\x00", "由市", "信访办", "负责", "，", "市司法局", "配合"]
    found = [(m.canonical, "".join(stray)[m.start:m.end]) for m in scan(stray, SHANGHAI, [])]
    assert found == [("上海市信访办", "市信访办"), ("上海市司法局", "市司法局")]


@pytest.mark.parametrize(("sentence", "units"), [
    # official names joined by 和 (department_stems.txt): the conjunction is part of the name
    ("支持国家发展和改革委员会、住房和城乡建设部会同省经济和信息化厅开展数字经济试点",
     ["国家发展和改革委员会", "住房和城乡建设部", "浙江省经济和信息化厅"]),
    ("由省人力资源和社会保障厅、文化和旅游部共同组织实施", ["浙江省人力资源和社会保障厅", "文化和旅游部"]),
    # but a real conjunction still separates two units, and 指导 may stand inside a name
    ("省财政厅和省教育厅联合发文", ["浙江省财政厅", "浙江省教育厅"]),
    ("建设就业指导中心", ["就业指导中心"]),
])
def test_official_names_joined_by_he(sentence, units):
    assert _units(sentence, region=ZHEJIANG) == units


def test_shanghai_names_joined_by_he():
    text = "由市绿化和市容管理局会同上海市住房和城乡建设管理委员会负责"
    assert _units(text) == ["上海市绿化和市容管理局", "上海市住房和城乡建设管理委员会"]


def test_a_clause_matched_in_place_reads_as_its_copy():
    """Kind: in-place matching.  The walker matches a clause inside its line (re's pos and endpos) instead of
    copying it out; the patterns have no ^ and no lookbehind, so both read alike, and endpos is the clause's
    end: a reporting word after it (会议强调) does not make it report."""
    line = "同时，要推进了相关工作，推进矛盾纠纷多元化解，会议强调"
    for start, end in [(0, 11), (4, 11), (12, 22), (12, len(line))]:
        assert is_measure(line, start, end) is is_measure(line[start:end])
        assert framing_length(line, start, end) == framing_length(line[start:end])
    assert framing_length(line, 0, 11) == 4  # 同时，要
    assert not is_measure(line, 4, 11)  # 推进了相关工作: done, not to do
    assert is_measure(line, 12, 22) and not is_measure(line, 12, len(line))

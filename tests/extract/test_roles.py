"""Role conventions as real State Council notes write them (../shared/gold/GUIDE.md, Roles), on real notes."""

from __future__ import annotations

import pytest

from policykg.extract.duties import Conventions, find_notes, parse_note


def test_first_listed_rule_stated_in_a_note_holds_for_that_note_and_every_later_one():
    # 国发〔2018〕39号: the rule is the second sentence of the first note, "下同"
    conventions = Conventions()
    assert parse_note("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同", conventions) == (
        [("人力资源社会保障部", "lead"), ("财政部", "support")], None)
    assert parse_note("财政部、工业和信息化部、人民银行、银保监会负责", conventions)[0] == [
        ("财政部", "lead"), ("工业和信息化部", "support"), ("人民银行", "support"), ("银保监会", "support")]


def test_first_listed_rule_in_another_wording_after_a_comma():
    # 国发〔2019〕3号: 排在第一位的部门为牵头部门，下同
    conventions = Conventions()
    duties, _ = parse_note("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同", conventions)
    assert duties == [("税务总局", "lead"), ("财政部", "support"), ("海关总署", "support")]


def test_without_a_first_listed_rule_every_responsible_unit_leads():
    duties, _ = parse_note("交通运输部、财政部负责")
    assert duties == [("交通运输部", "lead"), ("财政部", "lead")]


def test_groups_separated_by_a_comma_share_the_next_groups_word():
    # ，各省级人民政府按职责分工负责: the ministries before the comma are part of the same responsible list
    conventions = Conventions(first_lead=True)
    note = "人力资源社会保障部、科技部、财政部、住房城乡建设部、市场监管总局，各省级人民政府按职责分工负责"
    duties, _ = parse_note(note, conventions)
    assert duties[0] == ("人力资源社会保障部", "lead")
    assert [u for u, r in duties if r == "support"] == [
        "科技部", "财政部", "住房城乡建设部", "市场监管总局", "各省级人民政府"]


def test_placeholders_are_dropped_before_the_first_listed_rule():
    # GUIDE hard case: （各有关部门和单位，各省级人民政府按职责分工负责） makes 各省级人民政府 the lead
    assert parse_note("各有关部门和单位，各省级人民政府按职责分工负责", Conventions(first_lead=True))[0] == [
        ("各省级人民政府", "lead")]


@pytest.mark.parametrize(("note", "units"), [
    ("人力资源社会保障部等有关部门和单位负责", ["人力资源社会保障部"]),  # the 等有关部门和单位 tail
    ("海关总署、商务部等有关部门负责", ["海关总署", "商务部"]),
    ("全国工商联、发展改革委、全国妇联等和各省级人民政府负责",
     ["全国工商联", "发展改革委", "全国妇联", "各省级人民政府"]),
])
def test_tails_are_never_part_of_a_unit_name(note, units):
    assert [u for u, _ in parse_note(note)[0]] == units


def test_lead_with_participants_and_guidance_with_local_implementers():
    # 国办发〔2018〕128号: A牵头，B、C参与 · A指导，试点城市政府负责落实
    assert parse_note("生态环境部牵头，国家发展改革委、国家统计局参与")[0] == [
        ("生态环境部", "lead"), ("国家发展改革委", "support"), ("国家统计局", "support")]
    assert parse_note("生态环境部指导，试点城市政府负责落实")[0] == [
        ("生态环境部", "lead"), ("试点城市政府", "support")]


def test_a_unit_carried_by_yixia_bu_zai_lie_chu_joins_every_later_note():
    conventions = Conventions()
    parse_note("生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出", conventions)
    assert parse_note("自然资源部、工业和信息化部指导", conventions)[0] == [
        ("自然资源部", "lead"), ("工业和信息化部", "lead"), ("试点城市政府", "support")]


def test_with_hui_tong_the_first_leads_and_the_other_supports():
    assert parse_note("国家发展改革委会同财政部负责")[0] == [("国家发展改革委", "lead"), ("财政部", "support")]
    assert parse_note("国家发展改革委会同有关部门负责")[0] == [("国家发展改革委", "lead")]  # placeholder dropped


def test_responsible_units_with_local_implementation_by_a_collective():
    assert parse_note("省教育厅、省人力社保厅按职责分工负责，各地级以上市人民政府结合实际落实")[0] == [
        ("省教育厅", "lead"), ("省人力社保厅", "lead"), ("各地级以上市人民政府", "support")]


def test_several_units_named_as_leads_all_lead_whatever_the_first_listed_rule():
    assert parse_note("省科技厅、省工业和信息化厅牵头负责", Conventions(first_lead=True))[0] == [
        ("省科技厅", "lead"), ("省工业和信息化厅", "lead")]


def test_a_second_name_in_brackets_is_one_unit():
    assert parse_note("市场监管局(知识产权局)、公安厅负责")[0] == [("市场监管局", "lead"), ("公安厅", "lead")]


def test_a_convention_inside_a_line_applies_to_the_notes_after_it():
    conventions = Conventions()
    line = ("1.拓展两个市场。推广试点。(税务总局、财政部负责,排在第一位的部门为牵头部门,下同)"
            "推广政策。(海关总署、商务部负责)")
    first, second = find_notes(line, conventions)
    assert first.duties[1] == ("财政部", "support") and second.duties == [("海关总署", "lead"), ("商务部", "support")]


# Hostile sizes: what these give is asserted here; their time at n and 4n is bench/hostile_bench.py's.
def test_a_note_listing_ten_thousand_units_gives_each_its_duty():
    units = "、".join(f"第{i}区司法局" for i in range(10_000))
    duties, _ = parse_note(units + "负责")
    assert len(duties) == 10_000
    assert duties[0] == ("第0区司法局", "lead") and duties[-1] == ("第9999区司法局", "lead")


def test_a_long_list_of_units_before_no_verb_is_no_subject():
    # 人民法院、 ×16 followed by 将了解情况 once made the subject regex backtrack exponentially
    from policykg.extract.subjects import subject

    assert subject("人民法院、" * 16 + "将了解情况") is None
    assert subject("人民法院、" * 2000 + "将了解情况") is None


def test_ten_thousand_notes_on_one_line_are_each_found():
    line = "建立工作机制(市司法局负责)" * 10_000
    notes = find_notes(line)
    assert len(notes) == 10_000
    assert notes[0].duties == [("市司法局", "lead")] and notes[-1].end == len(line)


def test_a_label_inside_a_sentence_is_no_note_and_the_one_after_its_full_stop_is():
    # a labelled note stands at the line start or after 。；: 明确责任单位 mid-sentence is the measure's own
    # words, and the search for the note goes on past it to 。责任单位：…
    line = "建立考核制度，明确责任单位：各区政府的职责。责任单位：市司法局、市财政局"
    (note,) = find_notes(line)
    assert line[note.start:note.end] == "责任单位：市司法局、市财政局"
    assert note.duties == [("市司法局", "lead"), ("市财政局", "lead")]


def test_a_collective_tail_after_a_comma_is_a_note_but_not_inside_a_word():
    line = "加强社区矫正工作，各区县结合实际落实"
    (note,) = find_notes(line)
    assert line[note.start:note.end] == "各区县结合实际落实" and note.duties == [("各区县", "lead")]
    assert find_notes("推进每个社区各区县结合实际落实") == []

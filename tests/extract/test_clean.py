"""Cleaning: width folding, boilerplate lines from the data file, one copy of a repeated body, line structure."""

from __future__ import annotations

import pytest

from policykg.extract.clean import clean_text, is_boilerplate
from policykg.extract.lexicon import load_patterns
from policykg.extract.readers import read_path

SEED_TITLE = "上海明确司法行政改革70项任务,2019年底将全部完成"


@pytest.fixture(scope="module")
def seed_clean(seed_path) -> str:
    return clean_text(read_path(seed_path)[0].text)


def test_seed_loses_page_boilerplate(seed_clean):
    for junk in ["正在阅读", "扫一扫", "图片来源", "视觉中国", "暂无评论", "微信公众号", "侵权必究", "下载界面新闻"]:
        assert junk not in seed_clean, junk
    assert "\n评论\n" not in f"\n{seed_clean}\n" and "\n微博\n" not in f"\n{seed_clean}\n"


def test_seed_body_kept_once_with_title_on_top(seed_clean):
    assert seed_clean.count("建立执法过程全程记录制度") == 1
    lines = seed_clean.split("\n\n")
    assert lines[0] == SEED_TITLE
    assert seed_clean.count(SEED_TITLE) == 1
    assert len(lines) == len(set(lines)) == 25, "every paragraph exactly once (title + 24 body paragraphs)"
    assert lines[1].startswith("近期,上海市委办公厅、市政府办公厅正式印发《关于加快推进司法行政改革的实施意见》")
    assert lines[-1].startswith("《实施意见》中有52条涉及多家单位和部门")
    # the media credit inside a sentence is not rewritten (only whole lines are removed)
    assert "2018年11月27日,界面新闻记者从上海市司法局获悉" in seed_clean


def test_width_folding_keeps_chinese_punctuation():
    raw = "（一）完善制度；牵头单位：市司法局，配合单位：市公安局！　ＡＢＣ１２３\n、。《》“”……——"
    assert clean_text(raw) == "(一)完善制度;牵头单位:市司法局,配合单位:市公安局! ABC123\n、。《》“”……——"


def test_line_endings_blank_lines_and_trailing_spaces():
    raw = "一、总体要求  \r\n\r\n\r\n\r\n  坚持依法治市。\t\r(一)深化改革\u2028推进公证制度改革。\n\n\n"
    assert clean_text(raw) == "一、总体要求\n\n坚持依法治市。\n(一)深化改革\n推进公证制度改革。"


@pytest.mark.parametrize(
    "line",
    [
        "正在阅读:", "扫一扫下载界面新闻APP", "图片来源:视觉中国", "(图片来源:视觉中国)", "评论", "评论(12)",
        "暂无评论哦,快来评价一下吧!", "下载界面新闻", "微信公众号", "微博", "未经正式授权严禁转载本文,侵权必究。",
        "责任编辑:张三", "来源:新华社", "分享到:", "打印本页", "关闭窗口", "[打印本页] [关闭窗口]", "【字体:大 中 小】",
        "相关阅读", "上一篇:关于印发《上海市律师行业发展规划》的通知", "下一篇:无", "当前位置:首页 > 政务公开 > 文件",
        "上海市司法局 版权所有", "沪ICP备12345678号", "浏览次数:1234",
        "发布时间:2018-11-27 来源:界面新闻 字号:[大][中][小]", "2018-11-27 10:23", "索引号:000014349/2018-00123",
        "沪公网安备 31010102002533号", "原标题:上海明确司法行政改革70项任务", "(完)", "(责任编辑 张三)",
        "Public domain Public domain false false",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)
    assert clean_text(f"推进公证制度改革。\n{line}\n完善法律援助制度。") == "推进公证制度改革。\n完善法律援助制度。"


@pytest.mark.parametrize(
    "sentence",
    [
        "建立健全网络评论引导机制。",
        "评论员文章要准确解读改革政策。",
        "完善信息来源核实制度,严禁转载未经核实的信息。",
        "依法保护著作权人、版权所有者的合法权益,做到侵权必究。",
        "扫一扫二维码即可办理公证业务。",
        "资金来源:市财政安排专项资金。",
        "推广微信公众号、微博等新媒体普法平台。",
        "下一步,上海将推进公证体制改革。",
        "发文机关:上海市人民政府办公厅",
        "2019.12.31前完成全部任务。",
        "2018年11月27日,界面新闻记者从上海市司法局获悉。",
    ],
)
def test_policy_sentences_with_boilerplate_words_survive(sentence):
    assert not is_boilerplate(sentence)
    assert clean_text(sentence) == sentence


def test_long_lines_are_never_boilerplate():
    line = "评论" + "建立执法过程全程记录制度" * 20
    assert clean_text(line) == line


def test_repeated_run_dropped_but_recurring_duty_lines_kept():
    raw = "\n".join([
        "1.完善刑罚执行制度", "牵头单位:市司法局", "配合单位:市公安局",
        "2.建立执法过程全程记录制度", "牵头单位:市司法局", "配合单位:市公安局",
        "(一)组织实施", "(二)加强督查",
        "(一)组织实施", "(二)加强督查",
    ])
    assert clean_text(raw).split("\n") == [
        "1.完善刑罚执行制度", "牵头单位:市司法局", "配合单位:市公安局",
        "2.建立执法过程全程记录制度", "牵头单位:市司法局", "配合单位:市公安局",
        "(一)组织实施", "(二)加强督查", "(一)组织实施", "(二)加强督查",
    ], "short headings repeated without a real paragraph are not a repeated body"


def test_repeated_body_with_gaps_kept_once():
    body = ["司法行政改革是司法体制改革的重要内容。", "《实施意见》要求健全完善司法行政执行体制。",
            "深化律师制度改革方面,上海市将完善律师执业保障机制。"]
    raw = "\n\n".join(["标题", *body, "评论", "标题", *body[:2], "新插入的一段不同的话。", body[2]])
    assert clean_text(raw).split("\n\n") == ["标题", *body, "新插入的一段不同的话。"]


def test_a_long_body_printed_twice_is_kept_once_and_short_lines_alone_are_kept_twice():
    """Thousands of lines: the run of the second copy is found as a whole (by hashing, in one pass)."""
    short = [f"第{i}项" for i in range(3000)]
    body = [*short[:1500], "深化律师制度改革方面,上海市将完善律师执业保障机制和律师权利救济机制。", *short[1500:]]
    assert clean_text("\n".join(body + ["评论"] + body)).split("\n") == body
    assert clean_text("\n".join(short + short)).split("\n") == short + short, \
        "short lines repeated without a real paragraph are list labels, not a repeated body"


def test_pattern_file_errors_name_the_line(tmp_path):
    path = tmp_path / "patterns.txt"
    path.write_text("# comment\n评论\n(unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"patterns\.txt:3: bad pattern"):
        load_patterns(path)
    path.write_text("# only comments\n\n", encoding="utf-8")
    assert load_patterns(path).fullmatch("评论") is None


def test_table_file_errors_name_the_line(tmp_path, monkeypatch):
    import policykg.extract.lexicon as lexicon

    (tmp_path / "broken_test_table.tsv").write_text("# comment\n\n省\t省级\n市 市级\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"broken_test_table\.tsv:4: '市 市级' needs two tab-separated columns"):
        lexicon.table("broken_test_table.tsv")


def test_a_report_printed_four_times_over_is_kept_once(seed_path):
    # a scraped page may carry its body again and again (20 k characters here); what clean costs per
    # character is measured by bench/extract_bench.py and bench/hostile_bench.py (repeated_lines), not here
    text = read_path(seed_path)[0].text
    assert clean_text(text * 4) == clean_text(text)


@pytest.mark.shared
def test_shared_reports_lose_wikisource_footer_and_keep_sentences(shared_dir):
    docs = read_path(shared_dir / "corpus" / "government_work_reports.jsonl")
    report = next(d for d in docs if d.title == "2025年中华人民共和国国务院政府工作报告")
    cleaned = clean_text(report.text)
    assert "Public domain" not in cleaned and "本作品是中华人民共和国的法律" not in cleaned
    assert "维基文库" not in cleaned
    assert cleaned.split("\n")[0] == "各位代表:"
    assert cleaned.endswith("为以中国式现代化全面推进强国建设、民族复兴伟业不懈奋斗!")
    assert "\n一、2024年工作回顾\n" in cleaned


def test_recurring_lines_with_any_unit_label_are_kept():
    # Every lead/support label of duty_labels.tsv protects its line, not only 牵头/配合单位.
    line = "主责单位:市司法局、市公安局、市人力资源社会保障局(协作单位:各区人民政府)"
    raw = "\n".join(["1.完善刑罚执行制度", line, "2.建立执法过程全程记录制度", line])
    assert clean_text(raw).split("\n").count(line) == 2

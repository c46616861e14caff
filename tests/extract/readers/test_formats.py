"""Documents as they arrive (issue 12): the same document gives the same graph whatever its container.

Real documents from ../shared (gov.cn pages beside their .txt renderings, PDFs printed from gov pages) and
task tables built here with python-docx and openpyxl from two real gold files; small generated cases for
merged cells, nested tables, lying charsets, deep HTML and formats we cannot read.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from builders import ROOT, pdf_bytes

from policykg.extract.evaluate import score_document
from policykg.extract.gold import read_record
from policykg.extract.pipeline import extract_paths
from policykg.extract.readers import read_path

RADICALS = re.compile("[\u2e80-\u2fdf]")
GOV_PAGES = ["gov_gbf2018_117_jili", "gov_gbf2018_121_tiyu", "gov_gbf2018_126_tuiguang_table",
             "gov_gbf2018_128_wufeichengshi", "gov_gbf2018_129_xiaofeifupin", "gov_gf2018_39_jiuye",
             "gov_gf2018_42_nongji", "gov_gf2019_3_zongbaoqu", "govcn_gongbao_2007_23_npc_page"]
PDFS = ["gbf2021_43_wenwu_keji_guihua.pdf", "zhongban_guoban_2018_geming_wenwu.pdf"]


def _records(*paths: Path) -> list[dict]:
    result = extract_paths(list(paths))
    assert not result.errors
    return [doc.to_record() for doc in result.documents]


def _scores(gold: dict, pred: dict) -> dict:
    """extract/evaluate.py's scores of one document: institutions, areas, measures, links (lead and support
    duties), unit pairs.  ``gold`` is a gold file's record or another extraction."""
    return score_document(read_record(gold, set()), read_record(pred, set()))


# ---------------------------------------------------------------- gov.cn pages against their .txt renderings


@pytest.mark.shared
@pytest.mark.parametrize("name", GOV_PAGES)
def test_gov_page_gives_the_measures_and_links_of_its_text_rendering(shared_dir, name):
    real = shared_dir / "corpus" / "real"
    page, text = _records(real / f"{name}.html", real / f"{name}.txt")
    scores = _scores(text, page)
    assert scores["measures"].f1 >= 0.95, scores["measures"].missed[:3]
    assert scores["links"].f1 >= 0.95, scores["links"].missed[:3]


@pytest.mark.shared
def test_gov_page_metadata_block_gives_issuer_date_and_title(shared_dir):
    doc = read_path(shared_dir / "corpus" / "real" / "gov_gbf2018_117_jili.html")[0]
    assert doc.issuers == ["国务院办公厅"]
    assert doc.date == "2018-12-06"  # 成文日期, not the later 发布日期
    assert doc.title == "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知"
    assert "扫一扫" not in doc.text and "索引号" not in doc.text.replace(" ", "")


@pytest.mark.shared
def test_portal_news_page_keeps_the_article_and_drops_navigation_and_footer(shared_dir):
    real = shared_dir / "corpus" / "real"
    doc = read_path(real / "shanxi_gov_portal_2019_news_page.html")[0]
    assert "当地时间9月16日下午，2019年山西品牌丝路行（南美站）活动在巴西圣保罗正式启动" in doc.text
    for furniture in ("网站标识码", "ICP备", "热门搜索", "切換到繁體", "领导动态"):
        assert furniture not in doc.text
    npc = read_path(real / "govcn_gongbao_2007_23_npc_page.html")[0]
    assert "会议决定：批准发行15500亿元特别国债购买外汇" in npc.text
    assert "网站标识码" not in npc.text and "ICP备" not in npc.text


# ---------------------------------------------------------------- PDFs printed from government pages


@pytest.fixture(scope="module")
def pdf_records(shared_dir):
    real = shared_dir / "corpus" / "real"
    return dict(zip(PDFS, _records(*(real / name for name in PDFS)), strict=True))


@pytest.mark.shared
@pytest.mark.parametrize("name", PDFS)
def test_pdf_fields_hold_no_radical_look_alikes(pdf_records, name):
    assert not RADICALS.findall(json.dumps(pdf_records[name], ensure_ascii=False))


@pytest.mark.shared
@pytest.mark.parametrize("name", PDFS)
def test_pdf_page_width_breaks_are_joined(shared_dir, pdf_records, name):
    """Every break of the raw text layer (the .txt beside the PDF) inside a sentence is joined in the read text,
    and no measure or area holds a line break."""
    from policykg.extract.clean import clean_text

    text = clean_text(read_path(shared_dir / "corpus" / "real" / name)[0].text)
    raw = [ln.strip() for ln in (shared_dir / "corpus" / "real" / name).with_suffix(".txt")
           .read_text(encoding="utf-8").split("\n") if ln.strip()]
    from policykg.extract.clean import fold_width

    raw = [re.sub(r"(?<=[\u4e00-\u9fff]) (?=\d)|(?<=\d) (?=[\u4e00-\u9fff])", "", fold_width(ln)) for ln in raw]
    breaks = [(a, b) for a, b in zip(raw, raw[1:], strict=False)
              if len(a) >= 38 and not a.endswith(("。", "；", "：", "》"))
              and not re.match(r"[（(一二三四五六七八九十\d]", b) and "www." not in b]  # the printed <title> goes
    assert len(breaks) > 20
    for a, b in breaks:
        assert a[-4:] + b[:4] in text, (a, b)
    record = pdf_records[name]
    for item in [m["text"] for m in record["measures"]] + [a["name"] for a in record["areas"]]:
        assert "\n" not in item and item in text


@pytest.mark.shared
def test_pdf_prose_leads_arrive_joined(pdf_records):
    """由住房城乡建设部牵头，会同国家文物局… and …由文化和旅游部、国家文物局牵头… are read from the 2021 plan."""
    duties = {m["text"]: {(d["name"], d["role"]) for d in m["institutions"]}
              for m in pdf_records["gbf2021_43_wenwu_keji_guihua.pdf"]["measures"]}
    towns = next(d for text, d in duties.items() if "历史文化名城名镇名村" in text and "保护机制" in text)
    assert {r for n, r in towns if "住房" in n} == {"lead"} and {r for n, r in towns if "文物局" in n} == {"support"}
    plan = [d for text, d in duties.items() if "本规划实施" in text]
    assert plan and all({r for n, r in d if "文化和旅游部" in n} == {"lead"} for d in plan)


@pytest.mark.shared
def test_extract_on_the_pdfs_prints_nothing_but_its_summary(shared_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "policykg", "extract",
                          *(str(shared_dir / "corpus" / "real" / n) for n in PDFS), "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0
    assert run.stderr.splitlines() == [f"2 documents → {out}"]


# ---------------------------------------------------------------- task tables built from real golds

TABLE_GOLDS = ["gov_gf2018_42_nongji.json", "gz_2012_minzhufazhi_ssyj.json"]


def _groups(gold: dict) -> list[tuple[str, list[dict]]]:
    """The gold's measures grouped by area, in document order."""
    groups: list[tuple[str, list[dict]]] = []
    for m in gold["measures"]:
        if not groups or groups[-1][0] != m["area"]:
            groups.append((m["area"], []))
        groups[-1][1].append(m)
    return groups


def _docx_from_gold(gold: dict, path: Path) -> None:
    """A Word task table: a paragraph before and after, a title row merged across, the 重点任务 cells merged
    down their rows, a 配合单位 column."""
    document = docx.Document()
    document.add_paragraph(gold["title"])
    header = ["序号", "重点任务", "工作任务", "牵头单位", "配合单位"]
    rows = sum(len(ms) for _, ms in _groups(gold))
    table = document.add_table(rows=2 + rows, cols=len(header))
    title = table.cell(0, 0).merge(table.cell(0, len(header) - 1))
    title.text = "重点任务分工表"
    for col, name in enumerate(header):
        table.cell(1, col).text = name
    r = 2
    for n, (area, measures) in enumerate(_groups(gold), start=1):
        merged = table.cell(r, 1).merge(table.cell(r + len(measures) - 1, 1))
        merged.text = f"{n}.{area}（共{len(measures)}项）"
        for m in measures:
            for col, value in ((0, str(r - 1)), (2, m["text"]), (3, "、".join(m["lead"])),
                               (4, "、".join(m["support"]))):
                table.cell(r, col).text = value
            r += 1
    document.add_paragraph("各地区、各部门要按照分工抓好落实。")
    document.save(str(path))


def _xlsx_from_gold(gold: dict, path: Path) -> None:
    """An Excel task table: a title row, a two-row header (责任单位 over 牵头单位 | 配合单位), category cells
    merged down, and a second sheet with the same layout holding the last area."""
    book = openpyxl.Workbook()
    groups = _groups(gold)
    sheets = [book.active, book.create_sheet("续表")]
    for sheet, part in zip(sheets, (groups[:-1], groups[-1:]), strict=True):
        sheet.append(["重点任务分工表"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
        sheet.append(["序号", "任务类别", "具体任务", "责任单位", None])
        sheet.append([None, None, None, "牵头单位", "配合单位"])
        for col in (1, 2, 3):
            sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        sheet.merge_cells(start_row=2, start_column=4, end_row=2, end_column=5)
        for area, measures in part:
            first = sheet.max_row + 1
            for i, m in enumerate(measures):
                sheet.append([first + i - 3, area if i == 0 else None, m["text"], "\n".join(m["lead"]),
                              "、".join(m["support"]) or None])
            sheet.merge_cells(start_row=first, start_column=2, end_row=sheet.max_row, end_column=2)
    book.save(path)


def _expected(gold: dict) -> dict:
    """The gold with the areas that hold its measures (the ones a table built from it can show)."""
    used = {m["area"] for m in gold["measures"]}
    return dict(gold, areas=[a for a in gold["areas"] if a["name"] in used])


@pytest.mark.shared
@pytest.mark.parametrize(("gold_name", "suffix"), [(TABLE_GOLDS[0], ".docx"), (TABLE_GOLDS[1], ".xlsx"),
                                                   (TABLE_GOLDS[1], ".docx"), (TABLE_GOLDS[0], ".xlsx")])
def test_task_table_from_a_real_gold_extracts_to_that_gold(shared_dir, tmp_path, gold_name, suffix):
    gold = json.loads((shared_dir / "gold" / gold_name).read_text(encoding="utf-8"))
    path = tmp_path / f"tasks{suffix}"
    (_docx_from_gold if suffix == ".docx" else _xlsx_from_gold)(gold, path)
    (record,) = _records(path)
    text = read_path(path)[0].text
    for label in ("序号", "重点任务", "任务类别", "工作任务", "具体任务", "责任单位", "（共", "(共"):
        assert not any(label in m["text"] for m in record["measures"]), label
    assert "分工表" not in " ".join(a["name"] for a in record["areas"])
    scores = _scores(_expected(gold), record)
    for category in ("areas", "measures", "links"):
        assert scores[category].f1 >= 0.95, (category, scores[category].missed[:3], text[:300])


# ---------------------------------------------------------------- generated cases


def test_nested_docx_table_is_read_not_dropped(tmp_path):
    """A layout frame (a document typeset in one table cell) holding the task table: both come through."""
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "各区要按照分工抓好落实。"
    inner = cell.add_table(rows=2, cols=3)
    for col, value in enumerate(["工作任务", "牵头单位", "配合单位"]):
        inner.cell(0, col).text = value
    for col, value in enumerate(["完善社区矫正制度", "市司法局", "市公安局"]):
        inner.cell(1, col).text = value
    path = tmp_path / "nested.docx"
    document.save(str(path))
    assert [ln for ln in read_path(path)[0].text.split("\n") if ln] == [
        "各区要按照分工抓好落实。", "1.完善社区矫正制度（牵头单位：市司法局；配合单位：市公安局）"]


def test_html_nested_deeper_than_the_parser_limit_is_read(tmp_path):
    """libxml2 keeps 256 levels (2048 with huge_tree) and drops what lies deeper."""
    path = tmp_path / "deep.html"
    body = "<div>" * 5000 + "<p>建立执法过程全程记录制度，完善刑罚执行制度。</p>" + "</div>" * 5000
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert "建立执法过程全程记录制度" in read_path(path)[0].text


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "gb2312", "iso-8859-1"])
def test_html_declaring_a_charset_its_utf8_bytes_contradict_is_read_as_utf8(tmp_path, declared):
    page = (f'<html><head><meta charset="{declared}"></head><body><p>由市司法局牵头，'
            f'建立执法过程全程记录制度，完善刑罚执行制度。</p></body></html>')
    path = tmp_path / "lying.html"
    path.write_bytes(page.encode("utf-8"))
    assert "由市司法局牵头，建立执法过程全程记录制度" in read_path(path)[0].text


def test_html_declared_gbk_is_decoded_as_declared(tmp_path):
    path = tmp_path / "gbk.html"
    page = '<html><head><meta charset="gbk"></head><body><p>完善律师执业保障机制，推进公证制度改革。</p></body></html>'
    path.write_bytes(page.encode("gbk"))
    assert "完善律师执业保障机制" in read_path(path)[0].text


def test_html_task_table_with_sub_area_column_and_counts(tmp_path):
    page = """<html><body><div><p>现将重点任务分工如下，请各单位认真抓好落实，确保各项任务按期完成。</p>
    <table><tr><td colspan="5">附件：重点任务分工表</td></tr>
    <tr><th>序号</th><th>重点任务</th><th>具体举措</th><th>工作任务</th><th>牵头单位</th></tr>
    <tr><td>1</td><td rowspan="2">一、深化改革（共2项）</td><td rowspan="2">（一）监狱体制</td>
        <td>完善刑罚执行制度</td><td>市司法局</td></tr>
    <tr><td>2</td><td>建立执法过程全程记录制度</td><td>市监狱管理局</td></tr></table></div></body></html>"""
    path = tmp_path / "sub.html"
    path.write_text(page, encoding="utf-8")
    lines = read_path(path)[0].text.split("\n")
    assert lines[1:] == ["附件：重点任务分工表", "一、深化改革", "（一）监狱体制",
                         "1.完善刑罚执行制度（牵头单位：市司法局）",
                         "2.建立执法过程全程记录制度（牵头单位：市监狱管理局）"]
    (record,) = _records(path)
    assert [(a["name"], a["parent"]) for a in record["areas"]] == [("深化改革", None), ("监狱体制", "深化改革")]
    assert [m["area"] for m in record["measures"]] == ["监狱体制", "监狱体制"]


def test_unknown_task_table_layout_is_row_text_with_a_warning_naming_the_file(tmp_path, caplog):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "牵头单位"
    table.cell(0, 1).text = "说明"
    table.cell(1, 0).text = "市司法局"
    table.cell(1, 1).text = "负责全市社区矫正工作"
    path = tmp_path / "odd.docx"
    document.save(str(path))
    assert read_path(path)[0].text.split("\n") == ["牵头单位；说明", "市司法局；负责全市社区矫正工作"]
    assert [r.getMessage() for r in caplog.records] == [
        f"policykg: {path}: warning: a table with duty columns of unknown layout was read as row text"]


def test_xlsx_date_cells_and_every_sheet(tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    book.active.append(["工作任务", "牵头单位", "完成时限"])
    book.active.append(["完善刑罚执行制度", "市司法局", dt.datetime(2019, 12, 31)])
    second = book.create_sheet("二")
    second.append(["工作任务", "牵头单位"])
    second.append(["推进公证制度改革", "市司法局"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert read_path(path)[0].text.split("\n") == [
        "1.完善刑罚执行制度（牵头单位：市司法局；完成时限：2019-12-31）", "",
        "1.推进公证制度改革（牵头单位：市司法局）", ""]


@pytest.mark.parametrize(("suffix", "target"), [(".doc", "docx"), (".wps", "docx"), (".xls", "xlsx"), (".et", "xlsx")])
def test_office_formats_we_cannot_read_say_how_to_convert(tmp_path, suffix, target):
    good = tmp_path / "good.txt"
    good.write_text("（一）深化监狱体制改革\n建立执法过程全程记录制度。（市司法局牵头）\n", encoding="utf-8")
    bad = tmp_path / f"old{suffix}"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "policykg", "extract", str(tmp_path), "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("policykg:")]
    assert errors == [f"policykg: {bad}: cannot read {suffix} files: convert it first, e.g. "
                      f"`libreoffice --headless --convert-to {target} {bad.name}`"]
    assert [json.loads(ln)["source"] for ln in out.read_text(encoding="utf-8").splitlines()] == [str(good)]


def test_fold_width_maps_radical_look_alikes_and_compatibility_ideographs():
    from policykg.extract.clean import fold_width

    # Kangxi radicals (NFKC knows them), the radical supplement (it does not) and a compatibility ideograph
    assert fold_width("⾰命⽂物 ⼈⺠ 意⻅ ⻓征 \uf9a8") == "革命文物 人民 意见 长征 令"


# ---------------------------------------------------------------- Traditional script


def test_traditional_text_is_recognised_with_simplified_names_and_written_aliases(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text("上海市人民政府辦公廳關於印發《司法行政改革任務分工》的通知\n"
                    "（一）深化監獄體制改革\n"
                    "1.建立執法過程全程記錄制度。（市司法局牽頭，市公安局、市檢察院配合；完成時限：2019年底）\n",
                    encoding="utf-8")
    (record,) = _records(path)
    (measure,) = record["measures"]
    assert measure["text"] == "建立執法過程全程記錄制度"  # as written
    assert measure["area"] == "深化監獄體制改革" and record["areas"][0]["name"] == "深化監獄體制改革"
    roles = {d["name"]: d["role"] for d in measure["institutions"]}
    assert roles == {"上海市司法局": "lead", "上海市公安局": "support", "上海市人民检察院": "support"}
    aliases = {i["name"]: i["aliases"] for i in record["institutions"]}
    assert "市檢察院" in aliases["上海市人民检察院"] and "市司法局" in aliases["上海市司法局"]
    assert record["region"] == "上海市"


@pytest.mark.shared
def test_a_real_document_in_traditional_script_gives_the_same_graph(shared_dir, tmp_path):
    """国发〔2019〕3号 converted to Traditional (OpenCC s2t, as mirror sites publish it) gives the same
    institutions and duties, and measures that are the Traditional forms of the Simplified ones."""
    import opencc

    from policykg.extract.script import to_simplified

    source = shared_dir / "corpus" / "real" / "gov_gf2019_3_zongbaoqu.txt"
    trad = tmp_path / "trad.txt"
    trad.write_text(opencc.OpenCC("s2t").convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    simp, written = _records(source, trad)
    assert [i["name"] for i in written["institutions"]] == [i["name"] for i in simp["institutions"]]
    assert [to_simplified(m["text"]) for m in written["measures"]] == [m["text"] for m in simp["measures"]]
    assert [m["institutions"] for m in written["measures"]] == [m["institutions"] for m in simp["measures"]]
    assert any(m["text"] != to_simplified(m["text"]) for m in written["measures"])  # still Traditional


def test_task_table_repeated_header_and_unit_cells_that_state_roles(tmp_path):
    """A header repeated on a later page is no task; a 责任单位 cell written as "A牵头，B配合" keeps its roles."""
    book = openpyxl.Workbook()
    for row in (["序号", "工作任务", "责任单位"], ["1", "完善刑罚执行制度", "市司法局牵头，市公安局配合"],
                ["序号", "工作任务", "责任单位"], ["2", "推进公证制度改革", "市司法局"]):
        book.active.append(row)
    path = tmp_path / "pages.xlsx"
    book.save(path)
    assert [ln for ln in read_path(path)[0].text.split("\n") if ln] == [
        "1.完善刑罚执行制度（市司法局牵头，市公安局配合）", "2.推进公证制度改革（责任单位：市司法局）"]
    (record,) = _records(path)
    assert [{(d["name"], d["role"]) for d in m["institutions"]} for m in record["measures"]] == [
        {("市司法局", "lead"), ("市公安局", "support")}, {("市司法局", "lead")}]


def test_big5_traditional_portal_page_is_read_and_recognised(tmp_path):
    """A mirror site's page: Big5 bytes, Traditional script, navigation and a footer around the article."""
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>任務分工_政策</title>'
            '</head><body><div class="nav"><a href="/">首頁</a> <a href="/x">新聞中心</a></div><div id="zoom">'
            "<p>（一）深化監獄體制改革</p><p>1.建立執法過程全程記錄制度，完善刑罰執行制度。（市司法局牽頭，市公安局、"
            "市檢察院配合）</p><p>2.推進公證制度改革，擴大公證服務範圍。（市司法局負責）</p></div>"
            '<div class="footer">網站標識碼3100000001 滬ICP備05001234號</div></body></html>')
    path = tmp_path / "big5.html"
    path.write_bytes(page.encode("big5"))
    (record,) = _records(path)
    assert [(m["text"], m["area"]) for m in record["measures"]] == [
        ("建立執法過程全程記錄制度,完善刑罰執行制度", "深化監獄體制改革"),
        ("推進公證制度改革,擴大公證服務範圍", "深化監獄體制改革")]
    assert [(d["name"], d["role"]) for d in record["measures"][0]["institutions"]] == [
        ("市司法局", "lead"), ("市公安局", "support"), ("市检察院", "support")]
    assert "首頁" not in read_path(path)[0].text and "ICP" not in read_path(path)[0].text


def test_docx_automatic_numbering_is_written_back(tmp_path):
    """Word keeps 一、 / 1. in numbering.xml, not in the text: without it no heading and no item is seen."""
    from docx.oxml.ns import qn

    document = docx.Document()
    style = document.styles["List Number"]
    num_id = style.element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = next(lvl for lvl in abstract.iter(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0")
    level.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
    level.find(qn("w:lvlText")).set(qn("w:val"), "%1、")
    document.add_paragraph("深化监狱体制改革", style="List Number")
    document.add_paragraph("完善刑罚执行制度，建立执法过程全程记录制度。（市司法局牵头，市公安局配合）",
                           style="List Number 2")
    document.add_paragraph("深化律师制度改革", style="List Number")
    document.add_paragraph("完善律师执业保障机制。（市司法局负责）", style="List Number 2")
    document.add_paragraph("一项不编号的说明。", style="List Bullet")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert read_path(path)[0].text.split("\n") == [
        "一、深化监狱体制改革", "1.完善刑罚执行制度，建立执法过程全程记录制度。（市司法局牵头，市公安局配合）",
        "二、深化律师制度改革", "2.完善律师执业保障机制。（市司法局负责）", "一项不编号的说明。"]
    (record,) = _records(path)
    assert [a["name"] for a in record["areas"]] == ["深化监狱体制改革", "深化律师制度改革"]
    assert record["measures"][0]["area"] == "深化监狱体制改革"


def _pdf(pages: list[list[tuple[int, int, str]]]) -> bytes:
    """A PDF whose pages hold text lines at (x, y) in 12-point STSong-Light (decoded by pdfminer's own CMaps)."""
    fonts = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H"
             b" /DescendantFonts [4 0 R] >>",
             b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
             b" /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R >>",
             b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
             b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", *fonts]
    kids = []
    for lines in pages:
        ops = "\n".join(f"BT /F1 12 Tf 1 0 0 1 {x} {y} Tm <{text.encode('utf-16-be').hex()}> Tj ET"
                        for x, y, text in lines).encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                       b" /Resources << /F1 3 0 R >> >>" % (len(objects)))
        objects[-1] = objects[-1].replace(b"/Resources << /F1 3 0 R >>", b"/Resources << /Font << /F1 3 0 R >> >>")
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_bytes(objects)


def test_pdf_paragraphs_from_the_page_geometry(tmp_path):
    """Full lines continue (across a page break too), an indented line starts a paragraph, a short line ends
    one; the running header, the footer and the page numbers go; radicals (⾰ ⼀) are read as ideographs."""
    full = "建立执法过程全程记录制度，完善行政执法公示制度，健全"  # 26 characters: 312 points wide
    pages = [
        [(100, 800, "司法行政改革工作简报"), (100, 760, "⼀、深化⾰命⽂物保护"), (124, 740, full),
         (100, 720, "全重大执法决定法制审核制度。"), (124, 700, full), (280, 40, "- 1 -")],
        [(100, 800, "司法行政改革工作简报"), (100, 760, "落实行政执法责任制。"), (100, 740, "（一）推进律师制度改革"),
         (280, 40, "- 2 -")],
    ]
    path = tmp_path / "brief.pdf"
    path.write_bytes(_pdf(pages))
    assert read_path(path)[0].text.split("\n") == [
        "一、深化革命文物保护", full + "全重大执法决定法制审核制度。", full + "落实行政执法责任制。",
        "（一）推进律师制度改革"]


@pytest.mark.shared
def test_pdf_titles_large_type_over_two_lines_and_the_browser_printed_page_title(pdf_records):
    title = pdf_records["gbf2021_43_wenwu_keji_guihua.pdf"]["title"]
    assert title == "国务院办公厅关于印发“十四五”文物保护和科技创新规划的通知"
    printed = pdf_records["zhongban_guoban_2018_geming_wenwu.pdf"]  # <title>_中央有关文件_中国政府网 (www.gov.cn)
    assert printed["title"] == "中共中央办公厅  国务院办公厅印发《关于实施革命文物保护利用工程（2018－2022年）的意见》"
    assert "中国政府网" not in " ".join(m["text"] for m in printed["measures"])


def test_table_inside_a_task_table_cell_is_part_of_that_cell(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for col, value in enumerate(["工作任务", "牵头单位", "配合单位"]):
        table.cell(0, col).text = value
    table.cell(1, 0).text = "完善社区矫正制度"
    table.cell(1, 1).text = "市司法局"
    inner = table.cell(1, 2).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "市公安局"
    inner.cell(1, 0).text = "市民政局"
    path = tmp_path / "cell-table.docx"
    document.save(str(path))
    assert read_path(path)[0].text.split("\n") == [
        "1.完善社区矫正制度（牵头单位：市司法局；配合单位：市公安局、市民政局）"]


def test_bad_workbooks_are_one_line_each(tmp_path, monkeypatch):
    from policykg.errors import InputError
    from policykg.extract.readers import zips as read

    truncated = tmp_path / "truncated.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["工作任务", "牵头单位"])
    book.save(truncated)
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as info:
        read_path(truncated)
    assert str(info.value) == f"{truncated}: corrupt or truncated XLSX (not a complete Excel .xlsx zip package)"
    whole = tmp_path / "big.xlsx"
    whole.write_bytes(data)
    monkeypatch.setattr(read, "MAX_UNPACKED", 1000)  # a zip bomb is refused before it is unpacked
    with pytest.raises(InputError) as info:
        read_path(whole)
    assert "zip bomb" in str(info.value) and "\n" not in str(info.value)


def test_a_note_row_across_a_task_table_is_text_not_an_area(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["序号", "工作任务", "牵头单位"], ["一、深化改革", None, None], ["1", "完善刑罚执行制度", "市司法局"],
                ["注：排在第一位的部门为牵头部门。", None, None]):
        sheet.append(row)
    for r in (2, 4):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    path = tmp_path / "note.xlsx"
    book.save(path)
    assert [ln for ln in read_path(path)[0].text.split("\n") if ln] == [
        "一、深化改革", "1.完善刑罚执行制度（牵头单位：市司法局）", "注：排在第一位的部门为牵头部门。"]

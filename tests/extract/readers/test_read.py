"""Reading inputs: strict decoding, clear one-line errors, DOCX tables in the standard duty form, PDF and HTML text.

Fixtures (DOCX, PDF, encoded text) are generated in tmp_path so the repository holds no binaries.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import docx
import pytest
from builders import pdf_bytes

from policykg.errors import InputError
from policykg.extract.readers import RawDocument, expand_paths, read_path
from policykg.extract.readers.files import MAX_BYTES
from policykg.extract.readers.paragraphs import join_soft_breaks

POLICY = (
    "（一）深化监狱体制改革\n"
    "建立执法过程全程记录制度，完善刑罚执行制度；由市司法局牵头，市公安局、市检察院配合。\n"
    "“放管服”改革、《实施意见》……各项任务最迟将于2019年底全部完成。\n"
)


def read_one(path: Path) -> RawDocument:
    docs = read_path(path)
    assert len(docs) == 1
    return docs[0]


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value), "the message must name the file"
    assert "\n" not in str(info.value), "one line"
    return info.value


# ---------------------------------------------------------------- text and encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "gbk"])
def test_text_encodings_decode_to_the_same_text(tmp_path, encoding):
    if encoding == "utf-16-be":  # no BOM of its own: write one, as Windows editors do
        data = b"\xfe\xff" + POLICY.encode(encoding)
    else:
        data = POLICY.encode(encoding)
    path = tmp_path / f"policy-{encoding}.txt"
    path.write_bytes(data)
    doc = read_one(path)
    assert doc.text == POLICY
    assert doc.source == str(path)


def test_gbk_text_with_rare_characters_is_still_chinese(tmp_path):
    # 朱镕基 and 堃 lie outside GB2312 but inside GBK: a few of them must not make the text "mojibake".
    text = "国务院总理朱镕基作政府工作报告，要求各地区各部门认真贯彻落实，王堃同志参加审议。" * 3
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_one(path).text == text


def test_traditional_chinese_in_gbk(tmp_path):
    # under 80 % of these characters are in GB2312: accepted because nearly all the text is Chinese
    text = ("我們第一屆全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告"
            "並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。")
    path = tmp_path / "traditional-gbk.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_one(path).text == text


def test_latin1_text_is_unknown_encoding_not_mojibake(tmp_path):
    path = tmp_path / "western.txt"
    path.write_bytes("Müller Käse Größe in Zürich, café über Straße".encode("latin-1"))
    assert "unknown encoding" in error_of(path).reason


def test_bytes_valid_in_neither_utf8_nor_gb18030(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("司法行政改革".encode() + b"\x80\xff" + "任务".encode())
    assert "unknown encoding" in error_of(path).reason


def test_utf8_saved_twice_is_mojibake(tmp_path):
    path = tmp_path / "twice.txt"
    path.write_text(POLICY.encode("utf-8").decode("latin-1"), encoding="utf-8")
    assert "mojibake" in error_of(path).reason


def test_western_utf8_text_is_fine(tmp_path):
    path = tmp_path / "western.txt"
    path.write_text("Müller Käse Größe in Zürich, café über Straße, à la française.", encoding="utf-8")
    assert read_one(path).text.startswith("Müller")


def test_lossy_replacement_characters_are_refused(tmp_path):
    path = tmp_path / "lossy.txt"
    path.write_text("上海\ufffd\ufffd司法\ufffd\ufffd行政\ufffd\ufffd改革\ufffd\ufffd任务", encoding="utf-8")
    assert "U+FFFD" in error_of(path).reason


def test_binary_file_is_reported(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert error_of(path).reason.startswith("binary file")


def test_control_bytes_without_nul_are_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + "任务".encode())
    assert error_of(path).reason.startswith("binary file")


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t", "\u3000\u3000\n".encode()])
def test_empty_and_blank_files(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error_of(path).reason == "empty"


def test_huge_file_is_refused_by_its_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 2**20)  # sparse: nothing is written

    def never(self, *args, **kwargs):
        raise AssertionError(f"{self} was opened: the size check must refuse it before reading")

    for method in ("open", "read_bytes", "read_text"):
        monkeypatch.setattr(Path, method, never)
    err = error_of(path)
    assert err.reason == "too large: 50.0 MB > 20 MB limit"
    assert MAX_BYTES == 20 * 2**20


def test_markdown_heading_marks_are_dropped(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 工作方案\n\n## 一、总体要求\n\n> 坚持依法治市。\n", encoding="utf-8")
    assert read_one(path).text == "工作方案\n\n一、总体要求\n\n坚持依法治市。\n"


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "slides.key"
    path.write_bytes(b"PK")
    assert "unsupported file type" in error_of(path).reason


# ---------------------------------------------------------------- HTML

ARTICLE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>上海明确司法行政改革70项任务_工作动态_上海市司法局</title>
<meta property="article:published_time" content="2018-11-27"></head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li><li><a href="/gov">政务公开</a></li>
<li><a href="/service">办事服务</a></li><li><a href="/interact">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 新闻中心 &gt; 工作动态</div>
<article>
<h1>上海明确司法行政改革70项任务</h1>
<p>近期，上海市委办公厅、市政府办公厅正式印发《关于加快推进司法行政改革的实施意见》，明确司法行政改革70项任务，各项任务最迟将于2019年底全部完成。</p>
<p>在深化监狱体制和机制改革方面，《实施意见》要求完善刑罚执行制度，严格规范监狱减刑、假释、暂予监外执行制度，建立执法过程全程记录制度。</p>
<p>健全完善社区矫正制度方面，《实施意见》要求构建完善管理科学、运行高效的社区矫正集中执法模式。</p>
</article>
<footer><p>主办单位：上海市司法局　版权所有　沪ICP备12345678号</p><p>网站地图 | 联系我们 | 隐私声明</p></footer>
</body></html>
"""


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_html_keeps_article_drops_navigation(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(ARTICLE_PAGE.format(charset=charset).encode("gb18030" if charset == "gb2312" else charset))
    doc = read_one(path)
    assert "建立执法过程全程记录制度" in doc.text
    assert "构建完善管理科学、运行高效的社区矫正集中执法模式" in doc.text
    assert "新闻中心" not in doc.text and "办事服务" not in doc.text
    assert "ICP备" not in doc.text
    assert doc.title == "上海明确司法行政改革70项任务"
    assert doc.date == "2018-11-27"


def test_html_declared_latin1_but_gbk_is_read_as_chinese(tmp_path):
    path = tmp_path / "old-cms.html"
    path.write_bytes(ARTICLE_PAGE.format(charset="windows-1252").encode("gbk"))
    assert "建立执法过程全程记录制度" in read_one(path).text


def test_html_without_article_falls_back_to_body_text(tmp_path):
    path = tmp_path / "tiny.htm"
    path.write_text("<html><body><div>推进公证制度改革。</div></body></html>", encoding="utf-8")
    assert "推进公证制度改革。" in read_one(path).text


def test_html_task_table_reads_as_standard_duty_lines(tmp_path):
    page = """<html><head><title>任务分工</title></head><body><article>
    <p>为抓好《实施意见》落实，现将改革任务分工如下，各单位要认真抓好落实，确保按期完成。</p>
    <table>
    <tr><th>领域</th><th>序号</th><th>改革任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
    <tr><td rowspan="2">监狱体制</td><td>1</td><td>完善刑罚执行制度</td><td rowspan="2">市司法局</td>
        <td>市高级法院<br>市检察院</td><td>2019年底</td></tr>
    <tr><td>2</td><td>建立执法过程全程记录制度</td><td></td><td>2019年6月</td></tr>
    <tr><td colspan="6">二、公共法律服务</td></tr>
    </table>
    <p>各区要结合实际抓好落实，及时报送工作进展情况。</p></article></body></html>"""
    path = tmp_path / "tasks.html"
    path.write_text(page, encoding="utf-8")
    lines = read_one(path).text.split("\n")
    assert lines[1:5] == [  # the area column one level below the full-width category row
        "（一）监狱体制",
        "1.完善刑罚执行制度（牵头单位：市司法局；配合单位：市高级法院、市检察院；完成时限：2019年底）",
        "2.建立执法过程全程记录制度（牵头单位：市司法局；完成时限：2019年6月）",
        "一、公共法律服务",
    ]


@pytest.mark.parametrize(
    "page", ["<html><head><title>标题</title></head><body><script>var a = 1;</script></body></html>", "\n\n   "])
def test_html_without_text_is_empty(tmp_path, page):
    path = tmp_path / "blank.html"
    path.write_text(page, encoding="utf-8")
    assert error_of(path).reason == "empty"


# ---------------------------------------------------------------- DOCX


def _task_table_docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "司法行政改革责任分工表"
    document.add_paragraph("关于加快推进司法行政改革的实施意见责任分工表")
    table = document.add_table(rows=1, cols=5)
    for cell, name in zip(table.rows[0].cells, ["重点领域", "序号", "改革任务", "牵头单位", "配合单位"], strict=True):
        cell.text = name
    rows = [
        ("深化监狱体制改革", "1", "完善刑罚执行制度。", "市司法局", "市高级法院、市检察院"),
        ("", "2", "建立执法过程全程记录制度", "市监狱管理局", ""),
        ("深化律师制度改革", "3", "完善律师执业保障机制", "市司法局", ["市公安局", "市人力资源社会保障局"]),
    ]
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            if isinstance(value, list):  # one unit per paragraph, as in many real tables
                cell.text = value[0]
                for more in value[1:]:
                    cell.add_paragraph(more)
            else:
                cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # the area column is merged down its rows
    document.add_paragraph("各责任单位要按照分工抓好落实。")
    document.save(str(path))


def test_docx_task_table_reads_as_standard_duty_lines(tmp_path):
    path = tmp_path / "分工表.docx"
    _task_table_docx(path)
    doc = read_one(path)
    assert doc.title == "司法行政改革责任分工表"
    assert doc.text.split("\n") == [
        "关于加快推进司法行政改革的实施意见责任分工表",
        "一、深化监狱体制改革",  # the area column as a heading the outline stage reads as an area
        "1.完善刑罚执行制度（牵头单位：市司法局；配合单位：市高级法院、市检察院）",
        "2.建立执法过程全程记录制度（牵头单位：市监狱管理局）",
        "二、深化律师制度改革",
        "3.完善律师执业保障机制（牵头单位：市司法局；配合单位：市公安局、市人力资源社会保障局）",
        "各责任单位要按照分工抓好落实。",
    ]


def test_docx_table_with_less_common_unit_headers_reads_as_duty_lines(tmp_path):
    # 主责单位 / 协作单位 are labels of duty_labels.tsv, so the table is a task-division table too.
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for col, value in enumerate(["序号", "重点任务", "主责单位", "协作单位"]):
        table.cell(0, col).text = value
    for col, value in enumerate(["1", "完善刑罚执行制度", "市司法局", "市公安局"]):
        table.cell(1, col).text = value
    path = tmp_path / "labels.docx"
    document.save(str(path))
    assert read_one(path).text.split("\n") == ["1.完善刑罚执行制度（主责单位：市司法局；协作单位：市公安局）"]


def test_docx_lead_unit_merged_down_applies_to_every_task(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate([("序 号", "工作任务", "责任单位"), ("1", "完善刑罚执行制度", "市司法局"),
                                  ("2", "建立执法过程全程记录制度", "")]):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(1, 2).merge(table.cell(2, 2))
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_one(path).text.split("\n") == [
        "1.完善刑罚执行制度（责任单位：市司法局）", "2.建立执法过程全程记录制度（责任单位：市司法局）"]


def test_docx_units_split_by_soft_line_breaks_stay_in_the_duty_note(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for col, value in enumerate(["序号", "改革任务", "牵头单位", "配合单位"]):
        table.cell(0, col).text = value
    for col, value in enumerate(["1", "完善律师执业保障机制", "市司法局"]):
        table.cell(1, col).text = value
    run = table.cell(1, 3).paragraphs[0].add_run("市公安局")
    run.add_break()  # a w:br inside one paragraph, as Word writes Shift+Enter
    run.add_text("市人力资源社会保障局")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    assert read_one(path).text.split("\n") == [
        "1.完善律师执业保障机制（牵头单位：市司法局；配合单位：市公安局、市人力资源社会保障局）"]


def test_docx_plain_table_and_merged_heading_row(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "一、主要指标"
    for col, value in enumerate(["指标", "2018年", "2019年"]):
        table.cell(1, col).text = value
    for col, value in enumerate(["律师人数", "2.5万", "2.8万"]):
        table.cell(2, col).text = value
    path = tmp_path / "plain.docx"
    document.save(str(path))
    assert read_one(path).text.split("\n") == ["一、主要指标", "指标；2018年；2019年", "律师人数；2.5万；2.8万"]


def test_truncated_docx_is_reported(tmp_path):
    good = tmp_path / "good.docx"
    _task_table_docx(good)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "DOCX" in error_of(bad).reason


def test_docx_with_damaged_document_xml(tmp_path):
    good = tmp_path / "good.docx"
    _task_table_docx(good)
    bad = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    assert error_of(bad).reason.startswith("corrupt DOCX (XMLSyntaxError")


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("这不是一个Word文件", encoding="utf-8")
    assert "DOCX" in error_of(path).reason


# ---------------------------------------------------------------- PDF


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds `lines`; no lines means a page with a drawing only (a "scan").

    CJK text uses the standard, non-embedded STSong-Light CID font, which pdfminer decodes with its own
    CMaps, so no font file or PDF-writing package is needed.
    """
    ops = ["BT /F1 12 Tf 14 TL 50 800 Td", *(f"<{line.encode('utf-16-be').hex()}> Tj T*" for line in lines), "ET"]
    stream = "\n".join(ops).encode("ascii") if lines else b"0 0 m 100 100 l S"
    info = b"<< /Title <feff%s> >>" % title.encode("utf-16-be").hex().encode() if title else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
        info,
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_bytes(objects, info=7)


PDF_LINES = ["一、总体要求", "建立执法过程全程记录制度，完善行政执", "法公示制度。", "（一）推进律师制度改革"]


def test_pdf_text_layer_with_wrapped_lines_rejoined(tmp_path):
    path = tmp_path / "opinion.pdf"
    path.write_bytes(make_pdf(PDF_LINES, title="关于加快推进司法行政改革的实施意见"))
    doc = read_one(path)
    assert doc.title == "关于加快推进司法行政改革的实施意见"
    assert doc.text.split("\n") == [
        "一、总体要求", "建立执法过程全程记录制度，完善行政执法公示制度。", "（一）推进律师制度改革"]


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    assert error_of(path).reason == "no text layer (scanned PDF?)"


@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_pdf_is_reported(tmp_path, keep):
    data = make_pdf(PDF_LINES)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    assert "truncated" in error_of(path).reason


def test_pdf_garbage_after_header(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n" + b"%%EOF\n")
    reason = error_of(path).reason
    assert "PDF" in reason or reason.startswith("no text layer")


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_one_document_per_record(tmp_path):
    path = tmp_path / "reports.jsonl"
    records = [
        {"title": "2019年政府工作报告", "url": "https://example.org/2019", "year": 2019,
         "content": "各位代表：\n\n一、2018年工作回顾"},
        {"title": "工作方案", "text": "推进\n公证制度\n改革。", "date": "2020-03-05"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    docs = read_path(path)
    assert [(d.source, d.title, d.date) for d in docs] == [
        ("https://example.org/2019", "2019年政府工作报告", "2019"),
        (f"{path}#L2", "工作方案", "2020-03-05"),
    ]
    assert docs[0].text == "各位代表：\n\n一、2018年工作回顾"
    assert docs[1].text == "推进公证制度改革。"  # link fragments of wiki sources re-joined


@pytest.mark.parametrize(
    ("line", "reason"),
    [("{not json", "line 2: invalid JSON"), ('{"title": "x"}', 'line 2: no "content" or "text"'),
     ("[1, 2]", "line 2: expected a JSON object")],
)
def test_jsonl_bad_line_names_its_number(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"content": "完善法律援助制度。"}\n' + line + "\n", encoding="utf-8")
    assert error_of(path).reason.startswith(reason)


def test_join_soft_breaks_keeps_headings_and_paragraphs():
    text = ("一、总体要求\n坚持依法治市，\n推进改革。\n\n（一）深化改革\n2.完善制度\n"
            "在聽了劉少奇同志\n關於憲法草案的報告\n並進行了討論。")
    assert join_soft_breaks(text) == (
        "一、总体要求\n坚持依法治市，推进改革。\n\n（一）深化改革\n2.完善制度\n"
        "在聽了劉少奇同志關於憲法草案的報告並進行了討論。"
    )


@pytest.mark.shared
def test_shared_corpus_reads_every_report(shared_dir):
    docs = read_path(shared_dir / "corpus" / "government_work_reports.jsonl")
    assert len(docs) == 72
    assert all(d.source.startswith("https://") and d.title for d in docs)
    assert next(d.date for d in docs if d.title == "2025年中华人民共和国国务院政府工作报告") == "2025"
    assert sum(len(d.text) for d in docs) > 1_000_000
    first_report = next(d for d in docs if "憲法草案" in d.text)
    assert "在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後" in first_report.text


# ---------------------------------------------------------------- directories


def test_expand_paths_recursive_sorted_and_reports_bad_arguments(tmp_path):
    for rel in ["b/2.txt", "b/1.docx", "a.html", "a/z.pdf", "c/d/e.jsonl", ".hidden/x.txt", "b/.secret.txt",
                "b/notes.key", "README"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    files, errors = expand_paths([tmp_path, tmp_path / "missing.txt", tmp_path / "b" / "notes.key",
                                  tmp_path / "b" / "2.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a/z.pdf", "a.html", "b/1.docx", "b/2.txt", "c/d/e.jsonl"]  # sorted by path components
    assert [(Path(e.path).name, e.reason.split(" (")[0]) for e in errors] == [
        ("missing.txt", "no such file or directory"), ("notes.key", "unsupported file type '.key'")]



# ---------------------------------------------------------------- legacy encodings and invisible text (issue 8)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes(POLICY.encode(codec))
    assert read_one(path).text == POLICY


def test_nul_bytes_on_both_sides_stay_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert error_of(path).reason.startswith("binary file")


def test_big5_traditional_chinese_is_decoded_as_big5(tmp_path):
    text = "上海市司法局印發關於深化司法行政改革的實施意見，推進公證、律師、調解制度改革。\n" * 5
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_one(path).text == text


@pytest.mark.parametrize(("codec", "text", "script"), [
    ("shift_jis", "日本国政府は、行政改革の推進について次のとおり決定する。", "Japanese"),
    ("euc_jp", "日本国政府は、行政改革の推進について次のとおり決定する。", "Japanese"),
    ("euc_kr", "대한민국 정부는 행정 개혁의 추진에 관하여 다음과 같이 결정한다.", "Korean"),
    ("utf-8", "日本国政府は、行政改革の推進について次のとおり決定する。", "Japanese"),
])
def test_japanese_and_korean_are_refused_by_name(tmp_path, codec, text, script):
    path = tmp_path / "foreign.txt"
    path.write_bytes((text * 10).encode(codec))
    assert error_of(path).reason.startswith(f"{script} text (")


def test_control_characters_never_reach_the_text(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_text(POLICY + "推进\x08公证\x0c改革\x85。\x7f", encoding="utf-8")
    assert read_one(path).text == POLICY + "推进公证\n改革。"


def test_only_zero_width_characters_is_no_text(tmp_path):
    path = tmp_path / "zw.txt"
    path.write_text("\u200b\u200d \ufeff\u2060\n" * 20, encoding="utf-8")
    assert error_of(path).reason.startswith("no text")


@pytest.mark.parametrize(("value", "reason"), [
    ("NaN", "NaN is not a JSON value"), ("1e999", "number out of range: 1e999"),
    ("9" * 5000, "number too long: 5000 digits"), ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_jsonl_values_python_would_choke_on_name_the_line(tmp_path, value, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"content": "完善法律援助制度。"}\n{"content": "推进改革。", "year": ' + value + "}\n",
                    encoding="utf-8")
    assert error_of(path).reason == f"line 2: invalid JSON ({reason})"


def test_non_utf8_file_name_is_a_printable_source(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(POLICY.encode())
    doc = read_one(Path(os.fsdecode(raw)))
    assert doc.source == f"{tmp_path}/\\xff\\xfe.txt"
    doc.source.encode("utf-8")

"""Turn input files into decoded, not yet cleaned text: .txt/.md, .html, .docx, .pdf and .jsonl corpora.

Reading is strict on purpose.  A policy text decoded with the wrong codec still "works" and silently puts
mojibake institution names into the graph, so every doubtful input becomes an InputError with a one-line
reason instead of a guess.  Layout that carries meaning is kept: task-division tables (DOCX and HTML) become
one line per task in the standard "1.任务（牵头单位：A；配合单位：B）" form the duty parser reads, and lines
broken inside a paragraph (PDF page width, wiki links in corpora) are re-joined.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.duties import unit_labels
from extract.errors import InputError

if TYPE_CHECKING:  # imported where used: lxml and python-docx load only for HTML and DOCX input
    from docx.document import Document as DocxDocument
    from docx.table import _Row
    from lxml.html import HtmlElement

MAX_BYTES = 20 * 2**20  # one document larger than this is almost surely not a policy text (a dump, a scan)
MAX_BYTES_JSONL = 512 * 2**20  # a .jsonl file is a corpus of many documents; each record is held to MAX_BYTES
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".docx", ".pdf", ".jsonl")
_HTML_SUFFIXES = (".html", ".htm")

# Share of control bytes (other than tab, newline, carriage return, form feed, escape) above which a file is
# binary.  Real text has none; a few may survive from a copy-paste, so the threshold is not zero.
_MAX_CONTROL_SHARE = 0.01
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b") + b"\x7f"
# In genuine GB18030/GBK Chinese text nearly all characters lie in the GB2312 common set; Latin-1 or
# cp1252 bytes read as GBK land mostly outside it (an accented letter followed by an ASCII letter forms a
# rare GBK-only character).  Below this share the GB18030 reading is rejected as mojibake.
_MIN_GB2312_SHARE = 0.8
# ... unless nearly all the text is non-ASCII, as in Traditional Chinese saved as GBK.
_MIN_CJK_SHARE = 0.7

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared charsets that are subsets of a stricter-but-wider codec we decode with instead.
_CODEC_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
                    "ascii": "utf-8", "us-ascii": "utf-8"}
# Codecs that accept every byte string, so success proves nothing.
_SINGLE_BYTE_CODECS = {"iso8859-1", "cp1252", "iso8859-15", "cp1251", "koi8-r", "mac-roman"}
# UTF-8 lead bytes of CJK characters (E3–E9) read as cp1252: "ä¸Šæµ·" is 上海 decoded twice.
_LATIN1_MOJIBAKE_LEADS = tuple("ãäåæçèé")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜| - | – | — )\s*")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_MD_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)", re.M)


@dataclass
class RawDocument:
    """One document's decoded text before cleaning, with what the container told us about it."""

    source: str  # file path, or for .jsonl the record's url (fallback f"{path}#L{lineno}")
    text: str  # decoded text, NOT yet cleaned
    title: str | None = None  # <title>, DOCX core title, PDF info title, jsonl "title"
    date: str | None = None  # jsonl "date"/"year", HTML publication metadata (ISO string) when known


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order, and the arguments that name nothing readable.

    Directories are walked recursively and sorted so every run sees files in the same order (ids and output
    order are reproducible); hidden files and folders and unsupported suffixes inside a directory are skipped
    quietly, but a file the user named explicitly with an unsupported suffix is reported.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and _supported(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if not _supported(path):
                errors.append(_unsupported(path))
                continue
            found = [path]
        else:
            errors.append(InputError(path, "no such file or directory"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, errors


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _unsupported(path: Path) -> InputError:
    return InputError(path, f"unsupported file type {path.suffix or '(no suffix)'!r} "
                            f"(supported: {' '.join(SUPPORTED_SUFFIXES)})")


def read_path(path: Path) -> list[RawDocument]:
    """Read one file into its documents (one, or one per line of a .jsonl); InputError for bad input."""
    if not _supported(path):
        raise _unsupported(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    limit = MAX_BYTES_JSONL if suffix == ".jsonl" else MAX_BYTES
    if size > limit:
        raise InputError(path, f"too large: {size / 2**20:.1f} MB > {limit // 2**20} MB limit")
    if size == 0:
        raise InputError(path, "empty")
    try:
        if suffix == ".jsonl":
            return _read_jsonl(path)
        if suffix == ".docx":
            docs = [_read_docx(path)]
        elif suffix == ".pdf":
            docs = [_read_pdf(path)]
        elif suffix in _HTML_SUFFIXES:
            docs = [_read_html(path)]
        else:
            text = decode_text(path.read_bytes(), path)
            if suffix == ".md":
                text = _MD_MARKUP.sub("", text)
            docs = [RawDocument(source=str(path), text=text)]
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    for doc in docs:
        if not doc.text.strip():
            raise InputError(path, "empty")
    return docs


# ---------------------------------------------------------------- plain text and encodings


def decode_text(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode bytes strictly: BOM, then the declared charset, then UTF-8, then GB18030 if it reads as Chinese.

    Anything else is refused (InputError "unknown encoding"), never decoded with a lossy fallback.  A
    declared single-byte charset (latin-1, windows-1252: the wrong default of many old CMSs) decodes any
    bytes, so it is tried only after UTF-8 and GB18030 have failed.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"unknown encoding: {codec} BOM but invalid {codec} at byte {exc.start}") \
                    from None
            _reject_mojibake(text, path)
            return text
    _reject_binary(data, path)
    codec = _codec_for(declared) if declared else None
    candidates = ["utf-8", "gb18030"]
    if codec in _SINGLE_BYTE_CODECS:
        candidates.append(codec)
    elif codec:
        candidates.insert(0, codec)  # mislabelled pages are common: on failure fall through to detection
    for candidate in dict.fromkeys(candidates):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "gb18030" and not _reads_as_chinese(text):
            continue
        _reject_mojibake(text, path)
        return text
    raise InputError(path, "unknown encoding (neither UTF-8 nor GB18030/GBK Chinese; save the file as UTF-8)")


def _reject_mojibake(text: str, path: Path) -> None:
    """Text that was already garbled before it reached us: UTF-8 read as Latin-1 and saved again, or a
    lossy conversion that left replacement characters."""
    latin = sum(map(text.count, _LATIN1_MOJIBAKE_LEADS))
    if latin >= 4 and any(_round_trips(text, codec) for codec in ("cp1252", "latin-1")):
        raise InputError(path, "unknown encoding (UTF-8 decoded as Latin-1/cp1252 and saved again: mojibake)")
    lost = text.count("\ufffd")
    if lost >= 8 and lost > 0.01 * len(text):
        raise InputError(path, f"unknown encoding ({lost} U+FFFD replacement characters: "
                               f"the text was decoded lossily before)")


def _round_trips(text: str, codec: str) -> bool:
    try:
        text.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return True


def _codec_for(label: str) -> str | None:
    label = label.strip().lower()
    label = _CODEC_SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _reject_binary(data: bytes, path: Path) -> None:
    """NUL bytes or more than a trace of control bytes: an image, archive or office file, not text."""
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(path, "binary file (contains NUL bytes)")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise InputError(path, f"binary file ({controls} control bytes in the first {len(head)})")


def _reads_as_chinese(text: str) -> bool:
    """True when a GB18030 reading looks like Chinese: its non-ASCII characters are mostly common (GB2312)
    ones, or they make up most of the text (Traditional Chinese saved as GBK lies largely outside GB2312).

    Latin-1 text read as GBK fails both: its few accented letters pair with the following ASCII letter
    into rare GBK-only characters, scattered through mostly ASCII text.
    """
    ascii_chars = len(text.encode("ascii", "ignore"))
    non_ascii = len(text) - ascii_chars
    if non_ascii == 0:
        return True
    common = (len(text.encode("gb2312", "ignore")) - ascii_chars) // 2  # GB2312 characters are two bytes
    if common >= _MIN_GB2312_SHARE * non_ascii:
        return True
    ascii_visible = ascii_chars - sum(map(text.count, " \t\r\n"))
    return non_ascii >= _MIN_CJK_SHARE * (non_ascii + ascii_visible)


# ---------------------------------------------------------------- HTML


def _read_html(path: Path) -> RawDocument:
    """Article text via trafilatura (tables included, recall favoured); plain text of <body> if it finds none.

    Task-division tables are rendered in the standard duty form first (see table_lines), since trafilatura
    would print them as "| 1 | 任务 | 市司法局 |" rows the duty parser cannot read.
    """
    import trafilatura

    data = path.read_bytes()
    match = _META_CHARSET.search(data[:8192])
    html = _XML_DECLARATION.sub("", decode_text(data, path, declared=match.group(1).decode("ascii") if match else None))
    if not html.strip():
        raise InputError(path, "empty")
    root = _parse_html(html)
    if root is None:
        raise InputError(path, "not an HTML document")
    meta = trafilatura.extract_metadata(root)
    _render_duty_tables(root)
    text = trafilatura.extract(root, include_tables=True, include_comments=False, favor_recall=True,
                               output_format="txt") or ""
    if not text.strip():
        text = _html_body_text(_parse_html(html))  # a fresh tree: trafilatura prunes the one it is given
    title = meta.title.strip() if meta is not None and meta.title else None
    if not title:
        found = root.find(".//title")
        title = " ".join((found.text_content() if found is not None else "").split()) or None
    date = meta.date if meta is not None and meta.date else None
    return RawDocument(source=str(path), text=text, title=_strip_site_name(title), date=date)


def _strip_site_name(title: str | None) -> str | None:
    """关于印发…的通知_政策文件_上海市人民政府 → 关于印发…的通知: page titles append column and site names."""
    if not title:
        return None
    head = _TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip()
    return head if len(head) >= 4 else title


def _parse_html(html: str) -> HtmlElement | None:
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _render_duty_tables(root: HtmlElement) -> None:
    """Replace each innermost <table> with a duty header by one <p> per rendered line."""
    from lxml.html import Element

    for table in [t for t in root.iter("table") if t.find(".//table") is None]:
        rows = _html_table_rows(table)
        if not any(_is_duty_header(row) for row in rows):
            continue
        block = Element("div")
        for line in table_lines(rows):
            para = Element("p")
            para.text = line
            block.append(para)
        block.tail = table.tail
        table.getparent().replace(table, block)


def _html_table_rows(table: HtmlElement) -> list[list[str]]:
    """Cell texts row by row; a rowspan cell repeats in the rows it spans (as Word's vertical merge reads)."""
    rows: list[list[str]] = []
    spans: dict[int, tuple[int, str, int]] = {}  # first column -> (rows still covered, text, columns)
    for tr in table.iter("tr"):
        cells = iter(tr.xpath("./td|./th"))
        row: list[str] = []
        col = 0
        while True:
            if col in spans:
                left, text, width = spans[col]
                row.append(text)
                if left > 1:
                    spans[col] = (left - 1, text, width)
                else:
                    del spans[col]
                col += width
                continue
            cell = next(cells, None)
            if cell is None:
                if not any(c >= col for c in spans):
                    break
                col += 1
                continue
            for br in cell.iter("br", "p", "div", "li"):
                br.tail = "\n" + (br.tail or "")
            text = _join_cell_paragraphs([part.strip() for part in cell.text_content().split("\n")])
            row.append(text)
            rowspan, width = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            if rowspan > 1:
                spans[col] = (rowspan - 1, text, width)
            col += width
        rows.append(row)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _html_body_text(root: HtmlElement) -> str:
    """Every text node of <body> outside script/style, one block element per line."""
    root = root.find("body") if root.find("body") is not None else root
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//div|.//br|.//li|.//tr|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


# ---------------------------------------------------------------- tables (DOCX and HTML)

_SEQ_HEADERS = ("序号", "编号")
_TASK_HEADERS = ("任务", "内容", "措施", "事项", "工作", "举措")
_AREA_HEADERS = ("领域", "类别", "方面", "板块", "分类", "类型", "专项")
_SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?", "：", ":")
_MAX_HEADING_CHARS = 25


def table_lines(rows: list[list[str]]) -> Iterator[str]:
    """Rows of a table (cell texts, merged cells once) as lines; header-driven for task-division tables.

    When a header row names a unit column (牵头单位, 配合单位, 责任单位 …) each data row is rendered as
    "<序号>.<任务>（牵头单位：X；配合单位：Y）", the standard form of policy texts, so the duty parser reads
    tables and prose alike; other columns (完成时限 …) join the parenthesis under their own header name.
    A column grouping rows (重点领域, 类别 …, usually merged down the rows) becomes a heading line when its
    value changes.  A row that is one merged cell (a section heading inside the table) is a line of its own;
    tables without such a header join their cells with "；".
    """
    roles: list[str] | None = None
    header: list[str] = []
    area = ""
    for cells in rows:
        distinct = [c for c in dict.fromkeys(cells) if c]
        if not distinct:
            continue
        if roles is None and _is_duty_header(cells):
            header = [re.sub(r"\s+", "", c) for c in cells]
            roles = [_column_role(name) for name in header]
            continue
        if len(distinct) == 1:
            yield distinct[0]
        elif roles is not None and len(cells) == len(roles):
            values = dict(zip(roles, cells, strict=True))
            if values.get("area") and values["area"] != area:
                area = values["area"]
                yield area
            yield _duty_row(header, roles, cells)
        else:
            yield "；".join(distinct)


def _column_role(name: str) -> str:
    if name.startswith(unit_labels()):
        return "other"
    if name.startswith(_SEQ_HEADERS):
        return "seq"
    if any(word in name for word in _AREA_HEADERS):
        return "area"
    if any(word in name for word in _TASK_HEADERS):
        return "task"
    return "other"


def _join_cell_paragraphs(parts: list[str]) -> str:
    """One cell's paragraphs on one line: short ones (unit names) as a 、 list, longer ones as clauses."""
    out = ""
    for part in filter(None, parts):
        if out and not out.endswith(_SENTENCE_END + ("、", "，", ",")):
            out += "、" if len(part) <= 20 and len(out) <= 20 else "；"
        out += part
    return out


def _is_duty_header(cells: list[str]) -> bool:
    squeezed = [re.sub(r"\s+", "", c) for c in cells]
    return any(c.startswith(unit_labels()) for c in squeezed) and all(len(c) <= 12 for c in squeezed)


def _duty_row(header: list[str], roles: list[str], cells: list[str]) -> str:
    seq = task = ""
    extras: list[str] = []
    for name, role, value in zip(header, roles, cells, strict=True):
        if not value or role == "area":
            continue
        if role == "seq" and not seq:
            seq = value.rstrip(".、．")
        elif role == "task" and not task:
            task = value
        else:
            extras.append(f"{name}：{value}")
    line = (f"{seq}.{task}" if seq and task else task or seq).rstrip("。；;")
    if extras:
        line += "（" + "；".join(extras) + "）"
    return line


# ---------------------------------------------------------------- DOCX


def _read_docx(path: Path) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError):
        raise InputError(path, "corrupt or truncated DOCX (not a complete Word .docx zip package)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in lxml, zipfile or python-docx alike
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
    title = (document.core_properties.title or "").strip() or None
    return RawDocument(source=str(path), text="\n".join(_docx_lines(document)), title=title)


def _docx_lines(document: DocxDocument) -> Iterator[str]:
    """Paragraphs and tables in document order; each table row becomes one line."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from table_lines([_row_cells(row) for row in block.rows])
        else:
            yield block.text


def _row_cells(row: _Row) -> list[str]:
    """Cell texts of a Word table row, a horizontally merged cell counted once."""
    texts: list[str] = []
    seen: list[object] = []
    for cell in row.cells:
        if any(cell._tc is tc for tc in seen):
            continue
        seen.append(cell._tc)
        # A soft line break (w:br) inside a paragraph separates items just as a new paragraph does.
        texts.append(_join_cell_paragraphs([line.strip() for p in cell.paragraphs for line in p.text.split("\n")]))
    return texts


# ---------------------------------------------------------------- PDF

_LETTER = re.compile(r"[^\W\d_]")
# A line starting like this begins a new item even when the previous line does not end a sentence.
_ITEM_START = re.compile(
    r"(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|第[一二三四五六七八九十百\d]+[章节条部分])"
)


def _read_pdf(path: Path) -> RawDocument:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psparser import PSException

    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 2048))
        if b"%%EOF" not in fh.read():
            raise InputError(path, "truncated PDF (no %%EOF end marker)")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-metric warnings are noise to a user
    try:
        text = extract_text(str(path))
        title = _pdf_title(path)
    except PDFEncryptionError:
        raise InputError(path, "encrypted PDF (text extraction needs a password or is not allowed)") from None
    except PSException as exc:
        raise InputError(path, f"corrupt or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer meets malformed objects with any builtin error
        raise InputError(path, f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    if not _LETTER.search(text):  # nothing, or only page numbers and rules
        raise InputError(path, "no text layer (scanned PDF?)")
    return RawDocument(source=str(path), text=join_soft_breaks(text), title=title)


def _pdf_title(path: Path) -> str | None:
    """The document-information Title, when the producer filled it in."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as fh:
        info = PDFDocument(PDFParser(fh)).info
    for entry in info:
        raw = entry.get("Title")
        if isinstance(raw, bytes):
            if raw.startswith(codecs.BOM_UTF16_BE):
                raw = raw.decode("utf-16", "ignore")
            else:
                raw = raw.decode("latin-1")
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
    return None


def join_soft_breaks(text: str) -> str:
    """Re-join lines broken inside a paragraph, keeping blank-line paragraphs and heading lines.

    PDF text boxes wrap at the page width, and wiki-sourced corpora put every link on a line of its own
    (在聽了劉少奇同志 / 關於憲法草案的報告 / 並進行了…).  Left split, such fragments become bogus headings and
    cut measures in half.  Blank lines and form feeds separate paragraphs; inside one, a line that does not
    end a sentence continues on the next unless the next starts a numbered item or the line is a short
    numbered heading itself.  Chinese needs no space at the seam; two ASCII words get one.
    """
    out: list[str] = []
    for block in re.split(r"\n[ \t\u3000]*\n|\x0c", text):
        merged: list[str] = []
        for line in filter(None, (ln.strip() for ln in block.split("\n"))):
            prev = merged[-1] if merged else ""
            if prev and not prev.endswith(_SENTENCE_END) and not _ITEM_START.match(line) and not _is_heading(prev):
                merged[-1] += (" " if prev[-1].isascii() and line[0].isascii() else "") + line
            else:
                merged.append(line)
        if merged:
            out.append("\n".join(merged))
    return "\n\n".join(out)


def _is_heading(line: str) -> bool:
    return len(line) <= _MAX_HEADING_CHARS and _ITEM_START.match(line) is not None and "。" not in line


# ---------------------------------------------------------------- JSON Lines corpora


def _read_jsonl(path: Path) -> list[RawDocument]:
    """One document per line; any bad line makes the whole file an error naming the line (nothing is skipped)."""
    docs: list[RawDocument] = []
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"line {lineno}: not UTF-8") from None
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"line {lineno}: invalid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise InputError(path, f"line {lineno}: expected a JSON object")
            text = rec.get("content", rec.get("text"))
            if not isinstance(text, str) or not text.strip():
                raise InputError(path, f"line {lineno}: no \"content\" or \"text\"")
            if len(text) > MAX_BYTES:
                raise InputError(path, f"line {lineno}: too large: {len(text) / 2**20:.1f} M chars "
                                       f"> {MAX_BYTES // 2**20} M limit")
            url = rec.get("url")
            title = rec.get("title")
            docs.append(RawDocument(
                source=url if isinstance(url, str) and url else f"{path}#L{lineno}",
                text=join_soft_breaks(text),
                title=title.strip() or None if isinstance(title, str) else None,
                date=_record_date(rec),
            ))
    if not docs:
        raise InputError(path, "empty")
    return docs


def _record_date(rec: dict) -> str | None:
    for key in ("date", "year"):
        value = rec.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            return str(int(value))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None

"""PDFs with a text layer: the text as paragraphs, lines joined where the page width broke them.

A PDF knows lines, not paragraphs.  Printed from a web page or typeset from Word, a paragraph wraps at the
right margin, and its first line is indented; a heading or the last line of a paragraph ends short.  So the
geometry says where a paragraph goes on: a line that reaches the right margin continues on the next line
unless that one is indented or opens a numbered item.  Running headers and footers (the same line at the top
or bottom of most pages, page numbers such as "- 3 -" or "3/18") are dropped, and radical look-alikes
(⾰ for 革) are mapped before the layout is read so that numbered items (⼀、) are recognised.  A truncated,
encrypted or scanned PDF is one line saying so, never a pdfminer traceback.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from policykg.errors import InputError
from policykg.extract.ideographs import ideograph_folds
from policykg.extract.readers.files import RawDocument
from policykg.extract.readers.paragraphs import ITEM_START

_PAGE_NUMBER = re.compile(
    r"[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|／|共)\s*\d{1,4}\s*页?)?[-—–\s]*"
)
_DIGITS = re.compile(r"\d+")
# A page printed from a browser starts with the page's <title>: the document title, then column and site names
_PRINTED_TITLE = re.compile(r"^(?P<title>.{4,}?)(?:\s*_\s*[^_]{2,30}){1,3}\s*(?:[(（]\s*(?:https?://)?www\.[^)）]+[)）])?$")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_CJK_DIGIT_SPACE = re.compile(rf"(?<={_CJK}) (?=\d)|(?<=\d) (?={_CJK})")
_SAME_LINE = 2.0  # points: boxes whose baselines differ less are one printed line
_MARGIN_CHARS = 1.5  # a line ending within this many character widths of the right margin is full
_INDENT_CHARS = 1.0  # a line starting this many character widths right of the left margin is indented
_TITLE_SIZE = 1.3  # type this much larger than the body's median is a title
_EDGE_LINES = 2  # lines at the top and at the bottom of a page looked at for running headers and footers
_LETTER = re.compile(r"[^\W\d_]")  # a PDF without one has no text layer (scanned), or only page numbers
_RUNNING_SHARE = 0.5  # a line on at least this share of pages (at the same edge) is a running header/footer


@dataclass
class _Line:
    x0: float
    x1: float
    top: float
    size: float
    text: str


def read(path: Path) -> list[RawDocument]:
    """The PDF's one document, titled by its information dictionary or the page title a browser printed."""
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psparser import PSException

    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 2048))
        if b"%%EOF" not in fh.read():
            raise InputError(path, "truncated PDF (no %%EOF end marker)")
    try:
        text, printed_title = pdf_text(path)
        title = _pdf_title(path) or printed_title
    except PDFEncryptionError:
        raise InputError(path, "encrypted PDF (text extraction needs a password or is not allowed)") from None
    except PSException as exc:
        raise InputError(path, f"corrupt or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer meets malformed objects with any builtin error
        raise InputError(path, f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    if not _LETTER.search(text):  # nothing, or only page numbers and rules
        raise InputError(path, "no text layer (scanned PDF?)")
    return [RawDocument(source=str(path), text=text, title=title)]


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


def pdf_text(path: Path) -> tuple[str, str | None]:
    """(the PDF's text, one paragraph or heading per line; the page title a browser printed above it)."""
    from pdfminer.high_level import extract_pages

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-metric warnings are noise to a user
    pages = [_page_lines(page) for page in extract_pages(str(path))]
    pages = _drop_running_lines(pages)
    lines = [line for page in pages for line in page]
    if not lines:
        return "", None
    paragraphs = _paragraphs(lines)
    printed = _PRINTED_TITLE.match(paragraphs[0])
    if printed:  # 《…的意见》_中央有关文件_中国政府网 (www.gov.cn): the <title> a browser prints, not the text
        return "\n".join(paragraphs[1:]), printed["title"].strip()
    return "\n".join(paragraphs), None


def _page_lines(page: object) -> list[_Line]:
    """Printed lines of one page, top to bottom; text boxes on one baseline (a note in another font) joined."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    found: list[_Line] = []

    def collect(item: object) -> None:
        if isinstance(item, LTTextLine):
            text = item.get_text().strip()
            if text:
                found.append(_Line(item.x0, item.x1, item.y1, item.height, _fold(text)))
        elif isinstance(item, LTTextContainer):
            for child in item:
                collect(child)

    for item in page:  # type: ignore[attr-defined]
        collect(item)
    found.sort(key=lambda ln: (-round(ln.top), ln.x0))
    merged: list[_Line] = []
    for line in found:
        last = merged[-1] if merged else None
        if last is not None and abs(last.top - line.top) < _SAME_LINE and line.x0 >= last.x1 - 1:
            last.text += line.text
            last.x1 = line.x1
        else:
            merged.append(line)
    return merged


def _fold(text: str) -> str:
    text = "".join(ideograph_folds().get(ch, ch) for ch in text)
    return _CJK_DIGIT_SPACE.sub("", text)


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Without page numbers and the lines repeated at the same edge of most pages."""
    def key(line: _Line) -> str:
        return _DIGITS.sub("#", re.sub(r"\s+", "", line.text))

    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for edge, lines in (("top", page[:_EDGE_LINES]), ("bottom", page[-_EDGE_LINES:])):
            counts.update({(edge, key(ln)) for ln in lines})
    threshold = max(2, _RUNNING_SHARE * len(pages))
    out: list[list[_Line]] = []
    for page in pages:
        edge_of = {id(ln): "top" for ln in page[:_EDGE_LINES]} | {id(ln): "bottom" for ln in page[-_EDGE_LINES:]}
        kept = []
        for ln in page:
            edge = edge_of.get(id(ln))
            if edge and (_PAGE_NUMBER.fullmatch(ln.text) or (len(pages) > 1 and counts[(edge, key(ln))] >= threshold)):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Join each line to the previous one when that one is full and this one neither indented nor an item."""
    size = median(ln.size for ln in lines) or 10.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = max(Counter(round(ln.x1) for ln in lines).most_common(3))[0]
    out: list[str] = []
    prev: _Line | None = None
    for line in lines:
        full = prev is not None and prev.x1 >= right - _MARGIN_CHARS * size
        indented = line.x0 >= left + _INDENT_CHARS * size
        # a title set in large type over several lines (国务院办公厅关于印发 / “十四五”…规划的通知) is one line
        title = prev is not None and prev.size >= _TITLE_SIZE * size and abs(prev.size - line.size) < 0.5
        if out and (title or full and not indented and not ITEM_START.match(line.text)):
            out[-1] += (" " if out[-1][-1].isascii() and line.text[0].isascii() else "") + line.text
        else:
            out.append(line.text)
        prev = line
    return out

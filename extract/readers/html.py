"""Portal HTML pages (www.gov.cn, provincial 人民政府 portals): the article and its tables, as lines.

A government page wraps the document in navigation, breadcrumbs, share bars, related links and a footer
(网站标识码, ICP), and often lays the article out inside a table cell.  A generic extractor (trafilatura)
then prints the whole article as one "| … |" table row, so numbered items and their duty notes run together.
Here the article is the element whose paragraphs hold the most text that is not link text; it is written
out one block per line, task tables in the duty-note form of extract/readers/tables.py.  The page's metadata
block (html_page.py) gives the issuer, date and title; trafilatura still reads the <meta> publication date
and title of the <head>.  A page without such an article element (a short notice) is read as the body's blocks.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.extract.readers.files import RawDocument
from policykg.extract.readers.html_page import (
    head_only,
    page_metadata,
    page_source,
    page_title,
    parse,
    pruned,
    strip_site_name,
)
from policykg.extract.readers.tables import Grid, join_cell_paragraphs, looks_like_task_table, table_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement

LOG = logging.getLogger("policykg")
MIN_ARTICLE_CHARS = 40  # below this the best paragraph container is no article (a list page, a form)
MIN_SIBLING_BLOCK_CHARS = 200  # paragraphs beside the article element that make its parent the article
MAX_LINK_SHARE = 0.5  # a paragraph mostly made of links is navigation
_ISSUER_SPLIT = re.compile(r"\s*[、,，;；]\s*|\s+")  # 中共中央办公厅 国务院办公厅: unit names hold no spaces
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                     "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "address", "td", "th"))
_SPACES = re.compile(r"\s+")
_PARAGRAPHS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "blockquote", "pre"))


def read(path: Path) -> list[RawDocument]:
    """The page's one document: its article as lines, with the issuer, date and title its metadata block states."""
    html = page_source(path)
    if not html.strip():
        raise InputError(path, "empty")
    root = parse(html)
    if root is None:
        raise InputError(path, "not an HTML document")
    import trafilatura

    meta = page_metadata(root)
    found = trafilatura.extract_metadata(head_only(root))  # <meta> publication date and title
    title = strip_site_name(found.title.strip() if found is not None and found.title else None) \
        or page_title(root)
    page_date = found.date if found is not None and found.date else None
    container = article(pruned(root))
    text = _blocks_text(container, path) if container is not None else ""
    if not text.strip():
        text = _fallback_text(html, path)
    if meta.get("title"):
        text = join_title_lines(text, meta["title"])
    return [RawDocument(source=str(path), text=text, title=meta.get("title") or title,
                        date=meta.get("date") or meta.get("published") or page_date,
                        issuers=_ISSUER_SPLIT.split(meta["issuer"].strip()) if meta.get("issuer") else [])]


def join_title_lines(text: str, title: str, search: int = 5, most: int = 4) -> str:
    """The document title on one line when the page breaks it over several paragraphs (国务院办公厅关于推广第二批
    / 支持创新相关改革举措的通知): left broken, its second half reads as a sentence of its own."""
    lines = text.split("\n")
    want = _SPACES.sub("", title)
    for start in range(min(search, len(lines))):
        for k in range(2, most + 1):
            if _SPACES.sub("", "".join(lines[start:start + k])) == want:
                return "\n".join([*lines[:start], "".join(lines[start:start + k]), *lines[start + k:]])
    return text


# ---------------------------------------------------------------- the article


def article(root: HtmlElement) -> HtmlElement | None:
    """The element whose own paragraphs (and loose text) carry the most non-link text, widened to its parent
    while the parent holds a real paragraph block of its own (a body whose appendix table sits in a div)."""
    stats = _Stats(root)
    best, best_score = None, 0
    for el in root.iter():
        if isinstance(el.tag, str) and (score := stats.own_score(el)) > best_score:
            best, best_score = el, score
    if best is None or best_score < MIN_ARTICLE_CHARS:
        return None
    while (parent := best.getparent()) is not None and stats.own_score(parent) >= MIN_SIBLING_BLOCK_CHARS:
        best = parent
    return best


class _Stats:
    """Text, link text, block and table content of every subtree, gathered in one bottom-up pass so that
    scoring stays linear on pages nested thousands of levels deep."""

    def __init__(self, root: HtmlElement) -> None:
        from lxml import etree

        self.text: dict[HtmlElement, int] = {}
        self.links: dict[HtmlElement, int] = {}
        self.blocks: set[HtmlElement] = set()  # elements with a block element inside
        self.tables: set[HtmlElement] = set()  # elements with a table inside
        for _, el in etree.iterwalk(root, events=("end",)):
            text = len((el.text or "").strip()) if isinstance(el.tag, str) else 0
            links = 0
            for child in el:
                text += self.text.get(child, 0) + len((child.tail or "").strip())
                links += self.links.get(child, 0)
                if isinstance(child.tag, str):
                    if child.tag in _BLOCKS or child in self.blocks:
                        self.blocks.add(el)
                    if child.tag == "table" or child in self.tables:
                        self.tables.add(el)
            self.text[el] = text
            self.links[el] = text if el.tag == "a" else links

    def own_score(self, el: HtmlElement) -> int:
        return len((el.text or "").strip()) + sum(self._paragraph_chars(child) for child in el)

    def _paragraph_chars(self, el: HtmlElement) -> int:
        """Text an element adds to its parent's article score: a paragraph's (or a div without blocks inside)
        non-link text, a data table's text (rows of several cells and no table inside: a layout table is a
        frame, not content), and the text after it."""
        tail = len((el.tail or "").strip())
        if el.tag == "table" and el not in self.tables and _is_data_table(el):
            return tail + self.text[el]
        if not isinstance(el.tag, str) or not (el.tag in _PARAGRAPHS or el.tag == "div" and el not in self.blocks):
            return tail
        text = self.text[el]
        return tail + (text if self.links[el] <= MAX_LINK_SHARE * text else 0)


def _is_data_table(table_el: HtmlElement) -> bool:
    return sum(1 for tr in table_el.iter("tr") if len(tr.xpath("./td|./th")) >= 2) >= 2


def _blocks_text(container: HtmlElement, path: Path) -> str:
    """The container's text, one block element per line; tables without nested tables as table lines."""
    from lxml import etree

    out: list[str] = []
    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag == "table" and el.find(".//table") is None:
                out.append("\n" + "\n".join(_table_lines(el, path)) + "\n")
                walker.skip_subtree()
            elif tag is not None:
                out.append("\n" if tag == "br" or tag in _BLOCKS else "")
                out.append(el.text or "")
            continue
        if tag in _BLOCKS:
            out.append("\n")
        if el is not container:
            out.append(el.tail or "")
    return "\n".join(line.strip() for line in "".join(out).split("\n") if line.strip())


def _table_lines(table_el: HtmlElement, path: Path) -> list[str]:
    grid = html_grid(table_el)
    lines, as_tasks = table_lines(grid)
    if not as_tasks and looks_like_task_table(grid):
        LOG.warning("policykg: %s: warning: a table with duty columns of unknown layout was read as row text", path)
    return lines


def html_grid(table_el: HtmlElement) -> Grid:
    """Cell texts row by row, a rowspan/colspan cell's text at every position it covers."""
    rows: Grid = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered below, text)
    for tr in table_el.iter("tr"):
        row: list[str] = []
        cells = iter(tr.xpath("./td|./th"))
        col = 0
        while True:
            if col in pending:
                left, text = pending[col]
                row.append(text)
                pending[col] = (left - 1, text)
                if left <= 1:
                    del pending[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                if not any(c > col for c in pending):
                    break
                row.append("")
                col += 1
                continue
            text = cell_text(cell)
            down, across = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for k in range(across):
                row.append(text)
                if down > 1:
                    pending[col + k] = (down - 1, text)
            col += across
        rows.append(row)
    return rows


def cell_text(cell: HtmlElement) -> str:
    """A cell's paragraphs on one line (tables.py join_cell_paragraphs)."""
    parts: list[str] = []
    current = [cell.text or ""]
    for el in cell.iter():
        if el is cell:
            continue
        if isinstance(el.tag, str) and (el.tag == "br" or el.tag in _BLOCKS):
            parts.append("".join(current))
            current = []
        current.append((el.text or "") if isinstance(el.tag, str) and el.tag != "br" else "")
        current.append(el.tail or "")
    parts.append("".join(current))
    return join_cell_paragraphs([_SPACES.sub(" ", p).strip() for p in parts])


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1


def _fallback_text(html: str, path: Path) -> str:
    """The body's text, one block per line, for a page without a paragraph container (a short notice)."""
    root = parse(html)
    if root is None:
        return ""
    root = pruned(root)
    body = root.find("body") if root.find("body") is not None else root
    return _blocks_text(body, path)

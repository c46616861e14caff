"""Portal HTML pages (www.gov.cn, provincial 人民政府 portals): the article, its tables, and its metadata block.

A government page wraps the document in navigation, breadcrumbs, share bars, related links and a footer
(网站标识码, ICP), and often lays the article out inside a table cell.  A generic extractor (trafilatura)
then prints the whole article as one "| … |" table row, so numbered items and their duty notes run together.
Here the article is the element whose paragraphs hold the most text that is not link text; it is written
out one block per line, task tables in the duty-note form of extract/tables.py.  The 索引号 / 发布机构 /
成文日期 block gives the issuer, date and title (extract/data/page_metadata.tsv); trafilatura still reads
the <meta> publication date and title of the <head>.  A page without such an article element (a short
notice) is read as the body's blocks.
"""

from __future__ import annotations

import codecs
import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.extract.lexicon import table
from policykg.extract.read import RawDocument, decode_text
from policykg.extract.tables import Grid, join_cell_paragraphs, looks_like_task_table, table_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement

LOG = logging.getLogger("policykg")
MIN_ARTICLE_CHARS = 40  # below this the best paragraph container is no article (a list page, a form)
MIN_SIBLING_BLOCK_CHARS = 200  # paragraphs beside the article element that make its parent the article
MAX_LINK_SHARE = 0.5  # a paragraph mostly made of links is navigation
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# </body> or </html> in the middle of a page (an included header fragment closes them) makes libxml2 hang the
# rest of the page outside the tree it iterates; both close by themselves at the end of the input.
_CLOSING_ROOT = re.compile(r"</\s*(?:body|html)\s*>", re.I)
# libxml2 keeps at most 2048 levels of nesting (256 without huge_tree) and drops what lies deeper, so a page
# nested deeper than MAX_DEPTH is flattened first: its container tags become line breaks or nothing.
MAX_DEPTH = 1000
_CONTAINER_TAG = re.compile(r"<(/?)(div|span|section|article|font|center|blockquote|strong|em|b|i|u)\b[^>]*>", re.I)
_BLOCK_CONTAINERS = frozenset(("div", "section", "article", "center", "blockquote"))
_DATE = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
_SPACES = re.compile(r"\s+")
_ISSUER_SPLIT = re.compile(r"\s*[、,，;；]\s*|\s+")  # 中共中央办公厅 国务院办公厅: unit names hold no spaces
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜| - | – | — )\s*")
_DROP = ("script", "style", "noscript", "iframe", "object", "svg", "template")
# Page furniture, dropped unless it holds most of the page: a self-closed <button/> or an unclosed <header>
# swallows the rest of the page in the parsed tree, article included.
_FURNITURE = ("nav", "header", "footer", "select", "button", "aside")
_MAX_FURNITURE_SHARE = 0.5
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                     "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "address", "td", "th"))
_PARAGRAPHS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "blockquote", "pre"))
_WIDE_CODECS = ("utf-16", "utf-32")  # a page that says so over 8-bit bytes was saved as UTF-8 (WHATWG)


def read_html(path: Path) -> RawDocument:
    """The article of a page as lines, with the issuer, date and title its metadata block states."""
    html = _flattened(_CLOSING_ROOT.sub("", _XML_DECLARATION.sub("", decode_page(path.read_bytes(), path))))
    if not html.strip():
        raise InputError(path, "empty")
    root = parse(html)
    if root is None:
        raise InputError(path, "not an HTML document")
    import trafilatura

    meta = page_metadata(root)
    found = trafilatura.extract_metadata(_head_only(root))  # <meta> publication date and title
    page_title = strip_site_name(found.title.strip() if found is not None and found.title else None) \
        or _page_title(root)
    page_date = found.date if found is not None and found.date else None
    container = article(_pruned(root))
    text = _blocks_text(container, path) if container is not None else ""
    if not text.strip():
        text = _fallback_text(html, path)
    if meta.get("title"):
        text = join_title_lines(text, meta["title"])
    return RawDocument(source=str(path), text=text, title=meta.get("title") or page_title,
                       date=meta.get("date") or meta.get("published") or page_date,
                       issuers=_ISSUER_SPLIT.split(meta["issuer"].strip()) if meta.get("issuer") else [])


def _flattened(html: str) -> str:
    """The page with its container tags turned into line breaks when they nest deeper than MAX_DEPTH."""
    depth = 0
    for m in _CONTAINER_TAG.finditer(html):
        depth += -1 if m.group(1) else 1
        if depth > MAX_DEPTH:
            return _CONTAINER_TAG.sub(lambda t: "<br>" if t.group(2).lower() in _BLOCK_CONTAINERS else "", html)
    return html


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


def _head_only(root: HtmlElement) -> HtmlElement:
    """A page of the <head> alone: what trafilatura's metadata reads, without its cost on a huge body."""
    import lxml.html

    head = root.find("head")
    html = lxml.html.tostring(head, encoding="unicode") if head is not None else ""
    return lxml.html.document_fromstring(f"<html>{html}<body><p></p></body></html>")


def _pruned(root: HtmlElement) -> HtmlElement:
    """The tree without scripts, styles, navigation, form controls and hidden elements."""
    for bad in list(root.iter(*_DROP)):
        if bad.getparent() is not None:
            bad.drop_tree()
    total = len(root.text_content())
    hidden = root.xpath("//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]")
    for bad in list(root.iter(*_FURNITURE)) + hidden:
        if bad.getparent() is not None and len(bad.text_content()) <= _MAX_FURNITURE_SHARE * total:
            bad.drop_tree()
    return root


def decode_page(data: bytes, path: Path) -> str:
    """Decode with the declared charset unless the bytes contradict it.

    Strict UTF-8 that decodes is UTF-8 whatever the page claims (GBK or UTF-16 bytes almost never form
    valid UTF-8), and a UTF-16/32 declaration over bytes without a BOM is read as UTF-8, as browsers do.
    """
    match = _META_CHARSET.search(data[:8192])
    declared = match.group(1).decode("ascii") if match else None
    if declared:
        try:
            wide = codecs.lookup(declared).name.startswith(_WIDE_CODECS)
        except LookupError:
            wide = False
        if wide or _is_utf8(data):
            declared = None
    return decode_text(data, path, declared=declared)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse(html: str) -> HtmlElement | None:
    """The page tree; huge_tree lifts libxml2's nesting limit (256), past which a page came out empty."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (ValueError, etree.ParserError):
        return None


# ---------------------------------------------------------------- metadata block


@cache
def _metadata_labels() -> dict[str, str]:
    return table("page_metadata.tsv")


def page_metadata(root: HtmlElement) -> dict[str, str]:
    """Fields of the portal's metadata block: a label cell (发文机关：) and the value in the next cell, or both
    in one element (发布机构：国务院办公厅).  Dates come out as ISO strings."""
    found: dict[str, str] = {}
    for el in root.iter("td", "th", "li", "span", "p", "div", "b", "strong", "dt", "dd"):
        text = _SPACES.sub("", el.text_content())
        if not text or len(text) > 120:
            continue
        label, sep, value = text.replace(":", "：").partition("：")
        field = _metadata_labels().get(label)
        if field is None or field in found:
            continue
        if not value and sep:
            nxt = el.getnext()
            value = _SPACES.sub(" ", nxt.text_content()).strip() if nxt is not None else ""
        elif value and len(el):  # value beside the label in one element: keep the spaces of the value
            value = _SPACES.sub(" ", el.text_content()).split("：", 1)[-1].split(":", 1)[-1].strip()
        if field in ("date", "published"):
            m = _DATE.search(value)
            value = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else ""
        if value:
            found[field] = value
    return found


def strip_site_name(title: str | None) -> str | None:
    """关于印发…的通知_政策文件_上海市人民政府 → 关于印发…的通知: page titles append column and site names."""
    if not title:
        return None
    head = _TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip()
    return head if len(head) >= 4 else title


def _page_title(root: HtmlElement) -> str | None:
    found = root.find(".//title")
    text = " ".join((found.text_content() if found is not None else "").split())
    return strip_site_name(text or None)


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
    """A cell's paragraphs on one line (extract/tables.py join_cell_paragraphs)."""
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
    root = _pruned(root)
    body = root.find("body") if root.find("body") is not None else root
    return _blocks_text(body, path)

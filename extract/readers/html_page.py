"""An HTML page as a tree: its bytes decoded, the markup libxml2 mishandles repaired, furniture pruned, and the
metadata block a government portal prints above the article read.

Portal pages declare charsets they do not use, close </body> inside an included header fragment (libxml2 then
hangs the rest of the page outside the tree) and nest thousands of levels deep (libxml2 drops what lies
deeper), so the source is repaired before it is parsed.  The 索引号 / 发布机构 / 成文日期 block gives the
issuer, date and title (extract/data/page_metadata.tsv).  extract/readers/html.py then finds the article.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.extract.lexicon import table
from policykg.extract.readers.encoding import decode_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

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
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜| - | – | — )\s*")
_DROP = ("script", "style", "noscript", "iframe", "object", "svg", "template")
# Page furniture, dropped unless it holds most of the page: a self-closed <button/> or an unclosed <header>
# swallows the rest of the page in the parsed tree, article included.
_FURNITURE = ("nav", "header", "footer", "select", "button", "aside")
_MAX_FURNITURE_SHARE = 0.5
_WIDE_CODECS = ("utf-16", "utf-32")  # a page that says so over 8-bit bytes was saved as UTF-8 (WHATWG)


def page_source(path: Path) -> str:
    """The page's decoded source without an XML declaration or a mid-page </body>, flattened if too deep."""
    return _flattened(_CLOSING_ROOT.sub("", _XML_DECLARATION.sub("", decode_page(path.read_bytes(), path))))


def _flattened(html: str) -> str:
    """The page with its container tags turned into line breaks when they nest deeper than MAX_DEPTH."""
    depth = 0
    for m in _CONTAINER_TAG.finditer(html):
        depth += -1 if m.group(1) else 1
        if depth > MAX_DEPTH:
            return _CONTAINER_TAG.sub(lambda t: "<br>" if t.group(2).lower() in _BLOCK_CONTAINERS else "", html)
    return html



def head_only(root: HtmlElement) -> HtmlElement:
    """A page of the <head> alone: what trafilatura's metadata reads, without its cost on a huge body."""
    import lxml.html

    head = root.find("head")
    html = lxml.html.tostring(head, encoding="unicode") if head is not None else ""
    return lxml.html.document_fromstring(f"<html>{html}<body><p></p></body></html>")


def pruned(root: HtmlElement) -> HtmlElement:
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


def page_title(root: HtmlElement) -> str | None:
    found = root.find(".//title")
    text = " ".join((found.text_content() if found is not None else "").split())
    return strip_site_name(text or None)


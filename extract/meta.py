"""Document facts stated in the text: its title, its date and who issued the policy.

A news page reports a policy ("近期，上海市委办公厅、市政府办公厅正式印发《关于…的实施意见》"); a circular
names itself ("浙江省人民政府办公厅关于印发《…》的通知").  In both the issuers are the units before 印发/发布,
and they are returned as written so the caller can canonicalise and record them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.extract.lexicon import patterns, table
from policykg.extract.readers.html_page import strip_site_name
from policykg.extract.unit_lists import split_units

MAX_TITLE_CHARS = 100
# \d\d{3}, not \d{4}: a pattern opening with a repeat gets no prefix scan from re, one opening with a class
# does (a text is searched to its end when it states no full date)
_DATE = re.compile(r"(\d\d{3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a page's date line: label, date, perhaps a time, and nothing else up to the line's end; the pattern opens
# with the label's characters, so re finds it by its prefix scan (page_date checks what stands before it)
_PAGE_DATE = re.compile(r"(?:时间|日期)[ \t\u3000]*[:：][ \t\u3000]*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
                        r"(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$", re.M)
_PAGE_DATE_LABEL_HEADS = ("", "发布", "发表", "更新")
_WORD = re.compile(r"[^\W_]")  # a letter, digit or ideograph: markup such as --> has none
# 印发《…》 is found first and the issuers are read backwards from it up to the previous punctuation: a
# lazy pattern spanning both would be tried at every character of a long text.  The pattern opens with its
# verb, so re finds it by its prefix scan; an adverb before the verb (正式印发) is left to _WHO_SUFFIX.
_ISSUED = re.compile(r"(?:印发|发布|出台|颁布)了?《(?P<title>[^》]{2,80})》")
_WHO_BOUNDARY = re.compile(r"[,，。;；:：《》()（）\n]")
MAX_WHO_CHARS = 80
# A circular's own title: 浙江省人民政府办公厅关于印发浙江省数字经济发展重点任务分工方案的通知
_CIRCULAR = re.compile(r"^(?P<who>[^,，。;；:：《》()（）\n]{4,60}?)关于印发(?P<title>[^\n]{2,80}?)的通知$", re.M)
_WHO_PREFIX = re.compile(r"^(?:近期|近日|日前|目前|最近|今年\d{0,2}月?|\d{4}年\d{1,2}月\d{1,2}日|由)")
_WHO_SUFFIX = re.compile(r"(?:关于|正式|联合|近日|日前|已经|已)+$")


_HEADER_LINE = re.compile(r"^[ \t]*([^:：\n]{2,6})[:：][ \t]*(.*?)[ \t]*$")
MAX_FRONT_LINES = 20  # the addressee line stands near the top


@dataclass
class Header:
    """The labelled metadata lines at the top of a text (标题：…, 发文机关：…) and the end of the front matter:
    those lines, and the title, number and addressee lines down to the addressee line when there is one."""

    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    end: int = 0  # offset in the text where the body starts


def _header_fields() -> dict[str, str]:
    return table("header_fields.tsv")


def header(text: str) -> Header:
    """Metadata lines, then the front matter down to an addressee line among the first lines."""
    out = Header()
    fields = _header_fields()
    pos = 0
    for line in text.split("\n"):
        if not line.strip():
            pos += len(line) + 1
            continue
        m = _HEADER_LINE.match(line)
        if not m or m[1] not in fields:
            break
        if fields[m[1]] == "title" and m[2]:
            out.title = m[2]
        elif fields[m[1]] == "issuer" and m[2]:
            out.issuers.extend(split_units(m[2]))
        pos += len(line) + 1
        out.end = pos
    addressee = patterns("addressee_patterns.txt")
    offset = out.end
    for n, line in enumerate(text[out.end:].split("\n")):
        if n >= MAX_FRONT_LINES or "。" in line:
            break
        offset += len(line) + 1
        if addressee.fullmatch(line.strip()):
            out.end = min(offset, len(text))
            break
    return out


def title_of(text: str, given: str | None) -> str | None:
    """The container's title (HTML <title>, DOCX or PDF title property, jsonl "title"), else the first line
    with a word in it.  A page saved as text opens with the page's title, after markup left over (-->) and
    with the site's name appended (…的决议__2007年第23号国务院公报_中国政府网): both go, as from an HTML page."""
    if given and given.strip():
        return given.strip()
    for line in text.split("\n"):
        if _WORD.search(line):
            return strip_site_name(line.strip()[:MAX_TITLE_CHARS])
    return None


def page_date(raw_text: str) -> str | None:
    """ISO date of a page's own date line (时间:2019-09-18 06:23, 发布日期:2019年9月18日), which cleaning drops
    as page furniture: a portal page saved as text is dated by it, as the same page read as HTML is by its
    metadata."""
    for m in _PAGE_DATE.finditer(raw_text):
        line_start = raw_text.rfind("\n", 0, m.start()) + 1
        if raw_text[line_start:m.start()].strip() in _PAGE_DATE_LABEL_HEADS and _iso(m):
            return _iso(m)
    return None


def _iso(m: re.Match[str] | None) -> str | None:
    """The ISO date of a match of year, month, day groups; None when the month is no month."""
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m and 1 <= int(m[2]) <= 12 else None


def date_of(text: str, given: str | None) -> str | None:
    """ISO date: the first full date in the text (2018年11月27日 → 2018-11-27), unless the container's date
    (a year from a corpus record) contradicts it."""
    m = _DATE.search(text)
    stated = _iso(m)
    if given and (stated is None or not stated.startswith(given)):
        return given
    return stated


def issuer_names(text: str) -> list[str]:
    """Units issuing the policy: the sender of a 关于印发…的通知, or those named before the first 印发/发布《…》
    and before every later one issuing the same title."""
    found: list[str] = []
    first_title: str | None = None
    circular = _CIRCULAR.search(text)
    if circular:
        found.extend(split_units(circular["who"]))
        first_title = circular["title"].strip("《》")
    for m in _ISSUED.finditer(text):
        if first_title is None:
            first_title = m["title"]
        elif m["title"] != first_title:
            continue
        window = text[max(0, m.start() - MAX_WHO_CHARS):m.start()]
        who = _WHO_BOUNDARY.split(window)[-1].strip()
        who = _WHO_SUFFIX.sub("", _WHO_PREFIX.sub("", who))
        for unit in split_units(who):
            if unit not in found:
                found.append(unit)
    return found

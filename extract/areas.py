"""Reform areas: the headings and lead phrases under which measures are grouped.

Three kinds of text open an area:

* numbered headings — 一、 （一） 1. （1） — whose numbering style gives the level;
* lead sentences of a news report or opinion: a paragraph that is only 《实施意见》要求健全完善司法行政执行体制。,
  or a sentence "X，主要是…" (X is the area, what follows are its measures) — top-level areas;
* aspect phrases — 在深化监狱体制和机制改革方面， / 健全完善社区矫正制度方面， — which open an area under the
  current one for the rest of their paragraph.

The outline asks two questions of this module, each answered by one classifier it switches on: what kind
of line is this (``line_kind``: numbered, lead sentence, "X，主要是…", prose), and what does a heading open
(``heading_kind``: an area, a review of past work, a section without tasks, nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from policykg.extract.lexicon import patterns, words
from policykg.extract.measures import TRAILING, framing_length, is_measure

# Levels: numbering styles in their usual nesting order; lead sentences are top level; an aspect phrase
# sits below whatever heading encloses it.
TOP = 1
ASPECT = 9
MAX_AREA_CHARS = 60

_NUMBERING = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十]{1,3})[、.．]"
    r"|[(（](?P<l2>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<l3>\d{1,4})[.．、](?!\d)"
    r"|[(（](?P<l4>\d{1,4})[)）])\s*"
)
_HEAD_END = re.compile(r"[。;；:：!?！？]|\s{2,}|\s(?=\S{2,})")
_LEAD_SENTENCE = re.compile(r"^《[^》]{1,60}》(?:要求|提出)[,，]?(?P<rest>[^,，;；。]{4,60})。?$")
_MAINLY = re.compile(r"^(?P<head>(?:《[^》]{1,60}》(?:要求|提出)[,，]\s*)?[^。;；,，]{4,80})[,，]\s*主要是[,，:：]?")
_ASPECT = re.compile(
    r"^(?:《[^》]{1,60}》)?在?(?P<name>[^,，;；。《》]{3,40}?)方面(?:[,，]|(?:提出|要求|明确)[,，:：]?)"
)


def numbering(line: str) -> tuple[int, int] | None:
    """(level, offset of the content) of a numbered line, or None."""
    m = _NUMBERING.match(line)
    if not m:
        return None
    level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4"), start=1) if m.group(g))
    return level, m.end()


def heading_end(line: str, start: int) -> int:
    """End of a numbered heading's title: the first sentence mark after ``start``, or the line end."""
    m = _HEAD_END.search(line, start)
    return m.start() if m else len(line)


def lead_sentence(line: str) -> tuple[int, int] | None:
    """Span of the area a one-sentence lead paragraph opens (《实施意见》要求健全完善司法行政执行体制。)."""
    m = _LEAD_SENTENCE.match(line)
    if not m:
        return None
    start = m.start("rest")
    end = len(line.rstrip(TRAILING))
    return (start, end) if is_measure(line[start:end]) else None


def mainly(line: str) -> tuple[int, int, int] | None:
    """(area start, area end, offset of what follows) for "X，主要是…"; the framing of X is left out."""
    m = _MAINLY.match(line)
    if not m:
        return None
    start = framing_length(line[: m.end("head")])
    return start, m.end("head"), m.end()


@cache
def _not_aspect_starts() -> tuple[str, ...]:
    """Words no aspect name starts with (一方面, 各方面: not_aspect_starts.txt), as str.startswith takes them."""
    return tuple(words("not_aspect_starts.txt"))


def aspect(line: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(name start, name end, offset after the phrase), from ``start``, of an aspect phrase opening the clause
    line[start:end]."""
    if line.find("方面", start, end) < 0:  # the common case, one scan in C and no copy: the phrase needs 方面
        return None
    m = _ASPECT.match(line[start:end])
    if not m or m.group("name").startswith(_not_aspect_starts()) or not is_area_name(m.group("name")):
        return None
    return m.start("name"), m.end("name"), m.end()


def is_review(name: str) -> bool:
    """Whether an area is a review of past work (2018年工作回顾), whose clauses are achievements, not measures."""
    return patterns("review_headings.txt").search(name) is not None


def is_area_name(name: str) -> bool:
    """Whether a heading or aspect phrase can name an area: no sentence fragment (area_fragments.txt), and
    not cut at the length limit."""
    return 0 < len(name) < MAX_AREA_CHARS and patterns("area_fragments.txt").search(name) is None


def states_no_tasks(name: str) -> bool:
    """Whether a heading opens a section without tasks (指导思想, 总体要求 …: no_task_sections.txt)."""
    return patterns("no_task_sections.txt").search(name) is not None


def clean_name(name: str) -> str:
    """The heading without blanks, trailing punctuation and counts (知识产权保护方面（共5项）: area_noise.txt)."""
    name = name.strip().strip(TRAILING)
    return patterns("area_noise.txt").sub("", name).strip().strip(TRAILING)


class LineKind(Enum):
    NUMBERED = "numbered"  # 一、 （一） 1. （1）: a heading, or an item holding measures
    LEAD = "lead"  # 《实施意见》要求健全完善司法行政执行体制。: a top-level area alone on its line
    MAINLY = "mainly"  # X，主要是…: the area X, then its measures
    PROSE = "prose"  # anything else: clauses that may be measures


@dataclass(frozen=True)
class Line:
    """What kind of line it is and where its parts stand: for NUMBERED the level, the content start and the
    title's end; for LEAD and MAINLY the area's span (and for MAINLY where its measures start, ``rest``)."""

    kind: LineKind
    level: int = TOP
    start: int = 0
    end: int = 0
    rest: int = 0


def line_kind(line: str) -> Line:
    """The kind of a line of a cleaned text.

    >>> line_kind("（二）加强组织领导。各地要…")
    Line(kind=<LineKind.NUMBERED: 'numbered'>, level=2, start=3, end=9, rest=10)
    >>> line_kind("《实施意见》要求健全完善司法行政执行体制。").kind
    <LineKind.LEAD: 'lead'>
    >>> line_kind("深化司法体制改革，主要是：完善司法责任制").kind
    <LineKind.MAINLY: 'mainly'>
    >>> line_kind("各地要抓好落实。").kind
    <LineKind.PROSE: 'prose'>
    """
    numbered = numbering(line)
    if numbered:
        level, start = numbered
        end = heading_end(line, start)
        return Line(LineKind.NUMBERED, level, start, end, end + 1)
    lead = lead_sentence(line)
    if lead:
        return Line(LineKind.LEAD, TOP, *lead)
    found = mainly(line)
    if found:
        return Line(LineKind.MAINLY, TOP, *found)
    return Line(LineKind.PROSE)


class HeadingKind(Enum):
    AREA = "area"  # a reform area: its measures are grouped under it
    REVIEW = "review"  # a review of past work or a situation chapter: achievements, not measures
    NO_TASKS = "no tasks"  # 指导思想, 总体要求: a section without tasks, no areas and no measures below
    NONE = "none"  # a sentence fragment or an overlong heading: no area, though it closes its level


def heading_kind(name: str) -> HeadingKind:
    """What a cleaned heading or aspect name opens.

    >>> [heading_kind(n).name for n in ("加强组织领导", "2018年工作回顾", "总体要求", "")]
    ['AREA', 'REVIEW', 'NO_TASKS', 'NONE']
    """
    if not is_area_name(name):
        return HeadingKind.NONE
    if states_no_tasks(name):
        return HeadingKind.NO_TASKS
    return HeadingKind.REVIEW if is_review(name) else HeadingKind.AREA

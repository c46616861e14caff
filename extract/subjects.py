"""Units as the grammatical subject of a measure: who acts, named before what is done.

Work plans and news reports often open a task with its responsible units instead of a bracketed note:

    省市场监管局将牵头建立……机制                    lead 省市场监管局
    由省政务服务数据管理局牵头，会同省发展改革委编制……  lead 省政务服务数据管理局, support 省发展改革委
    省财政厅、省税务局要落实……                      lead both
    省司法厅牵头，省公安厅配合，开展……试点             lead 省司法厅, support 省公安厅

The measure starts at the policy verb; the subject units lead, units after 会同/联合/协同 or before 配合
support; in 省财政厅要配合省发展改革委制定… the unit helped leads and the subject supports.  The subject
needs a modal (将, 要 …) or a duty word (牵头, 负责, 配合): "上海市司法局研究起草了…" tells
what a unit did and is no measure.  Recognition is one anchored regex over the clause — unit names end in
an institution suffix (org_suffixes.tsv) or are listed short names (abbreviations.tsv) — and then every
name must pass the scanner's precision rules (``names_unit``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.duties import split_units
from extract.institutions import MAX_NAME_CHARS, names_unit
from extract.lexicon import alternation, table
from extract.measures import MODAL, verb_start_source

# Cheap pre-test: a clause without any of these words has no unit subject.
_MARKERS = re.compile(r"将|要|应|须|牵头|负责|配合")
_MARKER_WINDOW = 120
_CONJUNCTION = re.compile(r"和|及")


@dataclass
class Subject:
    """The subject part at the start of a clause: its length and the (unit as written, role) pairs."""

    length: int
    duties: list[tuple[str, str]] = field(default_factory=list)


@cache
def _subject_pattern() -> re.Pattern[str]:
    suffixes = alternation(list(table("org_suffixes.tsv")))
    listed = alternation(list(table("abbreviations.tsv")))
    # A unit: a listed short name, or Han characters (区(市)县 allowed) ending in an institution suffix.
    unit = rf"(?:{listed}|(?:[\u4e00-\u9fff]|\([\u4e00-\u9fff]{{1,3}}\)){{0,{MAX_NAME_CHARS}}}?(?:{suffixes}))"
    units = rf"{unit}(?:(?:、|以及|和|及){unit})*"
    duty = r"牵头负责|牵头|负责"
    when = r"(?:(?:于|在)?\d{4}年[^,，;；。]{0,8}?(?:前|内|起)[,，]?)?"  # 将于2024年底前
    return re.compile(
        rf"^(?:由(?P<by>{units})(?:{duty})"
        rf"|(?P<who>{units})(?:{MODAL}(?:{duty})?|{duty}|(?:{MODAL})?配合(?P<aided>{units})))"
        rf"{when}[,，]?\s*"
        rf"(?:(?:会同|联合|协同)(?P<with>{units})(?:[,，]\s*)?(?:共同|联合)?|(?P<helpers>{units})配合[,，]\s*)?"
        rf"(?={verb_start_source()})"
    )


def subject(clause: str) -> Subject | None:
    """The unit subject opening ``clause`` (framing already removed), or None."""
    if not _MARKERS.search(clause, 0, _MARKER_WINDOW):
        return None
    m = _subject_pattern().match(clause)
    if not m:
        return None
    duties: list[tuple[str, str]] = []
    # X配合Y…: X supports, Y leads
    who = "support" if m.group("aided") else "lead"
    for group, role in (("by", "lead"), ("aided", "lead"), ("who", who), ("with", "support"), ("helpers", "support")):
        if m.group(group):
            names = [n for written in split_units(m.group(group)) for n in _split_conjoined(written)]
            if not all(names_unit(n) for n in names):
                return None
            duties.extend((n, role) for n in names)
    return Subject(m.end(), duties)


def _split_conjoined(names: str) -> list[str]:
    """省财政厅和省教育厅 are two units, but 上海市绿化和市容管理局 is one: split at 和/及 only when every
    part names a unit."""
    parts = _CONJUNCTION.split(names)
    return parts if len(parts) > 1 and all(names_unit(p) for p in parts) else [names]

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
an institution suffix (org_suffixes.tsv) or are listed names (lexicon.unit_table) — and every name must
pass the scanner's precision rules (``names_unit``).  A subject may also be followed by 会同 alone
(生态环境部会同有关部门组织开展…: lead, placeholder dropped).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from policykg.extract.lexicon import table, unit_table
from policykg.extract.measures import MODAL, verb_start_source
from policykg.extract.mentions import names_unit
from policykg.extract.unit_kinds import suffix_last_chars
from policykg.extract.unit_lists import is_placeholder, split_units, strip_tail

# Cheap pre-test: a clause without any of these words has no unit subject.
_MARKERS = re.compile(r"将|要|应|须|牵头|负责|配合|会同")
_MARKER_WINDOW = 120
MAX_SUBJECT_CHARS = 150  # a list of units before the modal or duty word
MAX_PARTNER_CHARS = 80  # units after 会同 / 配合
_CONJUNCTION = re.compile(r"和|及")
# Where the subject's units end: a modal, a duty word or a partner word (联合会, 应急 are parts of names).
_SUBJECT_END = re.compile(rf"{MODAL}|牵头|负责|配合|会同|联合(?!会)|协同")
_MODAL = re.compile(MODAL)
_DUTY = re.compile(r"牵头负责|牵头|负责")
_WHEN = re.compile(r"(?:(?:于|在)?\d{4}年[^,，;；。]{0,8}?(?:前|内|起)[,，]?)?")
_COMMA = re.compile(r"[,，]?\s*")
_WITH = re.compile(r"会同|联合(?!会)|协同")
_JOINTLY = re.compile(r"(?:共同|联合)?")


@dataclass
class Subject:
    """The subject part at the start of a clause: its length and the (unit as written, role) pairs."""

    length: int
    duties: list[tuple[str, str]] = field(default_factory=list)


class Markers:
    """Where the words a unit subject needs (将, 要, 牵头 …: _MARKERS) start in one line, found in one scan.

    A clause with none in its first _MARKER_WINDOW characters has no subject (``subject`` tests the same
    window), so a line of many thousand clauses is scanned once, not once per clause window.  The marker
    words cannot overlap one another, so the scan finds every place a clause's own search would."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.starts = [m.start() for m in _MARKERS.finditer(line)]

    def near(self, start: int, end: int) -> bool:
        """Whether a marker starts in line[start:end] within the first _MARKER_WINDOW characters."""
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < min(end, start + _MARKER_WINDOW)


@cache
def _verb_start() -> re.Pattern[str]:
    return re.compile(verb_start_source())


def subject(clause: str) -> Subject | None:
    """The unit subject opening ``clause`` (framing already removed), or None.

    Read left to right with anchored matches only, never one regex over a whole unit list: a list of
    sixteen 人民法院 followed by no verb costs sixteen name checks, not an exponential search.
    """
    if not _MARKERS.search(clause, 0, _MARKER_WINDOW):
        return None
    by = clause.startswith("由")
    pos = 1 if by else 0
    end = _SUBJECT_END.search(clause, pos, pos + MAX_SUBJECT_CHARS)
    if end is None or not _may_end_unit(clause[pos:end.start()]):
        return None
    leads = _units(clause[pos:end.start()])
    if not leads:
        return None
    pos = end.start()
    modal = _MODAL.match(clause, pos)
    if modal and not by:
        pos = modal.end()
    duty = _DUTY.match(clause, pos)
    duties: list[tuple[str, str]] = []
    if duty:
        pos = duty.end()
    elif clause.startswith("配合", pos):  # 省财政厅要配合省发展改革委制定…: the unit helped leads
        found = _partners(clause, pos + 2)
        if found is None:
            return None
        aided, pos = found
        return Subject(pos, [(u, "lead") for u in aided] + [(u, "support") for u in leads])
    if by and not duty:
        return None
    pos = _WHEN.match(clause, pos).end()
    pos = _COMMA.match(clause, pos).end()
    partner = _WITH.match(clause, pos)
    if partner:
        found = _partners(clause, partner.end(), jointly=True)
        if found is None:
            return None
        supporters, pos = found
    else:
        if not (modal or duty):
            return None
        supporters, pos = _helpers(clause, pos)
    if not _verb_start().match(clause, pos):
        return None
    duties = [(u, "lead") for u in leads] + [(u, "support") for u in supporters]
    return Subject(pos, [(u, r) for u, r in duties if not is_placeholder(u)])


def _may_end_unit(text: str) -> bool:
    """Cheap test before the name checks: a unit list ends in an institution suffix's last character or is a
    listed name (most clauses with 要 or 将 have no unit subject)."""
    text = strip_tail(text)  # 省市场监管局、省发展改革委等部门
    return bool(text) and (text[-1] in suffix_last_chars() or text in unit_table() or _is_collective(text)
                           or text.endswith("政府"))


def _partners(clause: str, start: int, jointly: bool = False) -> tuple[list[str], int] | None:
    """Units from ``start`` up to where a measure opens (会同市民政局开展… → [市民政局], offset of 开展)."""
    limit = min(len(clause), start + MAX_PARTNER_CHARS)
    for j in range(start + 2, limit):
        k = _COMMA.match(clause, j).end()
        if jointly:
            k = _JOINTLY.match(clause, k).end()
        if _verb_start().match(clause, k):
            units = _units(clause[start:j].rstrip(",，"))
            if units:
                return units, k
    return None


def _helpers(clause: str, pos: int) -> tuple[list[str], int]:
    """省司法厅牵头，省公安厅配合，开展…: the units before 配合 support."""
    end = clause.find("配合", pos, pos + MAX_PARTNER_CHARS)
    if end < 0:
        return [], pos
    units = _units(clause[pos:end])
    if not units:
        return [], pos
    return units, _COMMA.match(clause, end + 2).end()


def _units(text: str) -> list[str] | None:
    """The unit names of a subject list, or None when a part names no unit (placeholders allowed)."""
    names = [n for written in split_units(text) for n in _split_conjoined(written)]
    if not names or not all(is_placeholder(n) or _is_collective(n) or names_unit(n) for n in names):
        return None
    return names


def _is_collective(name: str) -> bool:
    return name in table("collective_units.tsv")


def _split_conjoined(names: str) -> list[str]:
    """省财政厅和省教育厅 are two units, but 上海市绿化和市容管理局 is one: split at 和/及 only when every
    part names a unit."""
    parts = _CONJUNCTION.split(names)
    return parts if len(parts) > 1 and all(names_unit(p) for p in parts) else [names]

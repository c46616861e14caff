"""Responsibility notes: who leads, who supports, and by when.

Policy texts attach duties to a task in a handful of fixed forms:

    （牵头单位：省发展改革委；配合单位：省经信厅、省财政厅）     lead / support
    （省经信厅牵头，省发展改革委、省科技厅配合）                lead / support
    责任单位：省发展改革委、省经信厅                            all lead
    （省教育厅、省人力社保厅按职责分工负责）                    lead
    （省科技厅负责）                                            lead
    各地级以上市人民政府结合实际落实                            lead (a collective unit)
    完成时限：2019年底                                          deadline

``find_notes`` locates them in a line (so the measure text can leave them out and so the ； inside a
note does not split the measure); ``parse_note`` turns one into (unit, role) pairs and a deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.lexicon import alternation, table

_UNIT_SPLIT = re.compile(r"[、,，/]|以及|及(?=各)")
_SEGMENT_SPLIT = re.compile(r"[;；,，]\s*")
_VERB_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.+?)(?:牵头负责|牵头落实|牵头)$"), "lead"),
    (re.compile(r"^(.+?)(?:按职责分工负责|按职责分工落实|按职责负责|分工负责|结合实际(?:负责)?落实|负责落实|负责)$"),
     "lead"),
    (re.compile(r"^(.+?)(?:配合落实|配合|参与|协同|协助|协办)$"), "support"),
    (re.compile(r"^(各.{1,20}?)(?:具体落实|组织实施|落实)$"), "lead"),  # 各区(市)县落实: a collective carries it out
)
_DEADLINE = re.compile(
    r"^(?:\d{4}年(?:底|年底|内|上半年|下半年|\d{1,2}月(?:底|\d{1,2}日)?)?(?:前|以前)?(?:完成|基本完成)?"
    r"|(?:长期|持续)(?:坚持|推进)|\d{4}-\d{4}年)$"
)
# A note is a bracketed group, or a labelled list or collective-unit sentence running to the line end.
# One level of brackets may nest inside a note: 配合单位：各区（市）县党委 — 区(市)县 stays in the unit name.
_BRACKETED = re.compile(r"[(（]((?:[^()（）\n]|[(（][^()（）\n]{1,20}[)）]){2,200})[)）]")
_COLLECTIVE_TAIL = re.compile(
    r"(?:^|(?<=[。;；，,\s]))(各[^\s,，。;；()（）]{1,20}?结合实际(?:负责)?落实)[。;；]?\s*$", re.M
)
_ROLES = ("lead", "support", "deadline")  # the second column of duty_labels.tsv


@cache
def _label_roles() -> dict[str, str]:
    """Note label → lead / support / deadline (extract/data/duty_labels.tsv)."""
    roles = table("duty_labels.tsv")
    for label, role in roles.items():
        if role not in _ROLES:
            raise ValueError(f"duty_labels.tsv: {label}: role {role!r} is none of {', '.join(_ROLES)}")
    return roles


@cache
def unit_labels() -> tuple[str, ...]:
    """Labels that introduce units (lead or support), longest first.

    The one list behind note labels, the headers that make a Word/HTML table a task-division table, and the
    lines the cleaner never drops as repeats — so a label added to duty_labels.tsv is known everywhere.
    """
    return tuple(sorted((label for label, role in _label_roles().items() if role != "deadline"),
                        key=len, reverse=True))


@cache
def _labelled() -> re.Pattern[str]:
    """One labelled segment: 牵头单位：A、B."""
    return re.compile(rf"^({alternation(list(_label_roles()))})\s*[:：]\s*(.+)$")


@cache
def _labelled_tail() -> re.Pattern[str]:
    """A labelled list running to the line end, after a sentence end or at the line start."""
    labels = alternation(list(_label_roles()))
    return re.compile(rf"(?:^|(?<=[。;；\s]))((?:{labels})\s*[:：][^\n]*?)[。;；]?\s*$", re.M)


@dataclass
class Note:
    """One parsed responsibility note and where it stands in the text."""

    start: int  # span of the whole note, brackets included
    end: int
    duties: list[tuple[str, str]] = field(default_factory=list)  # (unit as written, role)
    deadline: str | None = None


def parse_note(content: str) -> tuple[list[tuple[str, str]], str | None] | None:
    """(unit, role) pairs and deadline of a note's content; None when it is not a responsibility note.

    Every segment of the note must be a duty or a deadline: "（以下简称《实施意见》）" or "（2018—2020年）" are
    not notes.  A labelled deadline alone (（完成时限：2024年底）) is a note: the task's units may be named in
    its own words (由市委社治委牵头，开展…), and the note must not become part of the measure or a heading.
    """
    duties: list[tuple[str, str]] = []
    deadline: str | None = None
    labelled_deadline = False
    for segment in _split_segments(content):
        labelled = _labelled().match(segment)
        if labelled:
            label, value = labelled.groups()
            role = _label_roles()[label]
            if role == "deadline":
                deadline = value.strip().rstrip("。")
                labelled_deadline = True
            else:
                duties.extend((unit, role) for unit in split_units(value))
            continue
        if _DEADLINE.match(segment):
            deadline = re.sub(r"(?:基本)?完成$", "", segment)
            continue
        for pattern, role in _VERB_ROLES:
            m = pattern.match(segment)
            if m:
                duties.extend((unit, role) for unit in split_units(m.group(1)))
                break
        else:
            return None
    return (duties, deadline) if duties or labelled_deadline else None


def _split_segments(content: str) -> list[str]:
    """Segments of a note, split at ；/，, but a unit list after a label keeps its commas."""
    segments: list[str] = []
    for part in _SEGMENT_SPLIT.split(content.strip().rstrip("。")):
        part = part.strip()
        if not part:
            continue
        if segments and not _starts_segment(part) and _labelled().match(segments[-1]):
            segments[-1] += "、" + part  # 牵头单位：A，B — a comma inside a labelled list
        else:
            segments.append(part)
    return segments


def _starts_segment(part: str) -> bool:
    return bool(_labelled().match(part) or _DEADLINE.match(part) or any(p.match(part) for p, _ in _VERB_ROLES))


def split_units(value: str) -> list[str]:
    """Unit names of a list such as 省发展改革委、省经信厅等; 等 and blanks dropped."""
    out = []
    for unit in _UNIT_SPLIT.split(value):
        unit = unit.strip().removesuffix("等").strip()
        if unit:
            out.append(unit)
    return out


def find_notes(line: str) -> list[Note]:
    """Responsibility notes in one line, in order, with offsets relative to the line."""
    notes: list[Note] = []
    for m in _BRACKETED.finditer(line):
        parsed = parse_note(m.group(1))
        if parsed:
            notes.append(Note(m.start(), m.end(), *parsed))
    for pattern in (_labelled_tail(), _COLLECTIVE_TAIL):
        for m in pattern.finditer(line):
            if any(n.start <= m.start(1) < n.end for n in notes):
                continue
            parsed = parse_note(m.group(1))
            if parsed:
                notes.append(Note(m.start(1), m.end(1), *parsed))
    notes.sort(key=lambda n: n.start)
    return notes

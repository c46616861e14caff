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

A note is read as groups of units, each closed by a label (牵头单位：) or a word (牵头, 负责, 参与 …,
note_verbs.tsv); groups separated by ，/； without a word of their own share the next group's word.  The
groups combine as ../shared/gold/GUIDE.md's Roles table says, under the document's conventions
(role_conventions.tsv: 列第一位者为牵头单位，下同; 以下……不再列出), which a note or the preamble states and
which hold for every later note.  Placeholders (有关部门, placeholders.txt) and tails (等有关部门,
unit_tails.txt) are dropped before any rule applies.  Every step is a split or an anchored match on one
segment: a note listing ten thousand units is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from policykg.extract.lexicon import alternation, columns, duty_labels, table
from policykg.extract.unit_lists import is_placeholder, looks_like_unit, split_units

_SEGMENT_SPLIT = re.compile(r"[;；,，]\s*")
_SENTENCE_SPLIT = re.compile(r"[。]")
_WITH = re.compile(r"会同|联合")
_SAME_AS_ABOVE = re.compile(r"^(?:下同|以下同)$")
_DEADLINE = re.compile(
    r"^(?:\d{4}年(?:底|年底|内|上半年|下半年|\d{1,2}月(?:底|\d{1,2}日)?)?(?:前|以前)?(?:完成|基本完成)?"
    r"|(?:长期|持续)(?:坚持|推进)|\d{4}-\d{4}年)$"
)
# A note is a bracketed group, or a labelled list or collective-unit sentence running to the line end.
# One level of brackets may nest inside a note: 配合单位：各区（市）县党委 — 区(市)县 stays in the unit name.
_BRACKETED = re.compile(r"[(（]((?:[^()（）\n]|[(（][^()（）\n]{1,20}[)）]){2,2000})[)）]")
# The tails stand at the line start or after a sentence end (and a collective one after a comma): that
# condition is tested by _at_boundary on each match, not written as (?:^|(?<=[。;；\s])) before the pattern,
# which re could only try at every position of every line (60 ms on the reports); a pattern opening with
# a word is found by re's prefix scan.
_COLLECTIVE_TAIL = re.compile(r"(各[^\s,，。;；()（）]{1,20}?结合实际(?:负责)?落实)[。;；]?\s*$", re.M)
_COLLECTIVE_AFTER = "。;；，,"
_LABELLED_AFTER = "。;；"


@cache
def _labelled() -> re.Pattern[str]:
    """One labelled segment: 牵头单位：A、B."""
    return re.compile(rf"^({alternation(list(duty_labels()))})\s*[:：]\s*(.+)$")


@cache
def _labelled_tail() -> re.Pattern[str]:
    """A labelled list running to the line end (after a sentence end or at the line start: _at_boundary)."""
    labels = alternation(list(duty_labels()))
    return re.compile(rf"((?:{labels})\s*[:：][^\n]*?)[。;；]?\s*$", re.M)


def _at_boundary(pattern: re.Pattern[str], line: str, after: str) -> Iterator[re.Match[str]]:
    """The matches finditer would give for (?:^|(?<=[after\\s])) + ``pattern``: leftmost first, not
    overlapping, each at the line start or right after a character of ``after`` or a blank.  A match at
    any other place is no match there, and the search goes on from the next character."""
    pos = 0
    while (m := pattern.search(line, pos)) is not None:
        start = m.start()
        if start == 0 or line[start - 1] in after or line[start - 1].isspace():
            yield m
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1


@cache
def _note_verbs() -> tuple[re.Pattern[str], dict[str, str]]:
    """A segment closed by a note word (A、B牵头) and word → kind (note_verbs.tsv)."""
    kinds = table("note_verbs.tsv")  # the lexicon checks every kind against NOTE_KINDS
    return re.compile(rf"^(.+?)({alternation(list(kinds))})$"), kinds


@cache
def _conventions() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, effect) of role_conventions.tsv, compiled once."""
    out = []
    for pattern, effect in columns("role_conventions.tsv", 2):  # effects checked against CONVENTION_EFFECTS
        out.append((re.compile(pattern), effect))
    return out


@dataclass
class Conventions:
    """The role conventions a document has stated so far (role_conventions.tsv)."""

    first_lead: bool = False
    carried: list[str] = field(default_factory=list)  # units of every later note (以下……不再列出)

    def read(self, text: str) -> list[tuple[int, int]]:
        """Take up the conventions ``text`` states; their spans in it."""
        spans = []
        for pattern, effect in _conventions():
            for m in pattern.finditer(text):
                spans.append(m.span())
                if effect == "first_lead":
                    self.first_lead = True
                else:
                    self.carried = [u for u in split_units(m.group("units")) if u not in self.carried] + self.carried
        return spans


@dataclass
class Note:
    """One parsed responsibility note and where it stands in the text."""

    start: int  # span of the whole note, brackets included
    end: int
    duties: list[tuple[str, str]] = field(default_factory=list)  # (unit as written, role)
    deadline: str | None = None


def parse_note(content: str, conventions: Conventions | None = None) -> tuple[list[tuple[str, str]], str | None] | None:
    """(unit, role) pairs and deadline of a note's content; None when it is not a responsibility note.

    Every segment of the note must be a duty, a deadline or a convention: "（以下简称《实施意见》）" or
    "（2018—2020年）" are not notes.  A labelled deadline alone (（完成时限：2024年底）) is a note: the task's
    units may be named in its own words (由市委社治委牵头，开展…), and the note must not become part of the
    measure or a heading.  Conventions the note states are taken up by ``conventions`` (and hold for this
    note too) only when the note is one.
    """
    stated = Conventions(conventions.first_lead, list(conventions.carried)) if conventions else Conventions()
    rest = _without_conventions(content, stated)
    parsed = _groups(rest)
    if parsed is None:
        return None
    groups, deadline, labelled_deadline = parsed
    stated_any = rest != content
    if not groups and not labelled_deadline and not stated_any:
        return None
    if conventions is not None:
        conventions.first_lead, conventions.carried = stated.first_lead, stated.carried
    return _combine(groups, stated), deadline


def _without_conventions(content: str, conventions: Conventions) -> str:
    spans = conventions.read(content)
    if not spans:
        return content
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(content[pos:s])
        pos = max(pos, e)
    out.append(content[pos:])
    return "，".join(p for p in out if p.strip(" ，,。；;"))


def _groups(content: str) -> tuple[list[tuple[list[str], str]], str | None, bool] | None:
    """(units, kind) groups, deadline and whether a labelled deadline was seen; None if a segment is
    neither a duty, a deadline nor a bare list closed by a later group's word."""
    groups: list[tuple[list[str], str]] = []
    pending: list[str] = []
    deadline: str | None = None
    labelled_deadline = False
    label_open = False  # the last group came from a label: a bare segment after it continues its list
    verb_pattern, verb_kinds = _note_verbs()
    for sentence in _SENTENCE_SPLIT.split(content.strip()):
        for segment in _SEGMENT_SPLIT.split(sentence):
            segment = segment.strip()
            if not segment or _SAME_AS_ABOVE.match(segment):
                continue
            labelled = _labelled().match(segment)
            if labelled:
                label, value = labelled.groups()
                role = duty_labels()[label]
                if role == "deadline":
                    deadline = value.strip().rstrip("。")
                    labelled_deadline = True
                    label_open = False
                else:
                    groups.append((pending + split_units(value), role))
                    pending, label_open = [], True
                continue
            if _DEADLINE.match(segment):
                deadline = re.sub(r"(?:基本)?完成$", "", segment)
                label_open = False
                continue
            closed = verb_pattern.match(segment)
            if closed:
                who, word = closed.groups()
                kind = verb_kinds[word]
                parts = _WITH.split(who, maxsplit=1)
                if len(parts) == 2 and kind in ("lead", "responsible"):  # A会同B负责: A leads, B supports
                    groups.append((pending + split_units(parts[0]), "lead"))
                    groups.append((split_units(parts[1]), "support"))
                else:
                    groups.append((pending + split_units(who), kind))
                pending, label_open = [], False
                continue
            if label_open:
                groups[-1][0].extend(split_units(segment))  # 牵头单位：A，B — a comma inside a labelled list
            else:
                pending.extend(split_units(segment))
    if pending or not all(looks_like_unit(u) for units, _ in groups for u in units):
        return None
    return groups, deadline, labelled_deadline


def _combine(groups: list[tuple[list[str], str]], conventions: Conventions) -> list[tuple[str, str]]:
    """(unit, role) pairs of a note's groups, placeholders dropped first (GUIDE.md, Roles)."""
    named = [([u for u in units if not is_placeholder(u)], kind) for units, kind in groups]
    duties: list[tuple[str, str]] = []
    explicit = any(kind == "lead" and units for units, kind in named)
    responsible = any(kind == "responsible" and units for units, kind in named)
    first_done = False
    for units, kind in named:
        for unit in units:
            if kind == "lead":
                role = "lead"
            elif kind == "responsible":
                if explicit:
                    role = "support"
                elif conventions.first_lead:
                    role = "support" if first_done else "lead"
                    first_done = True
                else:
                    role = "lead"
            elif kind == "local":
                role = "support" if explicit or responsible else "lead"
            else:
                role = "support"
            duties.append((unit, role))
    has_lead = any(role == "lead" for _, role in duties)
    duties.extend((u, "support" if has_lead else "lead") for u in conventions.carried)
    seen: set[str] = set()
    out = []
    for unit, role in duties:
        if unit not in seen:
            seen.add(unit)
            out.append((unit, role))
    return out


def find_notes(line: str, conventions: Conventions | None = None) -> list[Note]:
    """Responsibility notes in one line, in order, with offsets relative to the line; conventions they
    state are taken up by ``conventions`` in that order."""
    candidates = [(m.start(), m.end(), m.group(1)) for m in _BRACKETED.finditer(line)]
    bracketed = list(candidates)
    for pattern, after in ((_labelled_tail(), _LABELLED_AFTER), (_COLLECTIVE_TAIL, _COLLECTIVE_AFTER)):
        for m in _at_boundary(pattern, line, after):
            if not any(s <= m.start(1) < e for s, e, _ in bracketed):
                candidates.append((m.start(1), m.end(1), m.group(1)))
    notes: list[Note] = []
    for start, end, content in sorted(candidates):
        if notes and start < notes[-1].end:
            continue
        parsed = parse_note(content, conventions)
        if parsed:
            notes.append(Note(start, end, *parsed))
    return notes

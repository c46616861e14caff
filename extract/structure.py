"""Walk a cleaned document line by line into its areas and measures, with the duties its notes assign.

One pass, no backtracking: a stack of open areas (numbered headings by level, lead sentences at the top,
aspect phrases for the rest of their paragraph) gives every measure its innermost area.  Responsibility
notes are located first so that the ； inside （牵头单位：A；配合单位：B） never splits a measure, and so that
the note is left out of the measure's text and span.  Clauses under a review of past work (2018年工作回顾,
extract/data/review_headings.txt) state achievements, not measures, and are left out.  A clause may name
its responsible units as its subject (省司法厅牵头开展…, extract/subjects.py): the measure starts at the verb
and the units get their duties; a comma before such a subject starts a new clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extract import areas as A
from extract.duties import Note, find_notes
from extract.measures import MIN_MEASURE_CHARS, framing_length, is_measure, trim
from extract.model import Area, Duty, Measure, area_id, measure_id
from extract.subjects import subject

_CLAUSE_END = re.compile(r"[。;；!?！？]")
_COMMA = re.compile(r"[,，]")


@dataclass
class Outline:
    areas: list[Area] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    note_spans: list[tuple[int, int]] = field(default_factory=list)  # in the cleaned text


@dataclass
class _Open:
    level: int
    area: Area
    path: tuple[str, ...]
    review: bool  # inside a review of past work (2018年工作回顾): its clauses are no measures


class _Walker:
    def __init__(self, doc_id: str, canon: Callable[[str], str]) -> None:
        self.doc_id = doc_id
        self.canon = canon
        self.out = Outline()
        self.stack: list[_Open] = []
        self.areas: dict[tuple[str, ...], Area] = {}
        self.texts: dict[str, Measure] = {}
        self.last: Measure | None = None  # the measure a note standing after it (…。（A牵头）) belongs to

    # ------------------------------------------------------------ areas

    def push(self, level: int, name: str) -> None:
        name = A.clean_name(name)
        if not name:
            return
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        path = (*parent.path, name) if parent else (name,)
        area = self.areas.get(path)
        if area is None:
            area = Area(id=area_id(self.doc_id, path), name=name,
                        parent=parent.area.name if parent else None, parent_id=parent.area.id if parent else None)
            self.areas[path] = area
            self.out.areas.append(area)
        self.stack.append(_Open(level, area, path, (parent is not None and parent.review) or A.is_review(name)))

    def pop_aspect(self) -> None:
        while self.stack and self.stack[-1].level == A.ASPECT:
            self.stack.pop()

    # ------------------------------------------------------------ measures

    def opening(self, line: str, start: int, end: int) -> tuple[int, int, list[tuple[str, str]]]:
        """Span of the measure a clause may hold — its framing and unit subject left out — and the duties
        of that subject (省司法厅牵头开展… → 开展…, 省司法厅 lead)."""
        start += framing_length(line[start:end])
        led = _subject_measure(line, start, end)
        if led is not None:
            return led
        s, e = trim(line, start, end)
        return s, e, []

    def add_measure(self, line: str, base: int, start: int, end: int, notes: list[Note],
                    subject_duties: list[tuple[str, str]]) -> None:
        text = line[start:end]
        if self.stack and self.stack[-1].review:
            self.last = None
            return
        if text in self.texts:  # listed again with its duties (a body list, then the task table): one measure
            self.last = self.texts[text]
            self.assign(subject_duties)
            self.attach(notes)
            return
        inner = self.stack[-1].area if self.stack else None
        m = Measure(id=measure_id(self.doc_id, text), text=text, area=inner.name if inner else None,
                    area_id=inner.id if inner else None, span=(base + start, base + end))
        self.out.measures.append(m)
        self.texts[text] = m
        self.last = m
        self.assign(subject_duties)
        self.attach(notes)

    def assign(self, duties: list[tuple[str, str]]) -> None:
        """Give the last measure these (unit as written, role) duties, each once."""
        if self.last is None:
            return
        for unit, role in duties:
            duty = Duty(self.canon(unit), role)  # type: ignore[arg-type]
            if duty not in self.last.duties:
                self.last.duties.append(duty)

    def attach(self, notes: list[Note]) -> None:
        if self.last is None:
            return
        for note in notes:
            self.assign(note.duties)
            if note.deadline and not self.last.deadline:
                self.last.deadline = note.deadline

    # ------------------------------------------------------------ lines

    def line(self, line: str, base: int) -> None:
        notes = find_notes(line)
        self.out.note_spans.extend((base + n.start, base + n.end) for n in notes)
        numbered = A.numbering(line)
        if numbered:
            level, start = numbered
            if notes:
                self.item(line, base, start, notes)
                return
            end = A.heading_end(line, start)
            rest = end + 1
            head_start, head_end, _ = self.opening(line, start, end)
            if level >= 3 and not line[rest:].strip() and is_measure(line[head_start:head_end]):
                self.prose(line, base, start, notes)
                return
            self.push(level, line[start:end])
            self.last = None
            if line[rest:].strip():
                self.prose(line, base, rest, notes)
            self.pop_aspect()
            return
        lead = A.lead_sentence(line)
        if lead:
            self.push(A.TOP, line[lead[0]:lead[1]])
            self.last = None
            return
        mainly = A.mainly(line)
        if mainly:
            self.push(A.TOP, line[mainly[0]:mainly[1]])
            self.prose(line, base, mainly[2], notes)
        else:
            self.prose(line, base, 0, notes)
        self.pop_aspect()

    def item(self, line: str, base: int, start: int, notes: list[Note]) -> None:
        """A numbered item carrying duty notes: the text before each note is ONE measure."""
        pos = start
        for note in notes:
            s, e, duties = self.opening(line, pos, note.start)
            if e - s >= MIN_MEASURE_CHARS:
                self.add_measure(line, base, s, e, [note], duties)
            else:
                self.attach([note])
            pos = note.end
        if line[pos:].strip(" 。;；,，"):
            self.prose(line, base, pos, [])

    def prose(self, line: str, base: int, start: int, notes: list[Note]) -> None:
        pos = start
        for m in _CLAUSE_END.finditer(line, start):
            if any(n.start <= m.start() < n.end for n in notes):
                continue
            self.sentence(line, base, pos, m.end(), notes)
            pos = m.end()
        if line[pos:].strip():
            self.sentence(line, base, pos, len(line), notes)

    def sentence(self, line: str, base: int, start: int, end: int, notes: list[Note]) -> None:
        """Clauses of one sentence: a comma followed by a unit subject with a measure of its own starts a new
        one (省市场监管局将牵头建立…机制，省商务厅负责搭建…平台: two measures, two leads)."""
        pos = start
        for m in _COMMA.finditer(line, start, end):
            cut = m.end()
            if any(n.start <= m.start() < n.end for n in notes):
                continue
            if _subject_measure(line, cut, end) is not None:
                self.clause(line, base, pos, cut, notes)  # with its comma: 在…方面， stays an aspect
                pos = cut
        self.clause(line, base, pos, end, notes)

    def clause(self, line: str, base: int, start: int, end: int, notes: list[Note]) -> None:
        inside = [n for n in notes if start <= n.start < end]
        aspect = A.aspect(line[start:end])
        if aspect:
            self.pop_aspect()
            self.push(A.ASPECT, line[start + aspect[0]:start + aspect[1]])
            start += aspect[2]
        stop = inside[0].start if inside else end
        s, e, duties = self.opening(line, start, stop)
        if e > s and is_measure(line[s:e]):
            self.add_measure(line, base, s, e, inside, duties)
        elif e <= s and inside:
            self.attach(inside)
        else:
            self.last = None


def _subject_measure(line: str, start: int, end: int) -> tuple[int, int, list[tuple[str, str]]] | None:
    """Span of the measure after a unit subject opening line[start:end], with the subject's duties; None
    when there is no unit subject or what follows it is no measure."""
    found = subject(line[start:end])
    if found is None:
        return None
    s, e = trim(line, start + found.length, end)
    return (s, e, found.duties) if e > s and is_measure(line[s:e]) else None


def outline(text: str, doc_id: str, canon: Callable[[str], str]) -> Outline:
    """Areas, measures (with the duties of their notes) and note spans of a cleaned text.

    ``canon`` turns a unit name as written in a note into its canonical name (and records it).
    """
    walker = _Walker(doc_id, canon)
    base = 0
    for line in text.split("\n"):
        if line.strip():
            walker.line(line, base)
        else:
            walker.last = None
        base += len(line) + 1
    return walker.out

"""Walk the lines of a cleaned document into measures under their areas, with the duties of their notes.

One pass, no backtracking: the open areas (extract/open_areas.py) give every measure its innermost area.
The notes of a line come located (extract/structure.py), so the ； inside （牵头单位：A；配合单位：B） never
splits a measure and the note is left out of the measure's text and span.  Clauses under a review of past
work (2018年工作回顾) state achievements, not measures, and are left out.  A clause may name its responsible
units as its subject (省司法厅牵头开展…, extract/subjects.py): the measure starts at the verb and the units
get their duties; a comma before such a subject starts a new clause.  Units stay as written: the resolve
stage of extract/pipeline.py names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.extract import areas as A
from policykg.extract.duties import Conventions, Note
from policykg.extract.measures import (
    MIN_MEASURE_CHARS,
    framing_length,
    is_measure,
    last_report,
    narrates,
    opens_measure,
    own_clause_starts,
    trim,
)
from policykg.extract.open_areas import OpenAreas
from policykg.extract.openings import Openings
from policykg.model import Area, Measure, measure_id

_CLAUSE_END = re.compile(r"[。;；!?！？]")
_COMMA = re.compile(r"[,，]")


@dataclass
class Outline:
    """What the outline stage finds; its measures have no duties yet: ``duties`` holds them with each unit as
    written, in the order they were assigned, for the resolve stage to name (extract/canonical.py)."""

    areas: list[Area] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    note_spans: list[tuple[int, int]] = field(default_factory=list)  # in the cleaned text
    duties: list[tuple[Measure, str, str]] = field(default_factory=list)  # (measure, unit as written, role)


class Walker:
    """The state of one walk: the open areas, the measures so far and the last one, which a later note may
    belong to."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.out = Outline()
        self.open = OpenAreas(doc_id, self.out.areas)
        self.texts: dict[str, Measure] = {}
        self.held: dict[str, set[tuple[str, str]]] = {}  # measure id → its (unit as written, role) duties
        self.last: Measure | None = None  # the measure a note standing after it (…。（A牵头）) belongs to
        self.conventions = Conventions()  # 列第一位者为牵头单位，下同 …: stated once, hold for later notes
        self.subject: list[tuple[str, str]] = []  # the last named subject's duties in this paragraph
        self.split_commas = True  # prose: each comma clause with its own policy verb is a measure
        self.task_list = False  # the document's numbered items carry duty notes
        self.openings = Openings()  # of the line being walked

    # ------------------------------------------------------------ measures

    def add_measure(self, line: str, base: int, start: int, end: int, notes: list[Note],
                    subject_duties: list[tuple[str, str]]) -> None:
        text = line[start:end]
        if self.open.takes_no_measures():
            self.last = None
            return
        inner = self.open.inner()
        earlier = self.texts.get(text)
        if earlier is not None:
            # the same task again: a summary list names it before the table row that assigns it (国办发
            # 〔2018〕126号) — the occurrence with duties decides its area
            if (notes or subject_duties) and not self.held.get(earlier.id):
                earlier.area, earlier.area_id = (inner.name, inner.id) if inner else (None, None)
                earlier.span = (base + start, base + end)
                self.last = earlier
                self.assign(subject_duties)
                self.attach(notes)
            else:
                self.last = None
            return
        m = Measure(id=measure_id(self.doc_id, text), text=text, area=inner.name if inner else None,
                    area_id=inner.id if inner else None, span=(base + start, base + end))
        self.texts[text] = m
        self.out.measures.append(m)
        self.last = m
        self.assign(subject_duties)
        self.attach(notes)

    def assign(self, duties: list[tuple[str, str]]) -> None:
        """Give the last measure these (unit as written, role) duties, each once."""
        if self.last is None:
            return
        held = self.held.setdefault(self.last.id, set())  # a set: a note listing thousands of units stays linear
        for duty in duties:
            if duty not in held:
                held.add(duty)
                self.out.duties.append((self.last, *duty))

    def attach(self, notes: list[Note]) -> None:
        if self.last is None:
            return
        for note in notes:
            self.assign(note.duties)
            if note.deadline and not self.last.deadline:
                self.last.deadline = note.deadline

    # ------------------------------------------------------------ lines

    def line(self, line: str, base: int, notes: list[Note], item_notes: int) -> None:
        """One line with its notes; ``item_notes`` counts the notes of the numbered item it opens (its own
        and those of the unnumbered paragraphs under it)."""
        self.out.note_spans.extend((base + n.start, base + n.end) for n in notes)
        kind = A.line_kind(line)
        if kind.kind is A.LineKind.NUMBERED:
            self.numbered(line, base, notes, item_notes, kind)
            return
        if notes:
            self.item(line, base, 0, notes)  # a paragraph closed by a note is one measure per note
            return
        if kind.kind is A.LineKind.LEAD:
            self.open.push(A.TOP, line[kind.start:kind.end])
            self.last = None
            return
        if kind.kind is A.LineKind.MAINLY:
            self.open.push(A.TOP, line[kind.start:kind.end])
            self.prose(line, base, kind.rest, notes)
        else:
            self.prose(line, base, 0, notes)
        self.open.pop_aspect()

    def numbered(self, line: str, base: int, notes: list[Note], item_notes: int, kind: A.Line) -> None:
        """A numbered line: an item with its note, a heading over several noted measures, a one-sentence
        item, or a heading with prose after its title."""
        level, start, end, rest = kind.level, kind.start, kind.end, kind.rest
        if notes and item_notes == 1:
            self.item(line, base, start, notes)
            return
        if notes:  # several notes: the item's title is an area holding one measure per note
            self.open.push(level, line[start:end])
            self.item(line, base, rest, notes)
            return
        head_start, head_end, _ = self.openings.opening(line, start, end)
        if level >= 3 and not line[rest:].strip() and is_measure(line, head_start, head_end):
            # a one-sentence numbered item: in a task list (a document whose items carry notes) it is
            # one measure like its noted neighbours; in prose its comma clauses are measures
            self.split_commas = not self.task_list
            self.prose(line, base, start, notes)
            self.split_commas = True
            return
        self.open.push(level, line[start:end])
        self.last = None
        if line[rest:].strip():
            self.prose(line, base, rest, notes)
        self.open.pop_aspect()

    def row(self, line: str, base: int, span: tuple[int, int], notes: list[Note]) -> None:
        """A task-table row: its text cell is one measure, its unit cells its note."""
        self.out.note_spans.extend((base + n.start, base + n.end) for n in notes)
        s, e = trim(line, *span)
        if e - s >= MIN_MEASURE_CHARS:
            self.add_measure(line, base, s, e, notes, [])

    def item(self, line: str, base: int, start: int, notes: list[Note]) -> None:
        """A numbered item carrying duty notes: the text before each note is ONE measure."""
        pos = start
        for note in notes:
            s, e, duties = self.openings.opening(line, pos, note.start)
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
        last = last_report(line, start, end)  # read once: the rest of the sentence reports while last >= there
        body = line[start:end]
        if (narrates(body, last >= 0) and not any(start <= n.start < end for n in notes)
                and narrates(body[framing_length(body):])):
            self.last = None  # told or reported (…获悉，…; 李强…强调，要…): no measure, nor are its clauses
            return
        pos = start
        opened: tuple[int, int] = (-1, -1)  # (clause start, where its measure opens), computed once per clause
        in_notes = [(n.start, n.end) for n in notes if start <= n.end and n.start < end]
        owns: set[int] | None = None  # read at the first comma: a sentence without one needs none
        for m in _COMMA.finditer(line, start, end):
            cut = m.end()
            if in_notes and any(s <= m.start() < e for s, e in in_notes):
                continue
            if owns is None:
                owns = own_clause_starts(line, start, end) if self.split_commas else set()
            own = cut in owns and last < cut
            if own and opened[0] != pos:
                opened = (pos, self.openings.measure_start(line, pos, end, last >= pos))
            # not a comma inside the subject (A会同B，推动…)
            if (own and opened[1] < cut) or self.openings.subject_measure(line, cut, end, last >= cut) is not None:
                self.clause(line, base, pos, cut, notes, last >= 0)  # with its comma: 在…方面， stays an aspect
                pos = cut
        self.clause(line, base, pos, end, notes, last >= 0)

    def clause(self, line: str, base: int, start: int, end: int, notes: list[Note], may_report: bool) -> None:
        """One clause of a sentence; ``may_report``: whether its sentence holds a reporting word at all."""
        # prose clauses carry no notes: no list comprehension run for them (1% of the walker's instructions)
        inside = [n for n in notes if start <= n.start < end] if notes else []
        aspect = A.aspect(line, start, end)
        if aspect:
            self.open.pop_aspect()
            self.open.push(A.ASPECT, line[start + aspect[0]:start + aspect[1]])
            start += aspect[2]
        stop = inside[0].start if inside else end
        s, e, duties = self.openings.opening(line, start, stop)
        if e > s and (is_measure(line, s, e) if may_report else opens_measure(line, s, e)):
            if duties:
                self.subject = duties  # a named subject carries over to later clauses of its paragraph
            self.add_measure(line, base, s, e, inside, duties or self.subject)
        elif e <= s and inside:
            self.attach(inside)
        else:
            self.last = None


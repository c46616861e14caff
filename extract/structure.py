"""The outline stage: a cleaned document's areas and measures, with the duties its notes assign.

Each line's responsibility notes (extract/duties.py) and task-table rows (extract/table_rows.py) are found
first, with the role conventions a document states once (列第一位者为牵头单位，下同); the preamble before
the first section is skipped; the walker (extract/walker.py) takes the lines in order; areas that end up
above no measure are left out.
"""

from __future__ import annotations

import re

from policykg.extract import areas as A
from policykg.extract import table_rows as T
from policykg.extract.duties import Conventions, Note, find_notes, parse_note
from policykg.extract.walker import Outline, Walker


def outline(text: str, doc_id: str, start: int = 0) -> Outline:
    """Areas, measures, the duties of their notes (units as written) and note spans of a cleaned text.

    The front matter before ``start`` (metadata, title and addressee lines: meta.header) is not walked.
    """
    walker = Walker(doc_id)
    lines: list[tuple[int, str, list[Note]]] = []
    rows: dict[int, tuple[int, int]] = {}  # line index → span of a task-table row's text cell
    columns: T.Columns | None = None
    for base, line in _lines(text, start):
        header = T.header_row(line)
        row = _table_row(line, columns, walker.conventions) if columns and not header else None
        if header:
            columns, notes = header, []
        elif row:
            rows[len(lines)], notes = row[0], row[1]
        else:
            notes = find_notes(line, walker.conventions) if line.strip() else []
        if not notes and not header:
            walker.conventions.read(line)  # a convention stated in the preamble or a header note
        lines.append((base, line, notes))
    walker.task_list = any(notes and A.numbering(line) for _, line, notes in lines)
    first_heading = next((k for k, (_, line, _) in enumerate(lines) if _opens_section(line)), 0)
    for k, (base, line, notes) in enumerate(lines):
        walker.subject = []
        if k < first_heading:
            continue  # the preamble of a document with sections: background and reasons, no measures
        if k in rows:
            walker.row(line, base, rows[k], notes)
        elif T.header_row(line):
            walker.last = None
        elif line.strip():
            walker.line(line, base, notes, _item_notes(lines, k))
        else:
            walker.last = None
    _prune(walker.out)
    return walker.out


def _prune(found: Outline) -> None:
    """Areas holding no measure, directly or below, are left out: a heading over a summary list or a
    statement of guidance is above no measure (GUIDE.md: headings above the level that holds measures)."""
    used = {m.area_id for m in found.measures}
    by_id = {a.id: a for a in found.areas}
    for used_id in list(used):
        parent = by_id[used_id].parent_id if used_id in by_id else None
        while parent and parent not in used:
            used.add(parent)
            parent = by_id[parent].parent_id if parent in by_id else None
    found.areas = [a for a in found.areas if a.id in used]


def _table_row(line: str, columns: T.Columns, conventions: Conventions) -> tuple[tuple[int, int], list[Note]] | None:
    """(text cell span, the row's note) of a task-table row under ``columns``; None for other lines."""
    spans = T.cells(line)
    text_column = columns.text_column
    if len(spans) != len(columns.roles) or text_column is None:
        return None
    s, e = spans[text_column]
    if e <= s:
        return None
    unit_cells = [sp for role, sp in zip(columns.roles, spans, strict=True) if role not in T.ROLES]
    parsed = parse_note(T.row_note(line, columns, spans), conventions)
    if not parsed or not unit_cells:
        return (s, e), []
    return (s, e), [Note(unit_cells[0][0], unit_cells[-1][1], *parsed)]


# A page rendered with its paragraphs joined by blanks (二、高度重视推广工作 各地区、各部门要…   三、认真抓好…):
# a top-level numbering after a run of blanks starts a line of its own.
# \s\s*, not \s+: a pattern opening with a class is found by re's prefix scan, one opening with a repeat is
# tried at every position.
_JOINED_HEADING = re.compile(r"\s\s*(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, line) of the text from ``start``, joined paragraphs split at their headings."""
    out: list[tuple[int, str]] = []
    base = 0
    for line in text.split("\n"):
        if base >= start:
            pos = 0
            for m in _JOINED_HEADING.finditer(line):
                out.append((base + pos, line[pos:m.start()]))
                pos = m.end()
            out.append((base + pos, line[pos:]))
        base += len(line) + 1
    return out


def _opens_section(line: str) -> bool:
    """A top-level numbered heading (一、 or （一）) that starts the document's sections."""
    numbered = A.numbering(line)
    return numbered is not None and numbered[0] <= 2


def _item_notes(lines: list[tuple[int, str, list[Note]]], k: int) -> int:
    """Notes of the numbered item opening at line k: its own and those of the unnumbered lines below it."""
    if not lines[k][2] or A.numbering(lines[k][1]) is None:
        return len(lines[k][2])
    count = len(lines[k][2])
    for _, line, notes in lines[k + 1:]:
        if A.numbering(line) is not None:
            break
        count += len(notes)
    return count

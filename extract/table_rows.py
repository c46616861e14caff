"""Task tables written as text rows: a header row of column words, then one row per task.

A text rendering of a 任务分工表 (序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围) gives each task in one line.  The
header words are those of the task tables of every container (table_headers.tsv, read through the lexicon),
their roles folded to what a text row needs (_ROW_ROLES): a row has no area levels, so area and sub-area are
one; unit and deadline columns are read as a note of the row under their header as label (指导部门：A、B), so
the role rules of notes apply unchanged and only a note label (duty_labels.tsv) heads such a column.  The
measure text is the task cell, or the content cell when the table has no task column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.extract.lexicon import duty_labels, header_roles

_CELL_SPLIT = re.compile(r"\s*\|\s*")
_BLANKS = re.compile(r"\s+")
ROLES = ("number", "task", "content", "area", "ignore")
MIN_CELLS = 3
# Role of table_headers.tsv → role in a text row; lead, support and deadline columns are note labels instead.
_ROW_ROLES = {"seq": "number", "area": "area", "subarea": "area", "measure": "task", "content": "content",
              "other": "ignore"}


@dataclass(frozen=True)
class Columns:
    """What each column of a task table holds: a role of ROLES or a note label."""

    roles: tuple[str, ...]

    @property
    def text_column(self) -> int | None:
        for role in ("task", "content"):
            if role in self.roles:
                return self.roles.index(role)
        return None


def column_role(word: str) -> str | None:
    """What a header word (blanks removed) makes its column in a text row: a role of ROLES, the note label it
    is, or None for no header word.

    >>> column_role("改革举措"), column_role("具体举措"), column_role("指导部门"), column_role("改革")
    ('task', 'area', '指导部门', None)
    """
    role = _ROW_ROLES.get(header_roles().get(word, ""))
    return role or (word if word in duty_labels() else None)


def cells(line: str) -> list[tuple[int, int]]:
    """Spans of the cells of a row written with | separators (none for a line without them)."""
    if line.count("|") < MIN_CELLS - 1:
        return []
    spans, pos = [], 0
    for m in _CELL_SPLIT.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line.rstrip())))
    return spans


def header_row(line: str) -> Columns | None:
    """The columns a header row names, when every cell is a known header word or note label."""
    spans = cells(line)
    if not spans:
        return None
    roles = tuple(role for s, e in spans if (role := column_role(_BLANKS.sub("", line[s:e]))))
    if len(roles) < len(spans):
        return None
    columns = Columns(roles)
    return columns if columns.text_column is not None else None


def row_note(line: str, columns: Columns, spans: list[tuple[int, int]]) -> str:
    """The unit and deadline cells of a row as one note: 指导部门：A、B；完成时限：2019年底."""
    parts = []
    for role, (s, e) in zip(columns.roles, spans, strict=False):
        if role not in ROLES and line[s:e].strip():
            parts.append(f"{role}：{line[s:e].strip()}")
    return "；".join(parts)

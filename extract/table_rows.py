"""Task tables written as text rows: a header row of column words, then one row per task.

A text rendering of a 任务分工表 (序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围) gives each task in one line.  The
header words say what each column holds (table_columns.tsv); unit and deadline columns are read as a
note of the row under their header as label (指导部门：A、B), so the role rules of notes apply unchanged.
The measure text is the task cell, or the content cell when the table has no task column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.extract.duties import unit_labels
from policykg.extract.lexicon import choice_table, table

_CELL_SPLIT = re.compile(r"\s*\|\s*")
_BLANKS = re.compile(r"\s+")
ROLES = ("number", "task", "content", "area", "ignore")
MIN_CELLS = 3


@dataclass(frozen=True)
class Columns:
    """What each column of a task table holds: a role of table_columns.tsv or a note label."""

    roles: tuple[str, ...]

    @property
    def text_column(self) -> int | None:
        for role in ("task", "content"):
            if role in self.roles:
                return self.roles.index(role)
        return None


def _column_roles() -> dict[str, str]:
    return choice_table("table_columns.tsv", tuple(ROLES))


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
    roles = _column_roles()
    labels = set(unit_labels()) | set(table("duty_labels.tsv"))
    words = [_BLANKS.sub("", line[s:e]) for s, e in spans]
    if not all(w in roles or w in labels for w in words):
        return None
    columns = Columns(tuple(roles.get(w, w) for w in words))
    return columns if columns.text_column is not None else None


def row_note(line: str, columns: Columns, spans: list[tuple[int, int]]) -> str:
    """The unit and deadline cells of a row as one note: 指导部门：A、B；完成时限：2019年底."""
    parts = []
    for role, (s, e) in zip(columns.roles, spans, strict=False):
        if role not in ROLES and line[s:e].strip():
            parts.append(f"{role}：{line[s:e].strip()}")
    return "；".join(parts)

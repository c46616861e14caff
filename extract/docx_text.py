"""The text of a Word document in reading order: paragraphs, task tables as duty-note lines, nested tables kept.

python-docx lists a row's cells per layout-grid position, a horizontally merged cell (gridSpan) once per
column it covers and a vertically merged one (vMerge) as the cell it continues, which is exactly the grid
extract/tables.py wants: a merged category cell carries its value over its whole span.  A table holding
another table is a layout frame (a whole document typeset in one cell, a form): its cells are read as
blocks in order and the inner tables as tables, instead of being dropped as python-docx's paragraphs do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from extract.tables import Grid, join_cell_paragraphs, looks_like_task_table, table_lines

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell

LOG = logging.getLogger("policykg")
_W_TBL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"


def docx_lines(document: DocxDocument, path: Path) -> Iterator[str]:
    """Paragraphs and tables of the body in document order."""
    yield from _blocks(document.iter_inner_content(), path)


def _blocks(blocks: Iterator[object], path: Path) -> Iterator[str]:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            yield from _table(block, path)
        else:
            yield block.text  # type: ignore[attr-defined]


def _table(table: Table, path: Path) -> Iterator[str]:
    if any(inner is not table._tbl for inner in table._tbl.iter(_W_TBL)):
        seen: list[object] = []
        for row in table.rows:
            for cell in row.cells:
                if not any(cell._tc is tc for tc in seen):
                    seen.append(cell._tc)
                    yield from _blocks(cell.iter_inner_content(), path)
        return
    grid = table_grid(table)
    lines, as_tasks = table_lines(grid)
    if not as_tasks and looks_like_task_table(grid):
        LOG.warning("policykg: %s: warning: a table with duty columns of unknown layout was read as row text", path)
    yield from lines


def table_grid(table: Table) -> Grid:
    """Cell texts per grid position, each merged cell's text over its whole span."""
    texts: dict[object, str] = {}  # keyed by the <w:tc> element, held so that its proxy stays the same
    grid: Grid = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc not in texts:
                texts[cell._tc] = _cell_text(cell)
            cells.append(texts[cell._tc])
        grid.append(cells)
    return grid


def _cell_text(cell: _Cell) -> str:
    # A soft line break (w:br) inside a paragraph separates items just as a new paragraph does.
    return join_cell_paragraphs([line.strip() for p in cell.paragraphs for line in p.text.split("\n")])

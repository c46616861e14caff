"""Excel workbooks (.xlsx): every sheet's table as the duty-note lines of extract/readers/tables.py.

Task-division tables are often published as spreadsheets, one sheet per chapter, with the category column
merged down its rows.  openpyxl gives a merged range's value in its top-left cell only; the value is spread
over the whole range here so every row knows its category.  Values are read as last computed (data_only), a
date cell becomes 2024-06-30, and a sheet without a recognisable header is read as row text.
"""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.extract.readers.files import RawDocument
from policykg.extract.readers.tables import Grid, join_cell_paragraphs, looks_like_task_table, table_lines
from policykg.extract.readers.zips import check_zip

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LOG = logging.getLogger("policykg")
MAX_CELLS = 2_000_000


def read(path: Path) -> list[RawDocument]:
    """The workbook's one document: its sheets in order, titled by its properties."""
    text, title = xlsx_text(path)
    return [RawDocument(source=str(path), text=text, title=title)]


def xlsx_text(path: Path) -> tuple[str, str | None]:
    """(text of every sheet in order, workbook title) of an .xlsx file; InputError for a bad one."""
    import openpyxl

    check_zip(path)  # the zip-bomb limit DOCX has too
    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, EOFError):
        raise InputError(path, "corrupt or truncated XLSX (not a complete Excel .xlsx zip package)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in zipfile, lxml or openpyxl alike
        raise InputError(path, f"corrupt XLSX ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for sheet in book.worksheets:
        if sheet.max_row * sheet.max_column > MAX_CELLS:
            raise InputError(path, f"sheet {sheet.title!r} too large: {sheet.max_row} × {sheet.max_column} cells")
        grid = sheet_grid(sheet)
        sheet_lines, as_tasks = table_lines(grid)
        if not as_tasks and looks_like_task_table(grid):
            LOG.warning("policykg: %s: warning: sheet %r has duty columns of unknown layout; read as row text",
                        path, sheet.title)
        lines.extend(sheet_lines)
        lines.append("")
    title = (book.properties.title or "").strip() or None
    return "\n".join(lines), title


def sheet_grid(sheet: Worksheet) -> Grid:
    """Cell texts row by row, each merged range's value at every position it covers."""
    grid: Grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = _cell_text(sheet.cell(merged.min_row, merged.min_col).value)
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    return grid


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return join_cell_paragraphs([line.strip() for line in str(value).split("\n")])

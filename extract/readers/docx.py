"""Word documents (.docx) in reading order: paragraphs, task tables as duty-note lines, nested tables kept.

python-docx lists a row's cells per layout-grid position, a horizontally merged cell (gridSpan) once per
column it covers and a vertically merged one (vMerge) as the cell it continues, which is exactly the grid
extract/readers/tables.py wants: a merged category cell carries its value over its whole span.  A table holding
another table is a layout frame (a whole document typeset in one cell, a form): its cells are read as
blocks in order and the inner tables as tables, instead of being dropped as python-docx's paragraphs do.
Word's automatic numbering (一、 （一） 1. kept in numbering.xml, not in the text) is written back in front
of each numbered paragraph: without it the outline stage sees no headings and no items.  A damaged package is one
line naming the file, whichever of zipfile, lxml and python-docx fails on it.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from policykg.errors import InputError
from policykg.extract.readers.files import RawDocument
from policykg.extract.readers.tables import (
    Grid,
    chinese_numeral,
    join_cell_paragraphs,
    looks_like_task_table,
    table_lines,
)
from policykg.extract.readers.zips import check_zip

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell

LOG = logging.getLogger("policykg")
_W_TBL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"



def read(path: Path) -> list[RawDocument]:
    """The document's one text, titled by its core properties."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError):
        raise InputError(path, "corrupt or truncated DOCX (not a complete Word .docx zip package)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in lxml, zipfile or python-docx alike
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
    title = (document.core_properties.title or "").strip() or None
    return [RawDocument(source=str(path), text="\n".join(docx_lines(document, path)), title=title)]


def docx_lines(document: DocxDocument, path: Path) -> Iterator[str]:
    """Paragraphs (with their automatic numbers) and tables of the body in document order."""
    numbering = Numbering(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield numbering.label(block) + block.text
        else:
            yield from _table(block, path)


def _blocks(blocks: Iterator[object], path: Path) -> Iterator[str]:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            yield from _table(block, path)
        else:
            yield block.text  # type: ignore[attr-defined]


def _table(table: Table, path: Path) -> Iterator[str]:
    """A task table as duty-note lines (a table inside one of its cells read as that cell's text), a frame
    holding tables as its blocks, any other table as row text."""
    grid = table_grid(table)
    lines, as_tasks = table_lines(grid)
    if not as_tasks and any(inner is not table._tbl for inner in table._tbl.iter(_W_TBL)):
        seen: list[object] = []
        for row in table.rows:
            for cell in row.cells:
                if not any(cell._tc is tc for tc in seen):
                    seen.append(cell._tc)
                    yield from _blocks(cell.iter_inner_content(), path)
        return
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
    """The cell's paragraphs and the rows of any table inside it, on one line."""
    from docx.table import Table

    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(table_lines(table_grid(block))[0])
        else:  # a soft line break (w:br) separates items just as a new paragraph does
            parts.extend(line.strip() for line in block.text.split("\n"))
    return join_cell_paragraphs(parts)


# numFmt values written as Chinese numerals; bullets and unknown formats give no number, others decimal
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
                    "taiwaneseCounting", "ideographLegalTraditional", "koreanCounting"}
_NO_NUMBER_FORMATS = {"bullet", "none"}


class Numbering:
    """Word's list numbering: the label (一、 （二） 3.) each numbered paragraph shows, counted in order."""

    def __init__(self, document: DocxDocument) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, format, text)
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if definition is not None:
                self._levels[num.get(qn("w:numId"))] = {
                    int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in definition.iter(qn("w:lvl"))}

    def label(self, paragraph: Paragraph) -> str:
        num_id, ilvl = _num_pr(paragraph)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 10)  # type: ignore[arg-type]
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if fmt in _NO_NUMBER_FORMATS:
            return ""
        for k in range(ilvl + 1):
            k_fmt = levels.get(k, (1, "decimal", ""))[1]
            value = counters[k] or levels.get(k, (1, "", ""))[0]
            text = text.replace(f"%{k + 1}", chinese_numeral(value) if k_fmt in _CHINESE_FORMATS else str(value))
        return text


def _level(lvl: object) -> tuple[int, str, str]:
    def val(tag: str, default: str) -> str:
        found = lvl.find(qn(tag))  # type: ignore[attr-defined]
        return found.get(qn("w:val"), default) if found is not None else default

    start = val("w:start", "1")
    return int(start) if start.isdigit() else 1, val("w:numFmt", "decimal"), val("w:lvlText", "")


def _num_pr(paragraph: Paragraph) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph, from its own properties or its style's."""
    for holder in (paragraph._p.pPr, _style_ppr(paragraph)):
        num_pr = holder.find(qn("w:numPr")) if holder is not None else None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
            level = ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"
            return (num_id.get(qn("w:val")) if num_id is not None else None), int(level) if level.isdigit() else 0
    return None, 0


def _style_ppr(paragraph: Paragraph) -> object | None:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return None
    return style.element.pPr if style is not None else None

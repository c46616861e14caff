"""The 责任分工表 of a corpus — the table researchers otherwise build by hand — as CSV or XLSX.

One row per measure: document, issuer, date, area path, measure text, lead, support and mentioned units,
deadline and the span in the cleaned text.  The XLSX adds the unit × unit co-responsibility edge list
(the rows of ``query unit-pairs``, with the role pairs behind each count) for R, Stata, UCINET or Excel
users.  Headers are frozen and columns sized to their content, so the file opens ready to filter.  Both
writers take the documents as a stream and hold one document's rows at a time.
"""

from __future__ import annotations

import csv
import itertools
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.graph.rows import document_elements
from policykg.model import Document
from policykg.queries import unit_pairs
from policykg.schema import ROLES

DUTY_COLUMNS = ["document", "issuer", "date", "area_path", "measure", *ROLES, "deadline", "span_start", "span_end"]
EDGE_COLUMNS = ["unit_a", "unit_b", "shared_measures", "roles"]
LIST_SEPARATOR = "; "
MAX_WIDTH = 60  # characters: longer cells wrap instead of widening the column
DUTY_SHEET = "责任分工表"
SHEET_ROWS = 1_048_575  # rows under the header of one worksheet: Excel opens no more (1,048,576 in all)


def _area_paths(doc: Document) -> dict[str | None, str]:
    by_id = {a.id: a for a in doc.areas}
    paths: dict[str | None, str] = {None: ""}
    for area in doc.areas:
        chain, node = [], area
        while node is not None and len(chain) <= len(by_id):  # the bound guards against a cyclic record
            chain.append(node.name)
            node = by_id.get(node.parent_id) if node.parent_id else None
        paths[area.id] = " > ".join(reversed(chain))
    return paths


def duty_rows(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """One row per measure, in document order."""
    rows = []
    for doc in docs:
        paths = _area_paths(doc)
        for m in doc.measures:
            units = {role: [d.institution for d in m.duties if d.role == role] for role in ROLES}
            rows.append({"document": doc.title or doc.source, "issuer": LIST_SEPARATOR.join(doc.issuers),
                         "date": doc.date, "area_path": paths.get(m.area_id, m.area or ""), "measure": m.text,
                         **{role: LIST_SEPARATOR.join(units[role]) for role in ROLES}, "deadline": m.deadline,
                         "span_start": m.span[0] if m.span else None, "span_end": m.span[1] if m.span else None})
    return rows


def _add_role_pairs(pairs: dict[tuple[str, str], Counter[str]], doc: Document) -> None:
    """For each unordered unit pair of the document's measures, how often each role pair (lead–support …)
    joins them."""
    for m in doc.measures:
        role = m.roles()
        for a, b in itertools.combinations(sorted(role), 2):
            pairs[a, b][f"{role[a]}–{role[b]}"] += 1


def _edge_rows(tally: unit_pairs.PairTally, roles: dict[tuple[str, str], Counter[str]]) -> list[list[Any]]:
    """The co-responsibility edge list: ``query unit-pairs`` (all pairs) with the role pairs of each."""
    return [[r["unit_a"], r["unit_b"], r["shared"],
             LIST_SEPARATOR.join(f"{k} ×{n}" for k, n in sorted(roles[r["unit_a"], r["unit_b"]].items()))]
            for r in tally.rows(top=None)]


def write_csv(docs: Iterable[Document], path: Path) -> None:
    """The duty table as UTF-8 CSV with a byte-order mark, so that Excel opens the Chinese text as such; each
    document's rows are written as it arrives (docs may be a stream)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=DUTY_COLUMNS)
        writer.writeheader()
        writer.writerows(row for doc in docs for row in duty_rows([doc]))


class _Widths:
    """The longest text of each column (its header included), in characters."""

    def __init__(self, columns: list[str]) -> None:
        self.longest = [len(c) for c in columns]

    def add(self, values: list[Any]) -> None:
        self.longest = [max(n, len(str(v))) if v is not None else n for n, v in zip(self.longest, values, strict=True)]


def _sheet(wb: Any, title: str, columns: list[str], rows: Iterable[list[Any]], widths: _Widths, count: int) -> None:
    """One write-only sheet: bold frozen header, columns sized to their content (two per CJK character), the
    cells of a column wider than MAX_WIDTH wrapped, an auto-filter over the ``count`` rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for i, longest in enumerate(widths.longest, 1):  # written before the first row, as the format wants
        ws.column_dimensions[get_column_letter(i)].width = min(longest * 2 + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    def styled(value: Any, **style: Any) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    ws.append([styled(c, font=bold) for c in columns])
    wrapped = [longest * 2 > MAX_WIDTH for longest in widths.longest]
    for values in rows:
        ws.append([styled(v, alignment=wrap) if w else v for v, w in zip(values, wrapped, strict=True)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def write_xlsx(docs: Iterable[Document], path: Path) -> None:
    """Sheet 责任分工表 (one row per measure) and sheet 协同网络 (the unit × unit edge list).

    The documents are read once, as they arrive: their rows go to a spool file beside ``path`` (a column's
    width must be written before its first row, and is known only after the last), only the pair counts
    stay in memory, and the workbook is written in openpyxl's write-only mode.  More rows than a sheet holds
    (SHEET_ROWS) continue on 责任分工表 (2), (3) …
    """
    from openpyxl import Workbook

    tally, roles, widths, count = unit_pairs.PairTally(), defaultdict(Counter), _Widths(DUTY_COLUMNS), 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as spool:
        for doc in docs:
            tally.add(*document_elements(doc))
            _add_role_pairs(roles, doc)
            for row in duty_rows([doc]):
                values = [row[c] for c in DUTY_COLUMNS]
                widths.add(values)
                spool.write(json.dumps(values, ensure_ascii=False) + "\n")
                count += 1
        spool.seek(0)
        rows = map(json.loads, spool)
        wb = Workbook(write_only=True)
        for part in range(max(1, -(-count // SHEET_ROWS))):
            n = min(SHEET_ROWS, count - part * SHEET_ROWS)
            _sheet(wb, DUTY_SHEET if part == 0 else f"{DUTY_SHEET} ({part + 1})", DUTY_COLUMNS,
                   itertools.islice(rows, n), widths, n)
        edges, edge_widths = _edge_rows(tally, roles), _Widths(EDGE_COLUMNS)
        for edge in edges:
            edge_widths.add(edge)
        _sheet(wb, "协同网络", EDGE_COLUMNS, edges, edge_widths, len(edges))
        wb.save(path)


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}

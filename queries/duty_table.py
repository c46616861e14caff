"""The 责任分工表 of a corpus — the table researchers otherwise build by hand — as CSV or XLSX.

One row per measure: document, issuer, date, area path, measure text, lead, support and mentioned units,
deadline and the span in the cleaned text.  The XLSX adds the unit × unit co-responsibility edge list
(the rows of ``query unit-pairs``, with the role pairs behind each count) for R, Stata, UCINET or Excel
users.  Headers are frozen and columns sized to their content, so the file opens ready to filter.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policykg.graph.build import build_graph
from policykg.model import Document
from policykg.queries import unit_pairs
from policykg.schema import ROLES

DUTY_COLUMNS = ["document", "issuer", "date", "area_path", "measure", *ROLES, "deadline", "span_start", "span_end"]
EDGE_COLUMNS = ["unit_a", "unit_b", "shared_measures", "roles"]
LIST_SEPARATOR = "; "
MAX_WIDTH = 60  # characters: longer cells wrap instead of widening the column


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


def _role_pairs(docs: Iterable[Document]) -> dict[tuple[str, str], Counter[str]]:
    """For each unordered unit pair, how often each role pair (lead–support …) joins them."""
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in (m for doc in docs for m in doc.measures):
        role = m.roles()
        for a, b in itertools.combinations(sorted(role), 2):
            pairs[a, b][f"{role[a]}–{role[b]}"] += 1
    return pairs


def edge_rows(docs: list[Document]) -> list[dict[str, Any]]:
    """The co-responsibility edge list: ``query unit-pairs`` (all pairs) with the role pairs of each."""
    roles = _role_pairs(docs)
    return [{"unit_a": r["unit_a"], "unit_b": r["unit_b"], "shared_measures": r["shared"],
             "roles": LIST_SEPARATOR.join(f"{k} ×{n}" for k, n in sorted(roles[r["unit_a"], r["unit_b"]].items()))}
            for r in unit_pairs.run_nx(build_graph(docs), top=None)]


def write_csv(docs: Iterable[Document], path: Path) -> None:
    """The duty table as UTF-8 CSV with a byte-order mark, so that Excel opens the Chinese text as such; each
    document's rows are written as it arrives (docs may be a stream)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=DUTY_COLUMNS)
        writer.writeheader()
        writer.writerows(row for doc in docs for row in duty_rows([doc]))


def _sheet(wb: Any, title: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(columns)
    for row in rows:
        ws.append([row[c] for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, column in enumerate(columns, 1):
        longest = max([len(column)] + [len(str(r[column])) for r in rows if r[column] is not None])
        ws.column_dimensions[get_column_letter(i)].width = min(longest * 2 + 2, MAX_WIDTH)  # CJK: two columns
        if longest * 2 > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_xlsx(docs: list[Document], path: Path) -> None:
    """Sheet 责任分工表 (one row per measure) and sheet 协同网络 (the unit × unit edge list)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "责任分工表", DUTY_COLUMNS, duty_rows(docs))
    _sheet(wb, "协同网络", EDGE_COLUMNS, edge_rows(docs))
    wb.save(path)


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}

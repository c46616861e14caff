"""Rows (lists of dicts) as a terminal table, CSV or JSON, and as a pandas DataFrame for notebooks."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # pandas is imported on use: the CLI never needs it
    import pandas as pd


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, w = [], 0
    for ch in text:
        w += _width(ch)
        if w > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _columns(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for r in rows:
        seen.update(dict.fromkeys(r))
    return list(seen)


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, max_cell: int = 60) -> str:
    cols = _columns(rows, columns)
    cells = [[_clip(_cell(r.get(c)), max_cell) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def print_rows(rows: Sequence[dict[str, Any]], fmt: str = "table", columns: Sequence[str] | None = None,
               stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump(list(rows), stream, ensure_ascii=False, indent=1, default=str)
        stream.write("\n")
    elif fmt == "csv":
        cols = _columns(rows, columns)
        writer = csv.writer(stream)
        writer.writerow(cols)
        writer.writerows([_cell(r.get(c)) for c in cols] for r in rows)
    else:
        stream.write(format_table(rows, columns) + "\n")


def to_frame(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A pandas DataFrame of query rows, for notebooks."""
    import pandas as pd

    return pd.DataFrame(list(rows), columns=_columns(rows, columns) or None)

"""JSON Lines corpora: one raw document per line, the text under "content" or "text".

A corpus is many documents in one file (government work reports, wiki dumps), so it may be larger than any
one document, but each record is held to the single-document limit.  Any bad line makes the whole file an
error naming the line: skipping it would silently drop a document from the graph.  Wiki-sourced texts put
every link on a line of its own, so lines broken inside a paragraph are re-joined (paragraphs.py).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.readers.files import MAX_BYTES, RawDocument
from policykg.extract.readers.paragraphs import join_soft_breaks
from policykg.records import strict_json


def read(path: Path) -> list[RawDocument]:
    """One document per line; any bad line makes the whole file an error naming the line (nothing is skipped)."""
    docs: list[RawDocument] = []
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"line {lineno}: not UTF-8") from None
            try:
                rec = strict_json(line)
            except ValueError as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                raise InputError(path, f"line {lineno}: invalid JSON ({reason})") from None
            if not isinstance(rec, dict):
                raise InputError(path, f"line {lineno}: expected a JSON object")
            text = rec.get("content", rec.get("text"))
            if not isinstance(text, str) or not text.strip():
                raise InputError(path, f"line {lineno}: no \"content\" or \"text\"")
            if len(text) > MAX_BYTES:
                raise InputError(path, f"line {lineno}: too large: {len(text) / 2**20:.1f} M chars "
                                       f"> {MAX_BYTES // 2**20} M limit")
            url = rec.get("url")
            title = rec.get("title")
            docs.append(RawDocument(
                source=url if isinstance(url, str) and url else f"{path}#L{lineno}",
                text=join_soft_breaks(text),
                title=title.strip() or None if isinstance(title, str) else None,
                date=_record_date(rec),
            ))
    if not docs:
        raise InputError(path, "empty")
    return docs


def _record_date(rec: dict) -> str | None:
    for key in ("date", "year"):
        value = rec.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            return str(int(value))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None

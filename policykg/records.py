"""Extraction records: the one writer and the one reader of extraction.jsonl.

A record is one JSON object per line, per ../shared/schema/extraction.schema.json (``Document.to_record``).
Every command that reads an extraction — load, viz, query, table, evaluate, the graph builder — reads it
through ``read_records``, so a damaged line is the same one-line error naming the file and line everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from policykg.errors import InputError
from policykg.model import Document

_MAX_INT_DIGITS = 100  # a longer integer in a record is damage, not a year or a count
# In a folder policykg writes: lists the files it wrote, one a line (readers skip them, builds replace them).
OUTPUT_MARKER = ".policykg-output"


def write_records(docs: Iterable[Document], fh: IO[str]) -> None:
    """Each document as one JSON line (UTF-8 text kept as written, not \\u-escaped)."""
    for doc in docs:
        fh.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")


def is_extraction(path: Path) -> bool:
    """A JSON Lines file `policykg extract` wrote: its first record has "id" and "measures"."""
    try:
        with path.open("rb") as fh:
            record = json.loads(fh.readline(1 << 20))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(record, dict) and {"id", "measures"} <= record.keys()


def read_records(path: Path) -> Iterator[Document]:
    """The documents of an extraction file, one at a time as its lines are read, so that a reader holds one
    record, not the file; a line that is not a record is an InputError naming it, raised when it is reached."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = Document.from_record(strict_json(line))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise InputError(path, f"line {lineno}: not an extraction record ({type(exc).__name__}: {exc})") \
                    from None
            yield doc


def count_records(path: Path) -> int:
    """The number of non-blank lines of an extraction file, without parsing them: a progress bar's total."""
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def strict_json(text: str) -> object:
    """json.loads for files from outside: ValueError (JSONDecodeError for bad syntax), one line, for what
    JSON forbids or Python cannot hold.

    Python's json accepts NaN and Infinity (not JSON), turns 1e999 into inf (which int() of a year then
    fails on), raises a bare ValueError past 4300 digits and RecursionError on deep nesting; each of these
    would otherwise escape as a traceback and stop the batch.
    """
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite_float, parse_int=_bounded_int)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"number out of range: {literal[:20]}")
    return value


def _bounded_int(literal: str) -> int:
    if len(literal) > _MAX_INT_DIGITS:
        raise ValueError(f"number too long: {len(literal)} digits")
    return int(literal)

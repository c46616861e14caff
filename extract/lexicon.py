"""The rule data of extract/data/ (word lists and tables), each file read once per process.

Rules that are data — verbs, suffixes, abbreviations, region names — live in plain files so that a
domain expert extends them without touching code.  Lines starting with "#" and blank lines are comments.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _rows(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-per-line list as a set."""
    return frozenset(_rows(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated file as {first: second}."""
    out: dict[str, str] = {}
    for lineno, row in enumerate(_rows(name), start=1):
        key, sep, value = row.partition("\t")
        if not sep or not key or not value:
            raise ValueError(f"{DATA_DIR / name}: row {lineno} {row!r} needs two tab-separated columns")
        out[key.strip()] = value.strip()
    return out


def alternation(items: frozenset[str] | list[str]) -> str:
    """Regex alternation of literal words, longest first so that 建立健全 wins over 建立."""
    return "|".join(re.escape(w) for w in sorted(items, key=lambda w: (-len(w), w)))

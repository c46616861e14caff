"""The rule data of extract/data/ (word lists, tables and pattern lists), each file read once per process.

Rules that are data — verbs, suffixes, abbreviations, region names — live in plain files so that a
domain expert extends them without touching code.  Lines starting with "#" and blank lines are comments.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _numbered_rows(path: Path) -> list[tuple[int, str]]:
    """(line number, stripped line) of every line that is neither blank nor a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.strip()) for n, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def _rows(name: str) -> list[str]:
    return [line for _, line in _numbered_rows(DATA_DIR / name)]


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-per-line list as a set."""
    return frozenset(_rows(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated file as {first: second}."""
    out: dict[str, str] = {}
    for lineno, row in _numbered_rows(DATA_DIR / name):
        key, sep, value = row.partition("\t")
        if not sep or not key or not value:
            raise ValueError(f"{DATA_DIR / name}:{lineno}: {row!r} needs two tab-separated columns")
        out[key.strip()] = value.strip()
    return out


def choice_table(name: str, choices: tuple[str, ...]) -> dict[str, str]:
    """A two-column file whose second column is one of ``choices`` (a role, a field); ValueError naming the
    file, the row and the choices otherwise."""
    rows = table(name)
    for key, value in rows.items():
        if value not in choices:
            raise ValueError(f"{DATA_DIR / name}: {key}: {value!r} is none of {', '.join(choices)}")
    return rows


@cache
def patterns(name: str) -> re.Pattern[str]:
    """A one-regular-expression-per-line file as one alternation (use with search or fullmatch)."""
    return load_patterns(DATA_DIR / name)


def load_patterns(path: Path) -> re.Pattern[str]:
    """The patterns of ``path`` as one alternation; a bad pattern is a ValueError naming the file and line,
    and a file without patterns matches nothing (an empty alternation would match everything)."""
    parts: list[str] = []
    for lineno, line in _numbered_rows(path):
        try:
            re.compile(line)
        except re.error as exc:
            raise ValueError(f"{path}:{lineno}: bad pattern {line!r}: {exc}") from None
        parts.append(f"(?:{line})")
    return re.compile("|".join(parts) or r"(?!)")


def alternation(items: frozenset[str] | list[str]) -> str:
    """Regex alternation of literal words, longest first so that 建立健全 wins over 建立.

    Written as a character trie (建立(?:健全)?…): Python's re tries a flat alternation word by word, so
    a list of thousands of region names would cost thousands of comparisons at every position; the trie
    shares their prefixes, and its greedy optional tails still try the longer word first.
    """
    trie: dict = {}
    for word in set(items):
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _trie_source(trie)


def _trie_source(node: dict) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def columns(name: str, minimum: int = 1) -> list[tuple[str, ...]]:
    """A tab-separated file as rows of stripped cells; a row with fewer than ``minimum`` cells or an empty
    cell is a ValueError naming the file and line."""
    out: list[tuple[str, ...]] = []
    for lineno, row in _numbered_rows(DATA_DIR / name):
        cells = tuple(c.strip() for c in row.split("\t"))
        if len(cells) < minimum or not all(cells):
            raise ValueError(f"{DATA_DIR / name}:{lineno}: {row!r} needs {minimum} non-empty tab-separated cells")
        out.append(cells)
    return out


LEVELS = "省市区县"


@cache
def unit_table() -> dict[str, str]:
    """Every unit name as written → its canonical name or template ({R} = the document's region).

    abbreviations.tsv (explicit forms) first, then every row of local_units.tsv after each level character
    (市发展改革委, 省发展改革委 …), then the national units of national_units.tsv under their canonical name
    and each of their short forms.
    """
    out = dict(table("abbreviations.tsv"))
    for stem, template in columns("local_units.tsv", 2):
        if "{R}" not in template:
            raise ValueError(f"{DATA_DIR / 'local_units.tsv'}: {stem}: the template {template!r} lacks {{R}}")
        for level in LEVELS:
            out.setdefault(level + stem, template)
    for canonical, *aliases in columns("national_units.tsv", 1):
        for name in (canonical, *aliases):
            out.setdefault(name, canonical)
    return out


DUTY_LABEL_ROLES = ("lead", "support", "responsible", "deadline")  # the second column of duty_labels.tsv
# The second column of table_headers.tsv: what a task table's column holds (see the file's comment).
HEADER_ROLES = ("seq", "area", "subarea", "measure", "content", "lead", "support", "deadline", "other")


@cache
def duty_labels() -> dict[str, str]:
    """Note label (牵头单位) → lead / support / responsible / deadline (duty_labels.tsv).

    The one list behind the note parser, the header words of task tables and the lines the cleaner never drops
    as repeats, so a label added to the file is known everywhere.
    """
    return choice_table("duty_labels.tsv", DUTY_LABEL_ROLES)


@cache
def unit_labels() -> tuple[str, ...]:
    """The note labels that introduce units (lead, support or responsible, not deadline), longest first."""
    return tuple(sorted((label for label, role in duty_labels().items() if role != "deadline"),
                        key=len, reverse=True))


@cache
def header_roles() -> dict[str, str]:
    """Header word of a task table → the role of its column (table_headers.tsv), for table grids and text rows."""
    return choice_table("table_headers.tsv", HEADER_ROLES)

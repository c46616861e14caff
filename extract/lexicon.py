"""The rule data of extract/data/ (word lists, tables and pattern lists): the only way into that folder.

Rules that are data — verbs, suffixes, abbreviations, region names — live in plain files so that a
domain expert extends them without touching code.  Lines starting with "#" and blank lines are comments.
``FILES`` lists every file with the kind of loader that reads it; ``check`` reads all of them once at
start-up (segment.init, before any document), so a malformed row or a pattern that does not compile is one
DataFileError line naming the file and line — not a traceback, and not once per document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from policykg.errors import DataFileError

DATA_DIR = Path(__file__).with_name("data")

DUTY_LABEL_ROLES = ("lead", "support", "responsible", "deadline")  # what a note label (牵头单位：) introduces
# What a task table's column holds (see table_headers.tsv's comment).
HEADER_ROLES = ("seq", "area", "subarea", "measure", "content", "lead", "support", "deadline", "other")
HEADER_FIELDS = ("title", "issuer", "skip")  # what a labelled metadata line (标题：, 发文机关：) gives
NOTE_KINDS = ("lead", "responsible", "support", "local")  # what a note word (牵头, 负责, 配合) makes of its units
CONVENTION_EFFECTS = ("first_lead", "carry")  # what a stated convention (列第一位者为牵头单位) does
# The files whose column names one of a closed vocabulary: (column, allowed values).  Every load checks it.
CHOICES: dict[str, tuple[int, tuple[str, ...]]] = {
    "duty_labels.tsv": (1, DUTY_LABEL_ROLES), "table_headers.tsv": (1, HEADER_ROLES),
    "header_fields.tsv": (1, HEADER_FIELDS), "note_verbs.tsv": (1, NOTE_KINDS),
    "role_conventions.tsv": (1, CONVENTION_EFFECTS),
}


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
    return _table(DATA_DIR / name)


def _table(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for lineno, row in _numbered_rows(path):
        key, sep, value = row.partition("\t")
        if not sep or not key or not value:
            raise DataFileError(f"{path}:{lineno}: {row!r} needs two tab-separated columns")
        _check_choices(path, lineno, (key.strip(), value.strip()))
        out[key.strip()] = value.strip()
    return out


def _check_choices(path: Path, lineno: int, cells: tuple[str, ...]) -> None:
    """A row of a file with a closed vocabulary (CHOICES) must name one of its values."""
    column, allowed = CHOICES.get(path.name, (None, ()))
    if column is not None and len(cells) > column and cells[column] not in allowed:
        raise DataFileError(f"{path}:{lineno}: {cells[column]!r} is none of {', '.join(allowed)}")


@cache
def patterns(name: str) -> re.Pattern[str]:
    """A one-regular-expression-per-line file as one alternation (use with search or fullmatch)."""
    return load_patterns(DATA_DIR / name)


def load_patterns(path: Path) -> re.Pattern[str]:
    """The patterns of ``path`` as one alternation; a bad pattern is a DataFileError naming the file and line,
    and a file without patterns matches nothing (an empty alternation would match everything)."""
    parts: list[str] = []
    for lineno, line in _numbered_rows(path):
        try:
            re.compile(line)
        except re.error as exc:
            raise DataFileError(f"{path}:{lineno}: bad pattern {line!r}: {exc}") from None
        parts.append(f"(?:{line})")
    return re.compile("|".join(parts) or r"(?!)")


_GUARDED_BRANCHES = 4  # below this, re's own test of each branch's first character is as cheap


def alternation(items: frozenset[str] | list[str], matched: bool = False) -> str:
    """Regex alternation of literal words, longest first so that 建立健全 wins over 建立.

    Written as a character trie (建立(?:健全)?…): Python's re tries a flat alternation word by word, so
    a list of thousands of region names would cost thousands of comparisons at every position; the trie
    shares their prefixes, and its greedy optional tails still try the longer word first.  An inner node
    of many branches is guarded by a lookahead for the class of their first characters, which re tests
    with one bitmap lookup, not branch by branch.  The first level is guarded only when the pattern is
    ``matched`` at a given position: a search finds its start faster by re's own prefix scan, which a
    leading lookahead would switch off.

    >>> alternation(["建立", "建立健全", "完善"])
    '(?:完善|建立(?:健全)?)'
    """
    trie: dict = {}
    for word in set(items):
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _trie_source(trie, matched)


def _trie_source(node: dict, guarded: bool = True) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if guarded and len(branches) >= _GUARDED_BRANCHES:
        body = "(?=[" + "".join(re.escape(ch) for ch in sorted(node) if ch) + "])" + body
    return f"(?:{body})?" if "" in node else body


def columns(name: str, minimum: int = 1) -> list[tuple[str, ...]]:
    """A tab-separated file as rows of stripped cells; a row with fewer than ``minimum`` cells or an empty
    cell is a DataFileError naming the file and line."""
    return [cells for _, cells in _columns(DATA_DIR / name, minimum)]


def _columns(path: Path, minimum: int) -> list[tuple[int, tuple[str, ...]]]:
    out: list[tuple[int, tuple[str, ...]]] = []
    for lineno, row in _numbered_rows(path):
        cells = tuple(c.strip() for c in row.split("\t"))
        if len(cells) < minimum or not all(cells):
            raise DataFileError(f"{path}:{lineno}: {row!r} needs {minimum} non-empty tab-separated cells")
        _check_choices(path, lineno, cells)
        out.append((lineno, cells))
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
            raise DataFileError(f"{DATA_DIR / 'local_units.tsv'}: {stem}: the template {template!r} lacks {{R}}")
        for level in LEVELS:
            out.setdefault(level + stem, template)
    for canonical, *aliases in columns("national_units.tsv", 1):
        for name in (canonical, *aliases):
            out.setdefault(name, canonical)
    return out


def userdict_path() -> Path:
    """The jieba user dictionary (jieba reads it by path)."""
    return DATA_DIR / "userdict.txt"


_IDEOGRAPH_LINE = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})\s*(?:#.*)?$")


def ideograph_ranges() -> list[tuple[int, int, int]]:
    """(first, last code point, the unified ideograph) of equivalent_unified_ideographs.txt (Unicode's format)."""
    return _ideograph_ranges(DATA_DIR / "equivalent_unified_ideographs.txt")


def _ideograph_ranges(path: Path) -> list[tuple[int, int, int]]:
    """The ranges; a line whose ideograph is itself mapped by another line is an error (the folds are applied
    one character after another, clean.fold_width, and must not depend on their order)."""
    out, lines = [], []
    for lineno, line in _numbered_rows(path):
        m = _IDEOGRAPH_LINE.match(line)
        if not m:
            raise DataFileError(f"{path}:{lineno}: {line!r} is not 'XXXX[..YYYY] ; ZZZZ'")
        out.append((int(m[1], 16), int(m[2] or m[1], 16), int(m[3], 16)))
        lines.append((lineno, line))
    mapped = {cp for first, last, _ in out for cp in range(first, last + 1)}
    for (lineno, line), (_, _, unified) in zip(lines, out, strict=True):
        if unified in mapped:
            raise DataFileError(f"{path}:{lineno}: {line!r} maps to a character that is itself mapped")
    return out


def _userdict(path: Path) -> None:
    """jieba's format: a word, then optionally its frequency and a lowercase tag (GUIDE: jieba's pitfall)."""
    for lineno, line in _numbered_rows(path):
        parts = line.split()
        if len(parts) > 3 or (len(parts) > 1 and not parts[1].isdigit()) or (
                len(parts) == 3 and not re.fullmatch(r"[a-z]+", parts[2])):
            raise DataFileError(f"{path}:{lineno}: {line!r} is not 'word [frequency] [lowercase tag]'")


def _regex_table(path: Path) -> None:
    """Two columns whose first is a regular expression (role_conventions.tsv)."""
    for lineno, (pattern, *_) in _columns(path, 2):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DataFileError(f"{path}:{lineno}: bad pattern {pattern!r}: {exc}") from None


def _words(path: Path) -> None:
    _numbered_rows(path)


def _min_columns(minimum: int) -> Callable[[Path], object]:
    return lambda path: _columns(path, minimum)


_WORDS, _TABLE, _PATTERNS = _words, _table, load_patterns
# Every file of extract/data/ and the loader that reads it: check() reads them all, and a file not listed
# here, or listed and missing, is an error.
FILES: dict[str, Callable[[Path], object]] = {
    "abbreviations.tsv": _TABLE, "addressee_patterns.txt": _PATTERNS, "area_fragments.txt": _PATTERNS,
    "area_noise.txt": _PATTERNS, "boilerplate.txt": _PATTERNS, "collective_units.tsv": _TABLE,
    "department_stems.txt": _WORDS, "divisions.tsv": _min_columns(3), "duty_labels.tsv": _TABLE, "epithets.txt": _WORDS,
    "equivalent_unified_ideographs.txt": _ideograph_ranges, "framing_subjects.txt": _WORDS, "header_fields.tsv": _TABLE,
    "link_list_headers.txt": _PATTERNS, "local_units.tsv": _min_columns(2), "locality_words.txt": _WORDS,
    "measure_adverbs.txt": _WORDS, "measure_prepositions.txt": _WORDS, "name_breakers.txt": _WORDS,
    "name_breaking_chars.txt": _WORDS, "name_stop_words.txt": _WORDS, "national_markers.txt": _WORDS,
    "national_units.tsv": _min_columns(1), "no_task_sections.txt": _PATTERNS, "not_aspect_starts.txt": _WORDS,
    "not_institutions.txt": _WORDS, "note_verbs.tsv": _TABLE, "object_prepositions.txt": _WORDS,
    "object_verbs.txt": _WORDS, "org_suffixes.tsv": _TABLE, "page_metadata.tsv": _TABLE, "person_roles.txt": _WORDS,
    "placeholders.txt": _WORDS, "policy_verbs.txt": _WORDS, "preposition_endings.txt": _WORDS,
    "programme_modifiers.txt": _WORDS, "regions.tsv": _TABLE, "reporting_words.txt": _WORDS, "result_verbs.txt": _WORDS,
    "review_headings.txt": _PATTERNS, "role_conventions.tsv": _regex_table, "short_unit_names.txt": _WORDS,
    "table_headers.tsv": _TABLE, "unit_tails.txt": _WORDS, "userdict.txt": _userdict, "verb_objects.txt": _WORDS,
}


def validate(data_dir: Path) -> None:
    """Read every file of ``data_dir`` with its loader; the first problem is a DataFileError naming the file
    (and line), as is a file missing from the folder or from FILES."""
    present = {p.name for p in data_dir.iterdir() if p.is_file()}
    unlisted = sorted(present - FILES.keys())
    if unlisted:
        raise DataFileError(f"{data_dir / unlisted[0]}: not listed in extract/lexicon.py FILES")
    for name, load in FILES.items():
        if name not in present:
            raise DataFileError(f"{data_dir / name}: missing (listed in extract/lexicon.py FILES)")
        try:
            load(data_dir / name)
        except UnicodeDecodeError:
            raise DataFileError(f"{data_dir / name}: not UTF-8") from None


@cache
def check() -> None:
    """Validate extract/data/ once per process (segment.init calls it before any document is read)."""
    validate(DATA_DIR)




@cache
def duty_labels() -> dict[str, str]:
    """Note label (牵头单位) → lead / support / responsible / deadline (duty_labels.tsv).

    The one list behind the note parser, the header words of task tables and the lines the cleaner never drops
    as repeats, so a label added to the file is known everywhere.
    """
    return table("duty_labels.tsv")


@cache
def unit_labels() -> tuple[str, ...]:
    """The note labels that introduce units (lead, support or responsible, not deadline), longest first."""
    return tuple(sorted((label for label, role in duty_labels().items() if role != "deadline"),
                        key=len, reverse=True))


@cache
def header_roles() -> dict[str, str]:
    """Header word of a task table → the role of its column (table_headers.tsv), for table grids and text rows."""
    return table("table_headers.tsv")

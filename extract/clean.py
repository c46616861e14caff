"""Clean decoded text before extraction: fold widths, drop page boilerplate, keep a repeated body once.

Everything here removes or normalises whole lines and never rewrites a sentence: a measure's span in the
cleaned text must point at words the document really contains.  Scraped news pages carry app prompts,
picture credits and comment widgets as lines of their own, and often the article body twice; left in, they
become bogus measures, bogus institutions (界面新闻) and duplicated duties.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.extract.ideographs import ideograph_folds
from policykg.extract.lexicon import alternation, patterns, unit_labels
from policykg.extract.link_lists import link_list_lines

# Only lines up to this length are tested against the boilerplate patterns (which bound their own length
# too): page furniture is short, and a long line is a sentence whose words must survive even when it
# happens to contain 评论 or 来源.
BOILERPLATE_MAX_CHARS = 200
# A paragraph repeated on its own (not inside a repeated run) is dropped from this length on; shorter
# repeats are headings or list labels that may legitimately recur.
MIN_REPEAT_CHARS = 20

# Full-width ASCII forms (U+FF01–U+FF5E) to ASCII and the ideographic space to a space, so that （ ） ； ：，
# read as ( ) ; : , for every later rule; 、。《》“”… are Chinese punctuation proper and stay.
_WIDTH_FOLD = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD.update({"\u3000": " ", "\xa0": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": ""})
_WIDTH_FOLD.update(ideograph_folds())  # ⾰ → 革: radical look-alikes of PDFs printed from web pages
# fold_width replaces one folded character after another: no fold yields a character folded again (ASCII,
# blanks, and unified ideographs, which the lexicon checks are no radicals of its table)


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) runs: a class of ranges keeps the regex fast."""
    runs: list[tuple[int, int]] = []
    for cp in points:
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


# The characters to fold are found by one regex search, and each one present is replaced by str.replace
# (a text holds a dozen of them, thousands of times): str.translate with a dict looks up every character
# and is four times slower on Chinese text, a substitution calling Python per match twice as slow.
_WIDTH_FOLD_RE = re.compile("[" + "".join(
    re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
    for a, b in _ranges(sorted(map(ord, _WIDTH_FOLD)))) + "]")
# Every other line break becomes \n once each \r\n has been replaced by \n (one class: re's prefix scan
# finds it, while a first branch \r\n? would have it tried at every position).
_LINE_BREAKS = re.compile(r"[\r\u2028\u2029\x0b\x0c\x85]")
# A line naming who is responsible must never be dropped as a "repeat": in task lists the same units are
# charged with many tasks, line after line.


def fold_width(text: str) -> str:
    """Full-width ASCII to ASCII, ideographic and no-break spaces to spaces, zero-width characters removed,
    radical look-alikes to their ideographs."""
    for ch in set(_WIDTH_FOLD_RE.findall(text)):
        text = text.replace(ch, _WIDTH_FOLD[ch])
    return text


def is_boilerplate(line: str) -> bool:
    """True for a (stripped, width-folded) line that is page furniture, not document text."""
    return len(line) <= BOILERPLATE_MAX_CHARS and patterns("boilerplate.txt").fullmatch(line) is not None


def clean_text(text: str) -> str:
    """Normalised text: one line per paragraph or heading, single blank lines, no boilerplate, no footer link
    lists, no repeats."""
    lines: list[str] = []
    gaps: list[bool] = []  # a blank line stood between this line and the previous non-blank one
    gap = False
    for raw in _LINE_BREAKS.sub("\n", fold_width(text).replace("\r\n", "\n")).split("\n"):
        line = raw.strip()
        if not line:
            gap = True
        else:
            lines.append(line)
            gaps.append(gap)
            gap = False
    # link lists first: their headings (相关链接) are boilerplate lines too, and mark where a list starts
    listed = link_list_lines(lines)
    keep = [not out and not is_boilerplate(line) for line, out in zip(lines, listed, strict=True)]
    lines, gaps = _kept(lines, gaps, keep)
    kept, kept_gaps = _drop_repeats(lines, gaps)
    parts: list[str] = []
    for line, blank_before in zip(kept, kept_gaps, strict=True):
        if parts:
            parts.append("\n\n" if blank_before else "\n")
        parts.append(line)
    return "".join(parts)


def _kept(lines: list[str], gaps: list[bool], keep: list[bool]) -> tuple[list[str], list[bool]]:
    """The lines to keep, each with a gap before it when a blank line stood before it or before a line
    dropped since the previous kept one."""
    kept: list[str] = []
    kept_gaps: list[bool] = []
    pending = False
    for line, gap, wanted in zip(lines, gaps, keep, strict=True):
        if wanted:
            kept.append(line)
            kept_gaps.append(gap or pending)
            pending = False
        else:
            pending = pending or gap
    return kept, kept_gaps


def _drop_repeats(lines: list[str], gaps: list[bool]) -> tuple[list[str], list[bool]]:
    """Keep the first copy of a repeated body.

    Scraped pages often print the article twice (or the title twice around an app prompt).  A line equal to
    an earlier kept line is dropped when it directly repeats the previous line, when it starts a run of at
    least two lines repeating the earlier copy in order and the run holds a real paragraph, or when it is a
    long paragraph on its own.  Lines naming responsible units are never dropped alone: several tasks may
    share the same lead and support units.

    Linear in the number of lines (up to a logarithm per dropped run): stretches of lines are compared by
    polynomial hashes of their line numbers (``_Hashes``), a dropped run's length is found by binary search
    instead of walking it, and the first real paragraph at or after a line is looked up, each line tested at
    most once.
    """
    number: dict[str, int] = {}
    codes = [number.setdefault(line, len(number) + 1) for line in lines]
    if len(number) == len(lines):  # no line repeats: nothing to drop
        return list(lines), list(gaps)
    ahead = _Hashes(codes)
    behind = _Hashes([])  # of the kept lines, grown as they are kept
    substantial = _NextSubstantial(lines)
    kept: list[str] = []
    kept_gaps: list[bool] = []
    first: dict[str, int] = {}
    pending_gap = False
    i = 0
    while i < len(lines):
        j = first.get(lines[i])
        drop = 0 if j is None else _repeat_length(i, j, len(kept), ahead, behind, substantial)
        if drop:
            pending_gap = pending_gap or any(gaps[i:i + drop])
            i += drop
            continue
        first.setdefault(lines[i], len(kept))
        kept.append(lines[i])
        behind.append(codes[i])
        kept_gaps.append(gaps[i] or pending_gap)
        pending_gap = False
        i += 1
    return kept, kept_gaps


def _repeat_length(i: int, j: int, kept: int, ahead: _Hashes, behind: _Hashes, substantial: _NextSubstantial) -> int:
    """How many lines from line ``i`` to drop as a repeat of kept line ``j`` (0: keep line i).

    A run is dropped when it is 2+ lines long and reaches a real paragraph: it suffices to compare that many
    lines (runs that match are prefixes of each other); only a run to drop is measured.
    """
    if j == kept - 1:
        return 1
    limit = min(len(substantial.lines) - i, kept - j)
    real = substantial.first_at(i)
    least = max(2, real - i + 1)
    if least <= limit and ahead.of(i, least) == behind.of(j, least):
        return _common_run(ahead, i, behind, j, limit)
    return 1 if real == i else 0


class _NextSubstantial:
    """The first real paragraph at or after a line, for lines asked about in increasing order: each line is
    tested at most once."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.next_real = -1  # the first substantial line at or after the last line asked about (len: none)
        self.tested = 0  # lines[:tested] have been tested where it mattered

    def first_at(self, i: int) -> int:
        if self.next_real < i:
            k = max(i, self.tested)
            while k < len(self.lines) and not _substantial(self.lines[k]):
                k += 1
            self.next_real, self.tested = k, k + 1
        return self.next_real


class _Hashes:
    """Prefix hashes of a sequence of line numbers: any stretch's hash in O(1), to compare stretches."""

    MOD = (1 << 61) - 1  # a Mersenne prime: two different stretches collide with odds ~ length / 2**61
    BASE = 1_000_003
    _powers = [1]

    def __init__(self, codes: list[int]) -> None:
        self.prefix = [0]
        for code in codes:
            self.append(code)

    def append(self, code: int) -> None:
        self.prefix.append((self.prefix[-1] * self.BASE + code) % self.MOD)
        while len(self._powers) < len(self.prefix):
            self._powers.append(self._powers[-1] * self.BASE % self.MOD)

    def of(self, start: int, length: int) -> int:
        return (self.prefix[start + length] - self.prefix[start] * self._powers[length]) % self.MOD


def _common_run(a: _Hashes, i: int, b: _Hashes, j: int, limit: int) -> int:
    """Length of the longest common stretch of a from i and b from j, at most ``limit`` (binary search)."""
    low, high = 0, limit  # a[i:i+low] == b[j:j+low]; the answer is at most high
    while low < high:
        mid = (low + high + 1) // 2
        if a.of(i, mid) == b.of(j, mid):
            low = mid
        else:
            high = mid - 1
    return low


@cache
def _duty_line() -> re.Pattern[str]:
    """A line naming responsible units: several tasks often share one, so it is never dropped as a repeat."""
    return re.compile(alternation(list(unit_labels())))


def _substantial(line: str) -> bool:
    return len(line) >= MIN_REPEAT_CHARS and _duty_line().search(line) is None

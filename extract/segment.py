"""Word segmentation with jieba's algorithm and dictionary, set up once per process with the project's user dictionary.

jieba loads its 20 MB model lazily on first use and logs to stderr; doing that inside every worker (or
after forking) costs seconds per process, so ``init()`` loads the model and our dictionaries once, in
the parent, before any worker is forked.  The user dictionary makes unit names such as 上海市司法局,
深改组 and 公共法律服务中心 single tokens; every alias of the abbreviation table (市委深改组) is added as well,
so 省经信厅 is not split into 省经 / 信厅.

Two backends run the same algorithm (prefix DAG over the dictionary, best route by log frequency, HMM for
runs of unknown characters) on the same dictionary:

- ``rjieba`` (the binding of jieba-rs, ~18x faster) when it is installed — the default;
- plain ``jieba``, the reference, when rjieba is absent or ``POLICYKG_SEGMENTER=jieba`` is set.

rjieba is given jieba's final word table (jieba's dict.txt plus our user words, exactly as jieba holds them
after ``init``), not its own copy of dict.txt, and a padding entry that makes its frequency total equal to
jieba's (jieba adds a re-added word's frequency to the total again, jieba-rs replaces it), so both score every
route alike.  The one remaining difference is in jieba-rs's HMM step, whose pattern for Latin letters and digits
has an unescaped dot (``[a-zA-Z0-9]+(?:.\\d+)?%?``): among unknown characters it keeps 2011-2020, 5+3 or 1%2
as one token where jieba cuts 2011 / - / 2020.  ``_as_jieba`` cuts such tokens with jieba's own pattern.
tests/extract/test_segment.py checks the tokens on hostile mixes of Latin, digits and signs, and the extraction
output of both backends on every corpus.

Token differences found, and what became of them (corpus/, tests/data, ../shared/corpus: 103 documents, and
60,000 random mixes of Han, Latin, digits, signs, spaces and full-width forms):

- 2011-2020, 2006-2020 (the only two in the 72 reports, 1.1 M characters), and in the random mixes 3-Y4, 9_Y,
  Y.c, 5%3, 23Z3-a: jieba-rs's HMM step keeps them whole, jieba cuts 2011 / - / 2020 — cut by ``_as_jieba``;
- any difference from jieba-rs's own copy of dict.txt or from its frequency total: avoided by giving it
  jieba's word table and total (above);
- none remains: with both measures the tokens were identical on every text tried.
"""

from __future__ import annotations

import logging
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import accumulate

import jieba

from policykg.errors import PolicykgError
from policykg.extract import lexicon
from policykg.extract.lexicon import unit_table, userdict_path, words

try:
    import rjieba
except ImportError:  # optional speed-up: plain jieba gives the same tokens
    rjieba = None

BACKEND_VARIABLE = "POLICYKG_SEGMENTER"  # "jieba" forces the reference backend; "rjieba" requires the fast one
_ALIAS_FREQ = 2000  # high enough that an alias beats any split of it in jieba's DAG
# jieba dictionary tags of words that never begin or continue a unit name: verbs, adverbs, pronouns,
# prepositions, conjunctions, particles, numerals, measure words, time and direction words.
_FUNCTION_TAGS = frozenset("v vd vi vg vq d ad dg p c u uj ul ud ug uz uv r rr rz m mq q t tg f y e o z".split())
_PERSON_TAGS = frozenset(("nr", "nrfg", "nrt"))
# Private-use characters: never in a policy text, they carry the frequency that evens rjieba's total with jieba's.
_PADDING_WORD = "\ue000\ue001\ue002"
# The non-Han characters of jieba's blocks: Latin letters, digits and a few signs.  In a stretch of them jieba-rs's
# HMM step may join what jieba cuts when a letter or digit stands next to a sign.
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")
_LATIN_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]+")
# A letter or digit then a sign, or a sign then a letter or digit: written as one class first, the pair
# told apart by a lookbehind, so that re's prefix scan finds the first character (3.5× faster than two
# branches that each open with a class, which re tries at every position).
_SIGN_NEXT_TO_LATIN = re.compile(r"[a-zA-Z0-9+#&._%\-](?:(?<=[a-zA-Z0-9])[+#&._%\-]|(?<=[+#&._%\-])[a-zA-Z0-9])")
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # jieba.finalseg.re_skip


@cache
def init() -> None:
    """Load jieba's model and the user dictionaries (once per process: cached; call before forking workers)."""
    lexicon.check()  # every rule file read once, before any document: a broken one is one line
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(userdict_path()))
    for alias in unit_table():
        jieba.add_word(alias, _ALIAS_FREQ, "nt")
    for stem in words("department_stems.txt"):  # 住房和城乡建设 部: 和 inside the name is no conjunction
        jieba.add_word(stem, _ALIAS_FREQ, "n")
    _tagged()
    _rust()


def backend() -> str:
    """The segmenter in use: "rjieba" or "jieba" (see the module docstring)."""
    wanted = os.environ.get(BACKEND_VARIABLE, "").strip().lower()
    if wanted not in ("", "jieba", "rjieba"):
        raise PolicykgError(f"{BACKEND_VARIABLE}={wanted!r}: expected jieba or rjieba")
    if wanted == "rjieba" and rjieba is None:
        raise PolicykgError(f"{BACKEND_VARIABLE}=rjieba but rjieba is not installed (pip install rjieba)")
    return "jieba" if wanted == "jieba" or rjieba is None else "rjieba"


@cache
def _rust():
    """An rjieba segmenter holding exactly jieba's word table and total (None when the backend is jieba)."""
    if backend() != "rjieba":
        return None
    seg = rjieba.Jieba.empty()
    held = 0
    for word, freq in jieba.dt.FREQ.items():
        if freq:  # frequency 0 marks a prefix (or a deleted word): no word for jieba's DAG
            seg.add_word(word, freq, None)
            held += freq
    if jieba.dt.total > held:
        seg.add_word(_PADDING_WORD, jieba.dt.total - held, None)
    return seg


@cache
def function_words() -> frozenset[str]:
    """Words jieba's own dictionary tags as verbs, adverbs, pronouns … (肯定, 充分, 各级).

    A lookup in the dictionary's tag column, read once — not part-of-speech tagging of the text, which
    would cost five segmentations per document.
    """
    return _tagged()[0]


@cache
def person_names() -> frozenset[str]:
    """Words jieba's dictionary tags as persons' names (nr): 蒋介石, 李承晚 — read with function_words."""
    return _tagged()[1]


@cache
def _tagged() -> tuple[frozenset[str], frozenset[str]]:
    """The words of jieba's own dictionary tagged as function words, and those tagged as persons' names:
    one reading of its 350,000 lines (0.3 s) for both, done by init() before any document or fork."""
    function: set[str] = set()
    persons: set[str] = set()
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                if parts[2] in _FUNCTION_TAGS:
                    function.add(parts[0])
                elif parts[2] in _PERSON_TAGS:
                    persons.add(parts[0])
    return frozenset(function), frozenset(persons)


def dictionary() -> dict[str, int]:
    """jieba's word → frequency table (prefixes of words stand in it with frequency 0).

    A token missing from it, or of frequency 0, was guessed by jieba's HMM from unknown characters.
    """
    init()
    return jieba.dt.FREQ


def tokens(text: str) -> list[str]:
    """jieba's default segmentation (HMM on) of ``text``; the tokens concatenate back to ``text``."""
    init()
    seg = _rust()
    if seg is None:
        return jieba.lcut(text)
    return _as_jieba(text, seg.cut(text))


def _as_jieba(text: str, found: list[str]) -> list[str]:
    """rjieba's tokens with the Latin, digits and signs among unknown characters cut as jieba cuts them.

    Both backends hand the same stretches of unknown characters to the HMM step (same dictionary, same
    routes); only the cut of their non-Han parts differs.  Such a part is a run of tokens of Latin letters,
    digits and signs that are no dictionary words; jieba cuts it with ``_JIEBA_SKIP``, and so do we.  Only
    the tokens over a stretch that ``_signed_stretches`` finds are looked at.
    """
    stretches = list(_signed_stretches(text))
    if not stretches:
        return found
    ends = list(accumulate(map(len, found)))
    out: list[str] = []
    done = 0
    for start, end in stretches:
        first, last = bisect_right(ends, start), bisect_left(ends, end) + 1
        if first < done:  # one token spans two stretches: a dictionary word, already copied
            continue
        out.extend(found[done:first])
        out.extend(_recut(found[first:last]))
        done = last
    out.extend(found[done:])
    return out


def _signed_stretches(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal stretch of ``_LATIN`` characters holding a sign next to a letter or digit.

    Linear: each stretch is found once from its first such pair, then walked back to its start and matched on
    to its end; the next search starts after it.
    """
    pos = 0
    while (pair := _SIGN_NEXT_TO_LATIN.search(text, pos)) is not None:
        start = pair.start()
        while start and text[start - 1] in _LATIN:
            start -= 1
        end = _LATIN_RUN.match(text, pair.start()).end()
        yield start, end
        pos = end


def _recut(found: list[str]) -> list[str]:
    """Runs of Latin-and-sign tokens that are no dictionary words, cut again with jieba's pattern."""
    freq = jieba.dt.FREQ
    out: list[str] = []
    run: list[str] = []
    for token in [*found, ""]:  # "" ends the last run
        if token and (len(token) == 1 or not freq.get(token)) and _LATIN_RUN.fullmatch(token):
            run.append(token)
            continue
        if run:
            out.extend(part for part in _JIEBA_SKIP.split("".join(run)) if part)
            run.clear()
        if token:
            out.append(token)
    return out

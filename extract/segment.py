"""Word segmentation with jieba, set up once per process with the project's user dictionary.

jieba loads its 20 MB model lazily on first use and logs to stderr; doing that inside every worker (or
after forking) costs seconds per process, so ``init()`` loads the model and our dictionaries once, in
the parent, before any worker is forked.  The user dictionary makes unit names such as 上海市司法局,
深改组 and 公共法律服务中心 single tokens; every alias of the abbreviation table (市委深改组) is added as well,
so 省经信厅 is not split into 省经 / 信厅.
"""

from __future__ import annotations

import logging
from functools import cache

import jieba

from extract.lexicon import DATA_DIR, unit_table, words

USER_DICT = DATA_DIR / "userdict.txt"
_ALIAS_FREQ = 2000  # high enough that an alias beats any split of it in jieba's DAG
# jieba dictionary tags of words that never begin or continue a unit name: verbs, adverbs, pronouns,
# prepositions, conjunctions, particles, numerals, measure words, time and direction words.
_FUNCTION_TAGS = frozenset("v vd vi vg vq d ad dg p c u uj ul ud ug uz uv r rr rz m mq q t tg f y e o z".split())


@cache
def init() -> None:
    """Load jieba's model and the user dictionaries (once per process: cached; call before forking workers)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(USER_DICT))
    for alias in unit_table():
        jieba.add_word(alias, _ALIAS_FREQ, "nt")
    for stem in words("department_stems.txt"):  # 住房和城乡建设 部: 和 inside the name is no conjunction
        jieba.add_word(stem, _ALIAS_FREQ, "n")
    function_words()


@cache
def function_words() -> frozenset[str]:
    """Words jieba's own dictionary tags as verbs, adverbs, pronouns … (肯定, 充分, 各级).

    A lookup in the dictionary's tag column, read once (0.3 s) — not part-of-speech tagging of the text,
    which would cost five segmentations per document.
    """
    found: set[str] = set()
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in _FUNCTION_TAGS:
                found.add(parts[0])
    return frozenset(found)


def dictionary() -> dict[str, int]:
    """jieba's word → frequency table (prefixes of words stand in it with frequency 0).

    A token missing from it, or of frequency 0, was guessed by jieba's HMM from unknown characters.
    """
    init()
    return jieba.dt.FREQ


def tokens(text: str) -> list[str]:
    """jieba's default segmentation (HMM on) of ``text``; the tokens concatenate back to ``text``."""
    init()
    return jieba.lcut(text)

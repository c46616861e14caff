"""Word segmentation with jieba, set up once per process with the project's user dictionary.

jieba loads its 20 MB model lazily on first use and logs to stderr; doing that inside every worker (or
after forking) costs seconds per process, so ``init()`` loads the model and our dictionaries once, in
the parent, before any worker is forked.  The user dictionary makes unit names such as 上海市司法局,
市委深改组 and 公共法律服务中心 single tokens; every alias of the abbreviation table is added as well,
so 省经信厅 is not split into 省经 / 信厅.
"""

from __future__ import annotations

import logging

import jieba

from extract.lexicon import DATA_DIR, table

USER_DICT = DATA_DIR / "userdict.txt"
_ALIAS_FREQ = 2000  # high enough that an alias beats any split of it in jieba's DAG
_ready = False


def init() -> None:
    """Load jieba's model and the user dictionaries (idempotent; call before forking workers)."""
    global _ready
    if _ready:
        return
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(USER_DICT))
    for alias in table("abbreviations.tsv"):
        jieba.add_word(alias, _ALIAS_FREQ, "nt")
    _ready = True


def tokens(text: str) -> list[str]:
    """jieba's default segmentation (HMM on) of ``text``; the tokens concatenate back to ``text``."""
    init()
    return jieba.lcut(text)

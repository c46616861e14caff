"""Radical look-alikes to the ideographs they stand for (⼈ → 人, ⻅ → 见, ⺠ → 民, ⾰ → 革).

PDFs printed from web pages often carry Kangxi radicals and CJK radical-supplement characters in place of
ordinary ideographs: they look the same, so nobody notices, but 改⾰ is not 改革 to a dictionary, a
regular expression or a reader searching the graph.  The mapping is Unicode's Equivalent_Unified_Ideograph
property (extract/data/equivalent_unified_ideographs.txt); NFKC covers only the Kangxi block.  CJK
compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F: duplicates kept for round trips with old
character sets) go to the ideograph their canonical decomposition names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from policykg.extract.lexicon import DATA_DIR

_LINE = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})\s*(?:#.*)?$")


@cache
def equivalent_ideographs() -> dict[str, str]:
    """{radical character: unified ideograph}; a malformed line is a ValueError naming the file and line."""
    path = DATA_DIR / "equivalent_unified_ideographs.txt"
    out: dict[str, str] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise ValueError(f"{path}:{lineno}: {line!r} is not 'XXXX[..YYYY] ; ZZZZ'")
        first = int(m[1], 16)
        for cp in range(first, int(m[2] or m[1], 16) + 1):
            out[chr(cp)] = chr(int(m[3], 16))
    return out


@cache
def ideograph_folds() -> dict[str, str]:
    """Every character folded to a unified ideograph: radical look-alikes and compatibility ideographs."""
    out = dict(equivalent_ideographs())
    for first, last in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(first, last + 1):
            ch = chr(cp)
            unified = unicodedata.normalize("NFC", ch)
            if unified != ch and len(unified) == 1:
                out[ch] = unified
    return out

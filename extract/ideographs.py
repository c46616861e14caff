"""Radical look-alikes to the ideographs they stand for (⼈ → 人, ⻅ → 见, ⺠ → 民, ⾰ → 革).

PDFs printed from web pages often carry Kangxi radicals and CJK radical-supplement characters in place of
ordinary ideographs: they look the same, so nobody notices, but 改⾰ is not 改革 to a dictionary, a
regular expression or a reader searching the graph.  The mapping is Unicode's Equivalent_Unified_Ideograph
property (extract/data/equivalent_unified_ideographs.txt); NFKC covers only the Kangxi block.  CJK
compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F: duplicates kept for round trips with old
character sets) go to the ideograph their canonical decomposition names.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from policykg.extract.lexicon import ideograph_ranges


@cache
def equivalent_ideographs() -> dict[str, str]:
    """{radical character: unified ideograph}; a malformed line is a DataFileError naming the file and line."""
    return {chr(cp): chr(unified) for first, last, unified in ideograph_ranges() for cp in range(first, last + 1)}


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

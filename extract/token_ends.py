"""The tokens of a document that may end a unit name, found by one regex search instead of a test per token.

A name ends in an institution suffix (局 厅 委 …) or is a listed name (全国人大, 最高法), so only a token whose
last character ends one of those can end it.  Testing that in Python for each of a document's tokens cost 9%
of an extraction; joining the tokens with a separator and searching the joined string for such a character
before a separator is one pass in C, and a token's index is the count of separators before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from policykg.extract.lexicon import unit_table
from policykg.extract.unit_kinds import suffix_last_chars

# No reader lets a control character through (readers/chars.py); a token holding one anyway is searched with
# a blank in its place, so the count of separators stays the count of tokens.
SEPARATOR = "\x00"


@cache
def _ending() -> re.Pattern[str]:
    """A character that ends an institution suffix or a listed name, then the separator after its token."""
    chars = suffix_last_chars() | {name[-1] for name in unit_table()}
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]" + SEPARATOR)


def ending_tokens(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """(index, end offset in the text the tokens spell) of every token whose last character may end a name.

    >>> list(ending_tokens(["由", "市", "信访办", "负责"]))
    [(2, 5)]
    """
    joined = SEPARATOR.join(tokens) + SEPARATOR
    if joined.count(SEPARATOR) != len(tokens):
        joined = SEPARATOR.join(t.replace(SEPARATOR, " ") for t in tokens) + SEPARATOR
    i = at = 0  # the index of the token ending at joined[at]
    for m in _ending().finditer(joined):
        i += joined.count(SEPARATOR, at, m.end() - 1)
        at = m.end() - 1
        yield i, at - i

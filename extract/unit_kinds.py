"""What the end of a unit name says of it: its institution suffix (局 厅 委 中心 …) and its kind.

Both the mention scanner and the canonical names ask this of a name, and the duty notes ask whether a
written list item looks like a unit; the one suffix table (extract/data/org_suffixes.tsv) answers all three.
"""

from __future__ import annotations

from functools import cache

from policykg.extract.lexicon import table

PARTY = "中共"
LEVEL_CHARS = frozenset("省市区县")


@cache
def _suffixes() -> dict[str, str]:
    return table("org_suffixes.tsv")


@cache
def _suffixes_by_last_char() -> dict[str, tuple[str, ...]]:
    """The suffixes grouped by their last character, longest first: a token is compared with the few that
    can end it, and the first that does is the longest."""
    groups: dict[str, list[str]] = {}
    for suffix in _suffixes():
        groups.setdefault(suffix[-1], []).append(suffix)
    return {ch: tuple(sorted(group, key=len, reverse=True)) for ch, group in groups.items()}


@cache
def suffix_last_chars() -> frozenset[str]:
    """The last characters of the institution suffixes (局 厅 委 …): a name ends in one of them."""
    return frozenset(_suffixes_by_last_char())


def org_suffix(token: str) -> str | None:
    """The longest institution suffix ``token`` ends with, or None.

    >>> org_suffix("上海市司法局"), org_suffix("市政务服务中心")
    ('局', '服务中心')
    >>> org_suffix("改革") is None
    True
    """
    if not token:
        return None
    return next((s for s in _suffixes_by_last_char().get(token[-1], ()) if token.endswith(s)), None)


def kind_of(name: str) -> str | None:
    """Coarse type of a unit for the graph views: party, government, judicial, service, social, enterprise.

    >>> kind_of("中共上海市委办公厅"), kind_of("上海市司法局")
    ('party', 'government')
    """
    if name.startswith(PARTY) or name.endswith(("党委", "纪委")):
        return "party"
    suffix = org_suffix(name)
    return _suffixes()[suffix] if suffix else None

"""Which province or city a document belongs to, read from the document itself.

The region qualifies abbreviated unit names (市司法局 → 上海市司法局), so it must come from the text, never
from a constant: the title first, then the most frequent region name in the text when it clearly
dominates.  National documents (government work reports mention many provinces a few times each) get
None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from policykg.extract.lexicon import alternation, columns, table, words

# A region named in the body must be this frequent to be the document's region ...
MIN_MENTIONS = 3
MIN_SHARE = 0.5  # ... hold at least this share of all region mentions ...
MIN_PER_1000_CHARS = 0.5  # ... and this density (a national report names 台湾 a few times in 30 000 chars)


@dataclass(frozen=True)
class Region:
    full: str  # 上海市, 浙江省
    short: str  # 上海, 浙江
    province: str | None = None  # the province a city or county lies in (广州市 → 广东省)

    @property
    def level(self) -> str:
        """The administrative level character abbreviations use: 市 for 上海市, 省 for 浙江省, 区 for 自治区."""
        return self.full[-1]


@cache
def regions() -> dict[str, Region]:
    """Every known region by full and by short name."""
    shorts = table("regions.tsv")
    out: dict[str, Region] = {}
    for full, short, province in columns("divisions.tsv", 3):  # every division (cpca's table)
        region = Region(full, shorts.get(full, short), province if province != full else None)
        out.setdefault(full, region)
        out.setdefault(region.short, region)
    for full, short in shorts.items():  # the hand list's short names win
        region = out.get(full) or Region(full, short)
        out[full] = out[short] = region
    return out


def province_of(region: Region) -> Region | None:
    """The province a city or county lies in (广州市 → 广东省), for 省委办公厅 in a Guangzhou text."""
    return regions().get(region.province) if region.province else None


@cache
def region_pattern() -> re.Pattern[str]:
    return re.compile(alternation(list(regions())))


@cache
def _body_pattern() -> re.Pattern[str]:
    hand = table("regions.tsv")
    return re.compile(alternation([*hand, *hand.values()]))


@cache
def national_pattern() -> re.Pattern[str]:
    return re.compile(alternation(words("national_markers.txt")))


def region_prefix(name: str) -> tuple[Region | None, str]:
    """Split a leading region name off a unit name: 上海市司法局 → (上海市, 市司法局).

    Only the short name is removed, so the level character stays for the abbreviation rules.
    """
    m = region_pattern().match(name)
    if not m:
        return None, name
    region = regions()[m.group()]
    return region, name[len(region.short):]


def detect_region(title: str | None, text: str) -> Region | None:
    """The region the title names, else the region the text names most, if it clearly dominates."""
    pattern = region_pattern()
    if title:
        found = Counter(regions()[m].full for m in pattern.findall(title))
        if found:
            return regions()[found.most_common(1)[0][0]]
        if national_pattern().search(title):
            return None
    # the body is counted with the hand list of provinces and main cities only: a long text would cost a
    # comparison with thousands of county names at every character, and counties rarely dominate a text
    counts = Counter(regions()[m].full for m in _body_pattern().findall(text))
    if not counts:
        return None
    (best, n), total = counts.most_common(1)[0], sum(counts.values())
    if n >= MIN_MENTIONS and n >= MIN_SHARE * total and n * 1000 >= MIN_PER_1000_CHARS * max(len(text), 1):
        return regions()[best]
    return None

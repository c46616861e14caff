"""Canonical names: the one place where a unit as written becomes the name the graph knows it by.

Canonical names follow the document's region: in a Shanghai text 市司法局 is 上海市司法局 and 市委办公厅 is
中共上海市委办公厅 (extract/data/abbreviations.tsv).  An explicit region prefix overrides the document's
region; national units (national_units.tsv) keep their national name; collectives of governments
(collective_units.tsv) get their collective name.  Every other form met in the text becomes an alias,
recorded by the document's ``Registry`` — the resolve stage of extract/pipeline.py is its only caller.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.extract.lexicon import table, unit_table
from policykg.extract.region import Region, province_of, region_prefix
from policykg.extract.unit_kinds import LEVEL_CHARS, PARTY, kind_of
from policykg.model import Institution

PRC = "中华人民共和国"
_NATIONAL_FORM = re.compile(r"^(?:国家|国务院|中央|中共中央|全国|中国|中华)|(?:部|总局|署)$")
# 市委统战部, 省委社工部: a unit of the region's party committee (not 市委员会 spelled out).
_PARTY_COMMITTEE = re.compile(r"^[省市区县]委(?!员)")
# 各地级以上市人民政府, 省直有关单位, 省政府各部门: a group of units, not one; kept as written.
_COLLECTIVE = re.compile(r"^各|有关|相关|各(?:部门|单位|直属)")
_SPECIFIC_START = re.compile(r"^(?:中共|中国|中华|国家|国务院|中央|全国|共青团|各)")


def canonical_name(name: str, region: Region | None) -> tuple[str, str | None]:
    """(canonical name, abbreviation-table alias used) of a unit name in a document of ``region``.

    中共 is set aside and restored; an explicit region prefix (上海市司法局, 浙江省经信厅) overrides the
    document's region; the abbreviation table comes first, then the rule that a leading level character
    of the region's level stands for the region (市司法局 → 上海市司法局).  Collective units (各地级以上市
    人民政府), generic ones (律师事务所) and names whose region is not followed by a level character
    (杭州海关) are kept as written.

    >>> from policykg.extract.region import regions
    >>> shanghai, guangzhou = regions()["上海市"], regions()["广州市"]
    >>> canonical_name("市司法局", shanghai)
    ('上海市司法局', '市司法局')
    >>> canonical_name("市委统战部", shanghai)[0]
    '中共上海市委统一战线工作部'
    >>> canonical_name("市委统战部", None)
    ('市委统战部', None)
    >>> canonical_name("省委办公厅", guangzhou)[0]
    '中共广东省委办公厅'
    >>> canonical_name("浙江省经信厅", shanghai)
    ('浙江省经济和信息化厅', '省经信厅')
    >>> canonical_name("人民银行广州分行", guangzhou)
    ('中国人民银行广州分行', None)
    >>> canonical_name("统计局", guangzhou), canonical_name("杭州海关", shanghai)
    (('统计局', None), ('杭州海关', None))
    """
    abbreviations = unit_table()
    name = name.removeprefix(PRC) if len(name) > len(PRC) + 1 else name  # 中华人民共和国财政部 → 财政部
    collective = _collective_government(name)
    if collective:
        return collective, None
    if _COLLECTIVE.search(name):
        return name, None
    party = name.startswith(PARTY) and len(name) > len(PARTY)
    body = name[len(PARTY):] if party else name
    explicit, rest = region_prefix(body)
    if explicit is not None and rest:
        region, body = explicit, rest
    template = abbreviations.get(body)
    if template is None:
        body = _branch_head(body, abbreviations)
    if template is not None and "{R}" not in template and (region is None or _national_form(body)):
        return template, body
    if template is not None and "{R}" in template:
        level = body[0] if body[0] in LEVEL_CHARS else None  # 省经信厅 only in a province, 团市委 anywhere
        at = _region_at(level, region)
        if at is not None:
            return template.replace("{R}", at.full), body
    return _by_level(name, body, party, explicit, region), None


def _by_level(name: str, body: str, party: bool, explicit: Region | None, region: Region | None) -> str:
    """A leading level character of the region's level stands for the region (市司法局 → 上海市司法局);
    else the name is kept as written (杭州海关, 律师事务所), 中共 restored."""
    at = _region_at(body[0], region) if body[0] in LEVEL_CHARS else None
    if at is not None and len(body) > 1:
        canonical = at.full + body[1:]
        party = party or _PARTY_COMMITTEE.match(body) is not None  # 市委统战部 → 中共成都市委统战部
    else:
        canonical = body if explicit is None else name.removeprefix(PARTY)
    if party and not canonical.startswith(PARTY):
        canonical = PARTY + canonical
    return canonical


def _region_at(level: str | None, region: Region | None) -> Region | None:
    """The region a level character stands for in a document of ``region``: its own level, or 省 for the
    province of a city (省委办公厅 in a Guangzhou text is 中共广东省委办公厅); None otherwise."""
    if region is None:
        return None
    if level is None or level == region.level:
        return region
    province = province_of(region)
    return province if level == "省" and province is not None else None


def _national_form(name: str) -> bool:
    """Whether a national unit's name stands for the national unit in a regional text too: its canonical
    name or a form that says it is national (国家…, 中央…, …部, …总局); a bare 统计局 or 信访局 in a
    Guangzhou text is kept as written.

    >>> _national_form("国家统计局"), _national_form("统计局")
    (True, False)
    """
    return name in _national_canonicals() or _NATIONAL_FORM.search(name) is not None


@cache
def _national_canonicals() -> frozenset[str]:
    return frozenset(v for v in unit_table().values() if "{R}" not in v)


def _collective_government(name: str) -> str | None:
    """The canonical name of a collective of governments (各省、自治区、直辖市人民政府 → 各省级人民政府),
    collective_units.tsv; None for any other name."""
    return table("collective_units.tsv").get(name)


def _branch_head(body: str, abbreviations: dict[str, str]) -> str:
    """A listed national unit followed by a region names its branch there: the head is written out in full
    (人民银行广州分行 → 中国人民银行广州分行); any other name is returned unchanged."""
    for cut in range(len(body) - 1, 1, -1):
        template = abbreviations.get(body[:cut])
        if template is not None and "{R}" not in template and region_prefix(body[cut:])[0] is not None:
            return template + body[cut:]
    return body


def is_specific(canonical: str) -> bool:
    """Whether a canonical name names one body (国家发展和改革委员会, 广州市司法局, 中共广州市委, a listed
    unit, a collective such as 各省级人民政府) rather than a kind of body (社会组织, 行业协会, 公安机关,
    各级党委 are what a task's text is about, not who is charged with it).

    >>> [is_specific(n) for n in ("广州市司法局", "国务院办公厅", "社会组织", "各级党委")]
    [True, True, False, False]
    """
    if canonical.startswith("各级"):
        return False
    return (canonical in _national_canonicals() or _SPECIFIC_START.match(canonical) is not None
            or region_prefix(canonical)[0] is not None or canonical in table("collective_units.tsv").values())


class Registry:
    """The institutions of one document of ``region``: canonical name → aliases, in order of first mention.

    >>> from policykg.extract.region import regions
    >>> registry = Registry(regions()["上海市"])
    >>> registry.resolve("市司法局"), registry.resolve("上海市司法局")
    ('上海市司法局', '上海市司法局')
    >>> registry.institutions()[0].aliases
    ['市司法局']
    """

    def __init__(self, region: Region | None) -> None:
        self.region = region
        self._aliases: dict[str, set[str]] = {}

    def resolve(self, unit: str, *forms: str | None) -> str:
        """The canonical name of ``unit`` as written, recorded with it and its other ``forms`` as aliases."""
        canonical, alias = canonical_name(unit, self.region)
        return self.add(canonical, unit, alias, *forms)

    def add(self, canonical: str, *forms: str | None) -> str:
        aliases = self._aliases.setdefault(canonical, set())
        aliases.update(f for f in forms if f and f != canonical)
        return canonical

    def institutions(self) -> list[Institution]:
        return [Institution(name, sorted(aliases), kind_of(name)) for name, aliases in self._aliases.items()]

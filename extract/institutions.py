"""Institutions: find unit names in jieba tokens and give each its canonical, region-qualified name.

Recognition is deliberately cheap — one pass over the tokens of the one segmentation of the document.
A token ending with an institution suffix (局 厅 委 办公厅 中心 组织 事务所 …, extract/data/org_suffixes.tsv)
is a candidate; the tokens before it are merged into the name while they are region names, level
characters (市 省), other unit names or plain content words (商事 / 调解 / 组织 → 商事调解组织).  No
part-of-speech tagging: it is five times slower than segmentation and adds little here.  Long real texts
need the precision rules of extract/data/: a verb or adverb never starts a name (name_breakers.txt: 充分发挥
中国农业银行 → 中国农业银行), a polemic word makes no unit (epithets.txt: 反党集团), a one-character
suffix after one character names a unit only when listed (short_unit_names.txt: 党委, not 试办 / 大部),
and 组织 the verb is told from 组织 the unit by its object (verb_objects.txt: 组织起来, 组织生产).

Canonical names follow the document's region: in a Shanghai text 市司法局 is 上海市司法局 and 市委办公厅 is
中共上海市委办公厅 (extract/data/abbreviations.tsv).  Every other form met in the text becomes an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from policykg.extract.lexicon import alternation, table, unit_table, words
from policykg.extract.region import Region, province_of, region_prefix, regions
from policykg.extract.segment import dictionary, function_words, tokens
from policykg.model import Institution

MAX_NAME_CHARS = 24  # longer "names" are phrases the merge rule ran through
MAX_CONTENT_TOKENS = 3  # content words merged before a suffix token: 商事 调解 组织
LEVEL_CHARS = frozenset("省市区县")
_PUBLIC_KINDS = ("government", "party", "judicial")  # units a region or level character may qualify
PARTY = "中共"
PRC = "中华人民共和国"
_NATIONAL_FORM = re.compile(r"^(?:国家|国务院|中央|中共中央|全国|中国|中华)|(?:部|总局|署)$")
# 市委统战部, 省委社工部: a unit of the region's party committee (not 市委员会 spelled out).
_PARTY_COMMITTEE = re.compile(r"^[省市区县]委(?!员)")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# 各地级以上市人民政府, 省直有关单位, 省政府各部门: a group of units, not one; kept as written.
COLLECTIVE_MARK = "各"
_COLLECTIVE = re.compile(r"^各|有关|相关|各(?:部门|单位|直属)")


@dataclass(frozen=True)
class Mention:
    """A unit name as written, where it stands in the cleaned text, and its canonical name."""

    surface: str
    start: int
    end: int
    canonical: str
    alias: str | None = None  # the abbreviation-table form behind the canonical name, if one applied


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
def _suffix_last_chars() -> frozenset[str]:
    return frozenset(_suffixes_by_last_char())


def suffix_last_chars() -> frozenset[str]:
    """The last characters of the institution suffixes (局 厅 委 …): a name ends in one of them."""
    return _suffix_last_chars()


@cache
def _stop_tokens() -> frozenset[str]:
    """Tokens never inside a unit name (name_stop_words.txt), with the verbs, adverbs and prepositions that
    open a measure: a name is not merged across them."""
    return (words("name_stop_words.txt") | words("policy_verbs.txt") | words("measure_adverbs.txt")
            | words("measure_prepositions.txt"))


def org_suffix(token: str) -> str | None:
    """The longest institution suffix ``token`` ends with, or None."""
    if not token:
        return None
    return next((s for s in _suffixes_by_last_char().get(token[-1], ()) if token.endswith(s)), None)


def kind_of(name: str) -> str | None:
    """Coarse type of a unit for the graph views: party, government, judicial, service, social, enterprise."""
    if name.startswith(PARTY) or name.endswith(("党委", "纪委")):
        return "party"
    suffix = org_suffix(name)
    return _suffixes()[suffix] if suffix else None


@cache
def person_names() -> frozenset[str]:
    """Words jieba's dictionary tags as persons' names (nr): 蒋介石, 李承晚 — read once, as function_words."""
    return _person_names()


@cache
def _person_names() -> frozenset[str]:
    import jieba

    found: set[str] = set()
    with jieba.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in ("nr", "nrfg", "nrt"):
                found.add(parts[0])
    return frozenset(found)


@cache
def _breaker_start() -> re.Pattern[str]:
    """Tokens starting with a word that begins no unit name: 充分发挥, 积极参与, 严格控制 (name_breakers.txt)."""
    return re.compile(alternation(words("name_breakers.txt")))


@cache
def _epithet_start() -> re.Pattern[str]:
    """Tokens starting with a polemic word (反党, 修正主义): their name is a clique, not a unit (epithets.txt)."""
    return re.compile(alternation(words("epithets.txt")))


def _ends_name(token: str, in_dictionary: dict[str, int]) -> bool:
    """Whether ``token``, standing before a unit name, is no part of it.

    Besides listed breakers, a token jieba's HMM made up (absent from its dictionary) that starts with a
    one-character stop word joins two words across the name's start: 由县 经委, 还同 国外石油公司,
    以二 十国集团 (but 上合 组织 is a name: 上 is no stop word).
    """
    return bool(_breaker_start().match(token)) or _glued_to_stop_word(token, in_dictionary)


def _glued_to_stop_word(token: str, in_dictionary: dict[str, int]) -> bool:
    """A guessed token starting with a stop word or holding a clause character (日向, 六個:
    name_breaking_chars.txt), or any token ending in a preposition (特别是在: preposition_endings.txt)."""
    if token[-1] in words("preposition_endings.txt") and len(token) > 1:
        return True
    return not in_dictionary.get(token) and (
        token[0] in _stop_tokens() or any(c in words("name_breaking_chars.txt") for c in token))


def _clause_fragment(token: str, suffix: str, in_dictionary: dict[str, int]) -> bool:
    """A guessed token ending in a one-character suffix whose stem holds a clause character: 时少办, 事不办,
    六個部 are verbs and counts, not units (name_breaking_chars.txt)."""
    return (len(suffix) == 1 and not in_dictionary.get(token)
            and any(c in words("name_breaking_chars.txt") for c in token[:-1]))


def _glued_level(token: str, in_dictionary: dict[str, int]) -> str:
    """The level character or region a stop word is glued to (由市 信访办 → 市), which starts the name; else ""."""
    rest = token[1:]
    if _glued_to_stop_word(token, in_dictionary) and (rest in LEVEL_CHARS or rest in regions()):
        return rest
    return ""


def _short_stem_ok(token: str, suffix: str) -> bool:
    """A one-character suffix after one character is a unit only after a level character or when listed:
    省委, 党委, 计委 (short_unit_names.txt); 试办, 通办, 经办, 大部, 个部, 该院, 官厅 are verbs and fragments.
    """
    if len(suffix) != 1 or len(token) != 2:
        return True
    return token[0] in LEVEL_CHARS or token in words("short_unit_names.txt")


@cache
def _not_institution_ending() -> re.Pattern[str]:
    """Tokens ending in a listed non-institution word: 经济布局, 广大干部, 对外部."""
    return re.compile(f"(?:{alternation(words('not_institutions.txt'))})$")


def is_not_institution(name: str) -> bool:
    return (name in words("not_institutions.txt") or name in words("person_roles.txt")
            or name in words("placeholders.txt"))


def names_unit(name: str) -> bool:
    """Whether a name standing on its own (an issuer, the subject of a measure) names one unit: it is a
    listed short name, or the scanner, run on its tokens, finds one unit spanning all of it (发展企业集团,
    以后各机关, 对试点企业集团 are no names: a verb, a time word, a preposition starts them)."""
    if name in unit_table():
        return True
    if len(name) > MAX_NAME_CHARS or org_suffix(name) is None:
        return False
    return any(m.start == 0 and m.end == len(name) for m in scan(tokens(name), None, []))


def canonical_name(name: str, region: Region | None) -> tuple[str, str | None]:
    """(canonical name, abbreviation-table alias used) of a unit name in a document of ``region``.

    中共 is set aside and restored; an explicit region prefix (上海市司法局, 浙江省经信厅) overrides the
    document's region; the abbreviation table comes first, then the rule that a leading level character
    of the region's level stands for the region (市司法局 → 上海市司法局).  Collective units (各地级以上市
    人民政府), generic ones (律师事务所) and names whose region is not followed by a level character
    (杭州海关) are kept as written.
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
    at = _region_at(body[0], region) if body[0] in LEVEL_CHARS else None
    if at is not None and len(body) > 1:
        canonical = at.full + body[1:]
        party = party or _PARTY_COMMITTEE.match(body) is not None  # 市委统战部 → 中共成都市委统战部
    else:
        canonical = body if explicit is None else name.removeprefix(PARTY)  # 杭州海关, 律师事务所: as written
    if party and not canonical.startswith(PARTY):
        canonical = PARTY + canonical
    return canonical, None


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
    Guangzhou text is kept as written."""
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


def _bracketed_level(tokens: list[str], j: int) -> bool:
    """Whether tokens[j-4:j+1] spell a level with an alternative in brackets: 区 ( 市 ) 县, 各区 ( 市 ) 县."""
    return (j >= 4 and tokens[j] in LEVEL_CHARS and tokens[j - 2] in LEVEL_CHARS and tokens[j - 3] == "("
            and tokens[j - 4].removeprefix(COLLECTIVE_MARK) in LEVEL_CHARS)


def scan(tokens: list[str], region: Region | None, skip: list[tuple[int, int]]) -> Iterator[Mention]:
    """Unit mentions in a token list whose concatenation is the cleaned text.

    ``skip`` are sorted character ranges to ignore (book titles in 《》, duty notes parsed elsewhere).
    A mention inside a longer one ending later is the longer name's head, not a unit named on its own:
    上海市人民政府 in 上海市人民政府办公厅, 市委 in 市委社治委, 人民银行 in 人民银行广州分行; nor is a mention
    that, with the next, spells that one's canonical name (国家税务总局 in 国家税务总局广东省税务局).
    """
    pending: Mention | None = None
    for mention in _candidates(tokens, region, skip):
        if (pending is not None and pending.end == mention.start
                and pending.surface + mention.surface == mention.canonical):
            # 国家税务总局 + 广东省税务局 spell the canonical name of the second: one unit written in full
            mention = Mention(pending.surface + mention.surface, pending.start, mention.end, mention.canonical,
                              mention.alias)
        elif pending is not None and mention.start > pending.start:
            yield pending
        pending = mention
    if pending is not None:
        yield pending


def _candidates(tokens: list[str], region: Region | None, skip: list[tuple[int, int]]) -> Iterator[Mention]:
    """Every unit name ending at a suffix token, longer names included with their heads."""
    region_names = regions()
    abbreviations = unit_table()
    localities = LEVEL_CHARS | words("locality_words.txt")
    modifiers = words("programme_modifiers.txt")
    stop = _stop_tokens()
    function = function_words()
    roles = words("person_roles.txt")
    verb_objects = words("verb_objects.txt")
    department_stems = words("department_stems.txt")
    in_dictionary = dictionary()
    offsets = [0, *accumulate(map(len, tokens))]
    skip_i = 0
    last_chars = _suffix_last_chars()
    # the cheap test first, in one comprehension: most tokens end in no suffix character
    for i in [i for i, tok in enumerate(tokens) if tok[-1] in last_chars or tok in abbreviations]:
        tok = tokens[i]
        suffix = org_suffix(tok)
        if suffix is None and tok not in abbreviations:
            continue
        start = offsets[i]
        while skip_i < len(skip) and skip[skip_i][1] <= start:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= start:
            continue
        if tok not in abbreviations and _not_institution_ending().search(tok):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following in roles:
            continue
        bare = tok == suffix  # 中心, 组织: needs words before it to be a name
        if bare and len(tok) == 1 and not (i > 0 and tokens[i - 1] in department_stems):
            continue  # a lone 局 / 办 / 部 is almost always a verb or a fragment; 住房和城乡建设 部 is a name
        if bare and i > 0 and is_not_institution(tokens[i - 1] + tok):
            continue  # 国际 消费 中心: the listed word is split in two tokens
        if tok not in abbreviations and (_breaker_start().match(tok) or _epithet_start().match(tok)
                                         or not _short_stem_ok(tok, suffix)
                                         or _clause_fragment(tok, suffix, in_dictionary)):
            continue  # 精心组织, 反党集团; 试办, 大部, 该院
        # 组织 is also the verb "to organise": 组织起来, 组织生产 (verb_objects.txt); 国务院组织力量
        verbal = bare and tok in function
        if verbal and following in verb_objects:
            continue
        # 省政府, 市委办公厅, 上海市司法局: already a whole name; only a region or 中共 may precede it
        whole = tok in abbreviations or tok[0] in LEVEL_CHARS or region_prefix(tok)[0] is not None
        j, content, epithet, head = i, 0, False, ""
        while j > 0:
            prev = tokens[j - 1]
            if prev in region_names or prev == PARTY:
                j -= 1
                continue
            if whole:
                break
            if prev == ")" and _bracketed_level(tokens, j):
                j -= 4  # 各区 ( 市 ) 县 + 党委: 区(市)县 is one level, kept in the name
                if tokens[j].startswith(COLLECTIVE_MARK):
                    break
                continue
            if prev in localities:
                # 市 + 司法局, 市 + 政务服务中心; not 市、区 + 公共法律服务中心 nor 社区 + 党群服务中心: a service is
                # named without where it stands, unless one level character stands right before its name
                if kind_of(tok) in _PUBLIC_KINDS or (bare and prev in LEVEL_CHARS and tokens[j - 2:j - 1] != ["、"]):
                    j -= 1
                    continue
                break
            if prev == COLLECTIVE_MARK:
                j -= 1  # 各 + 地级以上市 + 人民政府: the collective keeps its mark
                break
            if prev in stop or prev in function or not _HAN.fullmatch(prev) or is_not_institution(prev):
                break
            if j == i and prev in modifiers:
                break  # 智慧 海关: a programme; 市 智慧 蓉城 运行中心 is a unit
            if _ends_name(prev, in_dictionary) or (verbal and j == i and (org_suffix(prev) is not None
                                                                          or prev in abbreviations)):
                head = _glued_level(prev, in_dictionary)  # 由县 经委 → 县经委
                break  # 充分发挥 中国农业银行; 还同 国外石油公司; 国务院 组织(力量)
            if _epithet_start().match(prev):
                epithet = True  # 南斯拉夫 修正主义 集团, 资产阶级 司令部
                break
            if org_suffix(prev) is not None or (content < MAX_CONTENT_TOKENS and len(prev) > 1):
                content += org_suffix(prev) is None
                j -= 1
                continue
            break
        if epithet:
            continue
        surface = head + "".join(tokens[j:i + 1])
        if bare and tok not in abbreviations and (j == i or (kind_of(tok) not in _PUBLIC_KINDS
                                and all(t in region_names or t in localities for t in tokens[j:i]))):
            continue  # 中心 alone or 市中心; but 杭州海关 is a name
        if len(surface) > MAX_NAME_CHARS or is_not_institution(surface) or _not_institution_ending().search(surface):
            continue  # 苏联领导集团: a listed non-institution at the end of the merged name
        if tok == "集团" and j < i and tokens[j] in person_names():
            continue  # 蒋介石集团, 李承晚集团: a person's clique named in polemic
        if suffix == "办" and tok not in abbreviations and j == i and not head and len(tok) > 2:
            continue  # 政府办基层医疗卫生机构: 办 the verb "to run"; a 办 unit is listed or level-prefixed
        canonical, alias = canonical_name(surface, region)
        yield Mention(surface, start=offsets[j] - len(head), end=offsets[i] + len(tok),
                      canonical=canonical, alias=alias)


_SPECIFIC_START = re.compile(r"^(?:中共|中国|中华|国家|国务院|中央|全国|共青团|各)")


def is_specific(canonical: str) -> bool:
    """Whether a canonical name names one body (国家发展和改革委员会, 广州市司法局, 中共广州市委, a listed
    unit, a collective such as 各省级人民政府) rather than a kind of body (社会组织, 行业协会, 公安机关,
    各级党委 are what a task's text is about, not who is charged with it)."""
    if canonical.startswith("各级"):
        return False
    return (canonical in _national_canonicals() or _SPECIFIC_START.match(canonical) is not None
            or region_prefix(canonical)[0] is not None or canonical in table("collective_units.tsv").values())


class Registry:
    """The institutions of one document: canonical name → aliases, in order of first mention."""

    def __init__(self) -> None:
        self._aliases: dict[str, set[str]] = {}

    def add(self, canonical: str, *forms: str | None) -> str:
        aliases = self._aliases.setdefault(canonical, set())
        aliases.update(f for f in forms if f and f != canonical)
        return canonical

    def add_mention(self, m: Mention) -> str:
        return self.add(m.canonical, m.surface, m.alias)

    def institutions(self) -> list[Institution]:
        return [Institution(name, sorted(aliases), kind_of(name)) for name, aliases in self._aliases.items()]

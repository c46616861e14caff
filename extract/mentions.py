"""Find mentions: unit names in the jieba tokens of a document, each with its canonical name.

Recognition is deliberately cheap — one pass over the tokens of the one segmentation of the document.
A token ending with an institution suffix (局 厅 委 办公厅 中心 组织 事务所 …, extract/data/org_suffixes.tsv)
is a candidate; the tokens before it are merged into the name while they are region names, level
characters (市 省), other unit names or plain content words (商事 / 调解 / 组织 → 商事调解组织).  No
part-of-speech tagging: it is five times slower than segmentation and adds little here.  Long real texts
need the precision rules of extract/data/, applied by extract/name_words.py: a verb or adverb never starts
a name (name_breakers.txt: 充分发挥中国农业银行 → 中国农业银行), a polemic word makes no unit (epithets.txt:
反党集团), a one-character suffix after one character names a unit only when listed (short_unit_names.txt:
党委, not 试办 / 大部), and 组织 the verb is told from 组织 the unit by its object (verb_objects.txt: 组织起来,
组织生产).  A national unit's short name after a level character ends a local unit: 市 知识产权局, 市 文化
广电 旅游局 (知识产权局 alone is 国家知识产权局).
Which canonical name a mention has is decided by extract/canonical.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policykg.extract.canonical import canonical_name
from policykg.extract.lexicon import unit_table, words
from policykg.extract.name_words import (
    breaker_start,
    clause_fragment,
    ends_name,
    epithet_start,
    glued_level,
    is_not_institution,
    not_institution_ending,
    short_stem_ok,
    stop_tokens,
)
from policykg.extract.region import Region, region_prefix, regions
from policykg.extract.segment import dictionary, function_words, person_names, tokens
from policykg.extract.token_ends import ending_tokens
from policykg.extract.unit_kinds import LEVEL_CHARS, PARTY, kind_of, org_suffix

MAX_NAME_CHARS = 24  # longer "names" are phrases the merge rule ran through
MAX_CONTENT_TOKENS = 3  # content words merged before a suffix token: 商事 调解 组织
_PUBLIC_KINDS = ("government", "party", "judicial")  # units a region or level character may qualify
_HAN = re.compile(r"[\u4e00-\u9fff]+")
COLLECTIVE_MARK = "各"  # 各地级以上市人民政府: a collective keeps its mark


@dataclass(frozen=True)
class Mention:
    """A unit name as written, where it stands in the cleaned text, and its canonical name."""

    surface: str
    start: int
    end: int
    canonical: str
    alias: str | None = None  # the abbreviation-table form behind the canonical name, if one applied


def names_unit(name: str) -> bool:
    """Whether a name standing on its own (an issuer, the subject of a measure) names one unit: it is a
    listed short name, or the scanner, run on its tokens, finds one unit spanning all of it (发展企业集团,
    以后各机关, 对试点企业集团 are no names: a verb, a time word, a preposition starts them)."""
    if name in unit_table():
        return True
    if len(name) > MAX_NAME_CHARS or org_suffix(name) is None:
        return False
    return any(m.start == 0 and m.end == len(name) for m in scan(tokens(name), None, []))


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


@dataclass(frozen=True)
class _Words:
    """The word lists one scan consults at every candidate, looked up once per scan."""

    regions: dict[str, Region]
    abbreviations: dict[str, str]
    localities: frozenset[str]
    modifiers: frozenset[str]
    stop: frozenset[str]
    function: frozenset[str]
    roles: frozenset[str]
    verb_objects: frozenset[str]
    department_stems: frozenset[str]
    in_dictionary: dict[str, int]

    @classmethod
    def load(cls) -> _Words:
        return cls(regions(), unit_table(), LEVEL_CHARS | words("locality_words.txt"),
                   words("programme_modifiers.txt"), stop_tokens(), function_words(), words("person_roles.txt"),
                   words("verb_objects.txt"), words("department_stems.txt"), dictionary())


def _candidates(tokens: list[str], region: Region | None, skip: list[tuple[int, int]]) -> Iterator[Mention]:
    """Every unit name ending at a suffix token, longer names included with their heads."""
    w = _Words.load()
    skip_i = 0
    for i, end in ending_tokens(tokens):
        tok = tokens[i]
        suffix = org_suffix(tok)
        if suffix is None and tok not in w.abbreviations:
            continue
        start = end - len(tok)
        while skip_i < len(skip) and skip[skip_i][1] <= start:
            skip_i += 1
        if (skip_i < len(skip) and skip[skip_i][0] <= start) or _rejects_token(tokens, i, suffix, w):
            continue
        found = _name_start(tokens, i, suffix, w)
        if found is None:
            continue
        j, head = found
        surface = head + "".join(tokens[j:i + 1])
        if _rejects_name(tokens, i, j, head, surface, suffix, w):
            continue
        canonical, alias = canonical_name(surface, region)
        yield Mention(surface, start=end - len(surface), end=end, canonical=canonical, alias=alias)


def _rejects_token(tokens: list[str], i: int, suffix: str | None, w: _Words) -> bool:
    """Whether the suffix token tokens[i] ends no unit name, whatever stands before it."""
    tok = tokens[i]
    if tok not in w.abbreviations and not_institution_ending().search(tok):
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    if following in w.roles:
        return True
    bare = tok == suffix  # 中心, 组织: needs words before it to be a name
    if bare and len(tok) == 1 and not (i > 0 and tokens[i - 1] in w.department_stems):
        return True  # a lone 局 / 办 / 部 is almost always a verb or a fragment; 住房和城乡建设 部 is a name
    if bare and i > 0 and is_not_institution(tokens[i - 1] + tok):
        return True  # 国际 消费 中心: the listed word is split in two tokens
    if tok not in w.abbreviations and (breaker_start().match(tok) or epithet_start().match(tok)
                                       or not short_stem_ok(tok, suffix)
                                       or clause_fragment(tok, suffix, w.in_dictionary)):
        return True  # 精心组织, 反党集团; 试办, 大部, 该院
    # 组织 is also the verb "to organise": 组织起来, 组织生产 (verb_objects.txt); 国务院组织力量
    return bare and tok in w.function and following in w.verb_objects


def _name_start(tokens: list[str], i: int, suffix: str | None, w: _Words) -> tuple[int, str] | None:
    """(index of the first token, level character glued to a stop word before it) of the name ending at
    tokens[i], merging the tokens before it while they may be part of it; None for a polemic epithet."""
    tok = tokens[i]
    bare = tok == suffix
    verbal = bare and tok in w.function
    # 省政府, 市委办公厅, 上海市司法局: already a whole name; only a region or 中共 may precede it
    prefixed = tok[0] in LEVEL_CHARS or region_prefix(tok)[0] is not None
    whole = tok in w.abbreviations or prefixed
    if whole and not prefixed and (local := _local_start(tokens, i, w)) is not None:
        return local  # 市 知识产权局: a national short name ending a local unit
    j, content = i, 0
    while j > 0:
        prev = tokens[j - 1]
        if prev in w.regions or prev == PARTY:
            j -= 1
            continue
        if whole:
            break
        if prev == ")" and _bracketed_level(tokens, j):
            j -= 4  # 各区 ( 市 ) 县 + 党委: 区(市)县 is one level, kept in the name
            if tokens[j].startswith(COLLECTIVE_MARK):
                break
            continue
        if prev in w.localities:
            # 市 + 司法局, 市 + 政务服务中心; not 市、区 + 公共法律服务中心 nor 社区 + 党群服务中心: a service is
            # named without where it stands, unless one level character stands right before its name
            if kind_of(tok) in _PUBLIC_KINDS or (bare and prev in LEVEL_CHARS and tokens[j - 2:j - 1] != ["、"]):
                j -= 1
                continue
            break
        if prev == COLLECTIVE_MARK:
            j -= 1  # 各 + 地级以上市 + 人民政府: the collective keeps its mark
            break
        if _outside_names(prev, w):
            break
        if j == i and prev in w.modifiers:
            break  # 智慧 海关: a programme; 市 智慧 蓉城 运行中心 is a unit
        if ends_name(prev, w.in_dictionary) or (verbal and j == i and (org_suffix(prev) is not None
                                                                        or prev in w.abbreviations)):
            # 充分发挥 中国农业银行; 还同 国外石油公司; 国务院 组织(力量); 由县 经委 → 县经委
            return j, glued_level(prev, w.in_dictionary)
        if epithet_start().match(prev):
            return None  # 南斯拉夫 修正主义 集团, 资产阶级 司令部
        if org_suffix(prev) is not None or (content < MAX_CONTENT_TOKENS and len(prev) > 1):
            content += org_suffix(prev) is None
            j -= 1
            continue
        break
    return j, ""


def _local_start(tokens: list[str], i: int, w: _Words) -> tuple[int, str] | None:
    """(first token, level glued to a stop word) of a local unit whose name ends with a national unit's short
    name tokens[i]: it starts at the level character before it (市 知识产权局, 由市 知识产权局) or before the
    content words of a merged department (市 文化 广电 旅游局: 旅游局 is 国家旅游局 only on its own).
    None when no level character stands there.  tokens[i] has no level or region of its own (省政府)."""
    for k in range(i - 1, max(i - 1 - MAX_CONTENT_TOKENS, 0) - 1, -1):
        prev = tokens[k]
        if prev in LEVEL_CHARS:
            return k, ""
        level = glued_level(prev, w.in_dictionary)
        if level in LEVEL_CHARS:
            return k + 1, level
        if _outside_names(prev, w) or len(prev) < 2 or org_suffix(prev) is not None or prev in w.regions:
            break
    return None


def _outside_names(token: str, w: _Words) -> bool:
    """A stop word, function word, non-Han token or listed non-institution: never inside a unit name."""
    return token in w.stop or token in w.function or not _HAN.fullmatch(token) or is_not_institution(token)


def _rejects_name(tokens: list[str], i: int, j: int, head: str, surface: str, suffix: str | None,
                  w: _Words) -> bool:
    """Whether the merged name tokens[j:i+1] (``surface``, with ``head``) is no unit after all."""
    tok = tokens[i]
    if tok == suffix and tok not in w.abbreviations and (j == i or (kind_of(tok) not in _PUBLIC_KINDS and all(
            t in w.regions or t in w.localities for t in tokens[j:i]))):
        return True  # 中心 alone or 市中心; but 杭州海关 is a name
    if len(surface) > MAX_NAME_CHARS or is_not_institution(surface) or not_institution_ending().search(surface):
        return True  # 苏联领导集团: a listed non-institution at the end of the merged name
    if tok == "集团" and j < i and tokens[j] in person_names():
        return True  # 蒋介石集团, 李承晚集团: a person's clique named in polemic
    # 政府办基层医疗卫生机构: 办 the verb "to run"; a 办 unit is listed or level-prefixed
    return suffix == "办" and tok not in w.abbreviations and j == i and not head and len(tok) > 2

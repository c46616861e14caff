"""The word tests of unit-name recognition (extract/mentions.py): which tokens stop a name, start none, or
make a verb or a fragment of what looks like a unit.  Each reads its word list of extract/data/ once.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.extract.lexicon import alternation, words
from policykg.extract.region import regions
from policykg.extract.unit_kinds import LEVEL_CHARS


@cache
def stop_tokens() -> frozenset[str]:
    """Tokens never inside a unit name (name_stop_words.txt), with the verbs, adverbs and prepositions that
    open a measure: a name is not merged across them."""
    return (words("name_stop_words.txt") | words("policy_verbs.txt") | words("measure_adverbs.txt")
            | words("measure_prepositions.txt"))


@cache
def breaker_start() -> re.Pattern[str]:
    """Tokens starting with a word that begins no unit name: 充分发挥, 积极参与, 严格控制 (name_breakers.txt)."""
    return re.compile(alternation(words("name_breakers.txt")))


@cache
def epithet_start() -> re.Pattern[str]:
    """Tokens starting with a polemic word (反党, 修正主义): their name is a clique, not a unit (epithets.txt)."""
    return re.compile(alternation(words("epithets.txt")))


def ends_name(token: str, in_dictionary: dict[str, int]) -> bool:
    """Whether ``token``, standing before a unit name, is no part of it.

    Besides listed breakers, a token jieba's HMM made up (absent from its dictionary) that starts with a
    one-character stop word joins two words across the name's start: 由县 经委, 还同 国外石油公司,
    以二 十国集团 (but 上合 组织 is a name: 上 is no stop word).
    """
    return bool(breaker_start().match(token)) or _glued_to_stop_word(token, in_dictionary)


def _glued_to_stop_word(token: str, in_dictionary: dict[str, int]) -> bool:
    """A guessed token starting with a stop word or holding a clause character (日向, 六個:
    name_breaking_chars.txt), or any token ending in a preposition (特别是在: preposition_endings.txt)."""
    if token[-1] in words("preposition_endings.txt") and len(token) > 1:
        return True
    return not in_dictionary.get(token) and (
        token[0] in stop_tokens() or any(c in words("name_breaking_chars.txt") for c in token))


def clause_fragment(token: str, suffix: str, in_dictionary: dict[str, int]) -> bool:
    """A guessed token ending in a one-character suffix whose stem holds a clause character: 时少办, 事不办,
    六個部 are verbs and counts, not units (name_breaking_chars.txt)."""
    return (len(suffix) == 1 and not in_dictionary.get(token)
            and any(c in words("name_breaking_chars.txt") for c in token[:-1]))


def glued_level(token: str, in_dictionary: dict[str, int]) -> str:
    """The level character or region a stop word is glued to (由市 信访办 → 市), which starts the name; else ""."""
    rest = token[1:]
    if _glued_to_stop_word(token, in_dictionary) and (rest in LEVEL_CHARS or rest in regions()):
        return rest
    return ""


def short_stem_ok(token: str, suffix: str) -> bool:
    """A one-character suffix after one character is a unit only after a level character or when listed:
    省委, 党委, 计委 (short_unit_names.txt); 试办, 通办, 经办, 大部, 个部, 该院, 官厅 are verbs and fragments.
    """
    if len(suffix) != 1 or len(token) != 2:
        return True
    return token[0] in LEVEL_CHARS or token in words("short_unit_names.txt")


@cache
def not_institution_ending() -> re.Pattern[str]:
    """Tokens ending in a listed non-institution word: 经济布局, 广大干部, 对外部."""
    return re.compile(f"(?:{alternation(words('not_institutions.txt'))})$")


def is_not_institution(name: str) -> bool:
    return (name in words("not_institutions.txt") or name in words("person_roles.txt")
            or name in words("placeholders.txt"))

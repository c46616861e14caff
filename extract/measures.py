"""What a reform measure looks like: a clause that, once its framing is set aside, starts with a policy verb.

News reports and implementation opinions wrap measures in framing — 《实施意见》要求…, 上海将…, 上海市还将… —
which is not part of the measure; narrative and reporting sentences (界面新闻记者从…获悉, 李强…强调…,
《实施意见》主要从5个方面着力…) do not start with a policy verb and are not measures.  The verb, adverb and
preposition lists and the reporting words are data files.
"""

from __future__ import annotations

import re
import sys
from functools import cache

from policykg.extract.lexicon import alternation, table, words

MIN_MEASURE_CHARS = 4
MAX_PREP_PHRASE_CHARS = 40
# Characters from a clause's start that decide how it opens — its framing, a unit subject (subjects: 120 to find a
# marker, 150 of units, 80 of partners) and the policy verb — so no comma of a long sentence reads to its end.
OPENING_WINDOW = 400
# Trailing punctuation left out of a measure's text and span.
TRAILING = "，,。;；:：、 \t"
# A modal after a subject, with its adverb: 上海还将…, 省财政厅要…  The subject is framing before a measure
# (framing_pattern) or its responsible unit (subjects.py); both read the same modal.
MODAL = r"(?:还|也|又)?(?:将要|将|要|应当|应|需要|须|必须)"


@cache
def framing_pattern() -> re.Pattern[str]:
    """Leading framing: a time or linking word with its comma, a document reference with its speech verb, a
    subject with its modal, an ordinal (二是)."""
    # the hand list of provinces and main cities (regions.tsv), not every county of divisions.tsv: a place
    # framing a measure (上海将…) is a province or a city, and the pattern is tried at every clause
    hand = table("regions.tsv")
    subjects = alternation([*hand, *hand.values(), *words("framing_subjects.txt")], matched=True)
    return re.compile(
        r"(?:(?:下一步|今后|接下来|今年|明年|此外|另外|同时)[,，]\s*)?"  # 下一步，上海将…; 此外，《实施意见》还明确…
        # a speech verb is framing after a document reference (《实施意见》明确…) or before a comma (还明确，…);
        # alone it is the measure's own verb (明确司法鉴定的范围)
        r"(?:《[^》]{1,60}》中?(?:(?:同时|此外|另外)?(?:还|也|并|同时)?(?:要求|提出|明确|强调|指出|规定){1,2}(?:要)?[,，:：]?\s*)?"
        r"|(?:同时|此外|另外)?(?:还|也|并|同时)?(?:要求|提出|明确|强调|指出|规定){1,2}(?:要)?[,，:：]\s*)?"
        rf"(?:(?:{subjects}){MODAL}[,，]?\s*)?"
        r"(?:(?:[一二三四五六七八九十]{1,3}是|首先|其次|再次|最后|同时|此外|另外)[,，:：]?\s*)?"
        r"(?:要(?=[\u4e00-\u9fff]))?"
    )


@cache
def _reporting() -> re.Pattern[str]:
    """Reporting words (reporting_words.txt): a clause containing one tells about the policy, it states no measure."""
    return re.compile(alternation(words("reporting_words.txt")))


@cache
def verb_start_source() -> str:
    """A measure's opening (unanchored regex source): adverbs then a policy verb; or a short prepositional
    phrase, a comma and that; or 对 + its object + a verb of handling (对新技术新业态实行包容审慎监管)."""
    adverbs = alternation(words("measure_adverbs.txt"), matched=True)
    verbs = alternation(words("policy_verbs.txt"), matched=True)
    preps = alternation(words("measure_prepositions.txt"), matched=True)
    object_preps = alternation(words("object_prepositions.txt"), matched=True)
    object_verbs = alternation(words("object_verbs.txt"), matched=True)
    core = rf"(?:{adverbs})*(?:{verbs})(?!了)"
    return (rf"(?:{core}|(?:{preps})[^,，;；。]{{1,{MAX_PREP_PHRASE_CHARS}}}[,，]\s*{core}"
            rf"|(?:{object_preps})(?:(?!(?:{object_verbs})的)[^,，;；。]){{1,{MAX_PREP_PHRASE_CHARS}}}?(?:{adverbs})*(?:{object_verbs})(?![了的]))")


@cache
def verb_start_pattern() -> re.Pattern[str]:
    return re.compile(verb_start_source())


@cache
def _result_start() -> re.Pattern[str]:
    """A clause of purpose or result, its adverbs set aside (不断提升…, 进一步提高…)."""
    adverbs = alternation(words("measure_adverbs.txt"), matched=True)
    return re.compile(f"(?:{adverbs})*(?:{alternation(words('result_verbs.txt'), matched=True)})")


# A sentence telling what was done (研究起草了《实施意见》) or said (强调，要…): its later clauses belong to the
# narrative, they open no measure of their own.
# 了 is matched before its lookbehind (了(?<!为了), not (?<!为)了): a pattern whose every branch opens with a
# character is searched by re's prefix scan, one that opens with an assertion is tried at every position.
_DONE = re.compile(r"了(?<![为除]了)(?!解)|(?:正式|联合|近日|日前|近期)(?:印发|发布|出台)《")


def narrates(sentence: str, reports: bool | None = None) -> bool:
    """Whether a sentence reports or tells of past action (reporting_words.txt, a verb with 了).  ``reports``:
    whether it holds a reporting word, from a caller that has looked already (last_report)."""
    if reports is None:
        reports = _reporting().search(sentence) is not None
    return reports or _DONE.search(sentence) is not None


@cache
def _own_clause() -> re.Pattern[str]:
    """A comma whose clause opens a measure of its own (see own_clause_starts), tested in a lookahead so that
    every comma of a sentence is tried: blanks, no result verb, then a policy verb — at once, or after the
    framing (framing_pattern's first match, atomic as framing_length reads it)."""
    verb = rf"(?=[\s\S]{{{MIN_MEASURE_CHARS}}})(?:{verb_start_source()})"
    return re.compile(rf"[,，](?=\s*+(?!{_result_start().pattern})(?:{verb}|(?>{framing_pattern().pattern}){verb}))")


def own_clause_starts(line: str, start: int, end: int) -> set[int]:
    """Where, in the sentence line[start:end], a clause after a comma opens a measure of its own: it starts
    with a policy verb (its framing set aside) and is no unframed clause of purpose or result (确保…, 提高…:
    result_verbs.txt).  After framing (要…, 首先…, 同时，…) a result verb opens a statement of its own
    (今年是攻坚年，要确保完成各项目标任务; 基础工业的建设，首先要加快…建设): the framing, not the verb, marks it
    as new.  Positions just after the comma; whether the rest of the sentence reports is asked apart
    (last_report).

    One scan of the sentence in C, not a call per comma: a sentence of many thousand clauses costs each comma
    the patterns' own reach (a framing, adverbs and a verb), which stays well inside OPENING_WINDOW."""
    return {m.end() for m in _own_clause().finditer(line, start, end)}


def last_report(line: str, start: int, end: int) -> int:
    """Where the last reporting word of line[start:end] starts, -1 when there is none: the text from a
    position p on reports exactly when this is p or later."""
    return max((m.start() for m in _reporting().finditer(line, start, end)), default=-1)


# The patterns below are matched at a position of a longer text (re's pos and endpos), without a copy of
# the clause: they have no ^ and no lookbehind, so reading text[pos:endpos] in place gives what the slice
# would.


def framing_length(text: str, pos: int = 0, endpos: int = sys.maxsize) -> int:
    """Characters of framing at the start of text[pos:endpos] (0 when there is none)."""
    return framing_pattern().match(text, pos, endpos).end() - pos


def opens_measure(text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
    """A framing-free clause, text[pos:endpos], opens a measure with a policy verb (whether it reports is
    asked apart)."""
    return (min(endpos, len(text)) - pos >= MIN_MEASURE_CHARS
            and verb_start_pattern().match(text, pos, endpos) is not None)


def is_measure(text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
    """A framing-free clause, text[pos:endpos], is a measure when it opens with a policy verb and does not
    report."""
    return opens_measure(text, pos, endpos) and _reporting().search(text, pos, endpos) is None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Span [start, end) of ``text`` without surrounding blanks and trailing punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return start, end

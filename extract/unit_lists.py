"""Unit lists as a note or a subject writes them: 省发展改革委、省经信厅等有关部门.

A list is split at its separators but not inside brackets (各省（区、市）人民政府 is one unit); its closing
tail (等, 等有关部门: unit_tails.txt) and a second name in brackets (市场监管局（知识产权局）) are dropped;
placeholders (有关部门: placeholders.txt) stand where units would be named.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.extract.lexicon import alternation, unit_table, words
from policykg.extract.unit_kinds import org_suffix

_UNIT_SPLIT = re.compile(r"[、,，/]|以及|及(?=各)|和(?=各)")
# 市场监管局（知识产权局）: one unit under two names; the second, in brackets, is dropped from the name.
_SECOND_NAME = re.compile(r"[(（][^()（）]{1,20}?[局厅委办部署院室会][)）]")
MAX_UNIT_CHARS = 30


@cache
def _tail() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(words('unit_tails.txt'))})$")


def looks_like_unit(name: str) -> bool:
    """A unit of a note ends in an institution suffix, is a listed name or a collective (各区(市)县), or is
    a placeholder: （抓好落实） is no note."""
    return len(name) <= MAX_UNIT_CHARS and (
        org_suffix(name) is not None or name in unit_table() or name.startswith("各") or name.endswith("政府")
        or is_placeholder(name))


def strip_tail(units: str) -> str:
    """A unit list without its closing tail (A、B等有关部门 → A、B: unit_tails.txt)."""
    return _tail().sub("", units)


def is_placeholder(name: str) -> bool:
    """有关部门, 各有关单位, 省有关部门: words standing where units would be named (placeholders.txt)."""
    return name in words("placeholders.txt")


_BRACKETED_PART = re.compile(r"[(（][^()（）]{0,20}[)）]")


def _split_outside_brackets(value: str) -> list[str]:
    """The list split at its separators, but not inside brackets: 各省（区、市）人民政府 is one unit."""
    if "(" not in value and "（" not in value:
        return _UNIT_SPLIT.split(value)
    kept: list[str] = []
    masked = _BRACKETED_PART.sub(lambda m: kept.append(m.group()) or f"\x00{len(kept) - 1}\x00", value)
    return [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], part) for part in _UNIT_SPLIT.split(masked)]


def split_units(value: str) -> list[str]:
    """Unit names of a list such as 省发展改革委、省经信厅等; tails (等, 等有关部门) and blanks dropped, a
    second name in brackets (市场监管局（知识产权局）) left out.

    >>> split_units("省发展改革委、省经信厅等有关部门")
    ['省发展改革委', '省经信厅']
    >>> split_units("各省（区、市）人民政府、市场监管局（知识产权局）")
    ['各省（区、市）人民政府', '市场监管局']
    """
    out = []
    value = value.replace("等和", "、").replace("等及", "、")
    for unit in _split_outside_brackets(value):
        unit = _tail().sub("", _SECOND_NAME.sub("", unit.strip())).strip()
        if unit:
            out.append(unit)
    return out

"""Paragraphs broken over several lines, re-joined: what a PDF's page width and a wiki's links do to a text.

Left split, a paragraph's fragments become bogus headings and cut measures in half.  Whether a line goes on
is decided from the text alone here (wiki-sourced corpora, extract/readers/jsonl.py) and from the page geometry
in extract/readers/pdf.py; both know a numbered item (ITEM_START) starts a line of its own.
"""

from __future__ import annotations

import re

_SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?", "：", ":")
_MAX_HEADING_CHARS = 25
# A line starting like this begins a new item even when the previous line does not end a sentence.
ITEM_START = re.compile(
    r"(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|第[一二三四五六七八九十百\d]+[章节条部分])"
)


def join_soft_breaks(text: str) -> str:
    """Re-join lines broken inside a paragraph, keeping blank-line paragraphs and heading lines.

    Wiki-sourced corpora put every link on a line of its own (在聽了劉少奇同志 / 關於憲法草案的報告 / 並進行了…).
    Blank lines and form feeds separate paragraphs; inside one, a line that does not end a sentence continues
    on the next unless the next starts a numbered item or the line is a short numbered heading itself.
    Chinese needs no space at the seam; two ASCII words get one.

    >>> join_soft_breaks("一、总体要求\\n坚持\\n稳中求进。\\n\\n(一)加强\\n领导")
    '一、总体要求\\n坚持稳中求进。\\n\\n(一)加强\\n领导'
    >>> join_soft_breaks("open\\nsource")
    'open source'
    """
    out: list[str] = []
    for block in re.split(r"\n[ \t\u3000]*\n|\x0c", text):
        merged: list[str] = []
        for line in filter(None, (ln.strip() for ln in block.split("\n"))):
            prev = merged[-1] if merged else ""
            if prev and not prev.endswith(_SENTENCE_END) and not ITEM_START.match(line) and not _is_heading(prev):
                merged[-1] += (" " if prev[-1].isascii() and line[0].isascii() else "") + line
            else:
                merged.append(line)
        if merged:
            out.append("\n".join(merged))
    return "\n\n".join(out)


def _is_heading(line: str) -> bool:
    """A short numbered line without a full stop: a heading, which the next line never continues."""
    return len(line) <= _MAX_HEADING_CHARS and ITEM_START.match(line) is not None and "。" not in line

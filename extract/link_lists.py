"""The link lists of page footers, in portal pages saved as text: found so that cleaning drops them.

A portal page saved as text keeps its footer.  The 山西省人民政府 page lists the site of every provincial
department, city, county and State Council ministry, each name on a line beside its address
(http://fgw.shanxi.gov.cn / 省发展和改革委员会); a gov.cn 国务院公报 page ends with 链接: 全国人大 / 全国政协 /
最高人民法院 ….  Read as text, every name is a bogus institution: that page's .txt gave 133 units where its
article names 13.  The HTML reader keeps only the article, so only text renderings carry them.

A link list is a stretch of *plain* lines (web addresses, and lines short and without sentence punctuation,
as link labels are) that either
- holds at least MIN_ADDRESSES bare addresses: the lines from the first address to the label after the
  last one are the list.  Where labels stand before their addresses the first label stays: the line
  before the first address may as well be the document's last (a signature), and one label is one name, or
- follows a link-list heading (link_list_headers.txt): the heading and the rest of the stretch are the list.
A document's own lists of units (成员单位: then one unit per line) carry neither.
"""

from __future__ import annotations

import re

from policykg.extract.lexicon import patterns

LABEL_MAX_CHARS = 30  # a link label: a unit's or a section's name, never a sentence
MIN_ADDRESSES = 3  # one address alone is a source line (来源: http://…), not a list
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE = re.compile(r"[。,;!?]")  # width-folded: , ; ! ? are ，；！？


def _plain(line: str) -> bool:
    return _ADDRESS.fullmatch(line) is not None or (len(line) <= LABEL_MAX_CHARS and not _SENTENCE.search(line))


def link_list_lines(lines: list[str]) -> list[bool]:
    """For each (stripped, width-folded, non-blank) line, True when it belongs to a link list.  One pass."""
    listed = [False] * len(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _plain(lines[end]):
            end += 1
        if end > start:
            _mark(lines, start, end, listed)
        start = end + 1
    return listed


def _mark(lines: list[str], start: int, end: int, listed: list[bool]) -> None:
    """Mark the link lists in the stretch of plain lines ``lines[start:end]``."""
    heading = patterns("link_list_headers.txt")
    addresses = [i for i in range(start, end) if _ADDRESS.fullmatch(lines[i])]
    spans = []
    if len(addresses) >= MIN_ADDRESSES:
        spans.append((addresses[0], min(end, addresses[-1] + 2)))
    head = next((i for i in range(start, end) if heading.fullmatch(lines[i])), None)
    if head is not None:
        spans.append((head, end))
    for first, last in spans:
        listed[first:last] = [True] * (last - first)

"""Traditional-script documents read through a Simplified shadow of the same length.

Mirror sites and Hong Kong or Taiwan reposts publish mainland policy texts in Traditional characters
(國務院辦公廳, 發展改革委牽頭).  The dictionaries, unit tables and rules are Simplified, so the recognisers
read a Simplified shadow of the text made with OpenCC (t2s), converted character for character where a
phrase conversion would change the length.  Every offset in the shadow is an offset in the text as written,
so measures and areas are cut from the written text (their text stays as the document has it), and each
unit's canonical name comes out Simplified with the written Traditional form among its aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import ne

from policykg.model import Area, Measure, measure_id

MIN_CHANGED_SHARE = 0.03  # of the CJK characters: Simplified text has (almost) none that t2s changes
MIN_CHANGED_CHARS = 5
SAMPLE_CHARS = 4000  # the script is told from the start of the text: converting all of it costs time
_NOT_CJK = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")  # what is left without it is the CJK characters


@cache
def _converter():  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """t2s of ``text`` with its length kept: by line with OpenCC's phrases, else character by character."""
    lines = []
    for line in text.split("\n"):
        converted = _converter().convert(line)
        lines.append(converted if len(converted) == len(line) else "".join(map(_char, line)))
    return "\n".join(lines)


@dataclass
class Shadow:
    """The text as written and the Simplified text the recognisers read, offset for offset."""

    written: str
    read: str

    @classmethod
    def of(cls, text: str) -> Shadow:
        """A shadow for a Traditional-script text; a Simplified text reads as written."""
        sample = text[:SAMPLE_CHARS]
        cjk = len(_NOT_CJK.sub("", sample))
        simplified = to_simplified(sample)  # of the same length
        changed = 0 if simplified == sample else sum(map(ne, sample, simplified))
        if cjk and changed >= MIN_CHANGED_CHARS and changed >= MIN_CHANGED_SHARE * cjk:
            return cls(text, to_simplified(text))
        return cls(text, text)

    @property
    def converted(self) -> bool:
        return self.read is not self.written

    def written_form(self, read_form: str) -> str | None:
        """How a unit name found in the shadow is written in the document, when that differs."""
        if not self.converted or not read_form:
            return None
        at = self.read.find(read_form)
        written = self.written[at:at + len(read_form)] if at >= 0 else None
        return written if written and written != read_form else None

    def restore(self, doc_id: str, areas: list[Area], measures: list[Measure]) -> None:
        """Measure texts and area names back as written (ids stay those of the Simplified reading)."""
        if not self.converted:
            return
        names = {a.name: self.written_form(a.name) or a.name for a in areas}
        for area in areas:
            area.name = names[area.name]
            area.parent = names.get(area.parent, area.parent) if area.parent else None
        for m in measures:
            if m.span:
                m.text = self.written[m.span[0]:m.span[1]]
                m.id = measure_id(doc_id, m.text)
            if m.area:
                m.area = names.get(m.area, m.area)

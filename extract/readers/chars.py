"""The characters a document may hold once read, whatever its container: a control character is never content.

XML (GraphML, GEXF) cannot hold C0 controls or U+FFFE/U+FFFF, UTF-8 cannot encode a lone surrogate (a JSON
"\\ud800" escape), and C1 controls only ever come from a wrong decoding or a binary paste; vertical tab and form
feed are Word line breaks and PDF page ends.  Every reader's documents pass through sanitize, and the graph
exporters reuse clean_chars for the names they write.
"""

from __future__ import annotations

import re

from policykg.errors import printable
from policykg.extract.readers.files import RawDocument

# Characters that are never text: XML 1.0 forbids C0 controls but tab/newline/CR and U+FFFE/U+FFFF; C1
# controls and DEL are legal XML but only ever come from a wrong decoding or a binary paste.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A character a reader sees: not whitespace and not a zero-width or other format character.
_VISIBLE = re.compile("[^\\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def sanitize(doc: RawDocument) -> None:
    """Make the text fit for the model and every writer.

    Vertical tab and form feed become newlines; other C0/C1 controls are dropped and lone surrogates become
    U+FFFD.  The source becomes one printable line (errors.printable).
    """
    doc.text = clean_chars(doc.text)
    doc.title = clean_chars(doc.title) or None if doc.title else None
    doc.source = printable(doc.source)


def clean_chars(text: str) -> str:
    """``text`` without the characters XML and UTF-8 cannot hold.

    >>> clean_chars("第一条\\x0b第二条\\x07")
    '第一条\\n第二条'
    """
    # str.replace, not str.translate: translate looks every character of a CJK text up in its table (50 ns
    # each, 5% of an extraction), replace only searches for the two.
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _SURROGATE.sub("\ufffd", _XML_ILLEGAL.sub("", text))


def has_visible(text: str) -> bool:
    """Whether a reader would see anything: a character that is neither whitespace nor zero-width."""
    return _VISIBLE.search(text) is not None

"""Plain text (.txt, .text) and Markdown (.md): the decoded bytes, Markdown's heading and quote marks removed.

A "## 一、总体要求" heading must reach the outline stage as "一、总体要求", or its number is not seen; the rest of
Markdown (emphasis, links) is left as written, since the recognizers read through it.
"""

from __future__ import annotations

import re
from pathlib import Path

from policykg.extract.readers.encoding import decode_text
from policykg.extract.readers.files import RawDocument

_MD_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)", re.M)


def read(path: Path) -> list[RawDocument]:
    """The file's one document."""
    text = decode_text(path.read_bytes(), path)
    if path.suffix.lower() == ".md":
        text = _MD_MARKUP.sub("", text)
    return [RawDocument(source=str(path), text=text)]

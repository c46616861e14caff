"""Errors users are meant to see: one line, no traceback.

PolicykgError covers settings and usage problems (the CLI exits 2): Neo4j unreachable, wrong password,
unknown unit name.  InputError is one input file that could not be turned into text (the CLI reports it, goes on
with the other files and exits 1).  graph/ and queries/ raise subclasses of PolicykgError.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls and DEL: never part of a file name a user means to see, and a newline would split the line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(path: object) -> str:
    """A path (or URL) as one printable line that names it losslessly.

    Bytes of a non-UTF-8 file name (decoded by Python with surrogateescape) become ``\\xff`` and control
    characters ``\\n``/``\\x08`` escapes, so an error line is never split and a JSON or XML writer never meets
    a lone surrogate.  Ordinary paths come back unchanged.
    """
    text = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name byte produced (a JSON "\\ud800" escape)
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class PolicykgError(Exception):
    """A problem the user fixes by changing a setting or an argument; the message names it."""


class InputError(PolicykgError):
    """One input file could not be turned into text: empty, binary, unknown encoding, truncated, too big."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{printable(path)}: {reason}")
        self.path = printable(path)
        self.reason = reason

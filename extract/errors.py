"""Errors users are meant to see: one line, no traceback.

PolicykgError covers settings and usage problems (the CLI exits 2): Neo4j unreachable, wrong password,
unknown unit name.  InputError is one input file that could not be read (the CLI reports it, goes on
with the other files and exits 1).  graph/ and queries/ raise subclasses of PolicykgError.
"""

from __future__ import annotations


class PolicykgError(Exception):
    """A problem the user fixes by changing a setting or an argument; the message names it."""


class InputError(PolicykgError):
    """One input file could not be turned into text: empty, binary, unknown encoding, truncated, too big."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

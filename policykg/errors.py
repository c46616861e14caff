"""Errors users are meant to see: one line, no traceback, and the exit code that goes with each.

Every error class of policykg is here, on the ground floor, so that every layer raises the same ones and the
CLI ends with ``return exc.exit_code``.  Exit codes: 1 a file policykg reads or writes failed (the other files
were processed); 2 a setting or an argument the user must change; 130 interrupted.
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

    exit_code = 2


class UsageError(PolicykgError):
    """A mistake in the command line: a missing file, a bad option value."""


class InputError(PolicykgError):
    """One input file could not be turned into text: empty, binary, unknown encoding, truncated, too big;
    or the one file a command reads (extraction.jsonl, graph.json) is malformed."""

    exit_code = 1

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{printable(path)}: {reason}")
        self.path = printable(path)
        self.reason = reason


class DataFileError(PolicykgError, ValueError):
    """A rule file of extract/data/ is malformed, missing or unlisted; the message names the file and line.

    A ValueError too: a broken rule file is a bad value of the program's own data."""


class OutputError(PolicykgError):
    """The output cannot be written (disk full, permission lost mid-run); earlier outputs are kept."""

    exit_code = 1


class UnknownNameError(PolicykgError):
    """A unit, area or document name that matches nothing; the message lists the closest known names."""

    def __init__(self, kind: str, name: str, closest: list[str]) -> None:
        hint = f"; closest known: {', '.join(closest)}" if closest else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class AmbiguousNameError(PolicykgError):
    """A name that designates several units or documents; the message lists them."""


class Neo4jUnavailable(PolicykgError):
    """The server does not answer at the configured URI (or the URI is malformed)."""


class Neo4jAuthError(PolicykgError):
    """The server answered but refused the user name or password."""


class Neo4jDatabaseNotFound(PolicykgError):
    """The server has no database of the configured name."""


class Neo4jQueryError(PolicykgError):
    """The server refused a statement: syntax, constraint, access mode, ..."""


class WriteRefused(Neo4jQueryError):
    """A statement that changes data ran without write=True (the CLI's --write)."""

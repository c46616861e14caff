"""Which files a run reads, and the limits a file must keep before any reader opens it.

Directories are walked in a stable order so that ids and output order are reproducible.  What cannot be read
is said once, naming the file: an unsupported suffix the user named, a format we cannot read with the command
that converts it (.doc, .wps, .ofd), a FIFO or link loop, a folder that cannot be listed, a file too large to
be a policy text.  policykg's own outputs are never read back.  READERS is the one table of what is read:
suffix → the module of this package that reads it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import InputError, printable
from policykg.records import OUTPUT_MARKER, is_extraction

MAX_BYTES = 20 * 2**20  # one document larger than this is almost surely not a policy text (a dump, a scan)
MAX_BYTES_JSONL = 512 * 2**20  # a .jsonl file is a corpus of many documents; each record is held to MAX_BYTES
# Suffix → the reader module (policykg.extract.readers.<name>, whose read(path) returns the file's documents).
READERS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".docx": "docx",
           ".xlsx": "xlsx", ".pdf": "pdf", ".jsonl": "jsonl"}
SUPPORTED_SUFFIXES = tuple(READERS)
# Formats a user meets among published documents that we cannot read, and what to turn them into.
_CONVERT_TO = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".odt": "docx", ".docm": "docx", ".dotx": "docx",
               ".xls": "xlsx", ".et": "xlsx", ".ods": "xlsx", ".xlsm": "xlsx", ".ofd": "pdf", ".ceb": "pdf",
               ".wpt": "docx", ".pptx": "pdf", ".ppt": "pdf", ".dps": "pdf"}


@dataclass
class RawDocument:
    """One document's decoded text before cleaning, with what the container told us about it."""

    source: str  # file path, or for .jsonl the record's url (fallback f"{path}#L{lineno}")
    text: str  # decoded text, NOT yet cleaned
    title: str | None = None  # <title>, DOCX core title, PDF info title, jsonl "title"
    date: str | None = None  # jsonl "date"/"year", HTML publication metadata (ISO string) when known
    issuers: list[str] = field(default_factory=list)  # as a portal's metadata block states them (发文机关)


def expand_paths(paths: list[Path], exclude: frozenset[Path] = frozenset()) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order, and the arguments or entries that name nothing readable.

    Directories are walked recursively and sorted so every run sees files in the same order (ids and output
    order are reproducible); hidden files and folders and unsupported suffixes inside a directory are skipped
    quietly, but a file the user named explicitly with an unsupported suffix is reported, and so is a folder
    that cannot be listed or an entry with a supported suffix that is not a regular file (FIFO, link loop).
    policykg's own outputs are never read back: files an OUTPUT_MARKER lists, and the resolved ``exclude``.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set(exclude)
    for path in paths:
        if path.is_dir():
            found = _walk(path, errors)
        elif path.is_file():
            if not supported(path):
                errors.append(unsupported(path))
                continue
            found = [path]
        else:
            errors.append(InputError(path, _not_a_file(path)))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, errors


def _walk(root: Path, errors: list[InputError]) -> list[Path]:
    """Supported files under ``root`` (symlinked folders not followed), sorted by path components."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(exc.filename, f"cannot read folder: {exc.strerror or exc}"))

    for top, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        own = _outputs_listed(Path(top))
        for name in names:
            p = Path(top, name)
            if not name.startswith(".") and p.suffix.lower() in _CONVERT_TO:
                errors.append(unsupported(p))  # a document we cannot read (.doc, .wps): say how to convert it
            if name.startswith(".") or not supported(p) or name in own:
                continue
            if p.suffix.lower() == ".jsonl" and is_extraction(p):  # an `extract -o` output from an earlier run
                continue
            if p.is_file():
                found.append(p)
            else:
                errors.append(InputError(p, _not_a_file(p)))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _outputs_listed(folder: Path) -> set[str]:
    try:
        return set((folder / OUTPUT_MARKER).read_text(encoding="utf-8").split("\n")) - {""}
    except (OSError, UnicodeDecodeError):
        return set()


def _not_a_file(path: Path) -> str:
    """Why a path that is neither a folder nor a regular file cannot be read, in the user's words."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"broken symbolic link (to {printable(os.readlink(path))})"
        return "no such file or directory" if exc.errno == errno.ENOENT else (exc.strerror or str(exc))
    kinds = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device",
             stat.S_ISBLK: "a device"}
    kind = next((name for test, name in kinds.items() if test(mode)), "not a regular file")
    return f"{kind}, not a file"


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def unsupported(path: Path) -> InputError:
    target = _CONVERT_TO.get(path.suffix.lower())
    if target and path.suffix.lower() in (".ofd", ".ceb"):
        return InputError(path, f"cannot read {path.suffix} (a layout format): print it to PDF or save it as text")
    if target:
        return InputError(path, f"cannot read {path.suffix} files: convert it first, e.g. "
                                f"`libreoffice --headless --convert-to {target} {path.name}`")
    return InputError(path, f"unsupported file type {path.suffix or '(no suffix)'!r} "
                            f"(supported: {' '.join(SUPPORTED_SUFFIXES)})")


def check_size(path: Path) -> None:
    """InputError for a file that is empty or larger than its format's limit (a .jsonl corpus may be larger)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    limit = MAX_BYTES_JSONL if path.suffix.lower() == ".jsonl" else MAX_BYTES
    if size > limit:
        raise InputError(path, f"too large: {size / 2**20:.1f} MB > {limit // 2**20} MB limit")
    if size == 0:
        raise InputError(path, "empty")

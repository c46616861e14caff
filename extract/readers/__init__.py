"""The input stage: files to raw documents, one reader module per format behind one read_path.

Reading is strict on purpose.  A policy text decoded with the wrong codec still "works" and silently puts
mojibake institution names into the graph, so every doubtful input becomes an InputError with a one-line
reason instead of a guess.  Layout that carries meaning is kept: task-division tables of any container
(tables.py) become numbered headings and one line per task in the standard "1.任务（牵头单位：A；配合单位：B）"
form the duty parser reads, and lines broken inside a paragraph are re-joined (pdf.py, paragraphs.py).

files.READERS is the one table of formats: suffix → the module here whose ``read(path)`` returns the file's
documents (text, html, docx, xlsx, pdf, jsonl).  A reader module is imported when a file of its format is
first read, so a run over text files never loads python-docx, openpyxl, pdfminer or trafilatura.  Readers
recognise nothing: what they need to know of the domain (table header words, page metadata labels) comes
from extract/lexicon.py.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.readers.chars import has_visible, sanitize
from policykg.extract.readers.files import READERS, RawDocument, check_size, expand_paths, unsupported

__all__ = ["RawDocument", "expand_paths", "read_path"]


def read_path(path: Path) -> list[RawDocument]:
    """Read one file into its documents (one, or one per line of a .jsonl); InputError for bad input."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise unsupported(path)
    check_size(path)
    try:
        docs = importlib.import_module(f"{__name__}.{reader}").read(path)
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    for doc in docs:
        sanitize(doc)
        if not doc.text.strip():
            raise InputError(path, "empty")
        if not has_visible(doc.text):
            raise InputError(path, "no text (only zero-width or other invisible characters)")
    return docs

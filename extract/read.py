"""Turn input files into decoded, not yet cleaned text: .txt/.md, .html, .docx, .pdf and .jsonl corpora.

Reading is strict on purpose.  A policy text decoded with the wrong codec still "works" and silently puts
mojibake institution names into the graph, so every doubtful input becomes an InputError with a one-line
reason instead of a guess.  Layout that carries meaning is kept: task-division tables of any container
(extract/tables.py) become numbered headings and one line per task in the standard
"1.任务（牵头单位：A；配合单位：B）" form the duty parser reads, and lines broken inside a paragraph are re-joined
(PDF page width: extract/pdf_text.py; wiki links in corpora: join_soft_breaks).  The containers have modules
of their own: extract/portal.py (HTML), docx_text.py, xlsx.py, pdf_text.py.
"""

from __future__ import annotations

import codecs
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError
from extract.tables import pipe_tables

MAX_BYTES = 20 * 2**20  # one document larger than this is almost surely not a policy text (a dump, a scan)
MAX_BYTES_JSONL = 512 * 2**20  # a .jsonl file is a corpus of many documents; each record is held to MAX_BYTES
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".jsonl")
# Formats a user meets among published documents that we cannot read, and what to turn them into.
_CONVERT_TO = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".odt": "docx", ".docm": "docx", ".dotx": "docx",
               ".xls": "xlsx", ".et": "xlsx", ".ods": "xlsx", ".xlsm": "xlsx", ".ofd": "pdf", ".ceb": "pdf",
               ".wpt": "docx", ".pptx": "pdf", ".ppt": "pdf", ".dps": "pdf"}
_HTML_SUFFIXES = (".html", ".htm")

# Share of control bytes (other than tab, newline, carriage return, form feed, escape) above which a file is
# binary.  Real text has none; a few may survive from a copy-paste, so the threshold is not zero.
_MAX_CONTROL_SHARE = 0.01
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b") + b"\x7f"
# In genuine GB18030/GBK Chinese text nearly all characters lie in the GB2312 common set; Latin-1 or
# cp1252 bytes read as GBK land mostly outside it (an accented letter followed by an ASCII letter forms a
# rare GBK-only character).  Below this share the GB18030 reading is rejected as mojibake.
_MIN_GB2312_SHARE = 0.8
# ... unless nearly all the text is non-ASCII, as in Traditional Chinese saved as GBK.
_MIN_CJK_SHARE = 0.7

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared charsets that are subsets of a stricter-but-wider codec we decode with instead.
_CODEC_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
                    "ascii": "utf-8", "us-ascii": "utf-8"}
# Codecs that accept every byte string, so success proves nothing.
_SINGLE_BYTE_CODECS = {"iso8859-1", "cp1252", "iso8859-15", "cp1251", "koi8-r", "mac-roman"}
# UTF-8 lead bytes of CJK characters (E3–E9) read as cp1252: "ä¸Šæµ·" is 上海 decoded twice.
_LATIN1_MOJIBAKE_LEADS = tuple("ãäåæçèé")
_MD_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)", re.M)


@dataclass
class RawDocument:
    """One document's decoded text before cleaning, with what the container told us about it."""

    source: str  # file path, or for .jsonl the record's url (fallback f"{path}#L{lineno}")
    text: str  # decoded text, NOT yet cleaned
    title: str | None = None  # <title>, DOCX core title, PDF info title, jsonl "title"
    date: str | None = None  # jsonl "date"/"year", HTML publication metadata (ISO string) when known
    issuers: list[str] = field(default_factory=list)  # as a portal's metadata block states them (发文机关)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order, and the arguments that name nothing readable.

    Directories are walked recursively and sorted so every run sees files in the same order (ids and output
    order are reproducible); hidden files and folders and unsupported suffixes inside a directory are skipped
    quietly, but a file the user named explicitly with an unsupported suffix is reported.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found = [p for p in inside if _supported(p)]
            # a document we cannot read (.doc, .wps) is reported, other files (images, notes) are not ours
            errors.extend(_unsupported(p) for p in inside if p.suffix.lower() in _CONVERT_TO)
        elif path.is_file():
            if not _supported(path):
                errors.append(_unsupported(path))
                continue
            found = [path]
        else:
            errors.append(InputError(path, "no such file or directory"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, errors


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _unsupported(path: Path) -> InputError:
    target = _CONVERT_TO.get(path.suffix.lower())
    if target and path.suffix.lower() in (".ofd", ".ceb"):
        return InputError(path, f"cannot read {path.suffix} (a layout format): print it to PDF or save it as text")
    if target:
        return InputError(path, f"cannot read {path.suffix} files: convert it first, e.g. "
                                f"`libreoffice --headless --convert-to {target} {path.name}`")
    return InputError(path, f"unsupported file type {path.suffix or '(no suffix)'!r} "
                            f"(supported: {' '.join(SUPPORTED_SUFFIXES)})")


def read_path(path: Path) -> list[RawDocument]:
    """Read one file into its documents (one, or one per line of a .jsonl); InputError for bad input."""
    if not _supported(path):
        raise _unsupported(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    limit = MAX_BYTES_JSONL if suffix == ".jsonl" else MAX_BYTES
    if size > limit:
        raise InputError(path, f"too large: {size / 2**20:.1f} MB > {limit // 2**20} MB limit")
    if size == 0:
        raise InputError(path, "empty")
    try:
        if suffix == ".jsonl":
            return _read_jsonl(path)
        if suffix == ".docx":
            docs = [_read_docx(path)]
        elif suffix == ".xlsx":
            docs = [_read_xlsx(path)]
        elif suffix == ".pdf":
            docs = [_read_pdf(path)]
        elif suffix in _HTML_SUFFIXES:
            docs = [_read_html(path)]
        else:
            text = decode_text(path.read_bytes(), path)
            if suffix == ".md":
                text = _MD_MARKUP.sub("", text)
            text = pipe_tables(text)  # task tables written as "1 | 任务 | 牵头单位" rows
            docs = [RawDocument(source=str(path), text=text)]
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    for doc in docs:
        if not doc.text.strip():
            raise InputError(path, "empty")
    return docs


# ---------------------------------------------------------------- plain text and encodings


def decode_text(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode bytes strictly: BOM, then the declared charset, then UTF-8, then GB18030 if it reads as Chinese.

    Anything else is refused (InputError "unknown encoding"), never decoded with a lossy fallback.  A
    declared single-byte charset (latin-1, windows-1252: the wrong default of many old CMSs) decodes any
    bytes, so it is tried only after UTF-8 and GB18030 have failed.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"unknown encoding: {codec} BOM but invalid {codec} at byte {exc.start}") \
                    from None
            _reject_mojibake(text, path)
            return text
    _reject_binary(data, path)
    codec = _codec_for(declared) if declared else None
    candidates = ["utf-8", "gb18030"]
    if codec in _SINGLE_BYTE_CODECS:
        candidates.append(codec)
    elif codec:
        candidates.insert(0, codec)  # mislabelled pages are common: on failure fall through to detection
    for candidate in dict.fromkeys(candidates):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "gb18030" and not _reads_as_chinese(text):
            continue
        _reject_mojibake(text, path)
        return text
    raise InputError(path, "unknown encoding (neither UTF-8 nor GB18030/GBK Chinese; save the file as UTF-8)")


def _reject_mojibake(text: str, path: Path) -> None:
    """Text that was already garbled before it reached us: UTF-8 read as Latin-1 and saved again, or a
    lossy conversion that left replacement characters."""
    latin = sum(map(text.count, _LATIN1_MOJIBAKE_LEADS))
    if latin >= 4 and any(_round_trips(text, codec) for codec in ("cp1252", "latin-1")):
        raise InputError(path, "unknown encoding (UTF-8 decoded as Latin-1/cp1252 and saved again: mojibake)")
    lost = text.count("\ufffd")
    if lost >= 8 and lost > 0.01 * len(text):
        raise InputError(path, f"unknown encoding ({lost} U+FFFD replacement characters: "
                               f"the text was decoded lossily before)")


def _round_trips(text: str, codec: str) -> bool:
    try:
        text.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return True


def _codec_for(label: str) -> str | None:
    label = label.strip().lower()
    label = _CODEC_SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _reject_binary(data: bytes, path: Path) -> None:
    """NUL bytes or more than a trace of control bytes: an image, archive or office file, not text."""
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(path, "binary file (contains NUL bytes)")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise InputError(path, f"binary file ({controls} control bytes in the first {len(head)})")


def _reads_as_chinese(text: str) -> bool:
    """True when a GB18030 reading looks like Chinese: its non-ASCII characters are mostly common (GB2312)
    ones, or they make up most of the text (Traditional Chinese saved as GBK lies largely outside GB2312).

    Latin-1 text read as GBK fails both: its few accented letters pair with the following ASCII letter
    into rare GBK-only characters, scattered through mostly ASCII text.
    """
    ascii_chars = len(text.encode("ascii", "ignore"))
    non_ascii = len(text) - ascii_chars
    if non_ascii == 0:
        return True
    common = (len(text.encode("gb2312", "ignore")) - ascii_chars) // 2  # GB2312 characters are two bytes
    if common >= _MIN_GB2312_SHARE * non_ascii:
        return True
    ascii_visible = ascii_chars - sum(map(text.count, " \t\r\n"))
    return non_ascii >= _MIN_CJK_SHARE * (non_ascii + ascii_visible)


# ---------------------------------------------------------------- HTML


def _read_html(path: Path) -> RawDocument:
    """Portal and plain pages alike: extract/portal.py finds the article and reads its metadata block."""
    from extract.portal import read_html

    return read_html(path)


# ---------------------------------------------------------------- DOCX


def _read_docx(path: Path) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from extract.docx_text import docx_lines

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError):
        raise InputError(path, "corrupt or truncated DOCX (not a complete Word .docx zip package)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in lxml, zipfile or python-docx alike
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
    title = (document.core_properties.title or "").strip() or None
    return RawDocument(source=str(path), text="\n".join(docx_lines(document, path)), title=title)


def _read_xlsx(path: Path) -> RawDocument:
    from extract.xlsx import xlsx_text

    text, title = xlsx_text(path)
    return RawDocument(source=str(path), text=text, title=title)


# ---------------------------------------------------------------- PDF

_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?", "：", ":")
_MAX_HEADING_CHARS = 25
# A line starting like this begins a new item even when the previous line does not end a sentence.
ITEM_START = re.compile(
    r"(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|第[一二三四五六七八九十百\d]+[章节条部分])"
)


def _read_pdf(path: Path) -> RawDocument:
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psparser import PSException

    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 2048))
        if b"%%EOF" not in fh.read():
            raise InputError(path, "truncated PDF (no %%EOF end marker)")
    from extract.pdf_text import pdf_text

    try:
        text = pdf_text(path)
        title = _pdf_title(path)
    except PDFEncryptionError:
        raise InputError(path, "encrypted PDF (text extraction needs a password or is not allowed)") from None
    except PSException as exc:
        raise InputError(path, f"corrupt or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer meets malformed objects with any builtin error
        raise InputError(path, f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    if not _LETTER.search(text):  # nothing, or only page numbers and rules
        raise InputError(path, "no text layer (scanned PDF?)")
    return RawDocument(source=str(path), text=text, title=title)


def _pdf_title(path: Path) -> str | None:
    """The document-information Title, when the producer filled it in."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as fh:
        info = PDFDocument(PDFParser(fh)).info
    for entry in info:
        raw = entry.get("Title")
        if isinstance(raw, bytes):
            if raw.startswith(codecs.BOM_UTF16_BE):
                raw = raw.decode("utf-16", "ignore")
            else:
                raw = raw.decode("latin-1")
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
    return None


def join_soft_breaks(text: str) -> str:
    """Re-join lines broken inside a paragraph, keeping blank-line paragraphs and heading lines.

    PDF text boxes wrap at the page width, and wiki-sourced corpora put every link on a line of its own
    (在聽了劉少奇同志 / 關於憲法草案的報告 / 並進行了…).  Left split, such fragments become bogus headings and
    cut measures in half.  Blank lines and form feeds separate paragraphs; inside one, a line that does not
    end a sentence continues on the next unless the next starts a numbered item or the line is a short
    numbered heading itself.  Chinese needs no space at the seam; two ASCII words get one.
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
    return len(line) <= _MAX_HEADING_CHARS and ITEM_START.match(line) is not None and "。" not in line


# ---------------------------------------------------------------- JSON Lines corpora


def _read_jsonl(path: Path) -> list[RawDocument]:
    """One document per line; any bad line makes the whole file an error naming the line (nothing is skipped)."""
    docs: list[RawDocument] = []
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"line {lineno}: not UTF-8") from None
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"line {lineno}: invalid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise InputError(path, f"line {lineno}: expected a JSON object")
            text = rec.get("content", rec.get("text"))
            if not isinstance(text, str) or not text.strip():
                raise InputError(path, f"line {lineno}: no \"content\" or \"text\"")
            if len(text) > MAX_BYTES:
                raise InputError(path, f"line {lineno}: too large: {len(text) / 2**20:.1f} M chars "
                                       f"> {MAX_BYTES // 2**20} M limit")
            url = rec.get("url")
            title = rec.get("title")
            docs.append(RawDocument(
                source=url if isinstance(url, str) and url else f"{path}#L{lineno}",
                text=join_soft_breaks(text),
                title=title.strip() or None if isinstance(title, str) else None,
                date=_record_date(rec),
            ))
    if not docs:
        raise InputError(path, "empty")
    return docs


def _record_date(rec: dict) -> str | None:
    for key in ("date", "year"):
        value = rec.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            return str(int(value))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None

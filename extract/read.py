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
import errno
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import InputError, printable
from policykg.records import OUTPUT_MARKER, is_extraction, strict_json

MAX_BYTES = 20 * 2**20  # one document larger than this is almost surely not a policy text (a dump, a scan)
MAX_BYTES_JSONL = 512 * 2**20  # a .jsonl file is a corpus of many documents; each record is held to MAX_BYTES
MAX_UNPACKED = 200 * 2**20  # a DOCX unpacking to more is a zip bomb: a 20 MB text is ~60 MB of WordprocessingML
MAX_ZIP_MEMBERS = 10_000
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

# UTF-16 without a BOM: a reading is text when nearly all of it is ASCII, CJK (unified, compatibility,
# extension A), CJK punctuation, full-width forms or general punctuation.
_UTF16_EXPECTED = re.compile("[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                             "\uf900-\ufaff\uff00-\uffef\u00a0-\u00ff]")
_MIN_UTF16_TEXT_SHARE = 0.9
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Japanese and Korean: full-width kana (half-width kana are what GBK lead bytes become in Shift-JIS) and
# hangul syllables prove the script; the legacy codecs charset-normalizer may name for such bytes.
_FOREIGN_SCRIPTS = (("Japanese", re.compile(r"[\u3041-\u30ff]")), ("Korean", re.compile(r"[\uac00-\ud7a3]")))
_FOREIGN_CODECS = ("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
                   "euc_jisx0213", "iso2022_jp", "euc_kr", "cp949", "johab", "iso2022_kr")
_MIN_FOREIGN_SHARE = 0.05  # of the non-ASCII characters; Japanese prose is a third or more kana
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_MAX_BIG5_CHAOS = 0.1  # charset-normalizer's "mess" ratio: near 0 when the reading is clean text

# Characters that are never text: XML 1.0 forbids C0 controls but tab/newline/CR and U+FFFE/U+FFFF; C1
# controls and DEL are legal XML but only ever come from a wrong decoding or a binary paste.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# A character a reader sees: not whitespace and not a zero-width or other format character.
_VISIBLE = re.compile("[^\\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")

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
            if not _supported(path):
                errors.append(_unsupported(path))
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
                errors.append(_unsupported(p))  # a document we cannot read (.doc, .wps): say how to convert it
            if name.startswith(".") or not _supported(p) or name in own:
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
            docs = _read_jsonl(path)
        elif suffix == ".docx":
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
            docs = [RawDocument(source=str(path), text=text)]
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    for doc in docs:
        _sanitize(doc)
        if not doc.text.strip():
            raise InputError(path, "empty")
        if not _VISIBLE.search(doc.text):
            raise InputError(path, "no text (only zero-width or other invisible characters)")
    return docs


def _sanitize(doc: RawDocument) -> None:
    """Make the text fit for the model and every writer: a control character is never content.

    Vertical tab and form feed (Word line breaks, PDF page ends) become newlines; other C0/C1 controls are
    dropped and lone surrogates (a JSON "\\ud800" escape) become U+FFFD, since XML (GraphML, GEXF) cannot
    hold them and UTF-8 cannot encode a surrogate.  The source becomes one printable line (errors.printable).
    """
    doc.text = clean_chars(doc.text)
    doc.title = clean_chars(doc.title) or None if doc.title else None
    doc.source = printable(doc.source)


def clean_chars(text: str) -> str:
    """``text`` without the characters XML and UTF-8 cannot hold (see _sanitize); graph/export reuses it."""
    return _SURROGATE.sub("\ufffd", _XML_ILLEGAL.sub("", text.translate(_LINE_BREAKS)))


# ---------------------------------------------------------------- plain text and encodings


def decode_text(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode bytes strictly: BOM, UTF-16 by its shape, the declared charset, UTF-8, then the legacy
    Chinese codecs (GB18030, Big5) when a detector and the strict decoder agree.

    Anything else is refused (InputError "unknown encoding"), never decoded with a lossy fallback, and so
    is Japanese or Korean text in any encoding (named as such).  A declared single-byte charset (latin-1,
    windows-1252: the wrong default of many old CMSs) decodes any bytes, so it is tried only after UTF-8
    and GB18030 have failed.
    """
    text, codec = _decode(data, path, declared)
    _reject_mojibake(text, path)
    _reject_foreign(text, path, codec)
    return text


def _decode(data: bytes, path: Path, declared: str | None) -> tuple[str, str]:
    """(text, codec that read it), or InputError when no strict reading fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(path, f"unknown encoding: {codec} BOM but invalid {codec} at byte {exc.start}") \
                    from None
    try:
        _reject_binary(data, path)
    except InputError:  # NUL or control bytes: UTF-16 without a BOM has them too
        found = _utf16_without_bom(data)
        if found is None:
            raise
        return found
    codec = _codec_for(declared) if declared else None
    candidates = ["utf-8", "legacy"]
    if codec in _SINGLE_BYTE_CODECS:
        candidates.append(codec)
    elif codec and codec != "gb18030":  # a declared GBK still has to read as Chinese (the legacy path)
        candidates.insert(0, codec)  # mislabelled pages are common: on failure fall through to detection
    for candidate in dict.fromkeys(candidates):
        if candidate == "legacy":
            found = _decode_legacy_chinese(data, path)
            if found is not None:
                return found
            continue
        text = _strict(data, candidate)
        if text is not None:
            return text, candidate
    guess = _detected(data)
    looks = f"looks like {guess[0]}; " if guess else ""
    raise InputError(path, f"unknown encoding ({looks}neither UTF-8 nor GB18030/GBK or Big5 Chinese; "
                           "save the file as UTF-8)")


def _reject_foreign(text: str, path: Path, codec: str) -> None:
    """Japanese (kana) or Korean (hangul) text is not a Chinese policy text, whatever its encoding."""
    non_ascii = _non_ascii(text)
    for script, letters in _FOREIGN_SCRIPTS:
        if non_ascii and len(letters.findall(text)) >= _MIN_FOREIGN_SHARE * non_ascii:
            raise InputError(path, f"{script} text ({codec}), not Chinese: policykg reads Chinese policy texts")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM, among bytes that look binary (NUL bytes: ASCII characters, but also 一 U+4E00
    or the U+3000 indent have one): a strict reading, little- or big-endian, that is almost all Chinese, ASCII
    and CJK punctuation.

    Reading the wrong byte order, or a binary file, fails the decoding or lands in other scripts.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:32768]
        share = len(_UTF16_EXPECTED.findall(sample)) / max(len(sample), 1)
        if share >= _MIN_UTF16_TEXT_SHARE and not _CONTROL_CHARS.search(text) and (best is None or share > best[0]):
            best = (share, text, codec)
    return best[1:] if best else None


def _detected(data: bytes) -> tuple[str, float] | None:
    """charset-normalizer's best guess (codec name, chaos 0–1), for a codec the strict decoders then verify."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return (best.encoding, best.chaos) if best is not None else None


def _decode_legacy_chinese(data: bytes, path: Path) -> tuple[str, str] | None:
    """Non-UTF-8 bytes as Chinese: Big5 when the detector is sure of it, else GB18030 if it reads as Chinese.

    Japanese and Korean legacy encodings share byte ranges with GB2312 (EUC-KR hangul decode as GB2312
    hanzi), so GB18030 alone accepts them as mojibake; the detector's guess, confirmed by kana or hangul in
    its own strict reading, refuses them by name.
    """
    guess = _detected(data)
    codec, chaos = guess if guess else ("", 1.0)
    if codec in _FOREIGN_CODECS:
        foreign = _strict(data, codec)
        if foreign is not None:
            _reject_foreign(foreign, path, codec)
    if codec in _BIG5_CODECS and chaos <= _MAX_BIG5_CHAOS:
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    text = _strict(data, "gb18030")
    return (text, "gb18030") if text is not None and _reads_as_chinese(text) else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


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
    from policykg.extract.portal import read_html

    return read_html(path)


# ---------------------------------------------------------------- DOCX


def _read_docx(path: Path) -> RawDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from policykg.extract.docx_text import docx_lines

    check_zip(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError):
        raise InputError(path, "corrupt or truncated DOCX (not a complete Word .docx zip package)") from None
    except Exception as exc:  # noqa: BLE001 - a damaged package fails in lxml, zipfile or python-docx alike
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
    title = (document.core_properties.title or "").strip() or None
    return RawDocument(source=str(path), text="\n".join(docx_lines(document, path)), title=title)


def check_zip(path: Path) -> None:
    """Refuse a zip package (DOCX, XLSX) whose members unpack to more than MAX_UNPACKED, before any is read.

    The sizes come from the central directory; zipfile stops inflating a member at its declared size (and
    fails its CRC), so a lying header cannot inflate more.  The XML of the parts is parsed by lxml with
    entities unresolved and without huge_tree (python-docx's parser), which caps node size and depth.
    A package zipfile cannot open is left to the format's reader to report.
    """
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        return
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED or len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(path, f"zip bomb refused: {len(infos)} parts unpack to {unpacked / 2**20:.0f} MB "
                               f"(limit {MAX_UNPACKED // 2**20} MB, {MAX_ZIP_MEMBERS} parts)")


def _read_xlsx(path: Path) -> RawDocument:
    from policykg.extract.xlsx import xlsx_text

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
    from policykg.extract.pdf_text import pdf_text

    try:
        text, printed_title = pdf_text(path)
        title = _pdf_title(path) or printed_title
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
                rec = strict_json(line)
            except ValueError as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                raise InputError(path, f"line {lineno}: invalid JSON ({reason})") from None
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

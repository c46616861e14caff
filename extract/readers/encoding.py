"""Bytes to text, strictly: a policy text decoded with the wrong codec still "works" and silently puts mojibake
institution names into the graph, so every doubtful input is an InputError with a one-line reason, never a guess.

The order of trust: a BOM, UTF-16 recognised by its shape, the charset a page declares, UTF-8, then the legacy
Chinese codecs (GB18030, Big5) when charset-normalizer and the strict decoder agree.  Text that was garbled
before it reached us (UTF-8 read as Latin-1 and saved again, replacement characters) and Japanese or Korean
text in any encoding are refused by name.  Every text reader (plain text, HTML) decodes through here.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from policykg.errors import InputError

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

"""Limits of the zip packages DOCX and XLSX are, checked before any part is unpacked.

A package whose parts unpack to hundreds of megabytes (a zip bomb) would exhaust memory in python-docx or
openpyxl before either reports anything, so the central directory's sizes are checked first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from policykg.errors import InputError

MAX_UNPACKED = 200 * 2**20  # a DOCX unpacking to more is a zip bomb: a 20 MB text is ~60 MB of WordprocessingML
MAX_ZIP_MEMBERS = 10_000


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

"""Builders of test inputs shared by several test modules (no test module imports another)."""

from __future__ import annotations


def pdf_bytes(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with its cross-reference table and trailer;
    ``info`` names the object number of the document information dictionary, if any."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)

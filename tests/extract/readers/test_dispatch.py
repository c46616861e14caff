"""read_path's one table of formats: each suffix goes to exactly one reader module, and what no reader reads
is one line naming the file."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.extract.readers import RawDocument, read_path
from policykg.extract.readers.files import READERS, SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[3]


def test_every_supported_suffix_has_one_reader_module_with_a_read_function():
    assert set(SUPPORTED_SUFFIXES) == set(READERS)
    for suffix, name in READERS.items():
        module = importlib.import_module(f"policykg.extract.readers.{name}")
        assert callable(module.read), suffix


@pytest.mark.parametrize("suffix", [*READERS, ".TXT", ".Docx"])
def test_read_path_hands_a_file_to_the_module_its_suffix_names(tmp_path, monkeypatch, suffix):
    calls: list[str] = []
    for name in set(READERS.values()):
        module = importlib.import_module(f"policykg.extract.readers.{name}")
        monkeypatch.setattr(module, "read", lambda path, name=name: calls.append(name) or [
            RawDocument(source=str(path), text=f"由{name}读取")])
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(b"x")
    docs = read_path(path)
    assert calls == [READERS[suffix.lower()]]
    assert docs[0].text == f"由{READERS[suffix.lower()]}读取"


def test_a_format_we_cannot_read_names_the_file_and_the_conversion(tmp_path):
    path = tmp_path / "通知.wps"
    path.write_bytes(b"x")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == (f"{path}: cannot read .wps files: convert it first, e.g. "
                               "`libreoffice --headless --convert-to docx 通知.wps`")


def test_an_unknown_suffix_names_the_file_and_lists_what_is_read(tmp_path):
    path = tmp_path / "notes.xyz"
    path.write_text("一、总体要求", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == (f"{path}: unsupported file type '.xyz' "
                               "(supported: .txt .text .md .html .htm .docx .xlsx .pdf .jsonl)")


def test_reading_text_loads_no_office_pdf_or_html_library(tmp_path):
    """A reader module is imported when its format is first read, so a run over text files stays light."""
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n加强组织领导（牵头单位：市发展改革委）。\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from policykg.extract.readers import read_path; "
            f"read_path(Path({str(path)!r})); "
            "print(sorted(m for m in ('docx', 'openpyxl', 'pdfminer', 'trafilatura', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""The lexicon is the only way into extract/data/: every file is listed, and a broken one is one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.errors import DataFileError, PolicykgError
from policykg.extract import lexicon

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_is_listed_and_every_listed_file_exists():
    present = {p.name for p in lexicon.DATA_DIR.iterdir() if p.is_file()}
    assert present - lexicon.FILES.keys() == set(), "data files no loader reads"
    assert lexicon.FILES.keys() - present == set(), "listed data files that are missing"
    lexicon.validate(lexicon.DATA_DIR)


def _broken_copy(tmp_path: Path, name: str, line: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIR, data)
    with (data / name).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    return data


@pytest.mark.parametrize(("name", "line", "says"), [
    ("review_headings.txt", "工作回顾(", "bad pattern"),  # a regex that does not compile
    ("abbreviations.tsv", "市司法局 上海市司法局", "needs two tab-separated columns"),  # a space for the tab
    ("role_conventions.tsv", "以下(?P<units>[^。]+不再列出\tcarry", "bad pattern"),
    ("userdict.txt", "上海市司法局 2000 NT", "lowercase tag"),  # jieba rejects upper-case tags
    # a closed vocabulary: a note label must introduce lead, support, responsible or deadline
    ("duty_labels.tsv", "协办单位\tcoop", "'coop' is none of lead, support, responsible, deadline"),
    ("note_verbs.tsv", "协办\thelper", "is none of lead, responsible, support, local"),
    # folds are applied one character after another: none may yield a character folded again (⺁ → 厂)
    ("equivalent_unified_ideographs.txt", "E000 ; 2E81", "maps to a character that is itself mapped"),
])
def test_a_malformed_row_is_one_error_naming_the_file_and_line(tmp_path, monkeypatch, name, line, says):
    data = _broken_copy(tmp_path, name, line)
    last = len((data / name).read_text(encoding="utf-8").splitlines())
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    with pytest.raises(DataFileError) as caught:
        lexicon.validate(lexicon.DATA_DIR)
    message = str(caught.value)
    assert message.startswith(f"{data / name}:{last}: ") and says in message
    assert "\n" not in message and isinstance(caught.value, PolicykgError)


def test_an_unlisted_file_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIR, data)
    (data / "new_words.txt").write_text("# source: nowhere\n词\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"new_words\.txt: not listed"):
        lexicon.validate(data)


def test_no_module_but_the_lexicon_opens_the_data_folder():
    extract = ROOT / "extract"
    users = [p.name for p in extract.rglob("*.py") if p.name != "lexicon.py"
             and ("DATA_DIR" in p.read_text(encoding="utf-8") or '"data"' in p.read_text(encoding="utf-8"))]
    assert users == []


def test_a_broken_data_file_stops_extraction_with_one_line(tmp_path):
    """Checked once at start-up, before any document: one line and exit code 2, not one per document."""
    data = _broken_copy(tmp_path, "area_fragments.txt", "[未闭合")
    script = ("import sys; from pathlib import Path; from policykg.extract import lexicon; "
              f"lexicon.DATA_DIR = Path({str(data)!r}); from policykg.cli import main; "
              f"sys.exit(main(['-q', 'extract', {str(ROOT / 'corpus')!r}, '-o', {str(tmp_path / 'x.jsonl')!r}]))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and "area_fragments.txt:" in lines[0] and "bad pattern" in lines[0]
    assert not (tmp_path / "x.jsonl").exists()

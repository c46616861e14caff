"""Outputs are replaced in one step and never take the user's files (or devices) with them (graph/outputs.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from policykg.extract.readers import expand_paths
from policykg.graph.outputs import replaced_file, replaced_folder
from policykg.records import OUTPUT_MARKER


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") if p.is_file() else "<dir>"
            for p in sorted(folder.rglob("*"))}


def _build_into(out: Path, files: dict[str, str]) -> None:
    with replaced_folder(out) as tmp:
        for name, content in files.items():
            (tmp / name).write_text(content, encoding="utf-8")


def test_swap_keeps_the_users_files_and_drops_stale_own_ones(tmp_path):
    out = tmp_path / "out"
    _build_into(out, {"graph.json": "old", "unit-上海市司法局.html": "old page"})
    (out / "notes.md").write_text("mine", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "data.csv").write_text("a,b", encoding="utf-8")
    os.symlink("notes.md", out / "link.md")
    _build_into(out, {"graph.json": "new"})
    assert _tree(out) == {OUTPUT_MARKER: "graph.json\n", "graph.json": "new", "link.md": "mine",
                          "notes.md": "mine", "sub": "<dir>", "sub/data.csv": "a,b"}
    assert (out / "link.md").is_symlink()
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no temporary folder left"


def test_failure_while_writing_leaves_the_old_folder_identical(tmp_path):
    out = tmp_path / "out"
    _build_into(out, {"graph.json": "old", "extraction.jsonl": "old"})
    before = _tree(out)
    with pytest.raises(RuntimeError), replaced_folder(out) as tmp:
        (tmp / "graph.json").write_text("half", encoding="utf-8")
        raise RuntimeError("disk gone")
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_files_the_marker_lists_are_never_read_as_input(tmp_path):
    (tmp_path / "a.txt").write_text("推进改革。", encoding="utf-8")
    _build_into(tmp_path / "out", {"extraction.jsonl": '{"id": "d", "measures": []}\n', "graph.html": "<p>"})
    (tmp_path / "out" / "mine.txt").write_text("推进改革。", encoding="utf-8")
    files, errors = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.txt", "out/mine.txt"] and errors == []


def test_symlinked_target_replaces_the_file_it_names(tmp_path):
    (tmp_path / "real.jsonl").write_text("old", encoding="utf-8")
    os.symlink("real.jsonl", tmp_path / "link.jsonl")
    with replaced_file(tmp_path / "link.jsonl") as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert (tmp_path / "link.jsonl").is_symlink() and (tmp_path / "real.jsonl").read_text() == "new"


def test_stream_target_is_written_into_not_renamed_over(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    with replaced_file(fifo) as tmp:
        tmp.write_text("streamed", encoding="utf-8")
    reader.join(5)
    assert got == ["streamed"] and fifo.is_fifo()


def test_symlinked_output_folder_is_followed(tmp_path):
    _build_into(tmp_path / "real", {"graph.json": "old"})
    os.symlink("real", tmp_path / "out")
    _build_into(tmp_path / "out", {"graph.json": "new"})
    assert (tmp_path / "out").is_symlink() and (tmp_path / "real" / "graph.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "real"]

"""extract_paths: bad files reported in one line while the batch goes on; parallel and repeated runs agree."""

from __future__ import annotations

import json

from builders import DATA

from policykg.extract.pipeline import extract_paths


def _records(result):
    return [json.dumps(d.to_record(), ensure_ascii=False, sort_keys=True) for d in result.documents]


def test_bad_files_are_one_line_errors_and_the_rest_goes_on(seed_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PNG" * 100)
    missing = tmp_path / "missing.txt"
    result = extract_paths([empty, seed_path, binary, missing])
    assert [d.source for d in result.documents] == [str(seed_path)]
    assert len(result.errors) == 3
    assert all("\n" not in e for e in result.errors)
    assert any(e.startswith(f"{empty}:") and "empty" in e for e in result.errors)
    assert any(e.startswith(f"{binary}:") and "binary" in e for e in result.errors)
    assert any(e.startswith(f"{missing}:") for e in result.errors)


def test_ids_are_stable_across_runs(seed_path):
    first, second = extract_paths([seed_path]), extract_paths([seed_path])
    assert _records(first) == _records(second)
    doc = first.documents[0]
    ids = [doc.id] + [a.id for a in doc.areas] + [m.id for m in doc.measures]
    assert len(ids) == len(set(ids))


def test_parallel_run_gives_the_same_documents_in_the_same_order(seed_path, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(seed_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    paths = [seed_path, DATA / "tasklist.txt", copy]
    serial, parallel = extract_paths(paths, jobs=1), extract_paths(paths, jobs=2)
    assert _records(serial) == _records(parallel)
    assert [d.source for d in parallel.documents] == [str(p) for p in paths]
    # the copy differs only by a trailing newline: same cleaned text, same ids
    assert serial.documents[0].id == serial.documents[2].id


def test_cli_extract_writes_jsonl_and_exits_1_on_a_bad_file(seed_path, tmp_path, capsys):
    from policykg.cli import main

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(seed_path), str(bad), "-o", str(out)]) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["region"] == "上海市"
    err = capsys.readouterr().err
    assert f"policykg: {bad}: empty" in err
    assert "Traceback" not in err


def test_a_fresh_process_prints_no_jieba_chatter(seed_path, tmp_path):
    """jieba logs "Building prefix dict…" to stderr by default; the CLI must print only its own summary."""
    import subprocess
    import sys

    from builders import ROOT

    out = tmp_path / "seed.jsonl"
    proc = subprocess.run([sys.executable, "-m", "policykg", "extract", str(seed_path), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stderr.strip() == f"1 document → {out}"

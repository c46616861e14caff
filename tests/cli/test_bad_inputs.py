"""A sweep of hostile inputs, each beside one good document, run through the real CLI in a subprocess.

Every case builds a folder ``corpus/`` holding a copy of the seed document and one hostile thing, runs
``python -m policykg`` of this checkout (under a 1 GB address-space limit and 10 s of CPU) over an ``out/``
that already holds an earlier build and a file of the user's, and checks what a user must be able
to rely on: no traceback, the documented exit code, exactly one ``policykg:`` error line naming the culprit
(none when the input is legitimate, only unusual), the good document still extracted, and ``out/`` either
left byte-identical or replaced by a complete new set, with the user's file kept and no temporary left.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from builders import ROOT, SEED

MEMORY_LIMIT = 2**30
# Each case's budget is 10 s of CPU (user + system, the CLI and its workers), which does not depend on how
# busy the shared machine is; the wall-clock timeout only catches a hang.
CPU_LIMIT = 10
WALL_TIMEOUT = 60
OLD_SET = {"extraction.jsonl": '{"id": "old", "measures": []}\n', "graph.json": '{"old": true}',
           "graph.graphml": "<old/>", "graph.gexf": "<old/>"}
USER_FILE = "my_notes.md"
BUILD = ("build", "corpus", "-o", "out", "--no-viz")
GOOD = "corpus/good.txt"
TEXT = SEED.read_text(encoding="utf-8")
BIG5_TEXT = ("上海市司法局印發關於深化司法行政改革的實施意見。\n一、總體要求\n"
             "推進公證、律師、調解制度改革，由市司法局牽頭，市公安局配合。\n") * 20
JAPANESE = "日本国政府は、行政改革の推進について、次のとおり決定する。各省庁は速やかに措置を講ずるものとする。\n" * 20
KOREAN = "대한민국 정부는 행정 개혁의 추진에 관하여 다음과 같이 결정한다. 각 부처는 신속히 조치를 강구한다.\n" * 20


@dataclass(frozen=True)
class Case:
    """``make(tmp)`` lays out the hostile input under tmp and returns the text the error line must name
    (None: the input is legitimate and must be read, ``check(tmp)`` then says it was read right)."""

    make: Callable[[Path], str | None]
    argv: tuple[str, ...] = BUILD
    code: int = 1
    good_read: bool = True  # False: refused before any input is read (output and usage errors)
    check: Callable[[Path], None] | None = None
    no_dac: bool = False  # run without root's permission override, so chmod means what it says
    max_file_bytes: int | None = None  # RLIMIT_FSIZE: a disk that fills up during the write


def write(tmp: Path, name: str, data: bytes | str) -> str:
    path = tmp / "corpus" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return f"corpus/{name}"


def jsonl(line: str) -> Callable[[Path], str]:
    return lambda tmp: write(tmp, "corpus.jsonl", '{"content": "推进公证制度改革。"}\n' + line + "\n")


def text_file(name: str, data: bytes | str, named: bool = True) -> Callable[[Path], str | None]:
    return lambda tmp: write(tmp, name, data) if named else (write(tmp, name, data) and None)


def records(tmp: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp / "out" / "extraction.jsonl").read_text(encoding="utf-8").splitlines()]


def hostile_record(tmp: Path) -> dict:
    (rec,) = [r for r in records(tmp) if not r["source"].endswith("good.txt")]
    return rec


def text_has(*needles: str, absent: str = "") -> Callable[[Path], None]:
    """The hostile document was read, its measures or title hold ``needles``, and nothing of ``absent``."""

    def check(tmp: Path) -> None:
        rec = hostile_record(tmp)
        blob = json.dumps(rec, ensure_ascii=False)
        assert all(n in blob for n in needles), blob[:300]
        assert not any(c in blob for c in absent)

    return check


def source_is(expected: str) -> Callable[[Path], None]:
    return lambda tmp: _assert_equal(hostile_record(tmp)["source"], expected)


def _assert_equal(a: object, b: object) -> None:
    assert a == b


# ---------------------------------------------------------------- hostile things, by class


def deep(depth: int, opener: str, closer: str) -> str:
    return '{"content": "推进改革。", "x": ' + opener * depth + closer * depth + "}"


def numbered_items(tmp: Path) -> None:
    items = "".join(f"{n}.推进第{n}项司法行政改革任务，由市司法局牵头，市公安局配合。\n" for n in range(995, 1006))
    write(tmp, "many_items.txt", "关于推进司法行政改革的实施意见\n一、主要任务\n" + items)


def many_items_read(tmp: Path) -> None:
    texts = [m["text"] for m in hostile_record(tmp)["measures"]]
    assert any("第1000项" in t for t in texts) and any("第1005项" in t for t in texts), texts


def non_utf8_name(content: bytes) -> Callable[[Path], str | None]:
    def make(tmp: Path) -> str | None:
        (tmp / "corpus").mkdir(exist_ok=True)
        with open(os.fsencode(tmp / "corpus") + b"/\xff\xfe-policy.txt", "wb") as fh:
            fh.write(content)
        return "corpus/\\xff\\xfe-policy.txt" if content != TEXT.encode() else None

    return make


def odd_name(name: str, shown: str) -> Callable[[Path], str]:
    return lambda tmp: write(tmp, name, b"\x00\x01binary") and f"corpus/{shown}"


def fifo(explicit: bool) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / "corpus").mkdir(exist_ok=True)
        os.mkfifo(tmp / ("pipe.txt" if explicit else "corpus/pipe.txt"))
        return "pipe.txt: a FIFO" if explicit else "corpus/pipe.txt: a FIFO"

    return make


def link(target: str, name: str, reason: str) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / "corpus").mkdir(exist_ok=True)
        os.symlink(target, tmp / "corpus" / name)
        return f"corpus/{name}: {reason}"

    return make


def unreadable(kind: str) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        path = tmp / "corpus" / ("locked" if kind == "folder" else "locked.txt")
        if kind == "folder":
            path.mkdir(parents=True)
            (path / "inside.txt").write_text(TEXT, encoding="utf-8")
        else:
            write(tmp, path.name, TEXT)
        path.chmod(0)
        return f"corpus/{path.name}"

    return make


def zip_docx(members: dict[str, bytes], count: int = 1) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        (tmp / "corpus").mkdir(exist_ok=True)
        with zipfile.ZipFile(tmp / "corpus" / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for name, data in members.items():
                for i in range(count):
                    z.writestr(name if count == 1 else f"{name}{i}", data)
        return "corpus/bomb.docx"

    return make


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "推进改革推进改革">'
                  + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi",
                                                                                  strict=True))
                  + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>').encode()


def entity_bomb(tmp: Path) -> str:
    """A real Word package whose document.xml defines entities expanding to a billion characters."""
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    (tmp / "corpus").mkdir(exist_ok=True)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(tmp / "corpus" / "laughs.docx", "w") as dst:
        for info in src.infolist():
            dst.writestr(info, BILLION_LAUGHS if info.filename == "word/document.xml" else src.read(info))
    return "corpus/laughs.docx"


def own_output_in_corpus(tmp: Path) -> None:
    """An earlier build inside the scanned folder, and an `extract` output: neither is input."""
    out = tmp / "corpus" / "out"
    out.mkdir(parents=True)
    (out / "extraction.jsonl").write_text('{"id": "x", "measures": []}\n', encoding="utf-8")
    (out / "graph.html").write_text("<html>推进改革</html>", encoding="utf-8")
    (out / ".policykg-output").write_text("extraction.jsonl\ngraph.html\n", encoding="utf-8")
    (tmp / "corpus" / "extracted.jsonl").write_text('{"id": "y", "measures": []}\n', encoding="utf-8")


def only_good(tmp: Path) -> None:
    assert [r["source"] for r in records(tmp)] == [GOOD]


def graph_json(mutate: Callable[[dict], None] | str) -> Callable[[Path], str]:
    """A real graph.json (built once per session from the seed) with one thing taken out of it."""

    def make(tmp: Path) -> str:
        (tmp / "corpus").mkdir(exist_ok=True)
        path = tmp / "corpus" / "graph.json"
        if isinstance(mutate, str):
            path.write_text(mutate, encoding="utf-8")
        else:
            data = json.loads(_seed_graph().read_text(encoding="utf-8"))
            mutate(data)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return "corpus/graph.json: not a policykg graph"

    return make


def _seed_graph() -> Path:
    path = ROOT / ".pytest_cache" / "seed_graph.json"
    if not path.exists():
        from policykg.extract.pipeline import extract_paths
        from policykg.graph.build import build_graph
        from policykg.graph.export import write_node_link

        path.parent.mkdir(exist_ok=True)
        write_node_link(build_graph(extract_paths([SEED]).documents), path)
    return path


def drop(label: str, key: str) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        next(n for n in data["nodes"] if n["label"] == label).pop(key)

    return mutate


def drop_role(data: dict) -> None:
    next(e for e in data["edges"] if e["type"] == "RESPONSIBLE_FOR").pop("role")


def put(tmp_rel: str, kind: str) -> Callable[[Path], str]:
    """Something already in the way of an output path."""

    def make(tmp: Path) -> str:
        path = tmp / tmp_rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "dir":
            path.mkdir()
        elif kind == "readonly":
            path.write_text('{"id": "old", "measures": []}\n', encoding="utf-8")
            path.chmod(0o444)
        else:
            path.write_text("a file", encoding="utf-8")
        return tmp_rel

    return make


def readonly_out(tmp: Path) -> str:
    (tmp / "out").chmod(0o555)
    return "out"


def nothing(tmp: Path) -> str:
    return "corpus"


def usage(option: str) -> Callable[[Path], str]:
    return lambda tmp: option


EXTRACT_TO = ("extract", "corpus", "-o")
CASES = {
    # JSON Lines values Python's json accepts or chokes on
    "jsonl-nan": Case(jsonl('{"content": "推进改革。", "date": NaN}')),
    "jsonl-infinity": Case(jsonl('{"content": "推进改革。", "score": Infinity}')),
    "jsonl-minus-infinity": Case(jsonl('{"content": "推进改革。", "score": -Infinity}')),
    "jsonl-1e999-date": Case(jsonl('{"content": "推进改革。", "date": 1e999}')),
    "jsonl-1e999-other-key": Case(jsonl('{"content": "推进改革。", "weight": -1e999}')),
    "jsonl-5000-digit-year": Case(jsonl('{"content": "推进改革。", "year": ' + "9" * 5000 + "}")),
    "jsonl-5000-digit-other-key": Case(jsonl('{"content": "推进改革。", "n": ' + "1" * 5000 + "}")),
    "jsonl-100000-deep-array": Case(jsonl(deep(100_000, "[", "]"))),
    "jsonl-100000-deep-object": Case(jsonl(deep(100_000, '{"a":', "}"))),
    # characters XML cannot hold, in text that is otherwise fine
    "xml-backspace-in-text": Case(text_file("bs.txt", TEXT.replace("。", "。\x08", 5), named=False),
                                  code=0, check=text_has("司法", absent="\x08")),
    "xml-nul-past-64kb": Case(text_file("nul.txt", TEXT * 6 + "\x00推进公证改革。" + TEXT, named=False),
                              code=0, check=text_has("司法", absent="\x00")),
    "xml-form-feed-and-vertical-tab": Case(text_file("ff.txt", TEXT.replace("\n", "\x0c", 3) + "\x0b", named=False),
                                           code=0, check=text_has("司法", absent="\x0c\x0b")),
    "xml-c1-control-and-del": Case(text_file("c1.txt", TEXT.replace("。", "。\x85\x7f", 5), named=False),
                                   code=0, check=text_has("司法", absent="\x85\x7f")),
    "xml-noncharacter-fffe": Case(text_file("fffe.txt", TEXT.replace("。", "。\ufffe", 3), named=False),
                                  code=0, check=text_has("司法", absent="\ufffe")),
    "xml-lone-surrogate-in-jsonl": Case(lambda tmp: write(tmp, "sur.jsonl", json.dumps(  # "\ud800" escapes
        {"title": "推进\ud800改革", "content": "推进公证制度改革。\ud800由市司法局牵头。"})) and None,
        code=0, check=text_has("公证", "推进\ufffd改革")),
    "xml-control-in-jsonl-title": Case(lambda tmp: write(tmp, "t.jsonl", json.dumps(
        {"title": "关于\b推进改革的意见", "content": "推进公证制度改革。"}, ensure_ascii=False)) and None,
        code=0, check=text_has("关于推进改革的意见")),
    # file names
    "name-not-utf8-good-text": Case(non_utf8_name(TEXT.encode()), code=0,
                                    check=source_is("corpus/\\xff\\xfe-policy.txt")),
    "name-not-utf8-bad-text": Case(non_utf8_name(b"\x00\x01\x02binary")),
    "name-with-newline": Case(odd_name("bad\nname.txt", "bad\\nname.txt")),
    "name-with-backspace-and-tab": Case(odd_name("bad\x08\tname.txt", "bad\\x08\\tname.txt")),
    # output paths: refused before anything is read, or one line and the old set kept
    "out-extract-target-is-folder": Case(put("out2", "dir"), (*EXTRACT_TO, "out2"), code=2, good_read=False),
    "out-extract-parent-is-file": Case(put("afile/x", "file"), (*EXTRACT_TO, "afile/x/e.jsonl"), code=2,
                                       good_read=False),
    "out-build-target-is-file": Case(put("outfile", "file"), ("build", "corpus", "-o", "outfile"), code=2,
                                     good_read=False),
    "out-build-parent-is-file": Case(put("afile/x", "file"), ("build", "corpus", "-o", "afile/x/out"), code=2,
                                     good_read=False),
    "out-extract-names-input": Case(lambda tmp: GOOD, (*EXTRACT_TO, GOOD), code=2, good_read=False),
    "out-build-names-input-folder": Case(nothing, ("build", "corpus", "-o", "corpus"), code=2, good_read=False),
    "out-extract-target-read-only": Case(put("ro.jsonl", "readonly"), (*EXTRACT_TO, "ro.jsonl"), code=2,
                                         good_read=False, no_dac=True),
    "out-build-folder-read-only": Case(readonly_out, code=2, good_read=False, no_dac=True),
    "out-disk-full-during-write": Case(lambda tmp: "out: cannot write", ("build", "corpus", "-o", "out"),
                                       good_read=False, max_file_bytes=200_000),
    # graph.json whose nodes or relationships lack what queries and pages read
    "graph-node-without-label": Case(graph_json(drop("Measure", "label")), ("query", "unit_pairs", "--graph",
                                     "corpus/graph.json"), good_read=False),
    "graph-measure-without-text": Case(graph_json(drop("Measure", "text")), ("viz", "--graph",
                                       "corpus/graph.json", "-o", "out"), good_read=False),
    "graph-institution-without-name": Case(graph_json(drop("Institution", "name")), ("query", "unit_centrality",
                                           "--graph", "corpus/graph.json"), good_read=False),
    "graph-area-without-document": Case(graph_json(drop("Area", "document")), ("query", "area_units", "x",
                                        "--graph", "corpus/graph.json"), good_read=False),
    "graph-responsibility-without-role": Case(graph_json(drop_role), ("query", "unit_pairs", "--graph",
                                              "corpus/graph.json"), good_read=False),
    "graph-nan-and-deep-nesting": Case(graph_json('{"nodes": [' * 50_000 + "NaN"), ("viz", "--graph",
                                       "corpus/graph.json", "-o", "out"), good_read=False),
    # zip bombs and XML entity bombs
    "zip-member-unpacks-to-300mb": Case(zip_docx({"word/document.xml": b"\x00" * (300 * 2**20)})),
    "zip-with-20000-parts": Case(zip_docx({"word/media/p": b"x"}, count=20_000)),
    "zip-xml-entity-bomb": Case(lambda tmp: entity_bomb(tmp)),
    # silent loss
    "loss-items-numbered-1000-and-up": Case(lambda tmp: numbered_items(tmp), code=0, check=many_items_read),
    "loss-unreadable-folder": Case(unreadable("folder"), no_dac=True),
    "loss-unreadable-file": Case(unreadable("file"), no_dac=True),
    "loss-own-outputs-in-scanned-folder": Case(lambda tmp: own_output_in_corpus(tmp), code=0, check=only_good),
    # encodings: read right, or refused by name, never mojibake
    "enc-big5-traditional": Case(text_file("big5.txt", BIG5_TEXT.encode("big5"), named=False), code=0,
                                 check=text_has("上海市司法局印發關於深化司法行政改革的實施意見")),
    "enc-utf16le-without-bom": Case(text_file("u16le.txt", TEXT.encode("utf-16-le"), named=False), code=0,
                                    check=text_has("司法行政改革")),
    "enc-utf16be-without-bom": Case(text_file("u16be.txt", TEXT.encode("utf-16-be"), named=False), code=0,
                                    check=text_has("司法行政改革")),
    "enc-shift-jis": Case(lambda tmp: write(tmp, "sjis.txt", JAPANESE.encode("shift_jis")) + ": Japanese"),
    "enc-euc-jp": Case(lambda tmp: write(tmp, "eucjp.txt", JAPANESE.encode("euc_jp")) + ": Japanese"),
    "enc-euc-kr": Case(lambda tmp: write(tmp, "euckr.txt", KOREAN.encode("euc_kr")) + ": Korean"),
    "enc-japanese-in-utf8": Case(lambda tmp: write(tmp, "ja.txt", JAPANESE) + ": Japanese text (utf-8)"),
    "enc-html-declaring-shift-jis": Case(lambda tmp: write(tmp, "ja.html", (
        '<html><head><meta charset="shift_jis"><title>決定</title></head><body><p>' + JAPANESE
        + "</p></body></html>").encode("shift_jis")) + ": Japanese text (shift_jis)"),
    "enc-latin1": Case(lambda tmp: write(tmp, "latin1.txt", "Müller Käse Größe in Zürich, café".encode("latin-1"))
                       + ": unknown encoding"),
    "enc-zero-width-only": Case(lambda tmp: write(tmp, "zw.txt", "\u200b\u200c\u200d\ufeff\u2060" * 50) + ": no text"),
    "enc-zero-width-and-blanks": Case(lambda tmp: write(tmp, "zwb.txt", "\u200b \u3000\n\u200d\t" * 50) + ": no text"),
    # messages that name the real problem
    "msg-symlink-loop": Case(link("loop.txt", "loop.txt", "symbolic link loop")),
    "msg-broken-symlink": Case(link("gone.txt", "dangling.txt", "broken symbolic link")),
    "msg-fifo-in-folder": Case(fifo(explicit=False)),
    "msg-fifo-named": Case(fifo(explicit=True), ("build", "corpus", "pipe.txt", "-o", "out", "--no-viz")),
    "msg-missing-path": Case(lambda tmp: "corpsu: no such file", ("build", "corpus", "corpsu", "-o", "out",
                                                                   "--no-viz")),
    "msg-query-top-minus-1": Case(usage("--top '-1'"),
                                  ("query", "unit_pairs", "top=-1", "--graph", "out"), code=2, good_read=False),
    "msg-build-top-minus-1": Case(usage("--top: '-1'"), (*BUILD, "--top", "-1"), code=2, good_read=False),
    "msg-jobs-0": Case(usage("--jobs: '0'"), (*BUILD, "-j", "0"), code=2, good_read=False),
    "msg-jobs-minus-5": Case(usage("--jobs: '-5'"), (*BUILD, "-j", "-5"), code=2, good_read=False),
    "msg-jobs-not-a-number": Case(usage("--jobs: 'two'"), (*EXTRACT_TO, "e.jsonl", "-j", "two"), code=2,
                                  good_read=False),
}


def _limits(max_file_bytes: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))
        if max_file_bytes:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return apply


def run_cli(argv: tuple[str, ...], cwd: Path, no_dac: bool = False, max_file_bytes: int | None = None,
            ) -> subprocess.CompletedProcess[str]:
    """``python -m policykg`` of this checkout (PYTHONPATH) on files in ``cwd``, within the CPU budget."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if no_dac and os.geteuid() == 0 else []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([*prefix, sys.executable, "-m", "policykg", "-q", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, errors="replace", timeout=WALL_TIMEOUT,
                          preexec_fn=_limits(max_file_bytes))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < CPU_LIMIT, f"{cpu:.1f} s of CPU"
    return proc


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def old_build(tmp: Path) -> Path:
    """An out/ from an earlier run, plus a file of the user's that no run may remove."""
    out = tmp / "out"
    out.mkdir()
    for name, content in OLD_SET.items():
        (out / name).write_text(content, encoding="utf-8")
    (out / ".policykg-output").write_text("".join(f"{n}\n" for n in OLD_SET), encoding="utf-8")
    (out / USER_FILE).write_text("mine", encoding="utf-8")
    return out


def assert_complete_set(out: Path) -> None:
    """A new build set, every file whole: it parses, and the user's file is still there."""
    assert (out / USER_FILE).read_text(encoding="utf-8") == "mine"
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    nx.read_graphml(out / "graph.graphml")
    nx.read_gexf(out / "graph.gexf")
    assert {r["source"] for r in records(out.parent)} >= {GOOD}


def restore_permissions(tmp: Path) -> None:
    for p in [tmp, *tmp.rglob("*")]:
        if not p.is_symlink() and not stat.S_ISFIFO(p.lstat().st_mode):
            p.chmod(0o755)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_input_beside_a_good_document(tmp_path, case):
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / GOOD)
    out = old_build(tmp_path)
    named = case.make(tmp_path)
    before = snapshot(out)
    try:
        proc = run_cli(case.argv, tmp_path, case.no_dac, case.max_file_bytes)
    finally:
        restore_permissions(tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == case.code, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("policykg:")]
    if named is None:
        assert errors == []
    else:
        assert len(errors) == 1 and named in errors[0], proc.stderr
    assert not [p for p in tmp_path.rglob(".*.tmp")], "a temporary output was left behind"
    writes_build = case.argv[0] == "build" and "out" in case.argv
    if case.good_read and writes_build:
        assert_complete_set(out)
    else:
        assert snapshot(out) == before, "the earlier outputs must be left as they were"
    if case.check:
        case.check(tmp_path)


@pytest.mark.parametrize("argv", [("build", "corpus", "corpsu", "-o", "out"),
                                  ("extract", "corpus", "corpsu", "-o", "out/extraction.jsonl")],
                         ids=["build", "extract"])
def test_failing_on_every_input_leaves_out_byte_identical(tmp_path, argv):
    """A typo'd path and unreadable files: exit 1, and the earlier real build is untouched, byte for byte."""
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / GOOD)
    assert run_cli(("build", "corpus", "-o", "out"), tmp_path).returncode == 0
    (tmp_path / "out" / USER_FILE).write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path / "out")
    (tmp_path / GOOD).write_bytes(b"\x00\x01\x02 not text")
    write(tmp_path, "zw.txt", "\u200b" * 10)
    proc = run_cli(argv, tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1].startswith("policykg: no document could be read; out")
    assert len(proc.stderr.splitlines()) == 4 and "Traceback" not in proc.stderr  # 3 inputs, then the verdict
    assert snapshot(tmp_path / "out") == before


@pytest.mark.parametrize("signum, group", [(signal.SIGINT, True), (signal.SIGTERM, False)],
                         ids=["ctrl-c-to-the-process-group", "sigterm-to-the-parent"])
def test_interrupting_a_parallel_run_leaves_no_partial_file(tmp_path, signum, group):
    """Ctrl-C (or kill) while two workers extract: the earlier out/ stays whole, no worker traceback, no
    temporary file or folder left."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(1000):  # enough work that the signal lands mid-run with the fast (rjieba) segmenter
        shutil.copy(SEED, corpus / f"copy{i:04}.txt")
    out = old_build(tmp_path)
    before = snapshot(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A terminal's Ctrl-C reaches a program whose SIGINT is not ignored; a test run started in the background
    # of a non-interactive shell (CI) hands its children SIGINT ignored, so give the build a terminal's default.
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "build", "corpus", "-o", "out", "-j", "2"],
                            cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_until_working(proc)
    if group:
        os.killpg(proc.pid, signum)  # as a terminal's Ctrl-C: the whole process group
    else:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("policykg: interrupted"), err
    assert snapshot(out) == before
    assert list(tmp_path.glob(".*")) == [], "a temporary output was left behind"


def _wait_until_working(proc: subprocess.Popen) -> None:
    """Until the pool's workers exist (two children busy extracting), so the signal lands mid-run."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists() and len(children.read_text().split()) >= 2:
            time.sleep(1.0)
            return
        time.sleep(0.1)
    pytest.fail("the build never started its workers")


def test_workers_leave_ctrl_c_to_the_parent():
    """The signal race above is usually won by the parent's terminate(); this pins the rule itself."""
    from policykg.extract.pipeline import _start_pool

    pool = _start_pool(1)
    try:
        assert pool.apply(signal.getsignal, (signal.SIGINT,)) == signal.SIG_IGN
        assert pool.apply(signal.getsignal, (signal.SIGTERM,)) == signal.SIG_DFL
    finally:
        pool.terminate()

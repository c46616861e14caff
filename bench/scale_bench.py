"""`policykg build` at 1×, 4× and 16× the government work reports: time per character and peak memory.

    python bench/scale_bench.py [--copies 1,4,16] [--viz] [--jobs 1]

The k× corpus is one .jsonl holding k copies of the 72 reports (copy j > 0 has its url, title and a last line
"（副本 j）" changed, so that every copy is a document of its own).  Each scale runs ``python -m policykg -q build
CORPUS -o DIR --no-viz`` (``--viz``: with the pages) in a child process and prints its wall time, time per
character, the child's peak resident memory (ru_maxrss from wait4), and the ratios against 1× of the same run.
Targets of issue 13: time per character at 16× within 1.3× of 1×; peak RSS of `build --no-viz` at 16× at most
2× that at 1× (the second needs the streaming build, issue 13 point 3).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl"


def write_copies(source: Path, copies: int, out: Path) -> int:
    """``copies`` copies of every record of ``source`` into ``out``; returns the characters of content written."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = 0
    with out.open("w", encoding="utf-8") as fh:
        for j in range(copies):
            for r in records:
                if j:
                    r = {**r, "url": f"{r['url']}#copy{j}", "title": f"{r['title']}(副本{j})",
                         "content": f"{r['content']}\n（副本{j}）"}
                chars += len(r["content"])
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return chars


def build(corpus: Path, out: Path, viz: bool, jobs: int) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the build child, and its exit code."""
    cmd = [sys.executable, "-m", "policykg", "-q", "build", str(corpus), "-o", str(out), "-j", str(jobs)]
    if not viz:
        cmd.append("--no-viz")
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        print(child.stderr.read().decode("utf-8", "replace")[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--copies", default="1,4,16")
    p.add_argument("--viz", action="store_true", help="build the HTML pages too")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--corpus", type=Path, default=CORPUS)
    a = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(c) for c in a.copies.split(",")):
            corpus = Path(tmp) / f"reports-x{copies}.jsonl"
            chars = write_copies(a.corpus, copies, corpus)
            seconds, rss, code = build(corpus, Path(tmp) / f"out-x{copies}", a.viz, a.jobs)
            rows.append((copies, chars, seconds, rss, code))
            corpus.unlink()
    print(f"`policykg build {'' if a.viz else '--no-viz '}-j {a.jobs}`")
    print(f"{'scale':>5} {'chars':>12} {'wall s':>8} {'µs/char':>8} {'peak RSS MB':>12} {'exit':>5}")
    for copies, chars, seconds, rss, code in rows:
        print(f"{copies:>4}× {chars:>12,} {seconds:>8.1f} {1e6 * seconds / chars:>8.2f} {rss:>12.0f} {code:>5}")
    first, last = rows[0], rows[-1]
    per_char = (last[2] / last[1]) / (first[2] / first[1])
    memory = last[3] / first[3]
    print(f"{last[0]}× vs {first[0]}×: time per character {per_char:.2f}x (target <= 1.3) "
          f"{'OK' if per_char <= 1.3 else 'OVER'}; peak RSS {memory:.2f}x (target <= 2) "
          f"{'OK' if memory <= 2 else 'OVER'}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(shared machine: wall times are upper bounds)")
    return 0 if all(r[4] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

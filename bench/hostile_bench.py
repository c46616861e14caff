"""Hostile texts: every input that used to take super-linear time, extracted at sizes n and 4n.

    python bench/hostile_bench.py [--timeout 20] [--only CASE] [--instructions]

Each case builds one document's text and times ``extract_document`` on it (read → clean → outline → names,
the whole per-document pipeline; jieba and the dictionaries are loaded first and not counted) in a child
process that is killed after ``--timeout`` seconds, so a case that backtracks never hangs the bench.  Printed
per case: seconds at n and at 4n, their ratio and the microseconds per character at 4n (to read against
bench/extract_bench.py's characters per second on ordinary reports); with --instructions also the
instructions valgrind counts, which other load on the machine does not move.
Target: ratio <= 5 (linear is 4) and every size under 5 s.
Figures of issue 13 before the fixes: 人民法院、×16 then 将了解情况 > 120 s (each added unit x2-3); 20k short
lines printed twice 78 s; a 3 MB line of comma clauses, 10k notes on one line, a note listing 10k units 10-21 s.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def unit_list_measure(n: int) -> str:
    """A measure opening with a list of n units: 人民法院、人民法院、… 将了解情况。"""
    return "一、工作任务\n" + "人民法院、" * n + "将了解情况，提出处理意见。\n"


def repeated_lines(n: int) -> str:
    """n short lines, the whole body printed twice (a scraped page)."""
    body = "\n".join(f"第{i}项" for i in range(n))
    return body + "\n" + body + "\n"


def comma_clauses(n: int) -> str:
    """One line of about n characters of comma-separated clauses."""
    clause = "加强基层法治建设，"
    return "一、总体要求\n" + clause * (n // len(clause)) + "推进依法行政。\n"


def notes_on_one_line(n: int) -> str:
    """n tasks, each with its responsibility note, on one line."""
    return "一、重点任务\n" + "完善公共法律服务体系（牵头单位：省司法厅；配合单位：省财政厅）；" * n + "\n"


def units_in_one_note(n: int) -> str:
    """One labelled note listing n distinct units."""
    units = "、".join(f"第{i}区人民政府" for i in range(n))
    return f"一、重点任务\n1.完善公共法律服务体系。\n责任单位：{units}\n"


def repeated_report(n: int) -> str:
    """A real report (corpus/) printed n times over: a scraped page carrying its body again and again."""
    return (ROOT / "corpus" / "shanghai_judicial_reform_2018.txt").read_text(encoding="utf-8") * n


def enumeration_line(n: int) -> str:
    """One measure enumerating n objects with 、 on one line."""
    return "一、重点任务\n推进" + "、".join(f"第{i}类公共法律服务" for i in range(n)) + "建设。\n"


def numbered_on_one_line(n: int) -> str:
    """n numbered items run together on one line (a page whose line breaks were lost)."""
    return "一、重点任务\n" + "".join(f"{i + 1}.完善公共法律服务体系（市司法局负责）。" for i in range(n)) + "\n"


def footer_links(n: int) -> str:
    """A portal page saved as text whose footer lists n sites, each address beside its name."""
    links = "\n".join(f"http://www{i}.shanxi.gov.cn\n第{i}区人民政府" for i in range(n))
    return "一、重点任务\n完善公共法律服务体系。\n" + links + "\n"


# case → (text builder, n, what n counts); the tests of these sizes assert only what they give
# (tests/extract/test_roles.py, test_clean.py)
CASES = {
    "unit_list_measure": (unit_list_measure, 4, "units"),  # issue 13: x16 ran past 120 s
    "long_unit_list": (unit_list_measure, 2_000, "units"),  # 人民法院、 x2000 then no verb: no subject
    "repeated_lines": (repeated_lines, 5_000, "lines"),
    "repeated_report": (repeated_report, 4, "copies"),
    "comma_clauses": (comma_clauses, 750_000, "characters"),
    "enumeration_line": (enumeration_line, 25_000, "objects"),
    "notes_on_one_line": (notes_on_one_line, 2_500, "notes"),
    "numbered_on_one_line": (numbered_on_one_line, 2_500, "items"),
    "units_in_one_note": (units_in_one_note, 2_500, "units"),  # 4n: the note of 10,000 units
    "footer_links": (footer_links, 5_000, "links"),
}
TARGET_RATIO = 5.0
TARGET_SECONDS = 5.0


def _extractor() -> Callable[[str, str], Any]:
    """This checkout's extraction of one text (source, text) → Document, jieba and the dictionaries loaded
    first, outside any timing."""
    sys.path.insert(0, str(ROOT))
    from policykg.extract import segment
    from policykg.extract.pipeline import extract_document
    from policykg.extract.readers import RawDocument

    segment.init()
    return lambda source, text: extract_document(RawDocument(source=source, text=text))


def child(case: str, n: int, idle: bool = False) -> None:
    """Time one extraction (in this child process) and print its seconds; ``idle``: everything but the
    extraction itself (the start-up that --instructions subtracts)."""
    extract = _extractor()
    text = CASES[case][0](n)
    if idle:
        print(f"0 {len(text)} 0")
        return
    started = time.process_time()
    doc = extract(f"hostile:{case}:{n}", text)
    print(f"{time.process_time() - started:.4f} {len(text)} {len(doc.measures)}")


def ordinary_rate() -> None:
    """Print the CPU microseconds per character of ordinary documents (corpus/, each extracted 20 times after
    a warm-up): the same-run baseline a hostile case's µs/char is read against."""
    extract = _extractor()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    for rounds in (1, 20):  # the first round warms up (patterns compiled on first use) and is not counted
        started = time.process_time()
        for _ in range(rounds):
            for i, text in enumerate(texts):
                extract(f"ordinary:{i}", text)
    print(f"{(time.process_time() - started) / (20 * sum(map(len, texts))) * 1e6:.3f}")


def instructions(case: str, n: int) -> int:
    """Machine instructions of one extraction, counted by valgrind (cachegrind, no cache simulation): the
    child's count minus that of the same child doing everything but the extraction.  Unlike CPU time it
    does not move with other load on the machine, so n → 4n growth is read without noise."""
    counts = []
    for idle in (False, True):
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, str(Path(__file__).resolve()), "--child", case, str(n), *(["--idle"] if idle else [])]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        counts.append(int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr).group(1).replace(",", "")))
    return counts[0] - counts[1]


def run(case: str, n: int, timeout: float) -> tuple[float | None, int, int]:
    """CPU seconds of the extraction (None after a timeout), characters, measures found."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", case, str(n)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None, 0, 0
    seconds, chars, measures = done.stdout.split()
    return float(seconds), int(chars), int(measures)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--timeout", type=float, default=20.0, help="seconds per extraction before it is killed")
    p.add_argument("--only", choices=sorted(CASES), help="run one case")
    p.add_argument("--instructions", action="store_true",
                   help="also count each extraction's instructions with valgrind (slow: about 50x; use with --only)")
    p.add_argument("--child", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    p.add_argument("--idle", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--ordinary", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.ordinary:
        ordinary_rate()
        return 0
    if a.child:
        child(a.child[0], int(a.child[1]), a.idle)
        return 0
    print(f"{'case':20} {'n':>16} {'s at n':>8} {'s at 4n':>8} {'ratio':>6}  verdict   (CPU seconds of extraction)")
    failed = 0
    for case, (_, n, unit) in CASES.items():
        if a.only and case != a.only:
            continue
        small, chars, _ = run(case, n, a.timeout)
        big, big_chars, measures = run(case, 4 * n, a.timeout)
        shown = [f"{s:8.3f}" if s is not None else f">{a.timeout:.0f} s".rjust(8) for s in (small, big)]
        if small is None or big is None:
            ratio, ok = "", False
        else:
            ratio = f"{big / max(small, 1e-3):6.1f}"
            ok = big / max(small, 1e-3) <= TARGET_RATIO and big < TARGET_SECONDS or big < 0.05
        failed += not ok
        per_char = f"{big / max(big_chars, 1) * 1e6:.2f} µs/char" if big is not None else ""
        print(f"{case:20} {f'{n:,} {unit}':>16} {shown[0]} {shown[1]} {ratio:>6}  {'OK' if ok else 'SLOW'}"
              f"   ({big_chars:,} chars at 4n, {per_char}, {measures} measures)" if big is not None else
              f"{case:20} {f'{n:,} {unit}':>16} {shown[0]} {shown[1]} {ratio:>6}  SLOW")
        if a.instructions:
            small_ir, big_ir = instructions(case, n), instructions(case, 4 * n)
            print(f"{'':20} instructions: {small_ir / 1e9:.2f} G at n, {big_ir / 1e9:.2f} G at 4n, ratio "
                  f"{big_ir / max(small_ir, 1):.2f} ({big_ir / max(big_chars, 1):,.0f} per character at 4n)")
    ordinary = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--ordinary"], capture_output=True,
                              text=True, check=True).stdout.strip()
    print(f"baseline: ordinary documents (corpus/) extract at {ordinary} µs/char in this run")
    print(f"{failed} case(s) SLOW. target: 4n/n <= {TARGET_RATIO:.0f} and every size < {TARGET_SECONDS:.0f} s; a time "
          f"under 0.05 s counts as linear (too short to grow measurably); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    return 0  # a bench reports; like the others it does not fail the run


if __name__ == "__main__":
    sys.exit(main())

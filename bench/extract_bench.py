"""Extraction throughput against plain jieba segmentation, measured in the same run on the same texts.

    python bench/extract_bench.py [CORPUS.jsonl] [--jobs N]

Default corpus: ../shared/corpus/government_work_reports.jsonl (72 documents, 1.12 M characters).
Prints extraction chars/s and docs/s with one process, plain ``jieba.lcut`` chars/s after warm-up with the
same dictionaries loaded, the ratio extraction/jieba (target >= 0.5: all recognition beyond the one
segmentation may cost at most about one more segmentation), the throughput with N worker processes and
its speed-up, and peak resident memory of this process and of its workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from extract import segment  # noqa: E402
from extract.pipeline import extract_paths  # noqa: E402
from extract.read import read_path  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl"


def _timed(fn):
    """Value, wall seconds and CPU seconds of this process (CPU time is immune to other load on the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel run (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of measurements; the best is kept (default 3)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"extract_bench: {args.corpus}: no such file", file=sys.stderr)
        return 2

    _, init_s, _ = _timed(segment.init)
    raws = read_path(args.corpus)
    chars = sum(len(r.text) for r in raws)
    docs = len(raws)
    print(f"corpus: {args.corpus} — {docs} documents, {chars:,} characters; best of {args.repeat} runs each")
    print(f"jieba + dictionaries loaded once in {init_s:.2f} s (not counted below)")

    jieba.lcut(raws[0].text)  # warm-up: caches, lazily built structures
    # Rounds interleave the three measurements so that load from other processes on the machine hits all
    # of them alike; the best time of each is kept.
    inf = float("inf")
    jieba_s = one_s = many_s = jieba_cpu = one_cpu = inf
    for _ in range(args.repeat):
        _, wall, cpu = _timed(lambda: [jieba.lcut(r.text) for r in raws])
        jieba_s, jieba_cpu = min(jieba_s, wall), min(jieba_cpu, cpu)
        result, wall, cpu = _timed(lambda: extract_paths([args.corpus], jobs=1))
        one_s, one_cpu = min(one_s, wall), min(one_cpu, cpu)
        result_n, wall, _ = _timed(lambda: extract_paths([args.corpus], jobs=args.jobs))
        many_s = min(many_s, wall)
    measures = sum(len(d.measures) for d in result.documents)
    units = len({i.name for d in result.documents for i in d.institutions})
    same = [d.to_record() for d in result.documents] == [d.to_record() for d in result_n.documents]

    print(f"{'':<26}{'wall s':>8}{'CPU s':>8}{'chars/s':>12}{'docs/s':>9}   (rates from wall time)")
    for label, wall, cpu in (("jieba.lcut (baseline)", jieba_s, jieba_cpu), ("extraction, 1 process", one_s, one_cpu)):
        print(f"{label:<26}{wall:>8.2f}{cpu:>8.2f}{chars / wall:>12,.0f}{docs / wall:>9.1f}")
    label = f"extraction, {args.jobs} processes"
    print(f"{label:<26}{many_s:>8.2f}{'':>8}{chars / many_s:>12,.0f}{docs / many_s:>9.1f}")
    ratio, ratio_wall = jieba_cpu / one_cpu, jieba_s / one_s
    speedup = one_s / many_s
    print(f"ratio extraction/jieba on one core: {ratio:.2f} by CPU time, {ratio_wall:.2f} by wall time "
          f"(target >= 0.5) {'OK' if ratio >= 0.5 else 'BELOW TARGET'}")
    print(f"speed-up {args.jobs} processes vs 1 (wall): {speedup:.2f}x {'OK' if speedup > 1 else 'NOT FASTER'} "
          f"on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; identical output: {same}")
    print(f"extracted {measures} measures, {units} distinct institutions; errors: {len(result.errors)}")
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: parent {self_mb:.0f} MB, largest worker {child_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

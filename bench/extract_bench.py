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


def _timed(fn, repeat: int = 1):
    """Value of the last call and the best wall time of ``repeat`` calls (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return value, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel run (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept (default 3)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"extract_bench: {args.corpus}: no such file", file=sys.stderr)
        return 2

    (_, init_s) = _timed(segment.init)
    raws = read_path(args.corpus)
    chars = sum(len(r.text) for r in raws)
    docs = len(raws)
    print(f"corpus: {args.corpus} — {docs} documents, {chars:,} characters; best of {args.repeat} runs each")
    print(f"jieba + dictionaries loaded once in {init_s:.2f} s (not counted below)")

    jieba.lcut(raws[0].text)  # warm-up: caches, lazily built structures
    _, jieba_s = _timed(lambda: [jieba.lcut(r.text) for r in raws], args.repeat)

    result, one_s = _timed(lambda: extract_paths([args.corpus], jobs=1), args.repeat)
    measures = sum(len(d.measures) for d in result.documents)
    units = len({i.name for d in result.documents for i in d.institutions})
    result_n, many_s = _timed(lambda: extract_paths([args.corpus], jobs=args.jobs), args.repeat)
    same = [d.to_record() for d in result.documents] == [d.to_record() for d in result_n.documents]

    print(f"{'':<26}{'seconds':>9}{'chars/s':>12}{'docs/s':>9}")
    print(f"{'jieba.lcut (baseline)':<26}{jieba_s:>9.2f}{chars / jieba_s:>12,.0f}{docs / jieba_s:>9.1f}")
    print(f"{'extraction, 1 process':<26}{one_s:>9.2f}{chars / one_s:>12,.0f}{docs / one_s:>9.1f}")
    print(f"{f'extraction, {args.jobs} processes':<26}{many_s:>9.2f}{chars / many_s:>12,.0f}{docs / many_s:>9.1f}")
    ratio = jieba_s / one_s
    speedup = one_s / many_s
    print(f"ratio extraction/jieba (1 process): {ratio:.2f} (target >= 0.5) {'OK' if ratio >= 0.5 else 'BELOW TARGET'}")
    print(f"speed-up {args.jobs} processes vs 1: {speedup:.2f}x {'OK' if speedup > 1 else 'NOT FASTER'}; "
          f"identical output: {same}")
    print(f"extracted {measures} measures, {units} distinct institutions; errors: {len(result.errors)}")
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: parent {self_mb:.0f} MB, largest worker {child_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Precision, recall and F1 of an extraction against hand-annotated gold files, one row per document.

Both sides are read by extract/gold.py.  A gold is paired with the extracted record whose source has the
same file name, else the same stem (so a .html or .pdf rendering of the document can be compared with a
gold made on the .txt).

Matching is lenient where annotators and the extractor legitimately differ in wording and strict where
identity matters:

* measures and areas: the same text after width folding and dropping punctuation, one containing the
  other, or a difflib ratio of at least 0.8 — one-to-one, best pairs first;
* institutions: the canonical names are equal, or one side's name is an alias on the other side;
* links: (matched measure, matched unit, role) for the roles lead and support;
* unit pairs: unordered pairs of units that share a measure as lead or support.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TypeVar

from policykg.extract.clean import fold_width
from policykg.extract.gold import DocRec, MeasureRec, Unit, load_docs

MIN_RATIO = 0.8
MIN_CONTAINED_CHARS = 4
CATEGORIES = ("institutions", "areas", "measures", "links", "pairs")
DUTY_ROLES = ("lead", "support")
T = TypeVar("T")
_PUNCT = re.compile(r"[\s,.;:!?()\"'“”‘’、。《》·—-]+")


# --- matching -------------------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return _PUNCT.sub("", fold_width(text))


def text_similarity(a: str, b: str) -> float:
    """1 for the same text, 0.9 when one contains the other, else the difflib ratio if at least 0.8, else 0."""
    return _similarity(_norm(a), _norm(b))


def _similarity(a: str, b: str) -> float:
    """text_similarity of two texts already normalised (each text is normalised once, not once per pair)."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= MIN_CONTAINED_CHARS and (a in b or b in a):
        return 0.9
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # the cheap upper bounds of ratio() first: most pairs of a document are far apart
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= MIN_RATIO else 0.0


def _one_to_one(gold: list[T], pred: list[T], score: Callable[[T, T], float]) -> dict[int, int]:
    """pred index → gold index, taking the best-scoring pairs first."""
    pairs = sorted(
        ((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if (s := score(g, p)) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_gold: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in out:
            used_gold.add(gi)
            out[pi] = gi
    return out


def _same_unit(g: Unit, p: Unit) -> float:
    """1.0 when the (folded) names agree, directly or through an alias."""
    return float(g.name == p.name or p.name in g.aliases or g.name in p.aliases)


def _pair_documents(gold: list[DocRec], pred: list[DocRec],
                    warn: Callable[[str], None]) -> list[tuple[DocRec, DocRec]]:
    """Each gold with the extraction of the same file name, else of the same stem; a gold without one is
    scored against nothing, with a warning, and a pairing whose titles differ is warned about."""
    by_name = {p.key: p for p in pred}
    by_stem = {Path(p.key).stem: p for p in pred}
    out = []
    for g in gold:
        p = by_name.get(g.key) or by_stem.get(Path(g.key).stem)
        if p is None and len(gold) == 1 and len(pred) == 1:
            p = pred[0]
            warn(f"{g.key}: no extraction of that file; comparing with {p.key or 'the only record'}")
        if p is None:
            warn(f"{g.key}: no extraction of that file (scored as empty)")
            p = DocRec(g.key, "")
        elif g.title and p.title and not text_similarity(g.title, p.title):
            warn(f"{g.key}: gold title {g.title!r} differs from the extraction's {p.title!r}")
        out.append((g, p))
    return out


# --- scoring --------------------------------------------------------------------------------------------------------
@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.pred if self.pred else float(not self.gold)

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: list[str], pred: list[str], correct_gold: set[int], correct_pred: set[int]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        self.correct += len(correct_pred)
        self.missed.extend(x for i, x in enumerate(gold) if i not in correct_gold)
        self.spurious.extend(x for i, x in enumerate(pred) if i not in correct_pred)


def _score_sets(gold: Iterable[str], pred: Iterable[str]) -> Score:
    g, p = sorted(set(gold)), sorted(set(pred))
    gs, ps = set(g), set(p)
    s = Score()
    s.add(g, p, {i for i, x in enumerate(g) if x in ps}, {i for i, x in enumerate(p) if x in gs})
    return s


def _links(measures: list[MeasureRec], index: Callable[[int], int | None],
           name: Callable[[str], str]) -> tuple[list[str], list[str]]:
    """(measure, unit, role) links and unordered unit pairs, as comparable strings."""
    links: list[str] = []
    pairs: set[str] = set()
    for i, m in enumerate(measures):
        k = index(i)
        units = set()
        for role in DUTY_ROLES:
            for u in m.roles.get(role, ()):
                links.append(f"m{k if k is not None else f'?{i}'} {role} {name(u)}|{m.text[:24]}")
                units.add(name(u))
        pairs.update(" ~ ".join(sorted(ab)) for ab in combinations(sorted(units), 2))
    return links, sorted(pairs)


def score_document(gold: DocRec, pred: DocRec) -> dict[str, Score]:
    """The five scores of one document."""
    out = {c: Score() for c in CATEGORIES}
    unit_map = _one_to_one(gold.units, pred.units, _same_unit)
    out["institutions"].add([u.name for u in gold.units], [u.name for u in pred.units],
                            set(unit_map.values()), set(unit_map))
    area_map = _one_to_one([_norm(a) for a in gold.areas], [_norm(a) for a in pred.areas], _similarity)
    out["areas"].add(gold.areas, pred.areas, set(area_map.values()), set(area_map))
    meas_map = _one_to_one([_norm(m.text) for m in gold.measures], [_norm(m.text) for m in pred.measures],
                           _similarity)
    out["measures"].add([m.text for m in gold.measures], [m.text for m in pred.measures],
                        set(meas_map.values()), set(meas_map))

    # A predicted unit counts under the gold name it matched (through any of its names or aliases).
    to_gold: dict[str, str] = {}
    for pi, gi in unit_map.items():
        for n in {pred.units[pi].name, *pred.units[pi].aliases}:
            to_gold.setdefault(n, gold.units[gi].name)
    gold_alias = {a: u.name for u in gold.units for a in (u.name, *u.aliases)}

    def gold_name(n: str) -> str:
        return gold_alias.get(n, n)

    def pred_name(n: str) -> str:
        return to_gold.get(n, n)

    g_links, g_pairs = _links(gold.measures, lambda i: i, gold_name)
    p_links, p_pairs = _links(pred.measures, meas_map.get, pred_name)
    out["links"] = _score_keys(g_links, p_links)
    out["pairs"] = _score_sets(g_pairs, p_pairs)
    return out


def _score_keys(gold: list[str], pred: list[str]) -> Score:
    """Links compare by (measure index, role, unit); the text after | is only there to be read."""
    def key(x: str) -> str:
        return x.split("|", 1)[0]

    gold_keys = {key(x) for x in gold}
    pred_keys = {key(x) for x in pred}
    s = Score()
    s.add(gold, pred, {i for i, x in enumerate(gold) if key(x) in pred_keys},
          {i for i, x in enumerate(pred) if key(x) in gold_keys})
    return s


@dataclass
class Report:
    rows: list[tuple[str, dict[str, Score]]]

    def macro(self, category: str) -> float:
        return sum(s[category].f1 for _, s in self.rows) / len(self.rows) if self.rows else 0.0

    def by_doc(self) -> dict[str, dict[str, float]]:
        return {doc: {c: s[c].f1 for c in CATEGORIES} for doc, s in self.rows}


def evaluate_docs(gold: list[DocRec], pred: list[DocRec], warn: Callable[[str], None] = lambda _: None) -> Report:
    return Report([(g.key, score_document(g, p)) for g, p in _pair_documents(gold, pred, warn)])


def evaluate_paths(gold: Path, pred: Path, warn: Callable[[str], None] = lambda _: None) -> Report:
    """Score the extraction file ``pred`` against a gold file or a directory of gold files."""
    return evaluate_docs(load_docs(gold, warn), load_docs(pred, warn), warn)


def format_report(report: Report, details: bool = False) -> str:
    """One row per document (F1 of each category), the macro average, then optionally every miss."""
    width = max([len(doc) for doc, _ in report.rows] + [10])
    lines = [f"{'document':<{width}}" + "".join(f"{c:>14}" for c in CATEGORIES)]
    for doc, scores in report.rows:
        lines.append(f"{doc:<{width}}" + "".join(f"{scores[c].f1:>14.3f}" for c in CATEGORIES))
    lines.append(f"{'macro F1':<{width}}" + "".join(f"{report.macro(c):>14.3f}" for c in CATEGORIES))
    if details:
        for doc, scores in report.rows:
            lines.append(f"\n== {doc}")
            for c in CATEGORIES:
                s = scores[c]
                lines.append(f"{c}: gold {s.gold} pred {s.pred} correct {s.correct} "
                             f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")
                lines.extend(f"  missed {c}: {x}" for x in s.missed)
                lines.extend(f"  spurious {c}: {x}" for x in s.spurious)
    return "\n".join(lines)

"""Precision, recall and F1 of an extraction against a hand-annotated gold file.

Both files hold extraction records (one JSON object, a JSON list, or JSON Lines).  Matching is lenient
where annotators and the extractor legitimately differ in wording and strict where identity matters:

* measures and areas: the same text after width folding and dropping punctuation, one containing the
  other, or a difflib ratio of at least 0.8 — one-to-one, best pairs first;
* institutions: the canonical names are equal, or one side's canonical name is an alias on the other side
  (after width folding);
* duties: (matched measure, matched institution, role) triples.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from extract.clean import fold_width
from extract.errors import PolicykgError

MIN_RATIO = 0.8
MIN_CONTAINED_CHARS = 4
CATEGORIES = ("institutions", "areas", "measures", "duties")
T = TypeVar("T")
_PUNCT = re.compile(r"[\s,.;:!?()\"'“”‘’、。《》·—-]+")


def load_records(path: Path) -> list[dict[str, Any]]:
    """Records of a .json (object or list) or .jsonl file; PolicykgError naming the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicykgError(f"{path}: {exc.strerror or 'cannot read'}") from None
    try:
        data = json.loads(text)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise PolicykgError(f"{path}: not JSON or JSON Lines ({exc.msg})") from None
    if not records or not all(isinstance(r, dict) for r in records):
        raise PolicykgError(f"{path}: no extraction records")
    return records


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


def _names(institution: dict[str, Any]) -> tuple[str, set[str]]:
    """An institution's name and aliases, width-folded as the cleaner folds text (an annotator types
    各区（市）县党委, the cleaned text reads 各区(市)县党委)."""
    return fold_width(institution["name"]), {fold_width(a) for a in institution.get("aliases", [])}


def _same_institution(g: tuple[str, set[str]], p: tuple[str, set[str]]) -> float:
    """1.0 when the (folded) names agree, directly or through an alias."""
    (g_name, g_aliases), (p_name, p_aliases) = g, p
    return float(g_name == p_name or p_name in g_aliases or g_name in p_aliases)


def _pair_documents(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    if len(gold) == 1 and len(pred) == 1:
        return [(gold[0], pred[0])]
    by_name = {Path(p.get("source", "")).name: p for p in pred}
    return [(g, by_name.get(Path(g.get("source", "")).name)) for g in gold]


def _tally(counts: dict[str, dict[str, Any]], category: str, gold: list[str], pred: list[str],
           correct_gold: set[int], correct_pred: set[int]) -> None:
    c = counts[category]
    c["gold"] += len(gold)
    c["pred"] += len(pred)
    c["correct"] += len(correct_pred)
    c["missed"].extend(x for i, x in enumerate(gold) if i not in correct_gold)
    c["spurious"].extend(x for i, x in enumerate(pred) if i not in correct_pred)


def evaluate_records(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, dict[str, Any]] = {
        c: {"gold": 0, "pred": 0, "correct": 0, "missed": [], "spurious": []} for c in CATEGORIES
    }
    for gold, pred in _pair_documents(gold_docs, pred_docs):
        pred = pred or {}
        g_inst, p_inst = gold.get("institutions", []), pred.get("institutions", [])
        inst_map = _one_to_one([_names(i) for i in g_inst], [_names(i) for i in p_inst], _same_institution)
        _tally(counts, "institutions", [i["name"] for i in g_inst], [i["name"] for i in p_inst],
               set(inst_map.values()), set(inst_map))

        g_areas, p_areas = gold.get("areas", []), pred.get("areas", [])
        area_map = _one_to_one([_norm(a["name"]) for a in g_areas], [_norm(a["name"]) for a in p_areas],
                               _similarity)
        _tally(counts, "areas", [a["name"] for a in g_areas], [a["name"] for a in p_areas],
               set(area_map.values()), set(area_map))

        g_meas, p_meas = gold.get("measures", []), pred.get("measures", [])
        meas_map = _one_to_one([_norm(m["text"]) for m in g_meas], [_norm(m["text"]) for m in p_meas],
                               _similarity)
        _tally(counts, "measures", [m["text"] for m in g_meas], [m["text"] for m in p_meas],
               set(meas_map.values()), set(meas_map))

        # Duties: a predicted institution counts under the gold name it matched.
        pred_to_gold_name = {p_inst[pi]["name"]: g_inst[gi]["name"] for pi, gi in inst_map.items()}
        g_duties = [(gi, d["name"], d["role"]) for gi, m in enumerate(g_meas) for d in m.get("institutions", [])]
        p_duties = [(pi, d["name"], d["role"]) for pi, m in enumerate(p_meas) for d in m.get("institutions", [])]
        gold_index = {d: i for i, d in enumerate(g_duties)}
        correct_gold: set[int] = set()
        correct_pred: set[int] = set()
        for k, (pi, name, role) in enumerate(p_duties):
            key = (meas_map.get(pi, -1), pred_to_gold_name.get(name, name), role)
            if key in gold_index and gold_index[key] not in correct_gold:
                correct_gold.add(gold_index[key])
                correct_pred.add(k)
        _tally(counts, "duties", [f"{g_meas[i]['text'][:20]}… {n} {r}" for i, n, r in g_duties],
               [f"{p_meas[i]['text'][:20]}… {n} {r}" for i, n, r in p_duties], correct_gold, correct_pred)

    for c in counts.values():
        c["precision"] = c["correct"] / c["pred"] if c["pred"] else float(not c["gold"])
        c["recall"] = c["correct"] / c["gold"] if c["gold"] else 1.0
        p, r = c["precision"], c["recall"]
        c["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return counts


def evaluate_files(gold: Path, pred: Path) -> dict[str, Any]:
    """P/R/F1 for institutions, areas, measures and duties, with the missed and spurious items."""
    return evaluate_records(load_records(gold), load_records(pred))


def format_report(result: dict[str, Any]) -> str:
    """A fixed-width table, then the missed and spurious items of each category."""
    lines = [f"{'':<14}{'gold':>6}{'pred':>6}{'correct':>9}{'P':>8}{'R':>8}{'F1':>8}"]
    for cat in CATEGORIES:
        c = result[cat]
        lines.append(f"{cat:<14}{c['gold']:>6}{c['pred']:>6}{c['correct']:>9}"
                     f"{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}")
    for cat in CATEGORIES:
        for label in ("missed", "spurious"):
            for item in result[cat][label]:
                lines.append(f"{label} {cat[:-1] if cat != 'duties' else 'duty'}: {item}")
    return "\n".join(lines)

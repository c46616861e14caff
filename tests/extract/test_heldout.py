"""Regression guard: extraction quality on two documents written and annotated apart from the rules.

tests/data/heldout/ holds a Guangdong news report on a provincial 实施意见 (优化营商环境) and a Chengdu 工作要点
(城乡社区发展治理) in numbered form with mixed duty notes, each with a gold file annotated by hand from the text.
They were written and annotated without looking at extract/data or the extractor's rules.  The floors below
are the latest measured figures minus 0.05, rounded down: they catch a regression, they are NOT a quality
target (the seed's in-sample F1 is 1.0).

First measured 2026-11-27, before any rule was changed (P / R / F1):
  guangdong_business_env_news       institutions 0.889/0.800/0.842  areas 1.000/1.000/1.000
                                    measures     1.000/0.423/0.595  duties 1.000/0.105/0.190
  chengdu_community_governance_2023 institutions 0.633/0.679/0.655  areas 1.000/1.000/1.000
                                    measures     1.000/1.000/1.000  duties 0.595/0.581/0.588
The error KINDS found (units as subjects of measures, nested brackets in duty notes, missing short forms,
region-prefixed service centres) were then fixed with general rules tested on other sentences, without
opening these texts; and the evaluator learned to fold widths in institution names.  Measured after that:
  guangdong_business_env_news       institutions 1.000/0.850/0.919  areas 1.000/1.000/1.000
                                    measures     1.000/0.808/0.894  duties 1.000/0.579/0.733
  chengdu_community_governance_2023 institutions 0.828/0.857/0.842  areas 1.000/1.000/1.000
                                    measures     1.000/1.000/1.000  duties 0.907/0.907/0.907
So these documents are no longer fully held out: the second figures are after development informed by them.

Issue 9 re-annotated both by ../shared/gold/GUIDE.md in its gold format (comma clauses with their own verb are
measures, subjects carry over their paragraph, reported speech is no measure; in a task document kinds of body
are no institutions, as in the real golds) and the seed with them.  Measured after the issue-9 rules (F1):
  chengdu_community_governance_2023  institutions 0.955  areas 1.000  measures 0.973  links 0.973  pairs 0.933
  guangdong_business_env_news        institutions 0.947  areas 1.000  measures 1.000  links 1.000  pairs 1.000
  shanghai_judicial_reform_2018      1.000 on every category (in-sample)
The floors are 0.85 on every category (issue 9: the held-out documents stay at or above 0.85).
"""

from __future__ import annotations

import json

import pytest
from builders import DATA

from policykg.extract.evaluate import evaluate_paths
from policykg.extract.pipeline import extract_paths

HELDOUT = DATA / "heldout"

CATEGORIES = ("institutions", "areas", "measures", "links", "pairs")
# document → (gold measures, {category: F1 floor})
FLOORS = {
    "guangdong_business_env_news": (42, dict.fromkeys(CATEGORIES, 0.85)),
    "chengdu_community_governance_2023": (18, dict.fromkeys(CATEGORIES, 0.85)),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_f1_not_below_measured(name, tmp_path):
    gold_measures, floors = FLOORS[name]
    gold = HELDOUT / f"{name}_gold.json"
    result = extract_paths([HELDOUT / f"{name}.txt"])
    assert result.errors == []
    pred = tmp_path / f"{name}.jsonl"
    pred.write_text("".join(json.dumps(d.to_record(), ensure_ascii=False) + "\n" for d in result.documents),
                    encoding="utf-8")
    scores = evaluate_paths(gold, pred).rows[0][1]
    assert scores["measures"].gold == gold_measures  # the floors belong to this annotation
    for category, floor in floors.items():
        assert scores[category].f1 >= floor, (category, scores[category])

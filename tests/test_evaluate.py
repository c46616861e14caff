"""Evaluation against the hand-made gold annotation of the seed (tests/data/seed_gold.json)."""

from __future__ import annotations

import json

from conftest import DATA

from extract.evaluate import evaluate_files, evaluate_records, format_report, text_similarity
from policykg import main

GOLD = DATA / "seed_gold.json"


def test_seed_f1_at_least_085(seed_path, tmp_path):
    out = tmp_path / "seed.jsonl"
    assert main(["extract", str(seed_path), "-o", str(out)]) == 0
    result = evaluate_files(GOLD, out)
    for category in ("institutions", "areas", "measures"):
        assert result[category]["f1"] >= 0.85, (category, result[category])
    assert result["duties"]["gold"] == 11


def test_cli_prints_table(seed_path, tmp_path, capsys):
    out = tmp_path / "seed.jsonl"
    main(["extract", str(seed_path), "-o", str(out)])
    capsys.readouterr()
    assert main(["evaluate", str(GOLD), str(out)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["gold", "pred", "correct", "P", "R", "F1"]
    assert [r.split()[0] for r in rows[:4]] == ["institutions", "areas", "measures", "duties"]


def test_gold_against_itself_is_perfect():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    result = evaluate_records([gold], [gold])
    assert all(result[c]["f1"] == 1.0 for c in ("institutions", "areas", "measures", "duties"))


def test_lenient_text_matching():
    # framing kept by one side, widths and punctuation differing: still the same measure
    assert text_similarity("按照中央和市委、市政府部署,深化司法行政机构改革", "深化司法行政机构改革") == 0.9
    folded = "建立执法过程全程记录制度,完善执法证据保全机制"
    assert text_similarity(folded.replace(",", "，"), folded) == 1.0
    assert text_similarity("完善刑罚执行制度", "完善司法行政干警抚恤制度") == 0.0


def test_similar_texts_score_their_difflib_ratio_down_to_the_threshold():
    # neither contains the other: the score is difflib's ratio 2·matches/(len a + len b), kept from 0.8 up
    assert text_similarity("建立执法过程全程记录制度", "建立执法过程全过程记录制度") == 24 / 25
    assert text_similarity("完善律师执业权利保障机制", "健全律师执业权利保障机制度") == 20 / 25 == 0.8
    assert text_similarity("完善律师执业权利保障机制", "健全律师执业权利保障制度") == 0.0  # ratio 18/24 = 0.75


def test_wrong_institution_and_role_are_errors():
    gold = {"source": "x", "institutions": [{"name": "上海市司法局", "aliases": ["市司法局"]}], "areas": [],
            "measures": [{"text": "支持商事调解组织按照市场化方式运作",
                          "institutions": [{"name": "上海市司法局", "role": "lead"}]}]}
    pred = {"source": "x", "institutions": [{"name": "市司法局", "aliases": []}, {"name": "界面新闻", "aliases": []}],
            "areas": [], "measures": [{"text": "支持商事调解组织按照市场化方式运作",
                                       "institutions": [{"name": "市司法局", "role": "support"}]}]}
    result = evaluate_records([gold], [pred])
    assert result["institutions"]["correct"] == 1  # an alias on the gold side counts
    assert result["institutions"]["spurious"] == ["界面新闻"]
    assert result["duties"]["correct"] == 0
    assert "spurious duty" in format_report(result)


def test_institution_names_match_across_bracket_widths():
    # The annotator typed full-width brackets; the cleaned text (and so the extractor) has folded them.
    def record(unit: str) -> dict:
        return {"source": "x", "institutions": [{"name": unit, "aliases": []}], "areas": [],
                "measures": [{"text": "深化党建引领工作机制", "institutions": [{"name": unit, "role": "support"}]}]}

    gold, pred = record("各区（市）县党委"), record("各区(市)县党委")
    result = evaluate_records([gold], [pred])
    assert (result["institutions"]["correct"], result["duties"]["correct"]) == (1, 1)
    pred["institutions"][0]["name"] = pred["measures"][0]["institutions"][0]["name"] = "各区县党委"
    assert evaluate_records([gold], [pred])["institutions"]["correct"] == 0

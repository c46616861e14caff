"""Evaluation against the hand-made gold annotation of the seed (tests/data/seed_gold.json)."""

from __future__ import annotations

import json

import pytest
from builders import DATA

from policykg.cli import main
from policykg.errors import PolicykgError
from policykg.extract.evaluate import evaluate_docs, evaluate_paths, format_report, text_similarity
from policykg.extract.gold import load_docs, read_record

GOLD = DATA / "seed_gold.json"


def test_seed_f1_at_least_085(seed_path, tmp_path):
    out = tmp_path / "seed.jsonl"
    assert main(["extract", str(seed_path), "-o", str(out)]) == 0
    scores = evaluate_paths(GOLD, out).rows[0][1]
    for category in ("institutions", "areas", "measures", "links", "pairs"):
        assert scores[category].f1 >= 0.85, (category, scores[category])


def test_cli_prints_one_row_per_document_and_the_macro_average(seed_path, tmp_path, capsys):
    out = tmp_path / "seed.jsonl"
    main(["extract", str(seed_path), "-o", str(out)])
    capsys.readouterr()
    assert main(["evaluate", str(GOLD), str(out)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["document", "institutions", "areas", "measures", "links", "pairs"]
    assert [r.split()[0] for r in rows] == ["shanghai_judicial_reform_2018.txt", "macro"]


def _gold(doc: str, title: str = "关于推进民主法治建设的实施意见") -> dict:
    return {"doc": doc, "title": title, "region": "广州市", "issuers": [],
            "areas": [{"name": "深化司法改革", "parent": None}],
            "institutions": [["广州市司法局", "市司法局"], ["广州市公安局", "市公安局"], ["广州市财政局", "市财政局"]],
            "measures": [{"text": "完善法律援助制度", "area": "深化司法改革", "lead": ["广州市司法局"],
                          "support": ["广州市公安局", "广州市财政局"], "institutions": [], "deadline": None}]}


def _record(source: str, title: str = "关于推进民主法治建设的实施意见") -> dict:
    return {"source": source, "title": title, "areas": [{"name": "深化司法改革"}],
            "institutions": [{"name": "广州市司法局", "aliases": []}, {"name": "市公安局", "aliases": []}],
            "measures": [{"text": "完善法律援助制度。", "institutions": [
                {"name": "广州市司法局", "role": "lead"}, {"name": "市公安局", "role": "support"}]}]}


def test_gold_format_scores_links_and_unit_pairs(tmp_path):
    (tmp_path / "g.json").write_text(json.dumps(_gold("gz.txt"), ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "x.jsonl"
    pred.write_text(json.dumps(_record("/corpus/gz.html"), ensure_ascii=False), encoding="utf-8")
    report = evaluate_paths(tmp_path / "g.json", pred)
    (doc, s), = report.rows
    assert doc == "gz.txt"  # matched by stem: the .html rendering is scored against the .txt gold
    assert (s["institutions"].correct, s["institutions"].gold) == (2, 3)  # 市公安局 is an alias of the gold
    assert (s["links"].correct, s["links"].gold, s["links"].pred) == (2, 3, 2)
    assert (s["pairs"].correct, s["pairs"].gold, s["pairs"].pred) == (1, 3, 1)  # 司法局~公安局 of three
    assert s["measures"].f1 == s["areas"].f1 == 1.0


def test_directory_of_golds_one_row_each_and_warnings_for_unmatched_or_other_documents(tmp_path):
    golds = tmp_path / "gold"
    golds.mkdir()
    for name, title in (("a.txt", "关于推进民主法治建设的实施意见"), ("b.txt", "国务院关于促进就业的若干意见")):
        (golds / f"{name}.json").write_text(json.dumps(_gold(name, title), ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "x.jsonl"
    pred.write_text(json.dumps(_record("a.txt", "无废城市建设试点工作方案"), ensure_ascii=False), encoding="utf-8")
    warnings: list[str] = []
    report = evaluate_paths(golds, pred, warnings.append)
    assert [d for d, _ in report.rows] == ["a.txt", "b.txt"]
    assert len(warnings) == 2 and "a.txt" in warnings[0] and "b.txt" in warnings[1]
    assert report.rows[1][1]["measures"].f1 == 0.0  # no extraction of b.txt: scored as empty


def test_records_with_missing_keys_or_null_lists_are_read_as_empty_with_one_line(tmp_path):
    pred = tmp_path / "x.jsonl"
    pred.write_text(json.dumps({"source": "gz.txt", "measures": None, "institutions": [{"name": "市公安局"}]}),
                    encoding="utf-8")
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps(_gold("gz.txt"), ensure_ascii=False), encoding="utf-8")
    warnings: list[str] = []
    s = evaluate_paths(gold, pred, warnings.append).rows[0][1]
    assert warnings == [f"{pred}: records without areas, measures (read as empty)"]
    assert s["measures"].pred == 0 and s["institutions"].correct == 1


def test_a_measure_list_that_is_no_list_is_one_error_naming_the_file(tmp_path):
    pred = tmp_path / "x.jsonl"
    pred.write_text(json.dumps({"source": "gz.txt", "measures": "none"}), encoding="utf-8")
    with pytest.raises(PolicykgError, match=str(pred)):
        evaluate_paths(pred, pred)


def test_gold_against_itself_is_perfect():
    gold = load_docs(GOLD, print)
    assert all(s.f1 == 1.0 for s in evaluate_docs(gold, gold).rows[0][1].values())


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
    report = evaluate_docs(_docs(gold), _docs(pred))
    s = report.rows[0][1]
    assert s["institutions"].correct == 1  # an alias on the gold side counts
    assert s["institutions"].spurious == ["界面新闻"]
    assert s["links"].correct == 0
    assert "spurious links" in format_report(report, details=True)


def test_institution_names_match_across_bracket_widths():
    # The annotator typed full-width brackets; the cleaned text (and so the extractor) has folded them.
    def record(unit: str) -> dict:
        return {"source": "x", "institutions": [{"name": unit, "aliases": []}], "areas": [],
                "measures": [{"text": "深化党建引领工作机制", "institutions": [{"name": unit, "role": "support"}]}]}

    gold, pred = record("各区（市）县党委"), record("各区(市)县党委")
    s = evaluate_docs(_docs(gold), _docs(pred)).rows[0][1]
    assert (s["institutions"].correct, s["links"].correct) == (1, 1)
    pred["institutions"][0]["name"] = pred["measures"][0]["institutions"][0]["name"] = "各区县党委"
    assert evaluate_docs(_docs(gold), _docs(pred)).rows[0][1]["institutions"].correct == 0


def _docs(record: dict) -> list:
    return [read_record(record, set())]

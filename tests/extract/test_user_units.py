"""A researcher's unit list (--units FILE.tsv, or ~/.config/policykg/units.tsv) fixes a canonical name once
for extract, build, the graph and Neo4j alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import DATA

from policykg import cli
from policykg.extract.pipeline import extract_paths
from policykg.extract.user_units import apply_unit_list, load_unit_list

TASKLIST = DATA / "tasklist.txt"
OLD, NEW = "浙江省经济和信息化厅", "浙江省经济和信息化委员会"  # harmonising a renamed unit across years


@pytest.fixture
def units(tmp_path) -> Path:
    path = tmp_path / "units.tsv"
    path.write_text(f"# my names\n省经信厅\t{NEW}\tgovernment\t浙江省\n", encoding="utf-8")
    return path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_extract_uses_the_listed_name_for_the_unit_and_its_duties(units, tmp_path):
    assert cli.main(["-q", "extract", str(TASKLIST), "-o", str(tmp_path / "x.jsonl"), "--units", str(units)]) == 0
    [rec] = _records(tmp_path / "x.jsonl")
    inst = next(i for i in rec["institutions"] if i["name"] == NEW)
    assert OLD in inst["aliases"] and "省经信厅" in inst["aliases"]
    assert OLD not in {i["name"] for i in rec["institutions"]}
    duties = [d for m in rec["measures"] for d in m["institutions"]]
    assert sum(d["name"] == NEW for d in duties) >= 4 and not any(d["name"] == OLD for d in duties)


def test_build_graph_and_query_see_the_listed_name(units, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["-q", "build", str(TASKLIST), "-o", str(out), "--no-viz", "--units", str(units)]) == 0
    capsys.readouterr()
    assert cli.main(["query", "unit-pairs", "--top", "1", "--graph", str(out), "--format", "json"]) == 0
    [top] = json.loads(capsys.readouterr().out)
    assert {top["unit_a"], top["unit_b"]} == {"浙江省发展和改革委员会", NEW}


def test_the_config_location_is_used_without_the_option(units, tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "policykg").mkdir(parents=True)
    (config / "policykg" / "units.tsv").write_text(units.read_text("utf-8"), encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert cli.main(["-q", "extract", str(TASKLIST), "-o", str(tmp_path / "x.jsonl")]) == 0
    assert NEW in {i["name"] for i in _records(tmp_path / "x.jsonl")[0]["institutions"]}


def test_a_row_for_another_region_changes_nothing(tmp_path):
    path = tmp_path / "units.tsv"
    path.write_text(f"省经信厅\t{NEW}\t\t广东省\n", encoding="utf-8")
    [doc] = extract_paths([TASKLIST]).documents
    assert apply_unit_list(doc, load_unit_list(path)) == doc


def test_two_units_listed_under_one_name_become_one(tmp_path):
    """Kind: merging — duties of both follow, a measure naming both keeps one duty per role."""
    path = tmp_path / "units.tsv"
    path.write_text(f"{OLD}\t浙江省经济主管部门\n浙江省发展和改革委员会\t浙江省经济主管部门\n", encoding="utf-8")
    [doc] = extract_paths([TASKLIST]).documents
    merged = apply_unit_list(doc, load_unit_list(path))
    names = [i.name for i in merged.institutions]
    assert names.count("浙江省经济主管部门") == 1 and OLD not in names
    both = next(m for m in merged.measures if m.text.startswith("加快5G网络建设"))
    assert {(d.institution, d.role) for d in both.duties} >= {("浙江省经济主管部门", "lead"),
                                                               ("浙江省经济主管部门", "support")}
    assert len(both.duties) == len(set(both.duties))


def test_a_malformed_row_is_one_line_naming_file_and_line(tmp_path, capsys):
    path = tmp_path / "units.tsv"
    path.write_text("# ok\n省经信厅 浙江省经济和信息化委员会\n", encoding="utf-8")
    assert cli.main(["extract", str(TASKLIST), "-o", str(tmp_path / "x.jsonl"), "--units", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"policykg: {path}:2: expected alias<TAB>canonical")
    assert not (tmp_path / "x.jsonl").exists()


@pytest.mark.neo4j
def test_neo4j_holds_the_listed_name(units, empty_neo4j, tmp_path):
    from policykg.graph.neo4j.cypher import run_cypher
    from policykg.graph.neo4j.load import load_documents

    [doc] = extract_paths([TASKLIST]).documents
    load_documents(empty_neo4j, [apply_unit_list(doc, load_unit_list(units))])
    rows, _ = run_cypher(empty_neo4j, "MATCH (i:Institution)-[r:RESPONSIBLE_FOR]->() WHERE i.name IN $names "
                                      "RETURN i.name AS name, count(r) AS duties", {"names": [OLD, NEW]})
    assert [r["name"] for r in rows] == [NEW] and rows[0]["duties"] >= 4

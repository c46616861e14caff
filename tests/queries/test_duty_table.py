"""`policykg table`: the 责任分工表 a researcher builds by hand, as XLSX (with the edge list) and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from builders import ROOT

from policykg import cli
from policykg.queries.duty_table import DUTY_COLUMNS, EDGE_COLUMNS

INPUTS = [str(ROOT / "corpus"), str(ROOT / "tests" / "data" / "tasklist.txt")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("table")
    assert cli.main(["-q", "table", *INPUTS, "-o", str(out / "t.xlsx")]) == 0
    assert cli.main(["-q", "table", *INPUTS, "-o", str(out / "t.csv")]) == 0
    assert cli.main(["-q", "build", *INPUTS, "-o", str(out / "build"), "--no-viz"]) == 0
    return {"xlsx": out / "t.xlsx", "csv": out / "t.csv", "build": out / "build"}


def _sheet_rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_duty_rows_equal_the_extractions_measures_and_duties(built):
    ws = openpyxl.load_workbook(built["xlsx"])["责任分工表"]
    assert [c.value for c in ws[1]] == DUTY_COLUMNS and ws.freeze_panes == "A2"
    rows = _sheet_rows(ws)
    records = [json.loads(line) for line in (built["build"] / "extraction.jsonl").read_text("utf-8").splitlines()]
    expected = [(m["text"], sorted((d["name"], d["role"]) for d in m["institutions"]), m["deadline"])
                for r in records for m in r["measures"]]
    got = [(r["measure"], sorted((u, role) for role in ("lead", "support", "mentioned")
                                 for u in (r[role] or "").split("; ") if u), r["deadline"]) for r in rows]
    assert got == expected


def test_a_task_list_row_carries_lead_support_deadline_and_area_path(built):
    rows = _sheet_rows(openpyxl.load_workbook(built["xlsx"])["责任分工表"])
    row = next(r for r in rows if r["measure"].startswith("加快5G网络建设"))
    assert row["lead"] == "浙江省经济和信息化厅"
    assert row["support"] == "浙江省发展和改革委员会; 浙江省通信管理局"
    assert row["deadline"] == "2020年底" and row["area_path"] == "加快数字基础设施建设 > 推进新型基础设施布局"
    assert row["issuer"] == "浙江省人民政府办公厅" and row["date"] == "2019-06-10"


def test_the_edge_sheet_equals_query_unit_pairs(built, capsys):
    ws = openpyxl.load_workbook(built["xlsx"])["协同网络"]
    assert [c.value for c in ws[1]] == EDGE_COLUMNS and ws.freeze_panes == "A2"
    capsys.readouterr()
    assert cli.main(["query", "unit-pairs", "--top", "0", "--graph", str(built["build"]), "--format", "json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    edges = _sheet_rows(ws)
    assert [(e["unit_a"], e["unit_b"], e["shared_measures"]) for e in edges] == \
        [(p["unit_a"], p["unit_b"], p["shared"]) for p in pairs]
    pair = ("浙江省发展和改革委员会", "浙江省经济和信息化厅")
    zhejiang = next(e for e in edges if (e["unit_a"], e["unit_b"]) == pair)
    assert zhejiang["shared_measures"] == 4
    assert zhejiang["roles"] == "lead–lead ×2; lead–support ×1; support–lead ×1"


def test_csv_has_the_same_rows_and_opens_in_excel_as_utf8(built):
    raw = built["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads a BOM-less CSV as the local code page
    with built["csv"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    xlsx = _sheet_rows(openpyxl.load_workbook(built["xlsx"])["责任分工表"])
    assert [r["measure"] for r in rows] == [r["measure"] for r in xlsx]


def test_an_unknown_table_suffix_is_refused_before_reading(tmp_path, capsys):
    assert cli.main(["table", str(tmp_path / "missing"), "-o", str(tmp_path / "t.ods")]) == 2
    expected = f"policykg: -o {tmp_path / 't.ods'}: the table is written as .csv or .xlsx"
    assert capsys.readouterr().err.strip() == expected


def test_more_measures_than_a_sheet_holds_continue_on_numbered_sheets(built, tmp_path, monkeypatch):
    # Excel opens no sheet past 1,048,576 rows; a national corpus has more measures, so they go on 责任分工表 (2) …
    from policykg.queries import duty_table

    monkeypatch.setattr(duty_table, "SHEET_ROWS", 40)
    assert cli.main(["-q", "table", *INPUTS, "-o", str(tmp_path / "t.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    duty_sheets = [name for name in book.sheetnames if name.startswith("责任分工表")]
    assert duty_sheets[:3] == ["责任分工表", "责任分工表 (2)", "责任分工表 (3)"] and book.sheetnames[-1] == "协同网络"
    rows = [r for name in duty_sheets for r in _sheet_rows(book[name])]
    assert all(book[name].max_row <= 41 and book[name].freeze_panes == "A2" for name in duty_sheets)
    assert rows == _sheet_rows(openpyxl.load_workbook(built["xlsx"])["责任分工表"])
    assert len(duty_sheets) == -(-len(rows) // 40)

"""`policykg query` as a user types it: subcommands per query, options in any order, help, typos, --version."""

from __future__ import annotations

import json
import types

import pytest
from builders import DATA

from policykg import cli
from policykg.queries import SPECS
from policykg.queries.params import spec_for

TASKLIST = DATA / "tasklist.txt"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("build")
    assert cli.main(["-q", "build", str(TASKLIST), "-o", str(out), "--no-viz"]) == 0
    return str(out)


def _rows(capsys) -> list[dict]:
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("argv", [
    ["unit-pairs", "--top", "2", "--min-shared", "2"],
    ["--top", "2", "unit-pairs", "--min-shared", "2"],  # an option before the query's name
    ["unit_pairs", "--min-shared", "2", "--top", "2"],  # the underscore name is an alias
    ["unit-pairs", "top=2", "min_shared=2"],  # the older key=value spelling
], ids=["after-name", "before-name", "underscore-alias", "key-value"])
def test_options_in_any_position_give_the_same_rows(argv, graph_dir, capsys):
    assert cli.main(["query", *argv, "--graph", graph_dir, "--format", "json"]) == 0
    rows = _rows(capsys)
    assert [(r["unit_a"], r["unit_b"], r["shared"]) for r in rows] == [
        ("浙江省发展和改革委员会", "浙江省经济和信息化厅", 4), ("浙江省发展和改革委员会", "浙江省大数据发展管理局", 2)]


def test_positional_units_around_options(graph_dir, capsys):
    argv = ["query", "shared-measures", "省发展改革委", "--format", "json", "省经信厅", "--graph", graph_dir]
    assert cli.main(argv) == 0
    assert len(_rows(capsys)) == 4


@pytest.mark.parametrize("spec", list(SPECS.values()), ids=lambda s: s.command)
def test_each_query_help_lists_its_options_defaults_and_an_example(spec, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["query", spec.command, "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    for param in spec.params:
        assert (param.name if param.required else param.option) in text
        if not param.required and param.default is not None:
            assert "(default:" in text
    assert "example:" in text and spec.example in text


def test_list_names_every_query_with_one_line(capsys):
    assert cli.main(["query", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [spec.command for spec in SPECS.values()]


def test_a_typo_names_the_closest_real_option(graph_dir, capsys):
    assert cli.main(["query", "unit-pairs", "--tpo", "5", "--graph", graph_dir]) == 2
    assert capsys.readouterr().err.strip() == "policykg: unrecognized argument '--tpo'; did you mean --top?"


@pytest.mark.parametrize("value", ["-1", "ten"])
def test_a_bad_count_is_refused_in_one_line(value, graph_dir, capsys):
    assert cli.main(["query", "unit-pairs", "--top", value, "--graph", graph_dir]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"policykg: --top '{value}'")


def test_version_and_quiet_after_the_subcommand(graph_dir, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("policykg ")
    assert cli.main(["query", "unit-pairs", "-q", "--graph", graph_dir]) == 0
    assert cli.main(["build", str(TASKLIST), "-o", graph_dir, "-q", "--no-viz"]) == 0


def test_top_level_help_says_what_the_tool_does(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert capsys.readouterr().out.split("\n\n")[1].startswith("policykg reads Chinese policy documents")


def test_the_two_backends_must_declare_the_same_parameters():
    """Kind: signature drift between run_nx and run_neo4j is refused where the declaration is read."""
    def run_nx(g, top: int = 5) -> list: ...
    def run_neo4j(session, top: int = 10) -> list: ...
    module = types.ModuleType("queries.drifting")
    module.__doc__ = "drifting(top): a query whose backends disagree."
    module.run_nx, module.run_neo4j, module.HELP, module.EXAMPLE = run_nx, run_neo4j, {"top": "rows"}, "x"
    with pytest.raises(TypeError, match="different parameters"):
        spec_for(module)
    module.run_neo4j = lambda session, top=5: []
    module.run_neo4j.__annotations__ = {"top": int}
    assert [p.name for p in spec_for(module).params] == ["top"]


def test_document_option_on_a_graph_read_back_from_graph_json(graph_dir, capsys):
    """Kind: a graph read from graph.json keeps a node's id as its key only, not as an attribute."""
    title = "浙江省人民政府办公厅关于印发浙江省数字经济发展重点任务分工方案的通知"
    argv = ["query", "unit-pairs", "--top", "1", "--document", title, "--graph", graph_dir, "--format", "json"]
    assert cli.main(argv) == 0
    [row] = _rows(capsys)
    assert (row["unit_a"], row["unit_b"], row["shared"]) == ("浙江省发展和改革委员会", "浙江省经济和信息化厅", 4)

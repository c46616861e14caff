"""A malformed file that a command reads back (extraction.jsonl, graph.json) is one line naming the file, exit 1."""

from __future__ import annotations

import pytest

from policykg import cli


@pytest.mark.parametrize("content, reason", [
    ('{"nodes": [], "edges": [\n', "not a policykg graph (node-link JSON): JSONDecodeError"),
    ("{}", "not a policykg graph (node-link JSON): KeyError: 'nodes'"),
    ("[1]", "not a policykg graph (node-link JSON): AttributeError"),
])
@pytest.mark.parametrize("command", [["query", "unit_pairs", "--graph"], ["viz", "--graph"]])
def test_malformed_graph_json_is_one_line_exit_1(tmp_path, capsys, content, reason, command):
    graph = tmp_path / "graph.json"
    graph.write_text(content, encoding="utf-8")
    assert cli.main([*command, str(tmp_path), *(["-o", str(tmp_path)] if command[0] == "viz" else [])]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"policykg: {graph}: {reason}") and err.count("\n") == 1
    assert not (tmp_path / "graph.html").exists()


def test_malformed_extraction_line_is_one_line_exit_1(tmp_path, capsys):
    extraction = tmp_path / "extraction.jsonl"
    extraction.write_text('{"id": "d1", "source": "a.txt"}\n\n{"source": "b.txt"}\n', encoding="utf-8")
    assert cli.main(["load", str(tmp_path)]) == 1  # read before Neo4j is contacted
    assert capsys.readouterr().err == (f"policykg: {extraction}: line 3: not an extraction record "
                                       "(KeyError: 'id')\n")

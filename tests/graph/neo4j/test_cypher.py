"""`policykg cypher` output as cypher-shell users expect it, on the real server: nodes as Cypher literals,
`(1 row)`, write counters instead of a blank header, plain values in JSON."""

from __future__ import annotations

import json

import pytest

from policykg import cli
from policykg.graph.neo4j.cypher import run_cypher

pytestmark = pytest.mark.neo4j


def _cli(settings, *argv: str) -> int:
    connection = ["--uri", settings.uri, "--user", settings.user, f"--password={settings.password}",
                  "--database", settings.database]
    return cli.main(["cypher", *argv, *connection])


def test_a_node_prints_as_a_cypher_literal_in_the_table(empty_neo4j, capsys):
    run_cypher(empty_neo4j, "CREATE (:Institution {name: $name, kind: 'party'})", {"name": "中共上海市委"}, write=True)
    capsys.readouterr()
    assert _cli(empty_neo4j, "MATCH (i:Institution) RETURN i") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "i" and lines[2] == '(:Institution {kind: "party", name: "中共上海市委"})'
    assert lines[-1] == "(1 row)"


def test_json_gives_plain_values(empty_neo4j, capsys):
    run_cypher(empty_neo4j, "CREATE (:Institution {name: $name})", {"name": "上海市司法局"}, write=True)
    capsys.readouterr()
    assert _cli(empty_neo4j, "MATCH (i:Institution) RETURN i, i.name AS name", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"i": {"_labels": ["Institution"], "name": "上海市司法局"}, "name": "上海市司法局"}]


def test_a_write_reports_its_counters_as_cypher_shell_does(empty_neo4j, capsys):
    assert _cli(empty_neo4j, "UNWIND range(1, 51) AS i CREATE (:Scratch {i: i})", "--write") == 0
    assert capsys.readouterr().out == "Added 51 nodes, Set 51 properties, Added 51 labels\n"
    assert _cli(empty_neo4j, "MATCH (n:Scratch) DETACH DELETE n", "--write") == 0
    assert capsys.readouterr().out == "Deleted 51 nodes\n"

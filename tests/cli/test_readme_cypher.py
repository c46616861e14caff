"""Every Cypher example in the README returns rows on the shipped corpus, on the real server: the Cypher block's
three questions through the driver, and each `policykg cypher` line as a user types it."""

from __future__ import annotations

import re
import shlex

import pytest
from builders import ROOT

from policykg import cli
from policykg.extract.pipeline import extract_paths
from policykg.graph.neo4j.cypher import run_cypher
from policykg.graph.neo4j.load import load_documents

pytestmark = pytest.mark.neo4j

SECTION = ROOT.joinpath("README.md").read_text("utf-8").split("### Cypher", 1)[1].split("\n## ", 1)[0]
PARAMS = {"unit": "国家发展和改革委员会", "term": "监管"}  # as the README says
STATEMENTS = [s.strip() for s in re.split(r"^// .*$", re.search(r"```cypher\n(.*?)```", SECTION, re.S)[1], flags=re.M)
              if s.strip()]
COMMANDS = [line.split("  #", 1)[0].strip() for line in re.search(r"```sh\n(.*?)```", SECTION, re.S)[1].splitlines()
            if line.startswith("policykg cypher")]


@pytest.fixture(scope="module")
def corpus_docs():
    return extract_paths([ROOT / "corpus"]).documents


def test_the_readme_holds_the_examples_this_test_runs():
    assert len(STATEMENTS) == 3 and len(COMMANDS) == 3


@pytest.mark.parametrize("statement", STATEMENTS, ids=["partners", "leads-per-document", "fulltext"])
def test_each_cypher_question_returns_rows(statement, empty_neo4j, corpus_docs):
    load_documents(empty_neo4j, corpus_docs)
    rows, _ = run_cypher(empty_neo4j, statement, {k: v for k, v in PARAMS.items() if f"${k}" in statement})
    assert rows and all(any(v not in (None, [], "") for v in row.values()) for row in rows)


@pytest.mark.parametrize("command", COMMANDS, ids=["partners", "node-literal", "fulltext"])
def test_each_cypher_command_line_returns_rows(command, empty_neo4j, corpus_docs, capsys):
    load_documents(empty_neo4j, corpus_docs)
    connection = ["--uri", empty_neo4j.uri, "--user", empty_neo4j.user, f"--password={empty_neo4j.password}",
                  "--database", empty_neo4j.database]
    capsys.readouterr()
    argv = [arg.replace("\\$", "$") for arg in shlex.split(command)[1:]]  # the shell unescapes \$ in "…"
    assert cli.main([*argv, *connection]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"\((\d+) rows?\)", last) and last != "(0 rows)"

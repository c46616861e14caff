"""`policykg cypher|load|neo4j` against the real server: parameters carry any text, reads stay reads, and
every settings mistake is one line naming the setting, exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import HOTLINE, ODD_NAME, ROOT, corpus_docs, neo4j_counts, quoted_doc, shipped_corpus

from policykg import cli
from policykg.errors import WriteRefused
from policykg.graph.build import build_graph, counts
from policykg.graph.neo4j.cypher import run_cypher
from policykg.graph.neo4j.load import load_documents

pytestmark = pytest.mark.neo4j

BY_NAME = "MATCH (i:Institution {name: $name})-[r:RESPONSIBLE_FOR]->(m) RETURN i.name AS name, r.role AS role, " \
          "m.text AS text ORDER BY text"


def test_names_with_quotes_and_brackets_round_trip_through_parameters(empty_neo4j, capsys):
    load_documents(empty_neo4j, [quoted_doc()])
    rows, columns = run_cypher(empty_neo4j, BY_NAME, {"name": HOTLINE})
    assert columns == ["name", "role", "text"]
    assert rows == [{"name": HOTLINE, "role": "lead", "text": "建立'接诉即办'工作机制"},
                    {"name": HOTLINE, "role": "lead", "text": '推动"12345"热线与110联动'}]
    assert cli.main(["cypher", BY_NAME, "--param", f"name={ODD_NAME}", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"name": ODD_NAME, "role": "support", "text": '推动"12345"热线与110联动'}]


def test_nodes_come_back_as_property_dicts(empty_neo4j):
    load_documents(empty_neo4j, [quoted_doc()])
    rows, _ = run_cypher(empty_neo4j, "MATCH (a:Area {name: $name}) RETURN a", {"name": "{诉求}办理"})
    assert rows == [{"a": {"_labels": ["Area"], "id": quoted_doc().areas[1].id, "name": "{诉求}办理",
                           "document": quoted_doc().id}}]


def test_a_write_without_write_is_refused(empty_neo4j, capsys):
    with pytest.raises(WriteRefused, match="add --write"):
        run_cypher(empty_neo4j, "CREATE (n:Scratch {name: $name}) RETURN n", {"name": "x"})
    assert cli.main(["cypher", "CREATE (n) RETURN n"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "add --write" in err
    assert run_cypher(empty_neo4j, "MATCH (n) RETURN count(n) AS c", {}) == ([{"c": 0}], ["c"])
    rows, _ = run_cypher(empty_neo4j, "CREATE (n:Scratch {name: $name}) RETURN n.name AS name", {"name": "x"},
                         write=True)
    assert rows == [{"name": "x"}]


def test_write_runs_batched_deletes_in_transactions(empty_neo4j):
    run_cypher(empty_neo4j, "UNWIND range(1, 250) AS i CREATE (:Scratch {i: i})", {}, write=True)
    rows, _ = run_cypher(empty_neo4j, "MATCH (n:Scratch) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 100 ROWS "
                                      "RETURN count(*) AS deleted", {}, write=True)
    assert rows == [{"deleted": 250}]
    assert run_cypher(empty_neo4j, "MATCH (n:Scratch) RETURN count(n) AS c", {}) == ([{"c": 0}], ["c"])


def test_cypher_syntax_error_is_one_line(neo4j_settings, capsys):
    assert cli.main(["cypher", "MATC (n) RETURN n"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SyntaxError" in err and "Traceback" not in err


@pytest.mark.parametrize("args, setting", [
    (["--password", "not-the-password"], "NEO4J_USER / NEO4J_PASSWORD"),
    (["--uri", "neo4j://127.0.0.1:1"], "cannot reach Neo4j at neo4j://127.0.0.1:1 (NEO4J_URI)"),
    (["--uri", "neo4j://127.0.0.1:notaport"], "invalid Neo4j URI 'neo4j://127.0.0.1:notaport' (NEO4J_URI)"),
    (["--uri", "foo://127.0.0.1"], "invalid Neo4j URI 'foo://127.0.0.1' (NEO4J_URI)"),
    (["--database", "nosuchdb"], "database 'nosuchdb' does not exist (NEO4J_DATABASE)"),
    (["--uri", "http://127.0.0.1:7474"], "the Neo4j Browser's); NEO4J_URI / --uri takes the Bolt URI, e.g. neo4j://"),
])
def test_settings_mistakes_exit_2_naming_the_setting(neo4j_settings, capsys, args, setting):
    assert cli.main(["cypher", "RETURN 1", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and setting in err and "Traceback" not in err


def test_too_many_wrong_passwords_say_to_wait_and_check_the_password(neo4j_settings, capsys):
    """Neo4j locks a user out for a few seconds after repeated wrong passwords (AuthenticationRateLimit)."""
    for _ in range(10):
        code = cli.main(["cypher", "RETURN 1", "--password", "not-the-password"])
        err = capsys.readouterr().err
        if "too many wrong passwords" in err:
            break
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "wait a few seconds" in err and "NEO4J_PASSWORD" in err
    deadline = time.monotonic() + 60  # the advice holds: once the lock has passed, the right password works
    while cli.main(["cypher", "RETURN 1"]) != 0:
        assert time.monotonic() < deadline, capsys.readouterr().err
        time.sleep(1)


def test_load_command_reads_a_build_directory(empty_neo4j, tmp_path):
    docs = corpus_docs()
    with (tmp_path / "extraction.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")
    assert cli.main(["-q", "load", str(tmp_path), "--batch-size", "50"]) == 0
    assert neo4j_counts(empty_neo4j) == counts(build_graph(docs))


def test_a_damaged_last_line_loads_nothing(empty_neo4j, tmp_path, capsys, monkeypatch):
    """Kind: bad input in a big file.  The loader streams the file, but a damaged record after many good ones
    is still found before anything is written: the database stays as it was."""
    docs = corpus_docs()
    with (tmp_path / "extraction.jsonl").open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")
        fh.write('{"source": "damaged.txt"}\n')
    # one document per transaction, as in a corpus of many groups: every good one could commit before the end
    from policykg.graph.neo4j import load
    one_each = load.transaction_groups
    monkeypatch.setattr(load, "transaction_groups", lambda prepared, _limit: one_each(prepared, 1))
    assert cli.main(["-q", "load", str(tmp_path), "--batch-size", "1"]) == 1
    assert f"line {len(docs) + 1}: not an extraction record" in capsys.readouterr().err
    assert not any(neo4j_counts(empty_neo4j).values())


def test_build_with_neo4j_loads_what_it_wrote(empty_neo4j, tmp_path, capsys):
    assert cli.main(["-q", "build", str(ROOT / "corpus"), "-o", str(tmp_path), "--no-viz", "--neo4j"]) == 0
    assert "loaded into Neo4j" in capsys.readouterr().err
    assert neo4j_counts(empty_neo4j) == counts(build_graph(shipped_corpus()))


def test_status_reports_the_running_server(neo4j_settings):
    """`policykg neo4j status` names what a user connects with: Bolt URI, Browser URL, user, password file."""
    proc = subprocess.run([sys.executable, "-m", "policykg", "neo4j", "status"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Neo4j running (pid ") and neo4j_settings.uri in proc.stdout
    assert "5.26.30" in proc.stdout
    port = os.environ["POLICYKG_NEO4J_HTTP_PORT"]
    password_file = Path(os.environ["POLICYKG_CACHE"]) / "neo4j" / "password"
    assert f"  Bolt URI:      {neo4j_settings.uri}\n" in proc.stdout
    assert f"  Browser:       http://127.0.0.1:{port}/browser/\n" in proc.stdout
    assert "  user:          neo4j\n" in proc.stdout and f"  password file: {password_file}\n" in proc.stdout
    assert password_file.read_text().strip() == neo4j_settings.password

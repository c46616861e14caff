"""The user's data is sacred (issue 8): a researcher whose NEO4J_URI / NEO4J_PASSWORD name their own server runs
the Neo4j tests, and that server holds exactly what it held before, with none of the tests' documents.

The "user-side" server is started the way a user starts theirs (`policykg neo4j start` with its own cache,
ports and NEO4J_PASSWORD), in a temporary folder: the user's real bundled server is not touched, and if it
is running its pid is the same afterwards.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from builders import (
    BUNDLED,
    NEO4J_ENV,
    ROOT,
    document_ids,
    handmade_document,
    neo4j_dump,
    refuse_foreign_documents,
    require,
)

from policykg.graph.neo4j import server
from policykg.graph.neo4j.load import load_documents
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.model import Institution

pytestmark = pytest.mark.neo4j

# Every module that writes to Neo4j (and the settings tests, which must not reach a server at all).
MODULES = ["tests/graph/neo4j/test_load.py", "tests/cli/test_neo4j.py", "tests/queries/test_neo4j_parity.py",
           "tests/graph/neo4j/test_settings.py"]
USER_PASSWORD = "the-researchers-own-password"
DATA_BUREAU = "某省数据局"


def sentinel():
    """The user's own document: nothing the tests load looks like it."""
    return handmade_document(
        "/home/researcher/政策/数据局工作要点.txt", "某省数据局2024年工作要点", "2024-02", "某省", [DATA_BUREAU],
        [("推进数据要素市场化", None)],
        [("建立公共数据授权运营机制", "推进数据要素市场化", [(DATA_BUREAU, "lead"), ("某省财政厅", "support")])],
        [Institution(DATA_BUREAU, ["省数据局"], "government"), Institution("某省财政厅", ["省财政厅"], "government")])


def _policykg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", "neo4j", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def user_server(tmp_path):
    """A user's server with its own cache and ports, and the environment of the shell that started it."""
    lay = server.private_layout(tmp_path / "user-cache" / "neo4j", jars_from=BUNDLED)
    env = {k: v for k, v in os.environ.items() if k not in NEO4J_ENV}
    env.update(POLICYKG_CACHE=str(tmp_path / "user-cache"), POLICYKG_NEO4J_BOLT_PORT=str(lay.bolt),
               POLICYKG_NEO4J_HTTP_PORT=str(lay.http), NEO4J_PASSWORD=USER_PASSWORD)
    started = _policykg(env, "start")
    try:
        require(started.returncode == 0, f"the user-side Neo4j did not start: {started.stderr.strip()}")
        env.update(NEO4J_URI=lay.uri, NEO4J_USER="neo4j")  # as a user who set them would
        yield lay, env
    finally:
        _policykg(env, "stop")


def test_neo4j_tests_leave_the_users_server_as_it_was(user_server, tmp_path):
    lay, env = user_server
    mine = Neo4jSettings(lay.uri, "neo4j", USER_PASSWORD, "neo4j")
    load_documents(mine, [sentinel()])
    before = neo4j_dump(mine)
    user_pid, bundled_pid = server.running_pid(lay), server.running_pid(BUNDLED)

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           f"--basetemp={tmp_path / 'inner'}", *MODULES],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert re.fullmatch(r"\d+ passed in .*", summary), summary  # every test ran and passed: none skipped

    assert neo4j_dump(mine) == before  # every node, relationship and property of the user's sentinel
    assert document_ids(mine) == {sentinel().id: sentinel().source}  # and no test document beside it
    assert server.running_pid(lay) == user_pid and server.running_pid(BUNDLED) == bundled_pid


def test_emptying_refuses_a_database_holding_documents_the_tests_did_not_load(empty_neo4j):
    load_documents(empty_neo4j, [sentinel()])
    with pytest.raises(pytest.fail.Exception) as exc:
        refuse_foreign_documents(empty_neo4j, loaded=set())
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"refusing to empty Neo4j at {empty_neo4j.uri}")
    assert "1 document(s)" in message and sentinel().source in message
    assert document_ids(empty_neo4j) == {sentinel().id: sentinel().source}  # nothing was deleted
    refuse_foreign_documents(empty_neo4j, loaded={sentinel().id})  # what the tests loaded may go


def _listening_ports(pid: int) -> set[int]:
    """TCP ports the process listens on, from /proc (its socket inodes matched against the kernel's tables)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}") if os.path.islink(f"/proc/{pid}/fd/{fd}") else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                ports.add(int(cols[1].rsplit(":", 1)[1], 16))
    return ports


def test_session_server_is_private_and_quiet(neo4j_server, neo4j_settings):
    """Own home and ports (no listener beyond Bolt and HTTP), never the bundled server, no telemetry."""
    lay = server.layout()  # the session's: POLICYKG_CACHE and the ports point at it
    assert lay.root != BUNDLED.root and lay.bolt != BUNDLED.bolt and lay.http != BUNDLED.http
    assert neo4j_settings.uri == lay.uri
    assert _listening_ports(server.running_pid(lay)) == {lay.bolt, lay.http}
    with open_session(neo4j_settings) as session:
        config = {r["name"]: r["value"] for r in session.run("CALL dbms.clientConfig()")}
    assert config["client.allow_telemetry"] == "false"
    # The Browser fetches remote content only when this is "true", and 5.26 does not send it at all.
    assert config.get("browser.allow_outgoing_connections", "false") == "false"
    assert config["browser.remote_content_hostname_whitelist"] == "localhost"


def test_an_initial_password_may_start_with_a_dash(tmp_path):
    """token_urlsafe starts one password in 64 with "-", which neo4j-admin took for an option."""
    lay = server.private_layout(tmp_path / "neo4j", jars_from=BUNDLED)
    server.write_conf(lay)
    server.set_initial_password(lay, "-starts-with-a-dash-1234")
    assert (lay.home / "data" / "dbms" / "auth.ini").is_file()

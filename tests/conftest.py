"""Shared fixtures.  Tests needing ../shared or a Neo4j server skip outside CI and fail inside it (CI=true)."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from policykg.errors import PolicykgError
from policykg.graph.neo4j import server
from policykg.graph.neo4j.settings import Neo4jSettings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SEED = ROOT / "corpus" / "shanghai_judicial_reform_2018.txt"
DATA = Path(__file__).resolve().parent / "data"


def require(condition: bool, reason: str) -> None:
    """Skip on a user's machine, fail in CI: a missing real part must never pass silently there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    require(SHARED.is_dir(), f"{SHARED} is absent (shared test data lives beside the checkout)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


# --- Neo4j: the session's own server (issue 8) ------------------------------------------------------------------------
# The tests empty their database, so they must never reach the user's: not through NEO4J_* nor through the bundled
# server's password file.  The session starts a server of its own (graph.server.private_layout: a temporary home,
# free ports, a random password) through the same start_server() as `policykg neo4j start`, and stops it at the end.
NEO4J_ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
             "POLICYKG_NEO4J_BOLT_PORT", "POLICYKG_NEO4J_HTTP_PORT")
# The user's bundled server, resolved before the scrub below: its jars are shared, its data and ports never touched.
BUNDLED = server.layout()


@pytest.fixture(scope="session", autouse=True)
def _no_user_neo4j(tmp_path_factory):
    """For the whole session: no NEO4J_* from the user's shell, and a temporary POLICYKG_CACHE instead of theirs."""
    mp = pytest.MonkeyPatch()
    for var in NEO4J_ENV:
        mp.delenv(var, raising=False)
    mp.setenv("POLICYKG_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield mp
    mp.undo()


@dataclass
class SessionServer:
    """The session's server; loaded holds the ids of every document the tests have put into it."""

    settings: Neo4jSettings
    loaded: set[str] = field(default_factory=set)


def document_ids(settings: Neo4jSettings) -> dict[str, str]:
    """id -> source of every document the database holds."""
    from policykg.graph.neo4j.session import open_session

    with open_session(settings) as session:
        return {r["id"]: r["source"] for r in session.run("MATCH (d:Document) RETURN d.id AS id, d.source AS source")}


def refuse_foreign_documents(settings: Neo4jSettings, loaded: set[str]) -> None:
    """One line, no emptying, when the database holds a document these tests did not load."""
    foreign = {i: src for i, src in document_ids(settings).items() if i not in loaded}
    if foreign:
        pytest.fail(f"refusing to empty Neo4j at {settings.uri}: it holds {len(foreign)} document(s) the tests did "
                    f"not load, e.g. {next(iter(foreign.values()))}", pytrace=False)


@pytest.fixture(scope="session")
def neo4j_server(_no_user_neo4j) -> Iterator[SessionServer]:
    """Start the session's own Neo4j; NEO4J_* and the bundled-server settings name it, so `policykg` calls in
    tests (and their subprocesses) reach this server and no other."""
    root = Path(os.environ["POLICYKG_CACHE"]) / "neo4j"
    try:
        lay = server.private_layout(root, jars_from=BUNDLED)
        settings = _start(lay)
    except PolicykgError as exc:
        require(False, f"the tests' own Neo4j server did not start: {exc}")
    try:
        fresh = document_ids(settings)
        assert not fresh, f"a new store holds documents: {sorted(fresh.values())[:3]}"
        for var, value in (("NEO4J_URI", settings.uri), ("NEO4J_USER", settings.user),
                           ("NEO4J_PASSWORD", settings.password), ("NEO4J_DATABASE", settings.database),
                           ("POLICYKG_NEO4J_BOLT_PORT", str(lay.bolt)), ("POLICYKG_NEO4J_HTTP_PORT", str(lay.http))):
            _no_user_neo4j.setenv(var, value)
        yield SessionServer(settings)
    finally:
        server.stop_server(lay)
        shutil.rmtree(root, ignore_errors=True)


def _start(lay: server.Layout) -> Neo4jSettings:
    """start_server, stopping what it started if the start fails or is interrupted (no JVM outlives the session)."""
    try:
        return server.start_server(lay, secrets.token_urlsafe(18))
    except BaseException:
        server.stop_server(lay)
        raise


@pytest.fixture
def neo4j_settings(neo4j_server) -> Iterator[Neo4jSettings]:
    """Settings of the session's server.  What a test leaves in it counts as loaded by the tests."""
    yield neo4j_server.settings
    neo4j_server.loaded |= set(document_ids(neo4j_server.settings))


@pytest.fixture
def empty_neo4j(neo4j_server, neo4j_settings) -> Neo4jSettings:
    """neo4j_settings after deleting every node and relationship (constraints and indexes stay)."""
    from policykg.graph.neo4j.session import open_session

    refuse_foreign_documents(neo4j_settings, neo4j_server.loaded)
    with open_session(neo4j_settings, write=True) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    return neo4j_settings

"""Shared fixtures.  Tests needing ../shared or a Neo4j server skip outside CI and fail inside it (CI=true)."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from builders import BUNDLED, NEO4J_ENV, SEED, SHARED, document_ids, refuse_foreign_documents, require

from policykg.errors import PolicykgError
from policykg.graph.neo4j import server
from policykg.graph.neo4j.settings import Neo4jSettings


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

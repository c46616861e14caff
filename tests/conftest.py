"""Shared fixtures.  Tests needing ../shared or a Neo4j server skip outside CI and fail inside it (CI=true)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


# --- Neo4j (issue 3) -------------------------------------------------------------------------------------------------
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture(scope="session")
def neo4j_settings():
    """Settings of a Neo4j server that answers (normally the bundled one: `policykg neo4j start`)."""
    from urllib.parse import urlsplit

    from extract.errors import PolicykgError
    from graph.neo4j_session import open_session
    from graph.settings import Neo4jSettings

    try:
        settings = Neo4jSettings.resolve()
        with open_session(settings) as session:
            session.run("RETURN 1").consume()
    except PolicykgError as exc:
        require(False, f"no Neo4j server for the tests: {exc}")
    # The tests wipe the database: never point them at a remote server by accident.
    require(urlsplit(settings.uri).hostname in LOCAL_HOSTS,
            f"refusing to run Neo4j tests (they delete every node) against non-local {settings.uri}")
    return settings


@pytest.fixture
def empty_neo4j(neo4j_settings):
    """neo4j_settings after deleting every node and relationship (constraints and indexes stay)."""
    from graph.neo4j_session import open_session

    with open_session(neo4j_settings, write=True) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    return neo4j_settings

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

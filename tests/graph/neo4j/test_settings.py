"""Settings resolution and the bundled server's configuration (no server needed)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from builders import ROOT

from policykg.errors import PolicykgError
from policykg.graph.neo4j import server
from policykg.graph.neo4j.settings import Neo4jSettings, cache_dir


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "POLICYKG_NEO4J_BOLT_PORT",
                "POLICYKG_NEO4J_HTTP_PORT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("POLICYKG_CACHE", str(tmp_path / "cache"))
    return monkeypatch


def test_arguments_beat_environment_beats_defaults(clean_env):
    clean_env.setenv("NEO4J_PASSWORD", "from-env")
    clean_env.setenv("NEO4J_DATABASE", "envdb")
    s = Neo4jSettings.resolve(uri="bolt://example.org:7999")
    assert s == Neo4jSettings("bolt://example.org:7999", "neo4j", "from-env", "envdb")
    assert Neo4jSettings.resolve(password="arg").password == "arg"
    assert "from-env" not in repr(s)  # the password never shows in logs or test reports


def test_default_password_is_the_bundled_servers(clean_env, tmp_path):
    (tmp_path / "cache" / "neo4j").mkdir(parents=True)
    (tmp_path / "cache" / "neo4j" / "password").write_text("generated-secret\n")
    clean_env.setenv("POLICYKG_NEO4J_BOLT_PORT", "7690")
    s = Neo4jSettings.resolve()
    assert (s.uri, s.user, s.password, s.database) == ("neo4j://127.0.0.1:7690", "neo4j", "generated-secret", "neo4j")


def test_no_password_anywhere_says_what_to_set(clean_env):
    with pytest.raises(PolicykgError) as exc:
        Neo4jSettings.resolve()
    assert "NEO4J_PASSWORD" in str(exc.value) and "policykg neo4j start" in str(exc.value)


def test_cache_is_outside_the_repository(monkeypatch):
    monkeypatch.delenv("POLICYKG_CACHE", raising=False)
    assert cache_dir().parts[-2:] == (".cache", "policykg")


def test_conf_listens_on_loopback_with_overridable_ports(clean_env):
    clean_env.setenv("POLICYKG_NEO4J_BOLT_PORT", "17687")
    clean_env.setenv("POLICYKG_NEO4J_HTTP_PORT", "17474")
    lay = server.layout()
    server.write_conf(lay)
    conf = dict(line.split("=", 1) for line in (lay.conf / "neo4j.conf").read_text().splitlines()
                if "=" in line and not line.startswith("#"))
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == ":17687" and conf["server.http.listen_address"] == ":17474"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.directories.logs"] == str(lay.logs)
    assert conf["server.https.enabled"] == "false"  # every listener is on a port this layout names
    # Nothing phones home: no server usage report, no Browser telemetry.
    assert conf["dbms.usage_report.enabled"] == "false" and conf["client.allow_telemetry"] == "false"


def test_first_start_password_is_generated_once_and_private(clean_env):
    calls = []
    clean_env.setattr(server, "set_initial_password", lambda lay, pw: calls.append(pw))
    lay = server.layout()
    first = server._server_password(lay)
    path = lay.root / "password"
    assert len(first) >= 20 and path.read_text().strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert server._server_password(lay) == first and calls == [first, first]
    (lay.home / "data" / "dbms").mkdir(parents=True)
    (lay.home / "data" / "dbms" / "auth.ini").write_text("")
    clean_env.setenv("NEO4J_PASSWORD", "too-late-for-this-store")  # the store keeps its first password
    assert server._server_password(lay) == first and len(calls) == 2


def test_versions_come_from_the_packaged_pom():
    assert server.versions() == {"neo4j": "5.26.30", "browser": "5.24.0"}


def test_the_driver_encodes_with_the_rust_extension():
    """neo4j-rust-ext is a dependency: without it the loader is bound by the pure-Python packstream encoder."""
    from importlib.metadata import version

    import neo4j
    from neo4j._codec.packstream import v1

    assert v1._rust_pack is not None and v1._rust_unpack is not None
    assert version("neo4j-rust-ext").startswith(neo4j.__version__)  # the extension built for this driver


def _pytest_without_java_and_maven(tmp_path, ci: str) -> subprocess.CompletedProcess:
    """One Neo4j test in a subprocess whose PATH has neither java nor mvn, with an empty cache (no jars), so the
    session's own server cannot start."""
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "NEO4J_URI", "NEO4J_PASSWORD"}}
    env.update(PATH=str(Path(sys.executable).parent), CI=ci, POLICYKG_CACHE=str(tmp_path / f"cache-{ci}"))
    test = "tests/cli/test_neo4j.py::test_cypher_syntax_error_is_one_line"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           f"--basetemp={tmp_path / (ci or 'local')}", test],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_neo4j_test_whose_server_cannot_start_skips_with_the_reason_but_fails_in_ci(tmp_path):
    reason = "the tests' own Neo4j server did not start: Maven (`mvn`) is not installed"
    local = _pytest_without_java_and_maven(tmp_path, "")
    assert local.returncode == 0 and "1 skipped" in local.stdout and reason in local.stdout, local.stdout
    ci = _pytest_without_java_and_maven(tmp_path, "true")
    assert ci.returncode == 1 and f"required in CI: {reason}" in ci.stdout and "skipped" not in ci.stdout, ci.stdout

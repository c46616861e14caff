"""Where to find Neo4j and the local cache: one place that resolves every connection setting.

Precedence is command-line argument > environment variable > default, so a script can point at Neo4j
Aura with NEO4J_URI while a user overrides one value on the command line.  The default password is the
one `policykg neo4j start` generated for the bundled server, so a fresh checkout works without any
variable set; with neither, the error says exactly which setting to provide.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import PolicykgError

DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"


def cache_dir() -> Path:
    """$POLICYKG_CACHE or ~/.cache/policykg: downloaded jars and server data never live in the repository."""
    env = os.environ.get("POLICYKG_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "policykg"


def password_file() -> Path:
    """The bundled server's generated password (mode 0600), written by `policykg neo4j start`."""
    return cache_dir() / "neo4j" / "password"


def bolt_port() -> int:
    return int(os.environ.get("POLICYKG_NEO4J_BOLT_PORT", "7687"))


def http_port() -> int:
    return int(os.environ.get("POLICYKG_NEO4J_HTTP_PORT", "7474"))


def local_uri() -> str:
    """The bundled server's Bolt URI: the default NEO4J_URI, and what `policykg neo4j` prints."""
    return f"neo4j://127.0.0.1:{bolt_port()}"


def bundled_password() -> str | None:
    """The password kept in password_file(), or None before `policykg neo4j start` wrote one."""
    path = password_file()
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str

    def __repr__(self) -> str:  # never print the password in logs or test reports
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                database: str | None = None) -> Neo4jSettings:
        env = os.environ
        password = password or env.get("NEO4J_PASSWORD") or bundled_password()
        if not password:
            raise PolicykgError(
                "no Neo4j password: set NEO4J_PASSWORD (or --password), "
                f"or run `policykg neo4j start` to create the bundled server (password kept in {password_file()})"
            )
        return cls(
            uri=uri or env.get("NEO4J_URI") or local_uri(),
            user=user or env.get("NEO4J_USER") or DEFAULT_USER,
            password=password,
            database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )

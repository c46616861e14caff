"""Open a Neo4j session, turning the driver's exceptions into one-line errors that name the setting to fix.

The driver reports a wrong port as "Unable to retrieve routing information" and a wrong password as a
GQL status dump; a user needs to know which of NEO4J_URI, NEO4J_USER / NEO4J_PASSWORD or NEO4J_DATABASE
is wrong.  Sessions are READ by default so that a query meant to look cannot change the graph.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from policykg.errors import Neo4jAuthError, Neo4jDatabaseNotFound, Neo4jQueryError, Neo4jUnavailable, PolicykgError
from policykg.graph.neo4j.settings import Neo4jSettings

CONNECTION_TIMEOUT_S = 10.0
# Connection failures; other DriverErrors (a result used after its transaction) are bugs and keep their traceback.
UNREACHABLE = (ServiceUnavailable, SessionExpired, OSError)
# The driver also logs what it raises ("Unable to retrieve routing information"); the translated
# exception below is the one line users should see, so keep the driver's log off stderr.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _root_reason(exc: BaseException) -> str:
    """The most specific message, on one line: the server's own message, or the innermost cause of a
    connection failure (the driver wraps 'connection refused' in exception groups)."""
    while not isinstance(exc, Neo4jError):
        group = getattr(exc, "exceptions", None)  # ExceptionGroup: Python >= 3.11 only
        inner = group[0] if group else exc.__cause__
        if inner is None:
            break
        exc = inner
    text = exc.message if isinstance(exc, Neo4jError) and exc.message else str(exc)
    return " ".join(text.split()) or type(exc).__name__


RATE_LIMITED = "Neo.ClientError.Security.AuthenticationRateLimit"
HTTP_SCHEMES = ("http", "https")


def translate(exc: Exception, settings: Neo4jSettings) -> PolicykgError:
    """Map a server error, a bad URI or one of UNREACHABLE to the PolicykgError naming what to fix."""
    if isinstance(exc, Neo4jError) and exc.code == RATE_LIMITED:
        # After a few wrong passwords the server refuses even the right one for a while (dbms.security.auth_lock_time).
        return Neo4jAuthError(
            f"Neo4j at {settings.uri} refused user {settings.user!r} after too many wrong passwords in a row: "
            "wait a few seconds, then retry with the right NEO4J_PASSWORD (or --password)"
        )
    if isinstance(exc, AuthError):
        return Neo4jAuthError(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user name or password "
            "(NEO4J_USER / NEO4J_PASSWORD)"
        )
    if isinstance(exc, Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return Neo4jDatabaseNotFound(f"database {settings.database!r} does not exist (NEO4J_DATABASE)")
    if isinstance(exc, (ConfigurationError, ValueError)):  # the driver raises ValueError for some malformed URIs
        return Neo4jUnavailable(f"invalid Neo4j URI {settings.uri!r} (NEO4J_URI): {_root_reason(exc)}")
    if isinstance(exc, Neo4jError):
        return Neo4jQueryError(f"Neo4j refused the statement: {exc.code}: {_root_reason(exc)}")
    return Neo4jUnavailable(
        f"cannot reach Neo4j at {settings.uri} (NEO4J_URI): {_root_reason(exc)}; "
        "is the server running? (`policykg neo4j start`)"
    )


@contextmanager
def open_session(settings: Neo4jSettings, write: bool = False) -> Iterator[neo4j.Session]:
    """A verified session on settings.database; READ access unless write=True.

    Connectivity, credentials and the database are checked before the caller's first statement, so a
    bad setting fails fast with its name instead of in the middle of a load.  Driver errors raised
    inside the block are translated the same way.
    """
    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme in HTTP_SCHEMES:  # what the Browser shows in the address bar, a common first guess
        raise Neo4jUnavailable(
            f"{settings.uri} is an HTTP address (the Neo4j Browser's); NEO4J_URI / --uri takes the Bolt URI, e.g. "
            "neo4j://127.0.0.1:7687 (`policykg neo4j status` prints the bundled server's)"
        )
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                            connection_timeout=CONNECTION_TIMEOUT_S)
    except (ConfigurationError, ValueError) as exc:
        raise translate(exc, settings) from None
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    try:
        with driver:
            try:
                driver.verify_connectivity()
            except ValueError as exc:  # a host:port the resolver rejects (neo4j://host:notaport)
                raise translate(exc, settings) from None
            with driver.session(database=settings.database, default_access_mode=mode) as session:
                session.run("RETURN 1").consume()  # the database exists and this user may use it
                yield session
    except (Neo4jError, ConfigurationError, *UNREACHABLE) as exc:
        raise translate(exc, settings) from None

"""`policykg neo4j start|stop|status`: a local Neo4j Community server with no installer.

The server's jars come from Maven Central through the ordinary `mvn` client (jars.py, from the packaged
neo4j-server.pom.xml), are copied once into the cache directory and then start offline.  Everything the
server writes (store, logs, generated password) lives under <cache>/neo4j, never in the repository.  The
server listens on 127.0.0.1 only and keeps authentication on: the password comes from NEO4J_PASSWORD or is
generated once and kept in <cache>/neo4j/password (mode 0600), where Neo4jSettings.resolve finds it.

The tests and benchmarks start servers of their own through the same start_server(), on a private_layout():
another folder, free ports, a random password, the same jars.  They never reach the user's server or data.
Where a server's files live and its conf are layout.py; fetching the jars is jars.py; this module runs the process.

Exit codes: 0 done (also "already running" / "not running" for start / stop); status returns 0 when
running and 3 when stopped, like LSB init scripts, so scripts can test it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import neo4j

from policykg.errors import Neo4jAuthError, PolicykgError
from policykg.graph.neo4j.jars import ensure_jars, versions
from policykg.graph.neo4j.layout import Layout, layout, write_conf
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import DEFAULT_DATABASE, DEFAULT_USER, Neo4jSettings
from policykg.graph.neo4j.warmup import warm_up

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
# A private server (tests, benchmarks) holds a few thousand nodes and may run beside the user's own.
PRIVATE_HEAP = "512m"
PRIVATE_PAGECACHE = "128m"
JVM_FLAGS = (
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-Dfile.encoding=UTF-8",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
)
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
EXIT_STOPPED = 3


def free_ports(count: int) -> list[int]:
    """Ports no program listens on now (the kernel picks them; all held open together so they differ)."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def private_layout(root: Path, jars_from: Layout | None = None) -> Layout:
    """A server of its own under root, on free ports, running the jars of jars_from (default: the bundled
    server's), which are fetched there once if missing and linked, not copied: about 210 jars, 140 MB."""
    source = jars_from or layout()
    ensure_jars(source)
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "lib").is_symlink():
        (root / "lib").symlink_to(source.lib.resolve(), target_is_directory=True)
    bolt, http = free_ports(2)
    return Layout(root, bolt, http, heap=PRIVATE_HEAP, pagecache=PRIVATE_PAGECACHE)


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise PolicykgError("Java 17+ is not installed (`java` not on PATH): Neo4j 5 needs it")
    return java


def _classpath(lay: Layout) -> str:
    return f"{lay.lib}/*"


def _initialised(lay: Layout) -> bool:
    return (lay.home / "data" / "dbms" / "auth.ini").exists() or (lay.home / "data" / "databases").exists()


def _server_password(lay: Layout, wanted: str | None = None) -> str:
    """The password the server has (or gets on its first start), kept in the layout's 0600 password file.

    Before the first start it is `wanted` (NEO4J_PASSWORD for the bundled server) or a new random one;
    afterwards the stored one wins, since the store keeps the password it was initialised with.
    """
    path = lay.password_file
    stored = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if _initialised(lay):
        password = stored or wanted or ""
        if not password:
            raise PolicykgError(f"the Neo4j store in {lay.home} exists but {path} is gone: set NEO4J_PASSWORD")
        return password
    password = wanted or stored or secrets.token_urlsafe(18)
    set_initial_password(lay, password)  # first: a refused password (too short) is not kept
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(password + "\n")
    os.chmod(path, 0o600)
    return password


def set_initial_password(lay: Layout, password: str) -> None:
    """Before the first start only: `neo4j-admin dbms set-initial-password`, run from the same jars."""
    lay.home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(lay.home), "NEO4J_CONF": str(lay.conf)}
    # "--": a password may start with "-" (token_urlsafe makes one in 64), which would read as an option
    command = [_java(), "-cp", _classpath(lay), ADMIN_CLASS, "dbms", "set-initial-password", "--", password]
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        reason = " ".join((proc.stderr or proc.stdout).split())[:300]
        raise PolicykgError(f"could not set the initial Neo4j password (NEO4J_PASSWORD): {reason}")


def running_pid(lay: Layout) -> int | None:
    """The pid in the pid file if that process is alive and is our Neo4j in this home (guards against pid reuse)."""
    try:
        pid = int(lay.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    return pid if MAIN_CLASS.encode() in args and f"--home-dir={lay.home}".encode() in args else None


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _bolt_answers(settings: Neo4jSettings) -> bool:
    """True once the neo4j database answers a query; a refused password is final and raised."""
    try:
        with open_session(settings):  # opening runs RETURN 1 on the database
            return True
    except Neo4jAuthError:
        raise
    except PolicykgError:  # port not open yet, or the databases still coming online
        return False


def _browser_answers(lay: Layout) -> bool:
    try:
        with urllib.request.urlopen(lay.browser_url, timeout=5) as resp:
            return resp.status == 200
    except OSError:
        return False


def _log_hint(lay: Layout) -> str:
    """The last error line the server wrote, to put the cause in the one-line message."""
    for log in (lay.console_log, lay.logs / "neo4j.log"):
        if log.is_file():
            errors = [ln for ln in log.read_text(errors="replace").splitlines() if "ERROR" in ln or "Exception" in ln]
            if errors:
                return f" ({errors[-1].strip()[:200]})"
    return ""


def _settings(lay: Layout, password: str) -> Neo4jSettings:
    return Neo4jSettings(uri=lay.uri, user=DEFAULT_USER, password=password, database=DEFAULT_DATABASE)


def warm_or_skip(settings: Neo4jSettings) -> None:
    """Warm the server up (warmup.py).  It only speeds the first load: when it fails, the server has still
    started, and one line says why the warm-up was skipped."""
    try:
        warm_up(settings)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, PolicykgError) as exc:
        print(f"policykg: Neo4j started; its warm-up was skipped ({type(exc).__name__}: {exc})", file=sys.stderr)


def start_server(lay: Layout, password: str | None = None, warm: bool = True) -> Neo4jSettings:
    """Start the server of `lay` (unless it runs already) and wait until Bolt and the Browser answer; then,
    unless warm is False, warm it up for the loader (warmup.py: rolled back, the data stays as it was).

    password is the initial one for a new store (None: a random one); the store's own password is kept in
    lay.password_file either way.  Returns the settings that reach this server and no other.
    """
    pid = running_pid(lay)
    if pid is not None:
        return _settings(lay, _server_password(lay, password))
    for port, var in ((lay.bolt, "POLICYKG_NEO4J_BOLT_PORT"), (lay.http, "POLICYKG_NEO4J_HTTP_PORT")):
        if _port_open(port):
            raise PolicykgError(f"port {port} on 127.0.0.1 is already in use by another program ({var})")
    java = _java()
    ensure_jars(lay)
    write_conf(lay)
    settings = _settings(lay, _server_password(lay, password))
    with lay.console_log.open("ab") as log:
        proc = subprocess.Popen(
            [java, f"-Xms{lay.heap}", f"-Xmx{lay.heap}", *JVM_FLAGS, "-cp", _classpath(lay), MAIN_CLASS,
             f"--home-dir={lay.home}", f"--config-dir={lay.conf}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=lay.root,
        )
    lay.pid_file.write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            lay.pid_file.unlink(missing_ok=True)
            raise PolicykgError(f"Neo4j exited during start (code {proc.returncode}); see {lay.logs}{_log_hint(lay)}")
        if _bolt_answers(settings) and _browser_answers(lay):
            if warm:
                warm_or_skip(settings)
            return settings
        time.sleep(0.5)
    raise PolicykgError(f"Neo4j did not answer on Bolt port {lay.bolt} within {START_TIMEOUT_S:.0f} s; "
                        f"see {lay.logs} (it is still starting or stuck: `policykg neo4j stop`)")


def stop_server(lay: Layout) -> int | None:
    """Stop the server of `lay` if it runs; returns its pid (None when it was not running)."""
    pid = running_pid(lay)
    if pid is None:
        lay.pid_file.unlink(missing_ok=True)
        return None
    os.kill(pid, signal.SIGTERM)  # Neo4j checkpoints and shuts down cleanly on SIGTERM
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline and running_pid(lay) == pid:
        time.sleep(0.5)
    if running_pid(lay) == pid:
        print(f"Neo4j (pid {pid}) did not stop within {STOP_TIMEOUT_S:.0f} s; killing it", file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
    lay.pid_file.unlink(missing_ok=True)
    return pid


def start() -> int:
    """`policykg neo4j start`: the bundled server, first password from NEO4J_PASSWORD or generated."""
    lay = layout()
    pid = running_pid(lay)
    if pid is not None:
        print(f"Neo4j is already running (pid {pid}) at {lay.uri}", file=sys.stderr)
        return 0
    settings = start_server(lay, os.environ.get("NEO4J_PASSWORD"))
    print(f"Neo4j {versions()['neo4j']} running (pid {running_pid(lay)}) at {settings.uri}, "
          f"Browser {lay.browser_url}; logs in {lay.logs}", file=sys.stderr)
    return 0


def stop() -> int:
    pid = stop_server(layout())
    print("Neo4j is not running" if pid is None else f"Neo4j stopped (pid {pid})", file=sys.stderr)
    return 0


def status() -> int:
    """What a user needs to connect: the Bolt URI (for NEO4J_URI and drivers), the Browser, user, password file."""
    lay = layout()
    pid = running_pid(lay)
    v = versions()
    state = f"running (pid {pid})" if pid is not None else "stopped"
    print(f"Neo4j {state}: Neo4j Community {v['neo4j']}, Browser {v['browser']}; files in {lay.root}")
    print(f"  Bolt URI:      {lay.uri}\n  Browser:       {lay.browser_url}\n  user:          {DEFAULT_USER}\n"
          f"  password file: {lay.password_file}")
    return 0 if pid is not None else EXIT_STOPPED


"""`policykg neo4j start|stop|status`: a local Neo4j Community server with no installer.

The server's jars come from Maven Central through the ordinary `mvn` client (graph/neo4j-server.pom.xml),
are copied once into the cache directory and then start offline.  Everything the server writes (store,
logs, generated password) lives under <cache>/neo4j, never in the repository.  The server listens on
127.0.0.1 only and keeps authentication on: the password comes from NEO4J_PASSWORD or is generated once
and kept in <cache>/neo4j/password (mode 0600), where Neo4jSettings.resolve finds it.

The tests and benchmarks start servers of their own through the same start_server(), on a private_layout():
another folder, free ports, a random password, the same jars.  They never reach the user's server or data.

Exit codes: 0 done (also "already running" / "not running" for start / stop); status returns 0 when
running and 3 when stopped, like LSB init scripts, so scripts can test it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from policykg.errors import Neo4jAuthError, PolicykgError
from policykg.graph.neo4j_session import open_session
from policykg.graph.settings import (
    DEFAULT_DATABASE,
    DEFAULT_USER,
    Neo4jSettings,
    bolt_port,
    cache_dir,
    http_port,
    password_file,
)

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
# Sized for a 2-core, 24 GB machine that also runs the extractor and the tests.
HEAP = "1g"
PAGECACHE = "512m"
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


@dataclass(frozen=True)
class Layout:
    """One server: its files under root (store, conf, logs, pid, password), its jars and its ports.

    The bundled server is layout(): <cache>/neo4j on the configured ports.  private_layout() gives a server
    of its own in another folder, its lib/ a link to the bundled server's jars, on free ports: the tests and
    benchmarks start one through the same start_server() as `policykg neo4j start`, so they never reach
    the user's data.
    """

    root: Path
    bolt: int
    http: int
    heap: str = HEAP
    pagecache: str = PAGECACHE

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def conf(self) -> Path:
        return self.root / "conf"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def pid_file(self) -> Path:
        return self.root / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def lib_stamp(self) -> Path:
        """Written after a complete copy; holds the pom's digest so a changed pom fetches again."""
        return self.lib / ".complete"

    @property
    def uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.bolt}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http}/browser/"


def layout() -> Layout:
    """The bundled server: <cache>/neo4j on POLICYKG_NEO4J_BOLT_PORT / POLICYKG_NEO4J_HTTP_PORT."""
    root = cache_dir() / "neo4j"
    assert root / "password" == password_file(), "Neo4jSettings.resolve reads the password where start writes it"
    return Layout(root, bolt_port(), http_port())


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


def _pom_bytes() -> bytes:
    return resources.files("graph").joinpath("neo4j-server.pom.xml").read_bytes()


def versions() -> dict[str, str]:
    """Neo4j and Browser versions pinned in the pom."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.fromstring(_pom_bytes()).find("m:properties", ns)
    assert props is not None, "neo4j-server.pom.xml has no <properties>"
    return {"neo4j": props.findtext("m:neo4j.version", "", ns),
            "browser": props.findtext("m:neo4j.browser.version", "", ns)}


def ensure_jars(lay: Layout) -> None:
    """Copy the server jars from Maven (local repository first) unless a complete copy is cached."""
    pom = _pom_bytes()
    digest = hashlib.sha256(pom).hexdigest()
    if lay.lib_stamp.is_file() and lay.lib_stamp.read_text().strip() == digest:
        return
    if lay.lib.is_symlink():  # a private server's link: never delete or refill the jars it points at
        raise PolicykgError(f"{lay.lib} links to Neo4j jars that do not match this version: fetch them where "
                            "they live (`policykg neo4j start` with that cache)")
    mvn = shutil.which("mvn")
    if mvn is None:
        raise PolicykgError("Maven (`mvn`) is not installed: it fetches the Neo4j jars once (apt-get install maven)")
    lay.lib.parent.mkdir(parents=True, exist_ok=True)
    pom_path = lay.lib.parent / "neo4j-server.pom.xml"  # mvn needs a file; the packaged pom may sit in a wheel
    pom_path.write_bytes(pom)
    if lay.lib.exists():
        shutil.rmtree(lay.lib)
    print(f"fetching Neo4j {versions()['neo4j']} jars with Maven into {lay.lib} ...", file=sys.stderr)
    proc = subprocess.run(
        [mvn, "-B", "-q", "-f", str(pom_path), "dependency:copy-dependencies", f"-DoutputDirectory={lay.lib}"],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "ERROR" in ln] or ["(no output)"]
        raise PolicykgError(f"mvn could not fetch the Neo4j jars (network or ~/.m2?): {lines[0].strip()}")
    lay.lib_stamp.write_text(digest + "\n")


def write_conf(lay: Layout) -> None:
    """A minimal neo4j.conf, rewritten on every start so port overrides take effect.

    Every listener is named here: Bolt and HTTP on the layout's ports, HTTPS off, so two servers (the
    user's and a private one) never compete for a port, and nothing listens beyond 127.0.0.1.
    Nothing phones home: no usage report from the server, no telemetry or outgoing fetches from the Browser.
    """
    lay.conf.mkdir(parents=True, exist_ok=True)
    lay.logs.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f":{lay.bolt}",
        "server.bolt.advertised_address": f":{lay.bolt}",  # neo4j:// routing tables hand this port back
        "server.http.listen_address": f":{lay.http}",
        "server.http.advertised_address": f":{lay.http}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.directories.logs": str(lay.logs),
        "server.memory.heap.initial_size": lay.heap,
        "server.memory.heap.max_size": lay.heap,
        "server.memory.pagecache.size": lay.pagecache,
        "db.tx_log.rotation.retention_policy": "1 files",
        "db.tx_log.rotation.size": "64m",
        "db.tx_log.preallocate": "false",
        "dbms.usage_report.enabled": "false",
        # Browser telemetry off.  Neo4j 5.26 no longer declares browser.allow_outgoing_connections (strict
        # validation refuses it); the Browser treats it as off when the server does not send it.
        "client.allow_telemetry": "false",
        "browser.remote_content_hostname_whitelist": "localhost",  # no guides fetched from guides.neo4j.com
    }
    text = "# written by `policykg neo4j start`; edits are overwritten\n"
    text += "".join(f"{k}={v}\n" for k, v in settings.items())
    (lay.conf / "neo4j.conf").write_text(text, encoding="utf-8")


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


def start_server(lay: Layout, password: str | None = None) -> Neo4jSettings:
    """Start the server of `lay` (unless it runs already) and wait until Bolt and the Browser answer.

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

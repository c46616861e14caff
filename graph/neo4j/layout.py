"""Where one Neo4j server keeps its files and how it is configured: its Layout and its neo4j.conf.

The bundled server is layout(): <cache>/neo4j on the configured ports.  Everything a server writes (store,
logs, generated password) lives under its root, never in the repository; the conf names every listener on
127.0.0.1, so two servers never compete for a port and nothing listens beyond the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policykg.graph.neo4j.settings import bolt_port, cache_dir, http_port, password_file

# Sized for a 2-core, 24 GB machine that also runs the extractor and the tests.
HEAP = "1g"
PAGECACHE = "512m"


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

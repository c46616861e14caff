"""The Neo4j server's jars, fetched from Maven Central by the ordinary `mvn` client from the packaged pom.

The jars are copied once into a layout's lib/ and then start offline; a stamp holding the pom's digest marks a
complete copy, so a changed pom (a new Neo4j version) fetches again and an interrupted copy is never used.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources

from policykg.errors import PolicykgError
from policykg.graph.neo4j.layout import Layout

POM = "neo4j-server.pom.xml"


def _pom_bytes() -> bytes:
    return resources.files("policykg.graph.neo4j").joinpath(POM).read_bytes()


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
    pom_path = lay.lib.parent / POM  # mvn needs a file; the packaged pom may sit in a wheel
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

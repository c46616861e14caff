"""What `pip install .` puts into site-packages: policykg and its dist-info, nothing generic.

The top-level folders extract/, graph/, queries/ are installed as policykg.extract, policykg.graph and
policykg.queries (package-dir), so installing policykg beside a project that has its own `graph` or the PyPI
package `queries` clashes with nothing.  The wheel is built from this checkout with the setuptools of the
running environment (no network) and installed, without dependencies, into an empty virtual environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from builders import ROOT

# What is not the source: setuptools' own build/ would carry modules since moved or deleted into the wheel.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "out", "*.egg-info", "__pycache__", ".*_cache")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "policykg"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE, symlinks=True)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(source)], check=True, capture_output=True)
    [built] = out.glob("policykg-*.whl")
    return built


def test_the_wheel_holds_only_the_policykg_namespace(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"policykg", next(t for t in top if t.endswith(".dist-info"))}
    # the stages, their data files, the Neo4j pom and the page template travel inside the namespace
    assert "policykg/extract/pipeline.py" in names and "policykg/cli.py" in names
    assert any(n.startswith("policykg/extract/data/") and n.endswith(".tsv") for n in names)
    assert any(n.endswith(".pom.xml") for n in names) and any(n.endswith("network.html") for n in names)


def test_an_empty_venv_gains_only_policykg_and_its_console_script(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    before = set(p.name for p in purelib.iterdir())
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    added = set(p.name for p in purelib.iterdir()) - before
    assert {name for name in added if not name.endswith(".dist-info")} == {"policykg"}
    assert (venv / "bin" / "policykg").is_file()

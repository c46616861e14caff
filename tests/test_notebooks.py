"""The notebooks run top to bottom in a fresh python3 kernel (their own cells assert the real answers)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from builders import ROOT
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart", "02_cypher_neo4j", "03_unit_network"]

pytestmark = pytest.mark.notebook


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def execute(name: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Run as Jupyter would (cwd notebooks/), writing into ``out``; the kernel inherits this environment."""
    monkeypatch.setenv("POLICYKG_NOTEBOOK_OUT", str(out))
    monkeypatch.delenv("POLICYKG_CORPUS", raising=False)
    nb = read(name)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def text_outputs(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name):
    code = [c for c in read(name).cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_quickstart(tmp_path, monkeypatch):
    nb = execute("01_quickstart", tmp_path, monkeypatch)
    assert "支持商事调解组织、律师事务所等按照市场化方式运作" in text_outputs(nb)
    written = sorted(p.name for p in tmp_path.glob("*.html"))
    assert written == ["coresponsibility.html", "graph.html", "unit-律师事务所.html"]
    iframes = [o for c in nb.cells for o in c.get("outputs", []) if "<iframe srcdoc=" in o.get("data", {}).get(
        "text/html", "")]
    assert len(iframes) == 2


# A matplotlib font list cached before the CJK fonts were installed: the same list without them.
STALE_FONT_CACHE = """
import os, matplotlib
from matplotlib import font_manager as fm
fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if "CJK" not in f.name]
fm.json_dump(fm.fontManager, os.path.join(matplotlib.get_cachedir(), f"fontlist-v{fm.FontManager.__version__}.json"))
"""


def noto_cjk_installed() -> bool:
    from matplotlib import font_manager

    return any("NotoSansCJK" in path for path in font_manager.findSystemFonts())


def test_unit_network(tmp_path, monkeypatch):
    """The figure is drawn with or without CJK fonts; fonts installed after matplotlib cached its list are found."""
    from PIL import Image

    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    subprocess.run([sys.executable, "-c", STALE_FONT_CACHE], check=True)
    out = text_outputs(execute("03_unit_network", tmp_path, monkeypatch))
    if noto_cjk_installed():
        assert "CJK font: Noto Sans CJK" in out and "note: no CJK font" not in out  # and the glyph check ran
    else:
        assert "CJK font: none found (install fonts-noto-cjk)" in out
        assert "note: no CJK font" in out and "labels drawn as boxes" in out
    img = Image.open(io.BytesIO((tmp_path / "unit_network.png").read_bytes())).convert("L")
    dark = sum(1 for v in img.tobytes() if v < 128)
    assert dark > 2000, f"the figure is nearly blank ({dark} dark pixels)"


@pytest.mark.neo4j
def test_cypher_neo4j(tmp_path, monkeypatch, empty_neo4j):
    settings = empty_neo4j
    for var, value in [("NEO4J_URI", settings.uri), ("NEO4J_USER", settings.user),
                       ("NEO4J_PASSWORD", settings.password), ("NEO4J_DATABASE", settings.database)]:
        monkeypatch.setenv(var, value)
    nb = execute("02_cypher_neo4j", tmp_path, monkeypatch)
    shipped = len(list((ROOT / "corpus").glob("*.txt")))
    assert f"'documents': {shipped}" in text_outputs(nb)  # the loader's count: every shipped document in Neo4j

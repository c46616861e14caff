"""What several test modules share: paths, the CI rule, hand-made documents, builders of test inputs and
readers of a Neo4j database.  Test modules import this one module and never each other (nor conftest).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from policykg.extract.pipeline import extract_paths
from policykg.graph.neo4j import server
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.model import Area, Document, Duty, Institution, Measure, area_id, document_id, measure_id
from policykg.schema import LABELS, REL_TYPES

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


# --- test inputs ---------------------------------------------------------------------------------------

def pdf_bytes(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF file of ``objects`` (object 1 is the catalog), with its cross-reference table and trailer;
    ``info`` names the object number of the document information dictionary, if any."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)


# --- hand-made documents (the seed's sentences, ids as the extractor derives them) ----------------------

SH_TITLE = "关于加快推进司法行政改革的实施意见"
ZJ_TITLE = "浙江省深化司法行政改革工作方案"
SERVICE = "建设完备的公共法律服务体系"
MEDIATION = "创新人民调解制度机制"
LAWYERS = "深化律师制度改革"
LEGAL_AID = "完善法律援助制度"
PRISON = "深化监狱体制和机制改革"
M_MARKET = "支持商事调解组织、律师事务所等按照市场化方式运作,根据当事人需求提供矛盾纠纷多元化解服务"
M_CENTRE = "以人民调解中心为平台,推动人民调解与行政调解、司法调解联动衔接机制建设"
M_LAWYERS = "完善律师执业保障机制,加强律师事务所管理和律师执业管理"
M_AID = "进一步扩大民事、行政法律援助覆盖面"
M_PRISON = "严格规范监狱减刑、假释、暂予监外执行制度"
SJ, GY, JCY, CZ = "上海市司法局", "上海市高级人民法院", "上海市人民检察院", "上海市财政局"
LX, JY, SS, LS = "上海市律师协会", "上海市监狱管理局", "商事调解组织", "律师事务所"


def handmade_document(source: str, title: str, date: str, region: str, issuers: list[str],
              areas: list[tuple[str, str | None]], measures: list[tuple[str, str, list[tuple[str, str]]]],
              institutions: list[Institution]) -> Document:
    """A Document with the ids the extractor would derive (areas given as (name, parent name))."""
    doc_id = document_id(source + title)
    ids = {name: area_id(doc_id, tuple(p for p in (parent, name) if p)) for name, parent in areas}
    return Document(
        id=doc_id, source=source, title=title, date=date, region=region, issuers=issuers,
        areas=[Area(ids[n], n, p, ids.get(p) if p else None) for n, p in areas],
        measures=[Measure(measure_id(doc_id, text), text, area, ids[area], duties=[Duty(*d) for d in duties])
                  for text, area, duties in measures],
        institutions=institutions)


def handmade_docs() -> list[Document]:
    lead, support, mentioned = "lead", "support", "mentioned"
    shanghai = handmade_document(
        "corpus/shanghai_judicial_reform_2018.txt", SH_TITLE, "2018-11-27", "上海市",
        ["上海市委办公厅", "上海市政府办公厅"],
        [(SERVICE, None), (MEDIATION, SERVICE), (LAWYERS, SERVICE), (LEGAL_AID, SERVICE),
         ("健全完善司法行政执行体制", None), (PRISON, "健全完善司法行政执行体制")],
        [(M_MARKET, MEDIATION, [(SJ, lead), (SS, mentioned), (LS, mentioned)]),
         (M_CENTRE, MEDIATION, [(SJ, lead), (GY, support)]),
         (M_LAWYERS, LAWYERS, [(SJ, lead), (LX, support), (LS, mentioned)]),
         (M_AID, LEGAL_AID, [(SJ, lead), (CZ, support)]),
         (M_PRISON, PRISON, [(JY, lead), (GY, support), (JCY, support)])],
        [Institution("上海市委办公厅", ["市委办公厅"], "party"),
         Institution("上海市政府办公厅", ["市政府办公厅"], "government"),
         Institution(SJ, ["市司法局"], "government"), Institution(GY, ["市高院", "市高级法院"], "judicial"),
         Institution(JCY, ["市检察院"], "judicial"), Institution(CZ, ["市财政局"], "government"),
         Institution(LX, ["市律师协会"], "social"), Institution(JY, ["市监狱管理局"], "government"),
         Institution(SS, [], "service"), Institution(LS, [], "service")])
    zhejiang = handmade_document(
        "tests/zhejiang.txt", ZJ_TITLE, "2019-03", "浙江省", ["浙江省司法厅"],
        [(LEGAL_AID, None)],
        # The same measure as Shanghai's, worded with full-width punctuation and a final 。
        [("进一步扩大民事，行政法律援助覆盖面。", LEGAL_AID, [("浙江省司法厅", lead), ("浙江省财政厅", support)])],
        [Institution("浙江省司法厅", ["省司法厅"], "government"),
         Institution("浙江省财政厅", ["省财政厅"], "government")])
    return [shanghai, zhejiang]


# tests/data/tasklist.txt (see tests/extract/test_tasklist.py): these two share items 1-4, no other pair more than 2.
TASKLIST_PAIR = ("浙江省发展和改革委员会", "浙江省经济和信息化厅")


def seed_and_tasklist() -> list[Document]:
    """The seed (corpus/) and the task list, as the extractor reads them."""
    result = extract_paths([SEED.parent, DATA / "tasklist.txt"])
    assert result.errors == []
    return result.documents


# --- Neo4j ----------------------------------------------------------------------------------------------

# The user's bundled server, resolved before the session scrubs NEO4J_*: its jars are shared, its data and
# ports never touched.
BUNDLED = server.layout()
NEO4J_ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE",
             "POLICYKG_NEO4J_BOLT_PORT", "POLICYKG_NEO4J_HTTP_PORT")


HOTLINE = '某市"12345"热线管理中心'
ODD_NAME = "某区'便民'服务{中心}[试点]"


def quoted_doc() -> Document:
    """A small hand-made document whose unit names carry quotes and brackets."""
    return handmade_document(
        "tests/hotline.txt", "关于优化12345热线的通知", "2020-05", "某市", ["某市人民政府办公厅"],
        [("优化热线服务", None), ("{诉求}办理", "优化热线服务")],
        [('推动"12345"热线与110联动', "{诉求}办理", [(HOTLINE, "lead"), (ODD_NAME, "support")]),
         ("建立'接诉即办'工作机制", "优化热线服务", [(HOTLINE, "lead"), ("某市人民政府办公厅", "mentioned")])],
        [Institution("某市人民政府办公厅", ["市政府办公厅"], "government"),
         Institution(HOTLINE, ["12345热线"], "service"), Institution(ODD_NAME, [], None)])


@functools.cache
def shipped_corpus() -> tuple[Document, ...]:
    result = extract_paths([ROOT / "corpus"])
    assert result.documents and not result.errors
    return tuple(result.documents)


def corpus_docs() -> list[Document]:
    """The extracted corpus/ plus the small hand-made document."""
    return [*shipped_corpus(), quoted_doc()]


def neo4j_dump(settings) -> tuple[dict, dict]:
    """Every node (id -> labels, properties) and relationship ((start, type, end) -> properties)."""
    with open_session(settings) as session:
        nodes = {r["id"]: (r["labels"], r["props"])
                 for r in session.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")}
        rels = {(r["a"], r["t"], r["b"]): r["props"]
                for r in session.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                                     "properties(r) AS props")}
    return nodes, rels


def nx_dump(g) -> tuple[dict, dict]:
    nodes = {n: ([d["label"]], {k: v for k, v in d.items() if k != "label"}) for n, d in g.nodes(data=True)}
    rels = {(a, d["type"], b): {k: v for k, v in d.items() if k != "type"} for a, b, d in g.edges(data=True)}
    return nodes, rels


def neo4j_counts(settings) -> dict[str, int]:
    out = {}
    with open_session(settings) as session:
        for label in LABELS:
            out[label] = session.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"]
        for rel_type in REL_TYPES:
            out[rel_type] = session.run(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS c").single()["c"]
    return out


def document_ids(settings: Neo4jSettings) -> dict[str, str]:
    """id -> source of every document the database holds."""
    with open_session(settings) as session:
        return {r["id"]: r["source"] for r in session.run("MATCH (d:Document) RETURN d.id AS id, d.source AS source")}


def refuse_foreign_documents(settings: Neo4jSettings, loaded: set[str]) -> None:
    """One line, no emptying, when the database holds a document these tests did not load."""
    foreign = {i: src for i, src in document_ids(settings).items() if i not in loaded}
    if foreign:
        pytest.fail(f"refusing to empty Neo4j at {settings.uri}: it holds {len(foreign)} document(s) the tests did "
                    f"not load, e.g. {next(iter(foreign.values()))}", pytrace=False)


# --- the package's own modules -----------------------------------------------------------------------------

TOP_PACKAGES = ("policykg", "policykg.extract", "policykg.graph", "policykg.queries")


def package_modules() -> dict[str, Path]:
    """Every module of policykg (dotted name → source file), found from the installed package layout: the
    ground floor and CLI in policykg/, and the folders package-dir maps under it."""
    import importlib

    found: dict[str, Path] = {}
    for top in TOP_PACKAGES:
        folder = Path(importlib.import_module(top).__file__).parent
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if any(not (folder.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(1, len(parts))):
                continue  # a folder that is no package (data, templates)
            name = ".".join((top, *parts)).removesuffix(".__init__")
            found.setdefault(name, path)
    return found

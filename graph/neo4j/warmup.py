"""Warm a freshly started server up for the loader, leaving the database exactly as it was.

The first load after a start used to be several times slower than the next one: every loader statement was
planned for the first time and the server's write path (Bolt decoding, transaction state, index lookups) ran
interpreted until the JVM compiled it.  So `policykg neo4j start` (and every server the tests and benches
start, through server.start_server) runs the loader's own transaction function, load.write_group, on a few
synthetic documents in transactions that are ROLLED BACK: the plans are cached and the code compiled, and
nothing is committed.  The synthetic ids carry a random part, so no statement can match a user's node; the
schema (constraints, indexes) is ensured as every load does, and db.awaitIndexes() waits until it is online.
"""

from __future__ import annotations

import secrets
import time

from policykg.graph.neo4j.batches import prepare
from policykg.graph.neo4j.load import BATCH_SIZE, ensure_schema, write_group
from policykg.graph.neo4j.session import open_session
from policykg.graph.neo4j.settings import Neo4jSettings
from policykg.model import Area, Document, Duty, Institution, Measure

DOCUMENTS = 8
MEASURES = 100  # per document: about 5,000 elements per round, one loader group
ROUNDS = 2


def synthetic_documents(tag: str, count: int = DOCUMENTS, measures: int = MEASURES) -> list[Document]:
    """count documents using every label and relationship key the loader writes, ids made unique by tag."""
    institutions = [Institution(f"{tag}-机构{i}", [f"{tag}-简称{i}"], "government") for i in range(6)]
    docs = []
    for d in range(count):
        doc_id = f"doc-{tag}-{d}"
        top = Area(f"area-{tag}-{d}-0", "总体要求")
        sub = Area(f"area-{tag}-{d}-1", "主要任务", top.name, top.id)
        docs.append(Document(
            id=doc_id, source=f"{tag}/{d}.txt", title=f"{tag} {d}", date="2020-01-01", region="上海市",
            issuers=[institutions[0].name], areas=[top, sub], institutions=institutions,
            measures=[Measure(f"measure-{tag}-{d}-{m}", f"推进第{m}项改革任务", sub.name, sub.id, (m, m + 1),
                              None, [Duty(institutions[m % 5 + 1].name, "lead"),
                                     Duty(institutions[(m + 1) % 5 + 1].name, "support")])
                      for m in range(measures)]))
    return docs


def warm_up(settings: Neo4jSettings, rounds: int = ROUNDS) -> float:
    """Run the loader's statements on synthetic documents `rounds` times, each time rolled back; returns seconds."""
    started = time.perf_counter()
    group = [prepare(doc) for doc in synthetic_documents(f"policykg-warm-up-{secrets.token_hex(8)}")]
    loading = sorted(p.doc.id for p in group)
    with open_session(settings, write=True) as session:
        ensure_schema(session)
        session.run("CALL db.awaitIndexes()").consume()
        for _ in range(rounds):
            tx = session.begin_transaction()
            try:
                write_group(tx, group, BATCH_SIZE, loading)
            finally:
                tx.rollback()
    return time.perf_counter() - started

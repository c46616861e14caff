"""graph.json, graph.graphml and graph.gexf written document by document, without holding the graph.

Each document's nodes and edges go to part files (one for nodes, one for edges, per format) as the document
arrives, and the document is dropped.  Institutions are the exception: they are shared across documents and
their aliases are unioned (``merge_institution``), so they are kept — a few thousand at corpus scale — and
written after the other nodes at the end.  Then each file is the header, its node part, the institutions,
its edge part and the footer, concatenated.  Nodes come in document order with the institutions last, edges
in document order: the same graph as build_graph's, in another byte order (tests/graph/test_stream.py).
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from policykg.graph.formats import FORMATS, Element
from policykg.graph.rows import NodeRow, RelRow, document_elements, merge_institution, unique_nodes, unique_rels
from policykg.model import Document
from policykg.records import write_records
from policykg.schema import INSTITUTION, LABELS, REL_TYPES

Rows = tuple[list[NodeRow], list[RelRow]]


def graph_rows(docs: Iterable[Document]) -> Iterator[Rows]:
    """Each document's rows once, as a graph holds them: a document met again (the same cleaned text, so the
    same id, in two files) adds nothing — its first copy stays — and within a document a repeated node or edge
    is one, with the later properties winning.  build_graph and the streaming writers both read this."""
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            continue
        seen.add(doc.id)
        nodes, rels = document_elements(doc)
        yield unique_nodes(nodes), unique_rels(rels)


class GraphFiles:
    """The three graph files of ``folder``, fed one document's rows at a time; ``close`` finishes them.

    ``counts`` is build.counts of the graph written: nodes per label, relationships per type.
    """

    def __init__(self, folder: Path, formats: Iterable[type] = FORMATS) -> None:
        self.folder = folder
        self.institutions: dict[str, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter({k: 0 for k in (*LABELS, *REL_TYPES)})
        self._nodes = self._edges = 0
        self._parts: list[tuple[Any, IO[bytes], IO[bytes]]] = [
            (fmt, self._part(fmt.suffix, "nodes"), self._part(fmt.suffix, "edges")) for fmt in (f() for f in formats)]

    def _part(self, suffix: str, kind: str) -> IO[bytes]:
        return (self.folder / f".graph.{suffix}.{kind}").open("w+b")

    def add(self, nodes: list[NodeRow], rels: list[RelRow]) -> None:
        """One document's rows (from graph_rows): its nodes and edges written, its institutions merged."""
        written = []
        for n in nodes:
            if n.label != INSTITUTION:
                written.append(Element(n.id, {"label": n.label, "id": n.id, **n.props}))
            elif n.id in self.institutions:
                merge_institution(self.institutions[n.id], n.props)
            else:
                self.institutions[n.id] = {"label": n.label, "id": n.id, **n.props}
        self._write_nodes(written)
        edges = [Element(r.start, {"type": r.type, **r.props}, r.end, self._edges + i) for i, r in enumerate(rels)]
        self.counts.update(r.type for r in rels)
        for fmt, _, part in self._parts:
            _append(part, fmt.separator, [fmt.edge(e) for e in edges], self._edges)
        self._edges += len(edges)

    def _write_nodes(self, nodes: list[Element]) -> None:
        self.counts.update(n.attrs["label"] for n in nodes)
        for fmt, part, _ in self._parts:
            _append(part, fmt.separator, [fmt.node(n) for n in nodes], self._nodes)
        self._nodes += len(nodes)

    def close(self) -> None:
        """Write the institutions, then each file: header, nodes, edges, footer; the parts are removed."""
        self._write_nodes([Element(node_id, attrs) for node_id, attrs in self.institutions.items()])
        for fmt, nodes, edges in self._parts:
            with (self.folder / f"graph.{fmt.suffix}").open("wb") as out:
                out.write(fmt.header.encode("utf-8"))
                for part, end in ((nodes, fmt.nodes_end), (edges, fmt.footer)):
                    part.seek(0)
                    shutil.copyfileobj(part, out, 1 << 20)
                    out.write(end.encode("utf-8"))
        self.discard()

    def discard(self) -> None:
        """Close and remove the part files (also when the build fails half-way)."""
        for _, nodes, edges in self._parts:
            for part in (nodes, edges):
                part.close()
                Path(part.name).unlink(missing_ok=True)
        self._parts = []


def _append(part: IO[bytes], separator: str, elements: list[str], before: int) -> None:
    """Elements written after ``before`` others, separated as the format wants (JSON: by commas)."""
    if elements:
        part.write(((separator if before else "") + separator.join(elements)).encode("utf-8"))


def write_graph_files(rows: Iterable[Rows], folder: Path, formats: Iterable[type] = FORMATS) -> Counter[str]:
    """graph.json/.graphml/.gexf (``formats``) of the rows into ``folder``; returns the counts written."""
    files = GraphFiles(folder, formats)
    try:
        for nodes, rels in rows:
            files.add(nodes, rels)
        files.close()
    finally:
        files.discard()
    return files.counts


def write_streamed(docs: Iterable[Document], folder: Path,
                   sinks: Iterable[Callable[[list[NodeRow], list[RelRow]], None]] = (),
                   formats: Iterable[type] = FORMATS) -> tuple[int, Counter[str]]:
    """extraction.jsonl and the graph files of ``formats`` in ``folder``, each document written as it arrives
    and then let go of; every sink is handed each document's rows too.  Returns the number of documents and
    the counts of the graph written."""
    written = [0]

    def recorded(fh: IO[str]) -> Iterator[Document]:
        for doc in docs:
            write_records([doc], fh)
            written[0] += 1
            yield doc

    sinks = list(sinks)

    def rows(fh: IO[str]) -> Iterator[Rows]:
        for nodes, rels in graph_rows(recorded(fh)):
            for sink in sinks:
                sink(nodes, rels)
            yield nodes, rels

    with (folder / "extraction.jsonl").open("w", encoding="utf-8") as fh:
        counts = write_graph_files(rows(fh), folder, formats)
    return written[0], counts

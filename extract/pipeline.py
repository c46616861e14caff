"""From files to Documents, in named stages: read → clean → outline → find mentions → resolve names → assemble.

Per document the costly step is the one jieba segmentation; everything else is precompiled regular
expressions and dictionary lookups, so extraction runs at a good fraction of plain segmentation speed.
With ``jobs > 1`` jieba and the dictionaries are loaded in the parent and workers are forked from it,
so no worker pays the model-loading cost again.
"""

from __future__ import annotations

import multiprocessing
import re
import signal
import sys
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.errors import InputError
from policykg.extract import segment
from policykg.extract.canonical import Registry, is_specific
from policykg.extract.clean import clean_text
from policykg.extract.mentions import Mention, names_unit, scan
from policykg.extract.meta import Header, date_of, header, issuer_names, page_date, title_of
from policykg.extract.readers import RawDocument, expand_paths, read_path
from policykg.extract.region import Region, detect_region
from policykg.extract.script import Shadow, to_simplified
from policykg.extract.structure import outline
from policykg.extract.user_units import UnitList, apply_unit_list
from policykg.extract.walker import Outline
from policykg.model import Document, Duty, Measure, document_id

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

_BOOK_TITLE = re.compile(r"《[^》\n]{1,100}》")


@dataclass
class ExtractResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each: "path: reason"


@dataclass
class _Front:
    """What the front matter says: the document's id, header, title and region."""

    id: str
    head: Header
    title: str | None
    region: Region | None


def extract_document(raw: RawDocument) -> Document:
    """Recognise areas, measures, institutions and duties in one read document: the stages in order."""
    shadow = Shadow.of(clean_text(raw.text))  # Traditional script is read on its Simplified shadow (script.py)
    front = front_matter(raw, shadow)
    found = outline(shadow.read, front.id, start=front.head.end)
    issuers, mentions = find_mentions(raw, shadow.read, front, found)
    registry, issuers = resolve_names(found, issuers, mentions, front.region, shadow)
    return assemble(raw, shadow, front, found, mentions, issuers, registry)


def front_matter(raw: RawDocument, shadow: Shadow) -> _Front:
    """The cleaned text's id, its header (metadata and addressees), title and region."""
    text, read = shadow.written, shadow.read
    head = header(read)
    title = title_of(text, raw.title or _written(head.title, text, read))
    region = detect_region(to_simplified(title) if title and shadow.converted else title, read)
    return _Front(document_id(text), head, title, region)


def find_mentions(raw: RawDocument, read: str, front: _Front, found: Outline) -> tuple[list[str], list[Mention]]:
    """The issuers as written, and the units the text names outside its header, book titles and notes."""
    issuers = [u for u in (raw.issuers or front.head.issuers + issuer_names(read)) if names_unit(u)]
    skip = sorted([(0, front.head.end)] + [m.span() for m in _BOOK_TITLE.finditer(read)] + found.note_spans)
    mentions = list(scan(segment.tokens(read), front.region, skip))
    if found.note_spans:
        # A task document names who is charged in its notes; the kinds of body its tasks speak of
        # (社会组织, 行业协会, 公安机关) are no institutions there (../shared/gold: only named bodies).
        mentions = [m for m in mentions if is_specific(m.canonical)]
    return issuers, mentions


def resolve_names(found: Outline, issuers: list[str], mentions: list[Mention], region: Region | None,
                  shadow: Shadow) -> tuple[Registry, list[str]]:
    """Every unit as written given its canonical name, in the order met: the duties of the outline (each
    measure's, once), the issuers, the mentions; the registry keeps the forms each was written in."""
    registry = Registry(region)
    held: dict[str, set[Duty]] = {}
    for measure, unit, role in found.duties:
        duty = Duty(registry.resolve(unit, shadow.written_form(unit)), role)  # type: ignore[arg-type]
        if duty not in held.setdefault(measure.id, set()):
            held[measure.id].add(duty)
            measure.duties.append(duty)
    named = [registry.resolve(u, shadow.written_form(u)) for u in issuers]
    for m in mentions:
        registry.add(m.canonical, m.surface, m.alias)
        if shadow.converted:
            registry.add(m.canonical, shadow.written[m.start:m.end])  # the Traditional form as written
    return registry, list(dict.fromkeys(named))


def assemble(raw: RawDocument, shadow: Shadow, front: _Front, found: Outline, mentions: list[Mention],
             issuers: list[str], registry: Registry) -> Document:
    """The Document: mentions inside a measure become its ``mentioned`` duties, and the Traditional text of
    areas and measures is restored."""
    _attach_mentions(found.measures, [(m.start, m.end, m.canonical) for m in mentions])
    shadow.restore(front.id, found.areas, found.measures)
    return Document(
        id=front.id, source=raw.source, title=front.title,
        date=date_of(shadow.written, raw.date or page_date(raw.text)),
        region=front.region.full if front.region else None, issuers=issuers,
        areas=found.areas, measures=found.measures, institutions=registry.institutions(),
    )


def _written(found: str | None, text: str, read: str) -> str | None:
    """A string found in the Simplified shadow, as the document writes it."""
    at = read.find(found) if found else -1
    return text[at:at + len(found)] if found and at >= 0 else found


def _attach_mentions(measures: list[Measure], mentions: list[tuple[int, int, str]]) -> None:
    """Units named inside a measure's span without a duty of their own there are ``mentioned``."""
    spans = sorted((m.span, i) for i, m in enumerate(measures) if m.span)
    starts = [s[0][0] for s in spans]
    for start, end, name in mentions:
        k = bisect_right(starts, start) - 1
        if k < 0:
            continue
        (_, m_end), i = spans[k]
        if end <= m_end:
            measure = measures[i]
            if all(d.institution != name for d in measure.duties):
                measure.duties.append(Duty(name, "mentioned"))


# Formats holding many documents (one per line): read in the parent and extracted document by document, so a
# pool shares one big .jsonl; every other file is read and extracted by the worker that takes it.
_MANY = frozenset({".jsonl"})
# A task: a file for a worker to read, a document the parent read, or the one-line reason the parent could not;
# with the number of documents its file holds beyond one when the parent read it (the progress bar's total).
_Task = tuple[Path | RawDocument | str, int]


def _read(path: Path) -> list[RawDocument] | str:
    try:
        return read_path(path)
    except InputError as exc:
        return str(exc)


def _extract(raw: RawDocument) -> Document | str:
    try:
        return extract_document(raw)
    except Exception as exc:  # one bad document must not stop the batch; reported in one line
        return f"{raw.source}: extraction failed ({type(exc).__name__}: {exc})"


def _run(task: _Task) -> tuple[str | None, list[Document | str], int]:
    """(read error, the task's documents or extraction errors in order, documents its file holds beyond one)."""
    item, extra = task
    if isinstance(item, str):
        return item, [], 0
    if isinstance(item, RawDocument):
        return None, [_extract(item)], extra
    read = _read(item)
    return (read, [], 0) if isinstance(read, str) else (None, [_extract(raw) for raw in read], len(read) - 1)


def _start_pool(processes: int) -> Pool:
    return multiprocessing.get_context("fork").Pool(processes, initializer=_worker_signals)


def _worker_signals() -> None:
    """Workers leave interruption to the parent: Ctrl-C reaches the whole process group, and a worker
    that raised KeyboardInterrupt would print its own traceback; the parent terminates the pool instead.
    SIGTERM gets its default action back, as the parent's handler (raise in the CLI) is inherited by fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@dataclass
class ExtractStream:
    """Documents as they finish, in input order (the same with any ``jobs``), each dropped by the stream once
    yielded: what is held at a time is the documents in flight, not the batch.  Iterate once; ``errors``
    (one line each, "path: reason") is complete when the iteration ends.

    Pool.imap keeps the input order and pulls tasks only as fast as the workers' pipe takes them, so files
    are read while earlier documents are being extracted and written.  The progress bar counts documents:
    its total starts at one per file and grows when a .jsonl turns out to hold many.
    """

    paths: list[Path]
    jobs: int = 1
    progress: bool = False
    exclude: frozenset[Path] = frozenset()
    units: UnitList = field(default_factory=dict)  # the user's unit list (--units), applied to each document
    _expand_errors: list[str] = field(default_factory=list)
    _read_errors: list[str] = field(default_factory=list)
    _extract_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Arguments naming nothing readable, then unreadable files, then failed documents, each in input order."""
        return self._expand_errors + self._read_errors + self._extract_errors

    def __iter__(self) -> Iterator[Document]:
        files, expand_errors = expand_paths(self.paths, self.exclude)
        self._expand_errors[:] = [str(e) for e in expand_errors]
        many = len(files) > 1 or any(f.suffix.lower() in _MANY for f in files)
        segment.init()  # before forking: workers inherit the loaded model and dictionaries
        pool = _start_pool(self.jobs) if self.jobs > 1 and many else None
        bar = _bar(len(files), self.progress and many)  # one document per file until a file says otherwise
        try:
            tasks = _tasks(files)
            for read_error, outputs, extra in (pool.imap(_run, tasks) if pool else map(_run, tasks)):
                if read_error is not None:
                    self._read_errors.append(read_error)
                    bar.total -= 1
                bar.total += extra
                for out in outputs:
                    bar.update()
                    if isinstance(out, str):
                        self._extract_errors.append(out)
                    else:
                        yield apply_unit_list(out, self.units)
        except BaseException:
            if pool:
                pool.terminate()
            raise
        finally:
            bar.close()
        if pool:
            pool.close()
            pool.join()


def _tasks(files: list[Path]) -> Iterator[_Task]:
    """One task per file, or per document of a file holding many (read here, in order).  With a pool this
    runs in the pool's task thread, so it only hands out; the bar is updated from the results."""
    for path in files:
        if path.suffix.lower() not in _MANY:
            yield path, 0
            continue
        read = _read(path)
        if isinstance(read, str):
            yield read, 0
            continue
        extra = len(read) - 1
        read.reverse()  # popped from the end: each document is let go of once it is handed on
        while read:
            yield read.pop(), extra
            extra = 0


def _bar(files: int, shown: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=files, unit="doc", file=sys.stderr, disable=not shown, dynamic_ncols=True)


def extract_paths(paths: list[Path], jobs: int = 1, progress: bool = False,
                  exclude: frozenset[Path] = frozenset()) -> ExtractResult:
    """Extract every file (directories walked) into one list; unreadable files become error lines, the rest
    goes on.  Documents come out in input order.  ``exclude`` holds resolved paths never to read (the
    command's own output file).  Commands that write as they go iterate an ExtractStream instead.
    """
    stream = ExtractStream(paths, jobs, progress, exclude)
    documents = list(stream)
    return ExtractResult(documents, stream.errors)

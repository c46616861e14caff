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
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.extract import segment
from policykg.extract.canonical import Registry, is_specific
from policykg.extract.clean import clean_text
from policykg.extract.mentions import Mention, names_unit, scan
from policykg.extract.meta import Header, date_of, header, issuer_names, title_of
from policykg.extract.readers import RawDocument, expand_paths, read_path
from policykg.extract.region import Region, detect_region
from policykg.extract.script import Shadow, to_simplified
from policykg.extract.structure import outline
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
        id=front.id, source=raw.source, title=front.title, date=date_of(shadow.written, raw.date),
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


def _extract_numbered(task: tuple[int, RawDocument]) -> tuple[int, Document | str]:
    return task[0], _extract(task[1])


def _extract_all(raws: list[RawDocument], pool: Pool | None) -> Iterator[tuple[int, Document | str]]:
    """(input position, result) as documents finish; workers get the longest documents first so that no
    long one is left running alone at the end."""
    if pool is None:
        yield from enumerate(map(_extract, raws))
        return
    order = sorted(range(len(raws)), key=lambda i: -len(raws[i].text))
    yield from pool.imap_unordered(_extract_numbered, [(i, raws[i]) for i in order])


def _start_pool(processes: int) -> Pool:
    return multiprocessing.get_context("fork").Pool(processes, initializer=_worker_signals)


def _worker_signals() -> None:
    """Workers leave interruption to the parent: Ctrl-C reaches the whole process group, and a worker
    that raised KeyboardInterrupt would print its own traceback; the parent terminates the pool instead.
    SIGTERM gets its default action back, as the parent's handler (raise in the CLI) is inherited by fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def extract_paths(paths: list[Path], jobs: int = 1, progress: bool = False,
                  exclude: frozenset[Path] = frozenset()) -> ExtractResult:
    """Extract every file (directories walked); unreadable files become error lines, the rest goes on.

    Documents come out in input order.  With ``jobs > 1`` files are read and documents extracted by
    forked workers; a worker pool is only started when there is more than one task to share.  ``exclude``
    holds resolved paths never to read (the command's own output file).
    """
    files, expand_errors = expand_paths(paths, exclude)
    result = ExtractResult(errors=[str(e) for e in expand_errors])
    segment.init()  # before forking: workers inherit the loaded model and dictionaries
    pool: Pool | None = None
    try:
        if jobs > 1 and len(files) > 1:
            pool = _start_pool(jobs)
        raws: list[RawDocument] = []
        for read in (pool.imap(_read, files) if pool else map(_read, files)):
            if isinstance(read, str):
                result.errors.append(read)
            else:
                raws.extend(read)
        if pool is None and jobs > 1 and len(raws) > 1:
            pool = _start_pool(min(jobs, len(raws)))
        outputs = _extract_all(raws, pool)
        if progress and len(raws) > 1:
            from tqdm import tqdm

            outputs = tqdm(outputs, total=len(raws), unit="doc", file=sys.stderr)
        done: list[Document | str | None] = [None] * len(raws)
        for i, out in outputs:
            done[i] = out
        for out in done:
            if isinstance(out, str):
                result.errors.append(out)
            elif out is not None:
                result.documents.append(out)
    except BaseException:
        if pool:
            pool.terminate()
        raise
    if pool:
        pool.close()
        pool.join()
    return result

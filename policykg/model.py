"""The one data model every backend shares: Document, Area, Measure, Institution, Duty.

Extraction produces these objects; the networkx builder, the Neo4j loader and the HTML views consume
them.  Ids are derived from content (never from run order or memory addresses) so that re-running the
extractor on the same text yields the same ids, and loading twice into Neo4j MERGEs onto the same nodes.

A record is one JSON Lines object per document, following ../shared/schema/extraction.schema.json
(plus the added fields ``area_id`` on measures and ``parent_id`` on areas, which the schema allows).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from policykg.schema import ROLE_RANK, Role


def stable_id(prefix: str, *parts: str) -> str:
    """Content-derived id: the same parts give the same id on every run and every machine."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


def document_id(cleaned_text: str) -> str:
    return stable_id("doc", cleaned_text)


def institution_id(canonical_name: str) -> str:
    """Institutions are global: one node per canonical name, shared by every document naming it."""
    return stable_id("inst", canonical_name)


def area_id(doc_id: str, path: tuple[str, ...]) -> str:
    """An area is identified by its document and its chain of enclosing area names."""
    return stable_id("area", doc_id, *path)


def measure_id(doc_id: str, text: str) -> str:
    return stable_id("measure", doc_id, text)


@dataclass(frozen=True)
class Duty:
    """One institution's role in one measure."""

    institution: str  # canonical institution name
    role: Role


@dataclass
class Institution:
    name: str  # canonical, region-qualified full name
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None  # party, government, judicial, service, social, ...

    @property
    def id(self) -> str:
        return institution_id(self.name)


@dataclass
class Area:
    id: str
    name: str
    parent: str | None = None  # name of the enclosing area
    parent_id: str | None = None


@dataclass
class Measure:
    id: str
    text: str
    area: str | None = None  # name of the innermost area
    area_id: str | None = None
    span: tuple[int, int] | None = None  # [start, end) in the cleaned text
    deadline: str | None = None
    duties: list[Duty] = field(default_factory=list)

    def roles(self) -> dict[str, Role]:
        """Each named unit's role here; a unit named twice keeps its strongest role (lead over support)."""
        roles: dict[str, Role] = {}
        for duty in self.duties:
            held = roles.get(duty.institution)
            if held is None or ROLE_RANK[duty.role] < ROLE_RANK[held]:
                roles[duty.institution] = duty.role
        return roles


@dataclass
class Document:
    id: str
    source: str
    title: str | None = None
    date: str | None = None
    region: str | None = None
    issuers: list[str] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The JSON Lines record of ../shared/schema/extraction.schema.json."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "region": self.region,
            "issuers": list(self.issuers),
            "areas": [
                {"id": a.id, "name": a.name, "parent": a.parent, "parent_id": a.parent_id}
                for a in self.areas
            ],
            "measures": [
                {
                    "id": m.id,
                    "text": m.text,
                    "area": m.area,
                    "area_id": m.area_id,
                    **({"span": list(m.span)} if m.span is not None else {}),
                    "deadline": m.deadline,
                    "institutions": [{"name": d.institution, "role": d.role} for d in m.duties],
                }
                for m in self.measures
            ],
            "institutions": [
                {"name": i.name, "aliases": list(i.aliases), "kind": i.kind} for i in self.institutions
            ],
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        """Inverse of to_record; ids missing from hand-written records are derived as the extractor would."""
        doc_id = rec["id"]
        areas: list[Area] = []
        ids_by_name: dict[str, str] = {}
        for a in rec.get("areas", []):
            parent_id = a.get("parent_id") or (ids_by_name.get(a["parent"]) if a.get("parent") else None)
            aid = a.get("id") or area_id(doc_id, tuple(p for p in (a.get("parent"), a["name"]) if p))
            ids_by_name[a["name"]] = aid
            areas.append(Area(id=aid, name=a["name"], parent=a.get("parent"), parent_id=parent_id))
        measures = [
            Measure(
                id=m.get("id") or measure_id(doc_id, m["text"]),
                text=m["text"],
                area=m.get("area"),
                area_id=m.get("area_id") or (ids_by_name.get(m["area"]) if m.get("area") else None),
                span=tuple(m["span"]) if m.get("span") else None,
                deadline=m.get("deadline"),
                duties=[Duty(d["name"], d["role"]) for d in m.get("institutions", [])],
            )
            for m in rec.get("measures", [])
        ]
        return cls(
            id=doc_id,
            source=rec["source"],
            title=rec.get("title"),
            date=rec.get("date"),
            region=rec.get("region"),
            issuers=list(rec.get("issuers", [])),
            areas=areas,
            measures=measures,
            institutions=[
                Institution(i["name"], list(i.get("aliases", [])), i.get("kind"))
                for i in rec.get("institutions", [])
            ],
        )

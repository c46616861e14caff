"""The areas open at a point of the outline walk: a stack of headings by level, innermost last.

A numbered heading closes the sections at its level or deeper; an aspect phrase (…方面，) opens an area
below the current one until its paragraph ends.  A heading inside a review of past work or a section
without tasks (extract/areas.py heading_kind) inherits that: no measure is taken under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.extract import areas as A
from policykg.model import Area, area_id


@dataclass
class _Open:
    level: int
    area: Area
    path: tuple[str, ...]
    review: bool  # inside a review of past work (2018年工作回顾): its clauses are no measures
    silent: bool = False  # inside a section that states no tasks (总体要求): no areas, no measures


class OpenAreas:
    """The stack of open areas of one document; each area met is appended to ``found`` once."""

    def __init__(self, doc_id: str, found: list[Area]) -> None:
        self.doc_id = doc_id
        self.found = found
        self.stack: list[_Open] = []
        self.areas: dict[tuple[str, ...], Area] = {}

    def push(self, level: int, name: str) -> None:
        name = A.clean_name(name)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()  # a heading closes the sections at its level even when it names no area
        kind = A.heading_kind(name)
        if kind is A.HeadingKind.NONE:
            return
        parent = self.stack[-1] if self.stack else None
        path = (*parent.path, name) if parent else (name,)
        if (parent is not None and parent.silent) or kind is A.HeadingKind.NO_TASKS:
            self.stack.append(_Open(level, Area("", name), path, True, silent=True))
            return
        area = self.areas.get(path)
        if area is None:
            area = Area(id=area_id(self.doc_id, path), name=name,
                        parent=parent.area.name if parent else None, parent_id=parent.area.id if parent else None)
            self.areas[path] = area
            self.found.append(area)
        review = (parent is not None and parent.review) or kind is A.HeadingKind.REVIEW
        self.stack.append(_Open(level, area, path, review))

    def pop_aspect(self) -> None:
        while self.stack and self.stack[-1].level == A.ASPECT:
            self.stack.pop()

    def takes_no_measures(self) -> bool:
        """Whether the innermost open section is a review or states no tasks."""
        return bool(self.stack) and (self.stack[-1].review or self.stack[-1].silent)

    def inner(self) -> Area | None:
        """The innermost open area, which a measure found now belongs to."""
        return self.stack[-1].area if self.stack else None

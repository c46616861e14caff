"""How the clauses of one line open: their framing, a unit subject, where their measure starts.

The walker (extract/walker.py) asks about every clause start of a line, often twice — once to decide where its
sentence splits, once for the clause itself — so what can be found once per line (the subject markers) or
once per clause start (its framing) is kept here, and every question reads at most OPENING_WINDOW characters,
so a line of many thousand clauses costs each clause a bounded time.
"""

from __future__ import annotations

from policykg.extract.measures import OPENING_WINDOW, framing_length, last_report, opens_measure, trim
from policykg.extract.subjects import Markers, subject

Duties = list[tuple[str, str]]  # (unit as written, role)


class Openings:
    """The openings of the clauses of the line being walked."""

    def __init__(self) -> None:
        self.markers = Markers("")  # of the line being read
        # the clause start being read, and the window end up to which it has no framing: framing_pattern has
        # no end anchor nor negative lookaround, so a text without framing has none in any of its prefixes
        # either, and the clause asked about again with a shorter end (itself, after its sentence) is not
        # read again
        self.framing_at: tuple[str, int] | None = None
        self.unframed = 0

    def marks(self, line: str) -> Markers:
        """The subject markers of ``line``, found once per line."""
        if self.markers.line is not line:
            self.markers = Markers(line)
        return self.markers

    def framed(self, line: str, start: int, end: int) -> int:
        """Where line[start:end] goes on after its framing (上海将…, 同时，…)."""
        at = self.framing_at
        if at is None or at[0] is not line or at[1] != start:
            self.framing_at, self.unframed = (line, start), start
        window = min(end, start + OPENING_WINDOW)
        if window <= self.unframed:
            return start
        framed = start + framing_length(line, start, window)
        if framed == start:
            self.unframed = window
        return framed

    def opening(self, line: str, start: int, end: int, reports: bool | None = None) -> tuple[int, int, Duties]:
        """Span of the measure a clause may hold — its framing and unit subject left out — and the duties
        of that subject (省司法厅牵头开展… → 开展…, 省司法厅 lead).  ``reports``: whether line[start:end]
        reports, when the caller knows (see subject_measure)."""
        return self._after_framing(line, self.framed(line, start, end), end, reports)

    def measure_start(self, line: str, start: int, end: int, reports: bool) -> int:
        """opening(line, start, end, reports)[0], without the work on the measure's end: where no subject
        marker is near, no unit subject opens the clause and the measure starts after its framing's blanks."""
        framed = self.framed(line, start, end)
        if self.marks(line).near(framed, end):
            return self._after_framing(line, framed, end, reports)[0]
        while framed < end and line[framed].isspace():
            framed += 1
        return framed

    def _after_framing(self, line: str, framed: int, end: int, reports: bool | None) -> tuple[int, int, Duties]:
        found = self.subject_measure(line, framed, end, reports)
        return found if found is not None else (*trim(line, framed, end), [])

    def subject_measure(self, line: str, start: int, end: int,
                        reports: bool | None) -> tuple[int, int, Duties] | None:
        """Span of the measure after a unit subject opening line[start:end], with the subject's duties; None
        when there is no unit subject or what follows it is no measure.  Whether the rest reports comes as
        ``reports`` from a caller that read its sentence once (else it is looked up here)."""
        if not self.marks(line).near(start, end):
            return None  # the cheap test subject() starts with, on the line's markers found once
        found = subject(line[start:min(end, start + OPENING_WINDOW)])
        if found is None:
            return None
        s, e = trim(line, start + found.length, end)
        if e <= s or not opens_measure(line, s, min(e, s + OPENING_WINDOW)):
            return None
        if reports is None:
            reports = last_report(line, s, e) >= 0
        return None if reports else (s, e, found.duties)

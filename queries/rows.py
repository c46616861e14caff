"""Plumbing both backends share to turn matches into rows that compare equal.

Cypher does the matching and the aggregation; the final ordering (with full tie-breaking), the top-N cut
and float rounding happen in Python on both backends, so string collation or aggregation order on the
server can never make the two disagree.
"""

from __future__ import annotations

from typing import Any

DECIMALS = 6


def fetch(session: Any, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a parameterised Cypher statement as plain dicts."""
    return session.run(cypher, params).data()


def document_label(props: dict[str, Any]) -> str:
    """How a document is shown in rows: its title, else its source (Cypher: coalesce(d.title, d.source))."""
    return props.get("title") or props["source"]


def nulls_last(value: str | None) -> tuple[bool, str]:
    """Sort key for an optional text (a measure without an area): missing values after every text."""
    return value is None, value or ""


def top_n(rows: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    """The first ``top`` rows; None or 0 keeps them all."""
    return rows[:top] if top else rows

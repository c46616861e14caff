"""Gold files and extraction records read into the one shape the scorer compares (extract/evaluate.py).

Gold files come in the format of ../shared/gold/GUIDE.md (``doc``, ``institutions`` as lists of canonical
name and aliases, measures with ``lead``/``support``/``institutions``/``deadline``); extraction records (the
older annotation format of tests/data/seed_gold.json) are read as well.  Names are width-folded on reading;
a missing list is read as empty with one warning line, a file that is no JSON is one error line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import PolicykgError
from policykg.extract.clean import fold_width
from policykg.records import strict_json


@dataclass
class Unit:
    name: str
    aliases: set[str]


@dataclass
class MeasureRec:
    text: str
    roles: dict[str, set[str]]  # lead / support / mentioned → unit names


@dataclass
class DocRec:
    """One document of either side, in the one shape the scorer reads."""

    key: str  # file name the record names (gold ``doc`` or extraction ``source``)
    title: str
    units: list[Unit] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    measures: list[MeasureRec] = field(default_factory=list)


def _list(record: dict[str, Any], key: str, problems: set[str]) -> list[Any]:
    value = record.get(key)
    if value is None:
        problems.add(key)
        return []
    if not isinstance(value, list):
        raise PolicykgError(f"'{key}' is not a list")
    return value


def _str_list(value: Any) -> list[str]:
    return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []


def _unit(item: Any) -> Unit | None:
    if isinstance(item, list):  # gold: [canonical, alias, …]
        names = _str_list(item)
        return Unit(fold_width(names[0]), {fold_width(a) for a in names[1:]}) if names else None
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return Unit(fold_width(item["name"]), {fold_width(a) for a in _str_list(item.get("aliases"))})
    return None


def _measure(item: Any) -> MeasureRec | None:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return None
    roles: dict[str, set[str]] = {"lead": set(), "support": set(), "mentioned": set()}
    if "lead" in item or "support" in item:  # gold format
        roles["lead"] = {fold_width(u) for u in _str_list(item.get("lead"))}
        roles["support"] = {fold_width(u) for u in _str_list(item.get("support"))}
        roles["mentioned"] = {fold_width(u) for u in _str_list(item.get("institutions"))}
    else:  # extraction record: institutions are {name, role}
        for duty in item.get("institutions") or []:
            if isinstance(duty, dict) and isinstance(duty.get("name"), str):
                roles.setdefault(str(duty.get("role")), set()).add(fold_width(duty["name"]))
    return MeasureRec(item["text"], roles)


def read_record(record: dict[str, Any], problems: set[str]) -> DocRec:
    key = record.get("doc") or record.get("source") or ""
    areas = [a.get("name") if isinstance(a, dict) else a for a in _list(record, "areas", problems)]
    return DocRec(
        key=Path(str(key)).name,
        title=str(record.get("title") or ""),
        units=[u for u in map(_unit, _list(record, "institutions", problems)) if u],
        areas=[a for a in areas if isinstance(a, str)],
        measures=[m for m in map(_measure, _list(record, "measures", problems)) if m],
    )


def load_records(path: Path) -> list[dict[str, Any]]:
    """Records of a .json (object or list) or .jsonl file; PolicykgError naming the file otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicykgError(f"{path}: {getattr(exc, 'strerror', None) or 'cannot read'}") from None
    try:  # the records' own strict parser: NaN, 1e999 or deep nesting are errors here too
        data = strict_json(text)
        records = data if isinstance(data, list) else [data]
    except ValueError:
        try:
            records = [strict_json(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise PolicykgError(f"{path}: not JSON or JSON Lines ({getattr(exc, 'msg', exc)})") from None
    if not records or not all(isinstance(r, dict) for r in records):
        raise PolicykgError(f"{path}: no extraction records")
    return records


def load_docs(path: Path, warn: Callable[[str], None]) -> list[DocRec]:
    """Every record of a file, or of every .json/.jsonl file of a directory, as DocRecs.

    Missing or null lists are read as empty, with one warning line naming the file."""
    files = sorted(p for p in path.iterdir() if p.suffix in {".json", ".jsonl"}) if path.is_dir() else [path]
    if not files:
        raise PolicykgError(f"{path}: no .json or .jsonl files")
    docs: list[DocRec] = []
    for file in files:
        problems: set[str] = set()
        try:
            docs.extend(read_record(r, problems) for r in load_records(file))
        except PolicykgError as exc:
            msg = str(exc)
            raise PolicykgError(msg if msg.startswith(str(file)) else f"{file}: {msg}") from None
        if problems:
            warn(f"{file}: records without {', '.join(sorted(problems))} (read as empty)")
    return docs

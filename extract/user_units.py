"""A researcher's own unit list: names as written → the canonical name they want, fixed once for every run.

The file is tab-separated, one unit a line: ``alias<TAB>canonical[<TAB>kind[<TAB>region]]``; ``#`` starts a
comment.  A row with a region applies only to documents of that region (市司法局 → 上海市司法局 in Shanghai
texts alone).  The list is applied to each extracted document after the shipped rules, so it overrides them:
an institution whose canonical name or any written form is listed takes the listed name (and kind), its
duties and issuer entries follow, and two institutions that now share a name become one.

It is read from ``--units FILE`` or, when that is not given, from ``$XDG_CONFIG_HOME/policykg/units.tsv``
(``~/.config/policykg/units.tsv``) if it exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from policykg.errors import PolicykgError
from policykg.model import Document, Duty, Institution, Measure


@dataclass(frozen=True)
class UserUnit:
    canonical: str
    kind: str | None = None
    region: str | None = None


UnitList = dict[tuple[str, str | None], UserUnit]  # (alias, region or None) → unit


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "policykg" / "units.tsv"


def load_unit_list(path: Path) -> UnitList:
    """The rows of ``path``; PolicykgError naming the file and line of a malformed row."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicykgError(f"--units {path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    units: UnitList = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or len(cells) > 4 or not cells[0] or not cells[1]:
            raise PolicykgError(f"{path}:{lineno}: expected alias<TAB>canonical[<TAB>kind[<TAB>region]], "
                                f"got {line.strip()!r}")
        alias, canonical, kind, region = (cells + [""] * 2)[:4]
        units[alias, region or None] = UserUnit(canonical, kind or None, region or None)
    return units


def resolve_unit_list(option: str | None) -> UnitList:
    """The list named by ``--units``, else the one in the config location, else none."""
    if option:
        return load_unit_list(Path(option))
    default = config_path()
    return load_unit_list(default) if default.is_file() else {}


def _lookup(units: UnitList, inst: Institution, region: str | None) -> UserUnit | None:
    for name in (inst.name, *inst.aliases):
        unit = units.get((name, region)) or units.get((name, None))
        if unit:
            return unit
    return None


def apply_unit_list(doc: Document, units: UnitList) -> Document:
    """``doc`` with the listed canonical names; the document itself is left as it was."""
    if not units:
        return doc
    renamed: dict[str, str] = {}
    merged: dict[str, Institution] = {}
    for inst in doc.institutions:
        unit = _lookup(units, inst, doc.region)
        name = unit.canonical if unit else inst.name
        renamed[inst.name] = name
        held = merged.setdefault(name, Institution(name, [], (unit.kind if unit else None) or inst.kind))
        for alias in (inst.name, *inst.aliases):
            if alias != name and alias not in held.aliases:
                held.aliases.append(alias)
    measures = [replace(m, duties=_renamed_duties(m, renamed)) for m in doc.measures]
    issuers = list(dict.fromkeys(renamed.get(i, i) for i in doc.issuers))
    return replace(doc, institutions=list(merged.values()), measures=measures, issuers=issuers)


def _renamed_duties(m: Measure, renamed: dict[str, str]) -> list[Duty]:
    return list(dict.fromkeys(Duty(renamed.get(d.institution, d.institution), d.role) for d in m.duties))

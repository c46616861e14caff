"""area_units(area): the units active in an area and all its sub-areas, by number of measures.

Areas belong to documents, so one name may head areas in several documents; all of them count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from policykg.queries.graph_index import derived, nodes_with_label
from policykg.queries.lookup import area_nodes_nx, check_area_neo4j
from policykg.queries.rows import fetch
from policykg.schema import AREA, HAS_MEASURE, RESPONSIBLE_FOR, ROLES, SUBAREA_OF

CYPHER = """
MATCH (top:Area {name: $area})
MATCH (sub:Area)-[:SUBAREA_OF*0..]->(top)
WITH DISTINCT sub
MATCH (sub)-[:HAS_MEASURE]->(m:Measure)<-[r:RESPONSIBLE_FOR]-(i:Institution)
WITH i.name AS unit, r.role AS role, m.area AS area
RETURN unit, count(*) AS measures,
       count(CASE role WHEN 'lead' THEN 1 END) AS lead,
       count(CASE role WHEN 'support' THEN 1 END) AS support,
       count(CASE role WHEN 'mentioned' THEN 1 END) AS mentioned,
       collect(DISTINCT area) AS areas
"""
COLUMNS = ["unit", "measures", *ROLES, "areas"]
HELP = {"area": "area name, as the document writes it"}
EXAMPLE = "policykg query area-units 创新人民调解制度机制"


def _finish(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["areas"] = sorted(r["areas"])
    return sorted(rows, key=lambda r: (-r["measures"], r["unit"]))


def _subtree(g: nx.DiGraph, tops: list[str]) -> set[str]:
    """The areas and every area below them (SUBAREA_OF points from child to parent)."""
    seen, stack = set(tops), list(tops)
    while stack:
        for child, d in g.pred[stack.pop()].items():
            if d["type"] == SUBAREA_OF and child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _duties_by_area(g: nx.DiGraph) -> dict[str, list[tuple[str, str, str]]]:
    """(unit, role, measure's area) of every duty on each area's own measures, read once per graph: a query
    then walks compact tuples instead of the graph's scattered node and edge dicts."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for a, _ in nodes_with_label(g, AREA):
        out[a] = [(g.nodes[inst]["name"], r["role"], g.nodes[m]["area"])
                  for m, d in g.succ[a].items() if d["type"] == HAS_MEASURE
                  for inst, r in g.pred[m].items() if r["type"] == RESPONSIBLE_FOR]
    return out


def run_nx(g: nx.DiGraph, area: str) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"measures": 0, **dict.fromkeys(ROLES, 0), "areas": set()})
    duties = derived(g, "area_units", _duties_by_area)
    for a in _subtree(g, area_nodes_nx(g, area)):
        for unit, role, measure_area in duties[a]:
            c = counts[unit]
            c["measures"] += 1
            c[role] += 1
            c["areas"].add(measure_area)
    return _finish([{"unit": unit, **c, "areas": list(c["areas"])} for unit, c in counts.items()])


def run_neo4j(session: Any, area: str) -> list[dict[str, Any]]:
    check_area_neo4j(session, area)
    return _finish(fetch(session, CYPHER, area=area))


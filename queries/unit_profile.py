"""unit_profile(unit, partners): one row describing a unit — documents, areas, counts by role, closest partners."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from policykg.queries.lookup import unit_name_neo4j, unit_node_nx
from policykg.queries.rows import document_label, fetch
from policykg.schema import ISSUED, RESPONSIBLE_FOR, ROLES

CYPHER = """
MATCH (i:Institution {name: $unit})
OPTIONAL MATCH (i)-[:ISSUED]->(issued:Document)
WITH i, collect(DISTINCT coalesce(issued.title, issued.source)) AS issued
OPTIONAL MATCH (i)-[r:RESPONSIBLE_FOR]->(m:Measure)
OPTIONAL MATCH (d:Document {id: m.document})
RETURN i.name AS unit, coalesce(i.aliases, []) AS aliases, i.kind AS kind, issued,
       collect(DISTINCT coalesce(d.title, d.source)) AS documents,
       collect(DISTINCT m.area) AS areas,
       count(r) AS measures,
       count(CASE r.role WHEN 'lead' THEN 1 END) AS lead,
       count(CASE r.role WHEN 'support' THEN 1 END) AS support,
       count(CASE r.role WHEN 'mentioned' THEN 1 END) AS mentioned
"""
PARTNERS_CYPHER = """
MATCH (i:Institution {name: $unit})-[:RESPONSIBLE_FOR]->(m:Measure)<-[:RESPONSIBLE_FOR]-(p:Institution)
RETURN p.name AS partner, count(DISTINCT m) AS shared
"""
COLUMNS = ["unit", "aliases", "kind", "issued", "documents", "areas", "measures", *ROLES, "partners"]
HELP = {"unit": "the unit (any alias or short form)", "partners": "closest partners to list"}
EXAMPLE = "policykg query unit-profile 市司法局 --partners 3"


def _finish(row: dict[str, Any], partners: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """Lists sorted; partners as "name (shared)", most shared first, ties by name."""
    ranked = sorted(partners, key=lambda p: (-p["shared"], p["partner"]))[:top]
    row.update(aliases=sorted(row["aliases"]), issued=sorted(row["issued"]), documents=sorted(row["documents"]),
               areas=sorted(row["areas"]),
               partners=[f"{p['partner']} ({p['shared']})" for p in ranked])
    return [row]


def run_nx(g: nx.DiGraph, unit: str, partners: int = 5) -> list[dict[str, Any]]:
    node = unit_node_nx(g, unit)
    props = g.nodes[node]
    roles: Counter[str] = Counter()
    documents, areas, shared = set(), set(), Counter()
    issued = {document_label(g.nodes[d]) for d, e in g.succ[node].items() if e["type"] == ISSUED}
    for m, e in g.succ[node].items():
        if e["type"] != RESPONSIBLE_FOR:
            continue
        roles[e["role"]] += 1
        documents.add(document_label(g.nodes[g.nodes[m]["document"]]))
        if "area" in g.nodes[m]:  # Cypher's collect() leaves out a missing area too
            areas.add(g.nodes[m]["area"])
        shared.update(g.nodes[p]["name"] for p, f in g.pred[m].items()
                      if f["type"] == RESPONSIBLE_FOR and p != node)
    row = {"unit": props["name"], "aliases": list(props.get("aliases", [])), "kind": props.get("kind"),
           "issued": list(issued), "documents": list(documents), "areas": list(areas),
           "measures": sum(roles.values()), **{role: roles[role] for role in ROLES}}
    return _finish(row, [{"partner": p, "shared": n} for p, n in shared.items()], partners)


def run_neo4j(session: Any, unit: str, partners: int = 5) -> list[dict[str, Any]]:
    name = unit_name_neo4j(session, unit)
    row = fetch(session, CYPHER, unit=name)[0]
    return _finish(row, fetch(session, PARTNERS_CYPHER, unit=name), partners)


"""unit_measures(unit, roles): a unit's measures grouped by document and area, lead, support and mention apart."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from policykg.queries.lookup import unit_name_neo4j, unit_node_nx
from policykg.queries.params import check_roles
from policykg.queries.rows import document_label, fetch, nulls_last
from policykg.schema import RESPONSIBLE_FOR, ROLE_RANK, ROLES

CYPHER = """
MATCH (i:Institution {name: $unit})-[r:RESPONSIBLE_FOR]->(m:Measure)
WHERE r.role IN $roles
MATCH (d:Document {id: m.document})
RETURN coalesce(d.title, d.source) AS document, m.area AS area, r.role AS role,
       count(m) AS count, collect(m.text) AS measures
"""
COLUMNS = ["document", "area", "role", "count", "measures"]
HELP = {"unit": "the unit (any alias or short form)",
        "roles": "roles to list, comma-separated (lead,support,mentioned)"}
EXAMPLE = "policykg query unit-measures 上海市司法局 --roles lead"


def _finish(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["measures"] = sorted(r["measures"])
    return sorted(rows, key=lambda r: (r["document"], nulls_last(r["area"]), ROLE_RANK[r["role"]]))


def run_nx(g: nx.DiGraph, unit: str, roles: tuple[str, ...] = ROLES) -> list[dict[str, Any]]:
    node, wanted = unit_node_nx(g, unit), set(check_roles(roles))
    groups: dict[tuple[str, str | None, str], list[str]] = defaultdict(list)
    for m, d in g.succ[node].items():
        if d["type"] == RESPONSIBLE_FOR and d["role"] in wanted:
            props = g.nodes[m]
            groups[document_label(g.nodes[props["document"]]), props.get("area"), d["role"]].append(props["text"])
    return _finish([{"document": doc, "area": area, "role": role, "count": len(texts), "measures": texts}
                    for (doc, area, role), texts in groups.items()])


def run_neo4j(session: Any, unit: str, roles: tuple[str, ...] = ROLES) -> list[dict[str, Any]]:
    return _finish(fetch(session, CYPHER, unit=unit_name_neo4j(session, unit), roles=list(check_roles(roles))))


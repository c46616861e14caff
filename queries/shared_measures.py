"""shared_measures(unit_a, unit_b): the measures both units take part in, each one's role, the area, the document."""

from __future__ import annotations

from typing import Any

import networkx as nx

from policykg.queries.lookup import two_units, unit_name_neo4j, unit_node_nx
from policykg.queries.rows import document_label, fetch, nulls_last
from policykg.schema import RESPONSIBLE_FOR

CYPHER = """
MATCH (a:Institution {name: $unit_a})-[ra:RESPONSIBLE_FOR]->(m:Measure)
      <-[rb:RESPONSIBLE_FOR]-(b:Institution {name: $unit_b})
MATCH (d:Document {id: m.document})
RETURN m.text AS measure, ra.role AS role_a, rb.role AS role_b, m.area AS area,
       coalesce(d.title, d.source) AS document
"""
COLUMNS = ["measure", "role_a", "role_b", "area", "document"]
HELP = {"unit_a": "first unit (any alias or short form)", "unit_b": "second unit"}
EXAMPLE = "policykg query shared-measures 商事调解组织 律师事务所"


def _order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["document"], nulls_last(r["area"]), r["measure"], r["role_a"], r["role_b"]))


def run_nx(g: nx.DiGraph, unit_a: str, unit_b: str) -> list[dict[str, Any]]:
    a, b = unit_node_nx(g, unit_a), unit_node_nx(g, unit_b)
    two_units(g.nodes[a]["name"], g.nodes[b]["name"])

    def roles(unit: str) -> dict[str, str]:
        return {m: d["role"] for m, d in g.succ[unit].items() if d["type"] == RESPONSIBLE_FOR}

    ra, rb = roles(a), roles(b)
    rows = []
    for m in ra.keys() & rb.keys():
        props = g.nodes[m]
        rows.append({"measure": props["text"], "role_a": ra[m], "role_b": rb[m], "area": props.get("area"),
                     "document": document_label(g.nodes[props["document"]])})
    return _order(rows)


def run_neo4j(session: Any, unit_a: str, unit_b: str) -> list[dict[str, Any]]:
    a, b = unit_name_neo4j(session, unit_a), unit_name_neo4j(session, unit_b)
    two_units(a, b)
    return _order(fetch(session, CYPHER, unit_a=a, unit_b=b))


"""Names the user types (units, areas, documents) resolved the same way on networkx and on Neo4j.

Both backends feed the same Python resolver (policykg.names) with the candidates
they hold, so 市司法局 finds 上海市司法局 on either, and an unknown name fails with the same one-line
message listing the closest known names.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policykg.errors import PolicykgError
from policykg.graph.units import unit_node
from policykg.names import resolve_area, resolve_document, resolve_unit_name, unknown
from policykg.queries.graph_index import areas_by_name, nodes_with_label
from policykg.queries.rows import fetch
from policykg.schema import DOCUMENT, INSTITUTION

# Exact canonical name or alias: every candidate the resolver needs to decide, read in one round trip.
UNIT_CANDIDATES = """
MATCH (i:Institution)
WHERE i.name = $name OR $name IN i.aliases
RETURN i.name AS name, coalesce(i.aliases, []) AS aliases
"""
ALL_UNITS = "MATCH (i:Institution) RETURN i.name AS name, coalesce(i.aliases, []) AS aliases"
AREA_EXISTS = "MATCH (a:Area {name: $name}) RETURN count(a) > 0 AS found"
AREA_NAMES = "MATCH (a:Area) RETURN DISTINCT a.name AS name"
DOCUMENT_NAMES = "MATCH (d:Document) RETURN d.id AS id, d.source AS source, d.title AS title"


# --- units ---------------------------------------------------------------------------------------

def unit_node_nx(g: nx.DiGraph, name: str) -> str:
    """Node id of the unit called ``name``: graph.units.unit_node over the label index (no full scan)."""
    return unit_node(nodes_with_label(g, INSTITUTION), name)


def unit_name_neo4j(session: Any, name: str) -> str:
    """Canonical name of the unit called ``name``; reads every unit only when it must list the closest ones."""
    candidates = {r["name"]: r["aliases"] for r in fetch(session, UNIT_CANDIDATES, name=name)}
    if not candidates:
        candidates = {r["name"]: r["aliases"] for r in fetch(session, ALL_UNITS)}
    return resolve_unit_name(name, candidates)


def two_units(a: str, b: str) -> None:
    if a == b:
        raise PolicykgError(f"both names designate the same unit {a!r}; give two different units")


# --- areas ---------------------------------------------------------------------------------------

def area_nodes_nx(g: nx.DiGraph, name: str) -> list[str]:
    """Every area called ``name`` (areas belong to documents, so one name may head several)."""
    return resolve_area(name, areas_by_name(g))


def check_area_neo4j(session: Any, name: str) -> None:
    if not fetch(session, AREA_EXISTS, name=name)[0]["found"]:
        raise unknown("area", name, [r["name"] for r in fetch(session, AREA_NAMES)])


# --- documents -----------------------------------------------------------------------------------

def document_id_nx(g: nx.DiGraph, name: str) -> str:
    # The node's key is its id: a graph read back from graph.json has no separate "id" attribute.
    return resolve_document(name, [{**d, "id": n} for n, d in nodes_with_label(g, DOCUMENT)])


def document_id_neo4j(session: Any, name: str) -> str:
    return resolve_document(name, fetch(session, DOCUMENT_NAMES))

"""unit_centrality(top, roles): which units sit at the centre of the co-responsibility network.

degree = partners, strength = shared measures summed over partners, betweenness = share of shortest
paths between other units passing through this one (unweighted, normalised).  Both backends build the
network from the rows of unit_pairs (whose parity is tested) and run the same networkx code on a graph
built in sorted order, so the floats agree; they are rounded to 6 decimals for exact comparison.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from policykg.queries import unit_pairs
from policykg.queries.rows import DECIMALS, top_n
from policykg.schema import ROLES

COLUMNS = ["unit", "degree", "strength", "betweenness"]
HELP = {"top": "units to show, 0 for all", "roles": "roles that count, comma-separated (lead,support,mentioned)"}
EXAMPLE = "policykg query unit-centrality --top 10 --roles lead,support"


def centrality(pairs: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    net = nx.Graph()
    for p in sorted(pairs, key=lambda p: (p["unit_a"], p["unit_b"])):
        net.add_edge(p["unit_a"], p["unit_b"], weight=p["shared"])
    between = nx.betweenness_centrality(net, normalized=True)
    rows = [{"unit": u, "degree": net.degree(u), "strength": net.degree(u, weight="weight"),
             "betweenness": round(between[u], DECIMALS)} for u in net]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], -r["strength"], r["unit"]))
    return top_n(rows, top)


def run_nx(g: nx.DiGraph, top: int | None = 20, roles: tuple[str, ...] = ROLES) -> list[dict[str, Any]]:
    return centrality(unit_pairs.run_nx(g, top=None, roles=roles), top)


def run_neo4j(session: Any, top: int | None = 20, roles: tuple[str, ...] = ROLES) -> list[dict[str, Any]]:
    return centrality(unit_pairs.run_neo4j(session, top=None, roles=roles), top)


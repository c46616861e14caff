"""The co-responsibility network: units joined by the measures they share.

Institutions and measures form a bipartite graph (RESPONSIBLE_FOR edges); projecting it onto the
institutions with networkx's ``bipartite.weighted_projected_graph`` gives one edge per pair of units
that share at least one measure, weighted by how many they share.  The HTML views and the queries
(unit_pairs, unit_centrality) all read this one projection.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from networkx.algorithms import bipartite

from policykg.schema import INSTITUTION, RESPONSIBLE_FOR, ROLES


def responsibility_bipartite(g: nx.DiGraph, roles: Iterable[str] = ROLES,
                             document: str | None = None) -> nx.Graph:
    """Institution–measure bipartite graph restricted to the given roles (and one document's measures)."""
    wanted = set(roles)
    b = nx.Graph()
    # Walk only the institutions' own edges: most edges of the graph are structure (HAS_MEASURE, HAS_AREA).
    for u, du in g.nodes(data=True):
        if du.get("label") != INSTITUTION:
            continue
        for _, v, d in g.out_edges(u, data=True):
            if d.get("type") != RESPONSIBLE_FOR or d.get("role") not in wanted:
                continue
            if document is not None and g.nodes[v].get("document") != document:
                continue
            b.add_node(u, bipartite=0)
            b.add_node(v, bipartite=1)
            b.add_edge(u, v, role=d["role"])
    return b


def coresponsibility_network(g: nx.DiGraph, roles: Iterable[str] = ROLES,
                             document: str | None = None) -> nx.Graph:
    """Units as nodes; an edge per unit pair with ``weight`` = shared measures and ``measures`` = their ids."""
    b = responsibility_bipartite(g, roles, document)
    if not b:  # no duties at all (a narrative text): networkx's projection refuses an empty graph
        return nx.Graph()
    units = [n for n, d in b.nodes(data=True) if d["bipartite"] == 0]
    projected = bipartite.weighted_projected_graph(b, units)
    # The projection walks sets of neighbours, so its edge order follows string hashing and changes from run to
    # run (PYTHONHASHSEED); the pages and exports list edges in graph order. Rebuild it in the units' order.
    rank = {n: i for i, n in enumerate(units)}
    p = nx.Graph()
    p.add_nodes_from((n, {"name": g.nodes[n]["name"]}) for n in units)
    for u, v in sorted((tuple(sorted(e, key=rank.__getitem__)) for e in projected.edges),
                       key=lambda e: (rank[e[0]], rank[e[1]])):
        p.add_edge(u, v, weight=projected[u][v]["weight"], measures=sorted(set(b[u]) & set(b[v])))
    return p

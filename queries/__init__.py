"""Named questions over the policy graph, each answered in Cypher on Neo4j and in Python on networkx.

Every module holds its Cypher (parameters only, module constants) and both implementations:
``run_nx(g, **kw)`` and ``run_neo4j(session, **kw)`` return the same rows (list of dicts, fully ordered),
``parse_args(list[str]) -> kw`` reads CLI arguments, ``COLUMNS`` names the columns.  QUERIES is the
registry the CLI (`policykg query NAME ...`) and the benchmark walk.
"""

from __future__ import annotations

from types import ModuleType

from queries import (
    area_units,
    measure_search,
    recurring_measures,
    shared_measures,
    unit_centrality,
    unit_measures,
    unit_pairs,
    unit_profile,
)

QUERIES: dict[str, ModuleType] = {m.__name__.rsplit(".", 1)[1]: m for m in (
    shared_measures, unit_pairs, unit_measures, area_units, unit_profile, measure_search, recurring_measures,
    unit_centrality,
)}

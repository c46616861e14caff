"""Named questions over the policy graph, each answered in Cypher on Neo4j and in Python on networkx.

Every module holds its Cypher (parameters only, module constants) and both implementations:
``run_nx(g, **kw)`` and ``run_neo4j(session, **kw)`` return the same rows (list of dicts, fully ordered),
``COLUMNS`` names the columns, ``HELP`` and ``EXAMPLE`` document the parameters.  QUERIES is the registry the
CLI (`policykg query unit-pairs ...`) and the benchmark walk; SPECS holds each query's declaration
(queries.params.spec_for), from which the CLI builds its subcommands.
"""

from __future__ import annotations

from types import ModuleType

from policykg.queries import (
    area_units,
    measure_search,
    recurring_measures,
    shared_measures,
    unit_centrality,
    unit_measures,
    unit_pairs,
    unit_profile,
)
from policykg.queries.params import QuerySpec, spec_for

QUERIES: dict[str, ModuleType] = {m.__name__.rsplit(".", 1)[1]: m for m in (
    shared_measures, unit_pairs, unit_measures, area_units, unit_profile, measure_search, recurring_measures,
    unit_centrality,
)}
SPECS: dict[str, QuerySpec] = {name: spec_for(module) for name, module in QUERIES.items()}

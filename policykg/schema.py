"""The graph's schema, named once: node labels, relationship types, roles, and the Neo4j constraints and
indexes that make loading idempotent and the named questions fast.

networkx, Neo4j, the exports and the pages all read these names from here, so a label is never a string
literal that one backend could spell differently.  Labels and types are fixed here, never taken from user
text; that is what lets the loader put them into Cypher while every value travels as a parameter.
"""

from __future__ import annotations

from typing import Literal

DOCUMENT, AREA, MEASURE, INSTITUTION = "Document", "Area", "Measure", "Institution"
LABELS = (DOCUMENT, AREA, MEASURE, INSTITUTION)

ISSUED, HAS_AREA, SUBAREA_OF, HAS_MEASURE, RESPONSIBLE_FOR = (
    "ISSUED", "HAS_AREA", "SUBAREA_OF", "HAS_MEASURE", "RESPONSIBLE_FOR")
REL_TYPES = (ISSUED, HAS_AREA, SUBAREA_OF, HAS_MEASURE, RESPONSIBLE_FOR)

Role = Literal["lead", "support", "mentioned"]
ROLES: tuple[Role, ...] = ("lead", "support", "mentioned")  # strongest first
# When the same unit is named twice for one measure, the strongest role (lowest rank) wins.
ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(ROLES)}

CONSTRAINTS = tuple(
    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in LABELS)
INDEXES = (
    f"CREATE INDEX document_source IF NOT EXISTS FOR (n:{DOCUMENT}) ON (n.source)",
    # area_units starts from an area name; without this index it scans every Area.
    f"CREATE INDEX area_name IF NOT EXISTS FOR (n:{AREA}) ON (n.name)",
    # recurring_measures counts measures per text_key and document from this index alone (no measure read).
    f"CREATE INDEX measure_key IF NOT EXISTS FOR (n:{MEASURE}) ON (n.text_key, n.document)",
    # Eventually consistent: a commit hands the measures' texts to a background updater instead of analysing
    # them itself (the 16x load 22.8 -> 21.1 s); the loader waits for the updater before it returns
    # (graph.neo4j.load.load_documents), so a search after a load sees every measure it wrote.
    f"CREATE FULLTEXT INDEX measure_text IF NOT EXISTS FOR (n:{MEASURE}) ON EACH [n.text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}}",
)

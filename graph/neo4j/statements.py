"""The loader's Cypher statements, apart from the Python that batches rows into them.

Labels and relationship types enter a statement only through str.format from policykg.schema (never from
user text); every value travels as a parameter.  Each statement works on whole UNWIND batches, so one round
trip carries many rows.
"""

from __future__ import annotations

from policykg.schema import CONSTRAINTS, INDEXES

# Labels and types come from policykg.schema, never from user text; values are parameters.
SCHEMA = [*CONSTRAINTS, *INDEXES]

# What the database holds of documents with these ids: their own nodes (document, areas, measures) and
# every relationship into them, which is all of the document's relationships (each ends at its own node).
STORED_DOCUMENTS = """
UNWIND $ids AS id
MATCH (d:Document {id: id})
WITH d, [d] + [(d)-[:HAS_AREA|HAS_MEASURE]->(x) | x] AS own
RETURN d.id AS id,
  [n IN own | properties(n)] AS nodes,
  COLLECT { UNWIND own AS n MATCH (n)<-[r]-(a) RETURN [a.id, type(r), n.id, properties(r)] } AS rels
"""

STORED_INSTITUTIONS = "MATCH (i:Institution) WHERE i.id IN $ids RETURN properties(i) AS props"

# Institutions attached to the documents about to be replaced: candidates for deletion once orphaned.
TOUCHED_INSTITUTIONS = """
MATCH (d:Document) WHERE d.id IN $ids OR (d.source IN $sources AND NOT d.id IN $loading)
CALL (d) {
  MATCH (i:Institution)-[:ISSUED]->(d) RETURN i.id AS inst
  UNION
  MATCH (d)-[:HAS_MEASURE]->(:Measure)<-[:RESPONSIBLE_FOR]-(i:Institution) RETURN i.id AS inst
}
RETURN collect(DISTINCT inst) AS touched
"""

# Every area and measure hangs off its document, so the subgraph is found by traversal, not by scan.
# $loading: the documents of this load call so far at these sources (load._Seen); another one read from the same
# path must not replace it (two files with one source, a scrape), since its own id decides what happens to it.
# The documents are streamed: one that comes later (a file moved away, loaded after the new file in its place)
# is not known yet, so it is deleted here and created again in its own transaction: the same graph at the end.
DELETE_DOCUMENTS = """
MATCH (d:Document) WHERE d.id IN $ids OR (d.source IN $sources AND NOT d.id IN $loading)
CALL (d) { MATCH (d)-[:HAS_AREA|HAS_MEASURE]->(x) DETACH DELETE x }
DETACH DELETE d
"""

DELETE_ORPHANS = """
MATCH (i:Institution) WHERE i.id IN $ids AND NOT i.id IN $keep AND NOT (i)--()
DELETE i
"""

# The same content by another path spelling, or a moved file: the document keeps its subgraph.
MOVE_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.source = row.source"

# A document's own nodes (document, areas, measures) and every relationship of a document are CREATEd: the
# documents being written were deleted first in the same transaction (DELETE_DOCUMENTS), every such node's id
# derives from its document's, and every relationship ends at one of them, so none of them can exist any more;
# rows are deduplicated before they are sent (batches.node_params, rel_params), as MERGE would have done.
# CREATE skips MERGE's lookup before each write.  Institutions are shared by documents: they are MERGEd.
CREATE_NODES = "UNWIND $rows AS row CREATE (n:{label} {{id: row.id}}) SET n += row.props"

# aliases: union, sorted like build_graph; kind: the first one seen wins.
MERGE_INSTITUTIONS = """
UNWIND $rows AS row
MERGE (n:Institution {id: row.id})
ON CREATE SET n += row.props
WITH n, row
SET n.aliases = COLLECT { UNWIND coalesce(n.aliases, []) + row.props.aliases AS a RETURN DISTINCT a ORDER BY a },
    n.kind = coalesce(n.kind, row.props.kind)
"""

# The full-text index is updated in the background (policykg.schema): a load ends once it holds what was written.
AWAIT_SEARCH_INDEX = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"

CREATE_RELS = """
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})
MATCH (b:{end} {{id: row.end}})
CREATE (a)-[r:{type}]->(b)
SET r += row.props
"""

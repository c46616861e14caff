"""The Neo4j wing: connection settings, sessions, the batched loader, user Cypher and the bundled server.

Nothing outside this folder needs Neo4j: the embedded networkx graph, the exports and the pages work
without it.  Inside, ``import neo4j`` is the driver (imports are absolute); this package is
``policykg.graph.neo4j``.
"""

"""Named questions over the policy graph, each answered in Cypher on Neo4j and in Python on networkx."""

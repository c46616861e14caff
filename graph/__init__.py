"""Policy model → graphs: the embedded networkx graph, the Neo4j loader and server, pyvis pages, exports."""

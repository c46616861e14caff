"""The pages wing: interactive HTML pages of the policy graph that analysts open offline or mail as one file.

Three pages: the whole graph (an overview at corpus scale, overview.py), the co-responsibility network (units
joined by the measures they share) and the neighbourhood of one unit (views.py).  styles.py says how things are
drawn, tooltips.py what a node says, elements.py turns graph nodes into vis-network rows, layout.py seeds
positions for large pages, render.py fills our template (templates/network.html) with the inlined vis-network
build, and write.py writes the files.  graph/ does no text processing: labels are truncations of names and
measure texts, tooltips the full text.
"""

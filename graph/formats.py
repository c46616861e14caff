"""The three graph files as text, element by element: node-link JSON, GraphML and GEXF.

Each format is a header, one string per node, one per edge and a footer, so a writer can put the nodes and
edges of each document down as it arrives (graph/stream.py) and never hold the graph.  The attributes are
fixed by the data model (graph/rows.py), so GraphML's <key> and GEXF's <attribute> declarations can open
the file before any node is known; an attribute missing from ``NODE_KEYS``/``EDGE_KEYS`` is a ValueError,
not a file a reader refuses later.

GraphML and GEXF follow what Gephi, igraph and R read (``gephi_node``): the node's kind in ``type``, a
caption in ``label``, the relationship in ``relation``, scalars only, no XML-illegal characters.  The
markup is that of networkx's writers, which read the files back (tests/graph/test_stream.py).
"""

from __future__ import annotations

import json
import time
from typing import Any
from xml.sax.saxutils import escape

from policykg.extract.readers.chars import clean_chars

# Every attribute a node or edge of the GraphML/GEXF files can carry, with its type (all others are strings).
NODE_KEYS = ("id", "type", "label", "source", "title", "date", "region", "name", "aliases", "kind", "document",
             "text", "text_key", "area", "span_start", "span_end", "deadline")
EDGE_KEYS = ("relation", "role")
_LONG = frozenset({"span_start", "span_end"})
# GEXF holds a node's id and label in the element itself.
_GEXF_NODE_KEYS = {k: i for i, k in enumerate(k for k in NODE_KEYS if k not in ("id", "label"))}
_ATTR = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _xml_value(value: Any) -> Any:
    """A value GraphML and GEXF can hold: lists (institution aliases) become '|'-joined strings, and text
    loses the characters XML 1.0 forbids (the reader strips them already; graphs from elsewhere may not)."""
    if isinstance(value, (list, tuple)):
        value = "|".join(map(str, value))
    return clean_chars(value) if isinstance(value, str) else value


def gephi_node(node_id: str, attrs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A node of the graph (``label`` = its kind) as GraphML/GEXF hold it: the kind in ``type`` and a caption
    in ``label`` (name, title or the first 30 characters of a measure).  GEXF reserves an edge's ``type`` and
    Gephi shows ``label``, hence the renaming."""
    props = {k: _xml_value(v) for k, v in attrs.items()}
    props["type"] = props.pop("label")
    props["label"] = props.get("name") or props.get("title") or props.get("text", _xml_value(node_id))[:30]
    return _xml_value(node_id), props


def gephi_edge(attrs: dict[str, Any]) -> dict[str, Any]:
    """An edge's attributes for GraphML/GEXF: the relationship type in ``relation`` (see gephi_node)."""
    props = {k: _xml_value(v) for k, v in attrs.items()}
    props["relation"] = props.pop("type")
    return props


def _attr(value: Any) -> str:
    return escape(str(value), _ATTR)


def _checked(attrs: dict[str, Any], keys: dict[str, int], what: str) -> list[tuple[int, Any]]:
    try:
        return [(keys[k], v) for k, v in attrs.items()]
    except KeyError as exc:
        raise ValueError(f"{what} attribute {exc.args[0]!r} is not declared in graph/formats.py") from None


class NodeLink:
    """graph.json: networkx's node-link data (``nx.node_link_data(g, edges="edges")``), which
    graph.export.read_node_link reads; node attributes as build_graph holds them."""

    suffix, nodes_end, footer = "json", '], "edges": [', "]}"
    header = '{"directed": true, "multigraph": false, "graph": {}, "nodes": ['
    separator = ", "

    def node(self, node_id: str, attrs: dict[str, Any]) -> str:
        return json.dumps({**attrs, "id": node_id}, ensure_ascii=False)

    def edge(self, u: str, v: str, attrs: dict[str, Any], _number: int) -> str:
        return json.dumps({**attrs, "source": u, "target": v}, ensure_ascii=False)


class GraphML:
    """graph.graphml, as nx.write_graphml writes it."""

    suffix, separator, nodes_end, footer = "graphml", "", "", "</graph></graphml>"
    _node_keys = {k: i for i, k in enumerate(NODE_KEYS)}
    _edge_keys = {k: len(NODE_KEYS) + i for i, k in enumerate(EDGE_KEYS)}

    @property
    def header(self) -> str:
        keys = [(i, "node", k) for k, i in self._node_keys.items()]
        keys += [(i, "edge", k) for k, i in self._edge_keys.items()]
        return ("<?xml version='1.0' encoding='utf-8'?>\n"
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
                + "".join(f'<key id="d{i}" for="{kind}" attr.name="{k}" '
                          f'attr.type="{"long" if k in _LONG else "string"}"/>\n' for i, kind, k in keys)
                + '<graph edgedefault="directed">')

    @staticmethod
    def _data(pairs: list[tuple[int, Any]]) -> str:
        return "".join(f'  <data key="d{i}">{escape(str(v), {chr(13): "&#13;"})}</data>\n' for i, v in pairs)

    def node(self, node_id: str, attrs: dict[str, Any]) -> str:
        node_id, props = gephi_node(node_id, attrs)
        return f"<node id={_quoted(node_id)}>\n{self._data(_checked(props, self._node_keys, 'node'))}</node>\n"

    def edge(self, u: str, v: str, attrs: dict[str, Any], _number: int) -> str:
        data = self._data(_checked(gephi_edge(attrs), self._edge_keys, "edge"))
        return f"<edge source={_quoted(_xml_value(u))} target={_quoted(_xml_value(v))}>\n{data}</edge>\n"


class Gexf:
    """graph.gexf, as nx.write_gexf writes it (GEXF 1.2: the node's id and label in the element itself)."""

    suffix, separator, footer = "gexf", "", "    </edges>\n  </graph>\n</gexf>\n"
    nodes_end = "    </nodes>\n    <edges>\n"
    _node_keys = _GEXF_NODE_KEYS
    _edge_keys = {k: len(_GEXF_NODE_KEYS) + i for i, k in enumerate(EDGE_KEYS)}

    @property
    def header(self) -> str:
        def declared(keys: dict[str, int], kind: str) -> str:
            return (f'    <attributes mode="static" class="{kind}">\n'
                    + "".join(f'      <attribute id="{i}" title="{k}" type="{"long" if k in _LONG else "string"}" />\n'
                              for k, i in keys.items()) + "    </attributes>\n")

        return ("<?xml version='1.0' encoding='utf-8'?>\n"
                '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                'version="1.2">\n'
                f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n    <creator>policykg</creator>\n  </meta>\n'
                '  <graph defaultedgetype="directed" mode="static" name="">\n'
                + declared(self._edge_keys, "edge") + declared(self._node_keys, "node") + "    <nodes>\n")

    @staticmethod
    def _values(pairs: list[tuple[int, Any]]) -> str:
        values = "".join(f'          <attvalue for="{i}" value={_quoted(v)} />\n' for i, v in pairs)
        return f"        <attvalues>\n{values}        </attvalues>\n"

    def node(self, node_id: str, attrs: dict[str, Any]) -> str:
        node_id, props = gephi_node(node_id, attrs)
        label = props.pop("label")
        props.pop("id", None)  # the element's id
        values = self._values(_checked(props, self._node_keys, "node"))
        return f"      <node id={_quoted(node_id)} label={_quoted(label)}>\n{values}      </node>\n"

    def edge(self, u: str, v: str, attrs: dict[str, Any], number: int) -> str:
        values = self._values(_checked(gephi_edge(attrs), self._edge_keys, "edge"))
        return (f"      <edge source={_quoted(_xml_value(u))} target={_quoted(_xml_value(v))} id=\"{number}\">\n"
                f"{values}      </edge>\n")


def _quoted(value: Any) -> str:
    return f'"{_attr(value)}"'


FORMATS = (NodeLink, GraphML, Gexf)

"""The three graph files as text, element by element: node-link JSON, GraphML and GEXF.

Each format is a header, one string per node, one per edge and a footer, so a writer can put the nodes and
edges of each document down as it arrives (graph/stream.py) and never hold the graph.  The attributes are
fixed by the data model (graph/rows.py), so GraphML's <key> and GEXF's <attribute> declarations can open
the file before any node is known; an attribute missing from ``NODE_KEYS``/``EDGE_KEYS`` is a ValueError,
not a file a reader refuses later.

GraphML and GEXF follow what Gephi, igraph and R read (``Element.xml``): the node's kind in ``type``, a
caption in ``label``, the relationship in ``relation``, scalars only, no XML-illegal characters.  The
markup is that of networkx's writers, which read the files back (tests/graph/test_stream.py).
"""

from __future__ import annotations

import json
import re
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
_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
# What a value needs done before it can sit in an XML attribute or element: most need nothing (one scan).
_NEEDS_WORK = re.compile('[&<>"\n\r\t\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]')


def _clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (the reader strips them already; graphs from elsewhere
    may not)."""
    return clean_chars(text) if _NEEDS_WORK.search(text) else text


def _scalar(value: Any) -> str:
    """A value as the text GraphML and GEXF hold: lists (institution aliases) become '|'-joined strings."""
    if isinstance(value, str):
        return value
    return "|".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def _xml_texts(texts: dict[str, str]) -> dict[str, str]:
    """Texts escaped for an XML attribute or element alike, without the characters XML forbids.  Most
    elements need nothing done: one scan of all their texts at once tells."""
    if not _NEEDS_WORK.search("".join(texts.values())):
        return texts
    return {k: escape(clean_chars(v), _ESCAPES) for k, v in texts.items()}


_EDGE_NAMES = {"type": "relation"}
_NODE_NAMES = {"label": "type"}


class Element:
    """A node (``end`` None) or an edge with its graph attributes (``label`` = a node's kind, ``type`` = an
    edge's relationship), and its GraphML/GEXF form ``xml``, made once for both formats: (escaped id or
    source, escaped target, escaped attributes as Gephi, igraph and R read them).

    The node's kind goes into an ordinary ``type`` attribute and ``label`` becomes the caption Gephi shows
    (name, title or the first 30 characters of a measure).  The relationship goes into ``relation``, because
    GEXF reserves an edge's ``type`` for directed/undirected and Gephi could not filter HAS_MEASURE from
    RESPONSIBLE_FOR by it; ``role`` stays as it is.
    """

    __slots__ = ("start", "attrs", "end", "number", "xml")

    def __init__(self, start: str, attrs: dict[str, Any], end: str | None = None, number: int = 0) -> None:
        self.start, self.attrs, self.end, self.number = start, attrs, end, number  # number: GEXF's edge id
        names = _NODE_NAMES if end is None else _EDGE_NAMES
        texts = {names.get(k, k): _scalar(v) for k, v in attrs.items()}
        if end is None:
            caption = _clean(texts.get("name") or texts.get("title") or "") or _clean(texts.get("text", start))[:30]
            texts["label"] = caption
        texts[" start"], texts[" end"] = start, end or ""
        xml = _xml_texts(texts)
        self.xml = xml.pop(" start"), xml.pop(" end"), xml


def _joined(props: dict[str, str], opening: dict[str, str], closing: str, what: str, skip: tuple[str, ...] = ()) -> str:
    """Each attribute as its declared opening, value and ``closing``; an undeclared one is a ValueError."""
    try:
        return "".join(opening[k] + v + closing for k, v in props.items() if k not in skip)
    except KeyError as exc:
        raise ValueError(f"{what} attribute {exc.args[0]!r} is not declared in graph/formats.py") from None


_END_DATA = "</data>\n"
_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False) without its set-up


def _type(key: str) -> str:
    return "long" if key in _LONG else "string"


class NodeLink:
    """graph.json: networkx's node-link data (``nx.node_link_data(g, edges="edges")``), which
    graph.export.read_node_link reads; node attributes as build_graph holds them."""

    suffix, nodes_end, footer = "json", '], "edges": [', "]}"
    header = '{"directed": true, "multigraph": false, "graph": {}, "nodes": ['
    separator = ", "

    def node(self, e: Element) -> str:
        return _JSON({**e.attrs, "id": e.start})

    def edge(self, e: Element) -> str:
        return _JSON({**e.attrs, "source": e.start, "target": e.end})


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
                + "".join(f'<key id="d{i}" for="{kind}" attr.name="{k}" attr.type="{_type(k)}"/>\n'
                          for i, kind, k in keys)
                + '<graph edgedefault="directed">')

    _node_data = {k: f'  <data key="d{i}">' for k, i in _node_keys.items()}
    _edge_data = {k: f'  <data key="d{i}">' for k, i in _edge_keys.items()}

    def node(self, e: Element) -> str:
        node_id, _, props = e.xml
        return f'<node id="{node_id}">\n{_joined(props, self._node_data, _END_DATA, "node")}</node>\n'

    def edge(self, e: Element) -> str:
        u, v, props = e.xml
        return f'<edge source="{u}" target="{v}">\n{_joined(props, self._edge_data, _END_DATA, "edge")}</edge>\n'


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
                    + "".join(f'      <attribute id="{i}" title="{k}" type="{_type(k)}" />\n' for k, i in keys.items())
                    + "    </attributes>\n")

        return ("<?xml version='1.0' encoding='utf-8'?>\n"
                '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                'version="1.2">\n'
                f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n    <creator>policykg</creator>\n  </meta>\n'
                '  <graph defaultedgetype="directed" mode="static" name="">\n'
                + declared(self._edge_keys, "edge") + declared(self._node_keys, "node") + "    <nodes>\n")

    _node_values = {k: f'          <attvalue for="{i}" value="' for k, i in _node_keys.items()}
    _edge_values = {k: f'          <attvalue for="{i}" value="' for k, i in _edge_keys.items()}

    def node(self, e: Element) -> str:
        node_id, _, props = e.xml
        values = _joined(props, self._node_values, '" />\n', "node", skip=("id", "label"))  # the element's own
        return (f'      <node id="{node_id}" label="{props["label"]}">\n'
                f"        <attvalues>\n{values}        </attvalues>\n      </node>\n")

    def edge(self, e: Element) -> str:
        u, v, props = e.xml
        values = _joined(props, self._edge_values, '" />\n', "edge")
        return (f'      <edge source="{u}" target="{v}" id="{e.number}">\n'
                f"        <attvalues>\n{values}        </attvalues>\n      </edge>\n")


FORMATS = (NodeLink, GraphML, Gexf)
# The files for Gephi, R and igraph, which a build may leave out (graph.json is what policykg itself reads).
EXPORTS = {f.suffix: f for f in (GraphML, Gexf)}

"""How the pages draw things: a shape and colour per node label, a line per duty role, a colour per unit kind.

One table each, so the legend (which doubles as the filter menu) and the drawn rows cannot disagree.  The
labels and roles are policykg.schema's; the legend texts are Chinese because the pages are for Chinese readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from policykg.schema import AREA, DOCUMENT, INSTITUTION, MEASURE, ROLES

CJK_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'


@dataclass(frozen=True)
class NodeStyle:
    name: str  # legend text
    shape: str  # vis-network shape with the label outside, so size follows degree
    color: str
    glyph: str  # the legend's symbol for the shape


@dataclass(frozen=True)
class EdgeStyle:
    name: str
    color: str
    width: float
    dashes: bool | list[int]


NODE_STYLES: dict[str, NodeStyle] = {
    DOCUMENT: NodeStyle("文件", "star", "#e15759", "★"),
    AREA: NodeStyle("领域", "square", "#f28e2b", "■"),
    MEASURE: NodeStyle("任务", "dot", "#4e79a7", "●"),
    INSTITUTION: NodeStyle("单位", "diamond", "#59a14f", "◆"),
}
# In ROLES order (lead, support, mentioned): lead solid, support dashed, mentioned dotted and thin.
ROLE_STYLES: dict[str, EdgeStyle] = dict(zip(ROLES, (
    EdgeStyle("牵头", "#1f3a5f", 2.6, False),
    EdgeStyle("配合", "#1f3a5f", 1.6, [8, 5]),
    EdgeStyle("提及", "#8a8a8a", 0.8, [2, 4]),
), strict=True))
ROLE_NAMES = {role: style.name for role, style in ROLE_STYLES.items()}
# The overview draws duties solid: canvas dashes cost per dash in graph units, and a unit's edges there cross the
# whole layout (one redraw of 4,000 dashed edges at 16× the reports took 6 s).  Support is told by a lighter colour.
OVERVIEW_ROLE_STYLES: dict[str, EdgeStyle] = dict(zip(ROLES, (
    EdgeStyle("牵头", "#1f3a5f", 2.6, False),
    EdgeStyle("配合", "#7096c4", 1.6, False),
    EdgeStyle("提及", "#a8a8a8", 0.8, False),
), strict=True))
STRUCTURE_STYLE = EdgeStyle("结构(文件·领域·任务)", "#cccccc", 0.7, False)
SHARED_STYLE = EdgeStyle("共同任务(线宽=项数)", "#7f7f7f", 3.0, False)
LABEL_LIMITS = {DOCUMENT: 18, AREA: 14, MEASURE: 14, INSTITUTION: 20}

# Institution kinds (schema: "party, government, judicial, service, social"; the extractor adds enterprise)
# colour the co-responsibility page;
# each documented kind keeps its colour on every page, other kinds take the spare colours in name order.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "party": ("党委机关", "#e15759"), "government": ("政府部门", "#4e79a7"), "judicial": ("司法机关", "#b07aa1"),
    "service": ("服务机构", "#59a14f"), "social": ("社会组织", "#f28e2b"), "enterprise": ("企业", "#76b7b2"),
}
SPARE_COLORS = ["#edc948", "#9c755f", "#ff9da7", "#86bcb6"]
UNKNOWN_KIND = "未分类"
UNKNOWN_COLOR = "#bab0ac"


def short(text: str, limit: int) -> str:
    """A node's label: the text cut to ``limit`` characters, an ellipsis marking the cut.

    >>> short("上海市司法局", 20)
    '上海市司法局'
    >>> short("建设完备的公共法律服务体系", 6)
    '建设完备的…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def size(degree: int) -> float:
    """A node's drawn size: growing with the square root of its degree, capped so hubs stay readable.

    >>> size(0), size(4), size(1000)
    (7.0, 14.0, 48)
    """
    return round(min(7 + 3.5 * math.sqrt(degree), 48), 1)


def kind_styles(kinds: set[str | None]) -> dict[str, tuple[str, str]]:
    """kind key → (legend name, colour): documented kinds first, other kinds after, missing kind last.

    >>> styles = kind_styles({"judicial", "party", "协会", None})
    >>> list(styles)
    ['party', 'judicial', '协会', '未分类']
    >>> styles["协会"]
    ('协会', '#edc948')
    """
    styles = {k: v for k, v in KIND_STYLES.items() if k in kinds}
    others = sorted(k for k in kinds if k and k not in KIND_STYLES)
    styles.update({k: (k, SPARE_COLORS[i % len(SPARE_COLORS)]) for i, k in enumerate(others)})
    if None in kinds:
        styles[UNKNOWN_KIND] = (UNKNOWN_KIND, UNKNOWN_COLOR)
    return styles

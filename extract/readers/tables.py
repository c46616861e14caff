"""Task-division tables (任务分工表) of any container, as the numbered lines and notes the outline stage reads.

A reader (DOCX, XLSX, HTML) hands over a table as a grid: one list of cell texts per row, a merged cell's
value repeated over every position it spans.  Each column's role comes from its header words
(extract/data/table_headers.tsv, falling back to the note labels of duty_labels.tsv), and every data row
becomes text in the form prose documents use, so that tables and prose go through the same recognizers:

    一、知识产权保护方面                              category row or area column → heading
    （一）加强知识产权保护                            sub-area column → heading one level down
    1.整合分散的审判资源……（牵头单位：A；配合单位：B；完成时限：2019年底）

No header word or column label reaches a measure's text, category counts such as （共5项） are dropped, and
rows above the header (a title row) stay lines of their own.  A table without a recognisable header is
read as row text, and when it names units or tasks anyway the caller gets a warning: it may be a task table
of a layout we do not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from policykg.extract.lexicon import duty_labels, header_roles

Grid = list[list[str]]

# Label each rendered note uses for a role whose header is not itself a note label (指导部门 → 牵头单位).
_NOTE_LABELS = {"lead": "牵头单位", "support": "配合单位", "deadline": "完成时限"}
_MAX_HEADER_CHARS = 16
_MAX_CATEGORY_CHARS = 50  # a longer line across a table is a note or a sentence, not a category
_MAX_HEADER_ROWS = 3  # a header spans at most this many rows (责任单位 over 牵头单位 | 配合单位)
_HEADER_SEARCH_ROWS = 6  # the header starts within the first rows (a title row or two above it)
_SENTENCE_END = ("。", "；", ";", "！", "？", "!", "?", "：", ":")
_SPACES = re.compile(r"\s+")
# A unit cell stating the roles itself (省发展改革委牵头，省财政厅配合): rendered as written, without a label.
_ROLE_WORDS = re.compile(r"牵头|配合|参与|会同|按职责分工|负责")
_COUNT = re.compile(r"\s*[(（]\s*(?:共|计)?\s*[\d一二三四五六七八九十]+\s*(?:项|条|个)[^()（）]{0,6}[)）]\s*$")
_OWN_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}(?:[.．、](?!\d)|\s))\s*"
)
_HEADING_STYLES = (
    lambda n: chinese_numeral(n) + "、",
    lambda n: "（" + chinese_numeral(n) + "）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)


def column_role(header: str) -> str | None:
    """The role a header cell gives its column, or None when it is no header word.

    >>> column_role("工作 任务"), column_role("重点工作任务"), column_role("主办单位"), column_role("一、改革（共5项）")
    ('measure', 'measure', 'lead', None)
    """
    name = _SPACES.sub("", header).strip(":：")
    if not name or len(name) > _MAX_HEADER_CHARS or _OWN_NUMBER.match(name) or _COUNT.search(name):
        return None  # 一、知识产权保护方面（共5项） is a category row, not a header
    roles = header_roles()
    if name in roles:
        return roles[name]
    if name in duty_labels():
        return duty_labels()[name]
    contained = [w for w in roles if w in name] + [w for w in duty_labels() if name.startswith(w)]
    if not contained:
        return None
    word = max(contained, key=len)
    return roles.get(word) or duty_labels()[word]


def is_header_row(cells: list[str]) -> bool:
    """A header row: at least two distinct header words, and no cell longer than a header."""
    distinct = [c for c in dict.fromkeys(_SPACES.sub("", c) for c in cells) if c]
    known = [c for c in distinct if column_role(c)]
    return len(known) >= 2 and all(len(c) <= _MAX_HEADER_CHARS for c in distinct)


@dataclass
class _Layout:
    header_rows: range
    roles: list[str | None]
    labels: list[str]
    area_columns: list[int] = field(default_factory=list)  # outermost first
    measure: int | None = None


def _layout(grid: Grid) -> _Layout | None:
    """Where the header is and what each column holds; None for a table that is no task table."""
    first = next((i for i, row in enumerate(grid[:_HEADER_SEARCH_ROWS]) if is_header_row(row)), None)
    if first is None:
        return None
    last = first
    while last + 1 < min(len(grid), first + _MAX_HEADER_ROWS) and _continues_header(grid[last + 1], grid[last]):
        last += 1
    width = max(len(row) for row in grid)
    roles: list[str | None] = [None] * width
    labels = [""] * width
    for i in range(first, last + 1):  # a lower header row refines the one above (责任单位 → 牵头单位)
        for col, cell in enumerate(grid[i]):
            role = column_role(cell)
            if role:
                roles[col], labels[col] = role, _SPACES.sub("", cell)
    layout = _Layout(range(first, last + 1), roles, labels)
    layout.area_columns = [c for c in range(width) if roles[c] == "area"] + \
                          [c for c in range(width) if roles[c] == "subarea"]
    # the task column; a content column (主要内容) only when the table has none
    measures = [c for c in range(width) if roles[c] == "measure"] or [c for c in range(width) if roles[c] == "content"]
    if measures:
        layout.measure = measures[0]
    elif layout.area_columns:  # 重点任务 | 牵头单位: the innermost category is the task
        layout.measure = layout.area_columns.pop()
    has_units = any(r in ("lead", "support") for r in roles)
    return layout if layout.measure is not None and has_units else None


def _continues_header(row: list[str], above: list[str]) -> bool:
    """A further header row: short cells only, each a header word or the merged value of the row above."""
    cells = [_SPACES.sub("", c) for c in row]
    if len(set(cells)) < 2 or not any(column_role(c) for c in cells if c):
        return False
    return all(not c or len(c) <= _MAX_HEADER_CHARS and (column_role(c) or c == _SPACES.sub("", a))
               for c, a in zip(cells, above + [""] * len(cells), strict=False))


def looks_like_task_table(grid: Grid) -> bool:
    """Cells name duties or header words although no header row was found: worth a warning."""
    return any(column_role(c) in ("lead", "support") for row in grid[:_HEADER_SEARCH_ROWS] for c in row)


def table_lines(grid: Grid) -> tuple[list[str], bool]:
    """(lines, whether the table was read as a task table) for one table grid."""
    grid = [row for row in grid if any(c.strip() for c in row)]
    if not grid:
        return [], False
    layout = _layout(grid)
    if layout is None:
        return [line for row in grid if (line := _row_text(row))], False
    return list(_task_lines(grid, layout)), True


def _row_text(row: list[str]) -> str:
    return "；".join(c for c in dict.fromkeys(c.strip() for c in row) if c)


def _task_lines(grid: Grid, layout: _Layout) -> Iterator[str]:
    width = len(layout.roles)
    rows = [row + [""] * (width - len(row)) for row in grid]
    category_rows = [i for i, row in enumerate(rows) if i > layout.header_rows[-1] and _is_category_row(row, layout)]
    levels = (1 if category_rows else 0) + len(layout.area_columns)
    counters = [0] * (levels + 1)
    current: list[str | None] = [None] * levels
    header = {tuple(_SPACES.sub("", c) for c in rows[i]) for i in layout.header_rows}
    for i, row in enumerate(rows):
        if i in layout.header_rows or tuple(_SPACES.sub("", c) for c in row) in header:
            continue  # the header, or the header repeated on a later page
        if i < layout.header_rows[0]:  # a title row above the header
            if text := _row_text(row):
                yield text
            continue
        if i in category_rows:
            value = next(c for c in row if c.strip()).strip()
            if _is_note_row(value):  # 注：… / a sentence across the table: a line of text, not a category
                yield value
            else:
                yield from _heading(0, _area_name(value), current, counters)
            continue
        offset = 1 if category_rows else 0
        for k, col in enumerate(layout.area_columns):
            name = _area_name(row[col])
            if name and name != current[offset + k]:
                yield from _heading(offset + k, name, current, counters)
        line = _measure_line(row, layout, counters, levels)
        if line:
            yield line


def _is_category_row(row: list[str], layout: _Layout) -> bool:
    """A row that is one merged cell across the table (一、知识产权保护方面（共5项）), or one lone value outside
    the task and category columns."""
    filled = [(col, c.strip()) for col, c in enumerate(row) if c.strip()]
    values = {v for _, v in filled}
    if len(values) != 1 or next(iter(values)).isdigit():
        return False
    col = filled[0][0]
    return len(filled) > 1 or (col != layout.measure and col not in layout.area_columns)


def _is_note_row(value: str) -> bool:
    return (value.startswith(("注", "备注", "说明")) or value.endswith("。")
            or len(_area_name(value)) > _MAX_CATEGORY_CHARS)


def _area_name(cell: str) -> str:
    return _COUNT.sub("", _OWN_NUMBER.sub("", cell.strip(), count=1)).strip().rstrip("。；;:：")


def _heading(level: int, name: str, current: list[str | None], counters: list[int]) -> Iterator[str]:
    """A heading line of ``level`` in the numbering style the outline stage reads as that level."""
    if not name:
        return
    counters[level] += 1
    for deeper in range(level + 1, len(counters)):
        counters[deeper] = 0
    current[level] = name
    for deeper in range(level + 1, len(current)):
        current[deeper] = None
    yield _HEADING_STYLES[level](counters[level]) + name


def _measure_line(row: list[str], layout: _Layout, counters: list[int], level: int) -> str:
    """1.任务（牵头单位：A；配合单位：B；完成时限：C）, the number from the 序号 column when it has one."""
    text = _OWN_NUMBER.sub("", row[layout.measure].strip(), count=1).rstrip("。；;，, ")
    if not text:
        return ""
    counters[level] += 1
    seq = next((row[c].strip().rstrip(".、．") for c, r in enumerate(layout.roles) if r == "seq"), "")
    number = int(seq) if seq.isdigit() and len(seq) <= 3 else counters[level]
    notes: dict[str, tuple[str, list[str]]] = {}
    own: list[str] = []  # cells that state roles themselves (A牵头，B配合): a note of their own, unlabelled
    for col, role in enumerate(layout.roles):
        value = row[col].strip()
        if role in ("lead", "support") and _ROLE_WORDS.search(value):
            own.append(value)
        elif role in _NOTE_LABELS and value:
            written = layout.labels[col]
            label = written if written in duty_labels() else _NOTE_LABELS[role]
            _, values = notes.setdefault(role, (label, []))
            if value not in values:
                values.append(value)
    # A measure is numbered below every heading level, and never in a heading style (1. at the least).
    line = _HEADING_STYLES[min(max(level, 2), len(_HEADING_STYLES) - 1)](number) + text
    segments = own + [f"{label}：{'、'.join(values)}" for role in _NOTE_LABELS
                      if role in notes for label, values in [notes[role]]]
    return line + ("（" + "；".join(segments) + "）" if segments else "")


def join_cell_paragraphs(parts: list[str]) -> str:
    """One cell's paragraphs on one line: short ones (unit names) as a 、 list, longer ones as clauses.

    >>> join_cell_paragraphs(["市发展改革委", "", "市财政局"])
    '市发展改革委、市财政局'
    """
    out = ""
    for part in filter(None, parts):
        if out and not out.endswith(_SENTENCE_END + ("、", "，", ",")):
            out += "、" if len(part) <= 20 and len(out) <= 20 else "；"
        out += part
    return out


def chinese_numeral(n: int) -> str:
    """一 … 九十九 for 1 … 99 (the numbering of headings), digits beyond.

    >>> [chinese_numeral(n) for n in (3, 10, 14, 20, 99, 100)]
    ['三', '十', '十四', '二十', '九十九', '100']
    """
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)

"""Find a template's table in a document and read its cells: the reading half of table_relation.

A template names its rows and columns by label. A table of the document (Word, web page,
Markdown) is the template's table when its rows carry the template's row labels in order; the
labels are compared tolerantly (tables.normalise_label). A row's figures are its last N cells,
N the template's columns, after the empty cells a web copy pads rows with; the header cells
above the first row must name those columns (or, where merges were lost or a conversion cut
the header into pieces, name them in a way that cannot fit other columns). Where
the document has no such table, the rows of figures are read from the plain text under the same
labels (a PDF copy). What cannot be read without guessing is returned as such, never as 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..document.document import Document
from ..document.tables import Cell, Table, normalise_label, read_text_rows
from ..record import record

# \uff0f is the full-width solidus
BLANKS = frozenset({"", "/", "\uff0f", "-", "－", "—", "——", "无", "空"})
_INT = re.compile(r"^\d{1,3}(?:[,，]\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


@record(frozen=True, slots=True)
class Reading:
    """The outcome of looking for one table: its cells by (row id, column id), or why not."""

    cells: dict[tuple[str, str], Cell] | None = None
    # why the table cannot be read, with the span to point at (None when it was not found)
    problem: str | None = None
    start: int = 0
    end: int = 0


def cell_value(text: str) -> int | float | None:
    """The number a cell states; None for a blank, a dash or anything that is not a figure."""
    value = text.strip()
    if value.isdigit() and value.isascii():
        return int(value)
    if _INT.match(value):
        return int(re.sub(r"[,，]", "", value))
    if _DECIMAL.match(value):
        return float(value)
    return None


def _is_value(cell: Cell | None) -> bool:
    text = "" if cell is None else cell.text.strip()
    return text in BLANKS or cell_value(text) is not None


def _split_row(row: Sequence[Cell | None]) -> tuple[Cell | None, int]:
    """The row's label (its last cell that is not a figure or blank) and where its values start."""
    for k in range(len(row) - 1, -1, -1):
        if not _is_value(row[k]):
            return row[k], k + 1
    return None, 0


def _value_end(row: Sequence[Cell | None], first: int, width: int) -> int:
    """Where the row's figures end: trailing empty cells beyond `width` are padding (a web copy
    fills every row to the widest row: `| 3 | … | 3 | ||`), never a figure column."""
    end = len(row)
    while end - first > width and (row[end - 1] is None or not row[end - 1].text.strip()):  # type: ignore[union-attr]
        end -= 1
    return end


def _figure_count(row: Sequence[Cell | None]) -> int:
    return sum(1 for c in row if c is not None and cell_value(c.text) is not None)


def _label_matches(found: str, wanted: str) -> bool:
    a, b = normalise_label(found), normalise_label(wanted)
    # a trailing remark such as （区分处理的，只计这一情形…） may follow the template's label
    return a == b or a.startswith(b)


def _match_rows(
    table: Table, labels: Sequence[tuple[str, ...] | None], width: int
) -> tuple[list[tuple[int, int]] | None, str | None]:
    """Grid row index and end of figures of each template row (in order), or (None, why not);
    (None, None) when the table does not start with the template's first row at all."""
    out: list[tuple[int, int]] = []
    r = 0
    for k, label in enumerate(labels):
        hit = None
        after = r  # where the search for this row starts
        while r < table.n_rows:
            row = table.grid[r]
            r += 1
            cell, first = _split_row(row)
            if label is None:
                values = row[first:]
                if cell is None and any(cell_value(c.text) is not None for c in values if c):
                    hit = r - 1
                    break
                continue
            if cell is not None and any(_label_matches(cell.text, x) for x in label):
                hit = r - 1
                break
        if hit is None:
            if not k:
                return None, None
            shown = label[0] if label else "数据"
            if _later_row_found(table, after, labels[k + 1 :]):
                return None, f"缺少“{shown}”一行（或各行顺序与格式不同）"
            # The table stops (or goes on unlabelled) where this row should be: the row is
            # more likely cut off by a page break or its label wrapped away from its figures
            # than missing, so nothing is claimed about it.
            return None, f"在“{shown}”一行处断开或缺少行标签，无法可靠读取"
        row = table.grid[hit]
        first = _split_row(row)[1]
        end = _value_end(row, first, width)
        cells = end - first
        if cells != width:
            shown = f"“{label[0]}”一行" if label else "数据行"
            figures = _figure_count(row[first:end])
            counted = f"{cells}格" + (f"（其中{figures}格为数字）" if figures != cells else "")
            return None, f"{shown}有{counted}，格式为{width}栏（表格可能被拆分或错位）"
        out.append((hit, end))
    return out, None


def _later_row_found(table: Table, start: int, labels: Sequence[tuple[str, ...] | None]) -> bool:
    """Whether a later template row's label is in the table from `start`, with no unlabelled
    row of figures before it (which may be the wanted row with its label lost)."""
    wanted = [x for label in labels if label for x in label]
    for r in range(start, table.n_rows):
        cell = _split_row(table.grid[r])[0]
        if cell is None:
            if any(c is not None and cell_value(c.text) is not None for c in table.grid[r]):
                return False
            continue
        if any(_label_matches(cell.text, x) for x in wanted):
            return True
    return False


def _columns_match(table: Table, first_row: int, end: int, labels: Sequence[str]) -> bool:
    """Header cells above the first row name the template's columns (when there is a header)."""
    if first_row == 0:
        return True
    offset = end - len(labels)
    named = True
    for j, label in enumerate(labels):
        seen: list[str] = []
        for r in range(first_row):
            cell = table.grid[r][offset + j]
            if cell is not None and cell.text not in seen:
                seen.append(cell.text)
        if normalise_label(label) not in normalise_label("".join(seen)):
            named = False
            break
    return (
        named
        # a web copy's header rows lose the cells their label column spanned, so they are
        # read whole
        or _header_rows_name_columns(table, first_row, labels)
        or _header_fragments_match(table, first_row, offset, labels)
    )


def _header_cells(table: Table, first_row: int, offset: int) -> list[list[str]]:
    """The header's cells from the figure columns on, row by row, each merged cell once."""
    rows: list[list[str]] = []
    seen: set[int] = set()
    for r in range(first_row):
        row: list[str] = []
        for cell in table.grid[r][offset:]:
            if cell is None or id(cell) in seen or not cell.text.strip():
                continue
            seen.add(id(cell))
            row.append(normalise_label(cell.text))
        rows.append(row)
    return rows


def _in_order(
    pieces: Sequence[str], wanted: Sequence[str], fits: Callable[[str, str], bool]
) -> bool:
    """Each piece fits a label of `wanted`, the labels in their order (some may be skipped)."""
    k = 0
    for piece in pieces:
        while k < len(wanted) and not fits(piece, wanted[k]):
            k += 1
        if k == len(wanted):
            return False
        k += 1
    return True


def _header_rows_name_columns(table: Table, first_row: int, labels: Sequence[str]) -> bool:
    """A two-level header whose merged cells were lost (a web copy): 自然人 | 法人或其他组织 | 总计
    over 商业企业 | 科研机构 | …: every column label is a header cell, exactly once, and each
    header row names its columns in the template's order."""
    wanted = [normalise_label(x) for x in labels]
    named = [[c for c in row if c in wanted] for row in _header_cells(table, first_row, 0)]
    if sorted(c for row in named for c in row) != sorted(wanted):
        return False
    return all(_in_order(row, wanted, str.__eq__) for row in named)


def _header_fragments_match(
    table: Table, first_row: int, offset: int, labels: Sequence[str]
) -> bool:
    """A header that a PDF conversion cut into pieces (`| 维持 | 纠正 | 结果 | 审结 | 结果 | …`
    for 结果维持, 结果纠正, 其他结果, 尚未审结, 总计, …): each header cell a piece of a column
    label,
    in the columns' order. The caller has checked that the data row has exactly the template's
    cells, so the pieces confirm the columns rather than place them."""
    pieces = [c for row in _header_cells(table, first_row, offset) for c in row]
    if not pieces or any(len(p) < 2 for p in pieces):
        return False
    wanted = [normalise_label(x) for x in labels]
    return _in_order(pieces, wanted, lambda piece, label: piece in label)


def _join_wrapped_labels(
    doc: Document, i: int, labels: Sequence[tuple[str, ...] | None], width: int
) -> Table:
    """Table i, continued by the tables after it that a row label wrapped over lines of its own
    split off: `（二）部分公开（区分处理的，只计这一情` / `形，不计其他情形）` / `| 2 | 0 | … |`.
    The text between must be one template row label (with its remark, if any) and nothing else,
    and the next table must start with an unlabelled row of exactly `width` cells."""
    tables = doc.tables
    table = tables[i]
    wanted = [normalise_label(x) for label in labels if label for x in label]
    while i + 1 < len(tables):
        following = tables[i + 1]
        between = doc.text[table.end : following.start]
        text = between.strip(" \t\r\n|")
        label = normalise_label(text)
        if not text or not any(_is_whole_label(label, x) for x in wanted):
            break
        first = following.grid[0]
        if (
            _split_row(first)[0] is not None
            or _value_end(first, 0, width) != width
            or not all(c is not None and cell_value(c.text) is not None for c in first[:width])
        ):
            break
        start = table.end + between.index(text)
        cell = Cell(table.n_rows, 0, text, start, start + len(text))
        rows = [*table.grid, (cell, *first[:width]), *following.grid[1:]]
        n_cols = max(len(r) for r in rows)
        grid = tuple(tuple(r) + (None,) * (n_cols - len(r)) for r in rows)
        table = Table(grid, table.start, following.end)
        i += 1
    return table


def _is_whole_label(found: str, wanted: str) -> bool:
    """`found` is the label, or the label and a remark in brackets — not a sentence opening
    with the label's words."""
    if found == wanted:
        return True
    rest = found[len(wanted) :] if found.startswith(wanted) else ""
    return rest.startswith("(") and rest.endswith(")") and ")" not in rest[:-1]


def read_table(
    doc: Document,
    name: str,
    row_ids: Sequence[str],
    row_labels: Sequence[tuple[str, ...] | None],
    column_ids: Sequence[str],
    column_labels: Sequence[str],
    anchor: re.Pattern[str] | None,
) -> Reading:
    width = len(column_ids)
    for i, found in enumerate(doc.tables):
        if found.n_cols < width:
            continue
        table = _join_wrapped_labels(doc, i, row_labels, width)
        rows, problem = _match_rows(table, row_labels, width)
        if rows is None and problem is None:
            continue  # not this table: its first row is not the template's
        if rows is None:
            return Reading(problem=f"{name}{problem}", start=table.start, end=table.start)
        if not _columns_match(table, rows[0][0], rows[0][1], column_labels):
            return Reading(
                problem=f"{name}的列与格式不同（表头应有{'、'.join(dict.fromkeys(column_labels))}）",
                start=table.start,
                end=table.start,
            )
        cells: dict[tuple[str, str], Cell] = {}
        for row_id, (r, end) in zip(row_ids, rows, strict=True):
            row = table.grid[r]
            for j, col_id in enumerate(column_ids):
                cell = row[end - width + j]
                if cell is None:
                    cell = Cell(r, end - width + j, "", table.end, table.end)
                cells[(row_id, col_id)] = cell
        return Reading(cells)
    start = 0
    if anchor is not None:
        m = anchor.search(doc.text)
        if m is None:
            return Reading()
        start = m.end()
    text_rows = read_text_rows(doc.text, row_labels, width, start)
    if text_rows is None:
        return Reading()
    if text_rows.unreadable is not None and text_rows.cells_found is not None:
        s, e = text_rows.unreadable
        found = (
            f"读到{text_rows.cells_found}格" if text_rows.cells_found else "的分栏符之间不全是数字"
        )
        return Reading(
            problem=(
                f"{name}“{text_rows.row or _one_line(doc.text[s:e])}”一行{found}，格式为{width}栏，"
                "无法确定每一格属于哪一栏"
            ),
            start=s,
            end=e,
        )
    if text_rows.unreadable is not None:
        s, e = text_rows.unreadable
        return Reading(
            problem=(
                f"{name}的数字连写在一起（如“{_one_line(doc.text[s:e])[:20]}”），"
                "无法确定每一栏的数值（原表格的分栏已丢失）"
            ),
            start=s,
            end=e,
        )
    if text_rows.empty is not None:
        return Reading(
            problem=(
                f"{name}“{text_rows.row or _one_line(text_rows.empty)}”一行后没有读到数字，"
                "无法可靠读取"
            ),
            start=start,
            end=start,
        )
    if text_rows.table is None:
        return Reading(
            problem=f"{name}缺少“{_one_line(text_rows.missing or '')}”一行", start=start, end=start
        )
    table = text_rows.table
    return Reading(
        {
            (row_id, col_id): table.grid[i][j + 1]  # type: ignore[misc]
            for i, row_id in enumerate(row_ids)
            for j, col_id in enumerate(column_ids)
        }
    )


def _one_line(text: str) -> str:
    """Document text as a message quotes it: on one line, a label split by a line break whole."""
    if re.search(r"[\u4e00-\u9fff]", text):
        return re.sub(r"\s+", "", text)
    return " ".join(text.split())

"""Find a template's table in a document and read its cells: the reading half of table_relation.

A template names its rows and columns by label. A table of the document (Word, web page,
Markdown) is the template's table when its rows carry the template's row labels in order; the
labels are compared tolerantly (tables.normalise_label). A row's figures are its last N cells,
N the template's columns; the header cells above the first row must name those columns. Where
the document has no such table, the rows of figures are read from the plain text under the same
labels (a PDF copy). What cannot be read without guessing is returned as such, never as 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document.document import Document
from ..document.tables import Cell, Table, normalise_label, read_text_rows

# \uff0f is the full-width solidus
BLANKS = frozenset({"", "/", "\uff0f", "-", "－", "—", "——", "无", "空"})
_INT = re.compile(r"^\d{1,3}(?:[,，]\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True, slots=True)
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


def _label_matches(found: str, wanted: str) -> bool:
    a, b = normalise_label(found), normalise_label(wanted)
    # a trailing remark such as （区分处理的，只计这一情形…） may follow the template's label
    return a == b or a.startswith(b)


def _match_rows(
    table: Table, labels: Sequence[tuple[str, ...] | None], width: int
) -> tuple[list[int] | None, str | None]:
    """Grid row index of each template row (in order), or (None, why not); (None, None) when
    the table does not start with the template's first row at all."""
    out: list[int] = []
    r = 0
    for k, label in enumerate(labels):
        hit = None
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
            return (
                (None, f"缺少“{label[0] if label else ''}”一行（或各行顺序与格式不同）")
                if k
                else (
                    None,
                    None,
                )
            )
        cells = len(table.grid[hit]) - _split_row(table.grid[hit])[1]
        if cells != width:
            shown = f"“{label[0]}”一行" if label else "数据行"
            return None, f"{shown}有{cells}格数字，格式为{width}栏（表格可能被拆分或错位）"
        out.append(hit)
    return out, None


def _columns_match(table: Table, first_row: int, labels: Sequence[str], width: int) -> bool:
    """Header cells above the first row name the template's columns (when there is a header)."""
    if first_row == 0:
        return True
    offset = table.n_cols - width
    for j, label in enumerate(labels):
        seen: list[str] = []
        for r in range(first_row):
            cell = table.grid[r][offset + j]
            if cell is not None and cell.text not in seen:
                seen.append(cell.text)
        if normalise_label(label) not in normalise_label("".join(seen)):
            return False
    return True


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
    for table in doc.tables:
        if table.n_cols < width:
            continue
        rows, problem = _match_rows(table, row_labels, width)
        if rows is None and problem is None:
            continue  # not this table: its first row is not the template's
        if rows is None:
            return Reading(problem=f"{name}{problem}", start=table.start, end=table.start)
        if not _columns_match(table, rows[0], column_labels, width):
            return Reading(
                problem=f"{name}的列与格式不同（表头应有{'、'.join(dict.fromkeys(column_labels))}）",
                start=table.start,
                end=table.start,
            )
        cells: dict[tuple[str, str], Cell] = {}
        for row_id, r in zip(row_ids, rows, strict=True):
            row = table.grid[r]
            for j, col_id in enumerate(column_ids):
                cell = row[table.n_cols - width + j]
                if cell is None:
                    cell = Cell(r, table.n_cols - width + j, "", table.end, table.end)
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
    if text_rows.unreadable is not None:
        s, e = text_rows.unreadable
        return Reading(
            problem=(
                f"{name}的数字连写在一起（如“{doc.text[s:e][:20]}”），"
                "无法确定每一栏的数值（原表格的分栏已丢失）"
            ),
            start=s,
            end=e,
        )
    if text_rows.table is None:
        return Reading(problem=f"{name}缺少“{text_rows.missing}”一行", start=start, end=start)
    table = text_rows.table
    return Reading(
        {
            (row_id, col_id): table.grid[i][j + 1]  # type: ignore[misc]
            for i, row_id in enumerate(row_ids)
            for j, col_id in enumerate(column_ids)
        }
    )

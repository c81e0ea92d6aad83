"""Tables as part of the document: cells with row/column indices and their span in the text.

A `Table` is a grid: `grid[r][c]` is the `Cell` covering row r, column c, so a merged cell
appears at every grid position it covers (merges resolved). Each cell knows the code-point span
of its text in `Document.text`, so a finding about a cell points at that cell; `Document` alone
turns the span into line and column.

Where tables come from:

- `.docx` and `.html`: the reader sees the table markup and hands over `Table`s with the text;
- Markdown pipe tables: parsed here from the lines (`markdown_tables`);
- plain text from a PDF, where a table is only rows of figures under their labels: read here
  against the labels a pack's template expects (`read_text_rows`), since without the labels
  nothing says where a row starts.

Adjacent tables with the same number of columns and nothing but blank lines between them are
one table (`join_adjacent`): a table that Word or a PDF converter split at a page break.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from ..record import record
from .lines import Line


@record(frozen=True, slots=True)
class Cell:
    """One cell; `row`/`col` are its top-left grid position, `start`/`end` its text span."""

    row: int
    col: int
    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1


@record(frozen=True, slots=True)
class Table:
    """A grid of cells; `grid[r][c]` is the cell covering (r, c), None where nothing does."""

    grid: tuple[tuple[Cell | None, ...], ...]
    start: int
    end: int

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return len(self.grid[0]) if self.grid else 0  # every row of the grid has the same width


class GridBuilder:
    """Resolve rows of (text, start, end, rowspan, colspan) into a grid, as HTML and Word do:
    a cell takes the first free column of its row, and cells spanning rows reserve positions
    in the rows below."""

    def __init__(self) -> None:
        self._rows: list[dict[int, Cell]] = []  # may run ahead of `_next`: rows spans reserve
        self._next = 0

    def add_row(self, cells: Sequence[tuple[str, int, int, int, int]]) -> None:
        r = self._next
        self._next += 1
        while len(self._rows) <= r:
            self._rows.append({})
        row = self._rows[r]
        col = 0
        for text, start, end, rowspan, colspan in cells:
            while col in row:
                col += 1
            rowspan, colspan = max(1, min(rowspan, 1000)), max(1, min(colspan, 1000))
            cell = Cell(r, col, text, start, end, rowspan, colspan)
            for dr in range(rowspan):
                while len(self._rows) <= r + dr:
                    self._rows.append({})
                for dc in range(colspan):
                    self._rows[r + dr].setdefault(col + dc, cell)
            col += colspan

    def continue_above(self, col: int) -> None:
        """Word's vertical merge: the cell at `col` in the newest row continues the one above."""
        r = self._next - 1
        if r < 1:
            return
        above = self._rows[r - 1].get(col)
        current = self._rows[r].get(col)
        if above is None or current is None:
            return
        for c, cell in list(self._rows[r].items()):
            if cell is current:
                self._rows[r][c] = above

    def build(self) -> Table | None:
        rows = [r for r in self._rows[: self._next] if r]  # a span past the last row is clipped
        if not rows:
            return None
        width = max(max(r) + 1 for r in rows)
        grid = tuple(tuple(r.get(c) for c in range(width)) for r in rows)
        cells = [c for r in rows for c in r.values()]
        return Table(grid, min(c.start for c in cells), max(c.end for c in cells))


_SEPARATOR_CELL = re.compile(r"^\s*:?-{1,}:?\s*$")


def _pipe_cells(line: Line) -> list[tuple[str, int, int]] | None:
    """(text, start, end) of each cell of a Markdown pipe-table row, stripped; None if not a row."""
    text = line.text
    stripped = text.strip()
    if not stripped.startswith("|") or stripped.count("|") < 2:
        return None
    inner_start = text.index("|") + 1
    inner_end = text.rindex("|")
    if inner_end < inner_start:
        return None
    cells: list[tuple[str, int, int]] = []
    pos = inner_start
    for part in re.split(r"(?<!\\)\|", text[inner_start:inner_end]):
        value = part.strip()
        # an empty cell is pointed at just inside its first space
        lead = len(part) - len(part.lstrip()) if value else min(len(part), 1)
        start = line.start + pos + lead
        cells.append((value, start, start + len(value)))
        pos += len(part) + 1
    return cells


def markdown_tables(lines: Sequence[Line]) -> list[Table]:
    """Pipe tables: a row, a separator row, then rows until a non-row line. Two or more pipe rows
    without a separator are a table too: web pages and converters copy tables that way, and a
    row such as `| 规章 | 0 | 0 | 0 |` is no less clearly split into cells for lacking one."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        header = _pipe_cells(lines[i])
        second = _pipe_cells(lines[i + 1]) if header is not None and i + 1 < len(lines) else None
        if header is None or second is None:
            i += 1
            continue
        has_separator = all(_SEPARATOR_CELL.match(t) for t, _, _ in second)
        builder = GridBuilder()
        builder.add_row([(t, s, e, 1, 1) for t, s, e in header])
        j = i + 2 if has_separator else i + 1
        while j < len(lines):
            row = _pipe_cells(lines[j])
            if row is None:
                break
            if not all(_SEPARATOR_CELL.match(t) for t, _, _ in row):
                builder.add_row([(t, s, e, 1, 1) for t, s, e in row])
            j += 1
        table = builder.build()
        if table is not None:
            tables.append(table)
        i = j
    return tables


def join_adjacent(tables: Sequence[Table], text: str) -> list[Table]:
    """One table for consecutive tables of equal width with only blank text between them."""
    out: list[Table] = []
    for table in tables:
        last = out[-1] if out else None
        if (
            last is not None
            and last.n_cols == table.n_cols
            # blank lines only (and the outer pipes of Markdown rows around them)
            and not text[last.end : table.start].strip(" \t\n|")
        ):
            offset = last.n_rows
            shifted = tuple(
                tuple(
                    None
                    if c is None
                    else Cell(c.row + offset, c.col, c.text, c.start, c.end, c.rowspan, c.colspan)
                    for c in row
                )
                for row in table.grid
            )
            # Cells are shared between grid positions (merges): shift each once, keep sharing.
            out[-1] = Table(last.grid + _reshare(shifted), last.start, table.end)
        else:
            out.append(table)
    return out


def _reshare(grid: tuple[tuple[Cell | None, ...], ...]) -> tuple[tuple[Cell | None, ...], ...]:
    seen: dict[tuple[int, int, int], Cell] = {}
    return tuple(
        tuple(None if c is None else seen.setdefault((c.start, c.end, c.row), c) for c in row)
        for row in grid
    )


# --- labels -----------------------------------------------------------------------------------

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "．": ".", "：": ":"})
_SPACE = re.compile(r"\s+")


# Compiled on first use (functools.cache: once per process), not at import: tables of figures in
# plain text and labels with 序号 are rare.
@functools.cache
def _numbering() -> re.Pattern[str]:
    return re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])")


def normalise_label(text: str) -> str:
    """A label as compared with a template's: no spaces or line breaks, half-width brackets,
    `1、` read as `1.`, and no leading 序号 (一、 （一） 1.)."""
    s = _SPACE.sub("", text).translate(_BRACKETS)
    s = re.sub(r"^(\d+)、", r"\1.", s)
    return _numbering().sub("", s, count=1) or s


def label_regex(label: str) -> str:
    """A regex finding `label` in flattened text: any whitespace (a line break of a PDF column)
    between its characters, either width of brackets, `.`/`、`/`．` after a figure, and its 序号
    optional when enough of the label is left to be unmistakable."""
    numbering = _numbering().match(_SPACE.sub("", label).translate(_BRACKETS))
    body = _SPACE.sub("", label)
    head = ""
    if numbering:
        head_text, body = body[: numbering.end()], body[numbering.end() :]
        head = _chars_regex(head_text)
        if len(body) >= 4:
            head = f"(?:{head})?"
    # Only the first characters must match: a PDF column may break a long label around its
    # figures ("5.要求行政机关确认或重新出 / 1 0 0 0 0 0 1 / 具已获取信息"), and the rest of the
    # label holds no figures to mistake for cells.
    return head + r"\s*" + _chars_regex(body[:_LABEL_PREFIX])


_LABEL_PREFIX = 10
_CLASSES = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    ".": "[.．、]",
    "、": "[、.．]",
    "．": "[.．、]",
    "“": '[“"]',
    "”": '[”"]',
}


def _chars_regex(text: str) -> str:
    return r"\s*".join(_CLASSES.get(ch) or re.escape(ch) for ch in text)


# --- rows of figures in plain text -------------------------------------------------------------

_TOKEN = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[/\uff0f—－-])"  # \uff0f: full-width solidus


@functools.cache
def _run() -> re.Pattern[str]:
    return re.compile(rf"(?<![\d.,]){_TOKEN}(?:[ \t\u3000]+{_TOKEN})*(?![\d])")


_NUMBER = re.compile(r"\d")
_WINDOW = 400  # a row's label follows the previous row within this many characters


@record(frozen=True, slots=True)
class TextRows:
    """What `read_text_rows` found: a table (one row per label, label cell first) or, where the
    figures cannot be split into cells without guessing, the span of the first such run."""

    table: Table | None
    unreadable: tuple[int, int] | None = None
    missing: str | None = None  # the first label not found, when rows are missing
    empty: str | None = None  # a label found with no figures after it
    # pipe-separated cells in a number other than `width`: the cells, unlike a run of digits,
    # are clear, but which column each belongs to is not
    cells_found: int | None = None
    row: str | None = None  # the template label of the row that could not be read


def _first_run(text: str, start: int, end: int) -> re.Match[str] | None:
    for m in _run().finditer(text, start, end):
        if _NUMBER.search(m.group()):
            return m
    return None


_GAP = "[ \t\u3000]*"


# one run of spaces before the pipe wherever the token is absent, so no line backtracks
@functools.cache
def _pipe_cell() -> re.Pattern[str]:
    return re.compile(rf"{_GAP}(?:({_TOKEN}){_GAP})?\|")


# the rest of a line holding only cells that each end in a pipe: `| 0 | 0 |` after a label, or
# `0 |`, `|`, `||` on lines of their own (a web table copied one cell per line)
@functools.cache
def _pipe_line() -> re.Pattern[str]:
    return re.compile(rf"(?:{_GAP}(?:{_TOKEN}{_GAP})?\|)+{_GAP}")


def _pipe_row_cells(
    text: str, label_end: int, stop: int
) -> list[tuple[str, int, int, int, int]] | None:
    """The cells after a label whose line goes on with a pipe (the label cell ends there): the
    rest of the line and the following lines while they hold nothing but cells ending in pipes.
    None when the label's line has no pipe; no cells when its cells are not figures or blanks."""
    line_end = text.find("\n", label_end, stop)
    line_end = stop if line_end == -1 else line_end
    bar = text.find("|", label_end, line_end)
    if bar == -1:
        return None
    spans = [(bar + 1, line_end)]
    if text[bar + 1 : line_end].strip() and not _pipe_line().fullmatch(text, bar + 1, line_end):
        return []  # piped, but not cells of figures: nothing to read, and nothing run together
    pos = line_end + 1
    while pos < stop:
        end = text.find("\n", pos, stop)
        end = stop if end == -1 else end
        if not _pipe_line().fullmatch(text, pos, end):
            break
        spans.append((pos, end))
        pos = end + 1
    cells: list[tuple[str, int, int, int, int]] = []
    for start, end in spans:
        for m in _pipe_cell().finditer(text, start, end):
            if m.group(1):
                cells.append((m.group(1), m.start(1), m.end(1), 1, 1))
            else:  # a blank cell is pointed at its pipe
                cells.append(("", m.end() - 1, m.end() - 1, 1, 1))
    return cells


def _row_cells(
    text: str, label: tuple[int, int], stop: int, width: int
) -> list[tuple[str, int, int, int, int]] | TextRows:
    """The `width` cells of the first run of figures after a label, or why they cannot be read."""
    piped = _pipe_row_cells(text, label[1], stop)
    if piped is not None:
        if len(piped) == width:
            return piped
        return TextRows(None, unreadable=(label[0], label[1]), cells_found=len(piped))
    run = _first_run(text, label[1], stop)
    if run is None:
        return TextRows(None, empty=text[label[0] : label[1]])
    tokens = list(re.finditer(r"\S+", run.group()))
    if len(tokens) == width:
        return [(t.group(), run.start() + t.start(), run.start() + t.end(), 1, 1) for t in tokens]
    digits = run.group()
    if len(tokens) == 1 and digits.isdigit() and len(digits) == width:
        # one digit per cell: the only way to split it, so not a guess
        return [(d, run.start() + k, run.start() + k + 1, 1, 1) for k, d in enumerate(digits)]
    return TextRows(None, unreadable=(run.start(), run.end()))


def read_text_rows(
    text: str, labels: Sequence[tuple[str, ...] | None], width: int, start: int = 0
) -> TextRows | None:
    """Rows of `width` figures under `labels` (in order) in flattened text, from `start`.

    Each label is a tuple of the ways it may be written; None stands for a row without a label
    (the figures right after `start`). A row's figures are the first run of whitespace-separated
    figures after its label and before the next label. A run of a different length — digits
    written together, `801000081` — cannot be split without guessing: the result says so
    instead of reading it. None when the first label is not in the text at all.
    """
    import regex  # the timeout-guarded module the checks use; labels come from a pack

    builder = GridBuilder()
    previous: tuple[int, int] | None = None  # the label span of the row waiting for its figures
    pos = start
    for i, label in enumerate([*labels, None]):
        last = i == len(labels)
        span: tuple[int, int] | None
        if last or label is None:
            span = None if last else (pos, pos)
        else:
            pattern = regex.compile("|".join(f"(?:{label_regex(x)})" for x in label))
            limit = len(text) if i == 0 else min(len(text), pos + _WINDOW)
            m = pattern.search(text, pos, limit, timeout=2.0)
            # the label, without the line breaks and spaces its pattern allows before it
            span = None if m is None else (m.end() - len(m.group().lstrip()), m.end())
            if m is None and i == 0:
                return None
        if previous is not None:
            # the row before this label: its figures lie between the two labels
            stop = span[0] if span is not None and span[0] > previous[1] else previous[1] + _WINDOW
            row = _row_cells(text, previous, min(stop, len(text)), width)
            if isinstance(row, TextRows):
                return replace(row, row=labels[i - 1][0] if labels[i - 1] else None)
            label_text = text[previous[0] : previous[1]]
            builder.add_row([(label_text, previous[0], previous[1], 1, 1), *row])
        if last:
            break
        if span is None:
            return TextRows(None, missing=label[0])
        previous = span
        pos = span[1]
    table = builder.build()
    return TextRows(table)

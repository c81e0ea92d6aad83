"""Identities over the cells of a table the pack describes by its template.

## What it checks

The rule names a table by its template: its rows and columns by label, one template per format
version, chosen by the report year (`years: 2019-2020`, `years: 2021-`). The table is found in
the document — a Word or web-page table, a Markdown pipe table, or rows of figures under their
labels in plain text copied from a PDF — with labels compared tolerantly (spaces and line breaks
inside a label, full/half-width brackets, 1、 for 1., a dropped 序号), merged cells resolved.

Then, with `identities`, each identity holds for every column (`for_each: column`: the listed
*rows* summed) or every row (`for_each: row`: the listed *columns* summed): `sum` = `equals`. An
id in `sum`/`equals` names a row or column, or a `group` of them (all its members summed).
`over` restricts the quantifier to some columns (or rows). With `cells: non_negative_integer`,
every cell must be a whole number: a blank, `/` or `-` cell is reported as such, and it is never
read as 0 — an identity that needs it is not evaluated. With `report_unreadable`, a table whose
cells cannot be read without guessing (figures run together, rows missing) gets one info finding
saying so; give it to one rule per table so the user hears it once. A table not found at all is
reported the same way when the text has the part it belongs in (`heading`).

With `narrative`, a figure in the text is compared with the table: each entry's `pattern`
captures a figure in a group `n`, which must equal one of the `accept` sums of cells
(`'一/总计'`, `'一/总计 + 二/总计'`: row id / column id), or, with `zero`, the listed cells must
all be 0 where the pattern matches (a claim such as 未被纠错). The finding points at the figure
(or the claim) and names the cells.

## Why

Tables of a fixed format obey identities that reviewers check by hand every year; the 政府信息
公开 report's template even prints one in the header of 表三 (国办公开办函〔2021〕30号), and real
reports still get them wrong. Stating the table and its identities in the pack, not in code,
keeps the check declarative: a reviewer adds a table of another report type without Python.

## Example

```yaml
- id: xxgk-table3-balance
  kind: table_relation
  category: number
  severity: error
  message: "{detail}（表三表头注明：第一项加第二项之和，等于第三项加第四项之和）。"
  source: 国办公开办函〔2021〕30号 附件 表三表头
  table: 表三
  templates:
    - years: 2021-
      columns:
        - {id: 自然人, label: 自然人}
        - {id: 总计, label: 总计}
      rows:
        - {id: 一, label: 一、本年新收政府信息公开申请数量, name: 第一项}
        - {id: 二, label: 二、上年结转政府信息公开申请数量, name: 第二项}
        - {id: 七, label: （七）总计, name: 第三项（七）总计}
        - {id: 四, label: 四、结转下年度继续办理, name: 第四项}
  identities:
    - {for_each: column, sum: [一, 二], equals: [七, 四]}
  examples:
    bad:
      - text: |
          一、本年新收政府信息公开申请数量 3 3
          二、上年结转政府信息公开申请数量 1 1
          （七）总计 [[3]] 4
          四、结转下年度继续办理 0 0
        message: 表三“自然人”列：第一项+第二项 = 3+1 = 4，第三项（七）总计+第四项 = 3+0 = 3
    good:
      - |
        一、本年新收政府信息公开申请数量 3 3
        二、上年结转政府信息公开申请数量 1 1
        （七）总计 3 3
        四、结转下年度继续办理 1 1
```

## Where it points

At the first cell of `equals` (the cell stating the total) in the column or row that fails;
`{detail}` shows the arithmetic: 表三“总计”列：第一项+第二项 = 81+0 = 81，第三项（七）总计+第四项 =
80+0 = 80，两者应相等. Blank cells and unreadable tables point at the cell or the run of figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..document.document import Document
from ..document.tables import Cell
from ..model import Finding, Severity
from ..record import record
from ._table_params import Identity, Line, Narrative, Template
from ._table_params import TableParams as Params
from ._table_reading import BLANKS, Reading, cell_value, read_table
from .base import BaseKind, ParamError, compile_regex, count_relation, finditer

__all__ = ["Identity", "Line", "Narrative", "Params", "TableRelation", "Template"]


@record(frozen=True, slots=True)
class _Compiled:
    first: int
    last: int | None
    rows: tuple[Line, ...]
    columns: tuple[Line, ...]
    anchor: re.Pattern[str] | None

    @property
    def key(self) -> str:
        """The document memo key of this template's reading: the rules of one table share a
        template (a YAML anchor), so the table is read once for all of them."""
        labels = ["|".join([r.label or "", *r.aliases]) for r in self.rows]
        labels += [c.label or c.id for c in self.columns]
        return (
            "table_relation\x1f"
            + "\x1f".join(labels)
            + "\x1f"
            + (self.anchor.pattern if self.anchor else "")
        )


def _years(text: str) -> tuple[int, int | None]:
    m = re.fullmatch(r"\s*(\d{4})?\s*-\s*(\d{4})?\s*|\s*(\d{4})\s*", str(text))
    if m is None or not (m.group(1) or m.group(2) or m.group(3)):
        raise ParamError("years", f"years 应写作 2019-2020、2021- 或 2021，实际是“{text}”")
    if m.group(3):
        return int(m.group(3)), int(m.group(3))
    return int(m.group(1) or 0), int(m.group(2)) if m.group(2) else None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class TableRelation(BaseKind):
    name: ClassVar[str] = "table_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"table", "detail"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        compiled = []
        for t in params.templates:
            first, last = _years(t.years)
            if t.rows and t.rows[0].label is None and t.anchor is None:
                raise ParamError("anchor", "第一行没有行名时，须用 anchor 说明表格在纯文本中的起点")
            compiled.append(
                _Compiled(
                    first,
                    last,
                    tuple(t.rows),
                    tuple(t.columns),
                    compile_regex("anchor", t.anchor) if t.anchor else None,
                )
            )
        if not compiled:
            raise ParamError("templates", "至少需要一个模板")
        self._templates = tuple(compiled)
        self._heading = compile_regex("heading", params.heading) if params.heading else None
        for link in params.previous:
            for t in compiled:
                if not {link.row, link.previous_row} <= {r.id for r in t.rows}:
                    raise ParamError(
                        "previous",
                        f"“{link.row}”或“{link.previous_row}”不是模板（{t.first}年起）中的行",
                    )
        for identity in params.identities:
            for t in compiled:
                rows_or_cols = t.rows if identity.for_each == "column" else t.columns
                known = {x.id for x in rows_or_cols} | {x.group for x in rows_or_cols if x.group}
                for ref in (*identity.sum, *identity.equals):
                    if ref not in known:
                        raise ParamError(
                            "identities", f"“{ref}”不是模板（{t.first}年起）中的行或列"
                        )
        self._narrative = [
            (
                [compile_regex("pattern", x) for x in n.pattern],
                [[self._cell_ref(c) for c in alt.split("+")] for alt in n.accept],
                [self._cell_ref(c) for c in n.zero],
            )
            for n in params.narrative
        ]
        for patterns, accept, zero in self._narrative:
            if not accept and not zero:
                raise ParamError("narrative", "narrative 须有 accept 或 zero")
            if accept and any("n" not in pat.groupindex for pat in patterns):
                raise ParamError("narrative", "pattern 须有命名分组 n")

    def _cell_ref(self, ref: str) -> tuple[str, str]:
        row, sep, col = ref.partition("/")
        if not sep:
            raise ParamError("narrative", f"单元格应写作“行/列”，实际是“{ref}”")
        for t in self._templates:
            if row.strip() not in {r.id for r in t.rows} or col.strip() not in {
                c.id for c in t.columns
            }:
                raise ParamError("narrative", f"“{ref}”不是模板（{t.first}年起）中的单元格")
        return row.strip(), col.strip()

    def _ordered(self, year: int | None) -> list[_Compiled]:
        def fits(t: _Compiled) -> bool:
            return year is not None and t.first <= year and (t.last is None or year <= t.last)

        return sorted(self._templates, key=lambda t: not fits(t))

    def _read(self, doc: Document) -> tuple[_Compiled, Reading] | None:
        first_problem: tuple[_Compiled, Reading] | None = None
        for t in self._ordered(doc.report_year):
            key = t.key
            reading = doc.memo(
                key,
                lambda t=t: read_table(
                    doc,
                    self.params.table,
                    [r.id for r in t.rows],
                    [(r.label, *r.aliases) if r.label else None for r in t.rows],
                    [c.id for c in t.columns],
                    [c.label or c.id for c in t.columns],
                    t.anchor,
                ),
            )
            if reading.cells is not None:
                return t, reading
            if reading.problem is not None and first_problem is None:
                first_problem = (t, reading)
        return first_problem

    def run(self, doc: Document) -> Iterator[Finding]:
        found = self._read(doc)
        p = self.params
        if found is None:
            # A table missing from a report that has its part is worth saying; a document
            # without the part is not this kind of report, or says nothing a table could check.
            if p.report_unreadable and self._heading is not None and self._heading.search(doc.text):
                yield Finding(
                    0,
                    0,
                    {"table": p.table},
                    severity=Severity.INFO,
                    message=f"没有找到{p.table}，未检查其数字。",
                )
            return
        template, reading = found
        if reading.cells is None:
            if p.report_unreadable:
                yield Finding(
                    reading.start,
                    reading.end,
                    {"table": p.table},
                    severity=Severity.INFO,
                    message=f"{reading.problem}，未检查{p.table}中的数字。",
                )
            return
        cells = reading.cells
        if p.cells == "non_negative_integer":
            yield from self._cell_findings(template, cells)
        for identity in p.identities:
            yield from self._identity_findings(template, cells, identity)
        if self._narrative:
            yield from self._narrative_findings(doc, template, cells)
        if p.previous and doc.previous is not None:
            yield from self._previous_findings(doc, template, cells)

    def _previous_findings(
        self, doc: Document, t: _Compiled, cells: dict[tuple[str, str], Cell]
    ) -> Iterator[Finding]:
        """This year's rows against last year's report (--previous), column by column."""
        name = self.params.table
        previous = doc.previous
        assert previous is not None
        year, last = doc.report_year, previous.report_year
        if year is not None and last is not None and last != year - 1:
            message = f"上年报告是{last}年度的，不是{year - 1}年度的，未与之比较{name}。"
            yield Finding(0, 0, {"table": name}, severity=Severity.INFO, message=message)
            return
        found = self._read(previous)
        if found is None or found[1].cells is None:
            message = f"上年报告中的{name}无法读取，未与之比较{name}的结转数。"
            yield Finding(0, 0, {"table": name}, severity=Severity.INFO, message=message)
            return
        last_template, last_cells = found[0], found[1].cells
        rows = {r.id: r for r in t.rows}
        last_rows = {r.id: r for r in last_template.rows}
        for link in self.params.previous:
            for col in t.columns:
                key, last_key = (link.row, col.id), (link.previous_row, col.id)
                if last_key not in last_cells:
                    continue  # the formats of the two years differ in this column
                now = cell_value(cells[key].text)
                before = cell_value(last_cells[last_key].text)
                if now is None or before is None or now == before:
                    continue
                detail = (
                    f"{name}“{_name(col)}”列：{_name(rows[link.row])} = {_fmt(now)}，"
                    f"上年报告{_name(last_rows[link.previous_row])} = {_fmt(before)}，两者应相等"
                )
                cell = cells[key]
                yield Finding(cell.start, cell.end, {"table": name, "detail": detail})

    def _narrative_findings(
        self, doc: Document, t: _Compiled, cells: dict[tuple[str, str], Cell]
    ) -> Iterator[Finding]:
        rows = {r.id: r for r in t.rows}
        cols = {c.id: c for c in t.columns}

        def label(ref: tuple[str, str]) -> str:
            row = rows[ref[0]]
            where = "" if row.label is None else _name(row)
            return f"{where}“{_name(cols[ref[1]])}”"

        def total(refs: list[tuple[str, str]]) -> float | None:
            values = [cell_value(cells[ref].text) for ref in refs]
            return None if any(v is None for v in values) else sum(values)  # type: ignore[misc]

        for patterns, accept, zero in self._narrative:
            for pattern in patterns:
                for m in finditer(pattern, doc.text):
                    if accept:
                        stated = cell_value(m.group("n"))
                        sums = [total(refs) for refs in accept]
                        if stated is None or None in sums:
                            continue
                        count_relation()
                        if stated in sums:
                            continue
                        shown = "，".join(
                            f"{'+'.join(label(r) for r in refs)}为{_fmt(v)}"  # type: ignore[arg-type]
                            for refs, v in zip(accept, sums, strict=True)
                        )
                        detail = f"正文“{m.group()}”与{self.params.table}不符：表中{shown}"
                        yield Finding(
                            m.start("n"), m.end("n"), {"table": self.params.table, "detail": detail}
                        )
                    else:
                        values = [(ref, cell_value(cells[ref].text)) for ref in zero]
                        if any(v is None for _, v in values):
                            continue
                        count_relation()
                        bad = [(ref, v) for ref, v in values if v]
                        if not bad:
                            continue
                        shown = "，".join(f"{label(r)}为{_fmt(v)}" for r, v in bad)  # type: ignore[arg-type]
                        detail = f"正文“{m.group()}”与{self.params.table}不符：表中{shown}"
                        yield Finding(
                            m.start(), m.end(), {"table": self.params.table, "detail": detail}
                        )

    def _cell_findings(self, t: _Compiled, cells: dict[tuple[str, str], Cell]) -> Iterator[Finding]:
        for row in t.rows:
            for col in t.columns:
                cell = cells[(row.id, col.id)]
                text = cell.text.strip()
                value = cell_value(text)
                if value is not None and float(value).is_integer():
                    continue
                where = f"{self.params.table}“{_name(row)}”行“{_name(col)}”列"
                if text in BLANKS:
                    shown = f"“{text}”" if text else "空白"
                    detail = f"{where}为{shown}：没有的应填写0，空白、“/”“-”不能当作0"
                elif value is not None:
                    detail = f"{where}为“{text}”：件数应为整数"
                else:
                    detail = f"{where}为“{text}”：应为非负整数"
                yield Finding(cell.start, cell.end, {"table": self.params.table, "detail": detail})

    def _members(self, lines: tuple[Line, ...], ref: str) -> list[Line]:
        return [x for x in lines if x.id == ref or x.group == ref]

    def _identity_findings(
        self, t: _Compiled, cells: dict[tuple[str, str], Cell], identity: Identity
    ) -> Iterator[Finding]:
        by_column = identity.for_each == "column"
        summed, across = (t.rows, t.columns) if by_column else (t.columns, t.rows)
        for outer in across:
            if identity.over and outer.id not in identity.over and outer.group not in identity.over:
                continue

            def at(line: Line, outer: Line = outer) -> Cell:
                return cells[(line.id, outer.id) if by_column else (outer.id, line.id)]

            left = [m for ref in identity.sum for m in self._members(summed, ref)]
            right = [m for ref in identity.equals for m in self._members(summed, ref)]
            values: dict[str, float] = {}
            for line in (*left, *right):
                value = cell_value(at(line).text)
                if value is None:
                    break  # a blank or a word: its own finding (cells), never read as 0
                values[line.id] = value
            else:
                lsum = sum(values[x.id] for x in left)
                rsum = sum(values[x.id] for x in right)
                count_relation()
                if abs(lsum - rsum) <= self.params.tolerance:
                    continue
                where = (
                    self.params.table
                    if outer.label is None and len(across) == 1
                    else f"{self.params.table}“{_name(outer)}”{'列' if by_column else '行'}"
                )
                detail = (
                    f"{where}：{_side(left, values)} = {_fmt(lsum)}，"
                    f"{_side(right, values)} = {_fmt(rsum)}，两者应相等"
                )
                target = at(right[0])
                yield Finding(
                    target.start, target.end, {"table": self.params.table, "detail": detail}
                )


def _name(line: Line) -> str:
    return line.name or line.label or line.id


def _side(lines: list[Line], values: dict[str, float]) -> str:
    """`a+b = 1+2` for a short side; a long one lists only its non-zero terms."""
    if len(lines) == 1:
        return _name(lines[0])
    if len(lines) <= 6:
        names = "+".join(_name(x) for x in lines)
        return f"{names} = {'+'.join(_fmt(values[x.id]) for x in lines)}"
    nonzero = [x for x in lines if values[x.id]]
    if not nonzero:
        return f"{'+'.join(_name(x) for x in lines[:2])}+…（{len(lines)}项，均为0）"
    terms = "+".join(f"{_name(x)}{_fmt(values[x.id])}" for x in nonzero)
    return f"{len(lines)}项之和（{terms}，其余为0）"

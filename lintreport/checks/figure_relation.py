"""Figures captured by a pattern must satisfy a declared relation.

## What it checks

Each match of `pattern` (regular expressions; `{figure}` stands for one figure as reports write
it: `418件`, `近百件`, `十四次`, `86.8%`) whose named groups capture figures. `expect` is one
comparison over the group names (`part <= total`, `a + b == total`, `num / den * 100 == rate`),
evaluated by a small safe evaluator (relations.py, no `eval`) on intervals: an approximate figure
never breaks an equality, but `300余本 <= 200本` still fails. With `same_unit` the captured
figures must share their unit, or the match is skipped.

## Why

Some relations have a fixed wording that a pattern states best, such as a count of appearances
in court that cannot exceed the count of cases heard. The pack states the text
shape and the arithmetic; the engine only evaluates.

## Example

```yaml
- id: appearances-exceed-cases
  kind: figure_relation
  category: number
  severity: error
  message: "出庭{part}多于开庭案件{base}：出庭应诉的案件数不能超过开庭的案件数。"
  source: 《党政机关公文处理工作条例》（中办发〔2012〕14号）公文审核：数字准确
  pattern:
    - '开庭\\p{Han}{0,8}?案件(?P<base>{figure})[，,]\\p{Han}{0,6}?出庭(?P<part>{figure})'
  expect: part <= base
  point_at: part
  examples:
    bad:
      - text: 全年开庭行政诉讼案件100件，实际出庭[[120件]]。
    good:
      - 全年开庭行政诉讼案件1095件，实际出庭728件。
```

## Where it points

At the group named by `point_at` (the figure the message is about), else at the whole match.
`{left}` and `{right}` are the values of the two sides (intervals when figures are rounded or
approximate), `{expected}` the left side computed from the figures as written; each group name
is a placeholder too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.quantities import FIGURE_PATTERN, Interval, format_number, parse_quantity
from ..text.relations import Relation
from ._prose import prose_view
from .base import BaseKind, ParamError, compile_regex, count_relation, finditer


@record(frozen=True, kw_only=True)
class Params:
    pattern: list[str] = field(
        metadata={
            "doc": "正则表达式；{figure} 代表一个数字（含单位、约数标记），命名分组捕获数字",
            "regex": True,
        }
    )
    expect: str = field(
        metadata={"doc": "必须成立的关系，如 part <= total、a + b == total（只用分组名和数字）"}
    )
    point_at: str | None = field(default=None, metadata={"doc": "报告位置：这个命名分组"})
    same_unit: bool = field(default=True, metadata={"doc": "捕获的数字须同单位，否则不判断"})
    tolerance: float = field(default=0.0, metadata={"doc": "容差（与数值同单位）"})


class FigureRelation(BaseKind):
    name: ClassVar[str] = "figure_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "left", "right", "expected"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.pattern:
            raise ParamError("pattern", "需要至少一个正则表达式")
        self._patterns = [
            compile_regex("pattern", p.replace("{figure}", f"(?:{FIGURE_PATTERN})"))
            for p in params.pattern
        ]
        try:
            self._relation = Relation.parse(params.expect)
        except ValueError as exc:
            raise ParamError("expect", f"关系表达式无效：{exc}") from None
        for p in self._patterns:
            missing = self._relation.names - set(p.groupindex)
            if missing:
                raise ParamError("expect", f"模式中没有名为“{'、'.join(sorted(missing))}”的分组")
        if params.point_at is not None and params.point_at not in self._relation.names:
            raise ParamError("point_at", f"“{params.point_at}”不是关系中的名字")
        self._groups = frozenset(g for p in self._patterns for g in p.groupindex)

    def explain(self) -> list[str]:
        unit = "，各数字须同单位" if self.params.same_unit else ""
        return [f"必须成立的关系：{self._relation.source}（数字按区间计算{unit}）"]

    def allowed_placeholders(self) -> frozenset[str]:
        return self.placeholders | self._groups

    def run(self, doc: Document) -> Iterator[Finding]:
        view, back = prose_view(doc)
        return back(self._run(view))

    def _run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        names = self._relation.names
        for pattern in self._patterns:
            for m in finditer(pattern, text):
                values: dict[str, Interval] = {}
                nominal: dict[str, Interval] = {}
                units: set[str] = set()
                for name in names:
                    raw = m.group(name)
                    q = parse_quantity(raw) if raw else None
                    if q is None:
                        break
                    values[name] = q.interval
                    nominal[name] = Interval.exact(q.value)
                    units.add(q.unit)
                else:
                    if self.params.same_unit and len(units) > 1:
                        continue
                    count_relation()
                    if self._relation.holds(values, self.params.tolerance):
                        continue
                    left, right = self._relation.sides(values)
                    expected = self._relation.sides(nominal)[0].low
                    span = m.span(self.params.point_at) if self.params.point_at else m.span()
                    args = {k: v for k, v in m.groupdict().items() if v is not None}
                    args.update(
                        match=text[span[0] : span[1]],
                        left=_show(left),
                        right=_show(right),
                        expected=format_number(expected, 0 if expected.is_integer() else 1),
                    )
                    yield Finding(start=span[0], end=span[1], args=args)


def _show(interval: Interval) -> str:
    if interval.is_exact:
        return format_number(interval.low, 0 if interval.low.is_integer() else 1)
    return f"{format_number(interval.low)}至{format_number(interval.high)}"

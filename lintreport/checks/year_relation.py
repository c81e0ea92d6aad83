"""Years and dates that contradict the report's own year, date or each other.

## What it checks

One of three relations, chosen by `check`:

- `plan_section`: in the section whose heading matches `section` (下一年度…安排, 工作打算,
  下步工作安排), a year in the heading, or a year that opens a paragraph (`2025年，市政府办公室
  将…`), must be the year after the report year. A 2022 report's `三、2023年工作打算` is right;
  `三、2022年工作打算` is not. A year opening a paragraph counts only when that sentence speaks of
  plans (`plan_words`: 将, 计划 …), so a look back (`2024年，…虽然取得一定成绩`) is not a plan;
  years inside sentences are left alone (`在2023年基础上`).
- `period`: a period written with `pattern` (named groups `start` and `end`) whose end is before
  its start: `（2025—2021年）`.
- `after_closing`: a full date (`pattern` with groups `y`, `m` and optionally `d`) later than the
  report's closing date (成文日期) on its last lines, outside the plan section and outside
  sentences with a `future` word (将, 计划, 前 …): a report cannot tell what happened after it was
  signed.

## Why

The 督察规定 asks for 下一年度 arrangements (the fourth of its five items); a plan section naming
the report year was copied from last year's report. A reversed period or a date after the signature
is a typo that changes the meaning.

## Example

```yaml
- id: plan-section-wrong-year
  kind: year_relation
  category: number
  severity: error
  message: "下一年度工作安排应为 {expected} 年，这里写的是 {year} 年。"
  source: 《法治政府建设与责任落实督察工作规定》：报告下一年度推进法治政府建设的主要安排
  check: plan_section
  section: "下一年度|下一步|下步|打算|工作安排|工作计划"
  examples:
    bad:
      - text: |
          关于2023年度法治政府建设情况的报告
          一、主要举措和成效
          略。
          二、[[2023]]年工作打算
          略。
        year: 2023
    good:
      - text: |
          关于2023年度法治政府建设情况的报告
          一、主要举措和成效
          略。
          二、2024年工作打算
          略。
        year: 2023
```

## Where it points

At the year (plan section), at the period, or at the date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

import regex

from ..document.document import Document
from ..document.structure import Heading
from ..model import Finding
from ..record import record
from ..text.quantities import sentence_around
from .base import BaseKind, ParamError, compile_regex, finditer, literal_alternation

_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_PARAGRAPH_YEAR = regex.compile(
    r"\p{Zs}*(?:[一二三四五六七八九十]是)?((?:19|20)\d{2})年(?:度)?[，,]"
)
# Marks that join the years of a period, the Chinese 一 included (2021一2025, a seed defect).
_DASHES = "—-－\u2013~\uff5e至到一"
_PERIOD_AROUND = regex.compile(rf"(?:19|20)\d{{2}}\s*年?\s*[{regex.escape(_DASHES)}]\s*$")


@record(frozen=True, kw_only=True)
class Params:
    check: Literal["plan_section", "period", "after_closing"] = field(
        metadata={"doc": "检查什么：下一年度安排的年份；起止年份倒置；晚于落款日期的日期"}
    )
    section: str = field(
        default="下一年度|下一步|下步|打算|工作安排|工作计划|主要安排|工作思路",
        metadata={"doc": "plan_section：下一年度安排一节标题的正则", "regex": True},
    )
    pattern: str | None = field(
        default=None,
        metadata={
            "doc": "period：含 start、end 分组的正则；after_closing：含 y、m（可选 d）分组的正则",
            "regex": True,
        },
    )
    plan_words: list[str] = field(
        default_factory=lambda: ["将", "计划", "拟", "力争", "争取", "着力", "继续"],
        metadata={
            "doc": "plan_section：以年份开头的段落，首句含这些词（说的是打算）时才检查其年份"
        },
    )
    future: list[str] = field(
        default_factory=lambda: ["将", "计划", "拟", "预计", "力争", "争取", "前", "期限"],
        metadata={"doc": "after_closing：句中有这些词时不判断（说的是将来）"},
    )


class YearRelation(BaseKind):
    name: ClassVar[str] = "year_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"match", "year", "expected", "start", "end", "date", "closing"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        self._section = compile_regex("section", params.section)
        self._pattern = None
        if params.check in ("period", "after_closing"):
            if params.pattern is None:
                raise ParamError("pattern", f"{params.check} 需要 pattern")
            self._pattern = compile_regex("pattern", params.pattern)
            need = {"start", "end"} if params.check == "period" else {"y", "m"}
            if not need <= set(self._pattern.groupindex):
                raise ParamError("pattern", f"模式需要命名分组：{'、'.join(sorted(need))}")
        self._future = regex.compile(literal_alternation(params.future)) if params.future else None
        self._plan_words = (
            regex.compile(literal_alternation(params.plan_words)) if params.plan_words else None
        )

    def _plan_sections(self, doc: Document) -> list[tuple[Heading, int]]:
        """(heading, end offset) of each next-year plan section."""
        tops = [
            h
            for h in doc.structure.headings
            if h.level == 1
            or h.style == "、"  # a level-1 heading that lost its numeral
            or (h.style == "#" and (h.markdown_level or 9) <= 2)  # ## 下一步工作打算
        ]
        out: list[tuple[Heading, int]] = []
        for i, h in enumerate(tops):
            if self._section.search(h.title) is None:
                continue
            end = doc.lines[tops[i + 1].line - 1].start if i + 1 < len(tops) else len(doc.text)
            out.append((h, end))
        return out

    def _check_plan(self, doc: Document) -> Iterator[Finding]:
        year = doc.report_year
        if year is None:
            return
        text = doc.text
        for heading, end in self._plan_sections(doc):
            m = self._plan_year(text, heading)
            if m is not None and int(m.group(1)) != year + 1:
                yield self._year_finding(m, year)
            first_line = heading.line + 1
            for line in doc.lines[first_line - 1 :]:
                if line.start >= end:
                    break
                m = _PARAGRAPH_YEAR.match(line.text)
                if m is not None and int(m.group(1)) <= year and self._plans(line.text, m.end()):
                    yield Finding(
                        start=line.start + m.start(1),
                        end=line.start + m.end(1),
                        args={"year": m.group(1), "expected": str(year + 1)},
                    )

    def _plan_year(self, text: str, heading: Heading) -> regex.Match[str] | None:
        """The year the heading gives its plan: the last one before the plan word, else the
        first after it (三、2022年存在的问题和2023年工作打算 plans for 2023). Periods say
        nothing about next year and are skipped."""
        lo, hi = heading.title_start, heading.title_end
        word = self._section.search(text, lo, hi)
        if word is None:
            return None
        years = []
        for m in _YEAR.finditer(text, lo, hi):
            after = text[m.end(1) + 1 : m.end(1) + 2]
            if _PERIOD_AROUND.search(text, lo, m.start()) or (after and after in _DASHES):
                continue
            years.append(m)
        before = [m for m in years if m.start() < word.start()]
        if before:
            return before[-1]
        return next((m for m in years if m.start() >= word.end()), None)

    def _plans(self, line: str, pos: int) -> bool:
        """Whether the sentence opened by a year speaks of plans (将, 计划), not of results."""
        end = min((i for i in (line.find(ch, pos) for ch in "。；;") if i >= 0), default=len(line))
        return self._plan_words is not None and self._plan_words.search(line, pos, end) is not None

    @staticmethod
    def _year_finding(m: regex.Match[str], year: int) -> Finding:
        return Finding(
            start=m.start(1), end=m.end(1), args={"year": m.group(1), "expected": str(year + 1)}
        )

    def _check_period(self, doc: Document) -> Iterator[Finding]:
        assert self._pattern is not None
        for m in finditer(self._pattern, doc.text):
            start, end = int(m.group("start")), int(m.group("end"))
            if end < start:
                yield Finding(
                    start=m.start(),
                    end=m.end(),
                    args={"match": m.group(), "start": str(start), "end": str(end)},
                )

    def _check_after_closing(self, doc: Document) -> Iterator[Finding]:
        assert self._pattern is not None
        closing = doc.structure.closing_date
        if closing is None:
            return
        limit = (closing.year, closing.month, closing.day)
        skip = [(h.title_start, end) for h, end in self._plan_sections(doc)]
        skip.append((closing.start, closing.end))
        skip_lines = doc.structure.chrome_lines
        text = doc.text
        span, future = (0, 0), False  # the last sentence looked at, and whether it is future
        for m in finditer(self._pattern, text):
            if any(a <= m.start() < b for a, b in skip):
                continue
            y, mo = int(m.group("y")), int(m.group("m"))
            d = int(m.group("d")) if "d" in m.groupdict() and m.group("d") else None
            later = (y, mo, d) > limit if d is not None else (y, mo) > limit[:2]
            if not later or doc.position(m.start())[0] in skip_lines:
                continue
            if not span[0] <= m.start() < span[1]:
                span = sentence_around(text, m.start())
                future = self._future is not None and bool(self._future.search(text, *span))
            if future:
                continue
            yield Finding(
                start=m.start(),
                end=m.end(),
                args={
                    "match": m.group(),
                    "date": m.group(),
                    "closing": f"{closing.year}年{closing.month}月{closing.day}日",
                },
            )

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.params.check == "plan_section":
            yield from self._check_plan(doc)
        elif self.params.check == "period":
            yield from self._check_period(doc)
        else:
            yield from self._check_after_closing(doc)

"""Find a plan whose period ended before the report year, cited as the current basis.

## What it checks

Every match of `pattern` (a plan word such as 规划/纲要/方案/意见 followed by a period, with the
named groups `start` and `end` for its years) whose end year is before the report year:
《河南省法治政府建设实施方案（2016-2020年）》 in a 2023 report. A period still running
(《…规划（2021一2025年）》 in 2022, 《…（2022-2024年）》 in 2023) is fine; an edition year
(（2024年版）) is not a period and never matches. With a current-use frame before it in the clause
(`frames`: 根据/按照/依据/贯彻落实/紧紧围绕/深入实施 …) it is reported at the rule's severity; in a
sentence with a `historical` marker (……实施以来, 2016年以来) it is history (`in_history`: info or
nothing); otherwise `unframed` decides. A span that a more specific reference rule reports (the
2015-2020 纲要 has its own row) is left to that rule: `defer_to` lists its patterns.

## Why

Any local plan ending 2020 cited in a later report (the 沈丘 2023 report cites
three) is stale; the successor plan is the one in force in the report year. The rule needs no
list of plans: the period in the title says when the plan ended.

## Example

```yaml
- id: outdated-plan
  kind: plan_period
  category: reference
  severity: error
  message: "{plan}的规划期已于{end}年结束，本报告年度为{report_year}年，不应再作为现行依据。"
  source: 规划只在其规划期内作为现行依据
  pattern:
    - '(?:规划|纲要|方案|意见)[（(]?(?P<start>20\\d{2})年?[-－—一](?P<end>20\\d{2})年?[）)]?'
  frames: ["根据|按照|依据|贯彻落实|紧紧围绕|深入实施"]
  examples:
    bad:
      - text: 根据[[《河南省法治政府建设实施方案（2016-2020年）》]]等文件要求，扎实推进。
    good:
      - text: 紧紧围绕《法治保山建设规划（2021-2025年）》明确的目标任务。
        year: 2022
```

## Where it points

At the whole 《…》 title when the period is inside one, otherwise at the plan word and period.
Placeholders: `{plan}` (the text pointed at), `{start}`, `{end}`, `{match}`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

from ..document.document import Document
from ..messages import YEAR_FIELDS
from ..model import Finding
from ..record import record
from ..text.citations import iter_book_titles
from .base import BaseKind, ParamError, compile_regex, finditer
from .frames import (
    SENTENCE_LIMIT,
    FrameParams,
    alternation,
    any_overlap,
    compile_frames,
    in_sentence,
    verdict,
)


@record(frozen=True, kw_only=True)
class Params(FrameParams):
    pattern: list[str] = field(
        metadata={"doc": "规划名称与规划期（正则，须有命名分组 start 和 end）", "regex": True}
    )
    # Most plans are named without a frame; unframed mentions are hints unless the pack says so.
    unframed: Literal["report", "info", "skip"] = field(
        default="info", metadata={"doc": "没有现行依据语境时：照常报告、降为提示或不报告"}
    )
    defer_to: list[str] = field(
        default_factory=list,
        metadata={"doc": "由更具体的规则报告的写法（与之重叠的规划不在此重复报告）", "regex": True},
    )


class PlanPeriod(BaseKind):
    name: ClassVar[str] = "plan_period"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"plan", "start", "end", "match"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.pattern:
            raise ParamError("pattern", "pattern 不能为空")
        self._patterns = [compile_regex("pattern", p) for p in params.pattern]
        for p in self._patterns:
            if "end" not in p.groupindex:
                raise ParamError("pattern", "规划期模式须有命名分组 end（结束年份）")
        self._frames, self._unless_sentence = compile_frames(params)
        self._defer = alternation("defer_to", params.defer_to)

    def guaranteed_fields(self) -> frozenset[str]:
        return YEAR_FIELDS  # time-aware: silent when the report year is unknown

    def run(self, doc: Document) -> Iterator[Finding]:
        year = doc.report_year
        if year is None:
            return
        text = doc.text
        params = self.params
        titles = list(iter_book_titles(text))
        title_starts = [t.start for t in titles]
        chrome = doc.structure.chrome_lines
        reported: set[tuple[int, int]] = set()
        for pattern in self._patterns:
            for m in finditer(pattern, text):
                end_year = int(m.group("end"))
                if end_year >= year:
                    continue
                start, end = m.span()
                i = bisect_right(title_starts, start) - 1
                if i >= 0 and titles[i].start <= start and m.end() <= titles[i].end:
                    start, end = titles[i].start, titles[i].end
                if (start, end) in reported:
                    continue
                if chrome and doc.position(start)[0] in chrome:
                    continue
                if any_overlap(self._defer, text, start, end, 0):
                    continue
                if in_sentence(self._unless_sentence, text, start, end, SENTENCE_LIMIT):
                    continue
                how = verdict(self._frames.classify(text, start, end, year), params)
                if how is None:
                    continue
                severity, message = how
                reported.add((start, end))
                start_year = m.groupdict().get("start") or ""
                yield Finding(
                    start=start,
                    end=end,
                    args={
                        "plan": text[start:end],
                        "start": start_year,
                        "end": str(end_year),
                        "match": m.group(),
                    },
                    severity=severity,
                    message=message,
                )

    def explain(self) -> list[str]:
        params = self.params
        lines = [
            "比较方式：规划期结束年份早于报告年度（结束年份 < 报告年度）即为过时；"
            "仍在规划期内的不报告",
            "规划期写法：" + "；".join(params.pattern),
        ]
        if params.frames:
            lines.append("现行依据语境：" + "；".join(params.frames))
        if params.historical:
            lines.append("历史叙述标志：" + "；".join(params.historical))
        if params.defer_to:
            lines.append("由更具体的规则报告：" + "；".join(params.defer_to))
        return lines

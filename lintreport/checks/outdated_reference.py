"""Find an instrument or formulation that was replaced before the report year, cited as current.

## What it checks

Each rule is one row of a dated table of superseded references: the forms of an old instrument
or wording (`patterns`: with or without 《》, 全称/简称, its 文号), what replaced it (`replaced_by`)
and the date from which citing the old one *as current* is wrong (`wrong_from`). A mention is
reported when the report year reaches that date. How the date compares with the report year is
the rule's `compare`:

- `drafting` (default, for documents cited as a basis): a report for year Y is written after Y
  ends, so an instrument replaced at any time during Y is already stale in it: reported when
  Y ≥ the year of `wrong_from` (信访条例 2022-05-01 → reports for 2022 and later).
- `events` (for names of things the report narrates, such as 新冠肺炎): events of year Y may be
  told with the name in use at the time, so only a year lying wholly after the date counts:
  Y > the year of `wrong_from`, or Y ≥ it when the date is 1 January (2022-12-26 → 2023 on).

Without `wrong_from` the form is always wrong (a misquoted title). Text that is correct is left
alone: `unless` (allow-list overlapping the mention: 法制审核, 《重大行政决策程序暂行条例》 …),
`unless_sentence` (anything in the same sentence: quoting the 督察规定's own 第一条, 党的二十大
beside 党的十九大). A sentence with a `historical` marker (2015年以来, …实施以来) is history: an
`info` finding at most (`in_history`). Without a current-use frame before it in the clause
(`frames`: 根据/按照/依据/贯彻落实/紧紧围绕 …), the mention is handled as `unframed` says.

## Why

Whether a reference is outdated depends on the year the report covers. The table
must be updated by a reviewer when a new plan or law comes out, so it lives in the pack: one rule
per row, each with its own examples, severity, source and `lintreport explain` output.

## Example

```yaml
- id: superseded-xinfang-tiaoli
  kind: outdated_reference
  category: reference
  severity: warning
  message: "{match}已由{replaced_by}取代（{since}起施行），本报告年度为{report_year}年。"
  source: 《信访工作条例》（中共中央、国务院，2022年5月1日起施行）
  fix: unsafe
  patterns: ["《信访条例》", "(?<![省市区州县旗])信访条例"]
  replaced_by: 《信访工作条例》
  wrong_from: 2022-05-01
  fixes: {《信访条例》: 《信访工作条例》}
  examples:
    bad:
      - text: 学习了[[《信访条例》]]等法规。
        year: 2022
    good:
      - text: 以《信访工作条例》为遵循。
        year: 2024
      - text: 学习了《信访条例》等法规。
        year: 2021
```

## Where it points

At the mention (or its named `group`). Placeholders: `{match}`, `{replaced_by}`, `{since}` (the
date in Chinese, e.g. 2022年5月1日), `{first_year}` (the first report year affected) and
`{replacement}` (the suggested text, when the rule has one).

## Fix

`fixes` maps a matched text to its replacement (《信访条例》 → 《信访工作条例》). Declare
`fix: unsafe` where the replacement needs a reader's judgement (新冠肺炎 → 新冠感染 in a passage
about 2022), `fix: safe` only for a misquoted title.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import field
from typing import Any, ClassVar, Literal

from ..document.document import Document
from ..messages import YEAR_FIELDS
from ..model import Finding
from ..record import record
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
    patterns: list[str] = field(
        metadata={
            "doc": "过时文件或表述的各种写法（正则：带或不带书名号、全称/简称、文号）",
            "regex": True,
        }
    )
    replaced_by: str = field(metadata={"doc": "取代它的文件或现行表述（用于提示）"})
    wrong_from: Any = field(
        default=None,
        metadata={
            "doc": "自何时起作为现行依据引用即为过时：2022-05-01、2021-08 或 2021；"
            "省略表示任何年度都错"
        },
    )
    compare: Literal["drafting", "events"] = field(
        default="drafting",
        metadata={
            "doc": "与报告年度的比较方式：drafting（报告起草于次年，年度≥该年即报告）"
            "或 events（整个年度在该日期之后才报告）"
        },
    )
    fixes: dict[str, str] = field(
        default_factory=dict, metadata={"doc": "匹配文字 → 建议替换（没有的匹配不给建议）"}
    )
    group: str | None = field(default=None, metadata={"doc": "只标出这个命名分组"})
    unless: list[str] = field(
        default_factory=list,
        metadata={"doc": "白名单：与提及重叠的这些正则匹配时不报告", "regex": True},
    )
    unless_window: int = field(default=20, metadata={"doc": "白名单在提及前后查看的字符数"})


@record(frozen=True, slots=True)
class WrongFrom:
    """The parsed `wrong_from`: a year, optionally with month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def chinese(self) -> str:
        text = f"{self.year}年"
        if self.month:
            text += f"{self.month}月"
            if self.day:
                text += f"{self.day}日"
        return text

    def first_year(self, compare: str) -> int:
        if compare == "drafting":
            return self.year
        starts_year = (self.month in (None, 1)) and (self.day in (None, 1))
        return self.year if starts_year else self.year + 1


def parse_wrong_from(value: Any) -> WrongFrom | None:
    """2022-05-01 (YAML date or string), "2021-08", 2021 → WrongFrom; raises ParamError."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return WrongFrom(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        parts = value.strip().split("-")
        if 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
            nums = [int(p) for p in parts]
            try:
                datetime.date(
                    nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1
                )
            except ValueError:
                pass
            else:
                return WrongFrom(nums[0], *[*nums[1:], None, None][:2])
    raise ParamError("wrong_from", f"wrong_from“{value}”应为日期（2022-05-01、2021-08 或 2021）")


class OutdatedReference(BaseKind):
    name: ClassVar[str] = "outdated_reference"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"match", "replaced_by", "since", "first_year", "replacement"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.patterns:
            raise ParamError("patterns", "patterns 不能为空")
        self._patterns = [compile_regex("patterns", p) for p in params.patterns]
        if params.group is not None and not any(
            params.group in p.groupindex for p in self._patterns
        ):
            raise ParamError("group", f"模式中没有名为“{params.group}”的分组")
        self._wrong_from = parse_wrong_from(params.wrong_from)
        self._first_year = (
            None if self._wrong_from is None else self._wrong_from.first_year(params.compare)
        )
        self._frames, self._unless_sentence = compile_frames(params)
        self._unless = alternation("unless", params.unless)

    @property
    def first_year(self) -> int | None:
        """The first report year in which the old form is stale (None: always)."""
        return self._first_year

    def _matches(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of every pattern; where they overlap the earliest (then longest) one wins."""
        spans: list[tuple[int, int]] = []
        for pattern in self._patterns:
            for m in finditer(pattern, doc.text):
                group = self.params.group
                if group is not None and group in pattern.groupindex:
                    start, end = m.span(group)
                else:
                    start, end = m.span()
                if start < end:
                    spans.append((start, end))
        spans.sort(key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, end))
        return kept

    def guaranteed_fields(self) -> frozenset[str]:
        return YEAR_FIELDS  # time-aware: silent when the report year is unknown

    def run(self, doc: Document) -> Iterator[Finding]:
        year = doc.report_year
        if self._first_year is not None and (year is None or year < self._first_year):
            return
        params = self.params
        text = doc.text
        chrome = doc.structure.chrome_lines
        since = self._wrong_from.chinese if self._wrong_from else ""
        for start, end in self._matches(doc):
            if chrome and doc.position(start)[0] in chrome:
                continue
            if any_overlap(self._unless, text, start, end, params.unless_window):
                continue
            if in_sentence(self._unless_sentence, text, start, end, SENTENCE_LIMIT):
                continue
            how = verdict(self._frames.classify(text, start, end, year), params)
            if how is None:
                continue
            severity, message = how
            matched = text[start:end]
            args = {
                "match": matched,
                "replaced_by": params.replaced_by,
                "since": since,
                "first_year": "" if self._first_year is None else str(self._first_year),
            }
            replacement = params.fixes.get(matched)
            if replacement is not None:
                args["replacement"] = replacement
            yield Finding(
                start=start,
                end=end,
                args=args,
                suggestion=replacement,
                replacement=replacement,
                severity=severity,
                message=message,
            )

    def explain(self) -> list[str]:
        params = self.params
        lines = [f"现行文件或表述：{params.replaced_by}"]
        if self._wrong_from is None:
            lines.append("过时日期：无（任何年度都是错误写法）")
        else:
            how = (
                "按起草时间比较：年度报告在次年年初起草，当年内已被取代即算过时"
                if params.compare == "drafting"
                else "按所述事件比较：整个报告年度都在该日期之后才算过时"
            )
            lines.append(f"过时日期：{self._wrong_from.chinese}（{how}）")
            lines.append(f"适用的报告年度：{self._first_year}年及以后")
        lines.append("识别的写法：" + "；".join(params.patterns))
        if params.fixes:
            lines.append("建议替换：" + "；".join(f"{k} → {v}" for k, v in params.fixes.items()))
        if params.frames:
            lines.append("现行依据语境：" + "；".join(params.frames))
            lines.append(
                {
                    "report": "无此语境时照常报告",
                    "info": "无此语境时降为提示",
                    "skip": "无此语境时不报告",
                }[params.unframed]
            )
        if params.historical:
            lines.append(
                "历史叙述标志（"
                + ("降为提示" if params.in_history == "info" else "不报告")
                + "）："
                + "；".join(params.historical)
            )
        if params.unless or params.unless_sentence:
            lines.append("白名单：" + "；".join([*params.unless, *params.unless_sentence]))
        return lines

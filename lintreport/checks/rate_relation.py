"""A rate stated with its counts in one sentence must equal their quotient.

## What it checks

For each rate of `rates` (受理率 = 受理/收到, 出庭率 = 出庭/开庭 …) stated as a percentage, in the
same sentence the count after a `numerator` word and the count after a `denominator` word
(`收到行政复议申请418件，受理363件，受理率86.8%`). The quotient must round to the stated rate:
86.8% means 86.75-86.85, and with `allow_truncation` also a truncated 86.8 (86.8-86.9).

The check never guesses: it stays silent unless the sentence pairs the rate with exactly one
numerator figure and one denominator figure of the same unit. A rate written with a qualifier
that is not in `prefixes` (准期结案率, 综合纠错率) is a different rate and is left alone, and so is
a rate shared by a list (答复率、办理反馈率均为100%).

## Why

A rate that does not match its own counts is a plain arithmetic error, and reviewers recompute
them: a rate stated together with its numerator and denominator should recompute within
rounding.

## Example

```yaml
- id: rate-does-not-match-counts
  kind: rate_relation
  category: number
  severity: error
  message: "按 {numerator} {unit}和 {denominator} {unit}计算，{rate}应为 {expected}%"
  source: 《党政机关公文处理工作条例》公文审核：数字准确
  rates:
    - name: 受理率
      numerator: [受理]
      denominator: [收到, 接收]
  examples:
    bad:
      - text: 全年收到行政复议申请120件，受理96件，受理率[[85%]]。
    good:
      - 全年收到行政复议申请418件，受理363件，受理率86.8%。
```

## Where it points

At the stated rate (`85%`): the counts are the evidence, the rate is the derived figure.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..text.quantities import (
    MAX_FIGURES_PER_SENTENCE,
    Interval,
    Quantity,
    find_quantities,
    format_number,
    sentence_around,
)
from .base import BaseKind, ParamError, literal_alternation


@dataclass(frozen=True, kw_only=True)
class Rate:
    name: str = field(metadata={"doc": "比率名称，如 受理率"})
    numerator: list[str] = field(metadata={"doc": "分子关键词：其后紧跟的数字是分子"})
    denominator: list[str] = field(metadata={"doc": "分母关键词：其后紧跟的数字是分母"})


@dataclass(frozen=True, kw_only=True)
class Params:
    rates: list[Rate] = field(metadata={"doc": "比率及其分子、分母关键词"})
    prefixes: list[str] = field(
        default_factory=list,
        metadata={"doc": "比率名称前允许的修饰语（其他修饰语表示另一种比率，不检查）"},
    )
    negations: list[str] = field(
        default_factory=lambda: ["不予", "未", "不"],
        metadata={"doc": "关键词前出现这些词时不算（不予受理 ≠ 受理）"},
    )
    links: list[str] = field(
        default_factory=lambda: ["为", "达", "达到", "均为", "是", "稳定在", "保持在"],
        metadata={"doc": "比率名称与百分数之间允许的词"},
    )
    max_gap: int = field(default=12, metadata={"doc": "关键词与其数字之间最多的字数"})
    tolerance: float = field(default=0.0, metadata={"doc": "舍入之外的容差（百分点）"})
    allow_truncation: bool = field(
        default=True, metadata={"doc": "也接受截断而非四舍五入的写法（86.84% 写作 86.8%）"}
    )


class RateRelation(BaseKind):
    name: ClassVar[str] = "rate_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"rate", "numerator", "denominator", "unit", "expected", "stated"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.rates:
            raise ParamError("rates", "需要至少一个比率")
        for rate in params.rates:
            if not rate.name.endswith("率") or not rate.numerator or not rate.denominator:
                raise ParamError("rates", f"比率“{rate.name}”需以“率”结尾并给出分子和分母关键词")
        self._rates = {r.name: r for r in params.rates}
        links = literal_alternation(params.links) if params.links else "(?!)"
        self._mention = regex.compile(
            rf"(?P<name>{literal_alternation(self._rates)})\p{{Zs}}*(?:{links})?\p{{Zs}}*"
        )
        self._prefix = regex.compile(
            rf"(?:{literal_alternation(params.prefixes)})$" if params.prefixes else "(?!)"
        )
        self._negation = regex.compile(
            rf"(?:{literal_alternation(params.negations)})$" if params.negations else "(?!)"
        )
        self._words = {
            name: (
                regex.compile(literal_alternation(r.numerator)),
                regex.compile(literal_alternation(r.denominator)),
            )
            for name, r in self._rates.items()
        }
        self._gap = regex.compile(rf"[\p{{Han}}“”《》]{{0,{params.max_gap}}}")

    def explain(self) -> list[str]:
        lines = ["分子、分母的配对（句中各只有一个数字时才计算）："]
        for r in self.params.rates:
            lines.append(f"  {r.name} = {'/'.join(r.numerator)} ÷ {'/'.join(r.denominator)}")
        if self.params.prefixes:
            lines.append(f"比率名称前允许的修饰语：{'、'.join(self.params.prefixes)}")
        truncation = "，也接受截断写法" if self.params.allow_truncation else ""
        extra = self.params.tolerance
        lines.append(f"容差：按文中小数位四舍五入{truncation}，另加 {extra} 个百分点")
        return lines

    def _qualified_elsewhere(self, text: str, start: int, lo: int) -> bool:
        """Whether Han text before the rate name makes it another rate (准期结案率).

        A possessive 的 (申请的受理率) names the scope, not another rate."""
        if start == lo or text[start - 1] == "的" or not regex.match(r"\p{Han}", text[start - 1]):
            return False
        return self._prefix.search(text, max(lo, start - 12), start) is None

    def _counts(
        self, text: str, words: regex.Pattern[str], qs: list[Quantity], lo: int, hi: int
    ) -> list[Quantity]:
        """Counts that directly follow one of `words` (the first figure after it)."""
        found: list[Quantity] = []
        for m in words.finditer(text, lo, hi):
            if self._negation.search(text, max(lo, m.start() - 3), m.start()):
                continue
            gap = self._gap.match(text, m.end(), hi)
            limit = gap.end() if gap else m.end()
            i = bisect_left(qs, m.end(), key=lambda q: q.start)
            q = qs[i] if i < len(qs) else None
            if q is None or q.start > limit or q.percent or not q.unit:
                continue
            if "率" in text[m.end() : q.start]:
                continue  # 受理率86.8% is a rate, not a count of 受理
            found.append(q)
        return found

    def _check(
        self, text: str, name: str, stated: Quantity, qs: list[Quantity], lo: int, hi: int
    ) -> Finding | None:
        num_words, den_words = self._words[name]
        nums = {(q.start, q.end): q for q in self._counts(text, num_words, qs, lo, hi)}
        dens = {
            (q.start, q.end): q
            for q in self._counts(text, den_words, qs, lo, hi)
            if (q.start, q.end) not in nums
        }
        if len({q.interval for q in nums.values()}) != 1:
            return None
        if len({q.interval for q in dens.values()}) != 1:
            return None
        num, den = next(iter(nums.values())), next(iter(dens.values()))
        if num.unit != den.unit:
            return None
        computed = num.interval / den.interval * Interval.exact(100.0)
        unit_step = 10.0**-stated.decimals
        allowed = stated.interval
        if self.params.allow_truncation and not stated.approximate:
            # Truncation reaches up to, not including, the next step: 86.8 covers [86.8, 86.9).
            allowed = Interval(allowed.low, stated.value + unit_step * 0.999)
        if computed.meets(allowed, self.params.tolerance):
            return None
        decimals = max(1, stated.decimals)
        expected = (computed.low + computed.high) / 2
        return Finding(
            start=stated.start,
            end=stated.end,
            args={
                "rate": name,
                "numerator": num.display(),
                "denominator": den.display(),
                "unit": num.unit,
                "expected": format_number(expected, decimals),
                "stated": stated.display(),
            },
        )

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        # Only sentences with a 率 are parsed at all: find it, then cut the sentence around it.
        pos = text.find("率")
        while pos >= 0:
            lo, hi = sentence_around(text, pos)
            pos = text.find("率", hi)
            qs: list[Quantity] | None = None
            for m in self._mention.finditer(text, lo, hi):
                shared = "、和及与"
                if (m.end() < hi and text[m.end()] in shared) or (
                    m.start() > lo and text[m.start() - 1] in shared
                ):
                    continue  # one figure shared by several rates
                if self._qualified_elsewhere(text, m.start(), lo):
                    continue
                if qs is None:
                    qs = find_quantities(text, lo, hi)
                if len(qs) > MAX_FIGURES_PER_SENTENCE:
                    break
                stated = next((q for q in qs if q.start == m.end()), None)
                if stated is None or not stated.percent:
                    continue
                finding = self._check(text, m.group("name"), stated, qs, lo, hi)
                if finding is not None:
                    yield finding

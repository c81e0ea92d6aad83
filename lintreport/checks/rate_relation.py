"""A rate stated with its counts must equal their quotient.

## What it checks

For each rate of `rates` (受理率 = 受理/收到, 出庭率 = 出庭/开庭 …) stated as a percentage, in the
same sentence the count after a `numerator` word and the count after a `denominator` word
(`收到行政复议申请418件，受理363件，受理率86.8%`). The quotient must round to the stated rate:
86.8% means 86.75-86.85, and with `allow_truncation` also a truncated 86.8 (86.8-86.9).

With `stems: true`, any other `X率` is checked by its stem: the numerator is the count right after
X (`按时答复301件` for 按时答复率; also `成功X`, `X成功`, `已X`), the denominator the nearest count
before it, which must follow one of `totals` (`办理群众来信320件`); if another count of the unit
stands between them (a subtotal: `审结180件，其中按时审结170件`), or two totals precede it
(`收到320件，受理300件，按时答复280件`), the rule says nothing.

When the rate's own sentence has no count (`…办结2105件。全年办结率97.9%`), the counts are taken
from the sentence just before it, in the same paragraph.

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
  stems: true
  totals: [收到, 受理, 办理, 排查]
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

import functools
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.quantities import (
    MAX_FIGURES_PER_SENTENCE,
    Interval,
    Quantity,
    format_number,
    sentence_around,
)
from ._figures import figures_in
from ._prose import prose_view
from .base import BaseKind, ParamError, count_relation, literal_alternation

_SHARED = "、和及与"  # a rate name next to one of these shares its figure with another rate
_HEAD_STOP = frozenset("的率" + _SHARED)
_MAX_HEAD = 12  # Han characters of a rate name before 率


@functools.cache  # compiled on first use rather than at import (start-up); once per process
def _han() -> regex.Pattern[str]:
    """One Han character: `regex.match(pattern, …)` looked the pattern up again per call,
    3% of a corpus run (6,000 calls per 200 reports)."""
    return regex.compile(r"\p{Han}")


@functools.lru_cache(maxsize=256)  # stems are read from reports: bounded, per process
def _stem_forms(stem: str) -> regex.Pattern[str]:
    """The forms of a rate's stem as a count word (办结, 成功调解, 调解成功)."""
    base = stem.removesuffix("成功")
    forms = {stem, "成功" + base, base + "成功"} if base else {stem}
    return regex.compile(literal_alternation(forms))


@record(frozen=True, kw_only=True)
class Rate:
    name: str = field(metadata={"doc": "比率名称，如 受理率"})
    numerator: list[str] = field(metadata={"doc": "分子关键词：其后紧跟的数字是分子"})
    denominator: list[str] = field(metadata={"doc": "分母关键词：其后紧跟的数字是分母"})


@record(frozen=True, kw_only=True)
class Params:
    rates: list[Rate] = field(
        default_factory=list, metadata={"doc": "比率及其分子、分母关键词（分子不是比率词干的）"}
    )
    stems: bool = field(
        default=False,
        metadata={"doc": "其他“X率”按词干核对：分子是“X N件”，分母是其前最近的总数"},
    )
    totals: list[str] = field(
        default_factory=list,
        metadata={"doc": "stems：引出总数（分母）的词，如 收到、受理、办理、排查"},
    )
    stem_leads: list[str] = field(
        default_factory=lambda: ["已", "成功", "共", "均", "全部", "依法", "全年", "实际"],
        metadata={"doc": "stems：分子词干前允许的词（其他修饰语表示另一个数，不算分子）"},
    )
    not_stems: list[str] = field(
        default_factory=lambda: ["增长", "增加", "下降", "减少", "上升", "提高", "降低", "同比"],
        metadata={"doc": "stems：词干含这些词的比率（增长率之类）不按词干核对"},
    )
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
    max_gap: int = field(default=20, metadata={"doc": "关键词与其数字之间最多的字数"})
    tolerance: float = field(default=0.0, metadata={"doc": "舍入之外的容差（百分点）"})
    allow_truncation: bool = field(
        default=True, metadata={"doc": "也接受截断而非四舍五入的写法（86.84% 写作 86.8%）"}
    )


_MAX_GAP = 200  # characters between a keyword and its figure: a sentence, not a page


@record(frozen=True, slots=True)
class _Window:
    """The figures a rate may be computed from: its sentence, or the one before it."""

    lo: int
    hi: int
    qs: list[Quantity]


class RateRelation(BaseKind):
    name: ClassVar[str] = "rate_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"rate", "numerator", "denominator", "unit", "expected", "stated"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.rates and not params.stems:
            raise ParamError("rates", "需要至少一个比率，或 stems: true")
        if params.stems and not params.totals:
            raise ParamError("totals", "stems 需要引出总数的词")
        for rate in params.rates:
            if not rate.name.endswith("率") or not rate.numerator or not rate.denominator:
                raise ParamError("rates", f"比率“{rate.name}”需以“率”结尾并给出分子和分母关键词")
        if not 0 <= params.max_gap <= _MAX_GAP:
            # also keeps the gap pattern below regex's repeat limit (a huge one was 内部错误)
            raise ParamError("max_gap", f"应为 0 到 {_MAX_GAP} 之间的整数")
        self._rates = {r.name: r for r in params.rates}
        links = literal_alternation(params.links) if params.links else "(?!)"
        self._link = regex.compile(rf"\p{{Zs}}*(?:{links})?\p{{Zs}}*")
        self._prefix = regex.compile(
            rf"(?:{literal_alternation(params.prefixes)})$" if params.prefixes else "(?!)"
        )
        self._strip = regex.compile(
            rf"^(?:{literal_alternation(params.prefixes)})+" if params.prefixes else "(?!)"
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
        self._totals = regex.compile(
            literal_alternation(params.totals) if params.totals else "(?!)"
        )
        self._leads = regex.compile(
            rf"(?:{literal_alternation(params.stem_leads)})$" if params.stem_leads else "(?!)"
        )
        self._not_stem = regex.compile(
            literal_alternation(params.not_stems) if params.not_stems else "(?!)"
        )
        self._gap = regex.compile(rf"[\p{{Han}}“”《》]{{0,{params.max_gap}}}")
        self._object = regex.compile(r"\p{Han}{0,6}")

    def explain(self) -> list[str]:
        lines = ["分子、分母的配对（句中各只有一个数字时才计算）："]
        for r in self.params.rates:
            lines.append(f"  {r.name} = {'/'.join(r.numerator)} ÷ {'/'.join(r.denominator)}")
        if self.params.stems:
            lines.append(
                f"其他“X率” = “X N件” ÷ 其前最近的总数（{'、'.join(self.params.totals)} …）"
            )
        if self.params.prefixes:
            lines.append(f"比率名称前允许的修饰语：{'、'.join(self.params.prefixes)}")
        truncation = "，也接受截断写法" if self.params.allow_truncation else ""
        extra = self.params.tolerance
        lines.append(f"容差：按文中小数位四舍五入{truncation}，另加 {extra} 个百分点")
        return lines

    # -- the rate's name -------------------------------------------------------------------

    def _name(self, text: str, head: str) -> tuple[str, str | None] | None:
        """(name, stem) of the rate whose Han text before 率 is `head`: stem None for a rate of
        the table; None when the rate is qualified into another one (准期结案率) or unknown."""
        full = head + "率"
        for name in sorted(self._rates, key=len, reverse=True):
            if full.endswith(name):
                qualifier = full[: -len(name)]
                if not qualifier or self._prefix.search(qualifier) is not None:
                    return name, None
                break  # 按时答复率 is not 答复率: its own stem may still tell
        if not self.params.stems:
            return None
        stem = head[self._strip.match(head).end() :] if self._strip.match(head) else head
        if len(stem) < 2 or self._not_stem.search(stem):
            return None
        return stem + "率", stem

    # -- counts ----------------------------------------------------------------------------

    def _after(
        self, text: str, word_end: int, gap: regex.Pattern[str], qs: list[Quantity], hi: int
    ) -> Quantity | None:
        """The count right after a word: only Han text (the object) between them."""
        m = gap.match(text, word_end, hi)
        limit = m.end() if m else word_end
        i = bisect_left(qs, word_end, key=lambda q: q.start)
        q = qs[i] if i < len(qs) else None
        if q is None or q.start > limit or q.percent or not q.unit:
            return None
        if "率" in text[word_end : q.start]:
            return None  # 受理率86.8% is a rate, not a count of 受理
        return q

    def _counts(self, text: str, words: regex.Pattern[str], w: _Window) -> list[Quantity]:
        """Counts that directly follow one of `words` (the first figure after it)."""
        found: list[Quantity] = []
        for m in words.finditer(text, w.lo, w.hi):
            if self._negation.search(text, max(w.lo, m.start() - 3), m.start()):
                continue
            q = self._after(text, m.end(), self._gap, w.qs, w.hi)
            if q is not None:
                found.append(q)
        return found

    def _table_pair(self, text: str, name: str, w: _Window) -> tuple[Quantity, Quantity] | None:
        num_words, den_words = self._words[name]
        nums = {(q.start, q.end): q for q in self._counts(text, num_words, w)}
        dens = {
            (q.start, q.end): q
            for q in self._counts(text, den_words, w)
            if (q.start, q.end) not in nums
        }
        if len({q.interval for q in nums.values()}) != 1:
            return None
        if len({q.interval for q in dens.values()}) != 1:
            return None
        return next(iter(nums.values())), next(iter(dens.values()))

    def _stem_pair(self, text: str, stem: str, w: _Window) -> tuple[Quantity, Quantity] | None:
        nums: dict[int, Quantity] = {}
        for m in _stem_forms(stem).finditer(text, w.lo, w.hi):
            before = text[max(w.lo, m.start() - 6) : m.start()]
            if before and _han().match(before[-1]) and not self._leads.search(before):
                continue  # 按时办结 is not a count of 办结
            q = self._after(text, m.end(), self._object, w.qs, w.hi)
            if q is not None:
                nums[q.start] = q
        if len({q.interval for q in nums.values()}) != 1:
            return None
        num = min(nums.values(), key=lambda q: q.start)
        # The denominator is the nearest count of the unit before the numerator, and it must
        # read as a total; anything else between them (a subtotal, another scope) is ambiguous.
        before = [q for q in w.qs if q.end <= num.start and q.unit == num.unit and not q.percent]
        if not before:
            return None
        den = before[-1]
        totals = [q for q in self._counts(text, self._totals, w) if q.end <= num.start]
        if den.start not in {q.start for q in totals}:
            return None
        if len({q.interval for q in totals if q.unit == num.unit}) != 1:
            return None  # 收到320件，受理300件，按时答复280件: which is the base cannot be told
        return num, den

    # -- checking --------------------------------------------------------------------------

    def _check(
        self, name: str, stem: str | None, stated: Quantity, text: str, w: _Window
    ) -> Finding | None:
        pair = self._table_pair(text, name, w) if stem is None else self._stem_pair(text, stem, w)
        if pair is None:
            return None
        num, den = pair
        if num.unit != den.unit or not num.interval.may_be_at_most(den.interval):
            return None  # more done than there were: the pairing, not the rate, is wrong
        count_relation()
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

    def _window(self, doc: Document, lo: int, hi: int, qs: list[Quantity]) -> _Window | None:
        """The rate's sentence if it has a count; else the sentence before it in its line."""
        if any(q.unit and not q.percent for q in qs):
            return _Window(lo, hi, qs)
        text = doc.text
        line_start = text.rfind("\n", 0, lo) + 1
        if lo - 1 <= line_start:
            return None
        plo, phi = sentence_around(text, lo - 2 if lo >= 2 else 0)
        if plo < line_start or phi >= lo:
            return None
        pqs = figures_in(doc, plo, phi)
        if len(pqs) > MAX_FIGURES_PER_SENTENCE:
            return None
        return _Window(plo, hi, [*pqs, *qs])

    def run(self, doc: Document) -> Iterator[Finding]:
        view, back = prose_view(doc)
        return back(self._run(view))

    def _run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        # Only sentences with a 率 are parsed at all: find it, then cut the sentence around it.
        pos = text.find("率")
        while pos >= 0:
            lo, hi = sentence_around(text, pos)
            qs: list[Quantity] | None = None
            window: _Window | None = None
            at = pos
            pos = text.find("率", hi)
            while at >= 0:
                finding, qs, window = self._at(doc, at, lo, hi, qs, window)
                if finding is not None:
                    yield finding
                at = text.find("率", at + 1, hi)

    def _at(
        self,
        doc: Document,
        at: int,
        lo: int,
        hi: int,
        qs: list[Quantity] | None,
        window: _Window | None,
    ) -> tuple[Finding | None, list[Quantity] | None, _Window | None]:
        """The finding for the 率 at `at`, if any; also the sentence's figures and window,
        parsed once per sentence and only for a rate followed by a percentage."""
        text = doc.text
        start = at
        while start > max(lo, at - _MAX_HEAD) and text[start - 1] not in _HEAD_STOP:
            if not _han().match(text[start - 1]):
                break
            start -= 1
        link = self._link.match(text, at + 1, hi)
        after = link.end() if link else at + 1
        if start == at or (after < hi and text[after] in _SHARED):
            return None, qs, window
        if start > lo and text[start - 1] in _SHARED:
            return None, qs, window  # 答复率、办理反馈率均为100%: one figure for several rates
        named = self._name(text, text[start:at])
        if named is None:
            return None, qs, window
        if qs is None:
            qs = figures_in(doc, lo, hi)
        if len(qs) > MAX_FIGURES_PER_SENTENCE:
            return None, qs, window
        stated = next((q for q in qs if q.start == after), None)
        if stated is None or not stated.percent:
            return None, qs, window
        if window is None:
            window = self._window(doc, lo, hi, qs)
        if window is None:
            return None, qs, window
        return self._check(named[0], named[1], stated, text, window), qs, window

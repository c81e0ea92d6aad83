"""A share stated after a part of a stated total must equal the part divided by the total.

## What it checks

A breakdown of a total (`共收到申请126件，其中予以公开57件，占45.2%`): a percentage written right
after a part, as `占X%`, `占比X%`, `占总数的X%` or `（X%）`, is that part's share of the total, and
must round to part ÷ total (86.8% means 86.75 to 86.85; with `allow_truncation` also 86.8 to 86.9).

The total is the count of the same unit that opens the breakdown (`126件，其中`, `5230条（含`);
the sentence may go on across `；` (`予以公开57件，占45.2%；部分公开20件，占15.9%`), and a sentence
opening with `其中，` takes the count that ends the sentence before it (`共收到申请1499件。其中，
通过网络申请1303件，占86.92%`) if that is its only count. With no such
count, or two of them before the part (a breakdown inside a breakdown), the check says nothing;
so does a share of something else (`占全市的5%`).

## Why

Shares are how 政府信息公开 reports present nearly every breakdown (`占51.85%`); a share that does
not match its own counts is an arithmetic slip a reader can check in a second.

## Example

```yaml
- id: share-does-not-match-counts
  kind: share_relation
  category: number
  severity: error
  message: "按 {part} {unit}占 {total} {unit}计算，比例应为 {expected}%，文中为 {stated}%，请核对。"
  source: 《党政机关公文处理工作条例》公文审核：数字准确
  examples:
    bad:
      - text: 全年共收到申请126件，其中予以公开57件，占[[48.2%]]。
    good:
      - 全年共收到申请126件，其中予以公开57件，占45.2%。
```

## Where it points

At the stated share (`48.2%`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.quantities import (
    FIGURE_PATTERN,
    MAX_FIGURES_PER_SENTENCE,
    Interval,
    Quantity,
    format_number,
    sentence_around,
)
from ._figures import figures_in
from ._prose import prose_view
from .base import BaseKind, ParamError, count_relation, literal_alternation

# Shares of one breakdown run on across ； (予以公开57件，占45.2%；部分公开20件，占15.9%), so the
# span is cut at full stops and line ends only.
_SPAN_ENDS = "。！？!?\n"
_SPAN_END = regex.compile(f"[{_SPAN_ENDS}]")
_NOT_A_TOTAL = regex.compile(
    r"(?:同比|增长|增加|减少|下降|相较|去年|上年|前年|同期|结转|人均|平均|每)[^，,、；;：:（(）)]*$"
)
_PERCENT = regex.compile("[%\uff05]")


@record(frozen=True, kw_only=True)
class Params:
    check: Literal["part", "closed_sum"] = field(
        default="part",
        metadata={"doc": "part：比例 = 分项 ÷ 总数；closed_sum：以“其他”收尾的一组比例之和为 100%"},
    )
    markers: list[str] = field(
        default_factory=lambda: [
            "占比为",
            "占比达",
            "占比",
            "占总数的",
            "占总量的",
            "占全部的",
            "占",
        ],
        metadata={"doc": "分项数字与百分数之间的词（其他说法表示另一个基数，不检查）"},
    )
    brackets: bool = field(default=True, metadata={"doc": "也核对紧跟分项的“（X%）”"})
    openers: list[str] = field(
        default_factory=lambda: ["其中", "包括", "包含", "分别为", "分别是", "含"],
        metadata={"doc": "总数之后引出分项的词"},
    )
    closing_words: list[str] = field(
        default_factory=lambda: ["其他", "其余", "其它"],
        metadata={"doc": "closed_sum：最后一项的标签以这些词开头时，这组比例是全部"},
    )
    tolerance: float = field(default=0.0, metadata={"doc": "舍入之外的容差（百分点）"})
    allow_truncation: bool = field(
        default=True, metadata={"doc": "也接受截断而非四舍五入的写法（51.857% 写作 51.85%）"}
    )


class ShareRelation(BaseKind):
    name: ClassVar[str] = "share_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"part", "total", "unit", "expected", "stated", "sum", "shares"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.markers and not params.brackets:
            raise ParamError("markers", "需要至少一个引出比例的词，或 brackets: true")
        if not params.openers:
            raise ParamError("openers", "需要至少一个引出分项的词")
        markers = literal_alternation(params.markers) if params.markers else "(?!)"
        self._marker = regex.compile(
            rf"(?P<open>[（(])?[，,]?\p{{Zs}}*(?:{markers})(?:为|达到|达)?\p{{Zs}}*"
        )
        self._opener = regex.compile(
            rf"\p{{Zs}}*[，,（(]?\p{{Zs}}*(?:{literal_alternation(params.openers)})"
        )
        self._leading = regex.compile(
            rf"\p{{Zs}}*(?:{literal_alternation(params.openers)})[，,：:]"
        )
        # One item of a list of shares: its label, maybe its count, then 占X% or （X%）.
        self._item = regex.compile(
            rf"[，,、；;：:]?\p{{Zs}}*(?P<label>[\p{{Han}}“”]{{1,20}}?)\p{{Zs}}*"
            rf"(?P<count>(?:{FIGURE_PATTERN})\p{{Zs}}*)?"
            rf"(?:[，,]?\p{{Zs}}*(?:{markers})(?:为|达到|达)?|(?P<open>[（(]))\p{{Zs}}*"
        )
        self._any_opener = regex.compile(literal_alternation(params.openers))

    def explain(self) -> list[str]:
        words = "、".join(self.params.markers)
        bracket = "，或紧跟分项的“（X%）”" if self.params.brackets else ""
        return [
            f"分项之后的比例：{words}{bracket}；基数是引出分项的总数（{'、'.join(self.params.openers)}）",
            "按文中小数位四舍五入" + ("，也接受截断写法" if self.params.allow_truncation else ""),
        ]

    def _is_share(self, text: str, part: Quantity, share: Quantity) -> bool:
        between = text[part.end : share.start]
        if self.params.brackets and between in ("（", "("):
            return share.end < len(text) and text[share.end] in "）)"
        m = self._marker.fullmatch(between)
        if m is None:
            return False
        # （占45.2%） needs its closing bracket right after the share
        return not m.group("open") or (share.end < len(text) and text[share.end] in "）)")

    def _total(
        self, text: str, qs: list[Quantity], part: Quantity, before: Quantity | None
    ) -> Quantity | None:
        """The count that opens the breakdown `part` belongs to; `before` is the count that
        ends the previous sentence when this one opens with 其中 (…1499件。其中，…)."""
        heads = [
            q
            for q in qs
            if q.end <= part.start
            and q.unit == part.unit
            and self._opener.match(text, q.end, part.start) is not None
        ]
        if before is not None and before.unit == part.unit:
            heads.insert(0, before)
        if len(heads) != 1:
            return None
        head = heads[0]
        if _NOT_A_TOTAL.search(text, max(0, head.start - 12), head.start):
            return None  # 同比下降10件，其中…: a change or a carry-over, not a total
        return head

    def _before(self, doc: Document, lo: int, hi: int) -> Quantity | None:
        """For a sentence opening with an opener (其中，…), the count the sentence before it
        ends with, if that sentence (in the same paragraph) has no other count."""
        text = doc.text
        if not self._leading.match(text, lo, hi) or lo < 2 or text[lo - 1] == "\n":
            return None
        plo, _ = sentence_around(text, lo - 2)
        counts = [q for q in figures_in(doc, plo, lo - 1) if q.unit and not q.percent]
        if len(counts) != 1 or text[counts[0].end : lo - 1].strip():
            return None
        return counts[0]

    def _check(self, part: Quantity, total: Quantity, share: Quantity) -> Finding | None:
        if not part.interval.may_be_at_most(total.interval):
            return None  # a part larger than its total: the pairing is not what we think
        count_relation()
        computed = part.interval / total.interval * Interval.exact(100.0)
        allowed = share.interval
        if self.params.allow_truncation and not share.approximate:
            allowed = Interval(allowed.low, share.value + 10.0**-share.decimals * 0.999)
        if computed.meets(allowed, self.params.tolerance):
            return None
        expected = (computed.low + computed.high) / 2
        return Finding(
            start=share.start,
            end=share.end,
            args={
                "part": part.display(),
                "total": total.display(),
                "unit": part.unit,
                "expected": format_number(expected, max(1, share.decimals)),
                "stated": share.display(),
            },
        )

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans cut at full stops and line ends that contain a percent sign, found from the
        percent signs (most spans have none: walking every span was 4% of a corpus run)."""
        pos = 0  # where the span after the last one yielded starts
        while (percent := _PERCENT.search(text, pos)) is not None:
            at = percent.start()
            lo = max(pos - 1, *(text.rfind(c, pos, at) for c in _SPAN_ENDS)) + 1
            end = _SPAN_END.search(text, at)
            if end is None:
                yield lo, len(text)
                return
            yield lo, end.start()
            pos = end.end()

    def run(self, doc: Document) -> Iterator[Finding]:
        view, back = prose_view(doc)
        return back(self._run(view))

    def _run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for lo, hi in self._spans(text):
            qs = figures_in(doc, lo, hi)
            if len(qs) > MAX_FIGURES_PER_SENTENCE:
                continue
            if self.params.check == "closed_sum":
                yield from self._closed_sums(text, qs, lo, hi)
                continue
            counts = [q for q in qs if q.unit and not q.percent]
            before = self._before(doc, lo, hi)
            for i in range(1, len(qs)):
                share, part = qs[i], qs[i - 1]
                if not share.percent or part.percent or not part.unit:
                    continue
                if not self._is_share(text, part, share):
                    continue
                total = self._total(text, counts, part, before)
                if total is None:
                    continue
                finding = self._check(part, total, share)
                if finding is not None:
                    yield finding

    def _closed_sums(self, text: str, qs: list[Quantity], lo: int, hi: int) -> Iterator[Finding]:
        """Lists of shares after an opener that end with 其他: together they are the whole."""
        shares = [q for q in qs if q.percent]
        for opener in self._any_opener.finditer(text, lo, hi):
            pos = opener.end()
            items: list[tuple[str, Quantity]] = []
            counted = False
            for q in shares:
                if q.start < pos:
                    continue
                m = self._item.fullmatch(text, pos, q.start)
                if m is None:
                    break
                end = q.end
                if m.group("open"):
                    if end >= hi or text[end] not in "）)":
                        break
                    end += 1
                items.append((m.group("label"), q))
                counted = counted or bool(m.group("count"))
                pos = end
            if len(items) < 2 or not items[-1][0].startswith(tuple(self.params.closing_words)):
                continue
            if counted:
                continue  # shares with their counts are checked one by one (check: part)
            if pos < hi and text[pos] not in "。；;":
                continue  # the list goes on past its 其他: not the whole
            yield from self._sum_finding([q for _, q in items])

    def _sum_finding(self, shares: list[Quantity]) -> Iterator[Finding]:
        count_relation()
        total = Interval.exact(0.0)
        for q in shares:
            allowed = q.interval
            if self.params.allow_truncation and not q.approximate:
                allowed = Interval(allowed.low, q.value + 10.0**-q.decimals * 0.999)
            total = total + allowed
        if total.meets(Interval.exact(100.0), self.params.tolerance):
            return
        last = shares[-1]
        decimals = max(q.decimals for q in shares)
        nominal = sum(q.value for q in shares)
        yield Finding(
            start=last.start,
            end=last.end,
            args={
                "sum": format_number(nominal, decimals),
                "shares": "+".join(q.text for q in shares),
                "stated": last.display(),
            },
        )

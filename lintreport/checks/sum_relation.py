"""A stated total and the parts listed with it must agree.

## What it checks

Three shapes of text, each in one sentence, all figures in the same unit:

- `parenthesised`: a total followed by a bracketed list of parts,
  `受理共88件（结案63件、维持38件……）`;
- `opener`: a total, then one of the `openers` (其中, 分别为) and the parts,
  `收到申请25件，其中受理20件、不予受理3件`;
- `total_after`: the parts, then one of the `total_markers` (合计, 共计) and the total,
  `维持10件、撤销12件，合计22件`.

`relation: at_most` asks that the parts add up to no more than the total (a breakdown after 其中
may be partial); `relation: equal` asks for equality, for the shapes where the text claims the
parts are the whole (合计 after the parts; 分别为). Figures are intervals (quantities.py), so
`300余本` is at least 300 and can exceed `共200本`, but `近百件` never breaks an equality.

Breakdowns nest: a part followed by its own bracketed list is checked against that list, and a
part that equals the sum of all the parts after it is read as their subtotal
(`结案63件、维持38件、撤销1件、驳回8件、责令3件、撤回13件`: 63 = 38+1+8+3+13).

## Why

Totals that do not match their parts are the figures reviewers catch first; they make every
other figure of the report doubtful.

## Example

```yaml
- id: parts-exceed-total
  kind: sum_relation
  category: number
  severity: error
  message: "各项之和{sum_phrase} {unit}（{parts}），超过总数 {total} {unit}。"
  source: 《党政机关公文处理工作条例》第十九条（情况属实、数据准确）
  shape: parenthesised
  relation: at_most
  examples:
    bad:
      - text: 共办理复议案件[[20件]]（维持12件、撤销6件、驳回5件）。
    good:
      - 共办理复议案件25件（维持12件、撤销6件、驳回5件）。
```

## Where it points

At the stated total; for a nested breakdown, at the part whose own breakdown does not fit.
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
    MAX_FIGURES_PER_SENTENCE,
    UNITS,
    Interval,
    Quantity,
    find_quantities,
    format_number,
    sentences,
)
from ._prose import prose_view
from .base import BaseKind, ParamError, count_relation, literal_alternation

_OPEN = "（("
_CLOSE = "）)"
_UNIT_ENDS = frozenset(u[-1] for u in UNITS)
_TOTAL_LABEL = 12  # characters before a total searched for words that make it no total
_BRACKET_SPAN = 1000  # characters: a bracketed breakdown is never longer
_BRACKET = regex.compile(r"[（()）]")
_LABEL = regex.compile(r"[\p{Han}“”‘’《》〈〉\p{Zs}]*")
_ENUMERATED_LABEL = regex.compile(
    r"[\p{Han}“”‘’《》〈〉\p{Zs}]+(?:、[\p{Han}“”‘’《》〈〉\p{Zs}]+)*|"
)
# The Han name right before a total (办理人大代表建议和政协提案58件), its verb-like tail (共) and
# the joints between the things it names.
_LABEL_BEFORE = regex.compile(r"[\p{Han}、]+$")
_TOTAL_TAIL = regex.compile(r"(?:共计|合计|总计|共|总数|总量)$")
_NAME_SPLIT = regex.compile(r"以及|和|及|与|、")
_LABEL_TRIM = regex.compile(
    r"^[\p{Zs}、，,；;（(：:]*(?:以及|和|及|与)?(?:其中|包括|包含|含|分别为|分别是|分为)?[，,：:]?\p{Zs}*"
)


def _label(text: str, start: int, end: int) -> str:
    """The label of a part: the text before its figure without separators and openers."""
    raw = text[start:end]
    return raw[_LABEL_TRIM.match(raw).end() :].strip()  # type: ignore[union-attr]


@record(frozen=True, kw_only=True)
class Params:
    shape: Literal["parenthesised", "opener", "total_after"] = field(
        metadata={"doc": "文本形状：总数后括号列出分项；总数后用“其中”等引出分项；分项后写合计"}
    )
    relation: Literal["at_most", "equal"] = field(
        default="at_most", metadata={"doc": "分项之和不超过总数（at_most）或等于总数（equal）"}
    )
    openers: list[str] = field(
        default_factory=lambda: ["其中"],
        metadata={"doc": "opener 形状：总数与分项之间的引导词"},
    )
    leading_words: list[str] = field(
        default_factory=lambda: ["其中", "含", "包括", "包含"],
        metadata={"doc": "括号内分项前可出现的引导词"},
    )
    total_markers: list[str] = field(
        default_factory=lambda: ["合计", "共计", "总计"],
        metadata={"doc": "total_after 形状：分项之后引出合计的词"},
    )
    separators: list[str] = field(
        default_factory=lambda: ["、", "，", ",", "和", "及", "以及", "与"],
        metadata={"doc": "分项之间的分隔符"},
    )
    stop_words: list[str] = field(
        default_factory=lambda: [
            "同比",
            "增长",
            "增加",
            "减少",
            "下降",
            "相较",
            "去年",
            "上年",
            "前年",
            "同期",
            "累计",
            "人均",
            "平均",
            "每",
        ],
        metadata={"doc": "分项标签中出现这些词时，分项列表到此为止（不是组成部分）"},
    )
    total_stop_words: list[str] = field(
        default_factory=lambda: [
            "同比",
            "增长",
            "增加",
            "减少",
            "下降",
            "相较",
            "去年",
            "上年",
            "前年",
            "同期",
            "结转",
            "人均",
            "平均",
            "每",
        ],
        metadata={"doc": "总数的标签中出现这些词时，它不是其后分项的总数（同比下降10件，其中……）"},
    )
    max_label: int = field(default=20, metadata={"doc": "分项标签的最大字数"})
    max_total_label: int = field(
        default=8, metadata={"doc": "total_after 形状：合计词与合计数之间最多的字数"}
    )
    nested: bool = field(default=True, metadata={"doc": "识别嵌套分项（小计及其明细）"})
    enumerated_labels: bool = field(
        default=False,
        metadata={"doc": "分项以逗号分隔时，标签内可有顿号（政策、规范性文件类信息68条）"},
    )
    exhaustive: Literal["listed", "closed", "named"] = field(
        default="listed",
        metadata={
            "doc": "equal 时何为列全：listed 后无“等”、无同单位数字；closed 还须以“其他/其余”"
            "一项收尾并就此结句；named 总数名称为“A和B”且分项恰为 A、B"
        },
    )
    defer_closed: bool = field(
        default=False,
        metadata={"doc": "以“其他/其余”收尾的列举不查，留给 closed 规则（免得报两次）"},
    )
    closing_words: list[str] = field(
        default_factory=lambda: ["其他", "其余", "其它"],
        metadata={"doc": "closed：收尾一项的标签以这些词开头"},
    )
    tolerance: float = field(default=0.0, metadata={"doc": "容差（与数值同单位）"})


@record(frozen=True, slots=True)
class _Part:
    quantity: Quantity
    children: tuple[_Part, ...] = ()


def _total(parts: list[_Part] | tuple[_Part, ...]) -> Interval:
    total = Interval.exact(0.0)
    for p in parts:
        total = total + p.quantity.interval
    return total


class SumRelation(BaseKind):
    name: ClassVar[str] = "sum_relation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"total", "sum", "sum_phrase", "unit", "parts", "difference"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if params.shape == "opener" and not params.openers:
            raise ParamError("openers", "opener 形状需要至少一个引导词")
        if params.shape == "total_after" and not params.total_markers:
            raise ParamError("total_markers", "total_after 形状需要至少一个合计词")
        if not params.separators:
            raise ParamError("separators", "需要至少一个分隔符")
        seps = literal_alternation(params.separators)
        self._sep = regex.compile(rf"^\p{{Zs}}*(?:{seps})?\p{{Zs}}*")
        self._lead = regex.compile(
            rf"^(?:{literal_alternation(params.leading_words)})[，,：:]?"
            if params.leading_words
            else r"^(?!)"
        )
        self._stop = (
            regex.compile(literal_alternation(params.stop_words)) if params.stop_words else None
        )
        self._total_stop = regex.compile(
            rf"(?:{literal_alternation(params.total_stop_words)})[^，,、；;：:（(）)]*$"
            if params.total_stop_words
            else "(?!)"
        )
        # `_cheap` is the literal test a sentence must pass before any parsing (see `_worth`).
        self._cheap: regex.Pattern[str] | None = None
        if params.shape == "opener":
            self._anchor = regex.compile(
                rf"\p{{Zs}}*[，,]?\p{{Zs}}*(?:{literal_alternation(params.openers)})[，,：:]?"
            )
            self._cheap = regex.compile(literal_alternation(params.openers))
        elif params.shape == "total_after":
            self._anchor = regex.compile(literal_alternation(params.total_markers))
            self._cheap = self._anchor

    # -- parsing -------------------------------------------------------------------------

    def _label_ok(self, gap: str, first: bool) -> bool:
        rest = gap
        enumerated = self.params.enumerated_labels
        if not first:
            m = self._sep.match(rest)
            if m is None or (m.end() == 0 and rest):
                return False
            rest = rest[m.end() :]
            # Parts separated by commas may name several things each (政策、规范性文件类信息68条);
            # where 、 separates the parts, it cannot also sit inside a label.
            enumerated = enumerated and "、" not in m.group()
        elif (m := self._lead.match(rest.strip())) is not None:
            rest = rest.strip()[m.end() :]
        label = _ENUMERATED_LABEL if enumerated else _LABEL
        if len(rest) > self.params.max_label or label.fullmatch(rest) is None:
            return False
        return not (self._stop and self._stop.search(rest))

    def _parse_list(
        self, text: str, qs: list[Quantity], i: int, pos: int, limit: int, unit: str
    ) -> tuple[list[_Part], int, int]:
        """Parts from `pos` up to `limit`: (parts, index of the next quantity, end position)."""
        parts: list[_Part] = []
        while i < len(qs) and qs[i].end <= limit:
            q = qs[i]
            if q.unit != unit or not self._label_ok(text[pos : q.start], first=not parts):
                break
            i += 1
            pos = q.end
            children: list[_Part] = []
            if pos < limit and text[pos] in _OPEN:
                close = _matching_close(text, pos, limit)
                if close is None:
                    break
                children, _, _ = self._parse_list(text, qs, i, pos + 1, close, unit)
                while i < len(qs) and qs[i].start < close:
                    i += 1
                pos = close + 1
            parts.append(_Part(q, tuple(children)))
        return parts, i, pos

    def _relations(self, text: str, lo: int, hi: int) -> Iterator[tuple[Quantity, list[_Part]]]:
        """(total, parts) pairs of the configured shape in one sentence."""
        qs = [q for q in find_quantities(text, lo, hi) if q.unit and not q.percent]
        if len(qs) > MAX_FIGURES_PER_SENTENCE:
            return
        shape = self.params.shape
        inside = lo  # end of the last bracketed list read: its parts are not totals again
        for k, total in enumerate(qs):
            if shape != "total_after" and self._total_stop.search(
                text, max(lo, total.start - _TOTAL_LABEL), total.start
            ):
                continue  # 同比下降10件、上年结转10件: a change or a carry-over, not a total
            if shape == "parenthesised":
                # 2599条（其中…）, and in web copies 2599条，(其中…)
                bracket = (
                    total.end + 1
                    if text.startswith(("，(", "，（", ",("), total.end)
                    else total.end
                )
                if total.start >= inside and bracket < hi and text[bracket] in _OPEN:
                    close = _matching_close(text, bracket, hi)
                    if close is None:
                        continue
                    inside = close
                    parts, _, _ = self._parse_list(text, qs, k + 1, bracket + 1, close, total.unit)
                    if parts and self._complete(text, total, parts, close, qs, lo):
                        yield total, parts
            elif shape == "opener":
                m = self._anchor.match(text, total.end, hi)
                if m is None:
                    continue
                parts, nxt, _ = self._parse_list(text, qs, k + 1, m.end(), hi, total.unit)
                if parts and self._complete(text, total, parts, hi, qs[nxt:], lo):
                    yield total, parts
            else:
                yield from self._total_after(text, qs, k, total)

    def _total_after(
        self, text: str, qs: list[Quantity], k: int, total: Quantity
    ) -> Iterator[tuple[Quantity, list[_Part]]]:
        if k == 0:
            return
        before = qs[k - 1].end
        window = text[before : total.start]
        m = self._anchor.search(window)
        if m is None or len(window) - m.end() > self.params.max_total_label:
            return
        head = window[: m.start()].strip(" ，,、；")
        if head or _LABEL.fullmatch(window[m.end() :]) is None:
            return  # something other than separators between the last part and 合计
        parts: list[_Part] = []
        j = k - 1
        while j >= 0 and qs[j].unit == total.unit:
            parts.insert(0, _Part(qs[j]))
            if j == 0 or not self._label_ok(text[qs[j - 1].end : qs[j].start], first=False):
                break
            j -= 1
        if len(parts) >= 2:
            yield total, parts

    def _complete(
        self,
        text: str,
        total: Quantity,
        parts: list[_Part],
        limit: int,
        rest: list[Quantity],
        lo: int,
    ) -> bool:
        """For equality the list must be the whole: no 等, no further figure of the unit; and,
        as `exhaustive` says, closed by 其他 or named by the total itself."""
        if self.params.relation != "equal":
            return not (self.params.defer_closed and self._closed(text, parts, limit))
        if len(parts) < 2:
            return False
        last = parts[-1].quantity.end
        tail = text[last:limit]
        if tail.lstrip().startswith("等"):
            return False
        unit = total.unit
        if any(q.unit == unit and q.start >= last and q.end <= limit for q in rest):
            return False
        mode = self.params.exhaustive
        if mode == "closed":
            return self._closed(text, parts, limit)
        if mode == "named":
            return self._named(text, total, parts, lo)
        return True

    def _closed(self, text: str, parts: list[_Part], limit: int) -> bool:
        """Whether the list ends with a 其他/其余 part and the sentence ends right after it."""
        if len(parts) < 2:
            return False
        last = parts[-1].quantity.end
        # A wrapped line (a PDF copy) ends the sentence too: then the list may go on.
        ends = limit >= len(text) or text[limit] in "。；;！!？?）)"
        label = _label(text, parts[-2].quantity.end, parts[-1].quantity.start)
        closing = any(label.startswith(w) for w in self.params.closing_words)
        return closing and ends and not text[last:limit].strip()

    def _named(self, text: str, total: Quantity, parts: list[_Part], lo: int) -> bool:
        """Whether the total's own name lists exactly the parts.

        `建议和提案58件（建议21件、提案33件）`: each part's label ends a segment, in order."""
        head = _LABEL_BEFORE.search(text, max(lo, total.start - 40), total.start)
        if head is None:
            return False
        name = _TOTAL_TAIL.sub("", head.group())
        segments = [seg for seg in _NAME_SPLIT.split(name) if seg]
        if len(segments) != len(parts):
            return False
        begin = total.end
        for seg, part in zip(segments, parts, strict=True):
            label = _label(text, begin, part.quantity.start)
            begin = part.quantity.end
            if len(label) < 1 or not seg.endswith(label):
                return False
        return True

    # -- checking ------------------------------------------------------------------------

    def _holds(self, parts: list[_Part] | tuple[_Part, ...], total: Interval) -> bool:
        s = _total(parts)
        tol = self.params.tolerance
        if self.params.relation == "equal":
            return s.meets(total, tol)
        return s.may_be_at_most(total, tol)

    def _top_level(self, parts: list[_Part], total: Interval) -> list[_Part] | None:
        """Parts as a flat list if they fit; else read a subtotal and its breakdown; else None."""
        if self._holds(parts, total):
            return parts
        if not self.params.nested:
            return None
        for i in range(len(parts) - 2):
            sub, rest = parts[i], parts[i + 1 :]
            if _total(rest).meets(sub.quantity.interval, self.params.tolerance):
                top = parts[: i + 1]
                return top if self._holds(top, total) else None
        return None

    def _finding(self, total: Quantity, parts: list[_Part] | tuple[_Part, ...]) -> Finding:
        s = _total(parts)
        exact = s.is_exact
        if self.params.relation == "equal" or exact:
            sum_value = s.low if exact or s.low > total.interval.high else s.high
        else:
            sum_value = s.low
        shown = format_number(sum_value)
        if exact:
            phrase = f"为 {shown}"
        elif sum_value == s.low:
            phrase = f"至少为 {shown}"
        else:
            phrase = f"至多为 {shown}"
        return Finding(
            start=total.start,
            end=total.end,
            args={
                "total": total.display(),
                "sum": shown,
                "sum_phrase": phrase,
                "unit": total.unit,
                "parts": "+".join(p.quantity.text for p in parts),
                "difference": format_number(abs(sum_value - total.value)),
            },
        )

    def _check(self, total: Quantity, parts: list[_Part] | tuple[_Part, ...]) -> Iterator[Finding]:
        count_relation()
        top = self._top_level(list(parts), total.interval)
        if top is None:
            yield self._finding(total, parts)
            return
        for p in parts:
            # A part's own bracketed breakdown is a partial list: a bound, never equality.
            if p.children and not _total(p.children).may_be_at_most(
                p.quantity.interval, self.params.tolerance
            ):
                yield self._finding(p.quantity, p.children)

    def _worth(self, text: str, lo: int, hi: int) -> bool:
        """Cheap test before any parsing: an opener or 合计 word, or a unit right before a
        bracket (most brackets in a report follow no figure)."""
        if self._cheap is not None:
            return self._cheap.search(text, lo, hi) is not None
        for bracket in _OPEN:
            pos = text.find(bracket, lo, hi)
            while pos >= 0:
                if pos > lo and text[pos - 1] in _UNIT_ENDS:
                    return True
                if pos > lo + 1 and text[pos - 1] in "，," and text[pos - 2] in _UNIT_ENDS:
                    return True
                pos = text.find(bracket, pos + 1, hi)
        return False

    def run(self, doc: Document) -> Iterator[Finding]:
        view, back = prose_view(doc)
        return back(self._run(view))

    def _run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for line in doc.lines:
            if not self._worth(text, line.start, line.end):
                continue
            for lo, hi in sentences(text, line.start, line.end):
                if not self._worth(text, lo, hi):
                    continue
                for total, parts in self._relations(text, lo, hi):
                    yield from self._check(total, parts)


def _matching_close(text: str, open_pos: int, limit: int) -> int | None:
    """The bracket closing the one at `open_pos`; None if not within `_BRACKET_SPAN` (an
    unclosed bracket must not make every figure before it scan to the end of the text)."""
    depth = 0
    for m in _BRACKET.finditer(text, open_pos, min(limit, open_pos + _BRACKET_SPAN)):
        if m.group() in _OPEN:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return None

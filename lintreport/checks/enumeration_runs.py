r"""Run-in enumerations (一是、二是、三是 …; 第一，第二 …) numbered in order.

## What it checks

Every match of `pattern` (a regular expression with a named group `n`, the numeral, Chinese or
Arabic, and optionally `num`, the span to point at) is one item of a run. A run restarts at item
1 and at every heading; otherwise each item must be the previous one plus one. With
`across_paragraphs` (the default) a run may continue into the next paragraph under the same
heading, as reports do when each 一是/二是 item is its own paragraph; without it a run ends with
its paragraph. A skipped item, a repeat and a step back are findings; the first item of a run
that is not 1 is reported as a gap.

## Why

Run-in enumerators are the lowest level of a report's structure (GB/T 9704-2012 §7.3.3 practice:
"一是、二是、三是" inside a paragraph). A wrong counter means an item was deleted or pasted in.

## Example

```yaml
- id: enumeration-out-of-sequence
  kind: enumeration_runs
  category: structure
  severity: warning
  message: "“{found}”应为“{expected}”：{reason}。"
  source: GB/T 9704-2012《党政机关公文格式》§7.3.3
  pattern: '(?m)(?:^|(?<=[。；;：:！？!?，,\s]))(?P<num>(?P<n>[一二三四五六七八九十]{1,3})是)'
  render: "{n}是"
  reasons:
    gap: 同一段落中的序号跳号
    repeat: 同一段落中的序号重复
    backward: 同一段落中的序号倒退
  examples:
    bad:
      - text: "一是健全制度。二是强化培训。[[四是]]加强监督。\n"
    good:
      - "一是健全制度。二是强化培训。三是加强监督。\n"
```

## Where it points

At the enumerator (`num`, or the whole match). Placeholders: `{found}`, `{expected}` (the
`render` template with the expected numeral in Chinese as `{n}`), `{reason}`.

## Fix

The expected enumerator is offered as the replacement; declare `fix: unsafe`, since the wrong
one may be the earlier item.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, NamedTuple

import regex

from ..document.document import Document
from ..messages import render, unknown_placeholders
from ..model import Finding
from ..record import record
from ..text.numerals import cn_to_int, int_to_cn
from ._sequence import classify
from .base import BaseKind, ParamError, compile_regex, finditer

_REASONS = ("gap", "repeat", "backward")
_HAN = regex.compile(r"\p{Han}")
# Words that end in the first numeral: 统一是前提 is not a glued 一是.
_NOT_GLUED = frozenset(
    {
        "统一",
        "唯一",
        "单一",
        "同一",
        "第一",
        "万一",
        "之一",
        "逐一",
        "专一",
        "划一",
        "均一",
        "合一",
        "归一",
        "不一",
        "如一",
        "整一",
        "纯一",
        "其一",
        "择一",
        "二",
    }
)


class _Item(NamedTuple):
    start: int
    end: int
    number: int
    lo: int  # where the run's segment starts


@record(frozen=True, kw_only=True)
class Params:
    pattern: str = field(
        metadata={
            "doc": "一个序号的正则表达式：命名分组 n 为数字（汉字或阿拉伯数字），"
            "可选分组 num 为标出的范围",
            "regex": True,
        }
    )
    render: str = field(metadata={"doc": "期望序号的写法模板，{n} 为汉字数字，如“{n}是”"})
    reasons: dict[str, str] = field(
        metadata={"doc": "原因说明（填入 {reason}）：gap 跳号、repeat 重复、backward 倒退"}
    )
    across_paragraphs: bool = field(
        default=True, metadata={"doc": "序号可以延续到同一标题下的下一段（每项自成一段时）"}
    )
    message_glued: str | None = field(
        default=None,
        metadata={
            "doc": "第一项紧接在引导句之后、没有标点（“……营商环境一是积极……。二是……”）"
            "时的提示；不写则此时不报告。占位符 {found} 为第一项的写法"
        },
    )


class EnumerationRuns(BaseKind):
    name: ClassVar[str] = "enumeration_runs"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"found", "expected", "reason"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        self._pattern = compile_regex("pattern", params.pattern)
        if "n" not in self._pattern.groupindex:
            raise ParamError("pattern", "模式需要命名分组 n（序号数字）")
        self._group = "num" if "num" in self._pattern.groupindex else 0
        if params.message_glued is not None:
            unknown = unknown_placeholders(params.message_glued, self.placeholders)
            if unknown:
                raise ParamError("message_glued", f"占位符“{{{unknown[0]}}}”不存在")
        missing = [r for r in _REASONS if r not in params.reasons]
        if missing:
            raise ParamError("reasons", f"需要说明这些原因：{'、'.join(missing)}")

    def run(self, doc: Document) -> Iterator[Finding]:
        # In a copy whose line breaks were lost, a heading runs straight into its 一是.
        title_ends = frozenset(h.title_end for h in doc.structure.headings if h.run_in)
        for items in self._segments(doc):
            yield from self._judge(doc.text, items, title_ends)

    def _segments(self, doc: Document) -> Iterator[list[_Item]]:
        """The items of each run: between two headings (or paragraphs without
        `across_paragraphs`), in order."""
        structure = doc.structure
        skip = structure.chrome_lines
        # Boundaries that end a run: every heading, and every paragraph unless runs may continue.
        breaks = sorted(
            {h.numeral_start for h in structure.headings}
            | (set() if self.params.across_paragraphs else {p.start for p in structure.paragraphs})
        )
        current: list[_Item] = []
        segment = -1
        for m in finditer(self._pattern, doc.text):
            start, end = m.span(self._group)
            if doc.position(start)[0] in skip:
                continue
            raw = m.group("n")
            number = int(raw) if raw.isdigit() else cn_to_int(raw)
            if number is None:
                continue
            here = bisect_right(breaks, start)
            if here != segment:
                if current:
                    yield current
                segment, current = here, []
            lo = breaks[here - 1] if here else 0
            current.append(_Item(start, end, number, lo))
        if current:
            yield current

    def _judge(
        self, text: str, items: list[_Item], title_ends: frozenset[int]
    ) -> Iterator[Finding]:
        last = 0
        for index, item in enumerate(items):
            number = item.number
            if number == 1:
                last = 1  # a new run
                continue
            if last == 0 and number == 2 and title_ends:
                first = render(self.params.render, {"n": int_to_cn(1)})
                if text.rfind(first, item.lo, item.start) in title_ends:
                    last = 1  # the first item follows a run-in heading's title
            problem = classify(number, last)
            if problem == "run_on":  # only headings have parents; for runs it is a gap
                problem = "gap"
            if problem is not None:
                expected = render(self.params.render, {"n": int_to_cn(last + 1)})
                glued = self._glued(text, item, expected) if last == 0 else None
                if glued is not None:
                    # `…营商环境一是积极…。二是…`: the run starts inside the lead sentence, whose
                    # mark is missing; renumbering 二是 would make two 一是.
                    yield Finding(
                        glued,
                        glued + len(expected),
                        args={"found": expected, "expected": expected, "reason": ""},
                        message=self.params.message_glued,
                        suggestion="：" + expected,
                    )
                    last = number
                    continue
                later = {i.number for i in items[index + 1 :]} | {i.number for i in items[:index]}
                # No renumbering that repeats another item, nor after a step back (which of the
                # two is wrong cannot be told).
                unsure = last + 1 in later or problem == "backward"
                yield Finding(
                    start=item.start,
                    end=item.end,
                    args={
                        "found": text[item.start : item.end],
                        "expected": expected,
                        "reason": self.params.reasons[problem],
                    },
                    suggestion=None if unsure else expected,
                    replacement=None if unsure else expected,
                )
            last = number

    def _glued(self, text: str, item: _Item, expected: str) -> int | None:
        """Where the missing first item hides in the run's text before `item`, joined to the
        word before it (no mark between), or None."""
        if self.params.message_glued is None:
            return None
        at = text.rfind(expected, item.lo, item.start)
        if at <= item.lo or at < 1:
            return None
        before = text[at - 1]
        word = text[max(0, at - 1) : at + len(expected) - 1]
        if not _HAN.match(before) or word in _NOT_GLUED:
            return None
        return at

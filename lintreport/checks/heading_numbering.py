r"""Heading numbers per level: in sequence, restarted under each parent, consistent, not orphaned.

## What it checks

The numbered headings of `doc.structure.headings` (`一、` `（一）` `1.` `（1）` and their variants),
walked as a tree: a heading of level N closes every deeper level, so a `（一）` list restarts under
each `一、`. One rule checks one aspect, chosen by `check`:

- `sequence`: each number is the previous sibling's plus one, the first is 1. A skipped number
  (一、二、四、), a repeat and a step back are findings; the reason comes from `reasons`. A level
  may restart under each parent or be numbered through the document (`二、` followed by `（三）`
  when every parent carries on), but a level that does both is mixed and each carry-on is
  reported (`run_on`). From
  `restart_level` (default 3, `1.`) down, a list may start again at 1 under the same heading,
  since such lists often hang off run-in 一是/二是 paragraphs; after a line matching
  `restart_after` (an attachment) every level starts again.
- `lost_numeral`: a heading whose numeral was lost (`、下步工作安排`); the expected numeral is
  worked out from its preceding siblings.
- `style`: a numeral written differently from the other headings of its level (`(一)` among
  `（一）`, `1、` among `1.`). The reference is the standard style of `standard` when any heading
  of that level uses it, otherwise the most common one. A document that writes a level one way
  throughout is consistent; whether that way is standard is another rule's business.
- `parent`: a heading whose nearest enclosing heading is not of a level `allowed_parents` allows
  (`（1）` directly under `一、`), or that comes before any heading of its parent level in a
  document that has that level (`（一）` before the first `一、`).

Lines that are not headings (page markers of a doc-sharing copy, numbers in running text, web
page chrome) never take part.

## Why

GB/T 9704-2012 §7.3.3 orders heading levels 一、 > （一） > 1. > （1）; the
《党政机关公文处理工作条例》 审核 list asks whether 段落顺序 is right. A broken sequence
usually means a section was deleted, moved or pasted in, so something else went wrong nearby.

## Example

```yaml
- id: heading-number-sequence
  kind: heading_numbering
  category: structure
  severity: error
  message: "标题序号“{found}”应为“{expected}”：{reason}。"
  source: GB/T 9704-2012《党政机关公文格式》§7.3.3
  check: sequence
  reasons:
    gap: 同级标题跳号
    repeat: 同级标题序号重复
    backward: 同级标题序号倒退
    run_on: 下级标题在新的上级标题下应重新从头编号
  examples:
    bad:
      - text: "一、主要举措\n二、存在的不足\n[[四、]]下一步安排\n"
    good:
      - "一、主要举措\n（一）学法\n（二）用法\n二、不足\n（一）制度\n"
```

## Where it points

At the numeral. Placeholders: `{found}` (the numeral as written), `{expected}` (the numeral that
belongs there, in the style of the heading or, for a lost numeral, of its siblings), `{reason}`,
`{style}` (the reference style of the level), `{parent}` (the standard numeral of the missing
parent level), `{heading}` (the heading's title text).

## Fix

`lost_numeral`, `sequence` and `style` offer `{expected}` as the replacement of the numeral.
Renumbering can shift the following headings, so declare `fix: unsafe`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal, NamedTuple

from ..document.document import Document
from ..document.structure import Heading
from ..model import Finding
from ..record import record
from ._sequence import PROBLEMS, classify, render_numeral
from .base import BaseKind, ParamError, compile_regex, finditer

_STANDARD = {"1": "一、", "2": "（一）", "3": "1.", "4": "（1）"}
_PARENTS = {"2": [1], "3": [1, 2], "4": [2, 3]}


@record(frozen=True, kw_only=True)
class Params:
    check: Literal["sequence", "lost_numeral", "style", "parent"] = field(
        metadata={
            "doc": "检查哪一方面：sequence 编号连续；lost_numeral 序号缺失；"
            "style 与同级标题格式一致；parent 上级标题存在"
        }
    )
    reasons: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "doc": "sequence 的原因说明（填入 {reason}）：gap 跳号、repeat 重复、"
            "backward 倒退、run_on 未在新的上级标题下重新编号；check 为 sequence 时必填"
        },
    )
    standard: dict[str, str] = field(
        default_factory=lambda: dict(_STANDARD),
        metadata={"doc": "各级标题的标准序号格式（级别 → 以“一”或“1”为占位的序号）"},
    )
    allowed_parents: dict[str, list[int]] = field(
        default_factory=lambda: {k: list(v) for k, v in _PARENTS.items()},
        metadata={"doc": "各级标题允许直接隶属的上级级别（级别 → 级别列表）"},
    )
    restart_level: int = field(
        default=3,
        metadata={
            "doc": "从这一级起，序号 1 总可以重新开始（1. 列表常在“一是”“二是”段落下各自编号）"
        },
    )
    restart_after: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "匹配这些正则的行之后编号重新开始（如附件有自己的标题编号）",
            "regex": True,
        },
    )


class _Step(NamedTuple):
    heading: Heading
    level: int
    last: int  # the number of this level before the heading (0: first under its parent)
    previous_run: int  # the last number of this level under the previous parent
    attachment: bool  # numbering started again (an attachment) at this heading


def _continuous_levels(steps: Iterator[_Step]) -> set[int]:
    """Levels numbered through the document: under each new parent they carry on (（三） after
    （一）（二） of the previous 一、) and never start again at one. GB/T 9704-2012 §7.3.3 asks for
    the order of the levels, not for a restart, so a document that keeps to either way is right;
    a level that does both is mixed, and its carry-ons are reported."""
    carried: set[int] = set()
    restarted: set[int] = set()
    for step in steps:
        number = step.heading.number
        if step.heading.level is None or step.last or not step.previous_run or number is None:
            continue
        if number == step.previous_run + 1 and number != 1:
            carried.add(step.level)
        elif number == 1:
            restarted.add(step.level)
    return carried - restarted


def _numbered(doc: Document) -> list[Heading]:
    """Headings that carry a numeral, or lost one (level None, style "、")."""
    return [
        h
        for h in doc.structure.headings
        if (h.level is not None and h.number is not None) or h.style == "、"
    ]


def _lost_level(headings: list[Heading]) -> int:
    """The level a lost `、` numeral belonged to: `一、` when the document has that level."""
    if any(h.level == 1 for h in headings):
        return 1
    if any(h.level == 3 and h.style.endswith("、") for h in headings):
        return 3
    return 1


class HeadingNumbering(BaseKind):
    name: ClassVar[str] = "heading_numbering"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"found", "expected", "reason", "style", "parent", "heading"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if params.check == "sequence":
            missing = [p for p in PROBLEMS if p not in params.reasons]
            if missing:
                raise ParamError(
                    "reasons", f"check: sequence 需要说明这些原因：{'、'.join(missing)}"
                )
        unknown = [p for p in params.reasons if p not in PROBLEMS]
        if unknown:
            raise ParamError("reasons", f"未知的原因“{unknown[0]}”，可选：{'、'.join(PROBLEMS)}")
        try:
            self._standard = {int(k): v for k, v in params.standard.items()}
            self._parents = {int(k): frozenset(v) for k, v in params.allowed_parents.items()}
        except ValueError:
            raise ParamError("standard", "级别应为 1 至 4 的数字") from None
        self._restart = (
            compile_regex("restart_after", "|".join(f"(?:{p})" for p in params.restart_after))
            if params.restart_after
            else None
        )

    def run(self, doc: Document) -> Iterator[Finding]:
        headings = _numbered(doc)
        if not headings:
            return
        check = self.params.check
        if check == "style":
            yield from self._style(doc, headings)
            return
        lost_level = _lost_level(headings)
        styles = self._reference_styles(headings)
        levels_used = {h.level for h in headings if h.level is not None}
        restarts = [m.start() for m in finditer(self._restart, doc.text)] if self._restart else []
        continuous = _continuous_levels(self._walk(headings, restarts, lost_level, set()))
        open_levels: set[int] = set()
        for step in self._walk(headings, restarts, lost_level, continuous):
            h, level, last, previous_run, _ = step
            if step.attachment:
                open_levels = set()
            expected_number = last + 1
            if h.level is None:
                if check == "lost_numeral":
                    style = styles.get(level, self._standard.get(level, "一、"))
                    expected = render_numeral(style, expected_number)
                    yield self._finding(doc, h, expected=expected, style=style)
            else:
                problem = classify(h.number or 0, last, previous_run)
                if h.number == 1 and level >= self.params.restart_level:
                    problem = None  # 1. lists restart under 一是/二是 paragraphs, not headings
                if problem is not None and check == "sequence":
                    yield self._finding(
                        doc,
                        h,
                        expected=render_numeral(h.style, expected_number),
                        reason=self.params.reasons[problem],
                    )
            if check == "parent":
                finding = self._parent(doc, h, level, open_levels, levels_used)
                if finding is not None:
                    yield finding
            open_levels = {lv for lv in open_levels if lv < level} | {level}

    @staticmethod
    def _walk(
        headings: list[Heading], restarts: list[int], lost_level: int, continuous: set[int]
    ) -> Iterator[_Step]:
        """Each heading with the number its level had before it (`last`, 0 under a new parent)
        and the last number of its level under the previous parent; a level numbered
        continuously through the document carries its count across parents."""
        restarts = list(restarts)
        last: dict[int, int] = {}
        previous_run: dict[int, int] = {}
        for h in headings:
            attachment = False
            if restarts and restarts[0] < h.numeral_start:
                # an attachment numbers its own headings from the start
                last, previous_run, attachment = {}, {}, True
                while restarts and restarts[0] < h.numeral_start:
                    restarts.pop(0)
            level = h.level if h.level is not None else lost_level
            before, run = last.get(level, 0), previous_run.get(level, 0)
            if level in continuous and before == 0 and run:
                before, run = run, 0
            yield _Step(h, level, before, run, attachment)
            number = h.number or 0 if h.level is not None else before + 1
            last[level] = number
            for deeper in [d for d in last if d > level]:
                if last[deeper]:
                    previous_run[deeper] = last[deeper]
                last[deeper] = 0

    def _parent(
        self,
        doc: Document,
        h: Heading,
        level: int,
        open_levels: set[int],
        levels_used: set[int],
    ) -> Finding | None:
        allowed = self._parents.get(level)
        if not allowed:
            return None
        enclosing = max((lv for lv in open_levels if lv < level), default=None)
        if enclosing is None and not (allowed & levels_used):
            return None  # the document simply starts at this level: allowed
        if enclosing is not None and enclosing in allowed:
            return None
        parent = self._standard.get(max(allowed), "")
        return self._finding(doc, h, parent=parent)

    def _reference_styles(self, headings: list[Heading]) -> dict[int, str]:
        by_level: dict[int, Counter[str]] = {}
        for h in headings:
            if h.level is not None:
                by_level.setdefault(h.level, Counter())[h.style] += 1
        reference = {}
        for level, counts in by_level.items():
            standard = self._standard.get(level)
            # most_common keeps first-seen order among ties
            reference[level] = standard if standard in counts else counts.most_common(1)[0][0]
        return reference

    def _style(self, doc: Document, headings: list[Heading]) -> Iterator[Finding]:
        reference = self._reference_styles(headings)
        for h in headings:
            if h.level is None or h.number is None:
                continue
            style = reference[h.level]
            if h.style != style:
                yield self._finding(doc, h, expected=render_numeral(style, h.number), style=style)

    @staticmethod
    def _finding(doc: Document, h: Heading, **values: str) -> Finding:
        found = doc.text[h.numeral_start : h.numeral_end]
        expected = values.get("expected")
        return Finding(
            start=h.numeral_start,
            end=h.numeral_end,
            args={"found": found, "heading": h.title, **values},
            suggestion=expected,
            replacement=expected if expected and expected != found else None,
        )

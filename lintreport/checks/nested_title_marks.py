"""A book title inside a book title marked with 《》 or <> instead of 〈〉.

## What it checks

Inside a 《…》 title, an inner title must use single title marks: 《…〈…〉…》. Flagged: an inner
《…》 directly inside 《…》 (`《关于印发《实施纲要》的通知》`) and an inner `<…>` (ASCII or
full-width)
(`《贯彻落实<关于…的若干措施>责任清单》`). A third level goes back to 《》 inside 〈〉 and is
correct. Marks are matched within a paragraph; unbalanced marks are left to the pairing rule, and
a lone `<` (a comparison) is ignored.

## Why

GB/T 15834-2011 (书名号): “书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号”.
Angle brackets `<>` are mathematical signs, not title marks.

## Example

```yaml
- id: nested-title-marks
  kind: nested_title_marks
  category: punctuation
  severity: warning
  message: "书名号内的书名号应使用单书名号〈〉：“{match}”应为“{replacement}”。"
  source: GB/T 15834-2011《标点符号用法》（书名号）
  fix: safe
  examples:
    bad:
      - text: 印发《贯彻落实[[<关于加强监督的若干措施>]]责任清单》。
        fixed: 印发《贯彻落实〈关于加强监督的若干措施〉责任清单》。
    good:
      - 《中共中央 国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》
```

## Where it points

At the inner title, from its opening mark to its closing mark. `{match}` is that text and
`{replacement}` the same title in 〈〉. An "inner title" of 200 characters or more is not a title
(a run of stray marks) and is not reported.

## Fix

Swap the two inner marks for 〈 and 〉 (safe: the title text is untouched; no fix when the inner
title spans a line break).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from .base import BaseKind

_LESS, _GREATER = "<\uff1c", ">\uff1e"  # ASCII and full-width angle brackets
_MARKS = regex.compile("[《》〈〉" + _LESS + _GREATER + "]")
_OUTER, _INNER, _WRONG_INNER, _ANGLE = "outer", "inner", "wrong", "angle"
# No real title is this long (the longest in 300 corpus reports has ~90 characters); a longer
# "inner title" is a run of stray marks. Not reporting it keeps precision, and keeps a finding's
# text bounded: 《《《…》》》 ten thousand deep would otherwise copy O(depth) text into each of
# its O(depth) findings (4 GB for 120 KB).
_MAX_TITLE = 200


@record(frozen=True, kw_only=True)
class Params:
    pass


class _Stack:
    """Open marks of a paragraph as (role, offset), with a count per role.

    The counts make a closing mark with no matching opener O(1) instead of a scan of the whole
    stack (a paragraph of 〉 after 《《《… would otherwise take quadratic time); a scan that does
    find its opener removes what it passed, so all scans together stay linear.
    """

    __slots__ = ("counts", "items")

    def __init__(self) -> None:
        self.items: list[tuple[str, int]] = []
        self.counts: dict[str, int] = dict.fromkeys((_OUTER, _INNER, _WRONG_INNER, _ANGLE), 0)

    def top(self) -> str | None:
        return self.items[-1][0] if self.items else None

    def push(self, role: str, offset: int) -> None:
        self.items.append((role, offset))
        self.counts[role] += 1

    def pop_to(self, roles: tuple[str, ...]) -> tuple[str, int] | None:
        """Pop up to and including the nearest entry with one of `roles`.

        Entries above it (a stray `<`, an unclosed 〈) are dropped; the pairing rule reports
        unclosed marks.
        """
        if not any(self.counts[r] for r in roles):
            return None
        items = self.items
        for i in range(len(items) - 1, -1, -1):
            if items[i][0] in roles:
                entry = items[i]
                for role, _ in items[i:]:
                    self.counts[role] -= 1
                del items[i:]
                return entry
        return None


class NestedTitleMarks(BaseKind):
    name: ClassVar[str] = "nested_title_marks"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "replacement"})

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for para in doc.structure.paragraphs:
            yield from self._paragraph(text, para.start, para.end)

    def _paragraph(self, text: str, start: int, end: int) -> Iterator[Finding]:
        # A wrongly nested 《 counts as a single-mark level, so a third level 《 inside it is
        # correct.
        stack = _Stack()
        for m in _MARKS.finditer(text, start, end):
            mark, offset = m.group(), m.start()
            top = stack.top()
            if mark == "《":
                stack.push(_WRONG_INNER if top == _OUTER else _OUTER, offset)
            elif mark == "〈":
                stack.push(_INNER, offset)
            elif mark in _LESS:
                if top == _OUTER:
                    stack.push(_ANGLE, offset)
            elif mark in _GREATER:
                if top == _ANGLE:
                    _, opened = stack.pop_to((_ANGLE,))  # type: ignore[misc]
                    if offset - opened < _MAX_TITLE:
                        yield self._finding(text, opened, offset)
            elif mark == "》":
                opened_at = stack.pop_to((_OUTER, _WRONG_INNER))
                if (
                    opened_at is not None
                    and opened_at[0] == _WRONG_INNER
                    and offset - opened_at[1] < _MAX_TITLE
                ):
                    yield self._finding(text, opened_at[1], offset)
            elif mark == "〉":
                stack.pop_to((_INNER,))

    @staticmethod
    def _finding(text: str, opened: int, closed: int) -> Finding:
        span = text[opened : closed + 1]
        fixed = "〈" + span[1:-1] + "〉"
        return Finding(
            start=opened,
            end=closed + 1,
            args={"match": span, "replacement": fixed},
            suggestion=fixed,
            replacement=None if "\n" in span else fixed,
        )

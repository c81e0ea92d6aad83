"""Paired punctuation (“” ‘’ 《》 〈〉 （） 【】) that does not balance within a paragraph.

## What it checks

Within each paragraph (`doc.structure.paragraphs`: a paragraph of a Markdown or hard-wrapped
text spans several lines, so a quotation may open on one line and close on the next), every
opening mark of `pairs` must be closed by its partner and every closing mark must have been
opened. Each kind of pair is counted on its own, so a 《》 inside “” does not disturb the quotes.
A right single quote between two Latin letters (`it’s`) is an apostrophe, and `1）` or `一）`
opening a line or clause is a list enumerator; neither is a closing mark.
Web-page chrome lines are skipped. A mark left open at the end of a paragraph may be closed at
the start of the next one when no blank line separates them (a hard-wrapped line ending in 。
inside a quotation).

## Why

GB/T 15834-2011: paired marks enclose a quotation, a title or an insertion, so a lost half
changes what the reader takes as quoted. An unclosed “ usually means a deleted or pasted-over
passage, which a reviewer should look at.

## Example

```yaml
- id: unbalanced-paired-marks
  kind: paired_marks
  category: punctuation
  severity: warning
  message: "本段的{mark_name}「{mark}」没有配对的{partner_name}「{partner}」。"
  source: GB/T 15834-2011《标点符号用法》
  examples:
    bad:
      - text: 聚焦[[“]]防范金融诈骗宣传、安全生产宣传等重要宣传活动。
    good:
      - |
        开展“谁执法谁普法
        ”履职评议。
```

## Where it points

At the unpaired mark. `{mark}` is that mark, `{partner}` the one it lacks, `{mark_name}` and
`{partner_name}` their Chinese names (前引号, 后书名号 …).

## Fix

None: only the author knows where the quotation ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.carried import Carried
from .base import BaseKind, ParamError

_LATIN = regex.compile(r"[A-Za-z]")
# A list enumerator "1）" / "一）" at the start of a line or clause is a numbering style (the
# heading rules judge it), not half of a bracket pair.
_ENUMERATOR = Carried(r"(?:^|(?<=[\n。；;：:，,\s]))[\d一二三四五六七八九十]{1,3}(?=）)")
# Names for messages: quoting a quotation mark inside quotation marks is unreadable.
_NAMES = {
    "“": "前引号",
    "”": "后引号",
    "‘": "单前引号",
    "’": "单后引号",
    "《": "前书名号",
    "》": "后书名号",
    "〈": "单前书名号",
    "〉": "单后书名号",
    "（": "前括号",
    "）": "后括号",
    "【": "前方头括号",
    "】": "后方头括号",
}


@record(frozen=True, kw_only=True)
class Params:
    pairs: list[str] = field(
        default_factory=lambda: ["“”", "‘’", "《》", "〈〉", "（）", "【】"],
        metadata={"doc": "成对标点，每项两个字符：开标点和闭标点"},
    )


class PairedMarks(BaseKind):
    name: ClassVar[str] = "paired_marks"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"mark", "partner", "mark_name", "partner_name"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.pairs:
            raise ParamError("pairs", "至少需要一对标点")
        self._closer: dict[str, str] = {}
        self._opener: dict[str, str] = {}
        for pair in params.pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ParamError("pairs", f"“{pair}”应为两个不同的字符（开标点和闭标点）")
            if pair[0] in self._closer or pair[1] in self._opener:
                raise ParamError("pairs", f"“{pair}”与其他成对标点重复")
            self._closer[pair[0]] = pair[1]
            self._opener[pair[1]] = pair[0]
        marks = "".join(regex.escape(c) for c in [*self._closer, *self._opener])
        self._marks = regex.compile(f"[{marks}]")

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        chrome = doc.structure.chrome_lines
        # NOTE: a hard-wrapped line that ends in 。 inside a quotation starts a new paragraph, so
        # marks left open at the end of a paragraph may still be closed in the next one when no
        # blank line separates them; they are carried one paragraph forward, not further.
        carried: dict[str, list[int]] = {}
        last_line = -1
        for para in doc.structure.paragraphs:
            if para.first_line in chrome:
                continue
            if carried and para.first_line != last_line + 1:
                yield from self._report(self._flatten(carried))
                carried = {}
            unopened, carried_left, still_open = self._paragraph(
                text, para.start, para.end, carried
            )
            yield from self._report(unopened + self._flatten(carried_left))
            carried = still_open
            last_line = para.last_line
        yield from self._report(self._flatten(carried))

    def _paragraph(
        self, text: str, start: int, end: int, carried: dict[str, list[int]]
    ) -> tuple[list[tuple[int, str]], dict[str, list[int]], dict[str, list[int]]]:
        """(unopened closers, carried openers left unmatched, openers still open at the end)."""
        # One stack of open offsets per kind of pair: pairs of different kinds may cross.
        stacks: dict[str, list[int]] = {opener: [] for opener in self._closer}
        carried = {opener: list(offsets) for opener, offsets in carried.items()}
        unopened: list[tuple[int, str]] = []
        for m in self._marks.finditer(text, start, end):
            mark = m.group()
            offset = m.start()
            if mark in self._closer:
                stacks[mark].append(offset)
                continue
            if mark == "’" and self._apostrophe(text, offset):
                continue
            if mark == "）" and self._enumerator(text, start, offset):
                continue
            opener = self._opener[mark]
            if stacks[opener]:
                stacks[opener].pop()
            elif carried.get(opener):
                carried[opener].pop()
            else:
                unopened.append((offset, mark))
        still_open = {opener: offsets for opener, offsets in stacks.items() if offsets}
        return unopened, carried, still_open

    @staticmethod
    def _flatten(openers: dict[str, list[int]]) -> list[tuple[int, str]]:
        return [(offset, opener) for opener, offsets in openers.items() for offset in offsets]

    def _report(self, marks: list[tuple[int, str]]) -> Iterator[Finding]:
        for offset, mark in sorted(marks):
            partner = self._closer.get(mark) or self._opener[mark]
            args = {
                "mark": mark,
                "partner": partner,
                "mark_name": _NAMES.get(mark, "标点"),
                "partner_name": _NAMES.get(partner, "标点"),
            }
            yield Finding(start=offset, end=offset + 1, args=args)

    @staticmethod
    def _enumerator(text: str, start: int, offset: int) -> bool:
        lo = max(start, offset - 3)
        return any(m.end() == offset for m in _ENUMERATOR().finditer(text, lo, offset + 1))

    @staticmethod
    def _apostrophe(text: str, offset: int) -> bool:
        return (
            0 < offset < len(text) - 1
            and _LATIN.match(text[offset - 1]) is not None
            and _LATIN.match(text[offset + 1]) is not None
        )

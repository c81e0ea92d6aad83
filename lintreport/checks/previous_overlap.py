"""Sentences copied from last year's report (`--previous`).

## What it checks

With last year's report given (`lintreport check --previous LAST.docx`, or `previous:` in the
configuration), the sentences of this report — those with at least `min_chars` Chinese
characters — that also stand in last year's, compared without spaces and with every figure
read as the same (a copied sentence whose year or count was updated is still copied). When more
than `share` of them are copied, one finding says how many. The title and the headings are not
counted: they are the same every year, rightly.

## Why

Evaluators of annual reports penalise a report that repeats last year's text: it reports what
was planned or said before, not what was done this year. Without last year's report nothing is
checked.

## Example

```yaml
- id: copied-from-last-year
  kind: previous_overlap
  category: wording
  severity: warning
  message: "本报告有{copied}句（共{total}句的{share}）与上年报告相同：年度报告应报告本年度的情况。"
  source: 《中华人民共和国政府信息公开条例》第五十条
  min_chars: 6
  share: 0.5
  examples:
    bad:
      - text: "[[全年持续推进政务公开工作。]]持续完善信息发布审核机制。不断加强政府网站建设管理。"
        previous: "全年持续推进政务公开工作。持续完善信息发布审核机制。不断加强政府网站建设管理。"
    good:
      - text: "全年持续推进政务公开工作。新设政策问答专栏。上线智能检索功能，方便群众查询。"
        previous: "全年持续推进政务公开工作。持续完善信息发布审核机制。不断加强政府网站建设管理。"
```

## Where it points

At the first copied sentence. Placeholders: `{copied}` and `{total}` (sentences), `{share}`
(a percentage, 60%).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from .base import BaseKind, ParamError

_SENTENCE = regex.compile(r"[^。！？；\n]+[。！？；]?")
_HAN = regex.compile(r"\p{Han}")
_DIGITS = regex.compile(r"[0-9０-９一二三四五六七八九十百千万〇零]+")
_SPACE = regex.compile(r"\s+")


@record(frozen=True, kw_only=True)
class Params:
    min_chars: int = field(default=12, metadata={"doc": "只比较至少有这么多汉字的句子"})
    share: float = field(default=0.5, metadata={"doc": "与上年相同的句子超过此比例时报告"})


def _key(sentence: str) -> str:
    return _DIGITS.sub("0", _SPACE.sub("", sentence))


class PreviousOverlap(BaseKind):
    name: ClassVar[str] = "previous_overlap"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"copied", "total", "share"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not 0 < params.share < 1:
            raise ParamError("share", "share 应在 0 与 1 之间")
        if params.min_chars < 1:
            raise ParamError("min_chars", "min_chars 至少为 1")

    def _sentences(self, text: str) -> list[regex.Match[str]]:
        return [
            m
            for m in _SENTENCE.finditer(text)
            if len(_HAN.findall(m.group())) >= self.params.min_chars
        ]

    def run(self, doc: Document) -> Iterator[Finding]:
        if doc.previous is None:
            return
        before = {_key(m.group()) for m in self._sentences(doc.previous.text)}
        # the title and the headings of the format are the same every year, rightly
        fixed = [doc.structure.title_span] if doc.structure.title_span else []
        fixed += [
            (doc.lines[h.line - 1].start, doc.lines[h.line - 1].end) for h in doc.structure.headings
        ]
        now = [
            m for m in self._sentences(doc.text) if not any(s <= m.start() < e for s, e in fixed)
        ]
        copied = [m for m in now if _key(m.group()) in before]
        if not now or len(copied) / len(now) <= self.params.share:
            return
        first = copied[0]
        end = first.start() + len(first.group().rstrip())
        yield Finding(
            first.start(),
            end,
            {
                "copied": str(len(copied)),
                "total": str(len(now)),
                "share": f"{len(copied) / len(now):.0%}",
            },
        )

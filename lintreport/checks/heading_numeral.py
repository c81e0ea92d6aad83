"""A heading numeral written in a non-standard form, or followed by a stray mark.

## What it checks

For each heading (`doc.structure.headings`) whose style is one of `styles` (the numeral as
written with a placeholder digit: "1、", "（一）", "(一)" …):

- with `replace` set, the numeral itself is a finding (`1、` for a level-3 heading);
- with `after` set, a mark from `after` right after the numeral is a finding (`（一）、`).

Only recognised headings are checked, so `1、` page markers of a document-sharing copy and
numbers inside running text are never reported.

## Why

GB/T 9704-2012 §7.3.3 numbers heading levels 一、 （一） 1. （1）; in 公文审核 practice level 3 is
"1." (not "1、") and a bracketed numeral takes no punctuation after it.

## Example

```yaml
- id: level3-heading-dunhao
  kind: heading_numeral
  category: punctuation
  severity: warning
  message: "第三层标题序号“{match}”应为“{replacement}”：阿拉伯数字后用下脚点，不用顿号。"
  source: GB/T 9704-2012《党政机关公文格式》§7.3.3
  fix: unsafe
  styles: ["1、"]
  replace: "{number}."
  examples:
    bad:
      - text: "一、主要举措\\n（一）加强领导\\n[[1、]]健全制度。\\n"
    good:
      - "一、主要举措\\n（一）加强领导\\n1.健全制度。\\n"
```

## Where it points

At the numeral (with `replace`) or at the stray mark (with `after`). `{match}` is that text,
`{replacement}` the fix, `{number}` the heading number.

## Fix

With `replace`: the template with `{number}`; with `after`: delete the mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

from ..document.document import Document
from ..messages import render
from ..model import Finding
from ..record import record
from .base import BaseKind, ParamError


@record(frozen=True, kw_only=True)
class Params:
    styles: list[str] = field(
        metadata={"doc": "要检查的标题序号样式（如“1、”“（一）”“(一)”）"},
    )
    replace: str | None = field(
        default=None, metadata={"doc": "序号的替换模板，可用 {number}；设置时报告序号本身"}
    )
    after: str = field(default="", metadata={"doc": "序号后不应出现的标点（逐字列出）"})


class HeadingNumeral(BaseKind):
    name: ClassVar[str] = "heading_numeral"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "replacement", "number"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.styles:
            raise ParamError("styles", "至少需要一种标题序号样式")
        if (params.replace is None) == (not params.after):
            raise ParamError("replace", "replace 和 after 必须且只能设置一个")
        if params.replace is not None and "\n" in params.replace:
            raise ParamError("replace", "替换不能含换行")
        self._styles = frozenset(params.styles)

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for h in doc.structure.headings:
            if h.style not in self._styles:
                continue
            values = {"number": "" if h.number is None else str(h.number)}
            if self.params.replace is not None:
                start, end = h.numeral_start, h.numeral_end
                replacement = render(self.params.replace, values)
            else:
                if h.numeral_end >= len(text) or text[h.numeral_end] not in self.params.after:
                    continue
                start, end = h.numeral_end, h.numeral_end + 1
                replacement = ""
            yield Finding(
                start=start,
                end=end,
                args={**values, "match": text[start:end], "replacement": replacement},
                suggestion=replacement or None,
                replacement=replacement,
            )

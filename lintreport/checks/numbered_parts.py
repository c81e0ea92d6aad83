"""A report whose format fixes its parts: each present, numbered as the format numbers it.

## What it checks

`parts` lists the parts in their fixed order, each with the numeral the format gives it (一 … 六)
and `title` patterns. A part is found as its numeral heading (`二、主动公开政府信息情况`) at a line
start or after a sentence end — web copies flatten a page into one line, so headings are
looked for inside lines too — searching from the previous part found. Then:

- a part found nowhere: `message_missing` at the place the next part starts (or the end);
- a part under another numeral (parts numbered 一 to 五 instead of 二 to 六, a numbering that
  restarts): `message_number`, pointing at the numeral;
- a top-level heading (`三、…` at a line start) between two parts that is none of the parts: a
  sub-topic promoted to the top level (`message_promoted`), pointing at the heading; with
  `promoted_within`, only between those parts;
- a part with `requires` whose text (up to the next part) matches none of the patterns:
  `message_requires`, at its heading.

## Why

Some report types have parts fixed by a format notice (the 政府信息公开 report's six parts, 国办
公开办函〔2021〕30号). Real reports number them 一 to 五, restart the numbering after promoting
the sub-topics of 总体情况 to the top level, or leave a part out; web copies flatten the page so
that headings are not at line starts, which a line-based heading check cannot see.

## Example

```yaml
- id: xxgk-parts
  kind: numbered_parts
  category: structure
  severity: warning
  message: "报告结构不符合格式：{part}。"
  message_missing: "缺少“{numeral}、{part}”部分。"
  message_number: "“{found}、{part}”应编为“{numeral}、”。"
  message_promoted: "“{heading}”不是规定的部分。"
  source: 国办公开办函〔2021〕30号
  parts:
    - {numeral: 一, name: 总体情况, title: ['总体情况']}
    - {numeral: 二, name: 主动公开政府信息情况, title: ['主动公开政府信息情况']}
  examples:
    bad:
      - "一、总体情况\n[[一]]、主动公开政府信息情况\n"
    good:
      - "一、总体情况\n二、主动公开政府信息情况\n"
```

## Where it points

See above. Placeholders: `{part}` (the part's `name`), `{numeral}` (its numeral), `{found}`
(the numeral written), `{heading}` (a promoted heading), `{label}` (a requirement's `label`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from .base import BaseKind, ParamError, compile_regex, finditer

_NUMERALS = "一二三四五六七八九十"


@record(frozen=True, kw_only=True)
class Part:
    numeral: str = field(metadata={"doc": "格式规定的序号：一、二……"})
    name: str = field(metadata={"doc": "部分的名称（提示中用）"})
    title: list[str] = field(metadata={"doc": "标题的写法（正则，序号之后）", "regex": True})
    requires: list[str] = field(
        default_factory=list, metadata={"doc": "本部分正文须有其一（正则）", "regex": True}
    )
    label: str | None = field(default=None, metadata={"doc": "requires 所要求内容的称呼"})


@record(frozen=True, kw_only=True)
class Params:
    parts: list[Part] = field(metadata={"doc": "各部分，按规定顺序"})
    message_missing: str | None = field(
        default=None, metadata={"doc": "缺少某部分的提示模板（不填则不报告）"}
    )
    message_number: str | None = field(
        default=None, metadata={"doc": "部分序号不对的提示模板（不填则不报告）"}
    )
    message_promoted: str | None = field(
        default=None, metadata={"doc": "非规定部分的一级标题的提示模板（不填则不报告）"}
    )
    message_requires: str | None = field(
        default=None, metadata={"doc": "部分缺少必需内容的提示模板"}
    )
    promoted_within: list[str] = field(
        default_factory=list, metadata={"doc": "只报告这些部分（name）之内的非规定一级标题"}
    )


# Compiled on first use (functools.cache: once per process), not at import: only a document
# announcing numbered parts reaches it.
@functools.cache
def _top() -> regex.Pattern[str]:
    return regex.compile(
        r"(?m)^[ \t\u3000]*(?:#{1,6}[ \t]*)?(?P<num>[一二三四五六七八九十]{1,2})[、.．]\s*"
        r"(?P<title>[^\n]{0,40})"
    )


class NumberedParts(BaseKind):
    name: ClassVar[str] = "numbered_parts"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"part", "numeral", "found", "heading", "label"}
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.parts:
            raise ParamError("parts", "至少需要一个部分")
        self._heads = []
        for part in params.parts:
            if part.numeral not in _NUMERALS:
                raise ParamError("parts", f"序号“{part.numeral}”应为一到十之一")
            titles = "|".join(f"(?:{t})" for t in part.title)
            self._heads.append(
                compile_regex(
                    "title",
                    # not 第三、 ; a web copy runs a heading on after any character (…元三、收到…)
                    r"(?<!第)[ \t\u3000]*"
                    rf"(?P<num>[{_NUMERALS}]{{1,2}})\s*[、.．]\s*(?:{titles})",
                )
            )
        self._requires = [
            compile_regex("requires", "|".join(f"(?:{r})" for r in p.requires))
            if p.requires
            else None
            for p in params.parts
        ]

    def run(self, doc: Document) -> Iterator[Finding]:
        p = self.params
        text = doc.text
        found: list[regex.Match[str] | None] = []
        pos = 0
        for head in self._heads:
            m = next(iter(finditer(head, text, pos)), None)
            found.append(m)
            if m is not None:
                pos = m.end()
        if not any(found):
            return  # not a report of this format at all; other rules say what it is
        for i, (part, m) in enumerate(zip(p.parts, found, strict=True)):
            args = {"part": part.name, "numeral": part.numeral}
            if m is None:
                if p.message_missing is None:
                    continue
                later = next((x for x in found[i + 1 :] if x is not None), None)
                at = later.start("num") if later is not None else len(text.rstrip())
                yield Finding(at, at, args, message=p.message_missing)
                continue
            if m.group("num") != part.numeral and p.message_number is not None:
                yield Finding(
                    m.start("num"),
                    m.end("num"),
                    {**args, "found": m.group("num")},
                    message=p.message_number,
                )
            req = self._requires[i]
            if req is not None and p.message_requires:
                end = next((x.start() for x in found[i + 1 :] if x is not None), len(text))
                if next(iter(finditer(req, text, m.end(), end)), None) is None:
                    yield Finding(
                        m.start(),
                        m.end(),
                        {**args, "label": part.label or ""},
                        message=p.message_requires,
                    )
        if p.message_promoted:
            yield from self._promoted(doc, found)

    def _promoted(self, doc: Document, found: list[regex.Match[str] | None]) -> Iterator[Finding]:
        p = self.params
        starts = {m.start("num") for m in found if m is not None}
        for i, (part, m) in enumerate(zip(p.parts, found, strict=True)):
            if m is None or (p.promoted_within and part.name not in p.promoted_within):
                continue
            end = next((x.start() for x in found[i + 1 :] if x is not None), None)
            if end is None:
                continue  # after the last part a numbered list may be an attachment's
            for h in finditer(_top(), doc.text, m.end(), end):
                if h.start("num") in starts:
                    continue
                title = h.group("title").strip()
                heading = f"{h.group('num')}、{title[:20]}"
                yield Finding(
                    h.start("num"),
                    h.start("title") + len(title),
                    {"part": part.name, "numeral": part.numeral, "heading": heading},
                    message=p.message_promoted,
                )

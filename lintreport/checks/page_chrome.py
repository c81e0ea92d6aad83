r"""Lines of web-page chrome copied along with the report (点击量, 来源:… 时间:…, 当前位置 …).

## What it checks

Each line that `doc.structure` recognised as page chrome (site banners, breadcrumbs, 点击量,
来源/时间 bars, 字体【大 中 小】, 打印本页/关闭窗口 at the foot) is one finding, unless it
matches one of `unless` (chrome that another rule owns, such as a document-sharing site's
boilerplate). Recognition lives in `webcopy.py` (used by `structure.py`), so these lines are
never taken for a title or a heading.

## Why

A report copied from a government website carries the page around it. Left in a draft, the
chrome ends up in the submitted document, and its dates (时间:2025-03-01) are easily mistaken for
the report's own. GB/T 9704-2012 defines what a 公文 page holds; none of this is part of it.

## Example

```yaml
- id: web-page-chrome
  kind: page_chrome
  category: metadata
  severity: warning
  message: "“{match}”是网页上的栏目信息，不属于报告正文，应删除。"
  source: GB/T 9704-2012《党政机关公文格式》§7（公文格式各要素）
  unless: ['由会员分享|可在线阅读']
  examples:
    bad:
      - text: "[[点击量: 来源:市政府办公室  时间:2025-03-01]]\n关于2024年度的报告\n"
    good:
      - "关于2024年法治政府建设情况报告\n"
```

## Where it points

At a block of consecutive chrome lines (blank lines between them allowed), from the first
line's text to the last's, without surrounding blanks. `{match}` is the first line's text,
`{more}` says how many lines the block has (`等 3 行`; empty for one line).

No fix is offered: deleting lines is left to the user, who sees what goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

from ..document.document import Document
from ..model import Finding
from ..record import record
from .base import BaseKind, compile_regex, finditer


@record(frozen=True, kw_only=True)
class Params:
    unless: list[str] = field(
        default_factory=list,
        metadata={"doc": "匹配这些正则的网页杂项行不由本规则报告", "regex": True},
    )


class PageChrome(BaseKind):
    name: ClassVar[str] = "page_chrome"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "more"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        self._unless = (
            compile_regex("unless", "|".join(f"(?:{u})" for u in params.unless))
            if params.unless
            else None
        )

    def run(self, doc: Document) -> Iterator[Finding]:
        # Consecutive chrome lines (blank lines between them allowed) are one block and one
        # finding: a crawler's header of eight fields is one thing to delete, not eight.
        block: list[tuple[int, int, str]] = []
        last_number = 0
        for number in sorted(doc.structure.chrome_lines):
            span = self._chrome_span(doc, number)
            if span is None:
                continue
            between = doc.lines[last_number : number - 1] if last_number else []
            if block and any(ln.text.strip() for ln in between):
                yield self._finding(block)
                block = []
            block.append(span)
            last_number = number
        if block:
            yield self._finding(block)

    def _chrome_span(self, doc: Document, number: int) -> tuple[int, int, str] | None:
        line = doc.lines[number - 1]
        if self._unless is not None and any(
            True for _ in finditer(self._unless, doc.text, line.start, line.end)
        ):
            return None
        stripped = line.text.strip()
        if not stripped:
            return None
        start = line.start + line.text.find(stripped)
        return start, start + len(stripped), stripped

    @staticmethod
    def _finding(block: list[tuple[int, int, str]]) -> Finding:
        more = f"等 {len(block)} 行" if len(block) > 1 else ""
        return Finding(block[0][0], block[-1][1], args={"match": block[0][2], "more": more})

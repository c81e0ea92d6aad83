"""Half-width punctuation (`, : ; ? ! ( ) .`) used in Chinese running text.

## What it checks

A half-width mark from `marks` is a finding when it sits in Chinese text: the character before
it is a Chinese character or full-width mark, or the character after it is Chinese and the one
before it is not a Latin letter (`达100%,同比` is Chinese text; `Smith, Jones` is not), or it
directly follows such a mark (the whole run in `我们,,,,`).
Half-width brackets are judged as a pair: `(2021—2025年)` or `(一)` is Chinese, `世界贸易组织(WTO)`
with only Latin inside is left alone. A mark listed in `strict` (the full stop) needs a Chinese
character before it and a Chinese character or the line end after it, so `报告.doc`, `1.5` and
`1.` headings stay. Never flagged: numbers (`1,000`, `9:30`, `1:2`), URLs and
Latin text (the mark has Latin or digits on both sides), web-page chrome lines, Markdown link
targets `[…](…)`, and a 发文字号 `(2019)67号` (the document-number rule owns its brackets).

## Why

GB/T 15834-2011 gives the full-width forms for Chinese text; GB/T 9704-2012 refers 公文
punctuation to it. A report pasted from a half-width source (a whole seed report uses `,` and
`:` throughout) looks careless to the reader and to the reviewing office.

## Example

```yaml
- id: halfwidth-punctuation
  kind: halfwidth_punctuation
  category: punctuation
  severity: warning
  message: "中文文本中使用了半角“{mark}”，应为全角“{replacement}”。"
  source: GB/T 15834-2011《标点符号用法》
  fix: safe
  examples:
    bad:
      - text: 2022年[[,]]市政府办公室坚持依法行政。
        fixed: 2022年，市政府办公室坚持依法行政。
    good:
      - 会议于9:30开始，共1,000人参加，详见http://www.gov.cn。
```

## Where it points

At the single half-width mark. `{mark}` is the mark, `{replacement}` its full-width form.

## Fix

The full-width form of the mark (safe: a one-character swap that never changes a line).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from .base import BaseKind, ParamError, finditer

# Chinese characters and the full-width/CJK punctuation that surrounds them in Chinese text.
_CJK_CLASS = r"\p{Han}\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\u2018-\u201F\u2026\u2014"
_CJK = regex.compile(f"[{_CJK_CLASS}]")
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[A-Za-z]")
# A 发文字号 year bracket: `政发(2019)67号`; the doc-number rule replaces these brackets with 〔〕.
_DOC_NUMBER_AFTER = regex.compile(r"第?\d+号")
_DOC_NUMBER_INNER = regex.compile(r"\d{2,4}")

DEFAULT_MARKS = {
    ",": "，",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
    ".": "。",
}


@record(frozen=True, kw_only=True)
class Params:
    marks: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_MARKS),
        metadata={"doc": "半角标点 → 全角替换（括号“(”“)”按成对判断）"},
    )
    strict: str = field(
        default=".",
        metadata={
            "doc": "只在前面是汉字、后面是汉字或行尾时才报告的标点（句点：报告.doc、1.5 不算）"
        },
    )
    max_bracket: int = field(
        default=300, metadata={"doc": "成对半角括号之间最多的字符数（超过则逐个判断）"}
    )


class HalfwidthPunctuation(BaseKind):
    name: ClassVar[str] = "halfwidth_punctuation"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"mark", "replacement"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.marks:
            raise ParamError("marks", "至少需要一个半角标点")
        for mark, full in params.marks.items():
            if len(mark) != 1 or not full or "\n" in full:
                raise ParamError("marks", f"“{mark}”应为单个字符，替换不能为空或含换行")
        self._brackets = "(" in params.marks and ")" in params.marks
        singles = "".join(
            regex.escape(m) for m in params.marks if m not in "()" or not self._brackets
        )
        alternatives = []
        if self._brackets:
            # NOTE: one pass over the text: an innermost bracket pair, or a single mark.
            alternatives.append(rf"\((?P<inner>[^()\n]{{0,{params.max_bracket}}})\)")
            alternatives.append(r"(?P<single>[()])")
        if singles:
            alternatives.append(f"(?P<single>[{singles}])")
        self._pattern = regex.compile("|".join(alternatives), regex.V1)

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        chrome = doc.structure.chrome_lines
        skip = [(ln.start, ln.end) for ln in doc.lines if ln.number in chrome]
        numerals = {
            offset
            for h in doc.structure.headings
            for offset in range(h.numeral_start, h.numeral_end)
        }
        strict = self.params.strict
        marks = self.params.marks
        # NOTE: a corpus report has ~60 matches per KB; per-match work is kept to plain Python
        # (the findings themselves are most of what this rule costs).
        # End of the last mark found in Chinese text: a mark right after it continues the same
        # run (我们,,,,…), so the whole run is fixed in one pass instead of one mark per --fix.
        chinese_run_end = -1
        for m in finditer(self._pattern, text):
            start = m.start()
            if skip and any(lo <= start <= hi for lo, hi in skip):
                continue
            mark = m.group("single")
            if mark is not None:
                if mark in strict:
                    if start in numerals:
                        continue  # "一.标题": the heading rules judge a numeral's punctuation
                    if not self._strictly_chinese(text, start, start + 1):
                        continue
                elif start != chinese_run_end and not self._in_chinese(text, start, start + 1):
                    continue
                chinese_run_end = start + 1
                full = marks[mark]
                yield Finding(
                    start=start,
                    end=start + 1,
                    args={"mark": mark, "replacement": full},
                    suggestion=full,
                    replacement=full,
                )
                continue
            end = m.end()
            if self._pair_is_chinese(text, start, end, m.group("inner")):
                yield self._finding(start, "(")
                yield self._finding(end - 1, ")")

    def _finding(self, offset: int, mark: str) -> Finding:
        full = self.params.marks[mark]
        return Finding(
            start=offset,
            end=offset + 1,
            args={"mark": mark, "replacement": full},
            suggestion=full,
            replacement=full,
        )

    @staticmethod
    def _strictly_chinese(text: str, start: int, end: int) -> bool:
        if start == 0 or not _HAN.match(text[start - 1]):
            return False
        return end == len(text) or text[end] == "\n" or _HAN.match(text[end]) is not None

    @staticmethod
    def _in_chinese(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before and _CJK.match(before):
            return True
        if after and _HAN.match(after):
            return not (before and _LATIN.match(before))
        # "(一)" at the start of a line, or an opening bracket before a Chinese word.
        return False

    def _pair_is_chinese(self, text: str, start: int, end: int, inner: str) -> bool:
        if start > 0 and text[start - 1] == "]":
            return False  # a Markdown link target: [法治报告](https://…)
        if (
            _DOC_NUMBER_INNER.fullmatch(inner)
            # bounded endpos: the regex module would scan the rest of the text for 号 per call
            and _DOC_NUMBER_AFTER.match(text, end, end + 24)
            and start > 0
            and _HAN.match(text[start - 1])
        ):
            return False  # 政发(2019)67号: the doc-number rule turns these into 〔〕
        if _CJK.search(inner):
            return True
        if _LATIN.search(inner):
            return False  # "组织(WTO)": Latin inside a Chinese sentence keeps its brackets
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        return bool((before and _CJK.match(before)) or (after and _HAN.match(after)))

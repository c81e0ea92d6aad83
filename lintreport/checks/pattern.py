"""Find text by regular expression or literal term list, with optional replacement.

## What it checks

Every match of `pattern` (regular expressions, `regex` module syntax) or of a literal in
`terms` is a finding, unless an `unless` pattern matches text overlapping it nearby (the
exceptions that are correct Chinese: 法制审核, 学法制度 …). `group` reports only a named group
of the match, so a pattern can look at context without underlining it. `expand: sentence`
reports the whole sentence around a match (from the previous 。 or line start to the next 。 or
line end), once per sentence.

## Why

Most wording, terminology and punctuation defects are local: a wrong term, a half-width mark, a
bracket of the wrong kind. The pack lists them; this kind finds them.

## Example

```yaml
- id: fazhi-not-fazhi
  kind: pattern
  category: wording
  severity: error
  message: "“{match}”应为“{replacement}”：建设目标是法治政府，不是法制政府。"
  source: 《法治政府建设实施纲要（2021－2025年）》
  fix: safe
  terms:
    法制政府: 法治政府
  unless: ["法制审核", "法制统一"]
  examples:
    bad:
      - text: 大力推进[[法制政府]]建设。
        fixed: 大力推进法治政府建设。
    good:
      - 全面推行重大执法决定法制审核制度。
```

## Where it points

At the match (or its `group`; with `expand: sentence`, the sentence containing it). `{match}`
is the reported text, `{replacement}` the fix, and each named group of the pattern is a
placeholder of its own. Prefer `expand: sentence` with a keyword pattern to a pattern that
scans the sentence itself (`[^。]*?关键词[^。]*`): the regex engine must try such a pattern at
every position of the text, which was 45% of the default pack's time.

## Fix

With `terms`, the replacement is the term's value; with `pattern`, the `replace` template
(`{match}` and named groups). Declare `fix: safe` only when the replacement is always right.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

import regex

from ..document.document import Document
from ..messages import render
from ..model import Finding
from ..record import record
from .backtrack import within_lines
from .base import BaseKind, ParamError, compile_regex, finditer, literal_alternation


@record(frozen=True, kw_only=True)
class Params:
    pattern: list[str] = field(
        default_factory=list, metadata={"doc": "正则表达式（一个或多个）", "regex": True}
    )
    terms: dict[str, str | None] = field(
        default_factory=dict, metadata={"doc": "字面词条 → 替换（null 表示只报告不替换）"}
    )
    replace: str | None = field(
        default=None, metadata={"doc": "正则匹配的替换模板，可用 {match} 和命名分组"}
    )
    suggest: str | None = field(default=None, metadata={"doc": "给读者的建议模板"})
    unless: list[str] = field(
        default_factory=list,
        metadata={"doc": "例外：在匹配附近与其重叠的这些正则匹配时不报告", "regex": True},
    )
    unless_window: int = field(default=20, metadata={"doc": "例外模式在匹配前后查看的字符数"})
    group: str | None = field(default=None, metadata={"doc": "只标出这个命名分组"})
    scope: Literal["all", "body", "headings"] = field(
        default="all", metadata={"doc": "检查范围：全文、正文（标题块和网页杂项之外）或标题"}
    )
    expand: Literal["none", "sentence"] = field(
        default="none",
        metadata={"doc": "sentence：报告匹配所在的整句（到前后的“。”或行首行尾），每句一次"},
    )


class Pattern(BaseKind):
    name: ClassVar[str] = "pattern"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "replacement"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.pattern and not params.terms:
            raise ParamError("pattern", "需要 pattern 或 terms 之一")
        if params.terms and params.pattern:
            raise ParamError("terms", "pattern 和 terms 不能同时使用，请拆成两条规则")
        if params.replace is not None and params.terms:
            raise ParamError("replace", "replace 只用于 pattern；terms 的替换写在词条的值里")
        if params.expand != "none" and params.terms:
            raise ParamError("expand", "expand 只用于 pattern；terms 的替换针对词条本身")
        sources = params.pattern or [literal_alternation(params.terms)]
        self._patterns = [compile_regex("pattern", p) for p in sources]
        self._unless = (
            compile_regex("unless", "|".join(f"(?:{u})" for u in params.unless))
            if params.unless
            else None
        )
        # `scope: body` scans line by line. A pattern whose matches stay inside a line (no
        # newline in any part, no anchor: backtrack.within_lines) is scanned once over the
        # whole text instead, its matches sorted into the lines: the same matches, one call
        # instead of one per line. Patterns that could tell a line's edge from the text's
        # (`$`, `^`, `\s` …) keep the scan per line, decided here once.
        self._whole = [params.scope == "body" and within_lines(p.pattern) for p in self._patterns]
        groups: set[str] = set()
        for p in self._patterns:
            groups.update(p.groupindex)
        if params.group is not None and params.group not in groups:
            raise ParamError("group", f"模式中没有名为“{params.group}”的分组")
        self._groups = frozenset(groups)

    def allowed_placeholders(self) -> frozenset[str]:
        return self.placeholders | self._groups

    def _ranges(self, doc: Document) -> list[tuple[int, int]]:
        scope = self.params.scope
        if scope == "all":
            return [(0, len(doc.text))]
        structure = doc.structure
        if scope == "headings":
            return [(h.title_start, h.title_end) for h in structure.headings]
        skip = structure.chrome_lines | ({structure.title.number} if structure.title else set())
        return [(ln.start, ln.end) for ln in doc.lines if ln.number not in skip and ln.text]

    def _excepted(self, text: str, start: int, end: int) -> bool:
        if self._unless is None:
            return False
        window = self.params.unless_window
        lo, hi = max(0, start - window), min(len(text), end + window)
        return any(
            m.start() < end and m.end() > start for m in finditer(self._unless, text, lo, hi)
        )

    def _by_range(
        self, text: str, ranges: list[tuple[int, int]]
    ) -> list[list[list[regex.Match[str]]] | None]:
        """For each pattern scanned whole: its matches in each range, in order (else None)."""
        starts = [lo for lo, _ in ranges]
        found: list[list[list[regex.Match[str]]] | None] = []
        for pattern, whole in zip(self._patterns, self._whole, strict=True):
            if not whole:
                found.append(None)
                continue
            buckets: list[list[regex.Match[str]]] = [[] for _ in ranges]
            for m in finditer(pattern, text):
                i = bisect_right(starts, m.start()) - 1
                if i >= 0 and m.end() <= ranges[i][1]:
                    buckets[i].append(m)
            found.append(buckets)
        return found

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        params = self.params
        sentences = params.expand == "sentence"
        ranges = self._ranges(doc)
        whole = self._by_range(text, ranges) if any(self._whole) else [None] * len(self._whole)
        for index, (lo, hi) in enumerate(ranges):
            for pattern, buckets in zip(self._patterns, whole, strict=True):
                reported = lo  # with expand: end of the sentence reported last
                matches = finditer(pattern, text, lo, hi) if buckets is None else buckets[index]
                for m in matches:
                    start, end = m.span(params.group) if params.group else m.span()
                    if start == end:
                        continue
                    if sentences:
                        if start < reported:
                            continue  # another match in a sentence already reported
                        start, end = _sentence(text, start, end, lo, hi)
                        reported = end
                    if self._excepted(text, start, end):
                        continue
                    values: dict[str, str] = {
                        k: v for k, v in m.groupdict().items() if v is not None
                    }
                    values["match"] = text[start:end]
                    if params.terms:
                        replacement = params.terms.get(m.group())
                    elif params.replace is not None:
                        replacement = render(params.replace, values)
                    else:
                        replacement = None
                    if replacement is not None:
                        values["replacement"] = replacement
                    suggestion = render(params.suggest, values) if params.suggest else replacement
                    yield Finding(
                        start=start,
                        end=end,
                        args=values,
                        suggestion=suggestion,
                        replacement=replacement,
                    )


_SENTENCE_END = regex.compile(r"[\n。]")
_SENTENCE_START = regex.compile(r"[\n。]", regex.REVERSE)


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around [start, end) within [lo, hi): after the previous 。 or line start,
    through the next 。 (included) or to the line end."""
    before = _SENTENCE_START.search(text, lo, start)
    after = _SENTENCE_END.search(text, end, hi)
    first = before.end() if before else lo
    if after is None:
        return first, hi
    return first, after.end() if text[after.start()] == "。" else after.start()

"""A count the text announces must match the items that follow it.

## What it checks

Each match of `pattern` (regular expressions with a named group `n`, the announced number in
Arabic or Chinese numerals) announces `n` items; what counts as an item depends on `items`:

- `ordinals`: the run-in ordinals that follow (`一是…二是…`, templates in `ordinals`), or, when
  the next line is a heading, the headings of that level up to the next higher heading;
- `one_clauses`: the clauses after the colon that each contain a “one” (`进行一次专题部署，
  印发一个工作方案，…` after `“九个一”：`), counted while they keep coming;
- `list`: the list in brackets or after the colon, items separated by `、` (`三项制度（公示、
  全过程记录、法制审核）`); a final `和/及` may or may not join two items, so both readings count.

Only where the text makes the announcement and the items start right after it: if the first
item is not found within `max_distance` characters and one sentence, the rule says nothing.

## Why

"以下5个方面" followed by four items is a visible slip that reviewers catch; it usually means an
item was cut in editing or the count was not updated.

## Example

```yaml
- id: announced-count-mismatch
  kind: announced_count
  category: number
  severity: error
  message: "文中说“{announcement}”，其后列出了 {found} 项，请核对。"
  source: 《党政机关公文处理工作条例》公文审核：数字准确
  pattern: ["以下(?P<n>[0-9一二三四五六七八九十两]{1,3})(?:个|项|条|点)"]
  items: ordinals
  examples:
    bad:
      - text: 重点做好以下[[3]]个方面工作：一是加强学法。二是规范执法。
    good:
      - 重点做好以下2个方面工作：一是加强学法。二是规范执法。
```

## Where it points

At the announced number (`5` in `以下5个方面`, `九` in `“九个一”`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

import regex

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.numerals import cn_to_int, int_to_cn
from ..text.quantities import sentence_around
from .base import BaseKind, ParamError, compile_regex, count_relation, finditer

_SENTENCE_END = "。！？!?；;"
_MAX_ITEMS = 30  # an announced count beyond this is not a list of items
_ITEM_SPAN = 2000  # characters: no single item of a list is longer
_HAN = regex.compile(r"\p{Han}")
_CLAUSES_END = regex.compile(r"[。！？!?\n]")
_CLAUSE_SPLIT = regex.compile(r"[，,；;]")
_PAGE_MARKER = regex.compile(r"\n\p{Zs}*\d{1,3}、\p{Zs}?")


@functools.cache  # a few fixed patterns, compiled on first use rather than at import
def _compiled(pattern: str) -> regex.Pattern[str]:
    """`regex.compile` per call looked the pattern up in regex's own cache each time."""
    return regex.compile(pattern)


@record(frozen=True, kw_only=True)
class Params:
    pattern: list[str] = field(
        metadata={"doc": "宣布数目的正则表达式，命名分组 n 为数目", "regex": True}
    )
    items: Literal["ordinals", "one_clauses", "list"] = field(
        metadata={"doc": "其后各项的形式：一是…二是…/标题；含“一”的分句；顿号列举"}
    )
    ordinals: list[str] = field(
        default_factory=lambda: ["{k}是"],
        metadata={"doc": "ordinals：序号模板，{k} 为中文数字"},
    )
    one_pattern: str = field(
        default="一(?:个|次|项|场|批|套|系列|支|份|期|本|张|幅|条|部|堂|节)",
        metadata={"doc": "one_clauses：每一项中应出现的“一+量词”", "regex": True},
    )
    conjunctions: list[str] = field(
        default_factory=lambda: ["以及", "和", "及", "与"],
        metadata={"doc": "list：可能连接最后两项的连词"},
    )
    max_distance: int = field(
        default=120, metadata={"doc": "宣布与第一项之间最多的字数（超过则不判断）"}
    )
    max_item: int = field(default=30, metadata={"doc": "list：一项的最大字数"})


@record(frozen=True, slots=True)
class _Count:
    found: int
    low: int  # the fewest items a reading allows
    high: int  # the most


class AnnouncedCount(BaseKind):
    name: ClassVar[str] = "announced_count"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"announcement", "announced", "found"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.pattern:
            raise ParamError("pattern", "需要至少一个正则表达式")
        self._patterns = [compile_regex("pattern", p) for p in params.pattern]
        for p in self._patterns:
            if "n" not in p.groupindex:
                raise ParamError("pattern", "模式需要命名分组 n（宣布的数目）")
        if not params.ordinals or any("{k}" not in o for o in params.ordinals):
            raise ParamError("ordinals", "序号模板需要包含 {k}")
        self._one = compile_regex("one_pattern", params.one_pattern)
        # Ordinal k (一是 … 三十是) compiled once, as plain literals so the engine can skip
        # ahead fast; `_find` then rejects those inside a word (统一是, 唯一是).
        self._ordinals: list[regex.Pattern[str]] = [regex.compile("(?!)")]
        every: list[str] = []
        for k in range(1, _MAX_ITEMS + 2):
            cn = int_to_cn(k)
            alts = [regex.escape(o.replace("{k}", cn)) for o in params.ordinals]
            every.extend(alts)
            self._ordinals.append(regex.compile("|".join(alts)))
        self._any_ordinal = regex.compile("|".join(sorted(every, key=len, reverse=True)))
        self._conj = regex.compile("|".join(regex.escape(c) for c in params.conjunctions) or "(?!)")

    # -- items after the announcement ----------------------------------------------------

    def _ordinal(self, k: int) -> regex.Pattern[str] | None:
        return self._ordinals[k] if k < len(self._ordinals) else None

    @staticmethod
    def _find(pattern: regex.Pattern[str], text: str, lo: int, hi: int) -> regex.Match[str] | None:
        """First match in [lo, hi) that opens a clause (not preceded by a Han character)."""
        for m in pattern.finditer(text, lo, hi):
            if m.start() == 0 or not _HAN.match(text[m.start() - 1]):
                return m
        return None

    def _near(self, text: str, start: int, end: int) -> bool:
        """Whether `text[start:end]` is short and crosses at most one sentence end."""
        gap = _PAGE_MARKER.sub("", text[start:end])
        if len(gap) > self.params.max_distance:
            return False
        return sum(gap.count(ch) for ch in _SENTENCE_END) <= 1

    def _count_ordinals(self, doc: Document, pos: int, limit: int, most: int) -> _Count | None:
        text = doc.text
        one = self._ordinals[1]
        # Windows keep a text full of announcements linear: the first item must be near, and
        # one item is not longer than _ITEM_SPAN.
        first = self._find(one, text, pos, min(limit, pos + 4 * self.params.max_distance))
        if first is None or not self._near(text, pos, first.start()):
            return None
        k, at = 1, first.end()
        while k < most and (pattern := self._ordinal(k + 1)) is not None:
            nxt = self._find(pattern, text, at, min(limit, at + _ITEM_SPAN))
            if nxt is None:
                break
            restart = self._find(one, text, at, nxt.start())
            if restart is not None:
                break  # a new run starts before the next item of this one
            k, at = k + 1, nxt.end()
        return _Count(k, k, k)

    def _count_headings(self, doc: Document, line_no: int) -> _Count | None:
        headings = [h for h in doc.structure.headings if h.line > line_no]
        if not headings:
            return None
        first = headings[0]
        between = range(line_no + 1, first.line)
        if first.level is None or any(doc.line_text(n).strip() for n in between):
            return None
        if first.number != 1:
            return None  # items start at 1; "15、" is a page marker or a later list
        count = 0
        for h in headings:
            lost = h.style == "、" and first.level == 1  # a level-1 heading that lost its numeral
            if (h.level is None and not lost) or (h.level is not None and h.level < first.level):
                break
            if lost or (h.level == first.level and h.style == first.style):
                count += 1
        return _Count(count, count, count)

    def _count_one_clauses(self, text: str, pos: int, limit: int, most: int) -> _Count | None:
        colon = _compiled(r"[\p{Han}“”]{0,12}?[：:]").match(text, pos, limit)
        if colon is None:
            return None
        stop = min(limit, colon.end() + _ITEM_SPAN)
        end_mark = _CLAUSES_END.search(text, colon.end(), stop)
        end = end_mark.start() if end_mark else stop
        count = 0
        for clause in _CLAUSE_SPLIT.splititer(text[colon.end() : end]):
            if count >= most or not self._one.search(clause):
                break
            count += 1
        return _Count(count, count, count) if count else None

    def _count_list(self, text: str, pos: int, limit: int) -> _Count | None:
        m = _compiled(r"”?\p{Zs}*([（(：:])").match(text, pos, limit)
        if m is None:
            return None
        closers = "）)" if m.group(1) in "（(" else "。；;\n"
        stop = min(limit, m.end() + _ITEM_SPAN)
        closer = _compiled(f"[{regex.escape(closers)}]").search(text, m.end(), stop)
        if closer is None:
            return None
        end = closer.start()
        body = text[m.end() : end]
        if any(ch in body for ch in "，,：:（(") or "、" not in body:
            return None  # not a plain enumeration: say nothing
        items = body.split("、")
        if any(not i.strip() or len(i) > self.params.max_item for i in items):
            return None
        joined = len(self._conj.findall(items[-1]))
        return _Count(len(items), len(items), len(items) + joined)

    # -- running -------------------------------------------------------------------------

    def _limit(self, doc: Document, pos: int) -> tuple[int, int]:
        """End of the section containing `pos` (next level-1 heading) and the line number."""
        line_no, _ = doc.position(pos)
        for h in doc.structure.headings:
            if h.line > line_no and (h.level == 1 or h.level is None):
                return doc.lines[h.line - 1].start, line_no
        return len(doc.text), line_no

    def _count(self, doc: Document, end: int, announced: int) -> _Count | None:
        """Items after the announcement; counting stops one past `announced` (enough to tell)."""
        text = doc.text
        limit, line_no = self._limit(doc, end)
        kind = self.params.items
        if kind == "one_clauses":
            return self._count_one_clauses(text, end, limit, announced + 1)
        if kind == "list":
            return self._count_list(text, end, limit)
        line_end = doc.lines[line_no - 1].end
        rest_of_line = text[end:line_end].strip()
        # The announcement ends its line (…以下5个方面：, …以下3项工作。): items may be headings.
        last_sentence = not any(ch in _SENTENCE_END + "：:" for ch in rest_of_line[:-1])
        if not rest_of_line or (last_sentence and len(rest_of_line) < 40):
            by_heading = self._count_headings(doc, line_no)
            if by_heading is not None:
                return by_heading
        return self._count_ordinals(doc, end, limit, announced + 1)

    def _inside_item(self, text: str, start: int) -> bool:
        """Whether the announcement sits inside an item of an outer run (二是做好以下两项工作：
        一是…二是…。三是…): the outer run's next ordinal would be counted as an inner item, and
        we cannot tell the runs apart, so we say nothing."""
        lo, _ = sentence_around(text, start)
        lo = max(lo, start - _ITEM_SPAN)
        return self._find(self._any_ordinal, text, lo, start) is not None

    def run(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for pattern in self._patterns:
            for m in finditer(pattern, text):
                raw = m.group("n")
                announced = int(raw) if raw.isdigit() else cn_to_int(raw)
                if not announced or announced > _MAX_ITEMS:
                    continue
                if self.params.items == "ordinals" and self._inside_item(text, m.start()):
                    continue
                counted = self._count(doc, m.end(), announced)
                if counted is None:
                    continue
                count_relation()
                if counted.low <= announced <= counted.high:
                    continue
                yield Finding(
                    start=m.start("n"),
                    end=m.end("n"),
                    args={
                        "announcement": m.group(),
                        "announced": str(announced),
                        "found": str(counted.found),
                    },
                )

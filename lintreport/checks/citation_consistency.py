"""Find one document cited with two document numbers, or one number given to two titles.

## What it checks

Every citation of the form 《title》（发文字号） in the document; `conflict` chooses the check.
Titles are compared after normalising spaces, bracket width, dash kind, nested 〈〉 and the
pack's `title_synonyms` (人民政府 → 政府); numbers after normalising the bracket kind, 第 and
leading zeros (those slips are format defects reported by other rules, not different
documents). Then:

- `number`: the same title with two different numbers: a finding at each number, naming the
  other's line;
- `title`: the same number with two different titles (neither contained in the other, so a short
  form of the title is not a conflict): a finding at each title.

## Why

GB/T 9704-2012 §7.2.5 and the citation convention (title first, then the 文号 in round brackets)
make the 文号 the document's identity. A draft that gives one 实施意见 two numbers
(云政办发〔2019〕67号 and 云政发〔2019〕67号, a bundled seed) cites at least one wrongly.

## Example

```yaml
- id: inconsistent-document-number
  kind: citation_consistency
  category: reference
  severity: error
  message: "{title}的文号此处为“{number}”，第{other_line}行为“{other_number}”。"
  source: GB/T 9704-2012 §7.2.5
  title_synonyms: {人民政府: 政府}
  examples:
    bad:
      - text: |
          贯彻《云南省政府办公厅关于推行合法性审核机制的实施意见》([[云政办发〔2019〕67号]])。
          以《云南省人民政府办公厅关于推行合法性审核机制的实施意见》([[云政发〔2019〕67号]])为重点。
    good:
      - 贯彻《关于推行审核机制的意见》（云政办发〔2019〕67号）和《意见》（云政办发﹝2019﹞67号）。
```

## Where it points

At the number (two numbers for one title) or at the 《title》 (two titles for one number), once
for each side of the conflict. Placeholders: `{title}`, `{number}`, `{other_title}`,
`{other_number}`, `{other_line}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

from ..document.document import Document
from ..model import Finding
from ..record import record
from ..text.citations import Citation, iter_citations, normalize_number, normalize_title
from .base import BaseKind


@record(frozen=True, kw_only=True)
class Params:
    conflict: Literal["number", "title"] = field(
        default="number",
        metadata={"doc": "number：同一标题两个文号；title：同一文号两个标题"},
    )
    title_synonyms: dict[str, str] = field(
        default_factory=dict, metadata={"doc": "比较标题前统一的写法（如 人民政府 → 政府）"}
    )
    min_title_length: int = field(
        default=8, metadata={"doc": "标题（规范化后）短于此长度时不比较文号（如《通知》）"}
    )


class CitationConsistency(BaseKind):
    name: ClassVar[str] = "citation_consistency"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {"title", "number", "other_title", "other_number", "other_line"}
    )

    def run(self, doc: Document) -> Iterator[Finding]:
        # Parsed once per document for all citation rules.
        cites = doc.memo("citations", lambda: tuple(iter_citations(doc.text)))
        if len(cites) < 2:
            return
        synonyms = self.params.title_synonyms
        keyed = [
            (c, normalize_title(c.title.title, synonyms), normalize_number(c.number)) for c in cites
        ]
        if self.params.conflict == "number":
            yield from self._number_conflicts(doc, keyed)
        else:
            yield from self._title_conflicts(doc, keyed)

    def _args(self, doc: Document, here: Citation, other: Citation) -> dict[str, str]:
        return {
            "title": f"《{here.title.title}》",
            "number": here.number,
            "other_title": f"《{other.title.title}》",
            "other_number": other.number,
            "other_line": str(doc.position(other.title.start)[0]),
        }

    def _number_conflicts(
        self, doc: Document, keyed: list[tuple[Citation, str, str]]
    ) -> Iterator[Finding]:
        by_title: dict[str, list[tuple[Citation, str]]] = {}
        for cite, title, number in keyed:
            if len(title) >= self.params.min_title_length:
                by_title.setdefault(title, []).append((cite, number))
        for group in by_title.values():
            if len({n for _, n in group}) < 2:
                continue
            for cite, number in group:
                # The nearest citation with a different number is the one to name.
                others = [c for c, n in group if n != number]
                other = min(others, key=lambda c: abs(c.title.start - cite.title.start))
                yield Finding(
                    start=cite.number_start,
                    end=cite.number_end,
                    args=self._args(doc, cite, other),
                )

    def _title_conflicts(
        self, doc: Document, keyed: list[tuple[Citation, str, str]]
    ) -> Iterator[Finding]:
        by_number: dict[str, list[tuple[Citation, str]]] = {}
        for cite, title, number in keyed:
            by_number.setdefault(number, []).append((cite, title))
        for group in by_number.values():
            for cite, title in group:
                others = [c for c, t in group if t not in title and title not in t]
                if not others:
                    continue
                other = min(others, key=lambda c: abs(c.title.start - cite.title.start))
                yield Finding(
                    start=cite.title.start,
                    end=cite.title.end,
                    args=self._args(doc, cite, other),
                )

    def explain(self) -> list[str]:
        params = self.params
        what = (
            "同一标题（规范化后）对应两个不同文号时，在每个文号处报告"
            if params.conflict == "number"
            else "同一文号对应两个互不包含的标题时，在每个标题处报告"
        )
        synonyms = "；".join(f"{k} → {v}" for k, v in params.title_synonyms.items()) or "无"
        return [
            f"检查：{what}",
            "引用形式：《标题》（发文字号），圆括号可为全角或半角",
            f"标题比较：忽略空格、括号全半角、连接号和书名号嵌套；统一写法：{synonyms}",
            "文号比较：忽略年份括号类型、“第”字和虚位（这些由标点规则另行检查）",
        ]

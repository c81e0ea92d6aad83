r"""Sections a report type must contain, in the weaker forms real reports use, and their order.

## What it checks

`sections` lists the required sections in their canonical order. Each is found, in this order of
preference, as:

1. a section-level heading (a level-1 heading `一、…`, a heading whose numeral was lost, or an
   unnumbered Markdown heading of the top level) whose title contains one of `headings`;
2. with `thematic`, the first section-level heading whose title names no required section, if
   it comes before the sections that follow in the canonical order (reports often open with
   thematic headings such as `一、强部署明责任，着力提升法治质效`);
3. one of `forms`: a lower-level heading (`at: subheading`) or text anywhere in a paragraph
   (`at: paragraph`) matching one of the form's patterns (or, with `min_count`, that many
   different patterns: the 8-item structure of a department report), optionally only `within`
   the text of other sections. Each form has a `severity`: `ok` (acceptable, nothing
   reported), `info` or `warning` (reported with `message_weak`, naming the form by its
   `label`).

Forms of an `ordered` section are only looked for after the previous ordered section that was
found, so a sentence in the opening paragraph never stands in for a section.

Then:

- a section found nowhere is reported with the rule's `message` (severity: the section's
  `severity`, else the rule's), at the start of the next ordered section found after it in the
  canonical order, or at the end of the body (before 特此报告 and the closing date);
- a section with `requires` whose text (after its heading) matches none of the required
  patterns is reported with `message_partial` (a 不足 section that gives no causes);
- an `ordered` section found before an ordered section that precedes it in the canonical order
  is reported with `message_order` (severity info).

## Why

《法治政府建设与责任落实督察工作规定》 (厅字〔2019〕28号, probably 第二十五条) lists what the
annual report must contain: 主要举措和成效; 存在的不足和原因;
党政主要负责人履行推进法治建设第一责任人职责情况; 下一年度的主要安排.
Missing blocks and thin 不足 sections are the defects evaluations find most.

## Example

```yaml
- id: required-section-missing
  kind: required_sections
  category: structure
  severity: error
  message: "缺少“{section}”部分：《法治政府建设与责任落实督察工作规定》要求年度报告写明{section}。"
  message_weak: "“{section}”没有单独成节，只见于{form}：建议列为一级标题。"
  message_partial: "“{section}”部分缺少{missing}。"
  message_order: "“{section}”应在“{previous}”之前。"
  source: 《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）
  sections:
    - name: 主要举措和成效
      headings: [主要举措, 工作推进情况]
      thematic: true
    - name: 存在的不足和原因
      headings: [不足, 存在问题]
      requires:
        pattern: ['原因|主要是|根源']
        label: 原因分析
  examples:
    bad:
      - text: "一、主要举措和成效\n……\n"
    good:
      - "一、主要举措和成效\n……\n二、存在的不足和原因\n原因主要是……\n"
```

## Where it points

A missing section: an empty span where it should start. A weak form: the matched text. A
partial section: its heading title (or an empty span at its weak form). Out of order: the
heading title. Placeholders: `{section}` (the section's `name`), `{form}` (the form's `label`),
`{missing}` (the requirement's `label`), `{previous}` (the section it should follow or precede).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import regex

from ..document import Document
from ..messages import unknown_placeholders
from ..model import Finding, Severity
from ..structure import Heading
from .base import BaseKind, ParamError, compile_regex, finditer

_CLOSING = regex.compile(r"^\s*(?:特此报告|专此报告)[。.]?\s*$")
# The issuing body's name above the closing date: short, no punctuation.
_SIGNATURE = regex.compile(r"^\s*[\p{Han}（）()]{2,30}\s*$")
_BOOK_TITLE = regex.compile(r"《[^《》\n]*》")


@dataclass(frozen=True, kw_only=True)
class Form:
    at: Literal["subheading", "paragraph"] = field(
        metadata={"doc": "subheading：二级及以下标题的标题文字；paragraph：正文段落中的任意位置"}
    )
    pattern: list[str] = field(metadata={"doc": "匹配这种形式的正则表达式", "regex": True})
    label: str = field(metadata={"doc": "提示中对这种形式的称呼（填入 {form}）"})
    severity: Literal["ok", "info", "warning"] = field(
        default="warning", metadata={"doc": "以这种形式出现时的严重程度；ok 表示可以接受、不报告"}
    )
    within: list[str] = field(
        default_factory=list,
        metadata={"doc": "只在这些章节（name）的范围内查找；空表示不限"},
    )
    min_count: int = field(
        default=1,
        metadata={"doc": "至少有几个不同的 pattern 各自匹配到（如部门报告八项履职内容中的两项）"},
    )


@dataclass(frozen=True, kw_only=True)
class Requirement:
    pattern: list[str] = field(
        metadata={"doc": "章节正文（标题之后）必须出现的措辞，任一匹配即可", "regex": True}
    )
    label: str = field(metadata={"doc": "缺少时提示中的称呼（填入 {missing}）"})
    severity: Literal["info", "warning"] = field(
        default="warning", metadata={"doc": "缺少时的严重程度"}
    )


@dataclass(frozen=True, kw_only=True)
class Section:
    name: str = field(metadata={"doc": "章节名称（填入 {section}）"})
    headings: list[str] = field(
        default_factory=list, metadata={"doc": "一级标题中出现其一即视为该章节的词语"}
    )
    thematic: bool = field(
        default=False,
        metadata={"doc": "第一个一级标题不属于任何必备章节时，视为本章节（主题式标题）"},
    )
    ordered: bool = field(default=True, metadata={"doc": "是否检查它在规范顺序中的位置"})
    forms: list[Form] = field(
        default_factory=list, metadata={"doc": "没有对应一级标题时可以接受的较弱形式，按顺序尝试"}
    )
    requires: Requirement | None = field(
        default=None, metadata={"doc": "章节正文必须包含的内容（如不足部分的原因分析）"}
    )
    severity: Literal["error", "warning", "info"] | None = field(
        default=None, metadata={"doc": "缺少这一章节时的严重程度；默认用规则的 severity"}
    )


@dataclass(frozen=True, kw_only=True)
class Params:
    sections: list[Section] = field(metadata={"doc": "必备章节，按规范顺序排列"})
    message_weak: str = field(metadata={"doc": "章节只以较弱形式出现时的提示模板"})
    message_partial: str = field(metadata={"doc": "章节缺少必需内容（requires）时的提示模板"})
    message_order: str = field(metadata={"doc": "章节顺序不对时的提示模板"})


@dataclass(frozen=True, slots=True)
class _Found:
    """Where a section was found: a heading, or a form's match."""

    index: int  # canonical position
    start: int  # where the section starts (heading numeral or match start)
    span: tuple[int, int]  # what a finding about it underlines
    body_start: int  # where its text begins (after the heading title)
    heading: Heading | None
    form: Form | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    section: Section
    forms: tuple[tuple[Form, tuple[regex.Pattern[str], ...]], ...]
    requires: tuple[regex.Pattern[str], ...]


def _combined_severity(sections: list[Section]) -> Severity | None:
    """The most severe of the sections' own severities; None (the rule's) if any has none."""
    if any(s.severity is None for s in sections):
        return None
    return max((Severity(s.severity or "error") for s in sections), key=lambda v: v.rank)


def _section_headings(doc: Document) -> list[Heading]:
    """Headings that open a section: level 1, a lost numeral, or top-level Markdown headings."""
    headings = doc.structure.headings
    top = [h for h in headings if h.level == 1 or h.style == "、"]
    if top:
        return top
    plain = [h for h in headings if h.style == "#" and h.markdown_level is not None]
    if not plain:
        return []
    level = min(h.markdown_level or 0 for h in plain)
    return [h for h in plain if h.markdown_level == level]


def _inside_book_title(text: str, start: int, end: int) -> bool:
    """True when [start, end) lies inside 《…》: citing a regulation is not discussing it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(
        m.start() < start and m.end() > end
        for m in finditer(_BOOK_TITLE, text, line_start, line_end)
    )


class RequiredSections(BaseKind):
    name: ClassVar[str] = "required_sections"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"section", "form", "missing", "previous"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.sections:
            raise ParamError("sections", "至少需要一个章节")
        names = [s.name for s in params.sections]
        if len(set(names)) != len(names):
            raise ParamError("sections", "章节名称重复")
        for key in ("message_weak", "message_partial", "message_order"):
            unknown = unknown_placeholders(getattr(params, key), self.placeholders)
            if unknown:
                raise ParamError(key, f"占位符“{{{unknown[0]}}}”不存在")
        compiled = []
        for section in params.sections:
            if not section.headings and not section.forms and not section.thematic:
                raise ParamError("sections", f"章节“{section.name}”没有任何识别方式")
            for form in section.forms:
                for other in form.within:
                    if other not in names:
                        raise ParamError("within", f"within 中的章节“{other}”不存在")
            forms = tuple(
                (form, tuple(compile_regex("pattern", p) for p in form.pattern))
                for form in section.forms
            )
            requires = (
                tuple(compile_regex("pattern", p) for p in section.requires.pattern)
                if section.requires
                else ()
            )
            compiled.append(_Compiled(section, forms, requires))
        self._sections = tuple(compiled)

    def explain(self) -> list[str]:
        """The sections, the headings that satisfy them and the weaker forms accepted."""
        severity = {"ok": "可以接受", "info": "提示", "warning": "警告"}
        lines = ["必备章节（按规范顺序）："]
        for n, c in enumerate(self._sections, 1):
            section = c.section
            lines.append(f"  {n}. {section.name}" + ("" if section.ordered else "（不检查位置）"))
            if section.headings:
                lines.append(f"     标题用语：{'、'.join(section.headings)}")
            if section.thematic:
                lines.append("     也接受：不属于其他章节的主题式一级标题")
            for form in section.forms:
                lines.append(f"     较弱形式：{form.label}（{severity[form.severity]}）")
            if section.requires is not None:
                lines.append(f"     必须包含：{section.requires.label}")
        return lines

    # -- locating --------------------------------------------------------------------------

    def _classify(self, heading: Heading) -> set[int]:
        return {
            i
            for i, c in enumerate(self._sections)
            if any(word in heading.title for word in c.section.headings)
        }

    def _locate(
        self, doc: Document
    ) -> tuple[dict[int, _Found], list[Heading], dict[int, set[int]]]:
        tops = _section_headings(doc)
        classes = {id(h): self._classify(h) for h in tops}
        found: dict[int, _Found] = {}
        for h in tops:
            for i in sorted(classes[id(h)]):
                found.setdefault(i, self._from_heading(i, h))
        for i, c in enumerate(self._sections):
            if i in found or not c.section.thematic:
                continue
            # The first heading that names no section, if it comes before the sections that
            # follow this one (a 第一责任人 heading may precede it).
            limit = min(
                (f.start for j, f in found.items() if j > i and self._ordered(j)),
                default=len(doc.text),
            )
            unnamed = [h for h in tops if not classes[id(h)] and h.numeral_start < limit]
            if unnamed:
                found[i] = self._from_heading(i, unnamed[0])
        body = self._body_range(doc)
        # Weaker forms: ordered sections first (each after the previous one found), then the rest.
        order = [i for i, c in enumerate(self._sections) if c.section.ordered]
        order += [i for i, c in enumerate(self._sections) if not c.section.ordered]
        for i in order:
            if i in found:
                continue
            c = self._sections[i]
            lo = body[0]
            if c.section.ordered:
                earlier = [found[j].start for j in range(i) if j in found and self._ordered(j)]
                if earlier:
                    lo = max(earlier)
            hit = self._search_forms(doc, c, lo, body[1], found, tops, classes)
            if hit is not None:
                found[i] = _Found(i, hit[1][0], hit[1], hit[1][0], hit[2], hit[0])
        return found, tops, classes

    def _ordered(self, i: int) -> bool:
        return self._sections[i].section.ordered

    @staticmethod
    def _from_heading(index: int, h: Heading) -> _Found:
        return _Found(index, h.numeral_start, (h.title_start, h.title_end), h.title_end, h, None)

    def _search_forms(
        self,
        doc: Document,
        c: _Compiled,
        lo: int,
        hi: int,
        found: dict[int, _Found],
        tops: list[Heading],
        classes: dict[int, set[int]],
    ) -> tuple[Form, tuple[int, int], Heading | None] | None:
        names = [s.section.name for s in self._sections]
        for form, patterns in c.forms:
            ranges = [(lo, hi)]
            if form.within:
                ranges = []
                for name in form.within:
                    j = names.index(name)
                    if j in found:
                        start, end = self._extent(doc, found[j], found, tops, classes)
                        ranges.append((max(lo, start), min(hi, end)))
            for start, end in sorted(ranges):
                if start >= end:
                    continue
                hit = self._match_form(doc, form, patterns, start, end)
                if hit is not None:
                    return form, hit[0], hit[1]
        return None

    def _match_form(
        self,
        doc: Document,
        form: Form,
        patterns: tuple[regex.Pattern[str], ...],
        lo: int,
        hi: int,
    ) -> tuple[tuple[int, int], Heading | None] | None:
        text = doc.text
        skip = doc.structure.chrome_lines
        if form.at == "subheading":
            first: Heading | None = None
            matched: set[int] = set()
            for h in doc.structure.headings:
                if h.level is None or h.level < 2 or not lo <= h.numeral_start < hi:
                    continue
                hits = {i for i, p in enumerate(patterns) if p.search(h.title, timeout=2.0)}
                if hits and first is None:
                    first = h
                matched |= hits
            if first is None or len(matched) < form.min_count:
                return None
            return (first.title_start, first.title_end), first
        best: tuple[int, int] | None = None
        for p in patterns:
            for m in finditer(p, text, lo, hi):
                if m.start() == m.end() or doc.position(m.start())[0] in skip:
                    continue
                if _inside_book_title(text, m.start(), m.end()):
                    continue
                if best is None or m.start() < best[0]:
                    best = m.span()
                break
        return (best, None) if best is not None else None

    def _extent(
        self,
        doc: Document,
        f: _Found,
        found: dict[int, _Found],
        tops: list[Heading],
        classes: dict[int, set[int]],
    ) -> tuple[int, int]:
        """From a section's start to the next section's: thematic ones run over unnamed headings."""
        end = self._body_range(doc)[1]
        thematic = self._sections[f.index].section.thematic
        for other in found.values():
            if other.start > f.start:
                end = min(end, other.start)
        for h in tops:
            if h.numeral_start <= f.start:
                continue
            if classes[id(h)] - {f.index} or not thematic:
                end = min(end, h.numeral_start)
                break
        return f.start, end

    @staticmethod
    def _body_range(doc: Document) -> tuple[int, int]:
        """The report body: after the addressee/title block, before 特此报告 and the date."""
        structure = doc.structure
        lines = doc.lines
        first = max(1, structure.body_start_line)
        start = lines[first - 1].start if first <= len(lines) else len(doc.text)
        last = len(lines)
        while last > 0 and not lines[last - 1].text.strip():
            last -= 1
        tail = last
        closing = structure.closing_date
        if closing is not None:
            tail = closing.line - 1
            # the issuing body's name and 特此报告 sit just above the date
            headings = {h.line for h in structure.headings}
            while tail > 0 and (
                not lines[tail - 1].text.strip()
                or _CLOSING.match(lines[tail - 1].text)
                or (_SIGNATURE.match(lines[tail - 1].text) and tail not in headings)
            ):
                tail -= 1
            return start, (lines[tail].start if tail < len(lines) else len(doc.text))
        if last and _CLOSING.match(lines[last - 1].text):
            return start, lines[last - 1].start
        end = lines[last - 1].end if last else len(doc.text)
        return start, end

    # -- reporting -------------------------------------------------------------------------

    def run(self, doc: Document) -> Iterator[Finding]:
        found, tops, classes = self._locate(doc)
        names = [c.section.name for c in self._sections]
        body_end = self._body_range(doc)[1]
        # Sections missing at the same place make one finding: the runner keeps one per span.
        missing: dict[int, list[Section]] = {}
        for i, c in enumerate(self._sections):
            section = c.section
            f = found.get(i)
            if f is None:
                later = [found[j].start for j in found if j > i and self._ordered(j)]
                at = min(later) if later else body_end
                if later and self._at_line_start(doc, at):
                    at = doc.lines[doc.position(at)[0] - 1].start  # before the indentation
                missing.setdefault(at, []).append(section)
                continue
            if f.form is not None and f.form.severity != "ok":
                yield Finding(
                    f.span[0],
                    f.span[1],
                    args={"section": section.name, "form": f.form.label},
                    severity=Severity(f.form.severity),
                    message=self.params.message_weak,
                )
            if section.requires is not None and c.requires:
                _, end = self._extent(doc, f, found, tops, classes)
                if not any(
                    any(True for _ in finditer(p, doc.text, f.body_start, end)) for p in c.requires
                ):
                    span = (
                        f.span if f.heading is not None and f.form is None else (f.start, f.start)
                    )
                    yield Finding(
                        span[0],
                        span[1],
                        args={"section": section.name, "missing": section.requires.label},
                        severity=Severity(section.requires.severity),
                        message=self.params.message_partial,
                    )
        for at, sections in sorted(missing.items()):
            yield Finding(
                at,
                at,
                args={"section": "”“".join(s.name for s in sections)},
                severity=_combined_severity(sections),
            )
        yield from self._order(found, names)

    @staticmethod
    def _at_line_start(doc: Document, offset: int) -> bool:
        line, col = doc.position(offset)
        return not doc.line_text(line)[: col - 1].strip()

    def _order(self, found: dict[int, _Found], names: list[str]) -> Iterator[Finding]:
        seen: list[_Found] = []
        for i in sorted(found):
            if not self._ordered(i):
                continue
            f = found[i]
            after = [g for g in seen if g.start > f.start]
            if after:
                first = min(after, key=lambda g: g.start)
                yield Finding(
                    f.span[0],
                    f.span[1],
                    args={"section": names[i], "previous": names[first.index]},
                    severity=Severity.INFO,
                    message=self.params.message_order,
                )
            seen.append(f)

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

`report` says which of these situations a rule reports (`missing`, `weak`, `partial`,
`order`; all by default). A pack can split them into separate rules that share one section list
through a YAML anchor (`sections: &sections` … `sections: *sections`), so a user can ignore,
say, the missing-causes warning without losing the missing-section error. A situation's own
template (`message_weak`, `message_partial`, `message_order`) is used when given, else `message`.

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

import dataclasses
import hashlib
from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

from ..document.document import Document
from ..messages import unknown_placeholders
from ..model import Finding, Severity
from ..record import record
from ._section_finder import Compiled, Found, SectionFinder
from ._section_params import Form, Requirement, Section
from .base import BaseKind, ParamError, compile_regex, finditer

__all__ = ["Form", "Params", "RequiredSections", "Requirement", "Section"]


Situation = Literal["missing", "weak", "partial", "order"]
SITUATIONS: tuple[Situation, ...] = ("missing", "weak", "partial", "order")


@record(frozen=True, kw_only=True)
class Params:
    sections: list[Section] = field(metadata={"doc": "必备章节，按规范顺序排列"})
    report: list[Situation] = field(
        default_factory=lambda: list(SITUATIONS),
        metadata={
            "doc": "本规则报告哪些情况：missing（缺少）、weak（只有较弱形式）、"
            "partial（缺少必需内容）、order（顺序不对）；各拆成一条规则便于单独忽略"
        },
    )
    message_weak: str | None = field(
        default=None, metadata={"doc": "较弱形式的提示模板（不填则用 message）"}
    )
    message_partial: str | None = field(
        default=None, metadata={"doc": "缺少必需内容（requires）的提示模板（不填则用 message）"}
    )
    message_order: str | None = field(
        default=None, metadata={"doc": "顺序不对的提示模板（不填则用 message）"}
    )


def _combined_severity(sections: list[Section]) -> Severity | None:
    """The most severe of the sections' own severities; None (the rule's) if any has none."""
    if any(s.severity is None for s in sections):
        return None
    return max((Severity(s.severity or "error") for s in sections), key=lambda v: v.rank)


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
        if not params.report:
            raise ParamError("report", "report 至少要列出一种情况")
        for key in ("message_weak", "message_partial", "message_order"):
            if getattr(params, key) is None:
                continue
            unknown = unknown_placeholders(getattr(params, key), self.placeholders)
            if unknown:
                raise ParamError(key, f"占位符“{{{unknown[0]}}}”不存在")
        compiled = []
        for section in params.sections:
            if not (
                section.headings or section.heading_patterns or section.forms or section.thematic
            ):
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
            patterns = tuple(compile_regex("heading_patterns", p) for p in section.heading_patterns)
            compiled.append(Compiled(section, forms, requires, patterns))
        self._sections = tuple(compiled)
        self._finder = SectionFinder(self._sections)
        digest = hashlib.sha256(repr(params.sections).encode()).hexdigest()[:16]
        self._memo_key = f"required_sections:{digest}"

    def explain(self) -> list[str]:
        """The sections, the headings that satisfy them and the weaker forms accepted."""
        severity = {"ok": "可以接受", "info": "提示", "warning": "警告"}
        lines = ["必备章节（按规范顺序）："]
        for n, c in enumerate(self._sections, 1):
            section = c.section
            lines.append(f"  {n}. {section.name}" + ("" if section.ordered else "（不检查位置）"))
            if section.since is not None:
                lines.append(f"     自{section.since}年度的报告起要求")
            if section.headings:
                lines.append(f"     标题用语：{'、'.join(section.headings)}")
            if section.heading_patterns:
                lines.append(f"     标题写法：{'；'.join(section.heading_patterns)}")
            if section.thematic:
                lines.append("     也接受：不属于其他章节的主题式一级标题")
            for form in section.forms:
                lines.append(f"     较弱形式：{form.label}（{severity[form.severity]}）")
            if section.requires is not None:
                lines.append(f"     必须包含：{section.requires.label}")
        return lines

    # -- reporting -------------------------------------------------------------------------

    def run(self, doc: Document) -> Iterator[Finding]:
        # The rules that split one section list into situations share its analysis per document.
        found = doc.memo(self._memo_key, lambda: list(self._findings(doc)))
        templates = {
            "weak": self.params.message_weak,
            "partial": self.params.message_partial,
            "order": self.params.message_order,
        }
        for situation, finding in found:
            if situation in self.params.report:
                template = templates.get(situation)
                yield (
                    finding if template is None else dataclasses.replace(finding, message=template)
                )

    def _findings(self, doc: Document) -> Iterator[tuple[Situation, Finding]]:
        """Every finding with the situation it reports; `run` keeps those the rule asks for."""
        found, tops, classes = self._finder.locate(doc)
        names = [c.section.name for c in self._sections]
        body_end = self._finder.body_range(doc)[1]
        # Sections missing at the same place make one finding: the runner keeps one per span.
        missing: dict[int, list[Section]] = {}
        for i, c in enumerate(self._sections):
            section = c.section
            f = found.get(i)
            if (
                f is None
                and section.since is not None
                and not (doc.report_year is not None and doc.report_year >= section.since)
            ):
                continue  # not required of a report on an earlier (or an unknown) year
            if f is None:
                later = [found[j].start for j in found if j > i and self._finder.ordered(j)]
                at = min(later) if later else body_end
                if later and self._at_line_start(doc, at):
                    at = doc.lines[doc.position(at)[0] - 1].start  # before the indentation
                missing.setdefault(at, []).append(section)
                continue
            if f.form is not None and f.form.severity != "ok":
                yield (
                    "weak",
                    Finding(
                        f.span[0],
                        f.span[1],
                        args={"section": section.name, "form": f.form.label},
                        severity=Severity(f.form.severity),
                    ),
                )
            if section.requires is not None and c.requires:
                _, end = self._finder.extent(doc, f, found, tops, classes)
                if not any(
                    any(True for _ in finditer(p, doc.text, f.body_start, end)) for p in c.requires
                ):
                    span = (
                        f.span if f.heading is not None and f.form is None else (f.start, f.start)
                    )
                    yield (
                        "partial",
                        Finding(
                            span[0],
                            span[1],
                            args={"section": section.name, "missing": section.requires.label},
                            severity=Severity(section.requires.severity),
                        ),
                    )
        for at, sections in sorted(missing.items()):
            yield (
                "missing",
                Finding(
                    at,
                    at,
                    args={"section": "”“".join(s.name for s in sections)},
                    severity=_combined_severity(sections),
                ),
            )
        yield from (("order", f) for f in self._order(found, names))

    @staticmethod
    def _at_line_start(doc: Document, offset: int) -> bool:
        line, col = doc.position(offset)
        return not doc.line_text(line)[: col - 1].strip()

    def _order(self, found: dict[int, Found], names: list[str]) -> Iterator[Finding]:
        seen: list[Found] = []
        for i in sorted(found):
            if not self._finder.ordered(i):
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
                )
            seen.append(f)

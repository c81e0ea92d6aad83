r"""The report's metadata: title, report year, addressee, closing date and deadline.

## What it checks

One rule checks one aspect, chosen by `check`, on what `doc.structure` and `doc.metadata`
recognised:

- `title_missing`: no title was found above the body;
- `title_form`: the title does not match `title_pattern` (the expected form, e.g. issuing body
  + year + 法治政府建设 + 报告); the first of `title_deviations` that matches tells where the
  deviation is (its named group `bad`, or the whole match);
- `year_unknown`: the report year could not be inferred (neither from the title nor from the
  opening sentence) and was not given with `--year`;
- `title_year`: the year at the start of the body (the first match of `body_year`, a pattern
  with a named group `year`, within the first two paragraphs of the body) differs from the year
  in the title;
- `addressee_colon`: the addressee line (主送机关) ends with a half-width colon or none;
- `closing_date_missing`: no closing date (成文日期) at the end of the report;
- `closing_date_early`: the closing date is before the end of the report year;
- `closing_date_late`: the closing date is on or after `deadline` (month-day, "04-01") of the
  year after the report year.

`title_matches` / `title_unless` restrict any check to reports whose title does / does not match
(whose report it is: a department's deadline differs from a government's).

Web-page chrome and the page markers of a document-sharing copy are never taken for a title.

## Why

《党政机关公文处理工作条例》 第九条: a title consists of the issuing body, the subject and the type
of document. GB/T 9704-2012 §7.3.2 ends the addressee with a full-width colon, §7.3.5 requires a
closing date. 《法治政府建设与责任落实督察工作规定》 第二十四条 requires reports to be published
before 1 April of the following year, and the report covers the whole year.

## Example

```yaml
- id: addressee-halfwidth-colon
  kind: report_metadata
  category: metadata
  severity: warning
  message: "主送机关“{found}”后应用全角冒号“：”。"
  source: GB/T 9704-2012《党政机关公文格式》§7.3.2
  fix: safe
  check: addressee_colon
  examples:
    bad:
      - text: "关于2023年度法治政府建设情况的报告\n市委、市政府[[:]]\n2023年，……\n"
        fixed: "关于2023年度法治政府建设情况的报告\n市委、市政府：\n2023年，……\n"
    good:
      - "关于2023年度法治政府建设情况的报告\n市委、市政府：\n2023年，……\n"
```

## Where it points

The title (or its deviating part), the body year, the colon (or an empty span at the end of
the addressee), the closing date, or an empty span where the missing thing belongs.
Placeholders: `{found}` (the text pointed at, or the addressee), `{title_year}`, `{body_year}`,
`{deadline}` (e.g. 2024年4月1日), `{date}` (the closing date as written), `{where}` (title_form:
`（“工作”处）` naming the deviating part, empty when the whole title deviates).

## Fix

`addressee_colon` replaces the colon with (or appends) a full-width one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from datetime import date
from typing import ClassVar, Literal

from ..document.document import Document
from ..messages import YEAR_FIELDS
from ..model import Finding
from ..record import record
from ..text.carried import Carried
from .base import BaseKind, ParamError, compile_regex, finditer

_YEAR = Carried(r"(?:19|20)\d{2}(?=\s*年)")
_CHECKS = Literal[
    "title_missing",
    "title_form",
    "year_unknown",
    "title_year",
    "addressee_colon",
    "closing_date_missing",
    "closing_date_early",
    "closing_date_late",
    "type_unknown",
    "year_conflict",
]
# How a year signal's place is named in a message.
_SIGNAL_NAMES = {
    "title": "标题",
    "opening": "正文开头",
    "opening-since": "正文开头",
    "heading": "一级标题",
    "period": "统计时段",
    "plan": "下一年度安排的标题",
    "override": "--year",
}


@record(frozen=True, kw_only=True)
class Params:
    check: _CHECKS = field(metadata={"doc": "检查哪一项元数据"})
    title_pattern: str | None = field(
        default=None,
        metadata={"doc": "title_form：规范标题的正则表达式（整个标题须匹配）", "regex": True},
    )
    title_deviations: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "title_form：常见的不规范写法，命名分组 bad 为要标出的部分",
            "regex": True,
        },
    )
    body_year: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "title_year：正文开头表示报告年度的写法，命名分组 year 为年份",
            "regex": True,
        },
    )
    deadline: str = field(
        default="04-01",
        metadata={"doc": "closing_date_late：报告年度次年的截止日期（月-日），当日及以后为逾期"},
    )
    title_matches: str | None = field(
        default=None,
        metadata={"doc": "只检查标题与此匹配的报告（如发文机关是部门）", "regex": True},
    )
    title_unless: str | None = field(
        default=None, metadata={"doc": "不检查标题与此匹配的报告", "regex": True}
    )


class ReportMetadata(BaseKind):
    name: ClassVar[str] = "report_metadata"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset(
        {
            "found",
            "where",
            "title_year",
            "body_year",
            "deadline",
            "date",
            "types",
            "chosen",
            "chosen_year",
            "other",
            "other_year",
        }
    )

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if params.check == "title_form" and not params.title_pattern:
            raise ParamError("title_pattern", "check: title_form 需要 title_pattern")
        if params.check == "title_year" and not params.body_year:
            raise ParamError("body_year", "check: title_year 需要 body_year")
        self._title = compile_regex("title_pattern", params.title_pattern or "")
        self._deviations = [compile_regex("title_deviations", p) for p in params.title_deviations]
        self._title_matches = (
            compile_regex("title_matches", params.title_matches) if params.title_matches else None
        )
        self._title_unless = (
            compile_regex("title_unless", params.title_unless) if params.title_unless else None
        )
        self._body_year = [compile_regex("body_year", p) for p in params.body_year]
        for p in self._body_year:
            if "year" not in p.groupindex:
                raise ParamError("body_year", "模式需要命名分组 year")
        try:
            month, day = (int(x) for x in params.deadline.split("-"))
            date(2000, month, day)
        except ValueError:
            raise ParamError("deadline", "截止日期应写成“月-日”，如“04-01”") from None
        self._deadline = (month, day)

    def guaranteed_fields(self) -> frozenset[str]:
        check = self.params.check
        if check in ("closing_date_early", "closing_date_late", "year_conflict"):
            return YEAR_FIELDS
        if check in ("title_form", "title_year"):
            return frozenset({"title"})
        return frozenset()

    def run(self, doc: Document) -> Iterator[Finding]:
        check = self.params.check
        if self._title_matches is not None or self._title_unless is not None:
            # whose report it is decides the rule (a department's deadline is not a government's)
            title = doc.metadata.title or ""
            if self._title_matches is not None and not self._title_matches.search(title):
                return
            if self._title_unless is not None and self._title_unless.search(title):
                return
        if check.startswith("title") and check != "title_missing":
            yield from self._title_checks(doc, check)
        elif check == "title_missing":
            if doc.structure.title_text is None:
                at = self._document_start(doc)
                yield Finding(at, at)
        elif check == "year_unknown":
            if doc.metadata.report_year is None:
                span = doc.structure.title_span or (self._document_start(doc),) * 2
                yield Finding(span[0], span[1], args={"found": doc.text[span[0] : span[1]]})
        elif check == "type_unknown":
            if doc.report_type is None and doc.type_candidates:
                span = doc.structure.title_span or (self._document_start(doc),) * 2
                types = "、".join(doc.type_candidates)
                yield Finding(
                    span[0], span[1], args={"found": doc.text[span[0] : span[1]], "types": types}
                )
        elif check == "year_conflict":
            yield from self._year_conflict(doc)
        elif check == "addressee_colon":
            yield from self._addressee(doc)
        else:
            yield from self._closing(doc, check)

    @staticmethod
    def _document_start(doc: Document) -> int:
        skip = doc.structure.chrome_lines
        for line in doc.lines:
            if line.text.strip() and line.number not in skip:
                return line.start + len(line.text) - len(line.text.lstrip())
        return 0

    def _title_checks(self, doc: Document, check: str) -> Iterator[Finding]:
        span = doc.structure.title_span
        title = doc.structure.title_text
        if span is None or title is None:
            return
        shown = doc.text[span[0] : span[1]]
        if check == "title_form":
            if self._title.fullmatch(title, timeout=2.0):
                return
            start, end = span
            for pattern in self._deviations:
                m = pattern.search(shown, timeout=2.0)
                if m is not None:
                    group = "bad" if "bad" in pattern.groupindex and m.group("bad") else 0
                    start, end = span[0] + m.start(group), span[0] + m.end(group)
                    break
            found = doc.text[start:end]
            # Where in the title, unless the deviation is the whole title (said once, not twice).
            where = "" if (start, end) == span else f"（“{found}”处）"
            yield Finding(start, end, args={"found": found, "where": where})
            return
        m = _YEAR().search(title)
        if m is None:
            return
        found = self._body_year_match(doc)
        if found is not None and found[2] != m.group():
            yield Finding(
                found[0],
                found[1],
                args={"found": found[2], "body_year": found[2], "title_year": m.group()},
            )

    def _body_year_match(self, doc: Document) -> tuple[int, int, str] | None:
        structure = doc.structure
        first = structure.body_start_line
        paragraphs = [p for p in structure.paragraphs if p.first_line >= first][:2]
        heading_lines = {h.line for h in structure.headings}
        for p in paragraphs:
            if p.first_line in heading_lines:
                continue
            for pattern in self._body_year:
                for m in finditer(pattern, doc.text, p.start, p.end):
                    return m.start("year"), m.end("year"), m.group("year")
        return None

    @staticmethod
    def _year_conflict(doc: Document) -> Iterator[Finding]:
        """A level-1 heading or statistics period naming another year than the one chosen. Title
        against opening is `title_year`'s business, a plan heading naming the report year is
        the plan-section rule's, and 2021年以来 looks back."""
        meta = doc.metadata
        year = meta.report_year
        if year is None or meta.year_source in (None, "override"):
            return
        for signal in meta.signals:
            if signal.source not in ("heading", "period") or signal.year == year:
                continue
            written = doc.text[signal.start : signal.end]
            yield Finding(
                signal.start,
                signal.end,
                args={
                    "found": written,
                    "chosen": _SIGNAL_NAMES[meta.year_source],
                    "chosen_year": year,
                    "other": _SIGNAL_NAMES[signal.source],
                    "other_year": written,
                },
            )

    @staticmethod
    def _addressee(doc: Document) -> Iterator[Finding]:
        line = doc.structure.addressee
        if line is None:
            return
        text = line.text.rstrip()
        name = text.strip().rstrip(":：")
        end = line.start + len(text)
        if text.endswith(":"):
            yield Finding(end - 1, end, args={"found": name}, suggestion="：", replacement="：")
        elif not text.endswith("："):
            yield Finding(end, end, args={"found": name}, suggestion="：", replacement="：")

    def _closing(self, doc: Document, check: str) -> Iterator[Finding]:
        closing = doc.structure.closing_date
        if check == "closing_date_missing":
            if closing is None:
                at = self._body_end(doc)
                yield Finding(at, at)
            return
        year = doc.report_year
        if closing is None or year is None:
            return
        try:
            written = date(closing.year, closing.month, closing.day)
        except ValueError:
            return  # an impossible date is the date-format rules' business
        shown = doc.text[closing.start : closing.end]
        month, day = self._deadline
        args = {"found": shown, "date": shown, "deadline": f"{year + 1}年{month}月{day}日"}
        if check == "closing_date_early" and written < date(year + 1, 1, 1):
            yield Finding(closing.start, closing.end, args=args)
        if check == "closing_date_late" and written >= date(year + 1, month, day):
            yield Finding(closing.start, closing.end, args=args)

    @staticmethod
    def _body_end(doc: Document) -> int:
        skip = doc.structure.chrome_lines
        for line in reversed(doc.lines):
            if line.text.strip() and line.number not in skip:
                return line.start + len(line.text.rstrip())
        return len(doc.text)

"""Infer what a report is and which year it covers.

The report year is the year the report covers, read from the title (`关于2023年度法治政府建设情况的
报告`) or, where there is no title, from the opening sentence (`现将…2022年度法治政府建设情况报告如
下`). Never from a web page's clock (`时间:2025-03-01`) or a publication date.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lines import Line
from .structure import Structure

FAZHI_ANNUAL = "fazhi-annual"

_YEAR_IN_TITLE = regex.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")
_REPORT_SENTENCE = regex.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年度?[^。\n]{0,30}?法治(?:政府)?建设[^。\n]{0,12}?(?:报告|总结)"
)
_FAZHI = regex.compile(r"法治(?:政府)?建设|依法行政")


@dataclass(frozen=True, slots=True)
class Metadata:
    """Inferred facts about one document; None where they could not be told."""

    report_type: str | None
    report_year: int | None
    title: str | None
    year_source: str | None  # "override", "title", "opening" — tells a user why a rule fired


def infer_metadata(
    lines: list[Line],
    structure: Structure,
    *,
    year: int | None = None,
    report_type: str | None = None,
) -> Metadata:
    title = structure.title_text
    head = "\n".join(ln.text for ln in lines[:8])
    inferred_year: int | None = None
    source: str | None = None
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            inferred_year, source = int(m.group("year")), "title"
    if inferred_year is None:
        m = _REPORT_SENTENCE.search(head)
        if m:
            inferred_year, source = int(m.group("year")), "opening"
    if year is not None:
        inferred_year, source = year, "override"
    kind = report_type
    if kind is None and ((title and _FAZHI.search(title)) or _REPORT_SENTENCE.search(head)):
        kind = FAZHI_ANNUAL
    return Metadata(report_type=kind, report_year=inferred_year, title=title, year_source=source)

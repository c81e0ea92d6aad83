"""The top of the page: the run's totals, one row per file, one row per rule.

Every number here is computed from the RunResult alone, the same way the JSON summary is, so the
page and `--format json` agree (the browser tests compare them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import field

from ...model import Category, DocumentInfo, RunResult, Severity, Violation
from ...record import record
from ..descriptors import RuleInfo
from ..statistics import rule_counts
from .labels import (
    CATEGORY_LABEL,
    SEVERITY_CODE,
    SEVERITY_LABEL,
    UNKNOWN_TYPE,
    UNKNOWN_YEAR,
    YEAR_SOURCE,
    esc,
)

BAR_WIDTH, BAR_GAP, BAR_HEIGHT = 11, 3, 22


@record
class FileCounts:
    """The findings of one file, by severity and by category."""

    severity: Counter[Severity] = field(default_factory=Counter)
    category: Counter[Category] = field(default_factory=Counter)

    def add(self, v: Violation) -> None:
        self.severity[v.severity] += 1
        self.category[v.category] += 1

    @property
    def total(self) -> int:
        return sum(self.severity.values())


def count_by_file(violations: Sequence[Violation]) -> dict[str, FileCounts]:
    counts: dict[str, FileCounts] = defaultdict(FileCounts)
    for v in violations:
        counts[v.path].add(v)
    return counts


def type_label(info: DocumentInfo, report_types: Mapping[str, str]) -> str:
    if info.report_type is None:
        return UNKNOWN_TYPE
    return report_types.get(info.report_type, info.report_type)


def year_source(info: DocumentInfo) -> str:
    source = info.year_source
    if not source:
        return ""
    return f'<div class="about">{esc(YEAR_SOURCE.get(source, source))}</div>'


def summary(result: RunResult) -> str:
    """The sentence under the page title; each number has an id the tests read."""
    by_sev = Counter(v.severity for v in result.violations)
    parts = "，".join(
        f'{SEVERITY_LABEL[s]} <b id="sum-{s.value}">{by_sev[s]}</b>' for s in Severity
    )
    s = result.summary
    line = (
        f'检查了 <b id="sum-files">{s["files"]}</b> 个文件，'
        f'发现 <b id="sum-violations">{s["violations"]}</b> 个问题（{parts}）'
    )
    if s["errors"]:
        line += f'；<a href="#cannot"><b id="sum-errors">{s["errors"]}</b> 个文件或规则无法检查</a>'
    else:
        line += '；<b id="sum-errors">0</b> 个文件或规则无法检查'
    return f'<p class="summary">{line}。</p>'


def legend() -> str:
    keys = "".join(
        f'<span class="key"><i class="c-{c.value}"></i>{label}</span>'
        for c, label in CATEGORY_LABEL.items()
    )
    return f'<p class="legend">类别：{keys}</p>'


def category_bars(counts: Counter[Category], scale: int) -> str:
    """An inline SVG column chart: one bar per category, heights comparable across files."""
    width = len(Category) * (BAR_WIDTH + BAR_GAP) - BAR_GAP
    said = "，".join(f"{CATEGORY_LABEL[c]} {counts[c]}" for c in Category)
    rects = []
    for i, c in enumerate(Category):
        n = counts[c]
        x = i * (BAR_WIDTH + BAR_GAP)
        if n:
            h = max(2, round((BAR_HEIGHT - 1) * n / max(scale, 1)))
            rects.append(
                f'<rect x="{x}" y="{BAR_HEIGHT - h}" width="{BAR_WIDTH}" height="{h}" '
                f'class="c-{c.value}"/>'
            )
        else:
            rects.append(
                f'<rect x="{x}" y="{BAR_HEIGHT - 1}" width="{BAR_WIDTH}" height="1" class="z"/>'
            )
    return (
        f'<svg class="bars" width="{width}" height="{BAR_HEIGHT}" '
        f'viewBox="0 0 {width} {BAR_HEIGHT}" role="img" aria-label="{esc(said)}">'
        f"<title>{esc(said)}</title>{''.join(rects)}</svg>"
    )


def file_table(
    result: RunResult,
    counts: Mapping[str, FileCounts],
    anchors: Mapping[str, str],
    report_types: Mapping[str, str],
) -> str:
    """One row per checked file, sortable by any column (the script sorts on `data-v`)."""
    scale = max((n for c in counts.values() for n in c.category.values()), default=1)
    head = (
        '<thead><tr><th data-sort="text" scope="col">文件</th>'
        '<th data-sort="text" scope="col">类型</th><th data-sort="num" scope="col">年度</th>'
        + "".join(
            f'<th data-sort="num" scope="col" class="n">{SEVERITY_LABEL[s]}</th>' for s in Severity
        )
        + '<th data-sort="num" scope="col" class="n">合计</th>'
        '<th scope="col">按类别</th></tr></thead>'
    )
    rows = []
    for info in result.documents:
        c = counts.get(info.path) or FileCounts()
        title = f'<div class="title">{esc(info.title)}</div>' if info.title else ""
        year = (
            f'<td data-v="{info.report_year}">{info.report_year}{year_source(info)}</td>'
            if info.report_year is not None
            else f'<td data-v="0" class="unknown">{UNKNOWN_YEAR}</td>'
        )
        numbers = "".join(
            f'<td class="n" data-k="{s.value}" data-v="{c.severity[s]}">{c.severity[s]}</td>'
            for s in Severity
        )
        rows.append(
            f'<tr data-path="{esc(info.path)}">'
            f'<td data-v="{esc(info.path)}"><a href="#{anchors[info.path]}">{esc(info.path)}</a>'
            f"{title}</td><td>{esc(type_label(info, report_types))}</td>{year}{numbers}"
            f'<td class="n" data-k="total" data-v="{c.total}">{c.total}</td>'
            f"<td>{category_bars(c.category, scale)}</td></tr>"
        )
    return (
        '<table class="sortable" id="files"><caption>点击表头排序</caption>'
        f"{head}<tbody>{''.join(rows)}</tbody></table>"
    )


def _first_sentence(text: str | None, limit: int = 60) -> str:
    """The opening of a rule's description for the table; the appendix has all of it."""
    if not text:
        return ""
    first = text.strip().split("\n")[0].split("。")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def rule_table(violations: Sequence[Violation], rules: Mapping[str, RuleInfo]) -> str:
    """Which problems recur: findings and files per rule, most frequent first."""
    files: dict[str, set[str]] = defaultdict(set)
    for v in violations:
        files[v.rule].add(v.path)
    counted = rule_counts(tuple(violations))
    top = max((r.count for r in counted), default=1)
    rows = []
    for r in counted:
        info = rules.get(r.rule)
        about = (info.title or _first_sentence(info.description)) if info else ""
        width = max(1, round(120 * r.count / top))
        rows.append(
            f'<tr data-rule="{esc(r.rule)}" data-c="{r.category.value}" '
            f'class="s-{SEVERITY_CODE[r.severity]}">'
            f'<td data-v="{esc(r.rule)}"><a href="#x-{esc(r.rule)}" class="rule" '
            f'data-rule="{esc(r.rule)}">{esc(r.rule)}</a>'
            + (f'<div class="about">{esc(about)}</div>' if about else "")
            + f"</td><td>{CATEGORY_LABEL[r.category]}</td>"
            f'<td data-v="{r.severity.rank}">{SEVERITY_LABEL[r.severity]}</td>'
            f'<td class="n" data-k="count" data-v="{r.count}">{r.count}</td>'
            f'<td class="n" data-k="files" data-v="{len(files[r.rule])}">'
            f"{len(files[r.rule])}</td>"
            f'<td><svg class="bar" width="120" height="10" aria-hidden="true">'
            f'<rect width="{width}" height="10" class="c-{r.category.value}"/></svg></td></tr>'
        )
    if not rows:
        return '<p class="none">没有发现问题。</p>'
    return (
        '<table class="sortable" id="rule-counts">'
        "<caption>点击表头排序；点击规则只看该规则</caption>"
        '<thead><tr><th data-sort="text" scope="col">规则</th>'
        '<th data-sort="text" scope="col">类别</th><th data-sort="num" scope="col">严重程度</th>'
        '<th data-sort="num" scope="col" class="n">问题数</th>'
        '<th data-sort="num" scope="col" class="n">涉及文件</th><th scope="col"></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )

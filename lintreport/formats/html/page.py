"""The page itself: assembled from the overview, the documents and the inline assets."""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import TextIO

from ...model import FileError, RunResult, Violation
from ...version import __version__
from ..descriptors import RuleInfo
from .document import cannot_check, document_section, explanations, other_findings
from .labels import CATEGORY_LABEL, SEVERITY_CODE, SEVERITY_LABEL, esc
from .overview import FileCounts, count_by_file, file_table, legend, rule_table, summary

PAGE_TITLE = "lintreport 审查结果"


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _filters(violations: Sequence[Violation], rules: Mapping[str, RuleInfo]) -> str:
    """The filter bar; hidden until the script runs, since it does nothing without it."""
    severities = "".join(
        f'<label><input type="checkbox" name="sev" value="{SEVERITY_CODE[s]}" checked>'
        f'<span class="s-{SEVERITY_CODE[s]}">{label}</span></label>'
        for s, label in SEVERITY_LABEL.items()
    )
    categories = "".join(
        f'<label><input type="checkbox" name="cat" value="{c.value}" checked>'
        f'<i class="c-{c.value}"></i>{label}</label>'
        for c, label in CATEGORY_LABEL.items()
    )
    counts: dict[str, int] = defaultdict(int)
    for v in violations:
        counts[v.rule] += 1

    def label(rule: str) -> str:
        title = rules[rule].title if rule in rules else None
        return f"{title} {rule}" if title else rule

    options = "".join(
        f'<option value="{esc(rule)}">{esc(label(rule))}（{n}）</option>'
        for rule, n in sorted(counts.items())
    )
    return (
        '<nav id="filters" aria-label="筛选" hidden>'
        f'<span class="grp">严重程度：{severities}</span>'
        f'<span class="grp">类别：{categories}</span>'
        '<label class="grp">规则：<select id="rule-filter"><option value="">全部规则</option>'
        f"{options}</select></label>"
        '<button type="button" id="reset">显示全部</button>'
        '<span id="shown-count" aria-live="polite"></span></nav>'
    )


def render_page(
    result: RunResult,
    stream: TextIO,
    rules: Sequence[RuleInfo],
    report_types: Mapping[str, str],
) -> None:
    by_id = {r.id: r for r in rules}
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    stream.write(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="lintreport {esc(__version__)}">'
        f"<title>{PAGE_TITLE}</title><style>{css}</style></head>\n<body>"
    )
    anchors = {d.path: f"doc-{n}" for n, d in enumerate(result.documents, start=1)}
    counts = count_by_file(result.violations)
    stream.write(
        f'<header id="top"><h1>审查结果</h1>{summary(result)}'
        f"{_filters(result.violations, by_id)}</header>\n<main>"
        f'<section id="overview"><h2>各文件概况</h2>{legend()}'
        f"{file_table(result, counts, anchors, report_types)}</section>\n"
        f'<section id="rules"><h2>各规则的问题数</h2>{rule_table(result.violations, by_id)}'
        f"</section>\n{cannot_check(result.errors)}"
    )
    by_file: dict[str, list[tuple[int, Violation]]] = defaultdict(list)
    for index, v in enumerate(result.violations):
        by_file[v.path].append((index, v))
    errors: dict[str, list[FileError]] = defaultdict(list)
    for e in result.errors:
        errors[e.path].append(e)
    for info in result.documents:
        stream.write(
            document_section(
                anchors[info.path],
                info,
                result.texts.get(info.path),
                by_file.pop(info.path, []),
                counts.get(info.path) or FileCounts(),
                errors.get(info.path, []),
                report_types,
                result.tables.get(info.path, ()),
            )
            + "\n"
        )
    rest = [item for items in by_file.values() for item in items]
    fired = sorted({v.rule for v in result.violations})
    stream.write(
        f"{other_findings(rest)}{explanations(fired, by_id)}</main>"
        f"<footer><p>由 lintreport {esc(__version__)} 生成。</p></footer>"
        '<div id="pop" role="dialog" aria-label="问题详情" hidden></div>'
        f"<script>{js}</script></body></html>\n"
    )

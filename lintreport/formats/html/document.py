"""One section per document: its full text with the findings marked, and the list beside it.

The text is laid out as blocks, each a range of the document text drawn by one element: today
every line is a block (`<div class="l" data-n="7">`). Tables, once the document model carries
them, become blocks too — one per cell, drawn inside `<table>` markup — and `marks.highlight_blocks`
already closes and reopens a finding at every block boundary, so a finding in a cell is marked in
that cell without any change to the marking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...model import DocumentInfo, FileError, TableLayout, Violation
from ..descriptors import RuleInfo
from .labels import (
    CATEGORY_LABEL,
    SEVERITY_CODE,
    SEVERITY_LABEL,
    UNKNOWN_YEAR,
    YEAR_SOURCE,
    esc,
)
from .marks import Span, highlight_blocks
from .overview import FileCounts, type_label


def line_blocks(text: str) -> list[tuple[int, int]]:
    """Each line of `text` as a `[start, end)` range, the newline excluded."""
    blocks = []
    start = 0
    for line in text.split("\n"):
        blocks.append((start, start + len(line)))
        start += len(line) + 1
    return blocks


def _cells_in_order(table: TableLayout) -> list[tuple[int, int]] | None:
    """The table's cell spans in reading order, or None when they do not follow the text
    (then the table is drawn as its lines, which is always right)."""
    spans = [(start, end) for row in table.rows for start, end, _, _ in row]
    at = table.start
    for start, end in spans:
        if start < at or end < start or end > table.end:
            return None
        at = end
    return spans


def text_html(
    text: str, findings: Sequence[tuple[int, Violation]], tables: Sequence[TableLayout] = ()
) -> str:
    """The document text, one `div` per line and a `table` per table, with a mark per finding."""
    spans = [
        Span(index, min(v.start, len(text)), min(max(v.end, v.start), len(text)), _sev(v))
        for index, v in findings
    ]
    lines = line_blocks(text)
    blocks: list[tuple[int, int]] = []
    # what to draw, in order: a line (its number) or a table (its layout, its first line)
    items: list[tuple[int, TableLayout | None]] = []
    pending = sorted((t for t in tables if t.rows), key=lambda t: t.start)
    number = 0
    while number < len(lines):
        line_start, line_end = lines[number]
        while pending and pending[0].end <= line_start:
            pending.pop(0)  # a table that overlapped one drawn before it
        table = pending[0] if pending and pending[0].start <= line_end else None
        cells = _cells_in_order(table) if table is not None else None
        if table is None or cells is None:
            if table is not None:
                pending.pop(0)
            blocks.append((line_start, line_end))
            items.append((number + 1, None))
            number += 1
            continue
        pending.pop(0)
        blocks.extend(cells)
        items.append((number + 1, table))
        while number < len(lines) and lines[number][0] < table.end:
            number += 1
    pieces = iter(highlight_blocks(text, blocks, spans))
    out = []
    for line_number, layout in items:
        if layout is None:
            out.append(f'<div class="l" data-n="{line_number}">{next(pieces)}</div>')
            continue
        rows = []
        for row in layout.rows:
            cells_html = []
            for _, _, rowspan, colspan in row:
                html = next(pieces)
                attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
                    f' colspan="{colspan}"' if colspan > 1 else ""
                )
                hit = ' class="hit"' if "<mark" in html else ""  # the offending cell
                cells_html.append(f"<td{attrs}{hit}>{html}</td>")
            rows.append(f"<tr>{''.join(cells_html)}</tr>")
        out.append(
            f'<div class="l t" data-n="{line_number}"><table class="doc-table"><tbody>'
            f"{''.join(rows)}</tbody></table></div>"
        )
    return "".join(out)


def _sev(v: Violation) -> str:
    return f"s-{SEVERITY_CODE[v.severity]}"


def finding_item(index: int, v: Violation, *, marked: bool, with_path: bool = False) -> str:
    """One entry of a findings list; its link jumps to the mark (the script also scrolls).

    Kept lean — a page for 200 reports holds tens of thousands: the script finds the rule in
    the `code` element and its category in the rule table.
    """
    where = f"{v.line}:{v.column}"
    if with_path:
        where = f"{v.path}:{where}"
    suggestion = f'<p class="sug">建议：{esc(v.suggestion)}</p>' if v.suggestion else ""
    # The severity word is drawn by CSS from the class: a page for 200 reports holds tens of
    # thousands of these, and every node costs time when the browser opens it.
    rest = f"<code>{esc(v.rule)}</code><p>{esc(v.message)}</p>{suggestion}</li>"
    if marked:  # the script reads the finding's number from the link
        return f'<li class="{_sev(v)}"><a href="#f{index}">{esc(where)}</a>{rest}'
    return f'<li class="{_sev(v)}" data-f="{index}"><span>{esc(where)}</span>{rest}'


def document_section(
    anchor: str,
    info: DocumentInfo,
    text: str | None,
    findings: Sequence[tuple[int, Violation]],
    counts: FileCounts,
    errors: Sequence[FileError],
    report_types: Mapping[str, str],
    tables: Sequence[TableLayout] = (),
) -> str:
    year = UNKNOWN_YEAR
    if info.report_year is not None:
        source = YEAR_SOURCE.get(info.year_source or "", info.year_source)
        year = f"{info.report_year}（{esc(source)}）" if source else str(info.report_year)
    tally = "，".join(f"{SEVERITY_LABEL[s]} {counts.severity[s]}" for s in counts.severity) or "无"
    meta = [
        f"类型：{esc(type_label(info, report_types))}",
        f"年度：{year}",
        f"问题：{counts.total}（{tally}）",
    ]
    head = f'<h2 class="path">{esc(info.path)}</h2>'
    if info.title:
        head += f'<p class="title">{esc(info.title)}</p>'
    # a .docx has no lines: its positions are paragraphs (第7段第74字), as in the text output
    unit = "段" if info.path.lower().endswith(".docx") else "行"
    notes = "".join(f'<p class="error">无法完成检查：{esc(e.message)}</p>' for e in errors)
    items = "".join(finding_item(i, v, marked=text is not None) for i, v in findings)
    listing = (
        f'<aside class="list" aria-label="问题列表" data-unit="{unit}"><h3>问题（共 '
        f'<span class="total">{len(findings)}</span> 个）<span class="shown"></span></h3>'
        f'<p class="hint">位置：{unit}:字</p>'
        + (f'<ol class="findings">{items}</ol>' if items else '<p class="none">未发现问题。</p>')
        + "</aside>"
    )
    body = (
        f'<div class="text" lang="zh-CN">{text_html(text, findings, tables)}</div>'
        if text is not None
        else '<div class="text"><p class="none">没有可显示的正文。</p></div>'
    )
    return (
        f'<section class="doc" id="{anchor}" data-path="{esc(info.path)}">{head}'
        f'<p class="meta">{"；".join(meta)} · <a href="#top" class="noprint">返回总览</a></p>'
        f'{notes}<div class="cols">{body}{listing}</div></section>'
    )


def other_findings(findings: Sequence[tuple[int, Violation]]) -> str:
    """Findings outside any shown text (an unused entry of an ignore file, for instance)."""
    if not findings:
        return ""
    items = "".join(finding_item(i, v, marked=False, with_path=True) for i, v in findings)
    return (
        '<section id="others"><h2>其他问题</h2><p>以下问题不在任何被检查文件的正文中。</p>'
        f'<ol class="findings">{items}</ol></section>'
    )


def cannot_check(errors: Sequence[FileError]) -> str:
    if not errors:
        return ""
    items = "".join(
        f'<li><span class="path">{esc(e.path)}</span>：{esc(e.message)}</li>' for e in errors
    )
    return f'<section id="cannot"><h2>无法检查</h2><ul class="errors">{items}</ul></section>'


def explanation_text(info: RuleInfo) -> str:
    """What `lintreport explain RULE` says, or what the descriptor alone can say."""
    if info.explanation:
        return info.explanation
    lines = [f"{info.id}  （{info.category.value} / {SEVERITY_LABEL[info.severity]}）", ""]
    lines.append(f"问题：{info.message}")
    if info.description:
        lines.append(f"原因：{info.description.strip()}")
    if info.source:
        lines.append(f"依据：{info.source}")
    return "\n".join(lines)


def explanations(fired: Sequence[str], rules: Mapping[str, RuleInfo]) -> str:
    """The explanation of every rule that fired: the popup shows it, print shows it all."""
    parts = []
    for rule in fired:
        info = rules.get(rule)
        category = f"{CATEGORY_LABEL[info.category]} · " if info else ""
        title = f"{esc(info.title)} " if info and info.title else ""
        body = (
            esc(explanation_text(info))
            if info
            else f"{esc(rule)}：没有这条规则的说明（它不在本次启用的规则包中）。"
        )
        parts.append(
            f'<div class="rule-x" id="x-{esc(rule)}"><h3>{category}{title}<code>{esc(rule)}</code>'
            "</h3>"
            f"<pre>{body}</pre></div>"
        )
    if not parts:
        return ""
    return (
        '<section id="explanations"><h2>规则说明</h2>'
        "<p>每条规则查什么、为什么、依据哪份文件"
        "（与 <code>lintreport explain 规则</code> 相同）。</p>"
        f"{''.join(parts)}</section>"
    )

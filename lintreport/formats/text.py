"""Text output for people: position, severity, rule, message, the line with the span underlined.

Report lines are often a thousand characters long, so only a window around the span is quoted.
CJK characters take two terminal cells; the underline is placed by cell width (rich.cells) so it
sits under the right characters. When one rule fires many times in one file (a report written
entirely in half-width punctuation), the first few are shown and the rest are counted, unless
`--show-all` asks for every one; the note that counts them names that switch.
"""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..messages import printable
from ..model import RunResult, Severity, Violation

CONTEXT = 24  # characters of context shown on each side of the span
GROUP_AFTER = 5  # occurrences of one rule in one file shown before the rest are counted

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def excerpt(line_text: str, column: int, end_column: int | None) -> tuple[str, int, int]:
    """A window of `line_text` around the 1-based span.

    Returns the shown text, and the caret's offset and width in terminal cells.
    """
    start = column - 1
    end = len(line_text) if end_column is None else max(start, end_column - 1)
    lo = max(0, start - CONTEXT)
    hi = min(len(line_text), max(end, start + 1) + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line_text) else ""
    shown = prefix + line_text[lo:hi] + suffix
    caret_at = cell_len(prefix + line_text[lo:start])
    caret_width = max(1, cell_len(line_text[start:end]))
    # every control character becomes one visible cell-width-stable character: the caret stays put
    shown = "".join(" " if ch == "\t" or printable(ch) != ch else ch for ch in shown)
    return shown, caret_at, caret_width


@dataclass(frozen=True)
class TextFormatter:
    name: str = "text"

    def render(
        self, result: RunResult, stream: TextIO, *, color: bool, show_all: bool = False
    ) -> None:
        console = Console(
            file=stream,
            force_terminal=color,
            no_color=not color,
            color_system="standard" if color else None,
            highlight=False,
            soft_wrap=True,
            emoji=False,
        )
        by_file: dict[str, list[Violation]] = defaultdict(list)
        for v in result.violations:
            by_file[v.path].append(v)
        for path, items in by_file.items():
            text = result.texts.get(path)
            source_lines = text.split("\n") if text is not None else None
            counts = Counter(v.rule for v in items)
            shown: Counter[str] = Counter()
            hidden: dict[str, list[Violation]] = defaultdict(list)
            for v in items:
                if (
                    not show_all
                    and counts[v.rule] > GROUP_AFTER + 1
                    and shown[v.rule] >= GROUP_AFTER
                ):
                    hidden[v.rule].append(v)
                    continue
                shown[v.rule] += 1
                self._one(console, v, source_lines)
            for rule, rest in hidden.items():
                where = "、".join(_where(v) for v in rest[:12])
                more = "……" if len(rest) > 12 else ""
                shown_path = printable(path)
                note = Text(
                    f"{shown_path}: 规则 [{rule}] 另有 {len(rest)} 处同类问题（{where}{more}），",
                    style="dim",
                )
                hint = "加 --show-all 可全部显示"
                if any(v.fix is not None for v in rest):
                    hint += "，或用 --fix 一并修复"
                note.append(hint, style="dim")
                console.print(note)
        self._summary(console, result)

    def _one(self, console: Console, v: Violation, source_lines: list[str] | None) -> None:
        head = Text()
        head.append(f"{printable(v.path)}:{_where(v)}", style="bold")
        head.append(": ")
        head.append(_LABEL[v.severity], style=_STYLE[v.severity])
        head.append(f" [{v.rule}] ", style="dim")
        head.append(printable(v.message))
        console.print(head)
        if source_lines is not None and 1 <= v.line <= len(source_lines):
            line_text = source_lines[v.line - 1]
            end_col = v.end_column if v.end_line == v.line else None
            shown, at, width = excerpt(line_text, v.column, end_col)
            gutter = f"{v.line:>5} | "
            console.print(Text(gutter, style="dim") + Text(shown))
            marks = "^" * width if v.end_column != v.column or v.end_line != v.line else "^"
            console.print(
                Text(" " * (len(gutter) - 2) + "| ", style="dim")
                + Text(" " * at + marks, style=_STYLE[v.severity])
            )
        if v.suggestion:
            console.print(Text("      建议：", style="green") + Text(printable(v.suggestion)))

    def _summary(self, console: Console, result: RunResult) -> None:
        for e in result.errors:
            line = Text()
            line.append(f"{printable(e.path)}: ", style="bold")
            line.append("无法检查", style="bold red")
            line.append(f"：{printable(e.message)}")
            console.print(line)
        by_sev = Counter(v.severity for v in result.violations)
        total = len(result.violations)
        files = len(result.documents)
        if total == 0 and not result.errors:
            console.print(Text(f"检查了 {files} 个文件，未发现问题。", style="green"))
            return
        parts = "，".join(f"{_LABEL[s]} {by_sev[s]}" for s in Severity if by_sev[s])
        summary = Text(f"检查了 {files} 个文件，发现 {total} 个问题")
        if parts:
            summary.append(f"（{parts}）")
        fixable = sum(1 for v in result.violations if v.fix is not None)
        if fixable:
            summary.append(f"；其中 {fixable} 个可用 --fix 自动修复")
        if result.errors:
            summary.append(f"；{len(result.errors)} 个文件或规则无法检查", style="red")
        console.print(summary)
        word = next((v.path for v in result.violations if _is_docx(v.path)), None)
        if word is not None:
            console.print(
                Text(
                    f"提示：lintreport annotate {shlex.quote(word)} 生成带批注的 Word 副本"
                    "（原文件不变；加 --track-changes 把可自动修复的问题写成修订）",
                    style="dim",
                )
            )


def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def _where(v: Violation) -> str:
    """Where a violation starts: a .docx has no lines, its lines are paragraphs (第7段第74字)."""
    if _is_docx(v.path):
        return f"第{v.line}段第{v.column}字"
    return f"{v.line}:{v.column}"


FORMATTER = TextFormatter()

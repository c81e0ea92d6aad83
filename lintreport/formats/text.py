"""Text output for people: position, severity, rule, message, the line with the span underlined.

Report lines are often a thousand characters long, so only a window around the span is quoted.
CJK characters take two terminal cells; the underline is placed by cell width (rich.cells) so it
sits under the right characters. Lines are built as (text, style) parts; only coloured output
goes through rich's Console (imported then: ~25 ms), plain output is written as rich would write
it without colour. When one rule fires many times in one file (a report written
entirely in half-width punctuation), the first few are shown and the rest are counted, unless
`--show-all` asks for every one; the note that counts them names that switch.
"""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol, TextIO

from rich.cells import cell_len

from ..messages import printable
from ..model import FileError, RunResult, Severity, Violation
from ..record import record

CONTEXT = 24  # characters of context shown on each side of the span
GROUP_AFTER = 5  # occurrences of one rule in one file shown before the rest are counted

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
# The control characters rich's Text drops (rich.control.strip_control_codes); printable()
# escapes them in messages and paths, this is for the rest (a path quoted by shlex).
_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))
_TAB_SIZE = 8  # rich's Console default

Part = tuple[str, str]  # (text, rich style; "" for none)


class Emit(Protocol):
    """Writes one line: its parts, and a style for the whole line under theirs ("" for none)."""

    def __call__(self, parts: list[Part], base: str = "", /) -> None: ...


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


@record(frozen=True)
class TextFormatter:
    name: str = "text"

    def render(
        self, result: RunResult, stream: TextIO, *, color: bool, show_all: bool = False
    ) -> None:
        console = printer(stream, color)
        by_file: dict[str, list[Violation]] = defaultdict(list)
        for v in result.violations:
            by_file[v.path].append(v)
        for path, items in by_file.items():
            self.render_file(console, path, items, result.texts.get(path), show_all)
        by_sev = Counter(v.severity for v in result.violations)
        fixable = sum(1 for v in result.violations if v.fix is not None)
        word = next((v.path for v in result.violations if is_docx(v.path)), None)
        self.summary(
            console, result.errors, len(result.documents), by_sev, fixable, first_docx=word
        )

    def render_file(
        self,
        console: Emit,
        path: str,
        items: Sequence[Violation],
        text: str | None,
        show_all: bool,
    ) -> None:
        """The findings of one file (`items`, sorted, all of `path`), repeats counted."""
        source_lines = text.split("\n") if text is not None else None
        counts = Counter(v.rule for v in items)
        shown: Counter[str] = Counter()
        hidden: dict[str, list[Violation]] = defaultdict(list)
        for v in items:
            if not show_all and counts[v.rule] > GROUP_AFTER + 1 and shown[v.rule] >= GROUP_AFTER:
                hidden[v.rule].append(v)
                continue
            shown[v.rule] += 1
            self._one(console, v, source_lines)
        for rule, rest in hidden.items():
            where = "、".join(_where(v) for v in rest[:12])
            more = "……" if len(rest) > 12 else ""
            shown_path = printable(path)
            note = f"{shown_path}: 规则 [{rule}] 另有 {len(rest)} 处同类问题（{where}{more}），"
            hint = "加 --show-all 可全部显示"
            if any(v.fix is not None for v in rest):
                hint += "，或用 --fix 一并修复"
            console([(note, ""), (hint, "dim")], "dim")

    def _one(self, console: Emit, v: Violation, source_lines: list[str] | None) -> None:
        console(
            [
                (f"{printable(v.path)}:{_where(v)}", "bold"),
                (": ", ""),
                (_LABEL[v.severity], _STYLE[v.severity]),
                (f" [{v.rule}] ", "dim"),
                (printable(v.message), ""),
            ]
        )
        if source_lines is not None and 1 <= v.line <= len(source_lines):
            line_text = source_lines[v.line - 1]
            end_col = v.end_column if v.end_line == v.line else None
            shown, at, width = excerpt(line_text, v.column, end_col)
            gutter = f"{v.line:>5} | "
            console([(gutter, ""), (shown, "")], "dim")
            marks = "^" * width if v.end_column != v.column or v.end_line != v.line else "^"
            console(
                [
                    (" " * (len(gutter) - 2) + "| ", ""),
                    (" " * at + marks, _STYLE[v.severity]),
                ],
                "dim",
            )
        if v.suggestion:
            console([("      建议：", ""), (printable(v.suggestion), "")], "green")

    def summary(
        self,
        console: Emit,
        errors: Sequence[FileError],
        files: int,
        by_sev: Mapping[Severity, int],
        fixable: int,
        *,
        first_docx: str | None,
    ) -> None:
        """Files that could not be checked, then the totals (`first_docx`: the first Word file
        with findings, named in the hint about annotated copies)."""
        for e in errors:
            console(
                [
                    (f"{printable(e.path)}: ", "bold"),
                    ("无法检查", "bold red"),
                    (f"：{printable(e.message)}", ""),
                ]
            )
        total = sum(by_sev.values())
        if total == 0 and not errors:
            console([(f"检查了 {files} 个文件，未发现问题。", "")], "green")
            return
        parts = "，".join(f"{_LABEL[s]} {by_sev[s]}" for s in Severity if by_sev.get(s))
        summary = [(f"检查了 {files} 个文件，发现 {total} 个问题", "")]
        if parts:
            summary.append((f"（{parts}）", ""))
        if fixable:
            summary.append((f"；其中 {fixable} 个可用 --fix 自动修复", ""))
        if errors:
            summary.append((f"；{len(errors)} 个文件或规则无法检查", "red"))
        console(summary)
        if first_docx is not None:
            console(
                [
                    (
                        f"提示：lintreport annotate {shlex.quote(first_docx)} "
                        "生成带批注的 Word 副本"
                        "（原文件不变；加 --track-changes 把可自动修复的问题写成修订）",
                        "",
                    )
                ],
                "dim",
            )


def printer(stream: TextIO, color: bool) -> Emit:
    """Writes the lines of the text format to `stream`, coloured or not."""
    return _rich_printer(stream) if color else _plain_printer(stream)


def _rich_printer(stream: TextIO) -> Emit:
    """Coloured lines through rich's Console (imported only for colour)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )

    def emit(parts: list[Part], base: str = "") -> None:
        line = Text(style=base)
        for text, style in parts:
            line.append(text, style=style or None)
        console.print(line)

    return emit


def _plain_printer(stream: TextIO) -> Emit:
    """Lines as rich's Console writes them without colour: control codes it drops dropped, tabs
    expanded to its tab stops (by cell width), nothing wrapped (soft_wrap)."""

    def emit(parts: list[Part], base: str = "") -> None:
        line = "".join(text for text, _ in parts).translate(_RICH_STRIPS)
        stream.write(_expand_tabs(line) + "\n")

    return emit


def _expand_tabs(line: str) -> str:
    """rich.text.Text.expand_tabs: each tab becomes a space, then spaces to the next tab stop."""
    if "\t" not in line:
        return line
    out: list[str] = []
    cells = 0
    for piece in line.split("\n"):  # printable() escapes newlines; kept for exactness
        if out:
            out.append("\n")
            cells = 0
        for i, part in enumerate(piece.split("\t")):
            if i:
                out.append(" ")
                cells += 1
                remainder = cells % _TAB_SIZE
                if remainder:
                    out.append(" " * (_TAB_SIZE - remainder))
                    cells += _TAB_SIZE - remainder
            out.append(part)
            cells += cell_len(part)
    return "".join(out)


def is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def _where(v: Violation) -> str:
    """Where a violation starts: a .docx has no lines, its lines are paragraphs (第7段第74字)."""
    if is_docx(v.path):
        return f"第{v.line}段第{v.column}字"
    return f"{v.line}:{v.column}"


FORMATTER = TextFormatter()

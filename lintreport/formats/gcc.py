"""GCC-style lines, `path:line:col: severity: message [rule]`, for editors' error parsers.

Vim's default `errorformat` (quickfix), Emacs `compilation-mode` and VS Code problem matchers
read this shape. Severity `info` is written as gcc's `note`. A suggestion or fix follows as a
`note:` line at the same position, as gcc does for its own hints. The format has no place for
end positions or the category; use json/sarif where those matter.
"""

from __future__ import annotations

from typing import TextIO

from ..messages import printable
from ..model import FileError, RunResult, Severity, Violation
from ..record import record

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def one_line(text: str) -> str:
    # a newline would start what an error parser takes for a new, malformed entry
    return printable(" ".join(text.split("\n")))


def violation_lines(v: Violation) -> list[str]:
    where = f"{printable(v.path)}:{v.line}:{v.column}"
    lines = [f"{where}: {LEVEL[v.severity]}: {one_line(v.message)} [{v.rule}]"]
    if v.fix is not None:
        lines.append(f"{where}: note: 可自动修复（--fix）：替换为“{one_line(v.fix.replacement)}”")
    elif v.suggestion:
        lines.append(f"{where}: note: 建议：{one_line(v.suggestion)}")
    return lines


@record(frozen=True)
class GccFormatter:
    name: str = "gcc"
    carries_errors: bool = True
    machine: bool = False

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None:
        for v in result.violations:
            for line in violation_lines(v):
                stream.write(line + "\n")
        for e in result.errors:
            stream.write(error_line(e) + "\n")


def error_line(e: FileError) -> str:
    """A file or rule that could not be checked, as one compiler-style error line."""
    return f"{printable(e.path)}: error: 无法检查：{one_line(e.message)}"


FORMATTER = GccFormatter()

"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`.

Each violation becomes an annotation on the pull request's diff. Severity maps to the three
annotation levels (error, warning, notice). Escaping follows the runner's rules: in the message
`%`, CR and LF are percent-encoded; in property values also `:` and `,`, which delimit
properties. Annotations are informative only; use SARIF upload for dismissible, blocking alerts.
"""

from __future__ import annotations

from typing import TextIO

from ..model import FileError, RunResult, Severity, Violation
from ..record import record

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation) -> str:
    props = {
        "file": v.path,
        "line": str(v.line),
        "col": str(v.column),
        "endLine": str(v.end_line),
        "endColumn": str(v.end_column),
        "title": f"lintreport {v.rule} ({v.category.value})",
    }
    body = v.message
    if v.fix is not None:
        body += f"\n可自动修复（--fix）：替换为“{v.fix.replacement}”"
    elif v.suggestion:
        body += f"\n建议：{v.suggestion}"
    joined = ",".join(f"{k}={escape_property(val)}" for k, val in props.items())
    return f"::{LEVEL[v.severity]} {joined}::{escape_data(body)}"


@record(frozen=True)
class GithubFormatter:
    name: str = "github"
    carries_errors: bool = True
    machine: bool = False

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None:
        for v in result.violations:
            stream.write(annotation(v) + "\n")
        for e in result.errors:
            stream.write(error_annotation(e) + "\n")


def error_annotation(e: FileError) -> str:
    """A file or rule that could not be checked, as an error annotation on the file."""
    props = f"file={escape_property(e.path)},title={escape_property('lintreport')}"
    return f"::error {props}::{escape_data('无法检查：' + e.message)}"


FORMATTER = GithubFormatter()

"""The JSON contract of DESIGN.md §2, version 1: stable key order, UTF-8, no ASCII escapes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from ..model import DocumentInfo, FileError, RunResult, Violation
from ._json_indent import dump_indented

VERSION = 1


def violation_dict(v: Violation) -> dict[str, Any]:
    return {
        "path": v.path,
        "line": v.line,
        "column": v.column,
        "end_line": v.end_line,
        "end_column": v.end_column,
        "rule": v.rule,
        "category": v.category.value,
        "severity": v.severity.value,
        "message": v.message,
        "suggestion": v.suggestion,
        "fix": None if v.fix is None else {"replacement": v.fix.replacement},
    }


def document_dict(d: DocumentInfo) -> dict[str, Any]:
    return {
        "path": d.path,
        "report_type": d.report_type,
        "report_year": d.report_year,
        "title": d.title,
    }


def error_dict(e: FileError) -> dict[str, Any]:
    return {"path": e.path, "message": e.message}


def result_dict(result: RunResult) -> dict[str, Any]:
    return {
        "version": VERSION,
        "violations": [violation_dict(v) for v in result.violations],
        "errors": [error_dict(e) for e in result.errors],
        "documents": [document_dict(d) for d in result.documents],
        "summary": result.summary,
    }


@dataclass(frozen=True)
class JsonFormatter:
    name: str = "json"

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None:
        # Same bytes as json.dump(..., ensure_ascii=False, indent=2), ~5x faster (see module).
        dump_indented(result_dict(result), stream)
        stream.write("\n")


FORMATTER = JsonFormatter()

"""The JSON contract (README, “JSON output”), version 1: stable key order, UTF-8, no ASCII
escapes."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper when available
from typing import Any, TextIO

from ..model import DocumentInfo, FileError, RunResult, Violation
from ..record import record
from ._json_indent import dumps_indented

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
        "year_source": d.year_source,
        "title": d.title,
        "relations_checked": d.relations_checked,
    }


def error_dict(e: FileError) -> dict[str, Any]:
    return {"path": e.path, "message": e.message}


def result_dict(result: RunResult, *, violations: bool = True) -> dict[str, Any]:
    return {
        "version": VERSION,
        "violations": [violation_dict(v) for v in result.violations] if violations else [],
        "errors": [error_dict(e) for e in result.errors],
        "documents": [document_dict(d) for d in result.documents],
        "summary": result.summary,
    }


def violation_json(v: Violation) -> str:
    """`violation_dict(v)` as `json.dumps(indent=2)` writes it inside the `violations` list (the
    hot part of the output: one per finding), by one f-string instead of the generic walk."""
    enc = encode_basestring
    fix = "null" if v.fix is None else f'{{\n{_I4}"replacement": {enc(v.fix.replacement)}\n{_I3}}}'
    suggestion = "null" if v.suggestion is None else enc(v.suggestion)
    return (
        f'{{\n{_I3}"path": {enc(v.path)},\n{_I3}"line": {int(v.line)},\n'
        f'{_I3}"column": {int(v.column)},\n{_I3}"end_line": {int(v.end_line)},\n'
        f'{_I3}"end_column": {int(v.end_column)},\n{_I3}"rule": {enc(v.rule)},\n'
        f'{_I3}"category": {enc(v.category.value)},\n{_I3}"severity": {enc(v.severity.value)},\n'
        f'{_I3}"message": {enc(v.message)},\n{_I3}"suggestion": {suggestion},\n'
        f'{_I3}"fix": {fix}\n{_I2}}}'
    )


_I2, _I3, _I4 = " " * 4, " " * 6, " " * 8
_CHUNK = 4096  # violations per write: bounded memory for hundreds of thousands of findings


@record(frozen=True)
class JsonFormatter:
    name: str = "json"

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None:
        # Same bytes as json.dump(result_dict(result), ensure_ascii=False, indent=2) (see
        # _json_indent), with each violation written by violation_json.
        rest = result_dict(result, violations=False)  # the violations are written below
        violations = result.violations
        sep = "{\n  "
        for key, value in rest.items():
            stream.write(sep + encode_basestring(key) + ": ")
            sep = ",\n  "
            if key != "violations" or not violations:
                stream.write(dumps_indented(value, 1))
                continue
            stream.write("[\n" + _I2)
            for i in range(0, len(violations), _CHUNK):
                if i:
                    stream.write(",\n" + _I2)
                stream.write((",\n" + _I2).join(map(violation_json, violations[i : i + _CHUNK])))
            stream.write("\n  ]")
        stream.write("\n}\n")


FORMATTER = JsonFormatter()

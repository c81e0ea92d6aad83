"""Formats written file by file as a run proceeds: json, jsonl, gcc, github and text.

Two halves. An *encoder* (picklable, stateless) turns one file's sorted violations into that
file's part of the output; it runs where the file was linted, a worker process included. A
*writer* (in the parent) writes what comes before, between and after those parts: the JSON
document's opening and its errors, documents and summary; the text format's summary. The bytes
are those of the format's `render` on the whole result, provided the parts arrive in the
order `render` writes them (see `ordered`).

sarif (one fingerprint counter and one rule table across all results) and html keep the
collected path.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Protocol, TextIO

from ..model import DocumentInfo, FileError, Severity, Violation
from ..record import record
from ._json_indent import dumps_indented
from .json_format import VERSION, document_dict, error_dict, violation_dict, violation_json

# The other formats' modules are imported by their encoder and writer only: a run imports the
# format it writes (text brings rich's cell widths).

STREAMED = ("json", "jsonl", "gcc", "github", "text")
_SEP = ",\n    "  # between two violations in the JSON document


@record(frozen=True)
class Totals:
    """What the end of an output says about the whole run."""

    documents: Sequence[DocumentInfo]  # sorted by path
    errors: Sequence[FileError]
    by_severity: Mapping[Severity, int]
    fixable: int
    first_docx: str | None  # the first Word file (by path) with findings


class Encoder(Protocol):
    def __call__(self, violations: list[Violation], text: str | None) -> str: ...


@record(frozen=True)
class JsonEncoder:
    def __call__(self, violations: list[Violation], text: str | None) -> str:
        return _SEP.join(map(violation_json, violations))


@record(frozen=True)
class JsonlEncoder:
    def __call__(self, violations: list[Violation], text: str | None) -> str:
        return "".join(json.dumps(violation_dict(v), ensure_ascii=False) + "\n" for v in violations)


@record(frozen=True)
class GccEncoder:
    def __call__(self, violations: list[Violation], text: str | None) -> str:
        from .gcc import violation_lines

        return "".join(line + "\n" for v in violations for line in violation_lines(v))


@record(frozen=True)
class GithubEncoder:
    def __call__(self, violations: list[Violation], text: str | None) -> str:
        from .github import annotation

        return "".join(annotation(v) + "\n" for v in violations)


@record(frozen=True)
class TextEncoder:
    color: bool
    show_all: bool

    def __call__(self, violations: list[Violation], text: str | None) -> str:
        if not violations:
            return ""
        from .text import FORMATTER, printer

        buffer = io.StringIO()
        FORMATTER.render_file(
            printer(buffer, self.color), violations[0].path, violations, text, self.show_all
        )
        return buffer.getvalue()


class Writer:
    """The parent's half: `head`, then each file's part through `part`, then `tail`."""

    # Parts in display-path order (the order `render` writes sorted violations); jsonl writes
    # each file's findings as soon as they are known, in the order files finish.
    ordered = True

    def __init__(self, stream: TextIO, encode: Encoder) -> None:
        self.stream = stream
        self.encode = encode

    def head(self) -> None:
        pass

    def part(self, chunk: str) -> None:
        if chunk:
            self.stream.write(chunk)

    def tail(self, totals: Totals) -> None:
        pass


class JsonWriter(Writer):
    _started = False

    def head(self) -> None:
        self.stream.write(f'{{\n  "version": {VERSION},\n  "violations": ')

    def part(self, chunk: str) -> None:
        if chunk:
            self.stream.write(_SEP + chunk if self._started else "[\n    " + chunk)
            self._started = True

    def tail(self, totals: Totals) -> None:
        # the rest as json_format.JsonFormatter writes it (json.dumps(indent=2))
        rest = {
            "errors": [error_dict(e) for e in totals.errors],
            "documents": [document_dict(d) for d in totals.documents],
            "summary": {
                "files": len(totals.documents),
                "violations": sum(totals.by_severity.values()),
                "errors": len(totals.errors),
            },
        }
        out = ["\n  ]" if self._started else "[]"]
        for key, value in rest.items():
            out.append(f',\n  "{key}": ' + dumps_indented(value, 1))
        self.stream.write("".join(out) + "\n}\n")


class JsonlWriter(Writer):
    ordered = False

    def part(self, chunk: str) -> None:
        self.stream.write(chunk)
        self.stream.flush()  # a streaming consumer sees each file as soon as it is done


class GccWriter(Writer):
    def tail(self, totals: Totals) -> None:
        from .gcc import error_line

        for e in totals.errors:
            self.stream.write(error_line(e) + "\n")


class GithubWriter(Writer):
    def tail(self, totals: Totals) -> None:
        from .github import error_annotation

        for e in totals.errors:
            self.stream.write(error_annotation(e) + "\n")


class TextWriter(Writer):
    def __init__(self, stream: TextIO, encode: Encoder, color: bool) -> None:
        super().__init__(stream, encode)
        self.color = color

    def tail(self, totals: Totals) -> None:
        from .text import FORMATTER, printer

        FORMATTER.summary(
            printer(self.stream, self.color),
            totals.errors,
            len(totals.documents),
            totals.by_severity,
            totals.fixable,
            first_docx=totals.first_docx,
        )


def stream_writer(name: str, stream: TextIO, *, color: bool, show_all: bool) -> Writer:
    """The writer of streamed format `name` (one of STREAMED) onto `stream`."""
    if name == "json":
        return JsonWriter(stream, JsonEncoder())
    if name == "jsonl":
        return JsonlWriter(stream, JsonlEncoder())
    if name == "gcc":
        return GccWriter(stream, GccEncoder())
    if name == "github":
        return GithubWriter(stream, GithubEncoder())
    if name == "text":
        return TextWriter(stream, TextEncoder(color, show_all), color)
    raise ValueError(f"format {name!r} is not streamed")

"""Core data types shared by checks, the runner and the formatters.

Two stages, two names: a check yields a `Finding` (offsets into the document text, no policy);
the runner turns it into a `Violation` (path, 1-based positions, rule, severity, rendered message).
This module imports nothing else from the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a violation is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    """The six fixed categories of the JSON contract (README, “JSON output”)."""

    STRUCTURE = "structure"
    REFERENCE = "reference"
    NUMBER = "number"
    WORDING = "wording"
    PUNCTUATION = "punctuation"
    METADATA = "metadata"


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check yields: a span of the document text and values for the message.

    `start`/`end` are code-point offsets into `Document.text`, end exclusive. A finding about the
    whole document (a missing section) uses `start == end` at the place it was expected.
    `replacement` is a machine edit of `[start, end)`; it is honoured only if the rule declares a
    fix. `severity` lets a kind downgrade or upgrade one finding (a paragraph instead of a heading
    is weaker than nothing at all); None means the rule's own severity.
    """

    start: int
    end: int
    args: Mapping[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    replacement: str | None = None
    severity: Severity | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of the violation's span. Only safe fixes are applied by --fix."""

    replacement: str
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Violation:
    """A reported result: every field of the JSON contract, plus offsets for the fixer."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: Category
    severity: Severity
    message: str
    suggestion: str | None = None
    fix: Fix | None = None
    start: int = 0
    end: int = 0

    def sort_key(self) -> tuple[str, int, int, int, int, str]:
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule)

    def __reduce__(self) -> tuple[type[Violation], tuple[object, ...]]:
        # `-j N` workers send every violation to the parent, which unpickles them serially. The
        # default for a slots dataclass is a Python __setstate__ setting 13 fields one by one;
        # the constructor with positional fields is ~3x cheaper to unpickle.
        return (
            Violation,
            (
                self.path,
                self.line,
                self.column,
                self.end_line,
                self.end_column,
                self.rule,
                self.category,
                self.severity,
                self.message,
                self.suggestion,
                self.fix,
                self.start,
                self.end,
            ),
        )


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the runner inferred about one file (the contract's `documents` entry)."""

    path: str
    report_type: str | None
    report_year: int | None
    title: str | None
    encoding: str | None = None
    year_source: str | None = None  # "override", "title", "opening", "heading", "period", "plan"
    type_source: str | None = None  # "override", "title", "opening", "headings"
    # Numeric relations the number rules evaluated (rates, shares, changes, totals): 0 means
    # they looked and found nothing to check; None means the count was not taken.
    relations_checked: int | None = None


@dataclass(frozen=True, slots=True)
class FileError:
    """A file (or pack, or rule) that could not be processed: one line, no traceback."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Where one table of a document lies in its text, for formatters that draw it as a table.

    `rows` holds each row's cells as (start, end, rowspan, colspan): code-point spans of
    `RunResult.texts`, each merged cell once, in the row where it starts.
    """

    start: int
    end: int
    rows: tuple[tuple[tuple[int, int, int, int], ...], ...]


@dataclass(frozen=True)
class RunResult:
    """The finished, immutable result of a run: the only input to formatters and exit codes."""

    documents: tuple[DocumentInfo, ...]
    violations: tuple[Violation, ...]
    errors: tuple[FileError, ...]
    # The checked text of each document, for formatters that quote the offending line.
    texts: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    # The tables of each document that has any, when a formatter draws them (html).
    tables: Mapping[str, tuple[TableLayout, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.documents),
            "violations": len(self.violations),
            "errors": len(self.errors),
        }

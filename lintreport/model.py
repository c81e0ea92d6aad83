"""Core data types shared by checks, the runner and the formatters.

Two stages, two names: a check yields a `Finding` (offsets into the document text, no policy);
the runner turns it into a `Violation` (path, 1-based positions, rule, severity, rendered message).
This module imports nothing else from the package but `record` (the same base layer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import FrozenInstanceError, field
from enum import StrEnum
from typing import Any

from .record import record


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


@record(frozen=True, slots=True)
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

    # Written out, not generated: checks build one per finding (hundreds of thousands on a large
    # corpus), and @record's generic __init__ costs about twice this one.
    def __init__(
        self,
        start: int,
        end: int,
        args: Mapping[str, str] | None = None,
        suggestion: str | None = None,
        replacement: str | None = None,
        severity: Severity | None = None,
        message: str | None = None,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "start", start)
        setattr_(self, "end", end)
        setattr_(self, "args", {} if args is None else args)
        setattr_(self, "suggestion", suggestion)
        setattr_(self, "replacement", replacement)
        setattr_(self, "severity", severity)
        setattr_(self, "message", message)


@record(frozen=True, slots=True)
class Fix:
    """A replacement of the violation's span. Only safe fixes are applied by --fix."""

    replacement: str
    safe: bool = True


_VIOLATION_FIELDS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "category",
    "severity",
    "message",
    "suggestion",
    "fix",
    "start",
    "end",
)


class _ViolationSlots:
    """The storage of a Violation, assignable only while it is being built."""

    __slots__ = _VIOLATION_FIELDS

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        rule: str,
        category: Category,
        severity: Severity,
        message: str,
        suggestion: str | None = None,
        fix: Fix | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.suggestion = suggestion
        self.fix = fix
        self.start = start
        self.end = end


class Violation(_ViolationSlots):
    """A reported result: every field of the JSON contract, plus offsets for the fixer.

    Behaves as a frozen dataclass of these fields (equality, hash, repr, pickle,
    `dataclasses.fields`/`replace`/`asdict`), but is built several times faster: a run makes
    one per finding, hundreds of thousands on a large corpus, and the frozen dataclass's
    `__init__` (one `object.__setattr__` per field) was a tenth of a run. It is filled in as a
    plain slots object and then given this class, whose `__setattr__` refuses changes.
    """

    __slots__ = ()
    __match_args__ = _VIOLATION_FIELDS

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: Category
    severity: Severity
    message: str
    suggestion: str | None
    fix: Fix | None
    start: int
    end: int

    def __new__(
        cls,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        rule: str,
        category: Category,
        severity: Severity,
        message: str,
        suggestion: str | None = None,
        fix: Fix | None = None,
        start: int = 0,
        end: int = 0,
    ) -> Violation:
        self = _ViolationSlots(
            path, line, column, end_line, end_column, rule, category, severity, message,
            suggestion, fix, start, end,
        )  # fmt: skip
        self.__class__ = cls
        return self  # type: ignore[return-value]

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass  # filled in by __new__

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.path, self.line, self.column, self.end_line, self.end_column, self.rule,
            self.category, self.severity, self.message, self.suggestion, self.fix, self.start,
            self.end,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _VIOLATION_FIELDS)
        return f"{self.__class__.__qualname__}({shown})"

    def sort_key(self) -> tuple[str, int, int, int, int, str]:
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule)

    def __reduce__(self) -> tuple[Callable[..., Violation], tuple[Any, ...]]:
        # `-j N` workers may send violations to the parent: positional fields, no state dict.
        return (make_violation, self._fields())


def make_violation(
    path: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    rule: str,
    category: Category,
    severity: Severity,
    message: str,
    suggestion: str | None,
    fix: Fix | None,
    start: int,
    end: int,
) -> Violation:
    """`Violation(...)` with every field given in order, a little faster (no `__init__` call):
    for the runner's hot loop and unpickling."""
    self = _ViolationSlots(
        path, line, column, end_line, end_column, rule, category, severity, message,
        suggestion, fix, start, end,
    )  # fmt: skip
    self.__class__ = Violation
    return self  # type: ignore[return-value]


@record(frozen=True)
class _ViolationSpec:
    """Violation's fields as a dataclass declares them: lent to Violation so `dataclasses`
    functions (fields, replace, asdict, is_dataclass) treat it as the dataclass it was."""

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


Violation.__dataclass_fields__ = _ViolationSpec.__dataclass_fields__  # type: ignore[attr-defined]
Violation.__dataclass_params__ = _ViolationSpec.__dataclass_params__  # type: ignore[attr-defined]


@record(frozen=True, slots=True)
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


@record(frozen=True, slots=True)
class FileError:
    """A file (or pack, or rule) that could not be processed: one line, no traceback."""

    path: str
    message: str


@record(frozen=True, slots=True)
class TableLayout:
    """Where one table of a document lies in its text, for formatters that draw it as a table.

    `rows` holds each row's cells as (start, end, rowspan, colspan): code-point spans of
    `RunResult.texts`, each merged cell once, in the row where it starts.
    """

    start: int
    end: int
    rows: tuple[tuple[tuple[int, int, int, int], ...], ...]


@record(frozen=True)
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

"""Errors that reach the user as one-line messages, never as tracebacks."""

from __future__ import annotations

from .record import record


class LintreportError(Exception):
    """Base class of every error the CLI turns into a message and exit status 2."""


class InputError(LintreportError):
    """One input file cannot be read or decoded."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@record(frozen=True, slots=True)
class PackIssue:
    """One problem in a rule pack, positioned in the pack file (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class PackError(LintreportError):
    """A rule pack is invalid; carries every issue found, not just the first."""

    def __init__(self, issues: list[PackIssue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


class UsageError(LintreportError):
    """The command line or configuration asks for something that does not exist."""

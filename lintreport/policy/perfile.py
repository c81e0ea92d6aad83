"""The policy of one file, applied where the file was linted: in a worker process or this one.

A `FilePolicy` is the per-file part of a `CheckRun` for one group of files sharing settings and
rules: per-file ignores, comment suppression, ignore files, severity overrides and the baseline.
It runs right after `lint_file` in the process that linted the file (a `-j N` worker, or the
parent with `-j 1`), and can encode the file's part of the output there too, so the parent
only writes text and adds up small counts: it never unpickles every violation, and nothing
grows with the number of files but the documents' descriptions.

Ignore-file entries remember whether they were applied and used; a worker's copies are its
own, so each `FileResult` carries the marks of its file (`marks`) and the parent records them
on its own copies, which report the unused entries at the end of the run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.statistics import CountKey, count_violations
from ..model import DocumentInfo, FileError, RunResult, Severity, TableLayout, Violation
from ..record import record
from ..run.runner import FileOutcome
from .globs import any_match
from .ignorefile import IGNORE_FILE, IgnoreFile, load_ignore_file
from .settings import Settings
from .suppression import UNUSED_ID, apply_comment_directives

if TYPE_CHECKING:
    from .baseline import Baseline  # read only with --baseline (cli/options.py loads it)

# An ignore file's path, the indexes of its entries applied to the file, and of those used.
Marks = tuple[tuple[Path, tuple[int, ...], tuple[int, ...]], ...]


@record(frozen=True, slots=True)
class FileResult:
    """One file after linting and policy: encoded output (`chunk`) or the violations themselves."""

    display: str
    info: DocumentInfo | None
    errors: list[FileError]
    violations: list[Violation] | None  # None when the file's output was encoded into `chunk`
    chunk: str | None
    counts: dict[CountKey, int]
    suppressed: int = 0
    baselined: int = 0
    marks: Marks = ()
    text: str | None = None
    tables: tuple[TableLayout, ...] = ()


def relative_to(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def per_file_dropped(path: Path, s: Settings) -> set[str]:
    """Rule ids and categories that `per_file_ignores` turns off for `path`."""
    rel = s.relpath("per_file_ignores", path)
    dropped: set[str] = set()
    if rel is not None:
        for pattern, names in s.per_file_ignores:
            if any_match([pattern], rel):
                dropped.update(names)
    return dropped


def ignore_file_paths(path: Path, s: Settings, resolved: dict[Path, Path]) -> list[Path]:
    """Where the ignore files that apply to `path` would be: beside it and at its config root.

    `resolved` caches resolved directories: files of one directory share them, and resolving
    costs a system call per path component (a symbolic link's target directory is its own)."""
    if path.is_symlink():
        here = path.resolve().parent
    else:
        here = resolved.get(path.parent) or resolved.setdefault(path.parent, path.parent.resolve())
    dirs = [here]
    if s.root is not None:
        dirs.append(resolved.get(s.root) or resolved.setdefault(s.root, s.root.resolve()))
    return [d / IGNORE_FILE for d in dict.fromkeys(dirs)]


def ignore_files_for(
    path: Path, s: Settings, resolved: dict[Path, Path], loaded: dict[Path, IgnoreFile | None]
) -> list[IgnoreFile]:
    """The ignore files that apply to `path`, each read once into `loaded` (None: not there)."""
    out: list[IgnoreFile] = []
    for candidate in ignore_file_paths(path, s, resolved):
        if candidate not in loaded:
            loaded[candidate] = load_ignore_file(candidate) if candidate.is_file() else None
        found = loaded[candidate]
        if found is not None:
            out.append(found)
    return out


def with_severity(v: Violation, table: tuple[tuple[str, Severity], ...]) -> Violation:
    by_rule = dict(table)
    level = by_rule.get(v.rule) or by_rule.get(v.category.value)
    return v if level is None or level == v.severity else dataclasses.replace(v, severity=level)


@record(frozen=True, slots=True)
class Applied:
    kept: list[Violation]
    suppressed: int
    baselined: int


def apply_policy(
    path: Path,
    display: str,
    text: str | None,
    violations: list[Violation],
    s: Settings,
    active: Collection[str],
    known: Collection[str],
    unused_on: bool,
    ignore_files: Sequence[IgnoreFile],
    baseline: Baseline | None,
) -> Applied:
    """Per-file ignores, suppression, severity overrides and baseline, in that order."""
    dropped = per_file_dropped(path, s)
    items = [v for v in violations if v.rule not in dropped and v.category not in dropped]
    on = set(active) - dropped
    unused: list[Violation] = []
    suppressed = baselined = 0
    if text is not None:
        outcome = apply_comment_directives(display, text, items, on, known, unused_on)
        items, unused = outcome.kept, outcome.unused
        suppressed += outcome.suppressed
        for ignore_file in ignore_files:
            relpath = relative_to(path, ignore_file.path.parent) or path.as_posix()
            before = len(items)
            items = [v for v in items if not ignore_file.suppresses(v, relpath, text, on)]
            suppressed += before - len(items)
    items.extend(v for v in unused if UNUSED_ID not in dropped and "metadata" not in dropped)
    if s.severity:
        items = [with_severity(v, s.severity) for v in items]
    if baseline is not None and text is not None:
        before = len(items)
        items = baseline.new_findings(items, {display: text})
        baselined += before - len(items)
    items.sort(key=Violation.sort_key)
    return Applied(items, suppressed, baselined)


@record
class FilePolicy:
    """`(path, outcome) → FileResult` for one group of files; picklable, so a worker can run it.

    `encode` (a format's per-file encoder) turns the kept violations and the file's text into
    its part of the output; without it the violations themselves are returned (formats that
    need the whole result, --write-baseline, --add-ignores, the API)."""

    settings: Settings
    active: frozenset[str]
    known: frozenset[str]
    unused_on: bool
    baseline: Baseline | None = None
    encode: Callable[[list[Violation], str | None], str] | None = None
    keep_text: bool = False
    # The ignore files this process has read, by path (None: there is none): each process reads
    # its own copies once, whose marks it resets per file.
    _ignore_files: dict[Path, IgnoreFile | None] = field(default_factory=dict, repr=False)
    _resolved: dict[Path, Path] = field(default_factory=dict, repr=False)

    def __call__(self, path: Path, outcome: FileOutcome) -> FileResult:
        display = outcome.info.path if outcome.info else path.as_posix()
        ignore_files = self._ignore_files_for(path) if outcome.text is not None else []
        for f in ignore_files:
            for e in f.entries:
                e.applied = e.used = False
        applied = apply_policy(
            path,
            display,
            outcome.text,
            outcome.violations,
            self.settings,
            self.active,
            self.known,
            self.unused_on,
            ignore_files,
            self.baseline,
        )
        marks = tuple(
            (
                f.path,
                tuple(i for i, e in enumerate(f.entries) if e.applied),
                tuple(i for i, e in enumerate(f.entries) if e.used),
            )
            for f in ignore_files
        )
        kept = applied.kept
        return FileResult(
            display,
            outcome.info,
            outcome.errors,
            None if self.encode is not None else kept,
            None if self.encode is None else self.encode(kept, outcome.text),
            count_violations(kept),
            applied.suppressed,
            applied.baselined,
            marks,
            outcome.text if self.keep_text else None,
            outcome.tables,
        )

    def _ignore_files_for(self, path: Path) -> list[IgnoreFile]:
        return ignore_files_for(path, self.settings, self._resolved, self._ignore_files)


def exit_code(result: RunResult, fail_on: str, max_warnings: int | None, exit_zero: bool) -> int:
    """0 clean, 1 findings at or above `fail_on` or more warnings than allowed, 2 errors."""
    counts = count_violations(result.violations)
    return exit_status(bool(result.errors), counts, fail_on, max_warnings, exit_zero)


def exit_status(
    errors: bool,
    counts: Mapping[CountKey, int],
    fail_on: str,
    max_warnings: int | None,
    exit_zero: bool,
) -> int:
    """`exit_code` of a run whose findings were counted by `count_violations`."""
    if errors:
        return 2
    if exit_zero:
        return 0
    if max_warnings is not None:
        warnings = sum(n for (_, _, level, _), n in counts.items() if level is Severity.WARNING)
        if warnings > max_warnings:
            return 1
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(level.rank >= threshold for (_, _, level, _) in counts) else 0

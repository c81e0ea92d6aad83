"""Linting many paths: expand directories, lint each file in this process or in a pool of workers.

Kept apart from runner.py (one document) so the worker pool (parallel.py) can build on the runner
without the runner importing the pool back.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import DocumentInfo, RunResult, Violation
from ..pack import Pack
from .runner import RunOptions, collect_paths, display_path, lint_file, select_rules


def run(
    paths: Sequence[str], packs: Sequence[Pack], options: RunOptions | None = None
) -> RunResult:
    """Lint files and directories; results are in a stable order whatever the input order."""
    options = options or RunOptions()
    rules = select_rules(packs, options.select, options.ignore)
    files, errors = collect_paths(paths, options)
    documents: list[DocumentInfo] = []
    violations: list[Violation] = []
    texts: dict[str, str] = {}
    if options.jobs > 1 and len(files) > 1:
        from .parallel import lint_files_parallel  # imported only when used: start-up cost

        outcomes = lint_files_parallel(files, packs, options, options.jobs)
    else:
        outcomes = (lint_file(path, packs, rules, options) for path in files)
    for path, outcome in zip(files, outcomes, strict=True):
        if outcome.info is not None:
            documents.append(outcome.info)
        if outcome.text is not None and options.keep_text:
            texts[display_path(path)] = outcome.text
        violations.extend(outcome.violations)
        errors.extend(outcome.errors)
    violations.sort(key=Violation.sort_key)
    return RunResult(tuple(documents), tuple(violations), tuple(errors), texts)

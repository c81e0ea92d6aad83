"""lintreport: a compliance linter for Chinese government annual reports.

Public API::

    from lintreport import load_packs, lint_text, lint_paths
    packs = load_packs(["fazhi-annual"])
    result = lint_text("……", packs, path="draft.txt")
"""

from __future__ import annotations

from .model import Category, DocumentInfo, FileError, Fix, RunResult, Severity, Violation
from .pack import load_pack, load_packs
from .run.batch import run as lint_paths
from .run.runner import RunOptions, lint_text
from .version import __version__

__all__ = [
    "Category",
    "DocumentInfo",
    "FileError",
    "Fix",
    "RunOptions",
    "RunResult",
    "Severity",
    "Violation",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_pack",
    "load_packs",
]

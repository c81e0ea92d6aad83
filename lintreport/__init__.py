"""lintreport: a compliance linter for Chinese government annual reports.

Public API::

    from lintreport import load_packs, lint_text, lint_paths
    packs = load_packs(["fazhi-annual"])
    result = lint_text("……", packs, path="draft.txt")

The names are imported on first use (PEP 562): `import lintreport.model` or `lintreport --version`
must not pay for the runner and every check (~150 ms of a cold start).
"""

from __future__ import annotations

import importlib

# typing.TYPE_CHECKING without importing typing (~3 ms of `--version`); type checkers treat any
# constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .model import Category, DocumentInfo, FileError, Fix, RunResult, Severity, Violation
    from .pack import load_pack, load_packs
    from .run.batch import run as lint_paths
    from .run.runner import RunOptions, lint_text
    from .version import __version__

# public name -> (module, attribute in it)
_LAZY = {
    "Category": ("model", "Category"),
    "DocumentInfo": ("model", "DocumentInfo"),
    "FileError": ("model", "FileError"),
    "Fix": ("model", "Fix"),
    "RunOptions": ("run.runner", "RunOptions"),
    "RunResult": ("model", "RunResult"),
    "Severity": ("model", "Severity"),
    "Violation": ("model", "Violation"),
    "__version__": ("version", "__version__"),
    "lint_paths": ("run.batch", "run"),
    "lint_text": ("run.runner", "lint_text"),
    "load_pack": ("pack", "load_pack"),
    "load_packs": ("pack", "load_packs"),
}

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


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{target[0]}", __name__), target[1])
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

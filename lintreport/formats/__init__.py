"""Output formats: each module renders a finished RunResult to a stream and decides nothing else.

Formatter attributes beyond `name` and `render` (all optional, default False):
- `carries_errors`: the format reports files that could not be checked; otherwise the CLI
  writes them to stderr.
- `machine`: the output is a single machine-readable document; extra human-readable text
  (e.g. `--statistics`) must go to stderr.
- `describes_rules`: `render` takes `rules=` (descriptors of the active rules).
- `needs_text`: the formatter reads `RunResult.texts` (the checked text of each document).
- `needs_tables`: the formatter reads `RunResult.tables` (where each table lies in the text).
- `groups_repeats`: `render` takes `show_all=` (otherwise it counts a rule's repeats in a file).
- `explains_rules`: the rule descriptors passed to `render` carry `explanation` (the
  `lintreport explain` text).
- `names_report_types`: `render` takes `report_types=` (report type id -> its pack's name).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from ..model import RunResult
    from .descriptors import RuleInfo, rule_infos

# Format name -> the module that defines its FORMATTER. Only the selected format's module is
# imported: a `--format json` run must not pay for rich (text) or the HTML page's templates. The
# command line's --format choices are these names (tests/test_lazy_imports.py checks each module
# really defines the format it is listed under).
_MODULES = {
    "text": "text",
    "json": "json_format",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "gcc": "gcc",
    "html": "html",
}
NAMES: tuple[str, ...] = tuple(_MODULES)


class Formatter(Protocol):
    name: str

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None: ...


class _Registry(Mapping[str, Formatter]):
    """A read-only mapping name -> formatter that imports a format's module on first lookup."""

    def __getitem__(self, name: str) -> Formatter:
        module = _MODULES[name]  # KeyError for an unknown format, as a dict would raise
        formatter: Formatter = importlib.import_module(f".{module}", __name__).FORMATTER
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Formatter] = _Registry()

# The human formats print everything to the one stream; json is one document that carries errors.
_TRAITS = {
    "text": {"carries_errors": True, "groups_repeats": True},
    "json": {"carries_errors": True, "machine": True},
}


def trait(name: str, what: str) -> bool:
    """Whether format `name` has trait `what` (see the module docstring)."""
    formatter = FORMATS[name]
    return bool(getattr(formatter, what, _TRAITS.get(name, {}).get(what, False)))


def render(
    name: str,
    result: RunResult,
    stream: TextIO,
    *,
    color: bool,
    rules: Sequence[RuleInfo] = (),
    show_all: bool = False,
    report_types: Mapping[str, str] | None = None,
) -> None:
    """Render `result` in format `name`, passing rule descriptors to formats that use them."""
    formatter = FORMATS[name]
    extra: dict[str, object] = {}
    if trait(name, "describes_rules"):
        extra["rules"] = rules
    if trait(name, "groups_repeats"):
        extra["show_all"] = show_all
    if trait(name, "names_report_types"):
        extra["report_types"] = report_types or {}
    formatter.render(result, stream, color=color, **extra)  # type: ignore[call-arg]


def __getattr__(name: str) -> Any:
    # RuleInfo and rule_infos live in descriptors.py; kept importable from here, on demand
    if name in ("RuleInfo", "rule_infos"):
        from . import descriptors

        return getattr(descriptors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "NAMES", "Formatter", "RuleInfo", "render", "rule_infos", "trait"]

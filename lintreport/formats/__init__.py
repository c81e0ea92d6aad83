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

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Protocol, TextIO

from ..model import RunResult
from . import gcc, github, html, json_format, jsonl, sarif, text
from .descriptors import RuleInfo, rule_infos


class Formatter(Protocol):
    name: str

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None: ...


_FORMATTERS: tuple[Formatter, ...] = (
    text.FORMATTER,
    json_format.FORMATTER,
    jsonl.FORMATTER,
    sarif.FORMATTER,
    github.FORMATTER,
    gcc.FORMATTER,
    html.FORMATTER,
)

FORMATS: Mapping[str, Formatter] = MappingProxyType({f.name: f for f in _FORMATTERS})

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


__all__ = ["FORMATS", "Formatter", "RuleInfo", "render", "rule_infos", "trait"]

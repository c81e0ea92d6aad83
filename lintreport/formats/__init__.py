"""Output formats: each module renders a finished RunResult to a stream and decides nothing else.

Formatter attributes beyond `name` and `render` (all optional, default False):
- `carries_errors`: the format reports files that could not be checked; otherwise the CLI
  writes them to stderr.
- `machine`: the output is a single machine-readable document; extra human-readable text
  (e.g. `--statistics`) must go to stderr.
- `describes_rules`: `render` takes `rules=` (descriptors of the active rules).
- `needs_text`: the formatter reads `RunResult.texts` (the checked text of each document).
- `groups_repeats`: `render` takes `show_all=` (otherwise it counts a rule's repeats in a file).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Protocol, TextIO

from ..model import RunResult
from . import gcc, github, json_format, jsonl, sarif, text
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
) -> None:
    """Render `result` in format `name`, passing rule descriptors to formats that use them."""
    formatter = FORMATS[name]
    if trait(name, "describes_rules"):
        formatter.render(result, stream, color=color, rules=rules)  # type: ignore[call-arg]
    elif trait(name, "groups_repeats"):
        formatter.render(result, stream, color=color, show_all=show_all)  # type: ignore[call-arg]
    else:
        formatter.render(result, stream, color=color)


__all__ = ["FORMATS", "Formatter", "RuleInfo", "render", "rule_infos", "trait"]

"""`{name}` message templates: validated when a pack loads, rendered without `str.format`.

Only bare identifiers are substituted, so a template can reach no attribute or index, and a
template that passed validation cannot fail at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

# Values every rule may use, filled from the document's metadata.
DOCUMENT_FIELDS = frozenset({"report_year", "next_year", "report_type", "title"})


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def unknown_placeholders(template: str, allowed: Iterable[str]) -> list[str]:
    known = set(allowed) | DOCUMENT_FIELDS
    return [name for name in placeholders(template) if name not in known]


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill `{name}` from `values`; a name without a value is left visible rather than dropped."""

    def fill(m: regex.Match[str]) -> str:
        value = values.get(m.group(1))
        return m.group(0) if value is None else str(value)

    return _PLACEHOLDER.sub(fill, template)

"""`{name}` message templates: validated when a pack loads, rendered without `str.format`.

Only bare identifiers are substituted, so a template can reach no attribute or index, and a
template that passed validation cannot fail at run time. `{name|text}` gives the words shown
when the value is unknown (`{report_year|××××}`): the loader requires one for every document
value a rule may fire without (`unproven_document_fields`), so no raw `{…}` reaches a user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import regex

_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}|]*))?\}")

# What must never reach a terminal raw: C0 controls but tab (a newline in a file name breaks the
# one-line output; ESC starts an escape sequence), DEL, C1 controls, and the bidirectional
# overrides that make text display in another order than it reads.
_UNPRINTABLE = regex.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (`\\n`, `\\x1b`), for terminal output."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


# Values every rule may use, filled from the document's metadata; each may be unknown.
DOCUMENT_FIELDS = frozenset({"report_year", "next_year", "report_type", "title"})
YEAR_FIELDS = frozenset({"report_year", "next_year"})


def placeholders(template: str) -> list[str]:
    return [m.group(1) for m in _PLACEHOLDER.finditer(template)]


def unproven_document_fields(
    template: str, args: Iterable[str], guaranteed: Iterable[str]
) -> list[str]:
    """Document values the template shows without a fallback although the rule may fire while
    they are unknown (not a value of the finding itself, not guaranteed by the kind or scope)."""
    known = set(args) | set(guaranteed)
    return [
        m.group(1)
        for m in _PLACEHOLDER.finditer(template)
        if m.group(1) in DOCUMENT_FIELDS and m.group(1) not in known and m.group(2) is None
    ]


def unknown_placeholders(template: str, allowed: Iterable[str]) -> list[str]:
    known = set(allowed) | DOCUMENT_FIELDS
    return [name for name in placeholders(template) if name not in known]


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """The template split once into (literal, placeholder name or None, fallback) triples; a
    pack has a few hundred templates and a run renders them tens of thousands of times."""
    parts: list[tuple[str, str | None, str | None]] = []
    last = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append((template[last : m.start()], m.group(1), m.group(2)))
        last = m.end()
    parts.append((template[last:], None, None))
    return tuple(parts)


def _missing(name: str, fallback: str | None) -> str:
    return "{" + name + "}" if fallback is None else fallback


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill `{name}` from `values`; a name without a value is left visible rather than dropped."""
    out: list[str] = []
    for literal, name, fallback in _parts(template):
        out.append(literal)
        if name is not None:
            value = values.get(name)
            out.append(_missing(name, fallback) if value is None else str(value))
    return "".join(out)


def render_finding(
    template: str, args: Mapping[str, object], document: Mapping[str, object]
) -> str:
    """`render(template, {**document, **args})` without building the merged mapping: the runner
    renders one message per finding, and most templates have one or two placeholders (or none).
    """
    parts = _parts(template)
    if len(parts) == 1:
        return template
    out: list[str] = []
    for literal, name, fallback in parts:
        out.append(literal)
        if name is not None:
            value = args[name] if name in args else document.get(name)
            out.append(_missing(name, fallback) if value is None else str(value))
    return "".join(out)

"""Which report type a document is, from what each pack says its type looks like.

The signals are data from the packs (`recognize:` in pack.yml), compiled by the pack loader; this
module only reads the document: its title, its opening paragraphs and its level-1 headings. A
title says most (weight 3), the opening sentence next (2), each matching top-level heading a little
(1, at most 2 in all). A type needs 2 points and a clear lead over the next; otherwise the document
is of no known type and gets no type-specific rule — better than judging a 政府信息公开 report by
the 法治 report's template.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import regex

from ..record import record
from .lines import Line
from .structure import Structure

TITLE_WEIGHT = 3
OPENING_WEIGHT = 2
HEADING_WEIGHT = 1
MAX_HEADING_POINTS = 2
THRESHOLD = 2
OPENING_LINES = 6  # body lines read as the opening (addressee, 文号 and a lead paragraph)


@record(frozen=True)
class TypeSignals:
    """What one report type looks like; compiled from a pack's `recognize:` block."""

    report_type: str
    name: str  # the type's Chinese name, for messages
    title: tuple[regex.Pattern[str], ...] = ()
    opening: tuple[regex.Pattern[str], ...] = ()
    headings: tuple[regex.Pattern[str], ...] = ()
    exclude_title: tuple[regex.Pattern[str], ...] = ()  # a title that rules the type out

    @cached_property
    def key(self) -> str:
        """Identifies the signals (memo key of a document's classification): built once."""
        parts = [self.report_type]
        for group in (self.title, self.opening, self.headings, self.exclude_title):
            parts.append("\x1f".join(p.pattern for p in group))
        return "\x1e".join(parts)


@record(frozen=True, slots=True)
class Classification:
    report_type: str | None
    evidence: str | None  # "title", "opening", "headings": where the decisive signal was
    candidates: tuple[str, ...] = ()  # the Chinese names of the types that were considered


def _score(signals: TypeSignals, title: str | None, opening: str, headings: list[str]) -> tuple:
    if title and any(p.search(title) for p in signals.exclude_title):
        return 0, None
    title_points = TITLE_WEIGHT if title and any(p.search(title) for p in signals.title) else 0
    opening_points = OPENING_WEIGHT if any(p.search(opening) for p in signals.opening) else 0
    heading_hits = sum(1 for h in headings if any(p.search(h) for p in signals.headings))
    heading_points = min(MAX_HEADING_POINTS, heading_hits * HEADING_WEIGHT)
    total = title_points + opening_points + heading_points
    evidence = (
        "title"
        if title_points
        else "opening"
        if opening_points
        else "headings"
        if heading_points
        else None
    )
    return total, evidence


def classify(
    structure: Structure, lines: Sequence[Line], signals: Sequence[TypeSignals]
) -> Classification:
    """The report type with the most points (at least THRESHOLD, strictly ahead of the next)."""
    if not signals:
        return Classification(None, None)
    title = structure.title_text
    body_from = structure.body_start_line if structure.body_start_line else 1
    opening = "\n".join(
        ln.text
        for ln in lines[body_from - 1 : body_from - 1 + OPENING_LINES]
        if ln.number not in structure.chrome_lines
    )
    headings = [h.title for h in structure.headings if h.level == 1]
    scored = sorted(
        ((*_score(s, title, opening, headings), s.report_type) for s in signals),
        key=lambda t: -t[0],
    )
    best_points, evidence, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0
    names = tuple(s.name for s in signals)
    if best_points < THRESHOLD or best_points == runner_up:
        return Classification(None, None, names)
    return Classification(best, evidence, names)

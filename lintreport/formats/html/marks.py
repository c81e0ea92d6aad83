"""Highlight spans of a text in HTML, one element per finding even when findings overlap.

Findings overlap (a half-width comma inside an outdated title) and may cross each other or a
block boundary (a line today, a table cell once documents carry tables), which HTML elements
cannot. Each finding therefore gets exactly one *primary* element (`<mark id="f12">`) where it
starts; wherever it has to be closed early — at the end of a block, or because a finding opened
inside it ends first — it is reopened as a *continuation* (`<mark data-c="12">`). Counting
`mark[id]` counts findings, and the text of a finding's primary and continuation elements,
joined, is its span without the line breaks between blocks.

Blocks are half-open ranges of the text `[start, end)`; a point `p` with `start <= p <= end`
belongs to the block, so a zero-width finding at the end of a line is drawn at the end of that
line. Everything written is HTML-escaped here; callers pass plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from ...record import record


@record(frozen=True, slots=True)
class Span:
    """One finding's range of the text and the class that colours it (its severity)."""

    index: int  # the finding's number in the page: id="f{index}"
    start: int
    end: int
    css: str


def _open(span: Span, primary: bool) -> str:
    if primary:
        return f'<mark id="f{span.index}" class="{span.css}">'
    return f'<mark data-c="{span.index}" class="{span.css}">'


def highlight_blocks(
    text: str, blocks: Sequence[tuple[int, int]], spans: Iterable[Span]
) -> list[str]:
    """The inner HTML of each block, with every span that touches it marked.

    `blocks` are ascending, non-overlapping ranges of `text`. A span that touches no block (it
    lies between blocks, or beyond the text) is drawn empty at the start of the next block, or at
    the end of the last one, so no finding is ever dropped.
    """
    pending = sorted(spans, key=lambda s: (s.start, -s.end, s.index))
    out: list[str] = []
    started: set[int] = set()
    active: list[Span] = []  # open at the end of the previous block, in nesting order
    cursor = 0  # index into pending
    for number, (block_start, block_end) in enumerate(blocks):
        last = number == len(blocks) - 1
        starts: list[Span] = []
        while cursor < len(pending) and (pending[cursor].start <= block_end or last):
            starts.append(pending[cursor])
            cursor += 1
        out.append(_block(text, block_start, block_end, active, starts, started))
        active = [s for s in active + starts if s.end > block_end and s.start <= block_end]
        active.sort(key=lambda s: (s.start, -s.end, s.index))
    return out


def _block(
    text: str,
    block_start: int,
    block_end: int,
    carried: list[Span],
    starts: list[Span],
    started: set[int],
) -> str:
    parts: list[str] = []
    stack: list[Span] = []

    def open_span(span: Span) -> None:
        parts.append(_open(span, span.index not in started))
        started.add(span.index)
        stack.append(span)

    for span in carried:
        open_span(span)
    # Points where something opens or closes inside this block, in order.
    opening: dict[int, list[Span]] = {}
    for span in starts:
        at = min(max(span.start, block_start), block_end)
        opening.setdefault(at, []).append(span)
    points = sorted(
        {p for p in opening}
        | {s.end for s in (*carried, *starts) if block_start <= s.end <= block_end}
    )
    position = block_start
    for point in points:
        parts.append(escape(text[position:point], quote=False))
        position = point
        ending = [s for s in stack if s.end <= point]
        if ending:
            # Close down to the deepest ending span; reopen the others as continuations.
            depth = min(stack.index(s) for s in ending)
            above = stack[depth:]
            for _ in above:
                parts.append("</mark>")
            del stack[depth:]
            for span in above:
                if span.end > point:
                    open_span(span)
        for span in opening.get(point, ()):
            if span.end <= point:  # zero-width, or it lies before this block's text
                flag = ' data-z=""' if span.start == span.end else ""
                parts.append(_open(span, span.index not in started)[:-1] + flag + "></mark>")
                started.add(span.index)
            else:
                open_span(span)
    parts.append(escape(text[position:block_end], quote=False))
    parts.append("</mark>" * len(stack))
    return "".join(parts)

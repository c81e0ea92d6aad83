"""Hard-wrapped prose joined back into paragraphs, with a map to the original offsets.

Reports copied from PDF keep the page's line breaks inside sentences (`全市共受理政府信息公开申请
3119 件，答` / `复 3050 件`) and page numbers between them (`- 1 -`). A sentence split that way
hides the relation its figures state, so the number checks read a reflowed copy: a line break is
removed where the line before it is a full line of prose that does not end a sentence, and the
next line is neither indented, nor a heading, nor a table row; page-number lines inside such a
paragraph are dropped. A break between two digits or Latin letters becomes a space, so `12` /
`3件` never turns into `123件`.

Only a hard-wrapped text is touched (enough of its lines share one display width, the page's),
and only its full lines: a report with one paragraph per line reflows to itself.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter

import regex

from ..record import record

# A wrapped line is (nearly) full: its display width (a Han character counts 2) is within
# _SLACK of the width most lines of the text share. A text is hard-wrapped only if enough of its
# longer lines (_MIN_WRAPPED characters and up) share that width.
_MIN_WRAPPED = 16
_SLACK = 6
_MIN_SHARE = 0.3
_MIN_LINES = 5
_ENDS = frozenset("。！？!?；;：:")
_HAN = regex.compile(r"\p{Han}")


# Compiled on first use (functools.cache: once per process), not at import: only hard-wrapped text
# is reflowed.
@functools.cache
def _page_number() -> regex.Pattern[str]:
    return regex.compile(r"\p{Zs}*[-－—\u2013]\p{Zs}*\d{1,3}\p{Zs}*[-－—\u2013]\p{Zs}*")


@functools.cache
def _not_continuation() -> regex.Pattern[str]:
    return regex.compile(
        r"\p{Zs}|[#>*|]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．)）]"
        r"|第[一二三四五六七八九十]+[章节条部分]"
    )


# A table row: a Markdown cell bar, or three numbers in a row with only spaces between them
# (`行政许可 447 228 0` in a table copied from PDF) - never joined to what follows or precedes.
@functools.cache
def _table() -> regex.Pattern[str]:
    return regex.compile(r"\||\d+(?:\.\d+)?(?:\p{Zs}+\d+(?:\.\d+)?){2,}")


_ALNUM = regex.compile(r"[0-9A-Za-z]")


@record(frozen=True, slots=True)
class Reflowed:
    """`text` with wrapped lines joined. `chunks` are (offset in `text`, offset in the original)
    of each run copied unchanged; empty when nothing was joined."""

    text: str
    chunks: tuple[tuple[int, int], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.chunks)

    def original(self, pos: int) -> int:
        """The original offset of `text[pos]` (or of the end, for `pos == len(text)`)."""
        if not self.chunks:
            return pos
        i = bisect_right(self.chunks, pos, key=lambda c: c[0]) - 1
        here, there = self.chunks[i]
        return there + (pos - here)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of `text[start:end]` (it may now cross a line break)."""
        if end <= start:
            at = self.original(start)
            return at, at
        return self.original(start), self.original(end - 1) + 1


def _width(line: str) -> int:
    # NOTE: a character of 3 UTF-8 bytes (Han, full-width punctuation) counts as wide; encoding
    # is C-fast, where unicodedata per character cost 0.6 ms on an 8 KB report.
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text is wrapped at, or None when it is not hard-wrapped."""
    widths = [_width(line.rstrip()) for line in lines if len(line) >= _MIN_WRAPPED]
    if not widths:
        return None
    mode, _ = Counter(widths).most_common(1)[0]
    near = sum(1 for w in widths if abs(w - mode) <= _SLACK // 2)
    if near < max(_MIN_LINES, _MIN_SHARE * len(widths)):
        return None
    return mode


def _joinable(line: str, width: int) -> bool:
    body = line.rstrip()
    if len(body) < _MIN_WRAPPED or _width(body) < width - _SLACK:
        return False
    if _not_continuation().match(body) and not any(ch in _ENDS for ch in body):
        return False  # a heading of its own, not a run-in heading that wraps
    return body[-1] not in _ENDS and _HAN.search(body) is not None and _table().search(body) is None


def _continues(line: str) -> bool:
    return (
        bool(line.strip())
        and _not_continuation().match(line) is None
        and _table().search(line) is None
    )


def reflow(text: str) -> Reflowed:
    """Join hard-wrapped lines of prose; see the module docstring for when a break goes."""
    lines = text.split("\n")
    width = _wrap_width(lines) if len(lines) >= _MIN_LINES else None
    if width is None:
        return Reflowed(text)
    out: list[str] = []
    chunks: list[tuple[int, int]] = []
    length = 0  # of the reflowed text so far
    pos = 0  # original offset of lines[i]
    i = 0
    joined = False
    while i < len(lines):
        line = lines[i]
        chunks.append((length, pos))
        out.append(line)
        length += len(line)
        pos += len(line) + 1
        j = i + 1
        skipped = 0
        while j < len(lines) - 1 and _page_number().fullmatch(lines[j]):
            skipped += len(lines[j]) + 1
            j += 1
        if j < len(lines) and _joinable(line, width) and _continues(lines[j]):
            glue = " " if _ALNUM.match(line[-1:]) and _ALNUM.match(lines[j][:1]) else ""
            out.append(glue)
            length += len(glue)
            pos += skipped
            joined = True
            if glue:
                # the space stands for the line break it replaces
                chunks.append((length - 1, pos - 1 - skipped))
        elif j < len(lines):
            out.append("\n")
            length += 1
            j = i + 1  # page numbers between paragraphs stay where they are
        i = j
    if not joined:
        return Reflowed(text)
    return Reflowed("".join(out), tuple(chunks))

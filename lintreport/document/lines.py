"""The line: the unit every reader of the document (structure, title block, metadata) walks.

Its own module so the title-block finder and the structure analysis can both use it without
importing each other.
"""

from __future__ import annotations

from ..record import Frozen


class Line(Frozen):
    """A span of the document text that is one line."""

    __slots__ = ("number", "start", "end", "text")  # noqa: RUF023 (in __init__'s order)
    number: int  # 1-based
    start: int
    end: int
    text: str

    def __init__(self, number: int, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "number", number)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)

"""The line: the unit every reader of the document (structure, title block, metadata) walks.

Its own module so the title-block finder and the structure analysis can both use it without
importing each other.
"""

from __future__ import annotations

from ..record import record


@record(frozen=True, slots=True)
class Line:
    """A span of the document text that is one line."""

    number: int  # 1-based
    start: int
    end: int
    text: str

"""The figures of a document's sentences, parsed once for every number kind that asks.

The number kinds read the figures of short ranges (a sentence with a rate or a percent sign,
the sentence before it), and half of what they ask on a corpus report was asked already by
another rule or kind. `figures_in(doc, lo, hi)` is `find_quantities(doc.text, lo, hi)`,
kept per document (Document.memo) by range.

Measured and dropped: one scan of the whole text with the ranges read from it (the same
figures when no match straddles a range's edge) cost more than it saved, because the
kinds ask for a small part of a report's figures: 0.66 s against 0.55 s for the three
number kinds on 400 corpus reports.
"""

from __future__ import annotations

from ..document.document import Document
from ..text.quantities import Quantity, find_quantities


def figures_in(doc: Document, lo: int, hi: int) -> list[Quantity]:
    """`find_quantities(doc.text, lo, hi)`, parsed once per document and range. The list is
    shared: callers must not change it."""
    ranges: dict[tuple[int, int], list[Quantity]] = doc.memo("figures", dict)
    found = ranges.get((lo, hi))
    if found is None:
        found = ranges[(lo, hi)] = find_quantities(doc.text, lo, hi)
    return found

"""The figures of a range are parsed once per document and shared (checks/_figures.py)."""

from __future__ import annotations

from lintreport.checks._figures import figures_in
from lintreport.document.document import Document
from lintreport.text.quantities import find_quantities


def test_one_parse_per_document_and_range() -> None:
    text = "收到申请120件，办结110件。其中依申请公开95件。"
    doc = Document.from_text(text, "draft.txt")
    first = figures_in(doc, 0, 15)
    assert first == find_quantities(text, 0, 15)
    assert [q.text for q in first] == ["120件", "110件"]
    assert figures_in(doc, 0, 15) is first  # shared, not parsed again
    assert figures_in(doc, 0, 14) == find_quantities(text, 0, 14)  # another range: its own
    other = Document.from_text(text, "draft.txt")
    assert figures_in(other, 0, 15) is not first  # per document

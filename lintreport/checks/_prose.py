"""The number kinds read prose with hard-wrapped lines joined (text/reflow.py).

`prose_view(doc)` gives the document to run on and a function that moves a finding made on it
back to the original offsets. Both are computed once per document and shared by every rule that
asks (Document.memo); a report without wrapped lines is its own view and costs nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from ..document.document import Document
from ..model import Finding
from ..text.reflow import Reflowed, reflow


def _view(doc: Document) -> tuple[Document, Reflowed]:
    flowed = reflow(doc.text)
    if not flowed.changed:
        return doc, flowed
    view = Document.from_text(
        flowed.text, doc.path, year=doc.year_override, report_type=doc.type_override
    )
    return view, flowed


def prose_view(doc: Document) -> tuple[Document, Callable[[Iterable[Finding]], Iterator[Finding]]]:
    """(document to check, mapper of its findings back to `doc`)."""
    view, flowed = doc.memo("prose_reflow", lambda: _view(doc))

    def back(findings: Iterable[Finding]) -> Iterator[Finding]:
        for f in findings:
            if view is doc:
                yield f
            else:
                start, end = flowed.span(f.start, f.end)
                yield replace(f, start=start, end=end)

    return view, back

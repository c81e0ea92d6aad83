"""Read any supported input into a Document, dispatching on the file's extension.

Plain text and Markdown go through source.py; other formats (.docx) plug in here with a reader
of their own, so the runner never needs to know about file formats.
"""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .source import read_source

DEFAULT_EXTENSIONS: tuple[str, ...] = (".txt", ".md")


def load_document(
    path: Path,
    display: str | None = None,
    *,
    year: int | None = None,
    report_type: str | None = None,
) -> Document:
    """Read `path` into a Document or raise InputError with a one-line message."""
    source = read_source(path, display)
    return Document(source, year=year, report_type=report_type)

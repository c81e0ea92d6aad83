"""Read any supported input into a Document, dispatching on the file's extension.

Plain text and Markdown go through source.py; Word documents through docx_reader.py; web pages
(.html/.htm) through html_reader.py. Standard
input is read as bytes and dispatched on the name given with `--stdin-filename`, so it decodes
exactly as a file of that name would. The runner never needs to know about file formats.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .document import Document
from .docx_reader import read_docx
from .html_reader import read_html
from .source import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_TEXT_BYTES,
    Source,
    decode_bytes,
    read_bytes,
    read_source,
)

DEFAULT_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".docx", ".html", ".htm")
DOCX = ".docx"
HTML = (".html", ".htm")


def rewritable(name: str) -> bool:
    """Whether --fix can write this input back: text can, a Word document or a web page cannot
    (the checked text is not the file's text)."""
    return not name.lower().endswith((DOCX, *HTML))


def decode_input(data: bytes, name: str) -> Source:
    """Decode the bytes of an input called `name` (a path or a --stdin-filename)."""
    if name.lower().endswith(DOCX):
        return read_docx(data, name)
    if name.lower().endswith(HTML):
        return read_html(data, name)
    return decode_bytes(data, name)


def load_document(
    path: Path,
    display: str | None = None,
    *,
    year: int | None = None,
    report_type: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Read `path` into a Document or raise InputError with a one-line message.

    `max_bytes` overrides the size limit of the format (source.py DEFAULT_MAX_*).
    """
    name = display or str(path)
    if path.suffix.lower() == DOCX:
        source = decode_input(read_bytes(path, name, max_bytes or DEFAULT_MAX_BYTES), name)
    elif path.suffix.lower() in HTML:
        source = decode_input(read_bytes(path, name, max_bytes or DEFAULT_MAX_TEXT_BYTES), name)
    else:
        source = read_source(path, display, max_bytes or DEFAULT_MAX_TEXT_BYTES)
    return Document(source, year=year, report_type=report_type)


def max_input_bytes(name: str) -> int:
    """The size limit of an input called `name`: a .docx carries images, text does not."""
    return DEFAULT_MAX_BYTES if name.lower().endswith(DOCX) else DEFAULT_MAX_TEXT_BYTES


def load_bytes(
    data: bytes,
    name: str,
    *,
    year: int | None = None,
    report_type: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """A Document from bytes already read (standard input), named `name`."""
    limit = max_bytes or max_input_bytes(name)
    if len(data) > limit:
        raise InputError(name, f"输入过大（上限 {limit // (1024 * 1024)} MB）")
    return Document(decode_input(data, name), year=year, report_type=report_type)

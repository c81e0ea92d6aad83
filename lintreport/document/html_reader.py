"""Read a web page (.html/.htm) into a Source: the report's text as lines, its tables as cells.

Reports are published as web pages. A block element (paragraph, heading, list item, div) is a
line; white space inside it collapses as a browser shows it; `<br>` breaks the line. Each table
cell is a line of its own, as in a .docx, and the table is handed over with its cells' spans and
merges (`rowspan`/`colspan`) resolved. Scripts, styles and other non-text elements never become
text, and page chrome — navigation, breadcrumbs, share bars, site header and footer, marked as
such by their element or class — is left out: it is not the report.

Parsed with lxml's HTML parser (installed with python-docx), which accepts the broken markup
real sites serve.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .source import Source, decode_bytes
from .tables import GridBuilder, Table, join_adjacent

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "nav",
        "header",
        "footer",
        "aside",
        "iframe",
        "form",
        "button",
        "select",
        "option",
        "textarea",
        "svg",
        "canvas",
        "object",
        "embed",
        "map",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "caption",
        "hr",
        "body",
        "html",
    }
)
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|share|sidebar|toolbar|"
    r"topbar|site-?header|position|location|bdsharebuttonbox)(?:$|[\s_-])",
    re.IGNORECASE,
)
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.offset = 0  # offset of the line being written
        self.parts: list[str] = []
        self.tables: list[Table] = []

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)

    def end_line(self) -> tuple[str, int] | None:
        """Close the current line; returns its (text, start) or None when it was empty."""
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        self.parts = []
        if not text:
            return None
        start = self.offset
        self.lines.append(text)
        self.offset += len(text) + 1
        return text, start


def _is_chrome(element) -> bool:  # lxml element
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    return bool(names) and _CHROME.search(names) is not None


def _walk(element, out: _Writer) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if not tag or tag in _SKIP or _is_chrome(element):
        out.text(element.tail)  # a comment or a skipped element: its tail is still text
        return
    if tag == "table":
        out.end_line()
        _table(element, out)
        out.text(element.tail)
        return
    if tag == "br":
        out.end_line()
        out.text(element.tail)
        return
    block = tag in _BLOCK
    if block:
        out.end_line()
    out.text(element.text)
    for child in element:
        _walk(child, out)
    if block:
        out.end_line()
    out.text(element.tail)


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() else 1


def _table(element, out: _Writer) -> None:
    builder = GridBuilder()
    for row in element.iter("tr"):
        if _nearest_table(row) is not element:
            continue  # a row of a table nested in a cell belongs to that table
        cells = []
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            out.text(cell.text)
            for child in cell:
                if isinstance(child.tag, str) and child.tag.lower() == "table":
                    continue
                _walk_inline(child, out)
            line = out.end_line()
            text, start = line if line else ("", out.offset)
            cells.append(
                (
                    text,
                    start,
                    start + len(text),
                    _span(cell.get("rowspan")),
                    _span(cell.get("colspan")),
                )
            )
        if cells:
            builder.add_row(cells)
    table = builder.build()
    if table is not None:
        out.tables.append(table)


def _walk_inline(element, out: _Writer) -> None:
    """A cell's content on one line: a cell is one line, whatever blocks it holds."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag and tag not in _SKIP:
        out.text(element.text)
        for child in element:
            _walk_inline(child, out)
    out.text(element.tail)


def _nearest_table(row):  # lxml element
    node = row.getparent()
    while node is not None and not (isinstance(node.tag, str) and node.tag.lower() == "table"):
        node = node.getparent()
    return node


def read_html(data: bytes, path: str) -> Source:
    """Decode a web page into a Source, or raise InputError with a one-line message."""
    decoded = decode_bytes(data, path)  # encodings, binary and empty files as for text
    import lxml.html  # deferred: only web pages pay for lxml

    markup = re.sub(r"^\s*<\?xml[^>]*>", "", decoded.text)  # lxml refuses str with a declaration
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError, ValueError… for what is not a page
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"无法解析网页文件（{reason}）") from None
    out = _Writer()
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.end_line()
    text = "\n".join(out.lines)
    if not text.strip():
        raise InputError(path, "网页中没有可检查的正文")
    return Source(
        path=path,
        text=text,
        encoding=decoded.encoding,
        bom=decoded.bom,
        line_endings=tuple(["\n"] * (len(out.lines) - 1) + [""]),
        tables=tuple(join_adjacent(out.tables, text)),
    )

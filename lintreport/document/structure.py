"""Recognise the structure of a report: title block, addressee, headings, sections, closing date.

Reports follow GB/T 9704-2012 §7.3.3: heading levels `一、` > `（一）` > `1.` > `（1）`, plus
Markdown `#` headings in .md drafts. Real drafts deviate (half-width brackets, `1、`, a lost
numeral as in `、下步工作安排`), so every heading records the style it was written in and the
checks decide what is wrong. Web-page chrome and document-sharing copies (recognised by
`webcopy.py`) are handled here so that chrome is never mistaken for a heading or a title.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from ..record import Frozen, record
from ..text.carried import Carried
from ..text.numerals import cn_to_int
from .lines import Line
from .titleblock import ClosingDate, find_closing_date, find_title_block
from .webcopy import (
    PAGE_MARKER,
    SHARING_SITE,
    RunIn,
    flattened_headings,
    is_chrome,
    run_in_sections,
)

_WS = r"[\p{Zs}\t]*"
CN_DIGITS = "零〇一二三四五六七八九十百两"

# One alternation per style; the named group tells which matched. Order matters: bracketed forms
# before bare ones.
_HEADING = Carried(
    rf"^(?P<indent>{_WS})(?:"
    rf"(?P<l2>(?P<l2o>[（(])(?P<l2n>[{CN_DIGITS}]{{1,3}})(?P<l2c>[）)]))"
    rf"|(?P<l4>(?P<l4o>[（(])(?P<l4n>\d{{1,2}})(?P<l4c>[）)]))"
    rf"|(?P<l1>(?P<l1n>[{CN_DIGITS}]{{1,3}})(?P<l1p>[、．.]))"
    rf"|(?P<l3>(?P<l3n>\d{{1,2}})(?P<l3p>[.．、])(?!\d))"
    rf"|(?P<lost>、)(?=\p{{Han}})"
    rf")"
)
_MARKDOWN = regex.compile(r"^(?P<hashes>#{1,6})[ \t]+")

_SENTENCE_END = "。！？!?；;：:"

STANDARD_STYLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@record(frozen=True, slots=True)
class Heading:
    """One heading line. Offsets are into the document text."""

    line: int  # 1-based
    level: int | None  # GB/T level 1-4; None for a lost numeral or a plain Markdown heading
    number: int | None  # value of the numeral; None when lost
    style: (
        str  # the numeral as written with a placeholder digit, e.g. "（一）", "(一)", "1、", "、"
    )
    numeral_start: int
    numeral_end: int
    title_start: int
    title_end: int
    title: str
    run_in: bool  # body text follows the title on the same line
    markdown_level: int | None = None

    @property
    def standard(self) -> bool:
        return self.level is not None and STANDARD_STYLE.get(self.level) == self.style


class Paragraph(Frozen):
    """Consecutive lines that form one paragraph (a heading is always its own paragraph)."""

    __slots__ = ("first_line", "last_line", "start", "end")  # noqa: RUF023 (in __init__'s order)
    first_line: int
    last_line: int
    start: int
    end: int

    def __init__(self, first_line: int, last_line: int, start: int, end: int) -> None:
        object.__setattr__(self, "first_line", first_line)
        object.__setattr__(self, "last_line", last_line)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


@record(frozen=True, slots=True)
class Structure:
    """Everything recognised about a document's layout, computed once."""

    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    chrome_lines: frozenset[int]
    page_marker_lines: frozenset[int]
    title: Line | None
    title_text: str | None
    addressee: Line | None
    doc_number: Line | None
    closing_date: ClosingDate | None
    body_start_line: int  # first line after the title block and addressee
    # Exact offsets of the title text (it may sit after a page marker in a doc-sharing copy).
    title_span: tuple[int, int] | None = None
    sharing_copy: bool = False  # text copied from a document-sharing site (page markers, reflow)

    def sections(self) -> tuple[Heading, ...]:
        """Level-1 headings: the sections of the report."""
        return tuple(h for h in self.headings if h.level == 1)


def _style(m: regex.Match[str], kind: str) -> str:
    if kind == "l1":
        return "一" + m.group("l1p")
    if kind == "l2":
        return m.group("l2o") + "一" + m.group("l2c")
    if kind == "l3":
        return "1" + m.group("l3p")
    if kind == "l4":
        return m.group("l4o") + "1" + m.group("l4c")
    return "、"


def parse_heading(
    line: Line, offset_in_line: int = 0, markdown_level: int | None = None
) -> Heading | None:
    """Recognise a numbered heading at the start of `line.text[offset_in_line:]`."""
    text = line.text[offset_in_line:]
    m = _HEADING().match(text)
    if m is None:
        return None
    kind = next(k for k in ("l2", "l4", "l1", "l3", "lost") if m.group(k) is not None)
    if kind == "lost":
        level, number = None, None
        num_start, num_end = m.start("lost"), m.end("lost")
    else:
        level = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}[kind]
        raw = m.group(kind + "n")
        number = int(raw) if raw.isdigit() else cn_to_int(raw)
        if number is None:
            return None
        num_start, num_end = m.start(kind), m.end(kind)
    rest = text[num_end:]
    body = rest.lstrip()
    if not body:
        return None  # a bare numeral is not a heading
    # "（一）、标题" is a heading with a stray mark (a punctuation rule reports it);
    # "一、，" is noise.
    if body[0] in "，,。.、：:；;)）" and not (kind in ("l2", "l4") and body[0] in "、.．：:，,"):
        return None
    title_offset = num_end + (len(rest) - len(body))
    stop = body.find("。")
    title = body if stop < 0 else body[:stop]
    title = title.rstrip()
    run_in = stop >= 0 and bool(body[stop + 1 :].strip())
    base = line.start + offset_in_line
    return Heading(
        line=line.number,
        level=level,
        number=number,
        style=_style(m, kind),
        numeral_start=base + num_start,
        numeral_end=base + num_end,
        title_start=base + title_offset,
        title_end=base + title_offset + len(title),
        title=title,
        run_in=run_in,
        markdown_level=markdown_level,
    )


def _markdown_heading(line: Line) -> Heading | None:
    m = _MARKDOWN.match(line.text)
    if m is None:
        return None
    md_level = len(m.group("hashes"))
    numbered = parse_heading(line, m.end(), markdown_level=md_level)
    if numbered is not None:
        return numbered
    title = line.text[m.end() :].rstrip().rstrip("#").rstrip()
    start = line.start + m.end()
    return Heading(
        line=line.number,
        level=None,
        number=None,
        style="#",
        numeral_start=line.start + m.start("hashes"),
        numeral_end=line.start + m.end("hashes"),
        title_start=start,
        title_end=start + len(title),
        title=title,
        run_in=False,
        markdown_level=md_level,
    )


def _styled_heading(line: Line, level: int) -> Heading | None:
    """A heading known only from its file's markup (a Word heading style): no numeral in the text.

    Word's automatic numbering is not part of the text, so `number` is None and `style` is
    "word"; numbering checks must not treat it as a lost numeral.
    """
    title = line.text.strip()
    if not title:
        return None
    start = line.start + line.text.find(title)
    stop = title.find("。")
    shown = title if stop < 0 else title[:stop]
    return Heading(
        line=line.number,
        level=level,
        number=None,
        style="word",
        numeral_start=start,
        numeral_end=start,
        title_start=start,
        title_end=start + len(shown),
        title=shown,
        run_in=stop >= 0 and bool(title[stop + 1 :].strip()),
    )


def _run_in_sections(line: Line, found: list[RunIn] | None = None) -> list[Heading]:
    return [
        Heading(
            line=line.number,
            level=r.level,
            number=r.number,
            style=STANDARD_STYLE[r.level] if r.level == 1 else "（一）",
            numeral_start=line.start + r.numeral_start,
            numeral_end=line.start + r.numeral_end,
            title_start=line.start + r.title_start,
            title_end=line.start + r.title_end,
            title=r.title,
            run_in=True,
        )
        for r in (run_in_sections(line.text) if found is None else found)
    ]


def _lost_numeral_plausible(lines: list[Line], line: Line, heading: Heading) -> bool:
    """`、下步工作安排` is a heading that lost its numeral; `、规范性文件…` in hard-wrapped text
    is the rest of an enumeration. A heading is short, on its own, after a finished sentence."""
    if heading.run_in or len(heading.title) > 30 or "，" in heading.title:
        return False
    previous = next(
        (ln.text.strip() for ln in reversed(lines[: line.number - 1]) if ln.text.strip()), ""
    )
    standalone_heading = _HEADING().match(previous) is not None and "。" not in previous
    return not previous or previous[-1] in "。！？!?；;：:”" or standalone_heading


def analyse(
    lines: list[Line], *, markdown: bool = False, style_levels: Mapping[int, int] | None = None
) -> Structure:
    """Build the Structure of a document from its lines.

    `style_levels` maps line numbers to heading levels declared by the file's markup (Word
    heading styles); a numeral in the text still wins, since checks report on what is written.
    """
    style_levels = style_levels or {}
    head_limit = min(len(lines), 15)
    tail_start = max(head_limit, len(lines) - 10)
    chrome = frozenset(
        ln.number
        for ln in (*lines[:head_limit], *lines[tail_start:])
        if is_chrome(ln.text, at_foot=ln.number > head_limit)
    )
    head_text = "\n".join(ln.text for ln in lines[:5])
    sharing = bool(SHARING_SITE().search(head_text))
    page_markers = (
        frozenset(ln.number for ln in lines if sharing and PAGE_MARKER().match(ln.text))
        if sharing
        else frozenset()
    )

    block = find_title_block(
        lines,
        chrome=chrome,
        limit=head_limit,
        page_markers=page_markers,
        markdown=markdown,
        is_heading=lambda text: _HEADING().match(text) is not None,
    )
    title, title_text, doc_number = block.title, block.title_text, block.doc_number

    headings: list[Heading] = []
    for ln in lines:
        if ln.number in page_markers and ln.number not in chrome:
            headings.extend(_run_in_sections(ln))
            continue
        if ln.number in chrome or (title and ln.number == title.number):
            continue
        if doc_number is not None and ln.number == doc_number.number:
            continue
        flat = flattened_headings(ln.text)
        if flat:
            headings.extend(_run_in_sections(ln, flat))
            continue
        h = _markdown_heading(ln) if markdown else None
        if h is None:
            h = parse_heading(ln)
            if h is not None and h.style == "、" and not _lost_numeral_plausible(lines, ln, h):
                h = None
        if h is None and ln.number in style_levels:
            h = _styled_heading(ln, style_levels[ln.number])
        if h is not None:
            headings.append(h)

    heading_lines = {h.line for h in headings}
    paragraphs: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            paragraphs.append(
                Paragraph(current[0].number, current[-1].number, current[0].start, current[-1].end)
            )
            current.clear()

    for ln in lines:
        text = ln.text
        if not text.strip():
            flush()
            continue
        starts_new = (
            not current
            or ln.number in heading_lines
            or current[-1].number in heading_lines
            or text[:1].isspace()
            or current[-1].text.rstrip()[-1:] in _SENTENCE_END + "”’"
        )
        if starts_new:
            flush()
        current.append(ln)
    flush()

    return Structure(
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        chrome_lines=chrome,
        page_marker_lines=page_markers,
        title=title,
        title_text=title_text,
        addressee=block.addressee,
        doc_number=doc_number,
        closing_date=find_closing_date(lines),
        body_start_line=block.body_start,
        title_span=block.title_span,
        sharing_copy=sharing,
    )

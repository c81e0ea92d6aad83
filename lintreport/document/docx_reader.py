"""Read a Word .docx into a Source: one line per paragraph, headings from Word styles.

Every paragraph of the body becomes one line, in document order, table cells included (each
paragraph of a cell is a line of its own), so a position's line is the paragraph number and its
column the code point within that paragraph. Empty paragraphs stay as empty lines: they separate
paragraphs exactly as blank lines do in a .txt draft. Soft line breaks (Shift+Enter) and page
breaks inside a paragraph are dropped, since a line is a paragraph; tabs stay "\\t". Tracked
deletions are not text; tracked insertions are. Text boxes are skipped (they have no place in the
paragraph sequence), and so are headers, footers, footnotes and comments: they are not the report.
Automatic numbering is not text either, so columns count what the paragraph itself holds.

Headings written with Word's heading styles (Heading 1 / 标题 1 …, or any style or paragraph with
an outline level), or numbered by Word's automatic numbering in a GB/T 9704 shape (一、, （一）,
1., （1）), are passed on as `Source.heading_levels`, so that structure analysis recognises them
although automatic numbering is not part of the paragraph's text.

A .docx is a ZIP file: the declared uncompressed size of its members is checked in the central
directory before anything is decompressed, so an honest zip bomb is refused without being
expanded; members are then inflated in bounded chunks against the same cap whatever they
declare (see _check_zip), so one that under-declares its size is refused too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache

from ..errors import InputError
from ..record import record
from .source import Source
from .tables import GridBuilder, Table, join_adjacent

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # a long report is a few MB unzipped, images included
MAX_MEMBERS = 10_000
MAX_PARAGRAPHS = 100_000  # as source.MAX_LINES: stop reading before building the rest
_GB_LEVELS = 4  # GB/T 9704 has four heading levels; deeper Word headings are body text to us

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _R = (
    f"{{{_W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "r")
)
_CUSTOM_XML = f"{{{_W}}}customXml"
# Run containers whose text is not part of the paragraph as the reader sees it.
_NOT_TEXT = frozenset(
    f"{{{_W}}}{t}" for t in ("del", "moveFrom", "txbxContent", "pict", "drawing", "object")
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_MARKED = re.compile(r"%\d[、.．]")  # numbering text of 一、 and 1.
_BRACKETED = re.compile(r"[（(]%\d[）)]")  # numbering text of （一） and （1）


@cache
def _xp(expression: str):  # -> lxml.etree.XPath
    """A compiled XPath with the "w:" prefix bound.

    python-docx gives only its own element classes an xpath() that knows the prefix; numbering
    elements are plain lxml elements. lxml is imported here so that text inputs never pay for it.
    """
    from lxml import etree

    return etree.XPath(expression, namespaces={"w": _W})


def _check_zip(data: bytes, path: str) -> bytes:
    """Refuse what is not a Word document or would inflate too far; return the same members in
    a ZIP whose sizes are true, inflated here in bounded chunks.

    The declared sizes are checked first (a cheap refusal of an honest bomb). They may lie: a
    member that declares 1 KB but inflates to 2 GB is inflated by `ZipExtFile.read()` in one
    call before being cut to the declared size. So every member is streamed 64 KB at a time
    against the cap, whatever it declares, and python-docx reads the result.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            path, "这是旧版 Word（.doc）文件或加密的 .docx，请在 Word 中另存为未加密的 .docx"
        )
    import zipfile  # only .docx inputs read an archive

    too_big = InputError(
        path,
        f".docx 解压后过大（超过 {MAX_UNCOMPRESSED // (1024 * 1024)} MB），"
        "可能是压缩炸弹，拒绝读取",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError(path, f".docx 内含文件过多（{len(members)} 个），拒绝读取")
            if sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
                raise too_big
            if "word/document.xml" not in {m.filename for m in members}:
                raise InputError(path, "不是 Word 文档（压缩包中没有 word/document.xml）")
            out = io.BytesIO()
            total = 0
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
                for m in members:
                    if m.is_dir():
                        continue
                    with (
                        archive.open(m) as src,
                        clean.open(m.filename, "w", force_zip64=True) as dst,
                    ):
                        while chunk := src.read(1 << 16):
                            total += len(chunk)
                            if total > MAX_UNCOMPRESSED:
                                raise too_big
                            dst.write(chunk)
            return out.getvalue()
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
            reason = "压缩包内文件与其声明的大小或校验值不符"
        else:
            reason = "不是 ZIP 压缩包"
        raise InputError(path, f"不是有效的 .docx 文件（{reason}），文件可能已损坏") from None
    except (NotImplementedError, RuntimeError):  # an unsupported compression or encryption
        raise InputError(path, "无法解压 .docx（加密或不支持的压缩方式）") from None


def _blocks(container) -> Iterator:  # lxml elements, or _TableMark between them
    """Paragraphs of a body or cell in document order, descending into tables and controls;
    tables are announced by marks so the reader can record their cells."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            yield _TableMark("table")
            for row in child.iterchildren(_TR):
                yield _TableMark("row")
                for cell in row.iterchildren(_TC):
                    yield _TableMark("cell", cell)
                    yield from _blocks(cell)
                    yield _TableMark("end-cell")
            yield _TableMark("end-table")
        elif tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                yield from _blocks(content)


@record(slots=True)
class _TableMark:
    what: str
    cell: object = None


class _TableRecorder:
    """Turns the marks of `_blocks` into `Table`s with the offsets of each cell's paragraphs.

    Merges follow Word's markup: `w:gridSpan` widens a cell, `w:vMerge` without `restart`
    continues the cell above (its own empty paragraph is not the cell's text).
    """

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self._stack: list[GridBuilder] = []
        self._cell: tuple[object, int] | None = None
        self._row: list[tuple[str, int, int, int, int]] = []
        self._continues: list[int] = []
        self._lines: list[tuple[str, int]] = []  # (text, start offset) of the cell's paragraphs

    def mark(self, mark: _TableMark, offset: int) -> None:
        if mark.what == "table":
            self._stack.append(GridBuilder())
        elif mark.what == "end-table" and self._stack:
            if len(self._stack) == 1:
                self._flush_row()
                table = self._stack[0].build()
                if table is not None:
                    self.tables.append(table)
            self._stack.pop()
        elif len(self._stack) != 1:  # outside tables, or inside a table nested in a cell
            return
        elif mark.what == "row":
            self._flush_row()
        elif mark.what == "cell":
            self._cell = (mark.cell, offset)
            self._lines = []
        elif mark.what == "end-cell" and self._cell is not None:
            tc, _ = self._cell
            span = _xp("string(./w:tcPr/w:gridSpan/@w:val)")(tc)
            vmerge = _xp("./w:tcPr/w:vMerge")(tc)
            colspan = int(span) if span.isdigit() else 1
            text = "".join(t for t, _ in self._lines).strip()
            if self._lines:
                first_text, first = self._lines[0]
                last_text, last = self._lines[-1]
                lead = len(first_text) - len(first_text.lstrip())
                start, end = first + lead, last + len(last_text.rstrip())
            else:
                start = end = offset
            col = sum(c[4] for c in self._row)
            if vmerge and vmerge[0].get(f"{{{_W}}}val") in (None, "continue"):
                self._continues.append(col)
            self._row.append((text, start, max(start, end), 1, colspan))
            self._cell = None

    def paragraph(self, text: str, offset: int) -> None:
        if self._stack and self._cell is not None and len(self._stack) == 1:
            self._lines.append((text, offset))

    def _flush_row(self) -> None:
        if self._stack and (self._row or self._continues):
            builder = self._stack[-1]
            builder.add_row(self._row)
            for col in self._continues:
                builder.continue_above(col)
        self._row, self._continues = [], []


def body_paragraphs(body) -> Iterator:  # lxml elements
    """The paragraphs that are the lines of the text, in order (the annotated copy needs them)."""
    return (p for p in _blocks(body) if not isinstance(p, _TableMark))


def text_runs(p) -> Iterator:  # lxml elements
    """The runs whose text is the paragraph's text, in order: what a writer must map back to."""
    for run in p.iter(_R):
        node = run.getparent()
        while node is not None and node is not p and node.tag not in _NOT_TEXT:
            node = node.getparent()
        if node is p:  # not inside a deletion, a text box or a nested paragraph
            yield run


def _paragraph_text(p) -> str:
    # python-docx maps w:t, w:tab, w:br, w:noBreakHyphen … of each run to text
    return "".join(run.text for run in text_runs(p)).replace("\r", "").replace("\n", "")


def _outline_level(element) -> int | None:
    """Word's outline level (0-based; 9 is body text) declared in a pPr, if any."""
    if element is None:
        return None
    values = _xp("./w:pPr/w:outlineLvl/@w:val")(element)
    if not values:
        return None
    try:
        level = int(values[0])
    except ValueError:
        return None
    return level + 1 if level < 9 else 0


def _style_level(style) -> int | None:
    """Heading level of a paragraph style, following its basedOn chain (0 = not a heading)."""
    for s in _style_chain(style):
        m = _HEADING_NAME.match((s.name or "").strip())
        if m:
            return int(m.group(1))
        level = _outline_level(s.element)
        if level is not None:
            return level
    return None


def _gb_level(fmt: str, text: str) -> int | None:
    """GB/T 9704 level of an automatic numbering format: 一、 > （一） > 1. > （1）."""
    chinese = fmt.startswith(("chinese", "ideograph"))
    decimal = fmt.startswith("decimal")
    bracketed = _BRACKETED.fullmatch(text.strip()) is not None
    if chinese and _MARKED.fullmatch(text.strip()):
        return 1
    if chinese and bracketed:
        return 2
    if decimal and _MARKED.fullmatch(text.strip()):
        return 3
    if decimal and bracketed:
        return 4
    return None


def _numbering_levels(document) -> dict[tuple[str, str], int]:
    """(numId, ilvl) -> GB/T level, for Word's automatic numbering that looks like headings."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    formats: dict[str, dict[str, tuple[str, str]]] = {}
    for abstract in _xp("./w:abstractNum")(root):
        levels = formats.setdefault(abstract.get(f"{{{_W}}}abstractNumId"), {})
        for lvl in _xp("./w:lvl")(abstract):
            fmt = _xp("string(./w:numFmt/@w:val)")(lvl)
            text = _xp("string(./w:lvlText/@w:val)")(lvl)
            levels[lvl.get(f"{{{_W}}}ilvl")] = (fmt, text)
    out: dict[tuple[str, str], int] = {}
    for num in _xp("./w:num")(root):
        abstract_id = _xp("string(./w:abstractNumId/@w:val)")(num)
        for ilvl, (fmt, text) in formats.get(abstract_id, {}).items():
            level = _gb_level(fmt, text)
            if level is not None:
                out[(num.get(f"{{{_W}}}numId"), ilvl)] = level
    return out


def _num_ref(p, style) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph's numbering, its own or its style's."""
    for element in (p, *(s.element for s in _style_chain(style))):
        num_id = _xp("string(./w:pPr/w:numPr/w:numId/@w:val)")(element)
        if num_id:
            ilvl = _xp("string(./w:pPr/w:numPr/w:ilvl/@w:val)")(element) or "0"
            return (num_id, ilvl) if num_id != "0" else None
    return None


def _style_chain(style) -> Iterator:
    for _ in range(10):  # basedOn chains are short; a cycle must not hang us
        if style is None:
            return
        yield style
        style = style.base_style


def read_docx(data: bytes, path: str) -> Source:
    """Decode the bytes of a .docx into a Source, or raise InputError with a one-line message."""
    data = _check_zip(data, path)
    import docx  # deferred: only .docx inputs pay for importing python-docx and lxml
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines: list[str] = []
        levels: dict[int, int] = {}
        style_cache: dict[str | None, int | None] = {}
        styles: dict[str | None, object] = {}
        numbering = _numbering_levels(document)
        recorder = _TableRecorder()
        offset = 0
        number = 0
        for p in _blocks(body):
            if isinstance(p, _TableMark):
                recorder.mark(p, offset)
                continue
            number += 1
            if number > MAX_PARAGRAPHS:
                raise InputError(path, f"段落过多（超过 {MAX_PARAGRAPHS} 段），不像报告，未检查")
            text = _paragraph_text(p)
            lines.append(text)
            recorder.paragraph(text, offset)
            offset += len(text) + 1
            if not text.strip():
                continue
            level = _outline_level(p)
            style_id = p.style
            if style_id not in styles:  # a style lookup scans every style: once per style
                styles[style_id] = Paragraph(p, document).style
            if level is None:
                if style_id not in style_cache:
                    style_cache[style_id] = _style_level(styles[style_id])
                level = style_cache[style_id]
            if not level:
                level = numbering.get(_num_ref(p, styles[style_id]))
            if level and level <= _GB_LEVELS:
                levels[number] = level
    except InputError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many types for a damaged file
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"无法解析 .docx 文件（{reason}），文件可能已损坏") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "文件为空，没有可检查的内容")
    return Source(
        path=path,
        text=text,
        encoding="docx",
        bom=False,
        line_endings=tuple(["\n"] * (len(lines) - 1) + [""]),
        heading_levels=levels,
        tables=tuple(join_adjacent(recorder.tables, text)),
    )

"""Comments and tracked changes placed at code-point offsets of the document text.

Offsets are those of `Document.text` for the .docx as the reader read it: paragraph i (in
`body_paragraphs` order, table cells included) is line i, lines joined by "\\n". Each paragraph
is split once at every offset any comment or change needs there; then a change wraps the runs of
its span in w:del and puts a run with the new text, formatted as the first deleted run, in a w:ins
after them; a comment puts w:commentRangeStart before the first run of its span, and
w:commentRangeEnd plus the reference run after the last one. A span that ends at the end of a
paragraph (or a point after its last character) is closed at the end of the paragraph.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ...document.docx_reader import body_paragraphs
from .runs import Element, Piece, split_at

AUTHOR = "lintreport"
INITIALS = "LR"
_RPR = qn("w:rPr")
_ID = qn("w:id")
_AUTHOR, _DATE, _INITIALS, _VAL = (qn(f"w:{a}") for a in ("author", "date", "initials", "val"))
_COMMENT, _P, _PPR, _PSTYLE, _R, _RSTYLE, _T, _ANNOTATION_REF = (
    qn(f"w:{t}") for t in ("comment", "p", "pPr", "pStyle", "r", "rStyle", "t", "annotationRef")
)
_T_TAGS = {qn("w:t"): "w:delText", qn("w:instrText"): "w:delInstrText"}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Note:
    """A comment on the text [start, end) (document offsets); `text` has one paragraph a line."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Edit:
    """A tracked replacement of [start, end), which lies within one paragraph."""

    start: int
    end: int
    replacement: str


class _Paragraphs:
    """The paragraphs of a document body, their runs split where markup must go."""

    def __init__(self, body: Element, lengths: Sequence[int]) -> None:
        self.elements = list(body_paragraphs(body))
        if len(self.elements) != len(lengths):  # the reader and this walk disagree: a bug
            raise ValueError("段落数与读取时不一致")
        self.starts = [0]
        for n in lengths[:-1]:
            self.starts.append(self.starts[-1] + n + 1)
        self.pieces: dict[int, list[Piece]] = {}
        self.outer: dict[int, Element] = {}  # id(run) -> the w:del now wrapping it

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index]

    def split(self, cuts: dict[int, set[int]]) -> None:
        for index, offsets in cuts.items():
            self.pieces[index] = split_at(self.elements[index], offsets)

    def anchor(self, index: int, offset: int) -> Element | None:
        """The node a marker at `offset` goes before; None: the end of the paragraph."""
        for piece in self.pieces.get(index, ()):
            if piece.start >= offset and piece.end > piece.start:
                return self.outer.get(id(piece.run), piece.run)
        return None

    def put(self, index: int, offset: int, marker: Element) -> None:
        node = self.anchor(index, offset)
        if node is None:
            self.elements[index].append(marker)
        else:
            node.addprevious(marker)


def _revision(tag: str, rev_id: int, when: str) -> Element:
    return OxmlElement(tag, {_ID: str(rev_id), qn("w:author"): AUTHOR, qn("w:date"): when})


def _delete_run(run: Element) -> None:
    """Turn the text of a run inside w:del into deleted text, as Word writes it."""
    for child in list(run):
        tag = _T_TAGS.get(child.tag)
        if tag is None:
            continue
        deleted = OxmlElement(tag)
        deleted.text = child.text
        deleted.set(_SPACE, "preserve")
        child.addprevious(deleted)
        run.remove(child)


def _new_run(text: str, like: Element | None) -> Element:
    run = OxmlElement("w:r")
    rpr = like.find(_RPR) if like is not None else None
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    run.text = text  # python-docx writes tabs as w:tab and keeps spaces
    return run


def _track(doc: _Paragraphs, edit: Edit, next_id: int, when: str) -> int:
    index, a = doc.locate(edit.start)
    b = a + (edit.end - edit.start)
    inside = [p for p in doc.pieces.get(index, ()) if a <= p.start < p.end <= b]
    last = None
    for piece in inside:
        wrapper = _revision("w:del", next_id, when)
        next_id += 1
        piece.run.addprevious(wrapper)
        wrapper.append(piece.run)
        _delete_run(piece.run)
        doc.outer[id(piece.run)] = wrapper
        last = wrapper
    if edit.replacement:
        like = inside[0].run if inside else _neighbour(doc, index, a)
        insertion = _revision("w:ins", next_id, when)
        next_id += 1
        insertion.append(_new_run(edit.replacement, like))
        if last is not None:
            last.addnext(insertion)
        else:
            doc.put(index, a, insertion)
    return next_id


def _neighbour(doc: _Paragraphs, index: int, offset: int) -> Element | None:
    """The run whose formatting an insertion at a point takes: the one before it, else after."""
    runs = [p.run for p in doc.pieces.get(index, ()) if p.end > p.start]
    before = [p.run for p in doc.pieces.get(index, ()) if p.end > p.start and p.end <= offset]
    return before[-1] if before else (runs[0] if runs else None)


def _comment_markers(doc: _Paragraphs, note: Note, comment_id: int) -> None:
    value = {_ID: str(comment_id)}
    start = OxmlElement("w:commentRangeStart", value)
    end = OxmlElement("w:commentRangeEnd", value)
    reference = OxmlElement("w:r")
    reference.append(OxmlElement("w:rPr"))
    reference[0].append(OxmlElement("w:rStyle", {qn("w:val"): "CommentReference"}))
    reference.append(OxmlElement("w:commentReference", value))
    doc.put(*doc.locate(note.start), start)
    doc.put(*doc.locate(note.end), end)
    end.addnext(reference)


def _add_comments(document, texts: Sequence[str], stamp: str) -> list[int]:
    """Append one comment per text to the comments part (made if missing); returns their ids.

    Built with lxml directly: python-docx's add_comment rescans every comment for a free id and
    goes through its element classes, which costs ~2 ms a comment, a second for a long report.
    """
    document.comments  # noqa: B018  (creates the comments part when the document has none)
    root = document.part.part_related_by(RT.COMMENTS).element
    first = max((int(i) for i in root.xpath("./w:comment/@w:id") if i.isdigit()), default=-1) + 1
    sub = etree.SubElement
    ids = []
    for number, text in enumerate(texts, start=first):
        comment = sub(root, _COMMENT, {_ID: str(number), _AUTHOR: AUTHOR, _DATE: stamp})
        comment.set(_INITIALS, INITIALS)
        for i, line in enumerate(text.split("\n")):
            paragraph = sub(comment, _P)
            sub(sub(paragraph, _PPR), _PSTYLE, {_VAL: "CommentText"})
            if i == 0:  # Word's own comments start with the mark that ties them to the text
                run = sub(paragraph, _R)
                sub(sub(run, _RPR), _RSTYLE, {_VAL: "CommentReference"})
                sub(run, _ANNOTATION_REF)
            t = sub(sub(paragraph, _R), _T)
            t.text = line
            t.set(_SPACE, "preserve")
        ids.append(number)
    return ids


def _max_id(root: Element) -> int:
    found = [int(v) for v in root.xpath("//@w:id") if v.isdigit()]
    return max(found, default=0)


def mark_up(
    document, lines: Sequence[str], notes: Sequence[Note], edits: Sequence[Edit], when: datetime
) -> None:
    """Add `notes` as comments and `edits` as tracked changes to a python-docx Document.

    `lines` are the paragraph texts the offsets refer to (the document text split at "\\n").
    """
    body = document.element.body
    doc = _Paragraphs(body, [len(line) for line in lines])
    cuts: dict[int, set[int]] = {}
    for start, end in [(n.start, n.end) for n in notes] + [(e.start, e.end) for e in edits]:
        for offset in (start, end):
            index, at = doc.locate(offset)
            cuts.setdefault(index, set()).add(at)
    doc.split(cuts)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    placed = sorted(notes, key=lambda n: (n.start, n.end))
    ids = _add_comments(document, [n.text for n in placed], stamp)
    # Word wants the ids of comments and revisions distinct from one another.
    next_id = max(_max_id(document.element), *ids, 0) + 1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        next_id = _track(doc, edit, next_id, stamp)
    for note, comment_id in zip(placed, ids, strict=True):
        _comment_markers(doc, note, comment_id)

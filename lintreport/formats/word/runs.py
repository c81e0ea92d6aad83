"""Code-point offsets of a paragraph's text mapped back to its runs, and runs split there.

The text of a paragraph is what `document.docx_reader` makes of it: the runs `text_runs` yields,
each contributing python-docx's text of its w:t, w:tab, w:br, w:cr, w:noBreakHyphen and w:ptab
children with line breaks dropped. This module walks exactly the same elements, so an offset the
runner reports lands on the character the reader read, inside hyperlinks, fields, content
controls and earlier tracked insertions alike. A run is split by copying it (its w:rPr, hence
font, size, bold and colour, goes with both halves) and moving the children after the offset to
the copy.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...document.docx_reader import text_runs

Element = Any  # an lxml element of python-docx's oxml classes

# What python-docx's CT_R.text joins, in the same order (document order of these children).
_TEXT_XPATH = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"
_TEXT_TAGS = frozenset(qn(t) for t in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab"))
_RPR = qn("w:rPr")
_T = qn("w:t")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def piece_text(element: Element) -> str:
    """The text the reader takes from one run child: line breaks are not text to it."""
    return str(element).replace("\r", "").replace("\n", "")


def run_text(run: Element) -> str:
    return "".join(piece_text(e) for e in run.xpath(_TEXT_XPATH))


@dataclass
class Piece:
    """A run of a paragraph and the code points [start, end) of the paragraph text it holds."""

    run: Element
    start: int
    end: int


def pieces(p: Element) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for run in text_runs(p):
        n = len(run_text(run))
        out.append(Piece(run, pos, pos + n))
        pos += n
    return out


def _split_t(t: Element, at: int) -> Element:
    """Cut a w:t after `at` code points of the text the reader sees; returns the new right half."""
    raw = t.text or ""
    seen = 0
    cut = len(raw)
    for i, ch in enumerate(raw):
        if seen == at:
            cut = i
            break
        if ch not in "\r\n":
            seen += 1
    right = OxmlElement("w:t")
    right.text = raw[cut:]
    t.text = raw[:cut]
    # Both halves may now start or end with a space that Word would otherwise drop.
    t.set(_SPACE, "preserve")
    right.set(_SPACE, "preserve")
    return right


def split_run(run: Element, at: int) -> Element:
    """Split `run` after `at` code points of its text; returns the new run holding the rest."""
    right = OxmlElement("w:r")
    for name, value in run.attrib.items():
        right.set(name, value)
    moving = False
    pos = 0
    for child in list(run):
        if child.tag == _RPR:
            right.append(copy.deepcopy(child))
            continue
        if moving:
            right.append(child)
            continue
        if child.tag not in _TEXT_TAGS:
            continue  # a field character, drawing or mark before the cut stays on the left
        n = len(piece_text(child))
        if pos + n <= at:
            pos += n
            continue
        moving = True
        if at == pos:
            right.append(child)
        else:  # only a w:t holds more than one code point
            right.append(_split_t(child, at - pos))
    run.addnext(right)
    return right


def split_at(p: Element, offsets: Iterable[int]) -> list[Piece]:
    """Split the runs of `p` so that every offset falls on a run boundary; returns the pieces."""
    cuts = sorted(set(offsets))
    out: list[Piece] = []
    i = 0
    for piece in pieces(p):
        while i < len(cuts) and cuts[i] <= piece.start:
            i += 1
        run, start = piece.run, piece.start
        while i < len(cuts) and cuts[i] < piece.end:
            right = split_run(run, cuts[i] - start)
            out.append(Piece(run, start, cuts[i]))
            run, start = right, cuts[i]
            i += 1
        out.append(Piece(run, start, piece.end))
    return out

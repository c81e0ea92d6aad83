"""Parse citations in running text: 《title》 spans, 发文字号, and title-number pairs.

A citation in a 公文 is the title in book-title marks followed by its document number in round
brackets: 《云南省人民政府办公厅关于…的实施意见》（云政办发〔2019〕67号） (GB/T 9704-2012
§7.2.5). Real drafts use every bracket kind around the year and half-width round
brackets around the number, so parsing is lenient and comparison works on normalised forms.
This module is grammar, not policy: rules decide what to report.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

import regex

from ..record import Frozen, record
from .carried import Carried

# Opening and closing marks of book titles; 〈〉 is the nested form, 《 inside 《 is tolerated.
_OPEN, _CLOSE = "《〈", "》〉"


# Compiled on first use (functools.cache: once per process), not at import: only documents citing
# 文号 or year ranges reach these.
# A 发文字号: issuer code, year in any bracket kind, optional 第, sequence number, 号.
@functools.cache
def doc_number() -> regex.Pattern[str]:
    return regex.compile(
        r"(?P<org>\p{Han}{1,12}?)\s*[〔【﹝\[［(（]\s*(?P<year>\d{2,4})\s*[〕】﹞\]］)）]"
        r"\s*第?\s*(?P<seq>\d{1,5})\s*号"
    )


# The number of a citation sits in round brackets right after the closing 》.
# (A note may follow the number inside the brackets: （云政办发〔2019〕67号，以下简称《意见》）.)
_NUMBER_AFTER_TITLE = Carried(r"\s*[(（]\s*(?P<number>[^()（）\n，,；;]{2,30}?号)\s*[)），,；;]")
# How far after 》 the bracketed number can end: 30 characters plus brackets and spacing.
_NUMBER_REACH = 128


@functools.cache
def _dashes() -> regex.Pattern[str]:
    return regex.compile(r"(?<=\d)\s*(?:年)?\s*[-－—\u2013~\uff5e一至]+\s*(?=\d)")


_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "［": "(", "］": ")"})
_SPACE = regex.compile(r"\s+")


class BookTitle(Frozen):
    """A 《…》 span: `start`/`end` include the marks; `title` is the text between them."""

    __slots__ = ("start", "end", "title")  # noqa: RUF023 (in __init__'s order)
    start: int
    end: int
    title: str

    def __init__(self, start: int, end: int, title: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "title", title)


@record(frozen=True, slots=True)
class Citation:
    """A title followed by its document number: 《title》（number）."""

    title: BookTitle
    number: str
    number_start: int
    number_end: int


def iter_book_titles(text: str, start: int = 0, end: int | None = None) -> Iterator[BookTitle]:
    """Outermost 《…》 spans in text[start:end], nesting-aware; an unclosed 《 ends at the line."""
    end = len(text) if end is None else end
    i = start
    while True:
        i = text.find("《", i, end)
        if i < 0:
            return
        depth, j = 0, i
        while j < end:
            ch = text[j]
            if ch == "\n":
                break
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth -= 1
                if depth == 0:
                    yield BookTitle(i, j + 1, text[i + 1 : j])
                    break
            j += 1
        i = j + 1 if j > i else i + 1


def iter_citations(text: str, start: int = 0, end: int | None = None) -> Iterator[Citation]:
    """Each 《title》 immediately followed by a bracketed 发文字号."""
    end = len(text) if end is None else end
    for book in iter_book_titles(text, start, end):
        # NOTE: bound endpos. With a required literal (号) after a variable-length prefix, the
        # regex module scans the whole rest of the text for it on every match() call: O(n) per
        # title, O(n^2) per document (4 MB report: 850 ms -> 25 ms for this loop).
        m = _NUMBER_AFTER_TITLE().match(text, book.end, min(end, book.end + _NUMBER_REACH))
        if m is None or not doc_number().fullmatch(m.group("number")):
            continue
        yield Citation(book, m.group("number"), m.start("number"), m.end("number"))


def normalize_number(number: str) -> str:
    """云政办发﹝2019﹞第067号 → 云政办发〔2019〕67号, so bracket and 第 slips compare equal.

    Those slips are punctuation/format defects of their own; a citation-consistency rule must not
    mistake them for two different documents.
    """
    m = doc_number().fullmatch(_SPACE.sub("", number))
    if m is None:
        return _SPACE.sub("", number)
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('seq'))}号"


def normalize_title(title: str, replacements: Mapping[str, str] | None = None) -> str:
    """Compare titles ignoring spaces, bracket width, dash kind and the pack's synonyms.

    `replacements` (e.g. 人民政府 → 政府) are applied longest first, after the mechanical steps.
    """
    out = _SPACE.sub("", title).translate(_BRACKETS)
    out = out.replace("〈", "").replace("〉", "").replace("《", "").replace("》", "")
    out = _dashes().sub("-", out)
    replacements = replacements or {}
    for old in sorted(replacements, key=len, reverse=True):
        out = out.replace(old, replacements[old])
    return out

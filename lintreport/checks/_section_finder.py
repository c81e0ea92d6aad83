"""Where the required sections of a report are: the locating half of `required_sections`."""

from __future__ import annotations

import regex

from ..document.document import Document
from ..document.structure import Heading
from ..record import record
from ..text.carried import Carried
from ._section_params import Form, Section
from .base import finditer

_CLOSING = Carried(r"^\s*(?:特此报告|专此报告)[。.]?\s*$")
# The issuing body's name above the closing date: short, no punctuation.
_SIGNATURE = regex.compile(r"^\s*[\p{Han}（）()]{2,30}\s*$")
_BOOK_TITLE = regex.compile(r"《[^《》\n]*》")


@record(frozen=True, slots=True)
class Found:
    """Where a section was found: a heading, or a form's match."""

    index: int  # canonical position
    start: int  # where the section starts (heading numeral or match start)
    span: tuple[int, int]  # what a finding about it underlines
    body_start: int  # where its text begins (after the heading title)
    heading: Heading | None
    form: Form | None


@record(frozen=True, slots=True)
class Compiled:
    section: Section
    forms: tuple[tuple[Form, tuple[regex.Pattern[str], ...]], ...]
    requires: tuple[regex.Pattern[str], ...]
    heading_patterns: tuple[regex.Pattern[str], ...] = ()


def section_headings(doc: Document) -> list[Heading]:
    """Headings that open a section: level 1, a lost numeral, or top-level Markdown headings."""
    headings = doc.structure.headings
    top = [h for h in headings if h.level == 1 or h.style == "、"]
    if top:
        return top
    plain = [h for h in headings if h.style == "#" and h.markdown_level is not None]
    if not plain:
        return []
    level = min(h.markdown_level or 0 for h in plain)
    return [h for h in plain if h.markdown_level == level]


def inside_book_title(text: str, start: int, end: int) -> bool:
    """True when [start, end) lies inside 《…》: citing a regulation is not discussing it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(
        m.start() < start and m.end() > end
        for m in finditer(_BOOK_TITLE, text, line_start, line_end)
    )


class SectionFinder:
    """Locates compiled sections in a document; one instance per rule, no state per document."""

    def __init__(self, sections: tuple[Compiled, ...]) -> None:
        self._sections = sections

    def _classify(self, heading: Heading) -> set[int]:
        return {
            i
            for i, c in enumerate(self._sections)
            if any(word in heading.title for word in c.section.headings)
            or any(True for p in c.heading_patterns for _ in finditer(p, heading.title))
        }

    def locate(self, doc: Document) -> tuple[dict[int, Found], list[Heading], dict[int, set[int]]]:
        tops = section_headings(doc)
        classes = {id(h): self._classify(h) for h in tops}
        found: dict[int, Found] = {}
        for h in tops:
            for i in sorted(classes[id(h)]):
                found.setdefault(i, self._from_heading(i, h))
        for i, c in enumerate(self._sections):
            if i in found or not c.section.thematic:
                continue
            # The first heading that names no section, if it comes before the sections that
            # follow this one (a 第一责任人 heading may precede it).
            limit = min(
                (f.start for j, f in found.items() if j > i and self.ordered(j)),
                default=len(doc.text),
            )
            unnamed = [h for h in tops if not classes[id(h)] and h.numeral_start < limit]
            if unnamed:
                found[i] = self._from_heading(i, unnamed[0])
        body = self.body_range(doc)
        # Weaker forms: ordered sections first (each after the previous one found), then the rest.
        order = [i for i, c in enumerate(self._sections) if c.section.ordered]
        order += [i for i, c in enumerate(self._sections) if not c.section.ordered]
        for i in order:
            if i in found:
                continue
            c = self._sections[i]
            lo = body[0]
            if c.section.ordered:
                earlier = [found[j].start for j in range(i) if j in found and self.ordered(j)]
                if earlier:
                    lo = max(earlier)
            hit = self._search_forms(doc, c, lo, body[1], found, tops, classes)
            if hit is not None:
                found[i] = Found(i, hit[1][0], hit[1], hit[1][0], hit[2], hit[0])
        return found, tops, classes

    def ordered(self, i: int) -> bool:
        return self._sections[i].section.ordered

    @staticmethod
    def _from_heading(index: int, h: Heading) -> Found:
        return Found(index, h.numeral_start, (h.title_start, h.title_end), h.title_end, h, None)

    def _search_forms(
        self,
        doc: Document,
        c: Compiled,
        lo: int,
        hi: int,
        found: dict[int, Found],
        tops: list[Heading],
        classes: dict[int, set[int]],
    ) -> tuple[Form, tuple[int, int], Heading | None] | None:
        names = [s.section.name for s in self._sections]
        for form, patterns in c.forms:
            ranges = [(lo, hi)]
            if form.within:
                ranges = []
                for name in form.within:
                    j = names.index(name)
                    if j in found:
                        start, end = self.extent(doc, found[j], found, tops, classes)
                        ranges.append((max(lo, start), min(hi, end)))
            for start, end in sorted(ranges):
                if start >= end:
                    continue
                hit = self._match_form(doc, form, patterns, start, end)
                if hit is not None:
                    return form, hit[0], hit[1]
        return None

    def _match_form(
        self,
        doc: Document,
        form: Form,
        patterns: tuple[regex.Pattern[str], ...],
        lo: int,
        hi: int,
    ) -> tuple[tuple[int, int], Heading | None] | None:
        text = doc.text
        skip = doc.structure.chrome_lines
        if form.at == "subheading":
            first: Heading | None = None
            matched: set[int] = set()
            for h in doc.structure.headings:
                if h.level is None or h.level < 2 or not lo <= h.numeral_start < hi:
                    continue
                hits = {i for i, p in enumerate(patterns) if p.search(h.title)}
                if hits and first is None:
                    first = h
                matched |= hits
            if first is None or len(matched) < form.min_count:
                return None
            return (first.title_start, first.title_end), first
        best: tuple[int, int] | None = None
        for p in patterns:
            for m in finditer(p, text, lo, hi):
                if m.start() == m.end() or doc.position(m.start())[0] in skip:
                    continue
                if inside_book_title(text, m.start(), m.end()):
                    continue
                if best is None or m.start() < best[0]:
                    best = m.span()
                break
        return (best, None) if best is not None else None

    def extent(
        self,
        doc: Document,
        f: Found,
        found: dict[int, Found],
        tops: list[Heading],
        classes: dict[int, set[int]],
    ) -> tuple[int, int]:
        """From a section's start to the next section's: thematic ones run over unnamed headings."""
        end = self.body_range(doc)[1]
        thematic = self._sections[f.index].section.thematic
        for other in found.values():
            if other.start > f.start:
                end = min(end, other.start)
        for h in tops:
            if h.numeral_start <= f.start:
                continue
            if classes[id(h)] - {f.index} or not thematic:
                end = min(end, h.numeral_start)
                break
        return f.start, end

    @staticmethod
    def body_range(doc: Document) -> tuple[int, int]:
        """The report body: after the addressee/title block, before 特此报告 and the date."""
        structure = doc.structure
        lines = doc.lines
        first = max(1, structure.body_start_line)
        start = lines[first - 1].start if first <= len(lines) else len(doc.text)
        last = len(lines)
        while last > 0 and not lines[last - 1].text.strip():
            last -= 1
        tail = last
        closing = structure.closing_date
        if closing is not None:
            tail = closing.line - 1
            # the issuing body's name and 特此报告 sit just above the date
            headings = {h.line for h in structure.headings}
            while tail > 0 and (
                not lines[tail - 1].text.strip()
                or _CLOSING().match(lines[tail - 1].text)
                or (_SIGNATURE.match(lines[tail - 1].text) and tail not in headings)
            ):
                tail -= 1
            return start, (lines[tail].start if tail < len(lines) else len(doc.text))
        if last and _CLOSING().match(lines[last - 1].text):
            return start, lines[last - 1].start
        end = lines[last - 1].end if last else len(doc.text)
        return start, end

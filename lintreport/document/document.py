"""The document model: text, lines, offset <-> (line, column), and lazily computed structure.

NOTE: positions are 1-based lines and 1-based code-point columns, end exclusive. This is the one
place that converts offsets to positions; only the language server converts to UTF-16.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar

from ..errors import InputError
from .classify import Classification, TypeSignals, classify
from .lines import Line
from .metadata import Metadata, infer_metadata
from .source import MAX_LINES, Source, decode_bytes, too_many_lines
from .structure import Structure, analyse
from .tables import Table, join_adjacent, markdown_tables

T = TypeVar("T")


# Compiled on first use (functools.cache: once per process), not at import: only text from an
# editor or the API is searched with it.
@functools.cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


# As MAX_LINES (source.py): refused by size instead of growing without bound; checked here
# too for texts that did not come from bytes (an editor buffer) or came from a .docx.
MAX_CHARS = 8_000_000


class Document:
    """A decoded input with its lines, positions and structure.

    Structure and metadata are computed on first use and cached, so a check that needs neither
    pays nothing for them.
    """

    def __init__(
        self,
        source: Source,
        *,
        year: int | None = None,
        report_type: str | None = None,
    ) -> None:
        self.source = source
        self.path = source.path
        self.text = source.text
        self.year_override = year
        self.type_override = report_type
        lines = self.text.count("\n") + 1
        if lines > MAX_LINES:
            raise InputError(self.path, too_many_lines(lines))
        if len(self.text) > MAX_CHARS:
            raise InputError(
                self.path,
                f"文本过长（{len(self.text)} 字，上限 {MAX_CHARS} 字），不像报告，未检查",
            )
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._memo: dict[str, Any] = {}
        # Last year's report of the same organ (--previous), for the checks that compare years.
        self.previous: Document | None = None
        self._classification: Classification | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        path: str = "<text>",
        *,
        year: int | None = None,
        report_type: str | None = None,
    ) -> Document:
        """Build a document from a string, as an editor buffer or a test would."""
        if _surrogate().search(text) is not None:
            # A lone surrogate (JSON "\\ud800" from an editor) cannot be encoded; one U+FFFD
            # per surrogate keeps every position, in code points and in UTF-16 units.
            text = _surrogate().sub("\ufffd", text)
        # A buffer of nothing but blanks and U+FEFF is an empty document, not an error: as bytes
        # it would be a bare BOM, which a file on disk reports as empty.
        source = (
            decode_bytes(text.encode("utf-8"), path)
            if text.strip(" \t\r\n\f\v\ufeff")
            else Source(path=path, text=text, encoding="utf-8", bom=False, line_endings=("",))
        )
        return cls(source, year=year, report_type=report_type)

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """A view derived from this document's text, computed once for all the rules that ask
        for it under `key` (e.g. its citations, parsed once for every citation rule).

        `factory` must depend on the document only, never on a rule's parameters.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = factory()
            return value

    @property
    def markdown(self) -> bool:
        return self.path.lower().endswith((".md", ".markdown"))

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; offsets past the end clamp to it."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """`position(start) + position(end)` in one call, with one search when both offsets lie
        on the same line (almost every finding): the runner converts tens of thousands per run."""
        size = len(self.text)
        start = 0 if start < 0 else size if start > size else start
        end = 0 if end < 0 else size if end > size else end
        starts = self._line_starts
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        if end >= start and (index + 1 == len(starts) or end < starts[index + 1]):
            return index + 1, start - line_start + 1, index + 1, end - line_start + 1
        end_index = bisect_right(starts, end) - 1
        return index + 1, start - line_start + 1, end_index + 1, end - starts[end_index] + 1

    def span_positions(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
        """`span_position` of every span, in one call: a rule's findings are converted together
        (a run converts hundreds of thousands), and consecutive spans mostly lie on the line of
        the previous one, which is tried before searching."""
        size = len(self.text)
        starts = self._line_starts
        last = len(starts) - 1
        out: list[tuple[int, int, int, int]] = []
        index, lo, hi = 0, starts[0], starts[1] if last else size + 1
        for start, end in spans:
            start = 0 if start < 0 else size if start > size else start
            end = 0 if end < 0 else size if end > size else end
            if not lo <= start < hi:
                index = bisect_right(starts, start) - 1
                lo = starts[index]
                hi = starts[index + 1] if index < last else size + 1
            if start <= end < hi:
                out.append((index + 1, start - lo + 1, index + 1, end - lo + 1))
            else:
                end_index = bisect_right(starts, end) - 1
                out.append((index + 1, start - lo + 1, end_index + 1, end - starts[end_index] + 1))
        return out

    def offset(self, line: int, column: int) -> int:
        """Code-point offset of a 1-based (line, column); the inverse of `position`."""
        if not 1 <= line <= len(self._line_starts):
            raise ValueError(f"line {line} outside 1..{len(self._line_starts)}")
        start = self._line_starts[line - 1]
        end = self._line_end(line - 1)
        if not 1 <= column <= end - start + 1:
            raise ValueError(f"column {column} outside line {line}")
        return start + column - 1

    def _line_end(self, index: int) -> int:
        if index + 1 < len(self._line_starts):
            return self._line_starts[index + 1] - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        """Text of a 1-based line, without its newline."""
        return self.text[self._line_starts[line - 1] : self._line_end(line - 1)]

    @cached_property
    def lines(self) -> list[Line]:
        return [
            Line(i + 1, start, self._line_end(i), self.text[start : self._line_end(i)])
            for i, start in enumerate(self._line_starts)
        ]

    @cached_property
    def structure(self) -> Structure:
        return analyse(self.lines, markdown=self.markdown, style_levels=self.source.heading_levels)

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """The tables of the document, cells spanning `text`: those the file's markup declares
        (.docx, .html), else Markdown pipe tables wherever they stand (a .txt copied from a
        Markdown file keeps them too). Figures under labels in plain text are read by the
        check that knows the labels (tables.read_text_rows)."""
        if self.source.tables:
            return self.source.tables
        if "|" not in self.text:
            return ()
        return tuple(join_adjacent(markdown_tables(self.lines), self.text))

    @cached_property
    def metadata(self) -> Metadata:
        return infer_metadata(self.text, self.lines, self.structure, year=self.year_override)

    @property
    def report_year(self) -> int | None:
        return self.metadata.report_year

    @property
    def report_type(self) -> str | None:
        """`--report-type` if given, else the type found by the last `classify` (None before)."""
        if self.type_override is not None:
            return self.type_override
        return self._classification.report_type if self._classification else None

    @property
    def type_evidence(self) -> str | None:
        """Where the report type came from: "override", "title", "opening", "headings"."""
        if self.type_override is not None:
            return "override"
        return self._classification.evidence if self._classification else None

    @property
    def type_candidates(self) -> tuple[str, ...]:
        """The names of the report types the document was compared with (empty before)."""
        return self._classification.candidates if self._classification else ()

    def classify(self, signals: tuple[TypeSignals, ...]) -> str | None:
        """Decide the report type among the types the loaded packs declare (computed once per
        set of signals); an override given by the user always wins."""
        if self.type_override is None:
            key = "report-type\x1d" + "\x1d".join(s.key for s in signals)
            self._classification = self.memo(
                key, lambda: classify(self.structure, self.lines, signals)
            )
        return self.report_type

    def section_at(self, offset: int):  # -> Heading | None
        """The level-1 heading whose section contains `offset` (None in the preamble)."""
        line, _ = self.position(offset)
        current = None
        for heading in self.structure.sections():
            if heading.line > line:
                break
            current = heading
        return current

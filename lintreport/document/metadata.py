"""Which year a report covers, from every signal its text gives, each with where it was found.

Real reports say the year in many places, and about one in four says it nowhere in the title:

- the title: `关于2023年度法治政府建设情况的报告`, `二〇二三年度…` (the first year of the title that
  is not part of a period such as 2021—2025年: `关于2022年法治工作情况暨2023年工作要点的报告` is a
  report on 2022);
- the opening: `2023年，我区…`, `现将…2022年度…报告如下`, `2023年度，…`; weaker, because it may
  look back over several years, `2023年以来` / `2023年来`;
- a level-1 heading naming the year (`一、2024年度推进法治政府建设的主要举措和成效`), not a plan
  heading;
- a statistics period `2023年1月1日至12月31日`;
- the next-year plan heading (`三、2025年工作计划`), which names Y+1.

The first of these that is found decides (an override from `--year` beats them all); the others
are kept as `signals` so a check can say where they disagree. The closing date and the page's
publication date are never used: a report is often dated in the next year, and a web page's clock
says when it was posted, not what it covers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from ..record import record
from ..text.carried import Carried
from .lines import Line
from .structure import Structure

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "\uff2f": 0, "O": 0}
_CN_DIGITS.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})
_YEAR = r"(?P<year>(?:19|20)\d{2}|[二][〇零○\uff2f][〇零○\uff2f一二三四五六七八九]{2})"
# A year that starts a period (2021—2025年, 2021-2025, 2021至2025年) is not a report year.
_NOT_PERIOD_START = r"(?!\s*[—\u2013\-－~\uff5e至到]\s*(?:19|20)?\d{2})"
_NOT_PERIOD_END = r"(?<![—\u2013\-－~\uff5e至到]\s{0,2})"
_YEAR_IN_TITLE = Carried(_NOT_PERIOD_END + _YEAR + _NOT_PERIOD_START + r"\s*年")
_OPENING_STRONG = (
    Carried(r"^\s*" + _YEAR + r"\s*年度?\s*(?:[，,]|是|全年|我|内)"),
    Carried(
        r"现(?:将|予以?|公布|发布|印发)[^。\n]{0,60}?"
        + _YEAR
        + r"\s*年度?[^。\n]{0,40}?(?:报告|汇报)(?:如下)?"
    ),
    Carried(r"^\s*(?:在|为|于)?\s*" + _YEAR + r"\s*年度?[^。\n，,]{0,4}?里"),
    # the report's own name run into the opening (a copy that lost its line breaks)
    Carried(
        r"(?<!《[^》\n]{0,40})关于\s*" + _YEAR + r"\s*年度?[^。\n，,《》]{0,30}?(?:情况|工作)"
        r"[^。\n，,《》]{0,8}?(?:报告|总结)"
    ),
)


# Compiled on first use (functools.cache: once per process), not at import: only some openings and
# headings reach these.
@functools.cache
def _opening_since() -> regex.Pattern[str]:
    return regex.compile(r"^\s*(?:自|从)?\s*" + _YEAR + r"\s*年(?:以来|来)")


@functools.cache
def _plan_words() -> regex.Pattern[str]:
    return regex.compile(r"计划|打算|安排|重点|要点|思路|展望|下一|今后|目标")


_HEADING_YEAR = Carried(_NOT_PERIOD_END + _YEAR + _NOT_PERIOD_START + r"\s*年度?")
_PERIOD = Carried(
    _YEAR + r"\s*年\s*1\s*月\s*1\s*日\s*起?\s*(?:至|到|—|－|-|~|\uff5e)\s*"
    r"(?:(?P<year2>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
    # 数据统计截至2024年12月31日: the end of the year the figures cover
    r"|(?:截止|截至)(?:日期|时间)?(?:为|到|于)?\s*"
    + _YEAR.replace("year", "year3")
    + r"\s*年\s*12\s*月\s*31\s*日"
)
OPENING_PARAGRAPHS = 3  # body paragraphs read as the opening


def year_value(text: str) -> int:
    """`2023` or `二〇二三` as an int."""
    if text.isdigit() and text.isascii():
        return int(text)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


@record(frozen=True, slots=True)
class YearSignal:
    """One place the text names the report year: which kind of place, the year it implies, and
    the offsets of the year as written."""

    source: str  # "title", "opening", "opening-since", "heading", "period", "plan"
    year: int  # the report year this signal implies (a plan heading's year minus one)
    start: int
    end: int


@record(frozen=True, slots=True)
class Metadata:
    """Inferred facts about one document; None where they could not be told."""

    report_year: int | None
    title: str | None
    year_source: str | None  # "override" or the YearSignal source that decided
    signals: tuple[YearSignal, ...] = ()


# Which signal decides, strongest first.
PRECEDENCE = ("title", "opening", "heading", "period", "plan", "opening-since")


def _title_signals(structure: Structure) -> Iterable[YearSignal]:
    if not structure.title_text or structure.title_span is None:
        return
    m = _YEAR_IN_TITLE().search(structure.title_text)
    if m:
        base = structure.title_span[0]
        yield YearSignal("title", year_value(m.group("year")), base + m.start(), base + m.end())


def _opening_signals(lines: list[Line], structure: Structure) -> Iterable[YearSignal]:
    chrome = structure.chrome_lines
    level1 = [h.line for h in structure.headings if h.level == 1]
    # The opening: the lead paragraphs, and those under the first heading when a report opens
    # with one (一、总体情况 / 2023年，…), up to the second section.
    end = level1[1] if len(level1) > 1 else None
    heading_lines = {h.line for h in structure.headings}
    seen = 0
    for para in structure.paragraphs:
        if para.first_line < structure.body_start_line or para.first_line in chrome:
            continue
        if end is not None and para.first_line >= end:
            return
        if para.first_line in heading_lines:
            continue
        # the paragraph alone: the opening patterns anchored with ^ speak of its start
        text = "".join(lines[n - 1].text + "\n" for n in range(para.first_line, para.last_line + 1))
        for pattern in _OPENING_STRONG:
            m = pattern().search(text)
            if m:
                start = lines[para.first_line - 1].start + m.start("year")
                year = year_value(m.group("year"))
                yield YearSignal("opening", year, start, start + len(m.group("year")))
                return
        m = _opening_since().search(text)
        if m:
            start = lines[para.first_line - 1].start + m.start("year")
            yield YearSignal(
                "opening-since", year_value(m.group("year")), start, start + len(m.group("year"))
            )
            return
        seen += 1
        if seen >= OPENING_PARAGRAPHS:
            return


def _heading_signals(structure: Structure) -> Iterable[YearSignal]:
    found_report = found_plan = False
    for h in structure.headings:
        if h.level != 1:
            continue
        m = _HEADING_YEAR().search(h.title)
        if m is None:
            continue
        year = year_value(m.group("year"))
        start = h.title_start + m.start("year")
        end = start + len(m.group("year"))
        if _plan_words().search(h.title):
            if not found_plan:
                found_plan = True
                yield YearSignal("plan", year - 1, start, end)
        elif not found_report:
            found_report = True
            yield YearSignal("heading", year, start, end)


def _period_signals(text: str) -> Iterable[YearSignal]:
    m = _PERIOD().search(text)
    if m is None:
        return
    group = "year" if m.group("year") else "year3"
    if m.group("year2") is None or m.group("year2") == m.group("year"):
        yield YearSignal("period", year_value(m.group(group)), m.start(group), m.end(group))


def year_signals(text: str, lines: list[Line], structure: Structure) -> tuple[YearSignal, ...]:
    found = [
        *_title_signals(structure),
        *_opening_signals(lines, structure),
        *_heading_signals(structure),
        *_period_signals(text),
    ]
    return tuple(found)


def infer_metadata(
    text: str,
    lines: list[Line],
    structure: Structure,
    *,
    year: int | None = None,
) -> Metadata:
    signals = year_signals(text, lines, structure)
    inferred_year: int | None = None
    source: str | None = None
    for name in PRECEDENCE:
        chosen = next((s for s in signals if s.source == name), None)
        if chosen is not None:
            inferred_year, source = chosen.year, chosen.source
            break
    if year is not None:
        inferred_year, source = year, "override"
    return Metadata(
        report_year=inferred_year,
        title=structure.title_text,
        year_source=source,
        signals=signals,
    )

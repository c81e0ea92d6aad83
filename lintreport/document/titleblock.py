"""The parts of a report around its body: title, 发文字号, addressee (主送机关), closing date.

GB/T 9704-2012 §7.3: the title sits above the addressee (the issuing body may stand on its own
line above a `关于…的报告` title), the addressee ends with a colon, and the closing date
(成文日期) closes the document. Drafts deviate, so the recognisers accept the deviations the
metadata rules report: an addressee without its colon, a title run on after a page marker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

from ..record import record
from ..text.carried import Carried
from ..text.numerals import cn_to_int
from .lines import Line
from .webcopy import CRAWLER_TITLE, sharing_title


# Compiled on first use (functools.cache: once per process), not at import: only unusual title
# blocks need these.
@functools.cache
def _addressee_only() -> regex.Pattern[str]:
    return regex.compile(r"(?:委员会|常委会|党委|[省市县区]委)$")


# A 主送机关 line: organ names separated by 、 (and no sentence punctuation).
@functools.cache
def _organ_list() -> regex.Pattern[str]:
    return regex.compile(
        r"(?:\p{Han}{1,24}?(?:人民政府|政府|委员会|党委|市委|县委|区委|常委会|办公室|办公厅|机关|局|厅|部|委|办)"
        r"[、，,]?)+"
    )


_DATE = Carried(
    r"^\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$"
    r"|^\s*(?P<cy>[二〇零一三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日\s*$"
)
_DOC_NUMBER_LINE = Carried(r"^\s*\p{Han}{1,12}[〔\[［(（【﹝]\d{2,4}[〕\]］)）】﹞]第?\d+号\s*$")
_TITLE = Carried(r"(?:报告|汇报|总结)\s*$")
_BARE_TYPE = Carried(r"\s*(?:工作|年度|情况|专题)?(?:报告|汇报|总结)\s*")


# 湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府…: issuing body, 关于, a year,
# the subject, 报告 — then the body, with nothing between.
@functools.cache
def _run_in_title_pattern() -> regex.Pattern[str]:
    return regex.compile(
        # at the start of the line, or after a site's watermark (Latin letters, a web address);
        # never inside a sentence (…等规定,现公布…年度报告。)
        r"(?:^\s*|(?<=[A-Za-z0-9./:_\-]))"
        r"(?P<title>\p{Han}[\p{Han}（）()]{1,30}?(?:关于\s*)?(?:19|20)\d{2}\s*年度?"
        r"[^。，,；;：:！？!?\n《》]{2,40}?(?:报告|汇报|总结))(?=\s*\S)"
    )


@functools.cache
def _year() -> regex.Pattern[str]:
    return regex.compile(r"(?:19|20)\d{2}\s*年")


_MARKDOWN = regex.compile(r"^#{1,6}[ \t]+")
_SENTENCE_END = "。！？!?；;：:"


@record(frozen=True, slots=True)
class ClosingDate:
    line: int
    start: int
    end: int
    year: int
    month: int
    day: int


@record(frozen=True, slots=True)
class TitleBlock:
    title: Line | None
    title_text: str | None
    title_span: tuple[int, int] | None
    addressee: Line | None
    doc_number: Line | None
    body_start: int


def _find_title(
    lines: list[Line], chrome: frozenset[int], limit: int
) -> tuple[Line | None, str | None]:
    """The title: a short line near the top ending in 报告, maybe below an issuing body."""
    previous: Line | None = None
    for line in lines[:limit]:
        text = line.text.strip()
        if not text or line.number in chrome:
            continue
        if _BARE_TYPE().fullmatch(text) and (previous is None or not _year().search(previous.text)):
            # a site's column label (工作报告), not the report's title; after a line with a
            # year it is the end of a title wrapped over two lines (…政府信息公开工作 / 年度报告)
            previous = line
            continue
        if len(text) <= 60 and _TITLE().search(text) and text[-1] not in _SENTENCE_END:
            above = previous.text.strip() if previous is not None else ""
            if (
                above
                and len(above) <= 40
                and not any(p in above for p in "，。：:,")
                # the issuing body above the title, or a title wrapped onto two lines
                and (
                    text.startswith("关于")
                    or "关于" in above
                    or _year().search(above)
                    or _organ_list().fullmatch(above)
                )
            ):
                return line, above + text
            return line, text
        if text.endswith(("：", ":")) or len(text) > 60:
            break  # reached the addressee or the body
        previous = line
    return None, None


def _crawler_title(lines: list[Line]) -> tuple[Line, str, tuple[int, int]] | None:
    for line in lines:
        m = CRAWLER_TITLE().match(line.text)
        if m is not None:
            return (
                line,
                m.group("title"),
                (line.start + m.start("title"), line.start + m.end("title")),
            )
    return None


def _run_in_title(
    lines: list[Line], chrome: frozenset[int]
) -> tuple[str | None, tuple[int, int] | None]:
    for line in lines[:3]:
        if line.number in chrome or not line.text.strip():
            continue
        m = _run_in_title_pattern().search(line.text, 0, min(len(line.text), 200))
        if m is None or len(line.text) - m.end() < 50:
            return None, None  # a title line of its own is _find_title's business
        return m.group("title"), (line.start + m.start("title"), line.start + m.end("title"))
    return None, None


def _sharing_title(
    lines: list[Line], page_markers: frozenset[int]
) -> tuple[str | None, tuple[int, int] | None]:
    """In a doc-sharing copy the title runs on after the first page marker."""
    for line in lines:
        if line.number in page_markers:
            found = sharing_title(line.text)
            if found is None:
                return None, None
            title, start, end = found
            return title, (line.start + start, line.start + end)
    return None, None


def _addressee_without_colon(line: Line, title_text: str | None) -> bool:
    text = line.text.strip()
    if not text or len(text) > 40 or _organ_list().fullmatch(text) is None:
        return False
    # A single government or department may be the issuer written under the title; only a list
    # of organs or a party/congress body (never the issuer of this report) is surely addressed.
    if "、" not in text and not _addressee_only().search(text):
        return False
    # The issuing body written again under the title is not an addressee.
    return not (title_text and title_text.startswith(text))


def find_title_block(
    lines: list[Line],
    *,
    chrome: frozenset[int],
    limit: int,
    page_markers: frozenset[int],
    markdown: bool,
    is_heading: Callable[[str], bool],
) -> TitleBlock:
    """Title, 发文字号 and addressee among the first `limit` lines, and where the body starts."""
    title, title_text = _find_title(lines, chrome, limit)
    title_span: tuple[int, int] | None = None
    crawler = _crawler_title(lines[:limit])
    if crawler is not None:
        # The crawler's `标题:` field names the page's title exactly; the text below it often
        # runs the title into breadcrumbs and body.
        title, title_text, title_span = crawler
    elif title is not None:
        stripped = title.text.strip()
        offset = title.start + title.text.find(stripped)
        hashes = _MARKDOWN.match(stripped) if markdown else None
        if hashes is not None and title_text is not None:
            # "# 关于…的报告": the title is the text, not the Markdown marker
            stripped = stripped[hashes.end() :]
            offset += hashes.end()
            title_text = _MARKDOWN.sub("", title_text, count=1)
        title_span = (offset, offset + len(stripped))
    elif page_markers:
        # `title` stays None: the line carries body text too, which body-scoped rules must see.
        title_text, title_span = _sharing_title(lines, page_markers)
    else:
        # A copy that lost its line breaks: the title runs into the body on the first line.
        title_text, title_span = _run_in_title(lines, chrome)
    addressee: Line | None = None
    doc_number: Line | None = None
    body_start = title.number + 1 if title else 1
    for ln in lines[:limit]:
        text = ln.text.strip()
        if ln.number in chrome or not text:
            continue
        if _DOC_NUMBER_LINE().match(ln.text):
            doc_number = ln
            body_start = max(body_start, ln.number + 1)
            continue
        if (
            addressee is None
            and (title is None or ln.number > title.number)
            and len(text) <= 50
            and text.endswith(("：", ":"))
            and "如下" not in text
            and not any(p in text for p in "，,。；;")  # a sentence, not a list of organs
            and not is_heading(ln.text)
        ):
            addressee = ln
            body_start = ln.number + 1
            break
        if (
            addressee is None
            and title is not None
            and ln.number > title.number
            and _addressee_without_colon(ln, title_text)
        ):
            addressee = ln  # the colon is missing; a metadata rule reports it
            body_start = ln.number + 1
            break
        if title is not None and ln.number > title.number and len(text) > 50:
            break  # reached the body
    return TitleBlock(title, title_text, title_span, addressee, doc_number, body_start)


def find_closing_date(lines: list[Line]) -> ClosingDate | None:
    """The 成文日期: a line that is only a date, among the last lines."""
    for ln in reversed(lines[-12:]):
        m = _DATE().match(ln.text)
        if m is None:
            continue
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            y = int(
                "".join(
                    str("〇一二三四五六七八九".find(c) if c != "零" else 0) for c in m.group("cy")
                )
            )
            mo, d = cn_to_int(m.group("cm")) or 0, cn_to_int(m.group("cd")) or 0
        stripped = ln.text.strip()
        offset = ln.text.find(stripped)
        return ClosingDate(
            ln.number, ln.start + offset, ln.start + offset + len(stripped), y, mo, d
        )
    return None

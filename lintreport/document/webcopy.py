"""Text copied from web pages and document-sharing sites: what is page, not report.

A report copied from a government site carries the page around it (banner, breadcrumbs,
点击量, 来源/时间 bars, print/close controls). A copy from a document-sharing site (淘文阁, 道客巴巴
…) starts with the site's boilerplate and is reflowed into page chunks, each line prefixed with a
page marker `1、` `2、` …, so the title and the level-1 headings run on inside the lines. This
module only recognises these things in strings; `structure.py` turns them into its model.
"""

from __future__ import annotations

import functools

import regex

from ..record import record
from ..text.carried import Carried
from ..text.numerals import cn_to_int

CHROME = Carried(
    r"点击量|点击数|浏览次数|阅读次数|当前位置|所在的?位置|字体[:：]?\s*[【\[]?\s*大\s*中\s*小"
    r"|打印本页|关闭窗口|【\s*打印\s*】|分享到|来源[:：].{0,40}时间[:：]|^\s*字号[:：]"
    r"|发布时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}|发布于[:：]|^\s*(?:发布)?日期[:：]\s*\d{4}"
    r"|今天是[:：]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]\s*$"
    r"|^\s*无障碍(?:浏览|阅读|模式)?\s|无障碍\s*$|简体\s*[|\uff5c/]\s*繁体|繁體|长者模式|关怀版"
    r"|网站标识码|ICP\s*备|公网安备|网站地图"
    r"|首页\s*[>»\u203a\uff1e]|[>»\u203a\uff1e]\s*(?:正文|信息公开|政务公开|工作动态|通知公告)\s*$"
    # a crawler's record of the page: field lines above the text
    r"|^\s*(?:标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|索引号|主题分类|发文机关|成文日期)[:：]"
    r"|页面链接与图片详见|^\s*=+\s*正文\s*=+\s*$"
    r"|由会员分享|可在线阅读|更多相关|[A-Z]{3,}\.GOV\.CN|^\s*政府信息公开\s*$"
    # a site banner: a name and the site's address, nothing else on the line
    r"|^\s*[^\s：:]{0,20}\s*(?:https?://)?(?:www\.)?[A-Za-z0-9.-]+\.(?:gov|com)\.cn/?\s*$"
    r"|淘文阁|道客巴巴|原创力文档|豆丁网|百度文库"
)
SHARING_SITE = Carried(r"由会员分享|可在线阅读|淘文阁|道客巴巴|原创力文档|豆丁网|百度文库")
PAGE_MARKER = Carried(r"^\s*\d{1,3}、\s?")


# Compiled on first use (functools.cache: once per process), not at import: only copies of web
# pages and sharing sites need these.
# At the foot of a page only unmistakable controls count: a report may end with its website.
@functools.cache
def _tail_chrome() -> regex.Pattern[str]:
    return regex.compile(
        r"打印本页|关闭窗口|【\s*打印\s*】|分享到|责任编辑[:：]|字体[:：]?\s*[【\[]?\s*大\s*中\s*小"
        r"|网站标识码|ICP\s*备|公网安备|版权所有|Copyright|主办单位[:：]|承办单位[:：]|网站地图"
    )


# A crawler's record of a page names the title on a line of its own: `标题: …的报告`.
CRAWLER_TITLE = Carried(r"^\s*标题\s*[:：]\s*(?P<title>\S.{2,80}?(?:报告|汇报|总结))\s*$")
_CHROME_MAX = 80


@functools.cache
def _sharing_title() -> regex.Pattern[str]:
    return regex.compile(
        r"^\s*\d{1,3}、\s*(?P<title>[^;；。，,\s]{4,60}?(?:报告|汇报|总结))(?=[;；\s]|$)"
    )


# After a page marker, a sentence end or a space: `一、` + a title up to the next space or 。
@functools.cache
def _run_in_l1() -> regex.Pattern[str]:
    return regex.compile(
        r"(?:(?<=^\s*\d{1,3}、\s*)|(?<=[;；。!！?？]\s*)|(?<=\p{Han}\s+))"
        r"(?P<num>(?P<n>[一二三四五六七八九十]{1,3})、)(?P<title>\p{Han}[^\s。;；]{1,40})(?=\s|。|$)"
    )


@record(frozen=True, slots=True)
class RunIn:
    """A heading inside a reflowed line; offsets are into that line."""

    number: int
    numeral_start: int
    numeral_end: int
    title_start: int
    title_end: int
    title: str
    level: int = 1


# A page copied with its line breaks collapsed: the whole report on a line or two, headings run
# into the text (`总结如下：一、工作开展情况（一）党政主要负责人……职责一是加强……`). A heading's
# title ends where the next numeral, a 一是 run or punctuation begins.
FLATTENED_MIN = 600
_CN = "一二三四五六七八九十"
_FLAT_BEFORE = r"(?:(?<=^\s*)|(?<=[。：:；;！？!?）)”」]\s*)|(?<=\s))"
_TITLE_END = rf"(?=（[{_CN}]{{1,3}}）|[{_CN}]{{1,3}}是|[。，,；;：:！？!?\s]|$)"


@functools.cache
def _flat_l1() -> regex.Pattern[str]:
    return regex.compile(
        _FLAT_BEFORE
        + rf"(?P<num>(?P<n>[{_CN}]{{1,3}})、)(?P<title>\p{{Han}}[^。，,；;：:！？!?\s]{{1,29}}?)"
        + _TITLE_END
    )


_FLAT_L2_START = regex.compile(rf"（[{_CN}]{{1,3}}）")


# A （一） title may hold a comma (健全重大行政决策制度，加强法治建设一是……) when a 一是 run or a
# sentence end closes it; otherwise it ends at its first comma.
@functools.cache
def _flat_l2() -> tuple[regex.Pattern[str], ...]:
    return (
        regex.compile(
            rf"(?P<num>（(?P<n>[{_CN}]{{1,3}})）)(?P<title>\p{{Han}}[^。；;：:！？!?\s]{{1,39}}?)"
            rf"(?=（[{_CN}]{{1,3}}）|[{_CN}]{{1,3}}是|[。；;：:！？!?\s]|$)"
        ),
        regex.compile(
            rf"(?P<num>（(?P<n>[{_CN}]{{1,3}})）)(?P<title>\p{{Han}}[^。，,；;：:！？!?\s]{{1,39}}?)"
            + _TITLE_END
        ),
    )


def is_chrome(text: str, *, at_foot: bool = False) -> bool:
    """A line of page chrome. Body sentences may mention a website or 点击量, so chrome lines
    are short and are not sentences, except a sharing site's boilerplate."""
    if SHARING_SITE().search(text):
        return True
    text = text.strip()
    if len(text) > _CHROME_MAX or "。" in text or not CHROME().search(text):
        return False
    return not at_foot or bool(_tail_chrome().search(text))


def sharing_title(text: str) -> tuple[str, int, int] | None:
    """The title running on after the first page marker: `1、 …报告;一、…` (offsets in `text`)."""
    m = _sharing_title().match(text)
    return None if m is None else (m.group("title"), m.start("title"), m.end("title"))


def flattened_headings(text: str) -> list[RunIn]:
    """Headings run into a line that holds a whole report (line breaks lost): level-1 numerals
    in sequence from 一、 after a sentence end, and the （一）（二） under each. Nothing when the
    line is short; a numeral out of sequence, or not after a sentence end (本市一、二级指标),
    is no heading."""
    if len(text) < FLATTENED_MIN:
        return []
    level1: list[RunIn] = []
    for m in _flat_l1().finditer(text):
        number = cn_to_int(m.group("n"))
        if number == len(level1) + 1:
            level1.append(_run_in(m, number, 1))
    if not level1:
        return []
    found: list[RunIn] = []
    bounds = [h.numeral_start for h in level1[1:]] + [len(text)]
    for parent, end in zip(level1, bounds, strict=True):
        found.append(parent)
        expected = 1
        for start_match in _FLAT_L2_START.finditer(text, parent.title_end, end):
            start = start_match.start()
            m = _flat_l2()[0].match(text, start, end) or _flat_l2()[1].match(text, start, end)
            if m is None:
                continue
            number = cn_to_int(m.group("n"))
            follows = (
                start == parent.title_end or text[start - 1 : start] in "。：:；;！？!?）)” \t"
            )
            if number == expected and follows:
                found.append(_run_in(m, number, 2))
                expected += 1
    return found


def _run_in(m: regex.Match[str], number: int, level: int) -> RunIn:
    return RunIn(
        number,
        m.start("num"),
        m.end("num"),
        m.start("title"),
        m.end("title"),
        m.group("title"),
        level,
    )


def run_in_sections(text: str) -> list[RunIn]:
    """Level-1 headings run into the text of a reflowed copy (`。 二、标题 一是…`)."""
    found = []
    for m in _run_in_l1().finditer(text):
        number = cn_to_int(m.group("n"))
        if number is not None:
            found.append(
                RunIn(
                    number,
                    m.start("num"),
                    m.end("num"),
                    m.start("title"),
                    m.end("title"),
                    m.group("title"),
                )
            )
    return found

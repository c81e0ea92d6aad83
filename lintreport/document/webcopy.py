"""Text copied from web pages and document-sharing sites: what is page, not report.

A report copied from a government site carries the page around it (banner, breadcrumbs,
点击量, 来源/时间 bars, print/close controls). A copy from a document-sharing site (淘文阁, 道客巴巴
…) starts with the site's boilerplate and is reflowed into page chunks, each line prefixed with a
page marker `1、` `2、` …, so the title and the level-1 headings run on inside the lines. This
module only recognises these things in strings; `structure.py` turns them into its model.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..text.numerals import cn_to_int

CHROME = regex.compile(
    r"点击量|点击数|浏览次数|阅读次数|当前位置|所在的?位置|字体[:：]?\s*[【\[]?\s*大\s*中\s*小"
    r"|打印本页|关闭窗口|【\s*打印\s*】|分享到|来源[:：].{0,40}时间[:：]"
    r"|发布时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}|发布于[:：]|^\s*(?:发布)?日期[:：]\s*\d{4}"
    r"|今天是[:：]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]\s*$"
    r"|^\s*无障碍(?:浏览|阅读|模式)?\s|无障碍\s*$|简体\s*[|\uff5c/]\s*繁体|繁體|长者模式|关怀版"
    r"|网站标识码|ICP\s*备|公网安备|网站地图"
    r"|首页\s*[>»\u203a\uff1e]|[>»\u203a\uff1e]\s*(?:正文|信息公开|政务公开|工作动态|通知公告)\s*$"
    # a crawler's record of the page: field lines above the text
    r"|^\s*(?:发布时间|文号|发布机构|栏目|原文链接|本地目录|索引号|主题分类|发文机关|成文日期)[:：]"
    r"|页面链接与图片详见|^\s*=+\s*正文\s*=+\s*$"
    r"|由会员分享|可在线阅读|更多相关|[A-Z]{3,}\.GOV\.CN|^\s*政府信息公开\s*$"
    # a site banner: a name and the site's address, nothing else on the line
    r"|^\s*[^\s：:]{0,20}\s*(?:https?://)?(?:www\.)?[A-Za-z0-9.-]+\.(?:gov|com)\.cn/?\s*$"
    r"|淘文阁|道客巴巴|原创力文档|豆丁网|百度文库"
)
SHARING_SITE = regex.compile(r"由会员分享|可在线阅读|淘文阁|道客巴巴|原创力文档|豆丁网|百度文库")
PAGE_MARKER = regex.compile(r"^\s*\d{1,3}、\s?")
# At the foot of a page only unmistakable controls count: a report may end with its website.
_TAIL_CHROME = regex.compile(
    r"打印本页|关闭窗口|【\s*打印\s*】|分享到|责任编辑[:：]|字体[:：]?\s*[【\[]?\s*大\s*中\s*小"
    r"|网站标识码|ICP\s*备|公网安备|版权所有|Copyright|主办单位[:：]|承办单位[:：]|网站地图"
)
# A crawler's record of a page names the title on a line of its own: `标题: …的报告`.
CRAWLER_TITLE = regex.compile(r"^\s*标题\s*[:：]\s*(?P<title>\S.{2,80}?(?:报告|汇报|总结))\s*$")
_CHROME_MAX = 80
_SHARING_TITLE = regex.compile(
    r"^\s*\d{1,3}、\s*(?P<title>[^;；。，,\s]{4,60}?(?:报告|汇报|总结))(?=[;；\s]|$)"
)
# After a page marker, a sentence end or a space: `一、` + a title up to the next space or 。
_RUN_IN_L1 = regex.compile(
    r"(?:(?<=^\s*\d{1,3}、\s*)|(?<=[;；。!！?？]\s*)|(?<=\p{Han}\s+))"
    r"(?P<num>(?P<n>[一二三四五六七八九十]{1,3})、)(?P<title>\p{Han}[^\s。;；]{1,40})(?=\s|。|$)"
)


@dataclass(frozen=True, slots=True)
class RunIn:
    """A level-1 heading inside a reflowed line; offsets are into that line."""

    number: int
    numeral_start: int
    numeral_end: int
    title_start: int
    title_end: int
    title: str


def is_chrome(text: str, *, at_foot: bool = False) -> bool:
    """A line of page chrome. Body sentences may mention a website or 点击量, so chrome lines
    are short and are not sentences, except a sharing site's boilerplate."""
    if SHARING_SITE.search(text):
        return True
    text = text.strip()
    if len(text) > _CHROME_MAX or "。" in text or not CHROME.search(text):
        return False
    return not at_foot or bool(_TAIL_CHROME.search(text))


def sharing_title(text: str) -> tuple[str, int, int] | None:
    """The title running on after the first page marker: `1、 …报告;一、…` (offsets in `text`)."""
    m = _SHARING_TITLE.match(text)
    return None if m is None else (m.group("title"), m.start("title"), m.end("title"))


def run_in_sections(text: str) -> list[RunIn]:
    """Level-1 headings run into the text of a reflowed copy (`。 二、标题 一是…`)."""
    found = []
    for m in _RUN_IN_L1.finditer(text):
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

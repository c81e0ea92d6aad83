"""halfwidth_punctuation: half-width marks in Chinese text, never in numbers, times, URLs, Latin."""

from __future__ import annotations

import pytest

from lintreport.checks.halfwidth_punctuation import HalfwidthPunctuation, Params
from lintreport.document.document import Document


def marks(text: str) -> list[tuple[int, str, str | None]]:
    doc = Document.from_text(text, "x.txt")
    return [
        (f.start, text[f.start : f.end], f.replacement)
        for f in HalfwidthPunctuation(Params()).run(doc)
    ]


def test_comma_semicolon_colon_between_chinese() -> None:
    text = "2022年,市政府坚持依法行政;全面推进政务公开:成效显著?是!"
    found = marks(text)
    assert [m for _, m, _ in found] == [",", ";", ":", "?", "!"]
    assert [r for _, _, r in found] == ["，", "；", "：", "？", "！"]


def test_colon_at_end_of_addressee_line() -> None:
    text = "关于2024年法治政府建设情况的报告\n中共铁岭市委法治建设委员会:\n正文。\n"
    found = marks(text)
    assert [(text[o - 2 : o], m) for o, m, _ in found] == [("员会", ":")]


def test_after_percent_and_before_chinese() -> None:
    assert [m for _, m, _ in marks("销号率达80.3%;满意率100%,群众认可。")] == [";", ","]


def test_bracket_pairs_are_judged_together() -> None:
    text = "(一)深入学习。县(市、区)政府和《规划(2021—2025年)》。"
    found = marks(text)
    assert [m for _, m, _ in found] == ["(", ")", "(", ")", "(", ")"]


@pytest.mark.parametrize(
    "text",
    [
        "全年办理1.5万件，增长3.5%。",
        "会议于上午9:30开始，比例为1:2，共1,000人。",
        "详见http://www.example.gov.cn/index.html?id=3&a=b。",
        "邀请John Smith, Jr.和Mary作讲座。",
        "邀请世界贸易组织(WTO)专家作讲座。",
        "Hello, world: this is English (really)!",
        "印发《意见》（保政发(2022)10号）。",
    ],
)
def test_no_finding_on_numbers_times_urls_latin(text: str) -> None:
    assert marks(text) == []


def test_web_chrome_lines_are_left_to_the_structure_rules() -> None:
    text = (
        "关于2024年法治政府建设情况报告\n点击量: 来源:市政府办公室  时间:2025-03-01\n正文,内容。\n"
    )
    found = marks(text)
    assert [m for _, m, _ in found] == [","]


def test_unpaired_bracket_next_to_chinese() -> None:
    assert [m for _, m, _ in marks("一是完善制度)推进落实。")] == [")"]


def test_full_stop_only_between_chinese_or_at_line_end() -> None:
    text = "完成任务.下一步继续推进.\n附件:报告.doc,共1.5万件,见第2.1节。\n1.健全制度\n"
    found = [(text[o - 1 : o + 2], m) for o, m, _ in marks(text)]
    # ".doc," : after a Latin word the comma is left alone (it may belong to Latin text).
    assert [m for _, m in found] == [".", ".", ":", ","]


def test_full_stop_of_a_heading_numeral_is_left_to_the_heading_rules() -> None:
    text = "一.主要举措\n(一)加强领导.\n"
    assert [m for _, m, _ in marks(text)] == ["(", ")", "."]


def test_markdown_link_target_keeps_its_brackets() -> None:
    text = "详见[年度报告](https://www.example.gov.cn/法治报告)。\n"
    assert marks(text) == []

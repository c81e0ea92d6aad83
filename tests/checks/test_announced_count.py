"""announced_count: 以下N个方面, “N个一”, N项制度 and the items that follow."""

from __future__ import annotations

import pytest

from lintreport.checks.announced_count import AnnouncedCount, Params
from lintreport.checks.base import ParamError
from lintreport.document.document import Document

ORDINALS = {
    "pattern": [
        "以下(?P<n>[0-9一二三四五六七八九十两]{1,3})(?:个|项|条|点|大)"
        "(?:方面|工作|任务|重点|措施|问题|领域|举措)?"
    ],
    "items": "ordinals",
}
ONES = {"pattern": ["“(?P<n>[一二三四五六七八九十两]{1,3})个一”"], "items": "one_clauses"}
LIST = {
    "pattern": [
        "“?(?P<n>[0-9一二三四五六七八九十两]{1,2})(?:项|个|种|类|大)"
        "(?:制度|机制|清单|领域|方面|环节|行动|工程)"
    ],
    "items": "list",
}


def findings(text: str, **params: object) -> list[tuple[str, dict[str, str]]]:
    check = AnnouncedCount(Params(**params))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=2023)
    return [(text[f.start : f.end], dict(f.args)) for f in check.run(doc)]


SEED_002_TAIL = (
    "《市政府2023年法治政府建设情况报告.doc》由会员分享,可在线阅读,"
    "更多相关请在taowenge.com淘文阁网上搜索。\n"
    "14、制度机制有待完善。四是法治工作队伍力气有待加强。 "
    "2023年，合肥市坚持以习近平新时代中国特色社会主义思想为指导，"
    "在以下5个方面发力，全面深化法治政府建立。\n"
    "15、一是精准谋篇布局，进一步明晰目标任务。 二是完善工作机制，进一步抓好责任落实。 三是强\n"
    "16、化行政立法，进一步夯实制度保障。 四是标准决策程序，进一步提升决策质量。 "
    "五是深化复议改革，稳妥化解冲突。"
)


def test_seed_002_five_run_in_items_across_page_markers() -> None:
    assert findings(SEED_002_TAIL, **ORDINALS) == []


def test_seed_002_with_a_wrong_count_points_at_the_number() -> None:
    text = SEED_002_TAIL.replace("以下5个方面", "以下6个方面")
    [(span, args)] = findings(text, **ORDINALS)
    assert span == "6"
    assert args == {"announcement": "以下6个方面", "announced": "6", "found": "5"}


def test_fewer_items_than_announced_in_chinese_numerals() -> None:
    [(span, args)] = findings("着力做好以下三项工作：一是加强学法。二是规范执法。", **ORDINALS)
    assert span == "三"
    assert args["found"] == "2"


def test_items_as_headings() -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n一、下一年度工作安排\n着力做好以下三项工作：\n"
        "（一）规范决策程序。一是健全目录。二是规范程序。三是加强审查。四是公开。\n"
        "（二）加强法治宣传。\n二、其他\n"
    )
    [(span, args)] = findings(text, **ORDINALS)
    assert (span, args["found"]) == ("三", "2")
    assert findings(text.replace("以下三项", "以下两项"), **ORDINALS) == []


@pytest.mark.parametrize(
    "text",
    [
        "着力做好以下工作：一是加强学法。二是规范执法。",  # no count announced
        "主要有以下3个方面的问题需要解决。具体分析如下。经研究，一是加强学法。二是规范执法。",
        "我们将在以下2个方面发力：一是加强学法，做到统一是非标准。二是规范执法。",
    ],
)
def test_silent_without_a_clear_run_after_the_announcement(text: str) -> None:
    assert findings(text, **ORDINALS) == []


def test_a_new_run_ends_the_items() -> None:
    text = "做好以下2个方面工作：一是加强学法。二是规范执法。另外，一是公开。二是监督。三是考核。"
    assert findings(text, **ORDINALS) == []


SEED_004_ONES = (
    "组织实施“九个一”普法活动：进行一次专题部署，印发一个工作方案，组建一个宣讲小组进行宣讲，"
    "举办一系列专题培训，组织一次知识竞赛，开设一个主题宣传专栏，打造一个普法特色品牌，"
    "开展一次政策制度清理，抓好一次检查落实活动，利用各类平台、活动持续开展宣传活动。"
)


def test_seed_004_nine_ones() -> None:
    assert findings(SEED_004_ONES, **ONES) == []
    [(span, args)] = findings(SEED_004_ONES.replace("九个一", "十个一"), **ONES)
    assert (span, args["found"]) == ("十", "9")


def test_ones_without_a_list_are_silent() -> None:
    assert findings("扎实开展“三个一”活动，效果明显。", **ONES) == []


def test_listed_system_count_with_either_reading_of_he() -> None:
    good = "全面推行行政执法“三项制度”（行政执法公示、执法全过程记录和重大执法决定法制审核）。"
    assert findings(good, **LIST) == []
    bad = (
        "全面推行行政执法“四项制度”（行政执法公示制度、执法全过程记录制度、"
        "重大执法决定法制审核制度）。"
    )
    [(span, args)] = findings(bad, **LIST)
    assert (span, args["found"]) == ("四", "3")


def test_list_with_commas_is_not_judged() -> None:
    assert findings("聚焦三大领域（营商环境，生态环保，社会治理）开展专项行动。", **LIST) == []
    assert findings("全面落实行政执法“三项制度”、行政执法责任制。", **LIST) == []


def test_pattern_needs_group_n() -> None:
    with pytest.raises(ParamError):
        AnnouncedCount(Params(pattern=["以下\\d个"], items="ordinals"))


def test_sections_announced_in_the_preamble_count_a_lost_numeral_heading() -> None:
    text = (
        "关于2024年法治政府建设情况报告\n现从以下3个方面报告如下。\n一、主要举措及成效\n略。\n"
        "二、存在问题\n略。\n、下步工作安排\n略。\n"
    )
    assert findings(text, **ORDINALS) == []
    assert findings(text.replace("以下3个", "以下4个"), **ORDINALS) == [
        ("4", {"announcement": "以下4个方面", "announced": "4", "found": "3"})
    ]


def test_announcement_inside_an_outer_item_is_not_judged() -> None:
    text = "一是加强学法。二是做好以下两项工作：一是健全制度，二是规范程序。三是强化监督。"
    assert findings(text, **ORDINALS) == []

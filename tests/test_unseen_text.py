"""Shapes of real published text the seeds never had: pages copied with their line breaks lost,
a crawler's record of the page above the text, titles run into the body, page chrome."""

from __future__ import annotations

import pytest

from lintreport.document.document import Document
from lintreport.run.runner import RunOptions, lint_text

BODY = "坚持依法行政，全面推进法治政府建设，各项工作取得明显成效。" * 12

FLATTENED = (
    "某区司法局关于2022年法治工作情况的报告 根据工作要求，现将有关情况总结如下："
    "一、工作开展情况（一）党政主要负责人履行推进法治建设第一责任人职责一是加强组织领导，"
    + BODY
    + "二是加强制度建设。（二）健全重大行政决策制度，加强法治建设一是严格执行集体决策制度。"
    + BODY
    + "二是落实合法性审查。二、存在问题在看到成绩的同时，我们也认识到一些问题，主要是人员不足，"
    "原因是培训不够。三、下一步工作计划（一）大力开展法治教育学习。（二）巩固法治建设基础。"
)


def test_headings_run_into_a_flattened_page_are_recognised() -> None:
    doc = Document.from_text(FLATTENED)
    got = [(h.level, h.number, h.title) for h in doc.structure.headings]
    assert got == [
        (1, 1, "工作开展情况"),
        (2, 1, "党政主要负责人履行推进法治建设第一责任人职责"),
        (2, 2, "健全重大行政决策制度，加强法治建设"),
        (1, 2, "存在问题在看到成绩的同时"),
        (1, 3, "下一步工作计划"),
        (2, 1, "大力开展法治教育学习"),
        (2, 2, "巩固法治建设基础"),
    ]
    assert all(h.run_in for h in doc.structure.headings)


def test_a_flattened_report_gets_no_structure_finding(default_packs) -> None:
    result = lint_text(FLATTENED, default_packs, options=RunOptions(year=2022))
    assert [v.rule for v in result.violations if v.category.value == "structure"] == []


@pytest.mark.parametrize(
    "text",
    [
        "本市一、二级指标全部完成。" * 60,  # an enumeration of levels, not headings
        "一、工作开展情况\n（一）深化学法。\n",  # short lines: ordinary headings
    ],
)
def test_no_run_in_heading_is_invented(text: str) -> None:
    doc = Document.from_text(text)
    assert not any(h.run_in for h in doc.structure.headings)


def test_title_run_into_the_body_is_the_title() -> None:
    text = (
        "秘书之家—全网资源每日更新www.mishuzj.com湖北省人民政府关于2023年度法治政府建设情况的报告"
        + (
            "2023年,省政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神。"
            * 3
        )
    )
    doc = Document.from_text(text)
    assert doc.metadata.title == "湖北省人民政府关于2023年度法治政府建设情况的报告"
    assert (doc.report_year, doc.metadata.year_source) == (2023, "title")


def test_a_crawler_record_gives_the_title_and_is_chrome() -> None:
    text = (
        "标题: 某县司法局关于2022年度法治政府建设情况的报告\n发布时间: 2023-03-31 10:09\n文号: \n"
        "发布机构: 某县司法局\n栏目: 工作进展情况\n原文链接: https://www.example.gov.cn/a.htm\n"
        "==================== 正文 ====================\n2022年，我局坚持依法行政。\n"
    )
    doc = Document.from_text(text)
    assert doc.metadata.title == "某县司法局关于2022年度法治政府建设情况的报告"
    # the 标题: field is the crawler's too: the title is read from it, the line is not prose
    assert doc.structure.chrome_lines == frozenset(range(1, 8))


@pytest.mark.parametrize(
    "line",
    [
        "您当前的位置：首页 > 政务公开 > 法治政府建设",
        "您所在的位置：首页»信息公开",
        "发布于：2024-03-20",
        "日期：2024-03-20",
        "今天是：2019年10月31日 星期三",
        "无障碍 简体|繁体 长者模式",
        "网站标识码：4401000042 粤ICP备09006188号",
        "粤公网安备 44010402000213号",
        "打印本页 关闭窗口",
        "【字体：大 中 小】",
    ],
)
def test_page_chrome_is_recognised(line: str) -> None:
    title = "某县人民政府关于2023年度法治政府建设情况的报告"
    text = f"{line}\n{title}\n县委：\n2023年，我县依法行政。\n"
    doc = Document.from_text(text)
    assert 1 in doc.structure.chrome_lines
    assert doc.metadata.title == "某县人民政府关于2023年度法治政府建设情况的报告"


@pytest.mark.parametrize(
    "line",
    ["（三）推进无障碍环境建设", "一、简体字规范使用", "首页设计更加美观，群众日期待更好服务"],
)
def test_report_text_is_not_chrome(line: str) -> None:
    text = f"某县人民政府关于2023年度法治政府建设情况的报告\n县委：\n{line}\n"
    assert 3 not in Document.from_text(text).structure.chrome_lines


def test_a_block_of_chrome_is_one_finding(default_packs) -> None:
    text = (
        "标题: 某县司法局关于2022年度法治政府建设情况的报告\n发布时间: 2023-03-31 10:09\n文号: \n"
        "发布机构: 某县司法局\n2022年，我局坚持依法行政。\n"
    )
    found = [v for v in lint_text(text, default_packs).violations if v.rule == "web-page-chrome"]
    assert [(v.line, v.end_line) for v in found] == [(1, 4)]
    assert "等 4 行" in found[0].message


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "今天是:2019年10月31日 星期三\n工作报告\n\n您所在的位置:政务公开 > 工作报告\n\n"
            "2020年静海区法治政府建设情况报告\n2020年，我区坚持依法行政。\n",
            "2020年静海区法治政府建设情况报告",
        ),
        (
            "城口县人民政府机关\n2020年政府信息公开工作年度报告\n本报告根据条例编制。\n",
            "城口县人民政府机关2020年政府信息公开工作年度报告",
        ),
        (
            "清水县人民政府2019年 政府信息公开工作年度报告 一、总体情况 2019年,清水县政府信息"
            + "公开工作以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。" * 3,
            "清水县人民政府2019年 政府信息公开工作年度报告",
        ),
        (
            "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据条例编制本报告。\n",
            "2024 年上海市科委政府信息公开工作年度报告",
        ),
        (
            "\n根据《中华人民共和国政府信息公开条例》等规定,现公布某市人民政府办公厅2023年政府"
            + "信息公开工作年度报告。本报告由总体情况等部分组成，所列数据统计期限为全年。" * 3,
            None,  # the report named inside a sentence is not a title
        ),
    ],
    ids=[
        "site-column-label",
        "organ-line-above",
        "run-in-without-guanyu",
        "wrapped-before-its-doc-type",
        "named-in-a-sentence",
    ],
)
def test_titles_as_published(text: str, title: str | None) -> None:
    assert Document.from_text(text).metadata.title == title


def test_a_font_size_widget_is_chrome() -> None:
    doc = Document.from_text(
        "2022年上海市政府信息公开工作年度报告\n\n字号:\n\n本年度报告根据条例编制。\n"
    )
    assert 3 in doc.structure.chrome_lines

"""Hard-wrapped prose (reports copied from PDF) is joined for the number checks, and what they
find is reported at the original line and column."""

from __future__ import annotations

from lintreport import lint_text
from lintreport.pack import load_packs
from lintreport.run.runner import RunOptions
from lintreport.text.reflow import reflow

WRAPPED = (
    "（二）依申请公开情况。定期对政府信息公开申请集中的领\n"
    "域和热点问题进行研判，探索从源头上解决实际问题。着力强化\n"
    "与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性\n"
    "- 2 -\n"
    "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，其\n"
    "中予以公开 1362 件，占 43.67%；部分公开 454 件，占 14.56%\n"
    "；不予公开 178 件，占 5.71%，均在法定期限内予以答复。政府\n"
    "信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64\n"
    "件，其他结果 178 件，尚未审结 37 件，均已按要求办理完毕。\n"
    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "行政规范性文件 8 26 66\n"
)


def test_wrapped_lines_are_joined_and_map_back() -> None:
    flowed = reflow(WRAPPED)
    assert flowed.changed
    assert "共受理政府信息公开申请 3119 件，其中予以公开 1362 件" in flowed.text
    assert "- 2 -" not in flowed.text  # a page number inside a paragraph is dropped
    assert "结果纠正 64件" in flowed.text
    # table rows stay rows
    assert "现行有效件数\n行政规范性文件 8 26 66" in flowed.text
    for i, ch in enumerate(flowed.text):
        original = WRAPPED[flowed.original(i)]
        assert original == ch or (ch == " " and original == "\n")


def test_digits_on_both_sides_of_a_break_stay_apart() -> None:
    text = "".join(f"全市共受理政府信息公开申请和咨询留言合计共{n}\n" for n in range(10, 16))
    flowed = reflow(text)
    assert "10 全市" not in flowed.text  # Han after the break: no space needed
    text = "全市共受理政府信息公开申请和咨询留言合计12\n3件，均已按要求办理完毕。\n" * 6
    assert "12 3件" in reflow(text).text


def test_one_paragraph_per_line_is_left_alone() -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n"
        "一、强部署明责任，着力提升法治质效\n"
        "一是抓“关键少数”。严格按照要求，聚焦“关键少数”，压实第一责任人职责。\n"
        "二是完善机制，健全制度保障。印发规则，推动政府决策有规可依。\n"
    )
    assert not reflow(text).changed


def test_a_defect_across_a_wrap_is_reported_at_the_original_position() -> None:
    packs = load_packs(["fazhi-annual"])
    text = WRAPPED.replace("占 14.56%", "占 16.56%")
    # the 政府信息公开 wording would classify it as another type: the number rules are asked for
    options = RunOptions(select=("number",), year=2024, report_type="fazhi-annual")
    result = lint_text(text, packs, options=options)
    found = [(v.rule, v.line, v.column, v.end_line, v.end_column) for v in result.violations]
    line = text.split("\n")[5]
    column = line.index("16.56%") + 1
    assert found == [("share-does-not-match-counts", 6, column, 6, column + 6)]
    assert "按 454 件占 3119 件计算，比例应为 14.56%" in result.violations[0].message
    consistent = lint_text(WRAPPED, packs, options=options)
    assert consistent.violations == ()
    assert consistent.documents[0].relations_checked

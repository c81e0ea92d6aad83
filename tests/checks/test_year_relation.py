"""year_relation: the plan section's year, reversed periods, dates after the closing date."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.year_relation import Params, YearRelation
from lintreport.document.document import Document

PERIOD = (
    r"(?<!\d)(?P<start>(?:19|20)\d{2})\s*年?\s*[-－—\u2013~\uff5e至到一]\s*"
    r"(?P<end>(?:19|20)\d{2})(?=\s*年|\s*[）)])"
)
DATE = r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[0-3]?\d)日)?"


def findings(text: str, year: int | None = 2023, **params: object) -> list[str]:
    check = YearRelation(Params(**params))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=year)
    return [text[f.start : f.end] for f in check.run(doc)]


def report(year: int, plan_heading: str, plan_body: str) -> str:
    return (
        f"关于{year}年度法治政府建设情况的报告\n一、{year}年工作推进情况\n"
        f"{year}年，我办扎实推进法治政府建设。\n二、存在问题和不足\n略。\n"
        f"{plan_heading}\n{plan_body}\n"
    )


def test_seed_001_plan_heading_names_the_next_year() -> None:
    text = report(2022, "三、2023年工作打算", "二是争取将有关情况列入2023年考核内容。")
    assert findings(text, 2022, check="plan_section") == []


def test_plan_heading_naming_the_report_year() -> None:
    text = report(2022, "三、2022年工作打算", "（一）进一步提高政治站位。")
    assert findings(text, 2022, check="plan_section") == ["2022"]


def test_seed_003_lost_numeral_plan_section_and_paragraph_year() -> None:
    body = "\u2003\u20032025年,市政府办公室将坚持以习近平新时代中国特色社会主义思想为指导。"
    text = report(2024, "、下步工作安排", body)
    assert findings(text, 2024, check="plan_section") == []
    assert findings(text.replace("2025年,", "2024年,"), 2024, check="plan_section") == ["2024"]


def test_plan_section_without_year_and_years_inside_sentences() -> None:
    text = report(
        2023,
        "四、下一年度法治政府建设的初步安排",
        "一是认真实施《法治政府建设实施纲要（2021—2025年）》，在2023年基础上继续推进。",
    )
    assert findings(text, 2023, check="plan_section") == []


def test_period_in_plan_heading_is_not_a_next_year_claim() -> None:
    text = report(2023, "三、2024—2025年工作打算", "略。")
    assert findings(text, 2023, check="plan_section") == []


def test_unknown_report_year_is_silent() -> None:
    text = "一、工作情况\n略。\n二、2022年工作打算\n略。\n"
    assert findings(text, None, check="plan_section") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("认真实施《法治政府建设实施纲要（2025—2021年）》。", ["2025—2021"]),
        ("出台合肥市法治政府建立规划（2025-2023）。", ["2025-2023"]),
        ("紧紧围绕《法治保山建设规划(2021一2025年)》。", []),
        ("时间:2025-03-01", []),
    ],
)
def test_reversed_period(text: str, expected: list[str]) -> None:
    assert findings(text, check="period", pattern=PERIOD) == expected


CLOSED = (
    "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n特此报告。\n2023年12月15日\n"
)


def test_date_after_the_closing_date() -> None:
    text = CLOSED.format(body="2024年1月10日，召开专题会议。2023年12月10日，开展检查。")
    assert findings(text, check="after_closing", pattern=DATE) == ["2024年1月10日"]


@pytest.mark.parametrize(
    "body",
    [
        "拟于2024年3月底前完成清理。",
        "2023年12月，开展检查。",
        "计划2024年2月召开会议。",
    ],
)
def test_future_and_same_month_dates_are_fine(body: str) -> None:
    assert findings(CLOSED.format(body=body), check="after_closing", pattern=DATE) == []


def test_no_closing_date_no_check() -> None:
    text = "一、主要举措和成效\n2024年1月10日，召开专题会议。\n"
    assert findings(text, check="after_closing", pattern=DATE) == []


def test_period_needs_its_groups() -> None:
    with pytest.raises(ParamError):
        YearRelation(Params(check="period", pattern="(?P<start>\\d{4})"))


def test_a_look_back_opening_the_plan_section_is_not_a_plan() -> None:
    body = "\u2003\u20032024年,市政府办公室法治政府建设虽然取得一定成绩,但仍有差距。"
    assert findings(report(2024, "、下步工作安排", body), 2024, check="plan_section") == []


def test_heading_with_two_years_checks_the_one_of_the_plan() -> None:
    text = report(2022, "三、2022年存在的问题和2023年工作打算", "略。")
    assert findings(text, 2022, check="plan_section") == []
    text = report(2022, "三、存在的问题和下一步工作打算（2022年）", "略。")
    assert findings(text, 2022, check="plan_section") == ["2022"]


def test_markdown_plan_section() -> None:
    text = (
        "# 关于2023年度法治政府建设情况的报告\n\n## 主要举措\n\n略。\n\n## 2023年工作打算\n\n略。\n"
    )
    check = YearRelation(Params(check="plan_section"))
    doc = Document.from_text(text, "draft.md", year=2023)
    assert [text[f.start : f.end] for f in check.run(doc)] == ["2023"]

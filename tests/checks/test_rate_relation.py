"""rate_relation: a rate and the counts it is computed from, in one sentence."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.rate_relation import Params, Rate, RateRelation
from lintreport.document.document import Document

RATES = [
    Rate(name="受理率", numerator=["受理"], denominator=["收到", "接收"]),
    Rate(name="办结率", numerator=["办结"], denominator=["受理", "收到"]),
    Rate(name="答复率", numerator=["答复"], denominator=["受理", "收到"]),
    Rate(name="结案率", numerator=["结案", "审结"], denominator=["受理"]),
    Rate(name="出庭率", numerator=["出庭"], denominator=["开庭", "应诉"]),
    Rate(name="出庭应诉率", numerator=["出庭"], denominator=["开庭", "应诉"]),
    Rate(name="纠错率", numerator=["纠错"], denominator=["审结"]),
]
PREFIXES = ["行政机关负责人", "负责人", "行政复议", "全年"]


def findings(text: str, **params: object) -> list[tuple[str, dict[str, str]]]:
    values: dict[str, object] = {"rates": RATES, "prefixes": PREFIXES}
    values.update(params)
    check = RateRelation(Params(**values))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=2023)
    return [(text[f.start : f.end], dict(f.args)) for f in check.run(doc)]


def test_seed_002_rates_are_correct() -> None:
    text = (
        "全年市政府收到行政复议申请418件，同比增长39.3%，受理363件，受理率86.8%; 审结307件，"
        "准期结案率100%，直接纠错率44.6%，综合纠错率52.4%。全市全年已开庭行政诉讼案件1095件，"
        "实际出庭728件，出庭率66.5%。"
    )
    assert findings(text) == []


def test_wrong_rate_points_at_the_rate_and_shows_the_arithmetic() -> None:
    [(span, args)] = findings("全年收到行政复议申请120件，受理96件，受理率85%。")
    assert span == "85%"
    assert args == {
        "rate": "受理率",
        "numerator": "96",
        "denominator": "120",
        "unit": "件",
        "expected": "80.0",
        "stated": "85",
    }


def test_rate_before_its_counts_and_with_a_link_word() -> None:
    [(span, _)] = findings("出庭应诉率达到70%，全年开庭案件100件，负责人出庭60件。")
    assert span == "70%"


@pytest.mark.parametrize(
    ("numerator", "denominator", "stated", "ok"),
    [
        (3470, 4000, "86.8%", True),  # 86.75: rounds up to 86.8
        (3474, 4000, "86.8%", True),  # 86.85: the upper rounding edge
        (3468, 4000, "86.8%", False),  # 86.70
        (3475, 4000, "86.8%", True),  # 86.875: truncated, not rounded, to 86.8
        (3476, 4000, "86.8%", False),  # 86.90: neither rounds nor truncates to 86.8
        (3480, 4000, "86.8%", False),  # 87.00
    ],
)
def test_rounding_edges(numerator: int, denominator: int, stated: str, ok: bool) -> None:
    text = f"收到申请{denominator}件，受理{numerator}件，受理率{stated}。"
    assert (findings(text) == []) is ok


def test_truncation_can_be_turned_off() -> None:
    text = "收到申请4000件，受理3475件，受理率86.8%。"  # 86.875
    assert findings(text, allow_truncation=False) != []


def test_chinese_numerals_and_approximate_counts() -> None:
    assert findings("收到申请一百二十件，受理九十六件，受理率为85%。") != []
    assert findings("全年受理投诉500件，办结400余件，办结率90%。") == []
    [(span, _)] = findings("全年受理投诉500件，办结近400件，办结率95%。")
    assert span == "95%"


@pytest.mark.parametrize(
    "text",
    [
        "办理转办留言线索262件，答复率、办理反馈率均为100%。",  # shared rate, no counts
        "完成政府常务会议定事项销号159项，销号率达80.3%。",  # rate not declared
        "全年收到申请120件，受理96件、不予受理24件，受理率80%。",
        "全年收到申请120件、接收转来申请10件，受理96件，受理率50%。",  # two denominators
        "受理363件，审结307件，准期结案率50%。",  # qualified: a different rate
        "出庭应诉人员50人，开庭案件100件，出庭率50%。",  # units differ
        "全年市本级受理237件，答复率100%。",
        "直接纠错率44.6%，综合纠错率52.4%。",
    ],
)
def test_silent_when_the_pairing_is_not_made(text: str) -> None:
    assert findings(text) == []


def test_rate_names_must_end_in_lv() -> None:
    with pytest.raises(ParamError):
        RateRelation(Params(rates=[Rate(name="受理", numerator=["a"], denominator=["b"])]))


def test_possessive_scope_before_the_rate_name() -> None:
    [(span, _)] = findings("全年收到申请120件，受理96件，行政复议申请的受理率为85%。")
    assert span == "85%"

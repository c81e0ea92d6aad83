"""figure_relation: a pattern with named figure captures and a declared relation."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.figure_relation import FigureRelation, Params
from lintreport.document.document import Document

APPEARANCES = (
    r"(?:开庭|应诉)\p{Han}{0,8}?案件(?:数)?(?P<base>{figure})[，,、；]\p{Han}{0,10}?"
    r"出庭(?:应诉)?(?:案件)?(?P<part>{figure})"
)


def findings(text: str, **params: object) -> list[tuple[str, dict[str, str]]]:
    values: dict[str, object] = {"pattern": [APPEARANCES], "expect": "part <= base"}
    values.update(params)
    check = FigureRelation(Params(**values))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=2023)
    return [(text[f.start : f.end], dict(f.args)) for f in check.run(doc)]


def test_relation_fails_and_points_at_the_named_group() -> None:
    [(span, args)] = findings("全年开庭行政诉讼案件100件，实际出庭120件。", point_at="part")
    assert span == "120件"
    assert (args["left"], args["right"]) == ("120", "100")


def test_whole_match_without_point_at() -> None:
    [(span, _)] = findings("全年开庭行政诉讼案件100件，实际出庭120件。")
    assert span.startswith("开庭") and span.endswith("120件")


@pytest.mark.parametrize(
    "text",
    [
        "全市全年已开庭行政诉讼案件1095件，实际出庭728件。",
        "全年开庭行政诉讼案件100件，负责人出庭120人次。",  # units differ
        "全年开庭案件近百件，负责人出庭95件。",  # approximate base
    ],
)
def test_holds_or_not_comparable(text: str) -> None:
    assert findings(text) == []


def test_chinese_numerals() -> None:
    assert findings("全年应诉案件八十件，负责人出庭应诉九十件。") != []


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"expect": "part <="}, "expect"),
        ({"expect": "part <= total"}, "expect"),  # no group named total
        ({"point_at": "other"}, "point_at"),
    ],
)
def test_parameter_errors(params: dict[str, object], key: str) -> None:
    values: dict[str, object] = {"pattern": [APPEARANCES], "expect": "part <= base"}
    values.update(params)
    with pytest.raises(ParamError) as info:
        FigureRelation(Params(**values))  # type: ignore[arg-type]
    assert info.value.key == key


CHANGE = (
    r"由(?P<prev>{figure})(?:减少|下降|压减|降|减)(?:到|至)(?P<cur>{figure})[，,]?"
    r"(?:同比)?(?:减少|下降|缩短)了?(?P<pct>{figure})"
)


def test_arithmetic_relation_with_rounded_figures_and_expected_value() -> None:
    params = {
        "pattern": [CHANGE],
        "expect": "(prev - cur) / prev * 100 == pct",
        "same_unit": False,
        "point_at": "pct",
    }
    text = "平均办理时长由6.5个工作日压减至5.7个工作日，缩短12.3%。"
    assert findings(text, **params) == []
    [(span, args)] = findings(text.replace("12.3%", "20%"), **params)
    assert span == "20%"
    assert args["expected"] == "12.3"

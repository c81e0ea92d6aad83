"""quantities: figures in report Chinese read as intervals."""

from __future__ import annotations

import math

import pytest

from lintreport.text.quantities import Interval, find_quantities, parse_quantity, sentences


def q(text: str):
    parsed = parse_quantity(text)
    assert parsed is not None, text
    return parsed


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,234件", 1234, "件"),
        ("1.2万", 12000, ""),
        ("44万件", 440000, "件"),
        ("6亿元", 600_000_000, "元"),
        ("十四次", 14, "次"),
        ("一百二十人", 120, "人"),
        ("两个", 2, "个"),
        ("160余人次", 160, "人次"),
        ("86.8%", 86.8, "%"),
        ("\uff15\uff05", 5, "%"),  # full-width digit and percent sign
    ],
)
def test_values_and_units(text: str, value: float, unit: str) -> None:
    parsed = q(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.unit == unit


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("22件", 22, 22),
        ("110余件", 110, 120),
        ("千余条", 1000, 2000),
        ("十余次", 10, 20),
        ("300余本", 300, 400),
        ("200多篇", 200, 300),
        ("1万余条", 10000, 20000),
        ("10余万人", 100_000, 200_000),
        ("近44万件", 430_000, 440_000),
        ("约6亿元", 500_000_000, 700_000_000),
        ("50人左右", 40, 60),
        ("1.2万", 11500, 12500),
        ("86.8%", 86.75, 86.85),
        ("66%", 65.5, 66.5),
        ("近十余次", 0, 20),
    ],
)
def test_approximations_are_intervals(text: str, low: float, high: float) -> None:
    interval = q(text).interval
    assert interval.low == pytest.approx(low)
    assert interval.high == pytest.approx(high)


def test_open_ended_markers() -> None:
    assert q("99%以上").interval.high == math.inf
    assert q("超过96%").interval == Interval(95.5, math.inf)  # keeps the rounding of 96%
    assert q("不足10人").interval == Interval(0, 10)
    assert q("5人以下").interval == Interval(0, 5)


def test_exactness_flags() -> None:
    assert not q("363件").approximate
    assert q("110余件").approximate
    assert q("近44万件").approximate
    assert q("1.2万").approximate  # rounded to the thousand


def test_bare_chinese_numerals_are_words_not_figures() -> None:
    found = [x.text for x in find_quantities("坚持统一领导，学习党的十九大精神，一是加强学法。")]
    assert found == []


def test_find_quantities_offsets_point_into_the_text() -> None:
    text = "全年收到申请418件，受理363件，受理率86.8%。"
    found = find_quantities(text)
    assert [text[x.start : x.end] for x in found] == ["418件", "363件", "86.8%"]


def test_interval_relations() -> None:
    approx = q("近百件").interval
    assert approx.meets(Interval.exact(95))  # 近百 can equal 95
    assert not q("300余本").interval.may_be_at_most(Interval.exact(200))
    ratio = Interval.exact(363) / Interval.exact(418) * Interval.exact(100)
    assert ratio.meets(q("86.8%").interval)
    assert not ratio.meets(q("86.7%").interval)
    assert (Interval.exact(1) / Interval(0, 1)).high == math.inf


@pytest.mark.parametrize(("computed", "ok"), [(86.75, True), (86.85, True), (86.7, False)])
def test_percent_rounding_edges(computed: float, ok: bool) -> None:
    assert Interval.exact(computed).meets(q("86.8%").interval) is ok


def test_sentences_split_on_full_and_half_width_ends() -> None:
    text = "受理率86.8%; 审结307件。下一句\n新行"
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == ["受理率86.8%", " 审结307件", "下一句", "新行"]


def test_a_space_before_the_unit_is_tolerated() -> None:
    assert q("120 件").unit == "件"

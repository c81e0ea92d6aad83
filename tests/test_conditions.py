"""The `when:` mini-language parses without eval and treats unknown values as false."""

from __future__ import annotations

import pytest

from lintreport.pack.conditions import ConditionError, parse_condition


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("report_year >= 2023", {"report_year": 2023}, True),
        ("report_year >= 2023", {"report_year": 2022}, False),
        ("report_year >= 2023", {"report_year": None}, False),
        ("report_year < 2023", {"report_year": None}, False),
        (
            'report_type == "fazhi-annual" and report_year > 2020',
            {"report_type": "fazhi-annual", "report_year": 2021},
            True,
        ),
        ("report_year == 2020 or report_year == 2021", {"report_year": 2021}, True),
        ("not (report_year >= 2021)", {"report_year": 2020}, True),
        ("report_year == null", {"report_year": None}, True),
    ],
)
def test_conditions(text: str, values: dict, expected: bool) -> None:
    assert parse_condition(text).holds(values) is expected


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("report_yaer >= 2023", 0),
        ("report_year => 2023", 12),
        ("report_year >= ", 15),
        ("__import__('os')", 0),
        ("report_year >= 2023 extra", 20),
    ],
)
def test_bad_conditions_point_at_the_problem(text: str, pos: int) -> None:
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    assert info.value.pos == pos

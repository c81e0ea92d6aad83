"""relations: the safe evaluator for declared relations, on intervals."""

from __future__ import annotations

import pytest

from lintreport.text.quantities import Interval, parse_quantity
from lintreport.text.relations import Relation


def iv(text: str) -> Interval:
    q = parse_quantity(text)
    assert q is not None
    return q.interval


def test_parse_and_names() -> None:
    rel = Relation.parse("a + b * 2 == (total - c) / 1")
    assert rel.names == {"a", "b", "total", "c"}
    assert rel.op == "=="


@pytest.mark.parametrize(
    ("expect", "values", "holds"),
    [
        ("part <= total", {"part": "300余本", "total": "200本"}, False),
        ("part <= total", {"part": "近百件", "total": "95件"}, True),
        ("a + b == total", {"a": "10件", "b": "12件", "total": "25件"}, False),
        ("a + b == total", {"a": "10余件", "b": "12件", "total": "25件"}, True),
        ("num / den * 100 == rate", {"num": "363件", "den": "418件", "rate": "86.8%"}, True),
        ("num / den * 100 == rate", {"num": "96件", "den": "120件", "rate": "85%"}, False),
        ("a < b", {"a": "5件", "b": "5件"}, False),
        ("a >= b", {"a": "5件", "b": "5件"}, True),
        ("a > b", {"a": "5件", "b": "4件"}, True),
    ],
)
def test_holds_on_intervals(expect: str, values: dict[str, str], holds: bool) -> None:
    rel = Relation.parse(expect)
    assert rel.holds({k: iv(v) for k, v in values.items()}) is holds


def test_tolerance() -> None:
    rel = Relation.parse("a == b")
    assert rel.holds({"a": Interval.exact(10), "b": Interval.exact(11)}, tolerance=1)


@pytest.mark.parametrize(
    "bad",
    ["a + b", "a <= b <= c", "__import__('os')", "a.b == 1", "(a == b", "a == ", "a ** 2 == b"],
)
def test_rejects_anything_but_one_comparison(bad: str) -> None:
    with pytest.raises(ValueError):
        Relation.parse(bad)

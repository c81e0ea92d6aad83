"""The fast paths of the per-finding loop give the same answers as the plain ones."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from lintreport.document import Document
from lintreport.messages import render, render_finding
from lintreport.model import Category, Fix, Severity, Violation


@given(
    st.text(alphabet="ab\n。", max_size=40),
    st.integers(min_value=-3, max_value=45),
    st.integers(min_value=-3, max_value=45),
)
def test_span_position_equals_two_positions(text: str, start: int, end: int) -> None:
    doc = Document.from_text(text)
    assert doc.span_position(start, end) == doc.position(start) + doc.position(end)


def test_render_finding_equals_render_of_merged_values() -> None:
    document = {"report_year": 2023, "next_year": 2024, "report_type": None, "title": "T"}
    for template in ("无占位符", "{match}应为{replacement}", "{report_year}年{title}{report_type}"):
        for args in ({}, {"match": "a", "replacement": "b"}, {"title": None, "match": 0}):
            expected = render(template, {**document, **args})
            assert render_finding(template, args, document) == expected


def test_violation_pickles_to_an_equal_violation() -> None:
    for fix in (None, Fix("x", safe=False)):
        v = Violation(
            "a.txt", 1, 2, 3, 4, "r", Category.WORDING, Severity.WARNING, "m", "s", fix, 5, 9
        )
        assert pickle.loads(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) == v

"""The fast paths of the per-finding loop and of the JSON output give the same answers as the
plain ones."""

from __future__ import annotations

import io
import json
import pickle

from hypothesis import given
from hypothesis import strategies as st

from lintreport.document.document import Document
from lintreport.formats.json_format import JsonFormatter, result_dict
from lintreport.messages import render, render_finding
from lintreport.model import (
    Category,
    DocumentInfo,
    FileError,
    Fix,
    RunResult,
    Severity,
    Violation,
)


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


@given(
    st.lists(
        st.tuples(
            st.text(max_size=8),
            st.integers(min_value=0, max_value=10**6),
            st.one_of(st.none(), st.text(max_size=5)),
            st.one_of(st.none(), st.text(max_size=5)),
        ),
        max_size=5,
    ),
    st.booleans(),
)
def test_json_output_equals_json_dumps(
    items: list[tuple[str, int, str | None, str | None]], with_error: bool
) -> None:
    violations = tuple(
        Violation(
            'a\\b"c.txt',
            n,
            n + 1,
            n + 2,
            n + 3,
            "rule-id",
            Category.WORDING,
            Severity.ERROR,
            message,
            suggestion,
            None if replacement is None else Fix(replacement),
            0,
            1,
        )
        for message, n, suggestion, replacement in items
    )
    docs = (DocumentInfo("a.txt", None, 2023, "标题\u2028"),)
    errors = (FileError("b.txt", "坏\x00"),) if with_error else ()
    result = RunResult(docs, violations, errors)
    stream = io.StringIO()
    JsonFormatter().render(result, stream, color=False)
    expected = json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n"
    assert stream.getvalue() == expected

"""The fast indented JSON writer must produce exactly json.dumps(..., indent=2) bytes."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintreport.formats._json_indent import dump_indented, dumps_indented

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


def _reference(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


@given(values)
@settings(max_examples=300, deadline=None)
def test_same_bytes_as_json_dumps(obj: Any) -> None:
    assert dumps_indented(obj) == _reference(obj)


@pytest.mark.parametrize(
    "obj",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}], "d": [[]]},
        {"引号": '"\\\n\t\x00\u2028法治', 7: 2, 1.5: None, True: False, None: 0},
        ("tuple", 1),
        {"nested": {"fix": {"replacement": "，"}}, "n": -0.0},
    ],
)
def test_edge_cases(obj: Any) -> None:
    assert dumps_indented(obj) == _reference(obj)


def test_streamed_in_pieces_same_bytes() -> None:
    big = {"violations": [{"n": i, "fix": {"r": "，"}, "s": [i, "x"]} for i in range(5000)]}
    stream = io.StringIO()
    dump_indented(big, stream)
    assert stream.getvalue() == _reference(big)


def test_unknown_type_raises() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"x": object()})

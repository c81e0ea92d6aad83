"""heading_numeral: 1、 at level 3 and a mark after （一）."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.heading_numeral import HeadingNumeral, Params
from lintreport.document.document import Document

TEXT = "一、主要举措\n（一）、加强领导\n1、健全制度。\n2.完善机制。\n(二):强化监督\n"


def run(params: Params, text: str = TEXT) -> list[tuple[str, str | None]]:
    doc = Document.from_text(text, "x.txt")
    return [(text[f.start : f.end], f.replacement) for f in HeadingNumeral(params).run(doc)]


def test_level3_dunhao() -> None:
    assert run(Params(styles=["1、"], replace="{number}.")) == [("1、", "1.")]


def test_mark_after_bracket_numeral() -> None:
    params = Params(styles=["（一）", "(一)"], after="、.．:：,，")
    assert run(params) == [("、", ""), (":", "")]


def test_numbers_in_running_text_and_page_markers_are_not_headings() -> None:
    text = "一、主要举措\n全年办理1、2类案件。\n"
    assert run(Params(styles=["1、"], replace="{number}."), text) == []


def test_replace_xor_after() -> None:
    with pytest.raises(ParamError):
        HeadingNumeral(Params(styles=["1、"]))
    with pytest.raises(ParamError):
        HeadingNumeral(Params(styles=["1、"], replace="{number}.", after="、"))

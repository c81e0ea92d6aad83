"""heading_numbering: sequence, lost numeral, sibling style and parent level of headings."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.heading_numbering import HeadingNumbering, Params
from lintreport.document.document import Document

REASONS = {"gap": "跳号", "repeat": "重复", "backward": "倒退", "run_on": "未重新编号"}


def run(check: str, text: str) -> list[tuple[str, dict[str, str]]]:
    params = Params(check=check, reasons=REASONS if check == "sequence" else {})
    doc = Document.from_text(text, "x.txt")
    return [(text[f.start : f.end], dict(f.args)) for f in HeadingNumbering(params).run(doc)]


def test_gap_names_the_expected_numeral() -> None:
    found = run("sequence", "一、甲\n二、乙\n四、丁\n")
    assert [(m, a["expected"], a["reason"]) for m, a in found] == [("四、", "三、", "跳号")]


def test_repeat_and_backward() -> None:
    found = run("sequence", "一、甲\n（一）子\n（一）子\n（三）子\n（二）子\n")
    assert [(m, a["expected"], a["reason"]) for m, a in found] == [
        ("（一）", "（二）", "重复"),
        ("（三）", "（二）", "跳号"),
        ("（二）", "（四）", "倒退"),
    ]


def test_sublist_restarts_under_each_parent() -> None:
    assert run("sequence", "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n1.孙\n2.孙\n") == []


def test_sublist_running_on_in_a_document_that_restarts_is_one_finding() -> None:
    text = "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n三、丙\n（二）子\n（三）子\n"
    found = run("sequence", text)
    assert [(m, a["expected"], a["reason"]) for m, a in found] == [
        ("（二）", "（一）", "未重新编号")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一、甲\n（一）子\n（二）子\n二、乙\n（三）子\n（四）子\n",
        "一、甲\n（一）子\n1.丑\n2.丑\n（二）子\n3.丑\n4.丑\n二、乙\n（三）子\n5.丑\n",
    ],
    ids=["level-2", "levels-2-and-3"],
)
def test_numbering_through_the_document_is_a_style_not_an_error(text: str) -> None:
    assert run("sequence", text) == []


def test_a_gap_in_continuous_numbering_is_still_a_gap() -> None:
    found = run("sequence", "一、甲\n1.丑\n2.丑\n二、乙\n3.丑\n三、丙\n5.丑\n")
    assert [(m, a["expected"]) for m, a in found] == [("5.", "4.")]


def test_half_width_style_keeps_its_style_in_the_expected_numeral() -> None:
    found = run("sequence", "一、甲\n(一)子\n(三)子\n")
    assert [(m, a["expected"]) for m, a in found] == [("(三)", "(二)")]


def test_lost_numeral_seed_003() -> None:
    text = (
        "  一、主要举措及成效\n  (一)提高政治站位。\n  二、存在问题\n"
        "  、下步工作安排\n  (一)规范决策。\n"
    )
    found = run("lost_numeral", text)
    assert [(m, a["expected"], a["heading"]) for m, a in found] == [("、", "三、", "下步工作安排")]
    # the lost heading counts as 三、: nothing after it is out of sequence
    assert run("sequence", text) == []


def test_style_differs_from_siblings() -> None:
    found = run("style", "一、甲\n（一）子\n(二)子\n（三）子\n1.孙\n2、孙\n")
    assert [(m, a["expected"]) for m, a in found] == [("(二)", "（二）"), ("2、", "2.")]


def test_consistent_nonstandard_style_is_not_a_style_finding() -> None:
    assert run("style", "一、甲\n(一)子\n(二)子\n二、乙\n(一)子\n") == []


def test_parent_missing() -> None:
    found = run("parent", "（一）前言\n一、甲\n（一）子\n（1）细目\n二、乙\n（1）细目\n")
    assert [(m, a["parent"]) for m, a in found] == [("（一）", "一、"), ("（1）", "1.")]


def test_two_level_document_may_skip_level_two() -> None:
    assert run("parent", "一、甲\n1.孙\n2.孙\n") == []
    assert run("parent", "（一）子\n（二）子\n") == []


def test_page_markers_of_a_sharing_copy_are_not_numbered_headings() -> None:
    text = (
        "《报告.doc》由会员分享,可在线阅读\n1、 报告;一、甲 一是……\n2、乙。 二、乙 一是……\n3、丙\n"
    )
    assert run("sequence", text) == []
    assert run("style", text) == []


def test_sequence_needs_every_reason() -> None:
    with pytest.raises(ParamError):
        HeadingNumbering(Params(check="sequence", reasons={"gap": "跳号"}))
    with pytest.raises(ParamError):
        HeadingNumbering(Params(check="style", reasons={"skip": "x"}))


def test_attachment_restarts_numbering() -> None:
    text = "一、甲\n二、乙\n特此报告。\n附件：清单\n一、制度\n二、执法\n"
    params = Params(
        check="sequence", reasons=REASONS, restart_after=[r"(?m)^\s*附件\s*\d*\s*[：:]"]
    )
    doc = Document.from_text(text, "x.txt")
    assert list(HeadingNumbering(params).run(doc)) == []
    assert len(run("sequence", text)) == 1  # without the setting the attachment looks like a repeat

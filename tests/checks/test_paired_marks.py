"""paired_marks: unbalanced paired punctuation within a paragraph."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.paired_marks import PairedMarks, Params
from lintreport.document.document import Document


def unpaired(text: str, path: str = "x.txt") -> list[tuple[int, str]]:
    doc = Document.from_text(text, path)
    return [(f.start, f.args["mark"]) for f in PairedMarks(Params()).run(doc)]


def test_unclosed_quote_points_at_the_opening_mark() -> None:
    text = "聚焦“防范金融诈骗宣传、安全生产宣传等活动。"
    assert unpaired(text) == [(2, "“")]


def test_unopened_closing_marks() -> None:
    text = "印发《方案》》，落实工作）。"
    assert unpaired(text) == [(6, "》"), (12, "）")]


def test_balanced_marks_of_every_kind() -> None:
    text = "开展“谁执法谁普法”‘小’【专栏】（一）《关于印发〈纲要（2021—2025年）〉的通知》。"
    assert unpaired(text) == []


def test_quote_spanning_a_line_break_in_one_paragraph() -> None:
    text = "大力推进“谁执法\n谁普法”普法责任制。\n"
    assert unpaired(text) == []


def test_quote_spanning_lines_in_markdown() -> None:
    text = "# 报告\n\n全面落实“谁执法谁普法”普法\n责任制，开展“法治\n宣传”活动。\n"
    assert unpaired(text, "draft.md") == []


def test_each_paragraph_balances_on_its_own() -> None:
    text = "第一段有“引号。\n\n第二段”另有。\n"
    assert unpaired(text) == [(4, "“"), (13, "”")]


def test_apostrophe_is_not_a_closing_quote() -> None:
    assert unpaired("英文 it’s fine，中文‘单引号’。") == []


def test_bad_pairs_are_rejected() -> None:
    with pytest.raises(ParamError):
        PairedMarks(Params(pairs=["“"]))


def test_list_enumerators_are_not_closing_brackets() -> None:
    text = "主要措施：1）完善制度；2）强化监督。\n一）加强领导。\n"
    assert unpaired(text) == []
    assert unpaired("完善制度2）。") == [(5, "）")]


def test_quote_across_a_hard_wrapped_sentence_end() -> None:
    text = "他强调：“今年完成任务。\n明年继续推进。”会议要求落实。\n"
    assert unpaired(text) == []


def test_carried_marks_go_one_paragraph_forward_only() -> None:
    text = "第一段有“引号。\n第二段没有。\n第三段”另有。\n"
    assert unpaired(text) == [(4, "“"), (19, "”")]
    assert unpaired("第一段有“引号。\n\n第二段”另有。\n") == [(4, "“"), (13, "”")]

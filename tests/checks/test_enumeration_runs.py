"""enumeration_runs: 一是/二是 and 第一，第二 runs within paragraphs and headings."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.enumeration_runs import EnumerationRuns, Params
from lintreport.document.document import Document

SHI = r"(?m)(?:^|(?<=[。；;：:！？!?，,、）)\s]))(?P<num>(?P<n>[一二三四五六七八九十]{1,3})是)"
DI = (
    r"(?m)(?:^|(?<=[。；;：:！？!?）)\s]))"
    r"(?P<num>第(?P<n>[一二三四五六七八九十]{1,2}))(?=[，,、：:])"
)
REASONS = {"gap": "跳号", "repeat": "重复", "backward": "倒退"}


def run(text: str, pattern: str = SHI, render: str = "{n}是", **kw: bool) -> list[tuple[str, str]]:
    params = Params(pattern=pattern, render=render, reasons=REASONS, **kw)
    doc = Document.from_text(text, "x.txt")
    return [(text[f.start : f.end], f.args["expected"]) for f in EnumerationRuns(params).run(doc)]


def test_in_order() -> None:
    assert run("一、甲\n一是健全。二是强化，三是加强。\n") == []


def test_gap_repeat_backward() -> None:
    assert run("一是甲。三是乙。\n") == [("三是", "二是")]
    assert run("一是甲。二是乙。二是丙。\n") == [("二是", "三是")]
    assert run("一是甲。二是乙。三是丙。二是丁。\n") == [("二是", "四是")]


def test_runs_restart_at_headings_and_at_一是() -> None:
    assert run("一、甲\n一是甲。二是乙。\n二、乙\n一是甲。二是乙。\n") == []
    assert run("（一）甲。一是甲。二是乙。\n（二）乙。一是甲。二是乙。\n") == []


def test_one_item_per_paragraph_continues_the_run() -> None:
    text = "四、安排\n\n一是完善机制。\n\n二是强化行政。\n\n三是加强宣传。\n"
    assert run(text) == []
    assert run(text, across_paragraphs=False) == [("二是", "一是"), ("三是", "一是")]


def test_words_containing_是_are_not_enumerators() -> None:
    assert run("坚持统一是前提。唯一是指。这是二是的问题\n") == []


def test_ordinals() -> None:
    text = "第一，健全制度。第二，强化培训。第四，加强监督。压实第一责任人职责。第一季度完成。\n"
    assert run(text, DI, "第{n}") == [("第四", "第三")]


def test_pattern_needs_group_n() -> None:
    with pytest.raises(ParamError):
        EnumerationRuns(Params(pattern="一是", render="{n}是", reasons=REASONS))

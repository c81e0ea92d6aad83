"""pattern kind, `expand: sentence`: a keyword pattern reports the whole sentence around it, once
per sentence, exactly as a pattern that scans the sentence itself would, at a fraction of the
cost (the scanning form is tried at every position of the text)."""

from __future__ import annotations

import random

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.pattern import Params, Pattern
from lintreport.document.document import Document

KEYWORDS = r"(?P<marker>由会员分享|淘文阁|\d+页珍藏版|doc88\.com)"
SCANNING = r"(?<![^\n。])[^\n。]*?" + KEYWORDS + r"[^\n。]*。?"


def spans(kind: Pattern, text: str) -> list[tuple[int, int, str, str]]:
    doc = Document.from_text(text, "draft.txt")
    return [(f.start, f.end, f.args["match"], f.args["marker"]) for f in kind.run(doc)]


def test_reports_the_sentence_once() -> None:
    kind = Pattern(Params(pattern=[KEYWORDS], expand="sentence"))
    text = "第一句。本文由会员分享，请在淘文阁搜索。第三句\n第二行淘文阁"
    assert spans(kind, text) == [
        (4, 20, "本文由会员分享，请在淘文阁搜索。", "由会员分享"),
        (24, 30, "第二行淘文阁", "淘文阁"),
    ]


def test_same_findings_as_the_scanning_pattern() -> None:
    rng = random.Random(20231231)
    pieces = [
        "。",
        "\n",
        "淘文阁",
        "由会员分享",
        "由会员",
        "a",
        "法治",
        "12页珍藏版",
        "doc88.com",
        "，",
    ]
    for scope in ("all", "body"):
        fast = Pattern(Params(pattern=[KEYWORDS], expand="sentence", scope=scope))
        slow = Pattern(Params(pattern=[SCANNING], scope=scope))
        for _ in range(2000):
            text = "x" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
            assert spans(fast, text) == spans(slow, text), text


def test_expand_is_for_patterns_only() -> None:
    with pytest.raises(ParamError) as err:
        Pattern(Params(terms={"法制政府": "法治政府"}, expand="sentence"))
    assert err.value.key == "expand"

"""`scope: body` scans the whole text once for patterns whose matches stay inside a line, and
line by line for the others: the findings are those of a scan of each body line alone."""

from __future__ import annotations

import random

import pytest

from lintreport.checks.pattern import Params, Pattern
from lintreport.document.document import Document

TITLE = "关于2023年度法治政府建设情况的报告\n"
PIECES = ["。", "\n", "法制", "法制政府", "政府", "第", "1", "12", " ", "\u3000", "a", "，"]
# (pattern, scanned whole): the second group could see or match a line's edge
PATTERNS = [
    ("法制(?:政府)?", True),
    (r"(?<!第)\d+", True),
    (r"法制(?=政府)|政府(?!法)", True),
    (r"[^。，\n]{2,4}政府", True),
    (r"\d+(?:\.\d+)?%?", True),
    (r"政府$", False),
    (r"^法制", False),
    (r"\s+政府", False),
    (r"法制[^。]{0,3}", False),  # [^。] takes a newline
    (r"[^。，]{2,4}政府", False),
    (r"\b\d", False),
]


def findings(kind: Pattern, doc: Document) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    return [(f.start, f.end, tuple(sorted(f.args.items()))) for f in kind.run(doc)]


@pytest.mark.parametrize(("pattern", "whole"), PATTERNS)
def test_whole_text_scan_finds_what_the_line_scans_find(pattern: str, whole: bool) -> None:
    rng = random.Random(pattern)
    for expand in ("none", "sentence"):
        kind = Pattern(Params(pattern=[pattern, "政府"], scope="body", expand=expand))
        assert kind._whole == [whole, True]
        per_line = Pattern(Params(pattern=[pattern, "政府"], scope="body", expand=expand))
        per_line._whole = [False, False]
        for _ in range(200):
            body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
            doc = Document.from_text(TITLE + body, "draft.txt")
            assert findings(kind, doc) == findings(per_line, doc), body


def test_only_body_scope_scans_whole() -> None:
    assert Pattern(Params(pattern=["法制"], scope="all"))._whole == [False]
    assert Pattern(Params(pattern=["法制"], scope="headings"))._whole == [False]

"""Properties that hold for any text (hypothesis): checking never raises and no rule crashes,
every position lies inside the document, the JSON output always parses, and fixing is idempotent.

Texts are drawn from pieces of real reports (seed lines cut at random places, headings, numbers,
every kind of bracket and quote, half-width marks, line endings) mixed with arbitrary characters,
so the rules' code paths are reached, not just the "nothing matched" path. The examples are kept
few enough for CI (a few seconds per property).
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintreport.document.document import Document
from lintreport.formats import FORMATS
from lintreport.pack import Pack
from lintreport.run.fixer import fix_text
from lintreport.run.runner import RunOptions, lint_text, select_rules

from .conftest import SEEDS

SEED_LINES = [ln for s in SEEDS for ln in s.read_text("utf-8").splitlines() if ln.strip()]
PIECES = [
    "关于2023年度法治政府建设情况的报告",
    "一、",
    "二、",
    "四、",
    "（一）",
    "（三）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "、下步工作安排",
    "一是",
    "二是",
    "四是",
    "主要举措和成效",
    "存在的不足和原因",
    "2024年工作安排",
    "法制政府",
    "谁普法谁执法",
    "主题责任",
    "近十余次",
    "收到418件，受理363件，受理率86.8%",
    "共5个方面",
    "以下3个方面：",
    "1.2万",
    "《法治政府建设实施纲要（2015-2020年）》",
    "《信访条例》",
    "新冠肺炎",
    "（国发〔2019〕1号）",
    "[2020]3号",
    "〈",
    "〉",
    "《",
    "》",
    "<",
    ">",
    "“",
    "”",
    '"',
    "（",
    "）",
    "(",
    ")",
    "〔",
    "〕",
    "，",
    ",",
    "。",
    ".",
    ":",
    "；",
    ";",
    "?",
    "！",
    "—",
    "-",
    "~",
    " ",
    "\u3000",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "# ",
    "## ",
    "\ufeff",
    "淘文阁",
    "由会员分享",
    "特此报告。",
    "2023年12月31日",
]


@st.composite
def seed_slice(draw: st.DrawFn) -> str:
    line = draw(st.sampled_from(SEED_LINES))
    a = draw(st.integers(0, len(line)))
    b = draw(st.integers(a, min(len(line), a + 200)))
    return line[a:b]


report_text = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        seed_slice(),
        st.text(max_size=8),
        st.integers(0, 10**6).map(str),
    ),
    max_size=60,
).map("".join)

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _lint(text: str, packs: list[Pack], path: str = "draft.txt"):
    return lint_text(text, packs, path=path, options=RunOptions(year=None))


@PROPERTY
@given(text=report_text, markdown=st.booleans())
def test_checking_never_raises_and_positions_are_inside(
    default_packs: list[Pack], text: str, markdown: bool
) -> None:
    path = "draft.md" if markdown else "draft.txt"
    result = _lint(text, default_packs, path)
    # a rule that crashes is reported as an error "规则…检查出错"; none may crash
    crashes = [e.message for e in result.errors if "检查出错" in e.message]
    assert crashes == []
    if not result.documents:
        return  # not checkable (control characters …): an input error, not a crash
    doc_text = result.texts[path]
    lines = doc_text.split("\n")
    for v in result.violations:
        assert 0 <= v.start <= v.end <= len(doc_text), v
        assert 1 <= v.line <= v.end_line <= len(lines), v
        assert 1 <= v.column <= len(lines[v.line - 1]) + 1, v
        assert 1 <= v.end_column <= len(lines[v.end_line - 1]) + 1, v
        if v.line == v.end_line:
            assert v.column <= v.end_column, v
        if v.fix is not None:
            assert "\n" not in v.fix.replacement


@PROPERTY
@given(text=report_text)
def test_json_output_always_parses(default_packs: list[Pack], text: str) -> None:
    result = _lint(text, default_packs)
    out = io.StringIO()
    FORMATS["json"].render(result, out, color=False)
    data = json.loads(out.getvalue())
    assert data["summary"]["violations"] == len(data["violations"]) == len(result.violations)
    assert data["summary"]["errors"] == len(data["errors"])


@PROPERTY
@given(text=report_text)
def test_fixing_is_idempotent(default_packs: list[Pack], text: str) -> None:
    result = _lint(text, default_packs)
    if not result.documents:
        return
    rules = select_rules(default_packs)
    doc = Document.from_text(text, "draft.txt")
    once, _ = fix_text(doc, rules, default_packs)
    assert once.count("\n") == doc.text.count("\n")  # a fix never adds or removes a line
    # As the fixed file is read again: with its BOM, which from_text takes off a leading U+FEFF
    again = "\ufeff" + once if doc.source.bom else once
    twice, counts = fix_text(Document.from_text(again, "draft.txt"), rules, default_packs)
    assert (twice, counts.applied) == (once, 0)

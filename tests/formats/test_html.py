"""HTML report without a browser: marking overlapping spans, escaping, self-containment.

The same page is checked in a real browser by tests/test_html_browser.py.
"""

from __future__ import annotations

import dataclasses
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from lintreport.formats import render
from lintreport.formats.html.document import line_blocks, text_html
from lintreport.formats.html.marks import Span, highlight_blocks
from lintreport.model import DocumentInfo, FileError, RunResult, TableLayout

from .fixture import RESULT, RULES


class _Fragments(HTMLParser):
    """Text outside tags, and the text each finding's marks hold, checking that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []
        self.pieces: dict[str, list[str]] = {}
        self.primary: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        a = dict(attrs)
        if a.get("id"):
            key = a["id"][1:]
            self.primary.append(key)
        else:
            key = a["data-c"] or ""
            assert key in self.primary, "a continuation before its primary mark"
        self.open.append(key)
        self.pieces.setdefault(key, [])

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.open
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for key in self.open:
            self.pieces[key].append(data)


def _render(text: str, spans: list[Span]) -> _Fragments:
    blocks = line_blocks(text)
    parser = _Fragments()
    for html in highlight_blocks(text, blocks, spans):
        parser.feed(html)
        assert not parser.open, "a mark left open at the end of a line"
        parser.text.append("\n")
    parser.close()
    return parser


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet="ab<&\n中", min_size=0, max_size=40))
    n = draw(st.integers(min_value=0, max_value=8))
    spans = []
    for index in range(n):
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=len(text)))
        spans.append(Span(index, start, end, "s-e"))
    return text, spans


@given(_text_and_spans())
def test_every_span_has_one_primary_mark_holding_exactly_its_text(
    case: tuple[str, list[Span]],
) -> None:
    text, spans = case
    parsed = _render(text, spans)
    assert "".join(parsed.text) == text + "\n"  # nothing lost, nothing added, all escaped back
    assert sorted(parsed.primary, key=int) == [str(s.index) for s in spans]
    for s in spans:
        assert "".join(parsed.pieces[str(s.index)]) == text[s.start : s.end].replace("\n", "")


def test_crossing_spans_are_split_into_continuations() -> None:
    text = "abcdef"
    html = highlight_blocks(text, [(0, 6)], [Span(0, 1, 4, "x"), Span(1, 2, 6, "y")])
    assert html == [
        'a<mark id="f0" class="x">b<mark id="f1" class="y">cd</mark></mark>'
        '<mark data-c="1" class="y">ef</mark>'
    ]


def test_zero_width_finding_is_an_empty_flagged_mark() -> None:
    (html,) = highlight_blocks("ab", [(0, 2)], [Span(3, 2, 2, "s-i")])
    assert html == 'ab<mark id="f3" class="s-i" data-z=""></mark>'


def _page(result=RESULT, rules=RULES) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    render("html", result, out, color=False, rules=rules, report_types={"fazhi-annual": "法治"})
    return out.getvalue()


def test_page_is_self_contained_and_locked_down() -> None:
    page = _page()
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count("<script") == 1 and page.count("<style") == 1
    assert not re.search(r"\s(src|srcset)=", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "https://example.org" not in page.split("<main>")[0]  # a rule link is text at most


def test_fixture_page_has_every_finding_error_and_type_name() -> None:
    page = _page()
    assert len(re.findall(r"<mark id=\"f\d+\"", page)) == len(RESULT.violations)
    assert "missing.txt" in page and "文件不存在" in page  # the unreadable file is reported
    assert "法治</td>" in page  # the report type by its pack's name
    assert "法治政府不是法制政府。" in page  # the rule's description explains it
    assert "草稿 目录/b.md" in page


def test_report_text_is_escaped_everywhere() -> None:
    evil = "<script>alert(1)</script>"
    path = f"<b>{evil}.txt"
    text = f"{evil}\n正文{evil}\n"
    bad = dataclasses.replace(
        RESULT.violations[0],
        path=path,
        line=1,
        column=1,
        end_column=len(evil) + 1,
        message=f"消息{evil}",
        suggestion=evil,
        rule="rule-" + evil,
        start=0,
        end=len(evil),
    )
    info = DocumentInfo(path, evil, 2023, evil)
    result = RunResult((info,), (bad,), (FileError(path, evil),), {path: text})
    body = _page(result, rules=()).split("<body>", 1)[1]
    assert "<script>alert" not in body and "<b><" not in body
    assert "&lt;b&gt;&lt;script&gt;" in body  # the path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert body.count("<script") == 1


def test_empty_run_renders_a_page() -> None:
    page = _page(dataclasses.replace(RESULT, documents=(), violations=(), errors=(), texts={}))
    assert 'id="sum-files">0<' in page and "没有发现问题" in page


def test_table_cells_hold_their_marks_and_merged_cells_span() -> None:
    text = "标题\n甲\n乙\n丙\n尾"
    #        0-2 3   5   7   9
    layout = TableLayout(3, 8, (((3, 4, 2, 1), (5, 6, 1, 1)), ((7, 8, 1, 1),)))
    bad = dataclasses.replace(RESULT.violations[0], start=5, end=6)
    html = text_html(text, [(0, bad)], [layout])
    assert html == (
        '<div class="l" data-n="1">标题</div>'
        '<div class="l t" data-n="2"><table class="doc-table"><tbody>'
        '<tr><td rowspan="2">甲</td><td class="hit"><mark id="f0" class="s-e">乙</mark></td></tr>'
        "<tr><td>丙</td></tr></tbody></table></div>"
        '<div class="l" data-n="5">尾</div>'
    )


def test_a_table_whose_cells_do_not_follow_the_text_is_drawn_as_lines() -> None:
    text = "甲\n乙"
    layout = TableLayout(0, 3, (((2, 3, 1, 1), (0, 1, 1, 1)),))
    assert text_html(text, [], [layout]) == (
        '<div class="l" data-n="1">甲</div><div class="l" data-n="2">乙</div>'
    )


def test_docx_merged_cells_become_one_cell_each(tmp_path: Path) -> None:
    import docx

    from lintreport.document.inputs import load_document
    from lintreport.run.runner import table_layouts

    word = docx.Document()
    word.add_paragraph("关于2023年度法治政府建设情况的报告")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "合并"
    table.cell(0, 1).text = "上"
    table.cell(1, 1).text = "下"
    path = tmp_path / "t.docx"
    word.save(str(path))
    doc = load_document(path, "t.docx")
    (layout,) = table_layouts(doc)
    shown = [[(doc.text[s:e], rs, cs) for s, e, rs, cs in row] for row in layout.rows]
    assert shown == [[("合并", 2, 1), ("上", 1, 1)], [("下", 1, 1)]]


def test_a_docx_position_is_a_paragraph() -> None:
    docx_result = dataclasses.replace(
        RESULT,
        documents=(DocumentInfo("r.docx", None, None, None),),
        violations=(dataclasses.replace(RESULT.violations[0], path="r.docx"),),
        texts={"r.docx": "甲\n大力推进法制政府建设,依法行政。"},
        errors=(),
    )
    page = _page(docx_result)
    assert 'data-unit="段"' in page and "位置：段:字" in page
    assert 'data-unit="行"' in _page()

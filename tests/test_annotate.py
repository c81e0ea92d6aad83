"""`lintreport annotate`: a Word copy with every finding as a comment on exactly its characters,
safe fixes as tracked changes, the original untouched and a second run giving the same comments.

The annotated files are read back here with plain lxml, not with the code that wrote them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from lintreport.cli.annotate import tracked_edits
from lintreport.formats.word import Edit, annotate
from lintreport.model import Category, Fix, Severity, Violation

from .conftest import SEEDS, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OURS = "lintreport"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _docx_of_lines(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


@dataclass(frozen=True)
class View:
    """A .docx read back: paragraph texts, each comment's anchored text, per-character formats."""

    paragraphs: list[str]
    anchored: dict[str, str]
    formats: list[list[bytes]]


def _paragraph_elements(container: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in container:
        if child.tag == _q("p"):
            out.append(child)
        elif child.tag == _q("tbl"):
            for row in child.iter(_q("tr")):
                for cell in row.iter(_q("tc")):
                    out.extend(_paragraph_elements(cell))
    return out


def _skipped(node: etree._Element, p: etree._Element, accepted: bool) -> bool:
    """Whether text under `node` is out of the view: original = as before lintreport's changes,
    accepted = every tracked change accepted (w:ins applied, w:del dropped)."""
    node = node.getparent()
    while node is not None and node is not p:
        if node.tag == _q("del") and (accepted or node.get(_q("author")) != OURS):
            return True
        if node.tag == _q("ins") and not accepted and node.get(_q("author")) == OURS:
            return True
        node = node.getparent()
    return False


def _view(path: Path, *, accepted: bool = False) -> View:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(_q("body"))
    paragraphs: list[str] = []
    formats: list[list[bytes]] = []
    anchored: dict[str, list[str]] = {}
    open_ids: list[str] = []
    for p in _paragraph_elements(body):
        text: list[str] = []
        fmt: list[bytes] = []
        for node in p.iter():
            if node.tag == _q("commentRangeStart"):
                open_ids.append(node.get(_q("id")))
                anchored.setdefault(node.get(_q("id")), [])
            elif node.tag == _q("commentRangeEnd"):
                open_ids.remove(node.get(_q("id")))
            elif node.tag in (_q("t"), _q("delText"), _q("tab")):
                if _skipped(node, p, accepted):
                    continue
                chars = "\t" if node.tag == _q("tab") else node.text or ""
                rpr = node.getparent().find(_q("rPr"))
                fmt.extend([b"" if rpr is None else etree.tostring(rpr)] * len(chars))
                text.append(chars)
                for cid in open_ids:
                    anchored[cid].append(chars)
        for cid in open_ids:
            anchored[cid].append("\n")
        paragraphs.append("".join(text))
        formats.append(fmt)
    return View(paragraphs, {k: "".join(v) for k, v in anchored.items()}, formats)


def _comments(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (author, text) of every comment."""
    with zipfile.ZipFile(path) as archive:
        if "word/comments.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("word/comments.xml"))
    out = {}
    for c in root.iter(_q("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in c.iter(_q("p"))]
        out[c.get(_q("id"))] = (c.get(_q("author")), "\n".join(paragraphs))
    return out


def _ours(path: Path) -> list[tuple[str, str]]:
    """(anchored text, comment text) of lintreport's comments, in a stable order."""
    view = _view(path)
    found = [(view.anchored[i], text) for i, (a, text) in _comments(path).items() if a == OURS]
    return sorted(found)


def _rule_of(comment: str) -> str:
    return next(line[3:] for line in comment.split("\n") if line.startswith("规则："))


def _expected(path: Path, lines: list[str]) -> list[tuple[str, str]]:
    """(span text, rule) of every finding `check` reports for `path`."""
    proc = run_cli("check", "--format", "json", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    out = []
    for v in json.loads(proc.stdout)["violations"]:
        first, last = v["line"] - 1, v["end_line"] - 1
        span = "\n".join(lines[first : last + 1])
        start = v["column"] - 1
        end = len(span) - (len(lines[last]) - (v["end_column"] - 1))
        out.append((span[start:end], v["rule"]))
    return sorted(out)


def _fixed_txt(lines: list[str], tmp_path: Path) -> list[str]:
    txt = tmp_path / "fixed.txt"
    txt.write_text("\n".join(lines), encoding="utf-8")
    proc = run_cli("check", "--fix", "--exit-zero", str(txt))
    assert proc.returncode == 0, proc.stderr
    return txt.read_text(encoding="utf-8").split("\n")


def _annotate(*args: str) -> subprocess.CompletedProcess[str]:
    proc = run_cli("annotate", *args)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_finding_of_a_seed_docx_is_one_comment_on_its_span(
    tmp_path: Path, seed: Path
) -> None:
    lines = seed.read_text(encoding="utf-8").split("\n")
    source = _docx_of_lines(lines, tmp_path / "报告.docx")
    before = source.read_bytes()
    proc = _annotate("--track-changes", str(source))
    out = tmp_path / "报告.lintreport.docx"
    assert out.as_posix() in proc.stdout
    assert source.read_bytes() == before, "the original is never written"

    expected = _expected(source, lines)
    assert expected, "every seed has findings"
    comments = _ours(out)
    assert sorted((anchored, _rule_of(text)) for anchored, text in comments) == expected
    assert _view(out).paragraphs == lines  # nothing changed outside the tracked changes
    assert _view(out, accepted=True).paragraphs == _fixed_txt(lines, tmp_path)

    again = tmp_path / "again.docx"
    _annotate("--track-changes", str(out), "-o", str(again))
    assert _ours(again) == comments
    assert _view(again).paragraphs == lines
    assert _view(again, accepted=True).paragraphs == _view(out, accepted=True).paragraphs


def test_without_track_changes_fixes_are_suggestions_in_comments(tmp_path: Path) -> None:
    lines = ["关于2023年度法治政府建设情况的报告", "", "我们大力推进法制政府建设。"]
    source = _docx_of_lines(lines, tmp_path / "a.docx")
    _annotate(str(source))
    out = tmp_path / "a.lintreport.docx"
    with zipfile.ZipFile(out) as archive:
        assert b"<w:ins " not in archive.read("word/document.xml")
    (anchored, text), *_ = [c for c in _ours(out) if _rule_of(c[1]) == "fazhi-not-fazhi"]
    assert anchored == "法制政府"
    assert "建议：法治政府" in text
    assert "依据：" in text


def _rich_docx(path: Path) -> Path:
    """Headings in Word styles, bold/colour/size runs a finding crosses, a table, a hyperlink,
    a tab, tracked changes and a comment by people."""
    document = docx.Document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告", style="Title")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    p = document.add_paragraph("我们大力推进")
    bold = p.add_run("法制")
    bold.bold = True
    bold.font.size = Pt(16)
    bold.font.name = "仿宋"
    red = p.add_run("政府建设")
    red.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    p.add_run("，开展“谁普法谁执法”工作,取得成效。")
    human = document.add_paragraph("全年办理行政复议案件")
    counted = human.add_run("12件")
    human.add_run("。")
    document.add_comment(counted, text="请核实件数", author="张三", initials="ZS")
    tabbed = document.add_paragraph("项目\t")
    tabbed.add_run("落实“主题责任”").italic = True
    linked = document.add_paragraph("详见")
    rel = document.part.relate_to("https://example.gov.cn/", RT.HYPERLINK, is_external=True)
    linked._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"><w:r><w:rPr><w:u w:val="single"/>'
            "</w:rPr><w:t>法制政府专栏</w:t></w:r></w:hyperlink>"
        )
    )
    revised = document.add_paragraph("已有修订：")
    revised._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="900" w:author="李四" w:date="2024-01-02T00:00:00Z">'
            "<w:r><w:t>加强法制建设</w:t></w:r></w:ins>"
        )
    )
    revised._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="901" w:author="李四" w:date="2024-01-02T00:00:00Z">'
            "<w:r><w:delText>删去的法制</w:delText></w:r></w:del>"
        )
    )
    document.add_paragraph("存在的不足和原因", style="Heading 1")
    document.add_paragraph("一是制度建设有待加强，原因是学习不够深入。")
    document.add_paragraph("下一年度推进法治政府建设的主要安排", style="Heading 1")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "情况"
    table.cell(1, 0).text = "普法"
    table.cell(1, 1).text = "落实谁普法谁执法责任制"
    document.add_paragraph("2024年1月15日")
    document.save(path)
    return path


def test_a_styled_docx_keeps_its_text_formatting_and_human_comment(tmp_path: Path) -> None:
    source = _rich_docx(tmp_path / "报告.docx")
    original = _view(source)
    lines = original.paragraphs
    _annotate("--track-changes", str(source))
    out = tmp_path / "报告.lintreport.docx"

    comments = _ours(out)
    assert sorted((a, _rule_of(t)) for a, t in comments) == _expected(source, lines)
    anchored = {a for a, _ in comments}
    # a span across a bold and a red run, in a hyperlink, in an earlier insertion, in a table
    assert {"法制政府", "谁普法谁执法", "主题责任", ","} <= anchored
    assert [a for a, _ in comments].count("谁普法谁执法") == 2  # the paragraph and the cell
    view = _view(out)
    assert view.paragraphs == lines
    assert view.formats == original.formats  # font, size, bold, colour of every character
    humans = [(i, c) for i, c in _comments(out).items() if c[0] != OURS]
    assert [c for _, c in humans] == [("张三", "请核实件数")]
    assert view.anchored[humans[0][0]] == "12件"
    accepted = _view(out, accepted=True).paragraphs
    txt_lines = _fixed_txt(lines, tmp_path)
    assert accepted == txt_lines
    assert "落实谁执法谁普法责任制" in accepted  # the table cell got its tracked change
    assert "详见法治政府专栏" in accepted  # inside the hyperlink

    again = tmp_path / "again.docx"
    _annotate("--track-changes", str(out), "-o", str(again))
    assert _ours(again) == comments
    assert [c for c in _comments(again).values() if c[0] != OURS] == [("张三", "请核实件数")]
    assert _view(again).formats == original.formats


def test_a_text_draft_becomes_a_new_docx_with_comments(tmp_path: Path) -> None:
    lines = ["关于2023年度法治政府建设情况的报告", "", "我们大力推进法制政府建设,取得成效。"]
    source = tmp_path / "草稿.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    _annotate("--track-changes", str(source))
    out = tmp_path / "草稿.lintreport.docx"
    assert _view(out).paragraphs == lines
    assert sorted((a, _rule_of(t)) for a, t in _ours(out)) == _expected(source, lines)
    assert _view(out, accepted=True).paragraphs == _fixed_txt(lines, tmp_path)
    assert source.read_text(encoding="utf-8") == "\n".join(lines)


def test_an_existing_copy_is_replaced_only_with_force(tmp_path: Path) -> None:
    source = _docx_of_lines(["我们大力推进法制政府建设。"], tmp_path / "a.docx")
    out = tmp_path / "a.lintreport.docx"
    out.write_bytes(b"mine")
    proc = run_cli("annotate", str(source))
    assert proc.returncode == 2
    assert "--force" in proc.stderr
    assert out.read_bytes() == b"mine"
    _annotate("--force", str(source))
    assert _ours(out)


def test_output_file_and_directory(tmp_path: Path) -> None:
    a = _docx_of_lines(["我们大力推进法制政府建设。"], tmp_path / "a.docx")
    b = tmp_path / "b.txt"
    b.write_text("我们大力推进法制政府建设。", encoding="utf-8")
    _annotate(str(a), "-o", str(tmp_path / "审阅.docx"))
    assert _ours(tmp_path / "审阅.docx")
    proc = run_cli("annotate", str(a), str(b), "-o", str(tmp_path / "x.docx"))
    assert proc.returncode == 2
    assert "目录" in proc.stderr
    target = tmp_path / "out"
    target.mkdir()
    _annotate(str(a), str(b), "-o", str(target))
    assert sorted(p.name for p in target.iterdir()) == ["a.lintreport.docx", "b.lintreport.docx"]


def test_a_directory_skips_earlier_copies(tmp_path: Path) -> None:
    _docx_of_lines(["我们大力推进法制政府建设。"], tmp_path / "a.docx")
    _annotate(str(tmp_path))
    proc = _annotate("--force", str(tmp_path))
    assert proc.stdout.count("已写入") == 1


def _big_docx(path: Path, paragraphs: int) -> Path:
    template = tmp = path.with_suffix(".tmp.docx")
    _docx_of_lines(["x"], tmp)
    with zipfile.ZipFile(template) as src:
        xml = src.read("word/document.xml").decode()
        start = xml.index("<w:body>") + len("<w:body>")
        body = "<w:p><w:r><w:t>我们推进法治政府建设。</w:t></w:r></w:p>" * paragraphs
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "word/document.xml":
                    data = (xml[:start] + body + xml[xml.index("<w:sectPr") :]).encode()
                out.writestr(info.filename, data)
    tmp.unlink()
    return path


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("坏.docx", "这不是 Word 文档".encode(), "不是有效的 .docx"),
        ("加密.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".doc"),
        ("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "另存为 .docx"),
        ("大.docx", None, "段落过多"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_written(
    tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    path = tmp_path / name
    if content is None:
        _big_docx(path, 100_000)
    else:
        path.write_bytes(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = run_cli("annotate", str(path))
    assert proc.returncode == 2
    assert says in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_check_names_paragraphs_of_a_docx_and_suggests_annotate(tmp_path: Path) -> None:
    path = _docx_of_lines(["关于2023年度法治政府建设情况的报告", "", "我们大力推进法制政府建设。"],
                          tmp_path / "a.docx")  # fmt: skip
    proc = run_cli("check", "--select", "fazhi-not-fazhi", str(path))
    assert proc.returncode == 1
    assert f"{path.as_posix()}:第3段第7字:" in proc.stdout
    assert f"lintreport annotate {path.as_posix()}" in proc.stdout
    txt = tmp_path / "a.txt"
    txt.write_text("我们大力推进法制政府建设。", encoding="utf-8")
    proc = run_cli("check", "--select", "fazhi-not-fazhi", str(txt))
    assert f"{txt.as_posix()}:1:7:" in proc.stdout
    assert "annotate" not in proc.stdout


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_the_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    source = _rich_docx(tmp_path / "报告.docx")
    _annotate("--track-changes", str(source))
    proc = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(tmp_path / "报告.lintreport.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},  # never the real home
    )
    pdf = tmp_path / "pdf" / "报告.lintreport.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def _violation(start: int, end: int, text: str, rule: str = "r") -> Violation:
    return Violation(
        "a.txt", 1, start + 1, 1, end + 1, rule, Category.WORDING, Severity.ERROR,
        f"“{text}”有误", start=start, end=end,
    )  # fmt: skip


def test_spans_across_paragraphs_points_and_ends_are_anchored(tmp_path: Path) -> None:
    text = "甲乙\n丙\t丁\n"
    found = [
        _violation(1, 4, "乙\n丙"),  # across a paragraph break
        _violation(2, 2, ""),  # a point at the end of a paragraph
        _violation(3, 6, "丙\t丁"),  # over a tab
        _violation(7, 7, ""),  # a point in an empty last paragraph
    ]
    copy = tmp_path / "a.docx"
    copy.write_bytes(annotate(None, text, found, [], {}, datetime.now(UTC)).data)
    view = _view(copy)
    assert view.paragraphs == text.split("\n")
    assert sorted(view.anchored.values()) == sorted(["乙\n丙", "", "丙\t丁", ""])


def test_fixes_changed_again_by_a_later_pass_become_the_difference() -> None:
    text = "甲乙丙\n丁"
    found = [_violation(0, 1, "甲")]
    found[0] = dataclasses.replace(found[0], fix=Fix("戊"))
    edits = tracked_edits(text, found, "戊乙己\n丁")
    out = text
    for e in sorted(edits, key=lambda e: -e.start):
        out = out[: e.start] + e.replacement + out[e.end :]
    assert out == "戊乙己\n丁"
    assert tracked_edits(text, found, "戊乙丙\n丁") == [Edit(0, 1, "戊")]


def test_the_copy_keeps_the_input_permissions_and_a_missing_directory_is_an_error(
    tmp_path: Path,
) -> None:
    source = _docx_of_lines(["我们大力推进法制政府建设。"], tmp_path / "a.docx")
    source.chmod(0o600)
    _annotate(str(source))
    assert (tmp_path / "a.lintreport.docx").stat().st_mode & 0o777 == 0o600
    proc = run_cli("annotate", str(source), "-o", str(tmp_path / "无此目录" / "b.docx"))
    assert proc.returncode == 2
    assert "目录不存在" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _as_saved_by_word(path: Path) -> None:
    """Give every comment paragraph a w14:paraId and add commentsExtended.xml, as Word does on
    saving; a person's reply is threaded under the first lintreport comment."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    comments = etree.fromstring(parts["word/comments.xml"])
    entries = []
    for number, comment in enumerate(comments.iter(_q("comment"))):
        for p in comment.iter(_q("p")):
            p.set(f"{{{W14}}}paraId", f"{number:08X}")
        entries.append(f'<w15:commentEx w15:paraId="{number:08X}" w15:done="0"/>')
    authors = [c.get(_q("author")) for c in comments.iter(_q("comment"))]
    reply_to = f"{authors.index(OURS):08X}"
    entries.append(f'<w15:commentEx w15:paraId="FFFF0000" w15:paraIdParent="{reply_to}"/>')
    parts["word/comments.xml"] = etree.tostring(comments)
    parts["word/commentsExtended.xml"] = (
        f'<w15:commentsEx xmlns:w15="{W15}">{"".join(entries)}</w15:commentsEx>'
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdExt" Type="http://schemas.microsoft.com/office/2011/relationships/'
        'commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "</Types>",
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_reannotating_a_file_saved_by_word_drops_its_thread_entries_too(tmp_path: Path) -> None:
    source = _rich_docx(tmp_path / "报告.docx")
    _annotate(str(source))
    out = tmp_path / "报告.lintreport.docx"
    _as_saved_by_word(out)
    human = next(i for i, (a, _) in _comments(out).items() if a != OURS)
    again = tmp_path / "again.docx"
    _annotate(str(out), "-o", str(again))
    assert _ours(again) == _ours(out)
    with zipfile.ZipFile(again) as archive:
        extended = etree.fromstring(archive.read("word/commentsExtended.xml"))
    kept = [dict(e.attrib) for e in extended]
    # only the person's comment and the reply are left, the reply no longer under a removed one
    assert kept == [
        {f"{{{W15}}}paraId": f"{int(human):08X}", f"{{{W15}}}done": "0"},
        {f"{{{W15}}}paraId": "FFFF0000"},
    ]


_PIECE = st.tuples(
    st.text(alphabet="法制政府建设\t ab,，", min_size=1, max_size=6),
    st.sampled_from(["plain", "bold", "red", "link"]),
)


@st.composite
def _paragraphs_and_spans(draw: st.DrawFn) -> tuple[list[list[tuple[str, str]]], list, list]:
    paragraphs = draw(st.lists(st.lists(_PIECE, max_size=5), min_size=1, max_size=4))
    text = "\n".join("".join(t for t, _ in p) for p in paragraphs)
    points = st.integers(0, len(text))
    spans = [tuple(sorted(draw(st.tuples(points, points)))) for _ in range(draw(st.integers(0, 6)))]
    edits, cursor = [], 0
    for a, b in sorted(draw(st.lists(st.tuples(points, points), max_size=4))):
        a, b = min(a, b), max(a, b)
        if a >= cursor and "\n" not in text[a:b]:
            edits.append(Edit(a, b, draw(st.text(alphabet="治理\t ", max_size=3))))
            cursor = max(b, a + 1)
    return paragraphs, spans, edits


def _styled_docx(paragraphs: list[list[tuple[str, str]]], path: Path) -> Path:
    document = docx.Document()
    rel = document.part.relate_to("https://example.gov.cn/", RT.HYPERLINK, is_external=True)
    for pieces in paragraphs:
        p = document.add_paragraph()
        for text, style in pieces:
            if style == "link":
                link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel}"/>')
                p._p.append(link)
                run = p.add_run(text)
                link.append(run._r)
                continue
            run = p.add_run(text)
            run.bold = style == "bold"
            if style == "red":
                run.font.color.rgb = RGBColor(0xC0, 0, 0)
    document.save(path)
    return path


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_paragraphs_and_spans())
def test_any_runs_any_spans_land_exactly(tmp_path: Path, case: tuple) -> None:
    paragraphs, spans, edits = case
    source = _styled_docx(paragraphs, tmp_path / "p.docx")
    before = _view(source)
    text = "\n".join(before.paragraphs)
    found = [_violation(a, b, text[a:b]) for a, b in spans]
    copy = tmp_path / "p.lintreport.docx"
    copy.write_bytes(annotate(source.read_bytes(), text, found, edits, {}, datetime.now(UTC)).data)
    after = _view(copy)
    assert after.paragraphs == before.paragraphs
    assert after.formats == before.formats
    assert sorted(after.anchored.values()) == sorted(text[a:b] for a, b in spans)
    expected = text
    for e in sorted(edits, key=lambda e: -e.start):
        expected = expected[: e.start] + e.replacement + expected[e.end :]
    assert _view(copy, accepted=True).paragraphs == expected.split("\n")

""".docx input: paragraphs (and table cells) are lines, Word heading styles are headings, and a
damaged or oversized file is a one-line error, never a traceback."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from lintreport.document.docx_reader import MAX_UNCOMPRESSED
from lintreport.document.inputs import load_document

from .conftest import SEEDS, run_cli


def _docx_of_lines(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def _findings(*paths: Path) -> list[tuple[int, int, int, int, str]]:
    proc = run_cli("check", "--format", "json", *map(str, paths))
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"] == []
    return [
        (v["line"], v["column"], v["end_line"], v["end_column"], v["rule"])
        for v in data["violations"]
    ]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_seed_as_docx_gives_the_same_findings_as_the_txt(tmp_path: Path, seed: Path) -> None:
    """Seed 004 is the one the issue names; the others guard the same contract."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    doc_path = _docx_of_lines(lines, tmp_path / f"{seed.stem}.docx")
    expected = _findings(seed)
    assert expected, "every seed has known defects; an empty list would prove nothing"
    assert _findings(doc_path) == expected


def test_text_output_names_the_paragraph_and_quotes_it(tmp_path: Path) -> None:
    path = _docx_of_lines(
        ["关于2023年度法治政府建设情况的报告", "", "我们大力推进法制政府建设。"],
        tmp_path / "a.docx",
    )
    proc = run_cli("check", "--select", "fazhi-not-fazhi", str(path))
    assert proc.returncode == 1, proc.stderr
    assert f"{path.as_posix()}:第3段第7字:" in proc.stdout
    assert "我们大力推进法制政府建设。" in proc.stdout  # the paragraph is quoted


def test_table_cells_are_lines_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("表格前")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"
    table.cell(1, 0).text = "丙"
    table.cell(1, 1).paragraphs[0].text = "丁"
    table.cell(1, 1).add_paragraph("戊")
    document.add_paragraph("表格后")
    document.save(tmp_path / "t.docx")
    doc = load_document(tmp_path / "t.docx")
    assert doc.text.split("\n") == ["表格前", "甲", "乙", "丙", "丁", "戊", "表格后"]


def test_word_heading_styles_are_headings(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告", style="Title")
    document.add_paragraph("主要举措和成效", style="Heading 1")  # Word's automatic numbering
    document.add_paragraph("正文。")
    chinese = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("完善制度体系", style=chinese)
    outlined = document.styles.add_style("我的章标题", WD_STYLE_TYPE.PARAGRAPH)
    outline = etree.SubElement(outlined.element.get_or_add_pPr(), qn("w:outlineLvl"))
    outline.set(qn("w:val"), "0")
    document.add_paragraph("存在的不足和原因", style=outlined)
    document.add_paragraph("二、下一年度工作安排", style="Heading 1")  # numbering in the text
    document.add_paragraph("第五级", style="Heading 5")  # deeper than GB/T 9704 has levels
    document.save(tmp_path / "h.docx")
    doc = load_document(tmp_path / "h.docx")
    found = [(h.line, h.level, h.number, h.style, h.title) for h in doc.structure.headings]
    assert found == [
        (2, 1, None, "word", "主要举措和成效"),
        (4, 2, None, "word", "完善制度体系"),
        (5, 1, None, "word", "存在的不足和原因"),
        (6, 1, 2, "一、", "下一年度工作安排"),
    ]
    assert [h.line for h in doc.structure.sections()] == [2, 5, 6]


def _number(paragraph, num_id: str, ilvl: str) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_automatic_numbering_in_gb_shapes_gives_headings(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
            "</w:lvl>"
            '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    _number(document.add_paragraph("主要举措和成效"), "90", "0")
    _number(document.add_paragraph("完善制度体系"), "90", "1")
    _number(document.add_paragraph("一项要点。"), "90", "2")  # a bullet is body text
    document.add_paragraph("一个编号段落", style="List Number")  # Word's own "%1." list
    document.save(tmp_path / "n.docx")
    doc = load_document(tmp_path / "n.docx")
    found = [(h.line, h.level, h.style) for h in doc.structure.headings]
    assert found == [(2, 1, "word"), (3, 2, "word"), (5, 3, "word")]


def test_tracked_deletions_and_soft_breaks_are_not_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("保留")
    deletion = etree.SubElement(paragraph._p, qn("w:del"))
    deleted_run = etree.SubElement(deletion, qn("w:r"))
    etree.SubElement(deleted_run, qn("w:delText")).text = "删除"
    run = paragraph.add_run("换")
    run.add_break()
    paragraph.add_run("行")
    document.save(tmp_path / "d.docx")
    assert load_document(tmp_path / "d.docx").text == "保留换行"


def test_not_a_zip_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes("这不是 Word 文档".encode())
    proc = run_cli("check", str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "不是有效的 .docx 文件" in proc.stdout + proc.stderr


def test_old_word_format_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    proc = run_cli("check", str(bad))
    assert proc.returncode == 2
    assert ".doc" in proc.stdout + proc.stderr


def test_zip_without_document_part_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "other.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("hello.txt", "hi")
    proc = run_cli("check", str(bad))
    assert proc.returncode == 2
    assert "word/document.xml" in proc.stdout + proc.stderr


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    _docx_of_lines(["正文。"], bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        # 60 MB of zeros deflates to about 60 KB: small on disk, too big once inflated.
        archive.writestr("word/media/padding.bin", bytes(MAX_UNCOMPRESSED + 10 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    proc = run_cli("check", str(bomb))
    assert proc.returncode == 2
    out = proc.stdout + proc.stderr
    assert "压缩炸弹" in out
    assert "Traceback" not in out


def test_truncated_docx_is_a_one_line_error(tmp_path: Path) -> None:
    good = _docx_of_lines(["正文。"], tmp_path / "good.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:-200])
    proc = run_cli("check", str(cut))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "cut.docx" in proc.stdout + proc.stderr


def test_fix_never_touches_a_docx_and_directories_include_docx(tmp_path: Path) -> None:
    path = _docx_of_lines(
        ["关于2023年度法治政府建设情况的报告", "大力推进法制政府建设。"], tmp_path / "f.docx"
    )
    before = path.read_bytes()
    proc = run_cli("check", "--fix", str(tmp_path))
    assert path.read_bytes() == before
    assert proc.returncode == 1  # the finding is still there, in the docx, found by the walk
    assert "不会自动修复 .docx 文件" in proc.stderr
    assert "f.docx:第2段第5字" in proc.stdout


def test_empty_docx_is_an_error(tmp_path: Path) -> None:
    path = _docx_of_lines([""], tmp_path / "empty.docx")
    proc = run_cli("check", str(path))
    assert proc.returncode == 2
    assert "文件为空" in proc.stdout + proc.stderr


def test_word_numbered_headings_count_as_sections_like_written_numerals(tmp_path: Path) -> None:
    """Seed 004 with its 一、 headings numbered by Word (style Heading 1, numeral not in the
    text) gives the .txt's findings; the same paragraphs in body style lose their sections."""
    seed = next(p for p in SEEDS if p.name.startswith("004_"))
    numeral = re.compile(r"^[一二三四五六七八九十]+、")
    styled, plain = docx.Document(), docx.Document()
    for line in seed.read_text(encoding="utf-8").split("\n"):
        if numeral.match(line):
            styled.add_paragraph(numeral.sub("", line), style="Heading 1")
            plain.add_paragraph(numeral.sub("", line))
        else:
            styled.add_paragraph(line)
            plain.add_paragraph(line)
    styled.save(tmp_path / "styled.docx")
    plain.save(tmp_path / "plain.docx")

    def lines_and_rules(path: Path) -> list[tuple[int, str]]:
        return [(f[0], f[-1]) for f in _findings(path)]  # columns on heading lines shift

    assert lines_and_rules(tmp_path / "styled.docx") == lines_and_rules(seed)
    assert "required-section-missing" in {f[-1] for f in _findings(tmp_path / "plain.docx")}


def test_docx_findings_offer_suggestions_not_fixes(tmp_path: Path) -> None:
    # --fix cannot rewrite a Word file, so no output format may promise an automatic fix for it.
    path = _docx_of_lines(
        ["关于2023年度法治政府建设情况的报告", "大力推进法制政府建设。"], tmp_path / "r.docx"
    )
    proc = run_cli("check", "--format", "json", "--select", "fazhi-not-fazhi", str(path))
    (v,) = json.loads(proc.stdout)["violations"]
    assert v["fix"] is None
    assert v["suggestion"] == "法治政府"

"""github format: workflow commands with GitHub's escaping rules."""

from __future__ import annotations

import io

from lintreport.formats import render
from lintreport.formats.github import escape_data, escape_property

from ..conftest import SEEDS, run_cli
from .fixture import RESULT

EXPECTED = """\
::error file=reports/a.txt,line=2,col=5,endLine=2,endColumn=9,title=lintreport fazhi-not-fazhi (wording)::“法制政府”应为“法治政府”。%0A可自动修复（--fix）：替换为“法治政府”
::warning file=reports/a.txt,line=2,col=11,endLine=2,endColumn=12,title=lintreport halfwidth-comma (punctuation)::中文文字中应使用全角逗号“，”。%0A建议：，
::warning file=草稿 目录/b.md,line=2,col=4,endLine=2,endColumn=8,title=lintreport rate-mismatch (number)::比率100%25与计数不符: 应为 50%25, 请核对
::notice file=草稿 目录/b.md,line=3,col=1,endLine=3,endColumn=1,title=lintreport missing-section (structure)::缺少章节：存在的不足和原因%0A（应在此处）
::error file=missing.txt,title=lintreport::无法检查：文件不存在
"""  # noqa: E501


def test_snapshot() -> None:
    out = io.StringIO()
    render("github", RESULT, out, color=False)
    assert out.getvalue() == EXPECTED


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100%\r\n: ,") == "100%25%0D%0A: ,"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_every_seed_line_is_a_command() -> None:
    proc = run_cli("check", "--format", "github", *map(str, SEEDS))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines
    assert all(
        line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines
    )

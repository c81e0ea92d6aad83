"""gcc format: `path:line:col: severity: message [rule]`, one entry per line."""

from __future__ import annotations

import io
import re

from lintreport.formats import render

from ..conftest import SEEDS, run_cli
from .fixture import RESULT

EXPECTED = """\
reports/a.txt:2:5: error: “法制政府”应为“法治政府”。 [fazhi-not-fazhi]
reports/a.txt:2:5: note: 可自动修复（--fix）：替换为“法治政府”
reports/a.txt:2:11: warning: 中文文字中应使用全角逗号“，”。 [halfwidth-comma]
reports/a.txt:2:11: note: 建议：，
草稿 目录/b.md:2:4: warning: 比率100%与计数不符: 应为 50%, 请核对 [rate-mismatch]
草稿 目录/b.md:3:1: note: 缺少章节：存在的不足和原因 （应在此处） [missing-section]
missing.txt: error: 无法检查：文件不存在
"""

# The shape Vim's default errorformat, Emacs compilation-mode and a VS Code matcher rely on.
GCC_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): .+$"
)


def test_snapshot() -> None:
    out = io.StringIO()
    render("gcc", RESULT, out, color=False)
    assert out.getvalue() == EXPECTED


def test_seed_lines_parse_like_an_editor_does() -> None:
    proc = run_cli("check", "--format", "gcc", str(SEEDS[3]))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines
    for line in lines:
        m = GCC_LINE.match(line)
        assert m, line
        assert m.group("file") == SEEDS[3].relative_to(SEEDS[3].parents[1]).as_posix() or m.group(
            "file"
        ).endswith(SEEDS[3].name)
    mains = [line for line in lines if ": note: " not in line or line.endswith("]")]
    assert all(re.search(r" \[[a-z0-9-]+\]$", line) for line in mains)

"""`--fix` never damages a draft: only safe fixes, never two overlapping edits, the file's encoding,
BOM and line endings kept byte for byte, written atomically with its permissions, and a second
run changes nothing. (tests/test_fix.py covers the seeds' expected edits; this file covers the
guarantees, with a small pack whose fixes are known exactly.)
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from lintreport.model import Category, Fix, Severity, Violation
from lintreport.run import fixer
from lintreport.run.fixer import apply_fixes, write_atomic

from .conftest import SEEDS, run_cli

POLICY_PACK = """\
id: fix-policy
name: 修复策略测试
rules:
  - id: safe-typo
    kind: pattern
    category: wording
    severity: error
    message: "“{match}”应为“{replacement}”"
    source: 测试
    fix: safe
    terms:
      法制政府: 法治政府
    examples:
      bad:
        - text: "[[法制政府]]"
          fixed: 法治政府
      good:
        - 法治政府
  - id: unsafe-typo
    kind: pattern
    category: wording
    severity: error
    message: "“{match}”应为“{replacement}”"
    source: 测试
    fix: unsafe
    terms:
      主题责任: 主体责任
    examples:
      bad:
        - text: "[[主题责任]]"
      good:
        - 主体责任
  - id: no-fix-typo
    kind: pattern
    category: wording
    severity: error
    message: "“{match}”应为“{replacement}”"
    source: 测试
    terms:
      谁普法谁执法: 谁执法谁普法
    examples:
      bad:
        - text: "[[谁普法谁执法]]"
      good:
        - 谁执法谁普法
"""

TEXT = "大力推进法制政府建设。\n压实主题责任。\n落实谁普法谁执法责任制。\n法制政府，法制政府。\n"
FIXED = "大力推进法治政府建设。\n压实主题责任。\n落实谁普法谁执法责任制。\n法治政府，法治政府。\n"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "policy.yml").write_text(POLICY_PACK, encoding="utf-8")
    return tmp_path


def fix(workdir: Path, *paths: str, diff: bool = False):
    args = ["check", "--pack", "policy.yml", "--diff" if diff else "--fix", *paths]
    proc = run_cli(*args, cwd=workdir)
    assert "Traceback" not in proc.stderr
    return proc


def test_only_safe_fixes_are_applied(workdir: Path) -> None:
    (workdir / "a.txt").write_text(TEXT, encoding="utf-8")
    proc = fix(workdir, "a.txt")
    assert proc.returncode == 1  # the unsafe and the unfixable findings remain
    assert (workdir / "a.txt").read_text(encoding="utf-8") == FIXED
    assert "unsafe-typo" in proc.stdout and "no-fix-typo" in proc.stdout
    assert "safe-typo" not in proc.stdout.replace("unsafe-typo", "")


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", False, "\n"),
        ("utf-8", True, "\r\n"),
        ("gbk", False, "\r\n"),
        ("gb18030", False, "\n"),
        ("utf-8", False, "mixed"),
        ("gbk", False, "mixed"),
    ],
)
def test_encoding_bom_and_line_endings_kept(
    workdir: Path, encoding: str, bom: bool, newline: str
) -> None:
    def encode(text: str) -> bytes:
        lines = text.split("\n")
        if newline == "mixed":
            endings = ["\r\n", "\n", "\r", "\r\n"]
            body = "".join(line + endings[i % 4] for i, line in enumerate(lines[:-1]))
        else:
            body = newline.join(lines)
        data = body.encode(encoding)
        return codecs.BOM_UTF8 + data if bom else data

    path = workdir / "draft.txt"
    path.write_bytes(encode(TEXT))
    fix(workdir, "draft.txt")
    assert path.read_bytes() == encode(FIXED)
    if encoding != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")  # still GBK, not silently converted


def test_second_run_and_diff_change_nothing(workdir: Path) -> None:
    (workdir / "a.txt").write_text(TEXT, encoding="utf-8")
    fix(workdir, "a.txt")
    once = (workdir / "a.txt").read_bytes()
    fix(workdir, "a.txt")
    assert (workdir / "a.txt").read_bytes() == once
    preview = fix(workdir, "a.txt", diff=True)
    assert preview.returncode == 0 and preview.stdout == ""


def test_diff_previews_without_writing(workdir: Path) -> None:
    (workdir / "a.txt").write_text(TEXT, encoding="utf-8")
    proc = fix(workdir, "a.txt", diff=True)
    assert proc.returncode == 1
    assert "-大力推进法制政府建设。" in proc.stdout and "+大力推进法治政府建设。" in proc.stdout
    assert "主体责任" not in proc.stdout  # an unsafe fix is never in the diff
    assert (workdir / "a.txt").read_text(encoding="utf-8") == TEXT


def test_write_is_atomic_and_keeps_permissions(workdir: Path) -> None:
    path = workdir / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0o640)
    inode = path.stat().st_ino
    fix(workdir, "a.txt")
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert sorted(p.name for p in workdir.iterdir()) == ["a.txt", "policy.yml"]  # no temp left


def test_interrupted_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "replace", crash)
    with pytest.raises(OSError):
        write_atomic(path, FIXED.encode("gbk"))
    assert path.read_bytes() == TEXT.encode("gbk")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def _v(start: int, end: int, replacement: str, safe: bool = True) -> Violation:
    return Violation(
        path="x.txt",
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        rule=f"r{start}-{end}",
        category=Category.WORDING,
        severity=Severity.ERROR,
        message="m",
        fix=Fix(replacement, safe=safe),
        start=start,
        end=end,
    )


def test_overlapping_fixes_are_never_both_applied() -> None:
    text = "法制政府建设"
    first, overlapping = _v(0, 4, "法治政府"), _v(2, 6, "部门工作")
    for order in ([first, overlapping], [overlapping, first]):
        out, applied = apply_fixes(text, order)
        assert (out, applied) == ("法治政府建设", 1)  # the earlier one wins, whatever the order
    # touching but not overlapping: both apply
    assert apply_fixes(text, [_v(0, 2, "AB"), _v(2, 4, "CD")]) == ("ABCD建设", 2)
    # an unsafe fix, a fix that crosses a line, a no-op: none applied
    assert apply_fixes("法制\n政府", [_v(0, 2, "法治", safe=False), _v(1, 4, "x")]) == (
        "法制\n政府",
        0,
    )
    assert apply_fixes(text, [_v(0, 2, "法制")]) == (text, 0)


def test_fix_twice_over_all_seeds_with_the_default_pack(tmp_path: Path) -> None:
    """Over copies of every seed (and GBK/BOM+CRLF variants): the second --fix is a no-op."""
    for seed in SEEDS:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    text = SEEDS[1].read_text("utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom-crlf.txt").write_bytes(
        codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    )
    run_cli("check", "--fix", str(tmp_path))
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    second = run_cli("check", "--diff", str(tmp_path))
    assert second.stdout == "" and second.returncode == 0, second.stdout[:2000]
    run_cli("check", "--fix", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == after
    assert len(os.listdir(tmp_path)) == len(SEEDS) + 2  # no temporary file left behind

"""The bad-input matrix, through the installed command: every strange input gets a one-line error
naming the file and exit status 2, the other files of the same run are still checked, and no
traceback ever reaches the user.

A bad rule pack is different: the pack applies to every file, so nothing is checked; the
contract there is exit 2 and a message positioned in the pack file.
"""

from __future__ import annotations

import codecs
import json
import os
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import SEEDS, lintreport_command, run_cli

GOOD = "good.txt"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory with one good report (a seed copy) beside the bad input of each test."""
    (tmp_path / GOOD).write_bytes(SEEDS[0].read_bytes())
    return tmp_path


def assert_one_line_error(workdir: Path, bad: str, *extra: str, expect: str | None = None) -> str:
    """Check `bad` beside the good file, in JSON and text; returns the error message."""
    proc = run_cli("check", "--format", "json", *extra, bad, GOOD, cwd=workdir)
    assert proc.returncode == 2, (proc.stdout[-2000:], proc.stderr)
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    errors = [e for e in data["errors"] if e["path"] == bad]
    assert len(errors) == 1, data["errors"]
    message = errors[0]["message"]
    assert message.strip() and "\n" not in message
    if expect is not None:
        assert expect in message
    # the good file was still read and checked
    assert [d["path"] for d in data["documents"]] == [GOOD]
    assert any(v["path"] == GOOD for v in data["violations"])

    text = run_cli("check", *extra, bad, GOOD, cwd=workdir)
    assert text.returncode == 2
    assert "Traceback" not in text.stderr
    lines = [ln for ln in (text.stdout + text.stderr).splitlines() if ln.startswith(f"{bad}:")]
    assert len(lines) == 1, text.stdout[-2000:]
    assert message in lines[0]
    return message


def test_missing_file(workdir: Path) -> None:
    assert_one_line_error(workdir, "missing.txt", expect="不存在")


def test_directory_without_matching_files(workdir: Path) -> None:
    (workdir / "scans").mkdir()
    (workdir / "scans" / "page1.pdf").write_bytes(b"%PDF-1.4")
    (workdir / "scans" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert_one_line_error(workdir, "scans", expect="没有可检查的文件")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: file permissions do not stop root from reading (see the ELOOP test)",
)
def test_permission_denied(workdir: Path) -> None:
    path = workdir / "secret.txt"
    path.write_bytes(SEEDS[1].read_bytes())
    path.chmod(0)
    try:
        assert_one_line_error(workdir, "secret.txt", expect="权限")
    finally:
        path.chmod(0o644)


def test_unreadable_path_symlink_loop(workdir: Path) -> None:
    """An OSError other than 'not found' (works as root too): a symlink pointing to itself."""
    (workdir / "loop.txt").symlink_to("loop.txt")
    assert_one_line_error(workdir, "loop.txt", expect="无法读取")


def test_binary_file_with_known_magic(workdir: Path) -> None:
    (workdir / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    assert_one_line_error(workdir, "scan.txt", expect="不是文本文件")


def test_binary_file_without_magic(workdir: Path) -> None:
    data = bytes((i * 7919) % 256 for i in range(40_000))
    (workdir / "blob.md").write_bytes(data)
    assert_one_line_error(workdir, "blob.md")


def test_invalid_utf8_after_a_bom(workdir: Path) -> None:
    data = codecs.BOM_UTF8 + "法治政府".encode() + b"\xff\xfe\x80" + "建设".encode()
    (workdir / "broken.txt").write_bytes(data)
    assert_one_line_error(workdir, "broken.txt", expect="UTF-8")


def test_neither_utf8_nor_gb18030(workdir: Path) -> None:
    # 0xFF is never a GB18030 lead byte and never valid UTF-8
    data = "关于2023年度法治政府建设情况的报告\n".encode("gb18030") + b"\xff\xff\xff\n"
    (workdir / "mojibake.txt").write_bytes(data)
    assert_one_line_error(workdir, "mojibake.txt", expect="编码")


def test_truncated_gbk_sequence(workdir: Path) -> None:
    data = "法治政府建设情况报告".encode("gbk") + b"\x81"  # a lead byte with nothing after it
    (workdir / "cut.txt").write_bytes(data)
    assert_one_line_error(workdir, "cut.txt", expect="编码")


@pytest.mark.parametrize(
    "content", [b"", codecs.BOM_UTF8, b" \r\n\t\n"], ids=["empty", "bom", "whitespace"]
)
def test_empty_file(workdir: Path, content: bytes) -> None:
    (workdir / "empty.txt").write_bytes(content)
    assert_one_line_error(workdir, "empty.txt", expect="为空")


def test_50_mb_file_is_refused_by_size(workdir: Path) -> None:
    """Text files over 16 MB are refused from their size alone: quick, and nothing is read.

    The file is sparse (truncate), so the test costs no disk and no time.
    """
    with open(workdir / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    message = assert_one_line_error(workdir, "huge.txt", expect="文件过大")
    assert "50 MB" in message and "--max-file-size" in message


def test_size_limit_is_adjustable(workdir: Path) -> None:
    text = SEEDS[2].read_text("utf-8")
    body = "\n".join([text] * (1_200_000 // len(text.encode()) + 1))
    (workdir / "long.txt").write_text(body, encoding="utf-8")  # ~1.2 MB
    assert_one_line_error(workdir, "long.txt", "--max-file-size", "1", expect="上限 1 MB")
    proc = run_cli("check", "--format", "json", "long.txt", cwd=workdir)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["errors"] == []


def test_single_5_mb_line_is_checked(workdir: Path) -> None:
    paragraphs = [ln for s in SEEDS for ln in s.read_text("utf-8").splitlines() if len(ln) > 80]
    line = "".join(paragraphs)
    data = (line * (5 * 1024 * 1024 // len(line.encode()) + 2)).encode()[: 5 * 1024 * 1024 + 8]
    line = data.decode("utf-8", errors="ignore")
    (workdir / "oneline.txt").write_text(line + "\n", encoding="utf-8")
    assert len((workdir / "oneline.txt").read_bytes()) >= 5 * 1024 * 1024
    proc = run_cli("check", "--format", "json", "oneline.txt", GOOD, cwd=workdir)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"] == []
    assert sorted(d["path"] for d in data["documents"]) == [GOOD, "oneline.txt"]
    # one line and the empty line after its newline (where a missing section is expected)
    assert {v["line"] for v in data["violations"] if v["path"] == "oneline.txt"} <= {1, 2}


def test_nul_bytes(workdir: Path) -> None:
    head = "关于2023年度法治政府建设情况的报告\n一、主要举措".encode()
    data = head + b"\x00\x00" + "成效\n".encode()
    (workdir / "nul.txt").write_bytes(data)
    assert_one_line_error(workdir, "nul.txt", expect="NUL")


def test_truncated_utf16_file(workdir: Path) -> None:
    data = "关于法治政府建设情况的报告\n".encode("utf-16") + b"\x00"  # odd length: damaged
    (workdir / "utf16.txt").write_bytes(data)
    assert_one_line_error(workdir, "utf16.txt", expect="UTF-16")


TYPO_PACK = """\
id: typo-test
name: 测试规则包
rules:
  - id: fazhi-typo-test
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
          fixed: "法治政府"
      good:
        - 法治政府
"""


def test_mixed_line_endings_positions_exact(workdir: Path) -> None:
    (workdir / "typo.yml").write_text(TYPO_PACK, encoding="utf-8")
    data = "第一行\r\n第二行\n第三行有法制政府\r第四行，法制政府\r\n".encode()
    (workdir / "mixed.txt").write_bytes(data)
    proc = run_cli("check", "--format", "json", "--pack", "typo.yml", "mixed.txt", cwd=workdir)
    assert proc.returncode == 1, proc.stderr
    violations = json.loads(proc.stdout)["violations"]
    found = [(v["line"], v["column"], v["end_column"]) for v in violations]
    assert found == [(3, 5, 9), (4, 5, 9)]
    # --fix keeps every line ending exactly where it was
    fixed = run_cli("check", "--fix", "--pack", "typo.yml", "mixed.txt", cwd=workdir)
    assert fixed.returncode == 0, fixed.stderr
    assert (workdir / "mixed.txt").read_bytes() == data.replace("法制".encode(), "法治".encode())


def test_docx_that_is_not_a_zip(workdir: Path) -> None:
    (workdir / "draft.docx").write_bytes("关于2023年度法治政府建设情况的报告".encode())
    assert_one_line_error(workdir, "draft.docx", expect=".docx")


def _zip_bomb(path: Path, size: int, lie: bool) -> None:
    """A .docx whose document.xml inflates to `size` bytes; with `lie`, the headers claim 1 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", b"<w:document>" + b" " * size + b"</w:document>")
    if lie:
        data = bytearray(path.read_bytes())
        name = b"word/document.xml"
        for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = 0
            while (at := data.find(signature, at)) >= 0:
                name_len = struct.unpack_from("<H", data, at + (26 if size_at == 22 else 28))[0]
                name_at = at + (30 if size_at == 22 else 46)
                if data[name_at : name_at + name_len] == name:
                    struct.pack_into("<I", data, at + size_at, 1024)
                at += 4
        path.write_bytes(bytes(data))


def test_docx_zip_bomb(workdir: Path) -> None:
    _zip_bomb(workdir / "bomb.docx", 200 * 1024 * 1024, lie=False)
    assert_one_line_error(workdir, "bomb.docx")


def test_docx_zip_bomb_with_lying_sizes(workdir: Path) -> None:
    """The declared size says 1 KB; inflating must stop there, not at 200 MB."""
    _zip_bomb(workdir / "liar.docx", 200 * 1024 * 1024, lie=True)
    assert_one_line_error(workdir, "liar.docx")


# -- bad rule packs: nothing can be checked, the error points into the pack ---------------------


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ("id: x\nrules: [unclosed\n  - {\n", "YAML"),
        ("- just\n- a list\n", "映射"),
        ("id: x\nname: y\nrules: " + "[" * 10_000 + "]" * 10_000 + "\n", "嵌套"),
        ("id: x\nname: y\nrules:\n" + "".join("  " * i + "- a:\n" for i in range(1, 400)), None),
        ("\x00\x01binary", None),
    ],
    ids=["not-yaml", "not-a-mapping", "nesting-10000", "deep-block-nesting", "binary"],
)
def test_bad_pack(workdir: Path, content: str, expect: str | None) -> None:
    (workdir / "bad.yml").write_text(content, encoding="utf-8")
    proc = run_cli("check", "--pack", "bad.yml", GOOD, cwd=workdir)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    first = proc.stderr.splitlines()[0]
    assert "bad.yml" in first, proc.stderr
    if expect is not None:
        assert expect in first


def test_missing_pack(workdir: Path) -> None:
    proc = run_cli("check", "--pack", "no-such-pack", GOOD, cwd=workdir)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "no-such-pack" in proc.stderr.splitlines()[0]


# -- a catastrophic regex in a pack cannot hang a run ---------------------------------------------

CATASTROPHIC_PACK = """\
id: catastrophic
name: 灾难性回溯
rules:
  - id: catastrophic-backtracking
    kind: pattern
    category: wording
    severity: error
    message: "匹配到“{match}”"
    source: 测试
    scope: body
    pattern:
      - "(a|a)+$"
    examples:
      bad:
        - text: "[[a]]"
      good:
        - 法治政府
"""


def test_catastrophic_regex_is_bounded(workdir: Path) -> None:
    """`(a|a)+$` is exponential in the regex module; 400 lines of 21 'a' take ~0.7 s each.

    Each finditer call has a 2 s timeout, and all calls of one rule on one document share a
    budget, so the rule is reported as failing within seconds (not 400 x 0.7 s), the other
    rules of the run still report, and the exit status is 2. The subprocess timeout below is a
    hang guard, not a speed assertion.
    """
    (workdir / "cat.yml").write_text(
        CATASTROPHIC_PACK + TYPO_PACK.split("rules:\n", 1)[1], encoding="utf-8"
    )
    (workdir / "evil.txt").write_text("法制政府建设。\n" + ("a" * 21 + "!\n") * 400, "utf-8")
    proc = subprocess.run(
        [*lintreport_command(), "check", "--format", "json", "--pack", "cat.yml", "evil.txt"],
        cwd=workdir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert [(e["path"], "catastrophic-backtracking" in e["message"]) for e in data["errors"]] == [
        ("evil.txt", True)
    ]
    assert [v["rule"] for v in data["violations"]] == ["fazhi-typo-test"]

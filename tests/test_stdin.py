"""`lintreport check - --stdin-filename NAME`: stdin decodes like a file of that name."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import docx

from .conftest import ROOT, SEEDS, lintreport_command, run_cli

DRAFT = "关于2023年度法治政府建设情况的报告\r\n大力推进法制政府建设,依法行政。\r\n"


def _run_bytes(*args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*lintreport_command(), *args],
        cwd=ROOT,
        input=data,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def _violations(stdout: str) -> list[tuple[str, int, int, str]]:
    data = json.loads(stdout)
    return [(v["path"], v["line"], v["column"], v["rule"]) for v in data["violations"]]


def test_stdin_is_reported_under_the_given_name_like_the_file() -> None:
    seed = SEEDS[4]
    from_file = run_cli("check", "--format", "json", str(seed.relative_to(ROOT)))
    from_stdin = run_cli(
        "check",
        "--format",
        "json",
        "-",
        "--stdin-filename",
        str(seed.relative_to(ROOT)),
        stdin=seed.read_text(encoding="utf-8"),
    )
    assert from_stdin.returncode == from_file.returncode == 1, from_stdin.stderr
    assert _violations(from_stdin.stdout) == _violations(from_file.stdout)


def test_stdin_without_a_name_is_plain_text_called_dash() -> None:
    proc = run_cli("check", "--format", "json", "-", stdin="大力推进法制政府建设。")
    assert proc.returncode == 1, proc.stderr
    assert ("-", 1, 5, "fazhi-not-fazhi") in _violations(proc.stdout)


def test_gbk_stdin_with_fix_writes_fixed_bytes_in_the_same_encoding_to_stdout() -> None:
    data = DRAFT.encode("gbk")
    args = ("check", "--fix", "--select", "fazhi-not-fazhi", "-", "--stdin-filename", "draft.txt")
    proc = _run_bytes(*args, data=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == DRAFT.replace("法制", "法治").encode("gbk")  # GBK and CRLF kept
    assert "未发现问题" in proc.stderr.decode("utf-8")  # the report of what is left


def test_fix_of_a_clean_stdin_echoes_it_unchanged() -> None:
    data = "关于2023年度法治政府建设情况的报告\n全面推进法治政府建设。\n".encode()
    proc = _run_bytes("check", "--fix", "--select", "fazhi-not-fazhi", "-", data=data)
    assert proc.returncode == 0
    assert proc.stdout == data


def test_diff_of_stdin_shows_the_fix_and_exits_1() -> None:
    proc = run_cli("check", "--diff", "-", "--stdin-filename", "d.md", stdin=DRAFT)
    assert proc.returncode == 1
    assert "+大力推进法治政府建设" in proc.stdout
    assert proc.stdout.startswith("--- a/d.md")


def test_docx_on_stdin_is_read_as_word_and_never_fixed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    document.add_paragraph("大力推进法制政府建设。")
    document.save(tmp_path / "a.docx")
    data = (tmp_path / "a.docx").read_bytes()
    proc = _run_bytes("check", "--format", "json", "-", "--stdin-filename", "a.docx", data=data)
    assert proc.returncode == 1, proc.stderr.decode()
    assert ("a.docx", 2, 5, "fazhi-not-fazhi") in _violations(proc.stdout.decode())
    fixed = _run_bytes("check", "--fix", "-", "--stdin-filename", "a.docx", data=data)
    assert fixed.stdout == data  # echoed unchanged: a .docx is never rewritten


def test_bad_stdin_is_a_one_line_error_naming_it() -> None:
    proc = run_cli("check", "-", "--stdin-filename", "draft.txt", stdin="   \n")
    assert proc.returncode == 2
    assert "draft.txt" in proc.stdout + proc.stderr
    assert "文件为空" in proc.stdout + proc.stderr


def test_dash_with_other_paths_is_a_usage_error() -> None:
    proc = run_cli("check", "-", "seeds/", stdin="x")
    assert proc.returncode == 2
    assert "标准输入" in proc.stderr


def test_stdin_filename_finds_the_configuration_a_file_there_would(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".lintreport.yaml").write_text("ignore: [fazhi-not-fazhi]\n", "utf-8")
    text = "大力推进法制政府建设。"
    args = ("check", "--format", "json", "-", "--stdin-filename")
    inside = run_cli(*args, "sub/d.txt", stdin=text, cwd=tmp_path)
    outside = run_cli(*args, "d.txt", stdin=text, cwd=tmp_path)
    assert "fazhi-not-fazhi" not in {rule for *_, rule in _violations(inside.stdout)}
    assert ("d.txt", 1, 5, "fazhi-not-fazhi") in _violations(outside.stdout)


def test_oversized_stdin_is_refused_without_reading_it_all() -> None:
    data = ("大力推进法治政府建设。" * 70_000).encode()  # about 2.3 MB
    proc = _run_bytes("check", "--max-file-size", "1", "-", data=data)
    assert proc.returncode == 2
    assert "输入过大" in (proc.stdout + proc.stderr).decode("utf-8")


def test_fix_on_stdin_leaves_suppressed_findings_alone() -> None:
    text = (
        "<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n"
        "强化法制政府学习。\n"
        "大力推进法制政府建设。\n"
    )
    args = ("check", "--fix", "--select", "fazhi-not-fazhi", "-", "--stdin-filename", "d.md")
    proc = _run_bytes(*args, data=text.encode())
    fixed = proc.stdout.decode("utf-8")
    assert "强化法制政府学习" in fixed  # suppressed: kept as written
    assert "大力推进法治政府建设" in fixed

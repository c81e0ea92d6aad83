"""`-o/--output-file`: every format can go to a file, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import SEEDS, run_cli

SEED = str(SEEDS[4])


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "gcc", "github"])
def test_file_holds_exactly_what_stdout_would(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    to_file = run_cli("check", "--format", fmt, "-o", str(target), SEED)
    to_stdout = run_cli("check", "--format", fmt, SEED)
    assert to_file.returncode == to_stdout.returncode == 1
    assert to_file.stdout == ""
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    assert to_file.stderr == f"检查结果已写入 {target}\n"


def test_text_report_in_a_file_has_no_colour_codes(tmp_path: Path) -> None:
    target = tmp_path / "结果.txt"
    proc = run_cli("check", "--output-file", str(target), "--statistics", SEED)
    assert proc.returncode == 1
    written = target.read_text(encoding="utf-8")
    assert "\x1b[" not in written
    assert "检查了 1 个文件" in written and "closing-date-before-year-end" in written


def test_mode_follows_umask_like_any_new_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    run_cli("check", "--format", "json", "-o", str(target), SEED)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("missing-dir/out.html", "不存在"),
        (".", "这是一个目录"),
    ],
)
def test_bad_path_is_one_chinese_line_and_exit_2(tmp_path: Path, where: str, why: str) -> None:
    target = tmp_path / where
    proc = run_cli("check", "--format", "html", "-o", str(target), SEED)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and why in proc.stderr
    assert proc.stderr.startswith("lintreport: 无法写入输出文件")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_output_over_a_checked_file_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    original = Path(SEED).read_bytes()
    draft.write_bytes(original)
    proc = run_cli("check", "-o", str(draft), str(draft))
    assert proc.returncode == 2 and "被检查的文件" in proc.stderr
    assert draft.read_bytes() == original


def test_a_failed_run_leaves_the_previous_report_intact(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")
    # the unknown rule is found after the output was opened, while the run starts
    proc = run_cli("check", "--format", "json", "--select", "no-such-rule", "-o", str(target), SEED)
    assert proc.returncode == 2 and "no-such-rule" in proc.stderr
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_baseline_writing_has_no_report_to_write(tmp_path: Path) -> None:
    proc = run_cli(
        "check", "--write-baseline", str(tmp_path / "b.json"), "-o", str(tmp_path / "x"), SEED
    )
    assert proc.returncode == 2 and "--write-baseline" in proc.stderr
    assert not (tmp_path / "x").exists() and not (tmp_path / "b.json").exists()


def test_stdin_fix_keeps_fixed_text_on_stdout_and_report_in_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    proc = run_cli(
        "check", "-", "--stdin-filename", "draft.txt", "--fix", "-o", str(target),
        stdin="关于2023年度法治政府建设情况的报告\n推进法制政府建设。\n",
    )  # fmt: skip
    assert "推进法治政府建设。" in proc.stdout
    assert "draft.txt" in target.read_text(encoding="utf-8")


def test_dash_means_standard_output(tmp_path: Path) -> None:
    proc = run_cli("check", "--format", "json", "-o", "-", SEED, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("{")
    assert list(tmp_path.iterdir()) == []

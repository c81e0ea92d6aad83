"""Conventions users bring from other linters: nothing hidden without a switch, Chinese argparse,
-V, FORCE_COLOR/NO_COLOR, progress only on a terminal, .gitignore, skipped types said aloud."""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
from pathlib import Path

import regex

from lintreport.cli.command import build_parser
from lintreport.cli.progress import DELAY, ProgressBar
from lintreport.cli.zh_argparse import translate
from lintreport.version import __version__

from .conftest import SEEDS, run_cli

HEAD = re.compile(r"^\S+:\d+:\d+: (错误|警告|提示) \[", re.M)


def test_text_output_hides_repeats_only_until_show_all() -> None:
    total = len(json.loads(run_cli("check", "--format", "json", "seeds/").stdout)["violations"])
    grouped = run_cli("check", "seeds/")
    assert "加 --show-all 可全部显示" in grouped.stdout
    assert len(HEAD.findall(grouped.stdout)) < total
    everything = run_cli("check", "--show-all", "seeds/")
    assert "--show-all" not in everything.stdout
    assert len(HEAD.findall(everything.stdout)) == total
    assert f"发现 {total} 个问题" in everything.stdout


def test_argparse_speaks_chinese() -> None:
    missing = run_cli("check")
    assert missing.returncode == 2
    assert missing.stderr.startswith("用法：lintreport check")
    assert "lintreport check：错误：缺少必需的参数：PATH" in missing.stderr
    bad = run_cli("check", "--format", "xml", "a.txt")
    assert "参数 --format：无效的取值 'xml'（可选：" in bad.stderr
    typo = run_cli("chek", "seeds/")
    assert "无效的取值 'chek'" in typo.stderr and "是否想用 check？" in typo.stderr
    unknown = run_cli("check", "--bogus", "a.txt")
    assert "无法识别的参数：--bogus" in unknown.stderr
    helped = run_cli("check", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("用法：")
    for proc in (missing, bad, unknown, helped):
        text = proc.stdout + proc.stderr
        for english in ("usage:", "error:", "the following", "invalid choice", "options:",
                        "positional arguments", "show this help", "unrecognized"):  # fmt: skip
            assert english not in text, (english, text)


def test_every_argument_has_chinese_help() -> None:
    def visit(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    visit(sub)
            elif action.help != argparse.SUPPRESS:
                assert action.help and regex.search(r"\p{Han}", action.help), action

    visit(build_parser())


def test_translate_keeps_unknown_messages_and_nests() -> None:
    assert translate("argument --year: invalid int value: 'x'") == (
        "参数 --year：取值无效：'x'（应为 整数）"
    )
    assert translate("argument -j/--jobs: expected one argument") == "参数 -j/--jobs：需要一个值"
    assert translate("应为正整数：0") == "应为正整数：0"


def test_short_version_flag() -> None:
    for flag in ("-V", "--version"):
        proc = run_cli(flag)
        assert proc.returncode == 0 and proc.stdout.strip() == f"lintreport {__version__}"


def test_force_color_and_no_color() -> None:
    seed = "seeds/004_d3385afb506ce1c5.txt"
    forced = run_cli("check", seed, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    plain = run_cli("check", seed, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert "\x1b[" not in plain.stdout  # stdout is a pipe here
    both = run_cli("check", seed, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in both.stdout  # NO_COLOR wins over FORCE_COLOR
    flag = run_cli("check", "--color", "never", seed, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" not in flag.stdout  # the flag wins over both


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_appears_only_on_a_terminal_after_a_delay() -> None:
    clock = _Clock()
    stream = io.StringIO()
    with ProgressBar(stream, enabled=True, color=False, clock=clock) as bar:
        bar.update(1, 100)
        assert stream.getvalue() == ""  # a short run never shows a bar
        clock.now += DELAY + 0.1
        bar.update(2, 100)
        assert "检查中" in stream.getvalue() and "2/100" in stream.getvalue()
    quiet = io.StringIO()
    with ProgressBar(quiet, enabled=False, clock=clock) as bar:
        clock.now += 10
        bar.update(1, 100)
    assert quiet.getvalue() == ""


def test_no_progress_output_when_stderr_is_not_a_terminal() -> None:
    proc = run_cli("check", "seeds/")
    assert "检查中" not in proc.stderr and proc.stderr == ""


def test_explain_prints_each_examples_year_and_note() -> None:
    proc = run_cli("explain", "outdated-shijiuda-latest")
    assert proc.returncode == 0
    assert "（报告年度 2024）" in proc.stdout
    assert "（报告年度 2022；2022 年度报告叙述二十大之前的事" in proc.stdout


DRAFT = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设。\n"


def test_directory_walk_respects_gitignore(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("old/\n*.bak.txt\n!keep.bak.txt\n", encoding="utf-8")
    for name in ("a.txt", "old/b.txt", "sub/c.bak.txt", "sub/keep.bak.txt", "sub/d.txt"):
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT, encoding="utf-8")
    (repo / "sub" / ".gitignore").write_text("d.txt\n", encoding="utf-8")

    def checked(*args: str, cwd: Path = repo) -> list[str]:
        proc = run_cli("check", "--format", "json", *args, cwd=cwd)
        return [d["path"] for d in json.loads(proc.stdout)["documents"]]

    assert checked(".") == ["a.txt", "sub/keep.bak.txt"]
    # walking a subdirectory still applies the .gitignore files above it, up to the work tree
    assert checked("sub") == ["sub/keep.bak.txt"]
    assert checked("sub/d.txt") == ["sub/d.txt"]  # a file named on the command line is checked
    assert len(checked("--no-gitignore", ".")) == 5


def test_gitignore_outside_a_work_tree_applies_below_the_walked_directory(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")  # above: not a repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(DRAFT, encoding="utf-8")
    (drafts / "b.txt").write_text(DRAFT, encoding="utf-8")
    (drafts / ".gitignore").write_text("b.txt\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "drafts", cwd=tmp_path)
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["drafts/a.txt"]


def test_files_skipped_for_their_type_are_named_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "scan1.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "scan2.PDF").write_bytes(b"%PDF-1.7")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    proc = run_cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if "跳过" in line]
    assert lines == [
        "lintreport: 跳过 1 个 .doc 文件：请另存为 .docx；"
        "跳过 2 个 .pdf 文件：请用原稿（.docx 或 .txt）检查"
    ]
    assert "png" not in proc.stderr
    quiet = run_cli("check", "a.txt", cwd=tmp_path)
    assert "跳过" not in quiet.stderr


def test_fix_summary_explains_findings_that_share_an_edit(tmp_path: Path) -> None:
    seed = next(p for p in SEEDS if p.name.startswith("003_"))
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)
    before = run_cli("check", str(copy))
    fixable = int(re.search(r"其中 (\d+) 个可用 --fix", before.stdout).group(1))
    fixed = run_cli("check", "--fix", str(copy))
    summary = re.search(r"已修复 (\d+) 处，涉及 1 个文件；另有 (\d+) 个问题", fixed.stderr)
    assert summary, fixed.stderr
    applied, shared = int(summary.group(1)), int(summary.group(2))
    assert applied + shared == fixable
    assert "与其他问题是同一处修改，一并修复" in fixed.stderr

"""`--fix` cannot lose or damage a file: links, owners, read-only files, unwritable directories,
edits made meanwhile; a failure is that file's and the run goes on; a second --fix is a no-op."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lintreport.document.inputs import load_bytes
from lintreport.pack import load_packs
from lintreport.run.fixer import FixRefused, fix_file, read_for_fix
from lintreport.run.runner import select_rules

from .harness import DRAFT, FIXED, Outcome, assert_clean_failure, run_capped, tree_state

posix = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file system semantics")
ROOT = hasattr(os, "getuid") and os.getuid() == 0


def _write(path: Path, text: str = DRAFT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _fix(root: Path, *names: str) -> Outcome:
    return run_capped("check", "--fix", "-j", "1", *names, cwd=root)


@posix
def test_symlink_target_is_fixed_and_the_link_kept(tmp_path: Path) -> None:
    real = _write(tmp_path / "real" / "draft.txt")
    (tmp_path / "link.txt").symlink_to("real/draft.txt")
    outcome = _fix(tmp_path, "link.txt")
    assert "Traceback" not in outcome.output
    assert (tmp_path / "link.txt").is_symlink()
    assert os.readlink(tmp_path / "link.txt") == "real/draft.txt"
    assert real.read_text(encoding="utf-8") == FIXED


@posix
def test_hard_link_is_not_broken(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.txt")
    os.link(first, tmp_path / "b.txt")
    other = _write(tmp_path / "c.txt")
    outcome = _fix(tmp_path, "a.txt", "c.txt")
    line = assert_clean_failure(outcome, "a.txt")
    assert "硬链接" in line
    assert first.stat().st_nlink == 2 and os.path.samefile(first, tmp_path / "b.txt")
    assert first.read_text(encoding="utf-8") == DRAFT
    assert other.read_text(encoding="utf-8") == FIXED  # the run went on


@posix
def test_read_only_file_is_left_alone(tmp_path: Path) -> None:
    # as root EACCES never comes: the mode alone must decide
    locked = _write(tmp_path / "a.txt")
    locked.chmod(0o444)
    other = _write(tmp_path / "b.txt")
    outcome = _fix(tmp_path, "a.txt", "b.txt")
    assert "只读" in assert_clean_failure(outcome, "a.txt")
    assert locked.read_text(encoding="utf-8") == DRAFT
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_text(encoding="utf-8") == FIXED


@posix
@pytest.mark.skipif(not ROOT, reason="creating a file owned by another user needs root")
def test_another_users_file_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    theirs = _write(tmp_path / "a.txt")
    os.chown(theirs, 12345, 23456)
    theirs.chmod(0o2664)  # setgid: must stay theirs, never become root's
    outcome = _fix(tmp_path, "a.txt")
    assert "Traceback" not in outcome.output
    st = theirs.stat()
    assert (st.st_uid, st.st_gid) == (12345, 23456)
    assert stat.S_IMODE(st.st_mode) == 0o2664
    assert theirs.read_text(encoding="utf-8") == FIXED


@pytest.fixture
def unwritable_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory in which no new file can be created, also by root (which ignores modes)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked / "a.txt")
    if ROOT:
        chattr = shutil.which("chattr")
        made = chattr and subprocess.run([chattr, "+i", str(locked)], capture_output=True)
        if not made or made.returncode != 0:
            pytest.skip("as root only an immutable directory refuses new files (chattr +i)")
        yield locked
        subprocess.run([chattr, "-i", str(locked)], check=True)
    else:
        locked.chmod(0o555)
        yield locked
        locked.chmod(0o755)


@posix
def test_unwritable_directory_costs_only_its_files(tmp_path: Path, unwritable_dir: Path) -> None:
    free = _write(tmp_path / "free" / "b.txt")
    later = _write(tmp_path / "z" / "c.txt")
    before = tree_state(unwritable_dir)
    outcome = _fix(tmp_path, ".")
    line = assert_clean_failure(outcome, "locked/a.txt")
    assert "不可写" in line
    assert tree_state(unwritable_dir) == before
    assert free.read_text(encoding="utf-8") == FIXED
    assert later.read_text(encoding="utf-8") == FIXED
    assert "检查了 3 个文件" in outcome.stdout  # and the report is printed


def test_edit_made_while_fixing_is_never_overwritten(tmp_path: Path) -> None:
    """The file changes between reading and writing: the writer refuses, the edit stays."""
    path = _write(tmp_path / "a.txt")
    packs = load_packs(["fazhi-annual"])
    rules = select_rules(packs)
    data, snapshot = read_for_fix(path, "a.txt", 1 << 20)
    doc = load_bytes(data, str(path))
    edited = DRAFT.replace("取得成效", "取得显著成效")
    path.write_text(edited, encoding="utf-8")  # same moment a drafter saves in the editor
    with pytest.raises(FixRefused, match="被修改"):
        fix_file(doc, rules, packs, write=True, snapshot=snapshot)
    assert path.read_text(encoding="utf-8") == edited
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary left behind


def test_same_size_same_mtime_edit_is_caught_by_content(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt")
    packs = load_packs(["fazhi-annual"])
    data, snapshot = read_for_fix(path, "a.txt", 1 << 20)
    doc = load_bytes(data, str(path))
    st = path.stat()
    path.write_text(DRAFT.replace("取得成效", "取得实效"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(FixRefused):
        fix_file(doc, select_rules(packs), packs, write=True, snapshot=snapshot)
    assert "取得实效" in path.read_text(encoding="utf-8")


def test_second_fix_changes_nothing_on_runs_of_marks(tmp_path: Path) -> None:
    text = "关于2023年度法治政府建设情况的报告\n一、主要举措\n我们" + ",,,," * 20 + "…推进工作。\n"
    path = _write(tmp_path / "a.txt", text)
    first = _fix(tmp_path, "a.txt")
    assert "已修复 80 处" in first.stderr
    fixed = path.read_bytes()
    assert b"," not in fixed
    second = _fix(tmp_path, "a.txt")
    assert "已修复 0 处" in second.stderr
    assert path.read_bytes() == fixed

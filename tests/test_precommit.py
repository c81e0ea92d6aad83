"""The pre-commit hook, run by pre-commit itself in a throwaway repository of drafts.

The hook repository is a snapshot of this checkout (committed into a temporary git repo), so the
test exercises `.pre-commit-hooks.yaml` exactly as users get it: pre-commit builds the hook's own
virtualenv with pip (`language: python`) and runs `lintreport check` on the staged files. That
needs PyPI for the build backend and dependencies (about 10 s with a warm pip cache); the
environment is built once per test module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from .conftest import ROOT

SEED_004 = ROOT / "seeds" / "004_d3385afb506ce1c5.txt"
CLEAN = """\
关于2023年度法治政府建设情况的报告

市人民政府：

2023年，我局深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，现将有关情况报告如下：

一、主要举措和成效

（一）完善依法行政制度体系。全年审核规范性文件12件，全部按期完成备案。

（二）推进严格规范公正文明执法。全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。

二、党政主要负责人履行推进法治建设第一责任人职责情况

主要负责人带头学法，听取法治政府建设工作汇报2次，研究解决重大问题。

三、存在的不足和原因

一是法治宣传的针对性有待增强；二是执法人员业务能力有待提升。

四、2024年推进法治政府建设的主要安排

一是加强制度建设；二是提升执法水平；三是强化监督问责。

某某市司法局
2024年1月20日
"""
_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "NO_COLOR": "1",
}


def _git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = {**os.environ, **_ENV, "PRE_COMMIT_HOME": str(base / "cache")}

    hooks = base / "hook-repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("lintreport", "rules"):
        shutil.copytree(ROOT / name, hooks / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, hooks / name)
    _git(hooks, "init", "-q", env=env)
    _git(hooks, "add", "-A", env=env)
    assert _git(hooks, "commit", "-q", "-m", "snapshot", env=env).returncode == 0
    rev = _git(hooks, "rev-parse", "HEAD", env=env).stdout.strip()

    repo = base / "drafts"
    repo.mkdir()
    _git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: lintreport\n",
        encoding="utf-8",
    )
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return repo, env


def _commit(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", *files, env=env)
    return _git(repo, "commit", "-m", f"add {' '.join(files)}", env=env)


def _commits(repo: Path, env: dict[str, str]) -> int:
    log = _git(repo, "rev-list", "--count", "HEAD", env=env)
    return int(log.stdout.strip() or 0) if log.returncode == 0 else 0


def test_clean_draft_is_committed(drafts: tuple[Path, dict[str, str]]) -> None:
    repo, env = drafts
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    done = _commit(repo, env, ".pre-commit-config.yaml", "clean.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "lintreport" in done.stdout + done.stderr  # the hook ran and passed
    assert "Passed" in done.stdout + done.stderr


def test_seed_004_is_blocked(drafts: tuple[Path, dict[str, str]]) -> None:
    repo, env = drafts
    before = _commits(repo, env)
    shutil.copy2(SEED_004, repo / "draft.txt")
    blocked = _commit(repo, env, ".pre-commit-config.yaml", "draft.txt")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out
    assert "draft.txt:7:" in out and "fazhi-not-fazhi" in out
    assert _commits(repo, env) == before
    _git(repo, "rm", "-q", "--cached", "draft.txt", env=env)


def test_docx_draft_is_checked_too(drafts: tuple[Path, dict[str, str]]) -> None:
    repo, env = drafts
    document = docx.Document()
    for line in SEED_004.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(repo / "draft.docx")
    blocked = _commit(repo, env, ".pre-commit-config.yaml", "draft.docx")
    assert blocked.returncode != 0
    assert "draft.docx:第7段" in blocked.stdout + blocked.stderr
    _git(repo, "rm", "-q", "--cached", "draft.docx", env=env)

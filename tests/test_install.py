"""Installing as the README says: the first command in a fresh virtualenv, and the wheel.

Both need PyPI (or a mirror) for the build backend and the dependencies, as a user does; CI has
it. They run on a copy of the checkout so that nothing is written into the working tree, with
pip's cache and lintreport's pack cache in a temporary directory, never in the real home.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from lintreport.version import REPOSITORY_URL

from .conftest import ROOT

_LEAVE_OUT = shutil.ignore_patterns(
    ".git", ".venv*", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache", "build", "dist"
)


def _copy_checkout(tmp_path: Path) -> Path:
    copy = tmp_path / "lintreport"
    shutil.copytree(ROOT, copy, ignore=_LEAVE_OUT, symlinks=True)
    return copy


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a new terminal: no active virtualenv, private caches."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    venv_bin = str(Path(sys.prefix) / "bin")
    # Our own interpreter's directory first: `python3` must be a Python ≥ 3.11 like ours.
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin]
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "python3").symlink_to(sys._base_executable)  # type: ignore[attr-defined]
    env["PATH"] = os.pathsep.join([str(shim), *path])
    env["PIP_CACHE_DIR"] = str(tmp_path / "pip-cache")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["NO_COLOR"] = "1"
    return env


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme, re.S)


def test_readme_first_command_installs_and_checks_the_seeds(tmp_path: Path) -> None:
    first = _readme_commands()[0]
    assert "\n" not in first and "venv" in first and "lintreport check seeds/" in first
    copy = _copy_checkout(tmp_path)
    proc = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + first],
        cwd=copy,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-4000:]  # findings: exit 1
    assert "检查了 5 个文件，发现" in proc.stdout
    assert re.search(r"^seeds/\S+:\d+:\d+: 错误 \[", proc.stdout, re.M)
    assert "Traceback" not in proc.stderr


def test_ci_runs_exactly_the_readme_test_command() -> None:
    second = _readme_commands()[1]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in second and "'.[test]'" in second
    assert script.rstrip("\n").split("\n")[-1] == second


def test_python_build_makes_a_wheel_that_carries_the_packs(tmp_path: Path) -> None:
    copy = _copy_checkout(tmp_path)
    out = tmp_path / "dist"
    env = _clean_env(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(copy)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    wheels = list(out.glob("lintreport-*.whl"))
    assert len(wheels) == 1 and list(out.glob("lintreport-*.tar.gz"))
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    packs = {p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*.yml")}
    assert packs and {f"lintreport/{p}" for p in packs} <= names
    assert "lintreport/cli/__init__.py" in names
    # installed from the wheel alone, away from the checkout, the built-in pack loads
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheels[0])],
        env=env,
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    rules = subprocess.run(
        [str(venv / "bin" / "lintreport"), "test-pack"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert rules.returncode == 0 and "0 处不符" in rules.stdout, rules.stdout + rules.stderr


_URL = re.compile(r"https?://[^\s\"'<>)（）`]*lintreport[^\s\"'<>)（）`]*")


def test_one_repository_address_everywhere() -> None:
    """The placeholder address is the same in code, packaging, hook and docs: easy to replace."""
    files = [
        ROOT / "pyproject.toml",
        ROOT / ".pre-commit-hooks.yaml",
        ROOT / "README.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "lintreport").rglob("*.py")),
    ]
    found = {
        (path.relative_to(ROOT).as_posix(), url)
        for path in files
        for url in _URL.findall(path.read_text(encoding="utf-8"))
    }
    wrong = sorted((p, u) for p, u in found if not u.startswith(REPOSITORY_URL))
    assert not wrong
    where = {p for p, _ in found}
    assert {"pyproject.toml", ".pre-commit-hooks.yaml", "docs/ci.md"} <= where


def test_hook_runs_serially_because_lintreport_parallelises_itself() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["require_serial"] is True
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "rev: v0.1.0" not in text  # there is no such tag: the documented setup would fail

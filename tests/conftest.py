"""Shared fixtures: the built-in packs are loaded once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lintreport.pack import Pack, builtin_packs, load_packs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _private_pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never write to the developer's real cache; CLI children inherit the variable."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LINTREPORT_CACHE_DIR", str(tmp_path_factory.mktemp("cache") / "lintreport"))
        yield


@pytest.fixture(scope="session")
def packs() -> list[Pack]:
    return load_packs(builtin_packs())


@pytest.fixture(scope="session")
def default_packs() -> list[Pack]:
    return load_packs(["fazhi-annual"])


def lintreport_command() -> list[str]:
    """The installed console script, as a user runs it (falls back to -m in a bare checkout)."""
    exe = shutil.which("lintreport")
    return [exe] if exe else [sys.executable, "-m", "lintreport"]


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*lintreport_command(), *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=300,
    )

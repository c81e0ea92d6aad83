"""Running the CLI on hostile input as a user would, in a child with a memory cap and a wall
bound, and judging the result the way the issue's promises read."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import lintreport_command

MEMORY_CAP = 1536 * 1024 * 1024  # address space of the CLI and its workers
WALL = 120  # seconds: generous on a loaded CI machine; a hang is what it catches
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def error_lines(self, name: str) -> list[str]:
        """Lines of the output that report an error about `name`."""
        return [line for line in self.output.splitlines() if line.startswith(f"{name}: ")]


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def start_capped(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """`lintreport ARGS` started in `cwd` under the memory cap (the caller waits)."""
    return subprocess.Popen(
        [*lintreport_command(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=_env(),
        preexec_fn=_limit,
    )


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "LINTREPORT_NO_CACHE": "1"}
    env.pop("LINTREPORT_DEBUG", None)
    return env


def run_capped(*args: str, cwd: Path) -> Outcome:
    """`lintreport ARGS` in `cwd` with the memory cap and the wall bound."""
    done = subprocess.run(
        [*lintreport_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=_env(),
        timeout=WALL,
        preexec_fn=_limit,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def assert_clean_failure(outcome: Outcome, name: str) -> str:
    """One line, in Chinese, about `name`; no traceback, no internal error. Returns the line."""
    assert "Traceback" not in outcome.output, outcome.output
    assert "内部错误" not in outcome.output, outcome.output
    lines = outcome.error_lines(name)
    assert len(lines) == 1, outcome.output[-3000:]
    assert _CHINESE.search(lines[0]), lines[0]
    return lines[0]


def checked(outcome: Outcome, name: str) -> bool:
    """Whether `name` was checked: the seed-like draft always has findings with positions."""
    return re.search(rf"^{re.escape(name)}:\d+:\d+: ", outcome.stdout, re.MULTILINE) is not None


def tree_state(root: Path) -> dict[str, tuple[object, ...]]:
    """Everything a run could damage in `root`: content, kind, mode, owner, links."""
    state: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = path.lstat()
            if path.is_symlink():
                state[str(path)] = ("link", os.readlink(path))
            elif path.is_file() and not path.is_fifo():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[str(path)] = ("file", digest, st.st_mode, st.st_uid, st.st_gid, st.st_nlink)
            else:
                state[str(path)] = ("other", st.st_mode, st.st_uid)
    return state


DRAFT = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n推进法制政府建设,取得成效。\n"
FIXED = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n推进法治政府建设，取得成效。\n"
PYTHON = sys.executable

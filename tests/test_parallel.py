"""`-j/--jobs`: the same bytes out whatever the number of worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintreport.pack import Pack
from lintreport.run.batch import run
from lintreport.run.runner import RunOptions

from .conftest import SEEDS, run_cli


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds copied into nested directories, plus files that cannot be read."""
    root = tmp_path_factory.mktemp("tree")
    for i, seed in enumerate(SEEDS * 3):
        target = root / f"d{i % 4}" / f"s{i:02d}_{seed.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(seed.read_bytes())
    (root / "d1" / "empty.txt").write_bytes(b"")
    (root / "d2" / "binary.txt").write_bytes(b"\x00\x01\x02")
    return root


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_identical_for_any_jobs(tree: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2", "3"):
        proc = run_cli("check", "--format", fmt, "-j", jobs, ".", cwd=tree)
        assert proc.returncode == 2, proc.stderr  # the unreadable files
        assert "Traceback" not in proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert "empty.txt" in outputs[0] and "binary.txt" in outputs[0]


def test_api_parallel_equals_serial(tree: Path, default_packs: list[Pack]) -> None:
    serial = run([str(tree)], default_packs, RunOptions(jobs=1))
    parallel = run([str(tree)], default_packs, RunOptions(jobs=2))
    assert parallel.violations == serial.violations
    assert parallel.documents == serial.documents
    assert parallel.errors == serial.errors
    assert parallel.texts == serial.texts
    assert len(serial.documents) == len(SEEDS) * 3


@pytest.mark.parametrize("bad", ["0", "-1", "x"])
def test_jobs_must_be_positive(bad: str) -> None:
    proc = run_cli("check", "-j", bad, "seeds/")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr

"""Golden findings for the five real reports: reviewed by hand once, a change shows up as a diff.

Regenerate after an intended change with::

    LINTREPORT_UPDATE_GOLDEN=1 pytest tests/test_seeds_golden.py

and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lintreport.run.batch import run
from lintreport.run.runner import RunOptions

from .conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"


def _snapshot(seed: Path, packs) -> dict:
    result = run([str(seed.relative_to(ROOT))], packs, RunOptions(keep_text=False))
    return {
        "documents": [
            {"report_type": d.report_type, "report_year": d.report_year, "title": d.title}
            for d in result.documents
        ],
        "errors": [e.message for e in result.errors],
        "violations": [
            f"{v.line}:{v.column}-{v.end_line}:{v.end_column} "
            f"{v.severity.value} {v.rule} {v.message}"
            for v in result.violations
        ],
    }


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_matches_golden(seed: Path, default_packs, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    actual = _snapshot(seed, default_packs)
    golden = GOLDEN / f"{seed.stem}.json"
    if os.environ.get("LINTREPORT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {seed.name}; run with LINTREPORT_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected

"""Reports written for the tests, not taken from the seeds: correct ones must stay silent, and a
defective one must get exactly its defects (precision and recall on text the rules never saw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintreport.run.batch import run
from lintreport.run.runner import RunOptions

SAMPLES = Path(__file__).parent / "samples"


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("clean_*")), ids=lambda p: p.name)
def test_correct_reports_get_no_finding(path: Path, default_packs) -> None:
    result = run([str(path)], default_packs, RunOptions(keep_text=False))
    assert not result.errors
    assert [f"{v.line}:{v.column} {v.rule} {v.message}" for v in result.violations] == []


def test_defective_report_gets_each_planted_defect(default_packs) -> None:
    result = run(
        [str(SAMPLES / "defective_county.txt")], default_packs, RunOptions(keep_text=False)
    )
    found = {(v.line, v.rule) for v in result.violations}
    assert found == {
        (5, "outdated-fazhi-gangyao-2015"),
        (5, "outdated-shijiuda-latest"),
        (5, "fazhi-not-fazhi"),
        (9, "rate-does-not-match-counts"),
        (11, "outdated-qiwu-pufa"),
        (11, "contradictory-approximation"),
        (11, "reversed-slogan"),
        (11, "superseded-xinfang-tiaoli"),
        (13, "heading-number-sequence"),
        (13, "doc-number-bracket"),
        (13, "renamed-covid"),
        (15, "heading-number-sequence"),
        (17, "enumeration-out-of-sequence"),
        (19, "required-section-missing"),
        (19, "plan-section-wrong-year"),
        (21, "announced-count-mismatch"),
        (25, "date-leading-zero"),
    }
    assert len(result.violations) == 18  # two leading zeros on line 25

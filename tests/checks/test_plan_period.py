"""plan_period: a plan whose period ended before the report year, cited as current."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.plan_period import Params, PlanPeriod
from lintreport.document.document import Document
from lintreport.model import Severity
from lintreport.run.runner import lint_text

from ..conftest import ROOT

PERIOD = (
    r"(?:规划|纲要|方案|计划|意见|行动)\s*[（(]?\s*(?P<start>(?:19|20)\d{2})\s*年?\s*"
    r"[-－—\u2013~\uff5e一至到]{1,2}\s*(?P<end>(?:19|20)\d{2})\s*年?\s*[）)]?"
)
FRAMES = ["根据|按照|依据|贯彻落实|紧紧围绕|深入实施"]


def plans(text: str, year: int | None, **overrides: object) -> list[tuple[str, Severity | None]]:
    values: dict[str, object] = {
        "pattern": [PERIOD],
        "frames": FRAMES,
        "historical": ["实施以来|期间"],
        "in_history": "skip",
    }
    values.update(overrides)
    check = PlanPeriod(Params(**values))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=year)
    return [(text[f.start : f.end], f.severity) for f in check.run(doc)]


@pytest.mark.parametrize(
    "period", ["（2016-2020年）", "(2016—2020年)", "（2016一2020年）", "（2016年－2020年）"]
)
def test_ended_period_in_a_book_title_points_at_the_title(period: str) -> None:
    title = f"《河南省法治政府建设实施方案{period}》"
    assert plans(f"根据{title}等文件要求。", 2023) == [(title, None)]


def test_running_period_and_last_year_are_fine() -> None:
    assert plans("紧紧围绕《法治保山建设规划(2021一2025年)》明确的目标任务。", 2022) == []
    assert plans("深入实施《三年行动方案（2022—2024年）》。", 2023) == []
    assert plans("深入实施《三年行动方案（2022—2024年）》。", 2024) == []
    assert plans("深入实施《三年行动方案（2022—2024年）》。", 2025) != []


def test_edition_year_is_not_a_period() -> None:
    assert plans("按照《习近平法治思想学习纲要（2025年版）》组织学习。", 2026) == []


def test_unbracketed_period() -> None:
    assert plans("按照法治建设规划2016一2020年的部署推进。", 2021) == [("规划2016一2020年", None)]


def test_historical_and_unframed() -> None:
    title = "《某某省法治政府建设实施方案（2016-2020年）》"
    assert plans(f"{title}实施以来，各项任务全面完成。", 2023) == []
    assert plans(f"对照{title}开展评估。", 2023) == [(title, Severity.INFO)]
    assert plans(f"对照{title}开展评估。", 2023, unframed="skip") == []


def test_defer_to_a_more_specific_rule() -> None:
    text = "根据《法治政府建设实施纲要（2015-2020年）》推进。"
    assert len(plans(text, 2023)) == 1
    assert plans(text, 2023, defer_to=["法治政府建设实施纲要（2015"]) == []


def test_unknown_year_is_silent() -> None:
    assert plans("根据《某某方案（2016-2020年）》推进。", None) == []


def test_pattern_needs_an_end_group() -> None:
    with pytest.raises(ParamError):
        PlanPeriod(Params(pattern=["规划（2016-2020年）"]))


def test_seed_004_line_7_gets_one_finding_per_plan(default_packs: list) -> None:  # type: ignore[type-arg]
    text = next((ROOT / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    result = lint_text(text, default_packs, path="004.txt")
    line7 = sorted(
        (v.column, v.rule)
        for v in result.violations
        if v.line == 7 and v.category.value == "reference"
    )
    assert [rule for _, rule in line7] == [
        "outdated-fazhi-gangyao-2015",
        "outdated-plan",
        "outdated-plan",
    ]

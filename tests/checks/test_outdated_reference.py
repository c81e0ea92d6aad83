"""outdated_reference: dated knowledge-table rows compared with the report year."""

from __future__ import annotations

import datetime

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.outdated_reference import OutdatedReference, Params, parse_wrong_from
from lintreport.document.document import Document
from lintreport.model import Severity
from lintreport.run.runner import RunOptions, lint_text

from ..conftest import ROOT, run_cli

FRAMES = ["根据|按照|依据|贯彻落实|紧紧围绕|深入实施"]
HISTORY = [r"(?P<year>(?:19|20)\d{2})年以来", "实施以来"]


def kind(**overrides: object) -> OutdatedReference:
    values: dict[str, object] = {
        "patterns": ["《信访条例》"],
        "replaced_by": "《信访工作条例》",
        "wrong_from": "2022-05-01",
        "fixes": {"《信访条例》": "《信访工作条例》"},
    }
    values.update(overrides)
    return OutdatedReference(Params(**values))  # type: ignore[arg-type]


def found(
    check: OutdatedReference, text: str, year: int | None
) -> list[tuple[str, Severity | None]]:
    doc = Document.from_text(text, "x.txt", year=year)
    return [(text[f.start : f.end], f.severity) for f in check.run(doc)]


@pytest.mark.parametrize(
    ("value", "drafting", "events"),
    [
        ("2022-05-01", 2022, 2023),
        (datetime.date(2022, 12, 26), 2022, 2023),
        ("2021-08", 2021, 2022),
        (2021, 2021, 2021),
        ("2024-01-01", 2024, 2024),
    ],
)
def test_first_affected_year_per_comparison(value: object, drafting: int, events: int) -> None:
    parsed = parse_wrong_from(value)
    assert parsed is not None
    assert parsed.first_year("drafting") == drafting
    assert parsed.first_year("events") == events


@pytest.mark.parametrize("value", ["2022/05/01", "22-05-01", "2022-13-01", "soon", True])
def test_bad_dates_are_rejected(value: object) -> None:
    with pytest.raises(ParamError):
        parse_wrong_from(value)


def test_year_gate_drafting() -> None:
    check = kind()
    text = "学习了《信访条例》等法规。"
    assert found(check, text, 2021) == []
    assert found(check, text, 2022) == [("《信访条例》", None)]
    assert found(check, text, None) == []  # year unknown: a time-aware rule stays silent


def test_year_gate_events_skips_the_year_of_the_renaming() -> None:
    check = kind(
        patterns=["新冠肺炎"],
        replaced_by="新冠感染",
        wrong_from="2022-12-26",
        compare="events",
        fixes={},
    )
    assert found(check, "依法应对新冠肺炎疫情。", 2022) == []
    assert found(check, "依法应对新冠肺炎疫情。", 2023) == [("新冠肺炎", None)]


def test_no_wrong_from_means_always_wrong() -> None:
    check = kind(patterns=["推进法治政府建设第一责任人职责规定"], wrong_from=None)
    assert found(check, "《党政主要负责人履行推进法治政府建设第一责任人职责规定》", 2016) != []
    assert found(check, "《党政主要负责人履行推进法治政府建设第一责任人职责规定》", None) != []


def test_frames_and_history() -> None:
    check = kind(
        patterns=["《法治政府建设实施纲要（2015-2020年）》"],
        wrong_from="2021-08-02",
        frames=FRAMES,
        historical=HISTORY,
        unframed="info",
        in_history="skip",
    )
    name = "《法治政府建设实施纲要（2015-2020年）》"
    assert found(check, f"根据{name}等文件要求推进。", 2023) == [(name, None)]
    assert found(check, f"对照{name}，本年度开展自查。", 2023) == [(name, Severity.INFO)]
    assert found(check, f"{name}实施以来，成效明显。", 2023) == []
    assert found(check, f"2016年以来，根据{name}推进。", 2023) == []
    # The report's own year is not history: 2023年以来 in a 2023 report.
    assert found(check, f"2023年以来，根据{name}推进。", 2023) == [(name, None)]


def test_frame_reaches_only_its_clause() -> None:
    check = kind(patterns=["十三五"], wrong_from=2021, frames=FRAMES, unframed="skip")
    assert found(check, "紧紧围绕十三五规划目标。", 2022) == [("十三五", None)]
    assert found(check, "紧紧围绕年度目标，十三五规划收官。", 2022) == []


def test_allow_lists() -> None:
    check = kind(
        patterns=["健全社会主义法制|法制"],
        wrong_from="2018-03-11",
        unless=["法制审核|法制统一"],
        unless_sentence=["制定本规定"],
        fixes={},
    )
    assert found(check, "全面推行重大执法决定法制审核制度。", 2023) == []
    assert found(check, "维护国家法制统一。", 2023) == []
    assert found(check, "根据宪法和法制要求，制定本规定。", 2023) == []
    assert found(check, "健全社会主义法制。", 2023) == [("健全社会主义法制", None)]


def test_overlapping_patterns_give_one_finding() -> None:
    check = kind(patterns=["《信访条例》", "信访条例"], fixes={})
    assert found(check, "学习了《信访条例》。", 2023) == [("《信访条例》", None)]


def test_new_instrument_and_local_regulation_do_not_match() -> None:
    check = kind(patterns=["《信访条例》", "(?<![省市区州县旗])信访条例"])
    assert found(check, "以《信访工作条例》为遵循。", 2024) == []
    assert found(check, "贯彻《浙江省信访条例》。", 2024) == []


def test_finding_carries_message_values_and_fix() -> None:
    check = kind()
    doc = Document.from_text("学习了《信访条例》。", "x.txt", year=2022)
    (finding,) = check.run(doc)
    assert finding.args["since"] == "2022年5月1日"
    assert finding.args["replaced_by"] == "《信访工作条例》"
    assert finding.args["first_year"] == "2022"
    assert finding.replacement == "《信访工作条例》"


def test_history_message_and_severity() -> None:
    check = kind(
        patterns=["扫黑除恶专项斗争"],
        wrong_from="2021-03-29",
        historical=["成果"],
        in_history="info",
        message_history="历史：{match}",
        fixes={},
    )
    doc = Document.from_text("巩固扫黑除恶专项斗争成果。", "x.txt", year=2022)
    (finding,) = check.run(doc)
    assert finding.severity is Severity.INFO
    assert finding.message == "历史：{match}"


def test_unframed_without_frames_is_a_param_error() -> None:
    with pytest.raises(ParamError):
        kind(unframed="info")


def test_explain_prints_dates_and_replacement() -> None:
    lines = "\n".join(kind().explain())
    assert "2022年5月1日" in lines
    assert "2022年及以后" in lines
    assert "《信访工作条例》" in lines
    assert "任何年度" in "\n".join(kind(wrong_from=None).explain())


def _seed_findings(default_packs: list, prefix: str) -> list[tuple[int, str, str]]:  # type: ignore[type-arg]
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    result = lint_text(
        path.read_text(encoding="utf-8"),
        default_packs,
        path=path.name,
        options=RunOptions(select=("reference",)),
    )
    return [(v.line, v.rule, v.message) for v in result.violations]


def test_seed_reference_findings(default_packs: list) -> None:  # type: ignore[type-arg]
    assert [(line, rule) for line, rule, _ in _seed_findings(default_packs, "000")] == [
        (8, "wrong-title-diyi-zerenren")
    ]
    seed1 = _seed_findings(default_packs, "001")
    assert [(line, rule) for line, rule, _ in seed1] == [
        (5, "superseded-xinfang-tiaoli"),
        (6, "inconsistent-document-number"),
        (17, "inconsistent-document-number"),
    ]
    assert "本报告年度为2022年" in seed1[0][2]
    assert "第17行" in seed1[1][2] and "第6行" in seed1[2][2]
    assert [(line, rule) for line, rule, _ in _seed_findings(default_packs, "002")] == [
        (8, "renamed-covid")
    ] * 3
    # 003 cites 《信访工作条例》 and the 二十届二中、三中全会 in a 2024 report: nothing stale.
    assert _seed_findings(default_packs, "003") == []


def test_explain_on_the_command_line() -> None:
    result = run_cli("explain", "outdated-fazhi-gangyao-2015")
    assert result.returncode == 0
    assert "依据：《法治政府建设实施纲要（2021—2025年）》" in result.stdout
    assert "过时日期：2021年8月2日" in result.stdout
    assert "适用的报告年度：2021年及以后" in result.stdout


def test_every_dated_row_pins_its_first_year(default_packs: list) -> None:  # type: ignore[type-arg]
    """Each knowledge-table row has a bad example in its first affected report year and a good
    one in the year before, so a wrong `wrong_from` or `compare` fails the pack tests."""
    rows = [r for p in default_packs for r in p.rules if r.kind == "outdated_reference"]
    assert len(rows) >= 20
    for rule in rows:
        first = rule.check.first_year
        if first is None:
            continue
        assert first in {ex.year for ex in rule.bad}, f"{rule.id}: no bad example in {first}"
        assert first - 1 in {ex.year for ex in rule.good}, (
            f"{rule.id}: no good example in {first - 1}"
        )

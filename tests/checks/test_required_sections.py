"""required_sections, with the pack's own section list (synonyms, forms, causes, order)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.required_sections import Params, RequiredSections, Section
from lintreport.document.document import Document
from lintreport.document.inputs import load_document
from lintreport.model import Severity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kind(default_packs) -> RequiredSections:
    """The pack's section list, reporting every situation (the pack splits them into 4 rules)."""
    rules = {r.id: r for p in default_packs for r in p.rules}
    params = dataclasses.replace(
        rules["required-section-missing"].params,
        report=["missing", "weak", "partial", "order"],
        message_weak=rules["required-section-weak-form"].message,
        message_partial=rules["required-section-causes-missing"].message,
        message_order=rules["required-section-out-of-order"].message,
    )
    return RequiredSections(params)


def test_the_pack_splits_the_situations_into_rules(default_packs) -> None:
    rules = {r.id: r for p in default_packs for r in p.rules if r.kind == "required_sections"}
    assert {rid: r.params.report for rid, r in rules.items()} == {
        "required-section-missing": ["missing"],
        "required-section-weak-form": ["weak"],
        "required-section-causes-missing": ["partial"],
        "required-section-out-of-order": ["order"],
    }
    # one list of sections and synonyms, shared through a YAML anchor
    assert len({repr(r.params.sections) for r in rules.values()}) == 1


def findings(kind: RequiredSections, doc: Document) -> list[tuple[int, str, Severity | None, str]]:
    out = []
    for f in kind.run(doc):
        line, _ = doc.position(f.start)
        what = "missing" if f.message is None else f.message.split("“")[0] or "weak/partial"
        out.append((line, f.args["section"], f.severity, doc.text[f.start : f.end] or what))
    return out


def seed(name: str) -> Document:
    path = next((ROOT / "seeds").glob(f"{name}_*.txt"))
    return load_document(path, str(path))


def test_seed_000_missing_deficiencies_and_weak_plan(kind) -> None:
    got = findings(kind, seed("000"))
    assert (15, "存在的不足和原因", None, "missing") in got
    assert (15, "下一年度推进法治政府建设的主要安排", Severity.WARNING, "下一步，") in got
    # the 第一责任人 duty is discussed in 一、's first paragraph: accepted by the pack
    assert not any("第一责任人" in section for _, section, _, _ in got)
    assert len(got) == 2


def test_seed_001_department_structure_satisfies_first_responsible(kind) -> None:
    assert findings(kind, seed("001")) == []


def test_seed_003_lost_numeral_heading_still_counts(kind) -> None:
    got = findings(kind, seed("003"))
    assert [(line, s, sev) for line, s, sev, _ in got] == [
        (27, "存在的不足和原因", Severity.WARNING)  # 存在问题 without any cause
    ]


def test_seed_002_sharing_copy_weak_forms(kind) -> None:
    got = findings(kind, seed("002"))
    assert sorted((line, sev) for line, _, sev, _ in got) == [
        (14, Severity.WARNING),
        (14, Severity.WARNING),
        (15, Severity.WARNING),
    ]


def test_all_sections_as_headings(kind) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）深化学法。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人亲自部署。\n"
        "三、存在的不足和原因\n一是制度不健全，究其原因是重视不够。\n四、2024年工作打算\n一是完善机制。\n"
    )
    assert findings(kind, Document.from_text(text, "x.txt")) == []


def test_out_of_order_is_info(kind) -> None:
    text = (
        "一、主要举措和成效\n主要负责人履行第一责任人职责。\n二、下步工作安排\n一是完善。\n"
        "三、存在问题\n一是制度不健全，原因是重视不够。\n"
    )
    got = findings(kind, Document.from_text(text, "x.txt"))
    # the plan comes before the 不足 section it should follow
    assert got == [(3, "下一年度推进法治政府建设的主要安排", Severity.INFO, "下步工作安排")]


def test_sentence_in_the_opening_does_not_stand_in_for_a_section(kind) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n县委：\n"
        "2023年，我办虽然取得成效，但还存在一些不足。下一步，我们将继续努力。\n"
        "一、主要举措和成效\n主要负责人履行第一责任人职责。\n"
    )
    got = findings(kind, Document.from_text(text, "x.txt"))
    assert [(line, sev) for line, _, sev, _ in got] == [(5, None)]
    assert "存在的不足和原因" in got[0][1] and "主要安排" in got[0][1]


def test_citing_the_regulation_is_not_reporting_on_it(kind) -> None:
    text = (
        "一、主要举措和成效\n严格按照《党政主要负责人履行推进法治建设第一责任人职责规定》要求开展工作。\n"
        "二、存在的不足和原因\n原因主要是重视不够。\n三、下一年度工作安排\n一是完善。\n"
    )
    got = findings(kind, Document.from_text(text, "x.txt", year=2023))
    assert [(line, s) for line, s, _, _ in got] == [
        (5, "党政主要负责人履行推进法治建设第一责任人职责情况")
    ]


def test_params_are_validated() -> None:
    common = {"message_weak": "{section}", "message_partial": "{missing}", "message_order": "x"}
    with pytest.raises(ParamError):
        RequiredSections(Params(sections=[], **common))
    with pytest.raises(ParamError):
        RequiredSections(Params(sections=[Section(name="甲")], **common))
    with pytest.raises(ParamError):
        RequiredSections(
            Params(
                sections=[Section(name="甲", headings=["甲"])],
                **{**common, "message_order": "{nope}"},
            )
        )

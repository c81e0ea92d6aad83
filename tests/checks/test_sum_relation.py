"""sum_relation: a stated total and its listed parts."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.sum_relation import Params, SumRelation
from lintreport.document.document import Document


def findings(text: str, **params: object) -> list[tuple[str, dict[str, str]]]:
    check = SumRelation(Params(**params))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt", year=2023)
    return [(text[f.start : f.end], dict(f.args)) for f in check.run(doc)]


PAREN = {"shape": "parenthesised", "relation": "at_most"}
QIZHONG = {"shape": "opener", "relation": "at_most", "openers": ["其中"]}
AFTER = {"shape": "total_after", "relation": "equal"}
FENBIE = {"shape": "opener", "relation": "equal", "openers": ["分别为"]}


def test_seed_004_nested_breakdown_is_consistent() -> None:
    text = (
        "截至目前，我办行政复议受理共88件（结案63件、维持38件、撤销1件、驳回8件，责令3件，"
        "申请人撤回复议申请13件）相较于去年减少了339件。"
    )
    assert findings(text, **PAREN) == []


def test_seed_004_breakdown_with_a_wrong_subtotal_is_reported_at_the_total() -> None:
    text = "受理共88件（结案64件、维持38件、撤销1件、驳回8件，责令3件，申请人撤回复议申请13件）。"
    [(span, args)] = findings(text, **PAREN)
    assert span == "88件"
    assert args["sum"] == "127"


def test_parts_exceeding_the_total_point_at_the_total() -> None:
    [(span, args)] = findings("全年共办理行政复议案件20件（维持12件、撤销6件、驳回5件）。", **PAREN)
    assert span == "20件"
    assert args["sum_phrase"] == "为 23"
    assert args["parts"] == "12件+6件+5件"


def test_partial_parenthesised_breakdown_is_fine() -> None:
    assert findings("全年共办理行政复议案件25件（其中维持12件、撤销6件）。", **PAREN) == []


def test_approximate_part_can_still_break_a_bound() -> None:
    [(span, args)] = findings("征订发放普法书籍共200本（其中法律读本300余本）。", **PAREN)
    assert span == "200本"
    assert args["sum_phrase"] == "至少为 300"


def test_approximate_total_is_an_upper_bound_only_as_far_as_it_goes() -> None:
    assert findings("受理群众诉求近44万件（其中咨询20万余件、投诉10万余件）。", **PAREN) == []
    assert findings("受理群众诉求近44万件（其中咨询30万余件、投诉20万件）。", **PAREN) != []


def test_explicit_nested_brackets_check_the_subtotal() -> None:
    text = "受理共88件（结案63件（维持38件、撤销10件、驳回8件、责令3件、撤回13件））。"
    [(span, args)] = findings(text, **PAREN)
    assert span == "63件"
    assert args["sum"] == "72"


def test_units_must_agree() -> None:
    assert findings("审查文件30件（涉及50个部门、12个乡镇）。", **PAREN) == []


def test_qizhong_breakdown_with_chinese_numerals() -> None:
    [(span, _)] = findings("全年受理群众诉求十四件，其中转办十件、直接答复五件。", **QIZHONG)
    assert span == "十四件"
    assert findings("全年受理群众诉求十五件，其中转办十件、直接答复五件。", **QIZHONG) == []


def test_qizhong_stops_at_a_change_or_another_unit() -> None:
    assert findings("全年办理案件100件，其中维持60件，同比增加50件。", **QIZHONG) == []
    assert findings("收到申请120件，其中受理96件，受理率80%，审结150件。", **QIZHONG) == []
    assert findings("运行各类事项1万余条，其中执法信息1000余条。", **QIZHONG) == []


def test_total_after_parts_must_be_equal() -> None:
    [(span, args)] = findings("全年维持原行政行为10件、撤销12件，合计25件。", **AFTER)
    assert span == "25件"
    assert (args["sum"], args["total"], args["unit"]) == ("22", "25", "件")
    assert findings("全年维持原行政行为10件、撤销12件，合计22件。", **AFTER) == []


def test_total_after_with_approximate_parts_never_fails_equality() -> None:
    assert findings("组织集中学习10余次、专题讲座5次，共计18次。", **AFTER) == []


def test_total_after_needs_two_parts_and_no_deng() -> None:
    assert findings("但合计仅有专职人员7人。", **AFTER) == []
    assert findings("维持10件、撤销12件等，合计25件。", **AFTER) == []


def test_fenbie_is_a_complete_list() -> None:
    [(span, _)] = findings("全年审结案件25件，分别为维持10件、撤销12件。", **FENBIE)
    assert span == "25件"
    assert findings("全年审结案件25件，分别为维持10件、撤销12件等。", **FENBIE) == []
    assert findings("全年审结案件25件，分别为维持10件、撤销15件。", **FENBIE) == []


def test_tolerance_allows_a_small_difference() -> None:
    text = "全年维持原行政行为10件、撤销12件，合计23件。"
    assert findings(text, **AFTER, tolerance=1.0) == []


def test_opener_shape_needs_openers() -> None:
    with pytest.raises(ParamError):
        SumRelation(Params(shape="opener", openers=[]))

"""nested_title_marks: 《…《…》…》 and 《…<…>…》 instead of 《…〈…〉…》."""

from __future__ import annotations

from lintreport.checks.nested_title_marks import NestedTitleMarks, Params
from lintreport.document.document import Document


def nested(text: str) -> list[tuple[str, str | None]]:
    doc = Document.from_text(text, "x.txt")
    return [(text[f.start : f.end], f.replacement) for f in NestedTitleMarks(Params()).run(doc)]


def test_angle_brackets_inside_title_seed_000() -> None:
    text = "印发《贯彻落实<关于加强对“一把手”和领导班子监督的若干措施>责任清单》等文件。"
    assert nested(text) == [
        (
            "<关于加强对“一把手”和领导班子监督的若干措施>",
            "〈关于加强对“一把手”和领导班子监督的若干措施〉",
        )
    ]


def test_double_marks_inside_double_marks() -> None:
    assert nested("转发《关于印发《实施纲要》的通知》。") == [("《实施纲要》", "〈实施纲要〉")]


def test_full_width_angle_brackets() -> None:
    lt, gt = "\uff1c", "\uff1e"  # full-width < and >
    assert nested(f"《贯彻落实{lt}若干措施{gt}清单》") == [(f"{lt}若干措施{gt}", "〈若干措施〉")]


def test_correct_nesting_and_third_level() -> None:
    assert nested("《关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》") == []
    assert nested("《关于转发〈关于印发《实施纲要》的通知〉的通知》") == []


def test_adjacent_titles_and_comparisons_are_not_nested() -> None:
    assert nested("学习《宪法》《民法典》，a<b 且 c>d，《标题》中 x<y。") == []


def test_third_level_inside_a_wrong_second_level_is_correct() -> None:
    found = nested("《转发《关于印发《纲要》的通知》的通知》")
    assert found == [("《关于印发《纲要》的通知》", "〈关于印发《纲要》的通知〉")]


def test_no_fix_across_a_line_break() -> None:
    found = nested("《贯彻<若干\n措施>清单》\n")
    assert found == [("<若干\n措施>", None)]
